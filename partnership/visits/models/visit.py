"""A delegation's visit: visiting organisations, legal basis, lifecycle and its history."""

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from partnership.agreements.models import Agreement
from partnership.core.roles import STAFF, Role
from partnership.db import TimestampMixin, UTCDateTime, enum_column, utcnow
from partnership.extensions import BaseModel, db
from partnership.partners.models import Organisation
from partnership.text import fold

if TYPE_CHECKING:
    from partnership.accounts.models import User
    from partnership.visits.models.participant import Participant


class VisitStatus(enum.Enum):
    draft = "draft"
    requested = "requested"
    approved = "approved"
    confirmed = "confirmed"
    completed = "completed"
    rejected = "rejected"
    cancelled = "cancelled"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def badge(self) -> str:
        """Bootstrap colour of the status badge."""
        return STATUS_BADGES[self]

    @property
    def is_closed(self) -> bool:
        return self in (VisitStatus.completed, VisitStatus.rejected, VisitStatus.cancelled)


STATUS_LABELS = {
    VisitStatus.draft: _l("Draft"),
    VisitStatus.requested: _l("Requested"),
    VisitStatus.approved: _l("Approved"),
    VisitStatus.confirmed: _l("Confirmed"),
    VisitStatus.completed: _l("Completed"),
    VisitStatus.rejected: _l("Rejected"),
    VisitStatus.cancelled: _l("Cancelled"),
}

STATUS_BADGES = {
    VisitStatus.draft: "secondary",
    VisitStatus.requested: "info",
    VisitStatus.approved: "primary",
    VisitStatus.confirmed: "success",
    VisitStatus.completed: "dark",
    VisitStatus.rejected: "danger",
    VisitStatus.cancelled: "warning",
}

EVERYONE_WHO_ACTS = (*STAFF, Role.liaison)


class Transition:
    """One allowed move: the states it leaves, the roles that may make it, its button label."""

    def __init__(self, to: VisitStatus, sources, roles, label, liaison_sources=None):
        self.to = to
        self.sources = frozenset(sources)
        self.roles = frozenset(roles)
        self.label = label
        # A liaison may make some moves only from fewer states than staff (cancel).
        self.liaison_sources = frozenset(liaison_sources) if liaison_sources is not None else self.sources

    def allows(self, role: Role, source: VisitStatus) -> bool:
        if role not in self.roles:
            return False
        sources = self.liaison_sources if role is Role.liaison else self.sources
        return source in sources


S = VisitStatus
TRANSITIONS: dict[VisitStatus, Transition] = {
    t.to: t
    for t in (
        Transition(S.requested, {S.draft}, EVERYONE_WHO_ACTS, _l("Submit request")),
        Transition(S.approved, {S.requested}, STAFF, _l("Approve")),
        Transition(S.rejected, {S.requested, S.approved}, STAFF, _l("Reject")),
        Transition(S.confirmed, {S.approved}, STAFF, _l("Confirm")),
        Transition(S.completed, {S.confirmed}, STAFF, _l("Mark completed")),
        Transition(
            S.cancelled,
            {S.draft, S.requested, S.approved, S.confirmed},
            EVERYONE_WHO_ACTS,
            _l("Cancel visit"),
            liaison_sources={S.draft, S.requested},
        ),
    )
}
del S

# The states in which a liaison still edits the request itself.
LIAISON_EDITABLE = frozenset({VisitStatus.draft, VisitStatus.requested})
# The states in which a liaison may still add, change or remove their participants.
PARTICIPANTS_OPEN = frozenset({VisitStatus.draft, VisitStatus.requested, VisitStatus.approved, VisitStatus.confirmed})
# The states of a request that may still be combined into another visit.
MERGEABLE = frozenset({VisitStatus.draft, VisitStatus.requested, VisitStatus.approved})


visit_organisations = Table(
    "visit_organisations",
    db.metadata,
    Column("visit_id", ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), primary_key=True, index=True),
)

visit_agreements = Table(
    "visit_agreements",
    db.metadata,
    Column("visit_id", ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    Column("agreement_id", ForeignKey("agreements.id"), primary_key=True, index=True),
)


class Visit(TimestampMixin, BaseModel):
    __tablename__ = "visits"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="dates_ordered"),
        Index("ix_visits_status_starts_on", "status", "starts_on"),  # the list filtered by status
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Texts kept in three languages (partnership/languages.py): the column is the English.
    TRANSLATED = ("title", "purpose", "account", "outcomes")
    title: Mapped[str] = mapped_column(String(300))
    title_ru: Mapped[str | None] = mapped_column(String(300))
    title_uz: Mapped[str | None] = mapped_column(String(300))
    purpose: Mapped[str | None] = mapped_column(Text)
    purpose_ru: Mapped[str | None] = mapped_column(Text)
    purpose_uz: Mapped[str | None] = mapped_column(Text)
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date] = mapped_column(index=True)  # calendars: visits overlapping a period
    status: Mapped[VisitStatus] = mapped_column(enum_column(VisitStatus), default=VisitStatus.draft, index=True)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # The coordinator's written account of the visit, for its report; then what came of it.
    account: Mapped[str | None] = mapped_column(Text)
    account_ru: Mapped[str | None] = mapped_column(Text)
    account_uz: Mapped[str | None] = mapped_column(Text)
    outcomes: Mapped[str | None] = mapped_column(Text)
    outcomes_ru: Mapped[str | None] = mapped_column(Text)
    outcomes_uz: Mapped[str | None] = mapped_column(Text)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Folded titles (all three languages) for case-insensitive search in any script.
    search_text: Mapped[str] = mapped_column(Text, default="")

    coordinator: Mapped["User | None"] = relationship(foreign_keys=[coordinator_id])
    created_by: Mapped["User | None"] = relationship(foreign_keys=[created_by_id])
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=visit_organisations, order_by=Organisation.name_key
    )
    agreements: Mapped[list[Agreement]] = relationship(secondary=visit_agreements, order_by=Agreement.reference)
    participants: Mapped[list["Participant"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="Participant.id"
    )
    transitions: Mapped[list["VisitTransition"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitTransition.id"
    )

    def __repr__(self) -> str:
        return f"<Visit {self.id} {self.title!r} {self.status.value}>"

    @validates("title", "title_ru", "title_uz")
    def _refresh_search(self, key, value):
        titles = {name: getattr(self, name, None) for name in ("title", "title_ru", "title_uz")} | {key: value}
        self.search_text = fold(" ".join(title for title in titles.values() if title))
        return value

    @property
    def organisation_ids(self) -> set[int]:
        return {organisation.id for organisation in self.organisations}

    def allowed_transitions(self, user) -> list[Transition]:
        """The moves ``user``'s role may make from the current state (ownership is checked in access)."""
        return [t for t in TRANSITIONS.values() if t.allows(user.role, self.status)]


class VisitTransition(BaseModel):
    """One step of a visit's history: who moved it from which state to which, when, and why."""

    __tablename__ = "visit_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    # None for the visit's creation.
    from_status: Mapped[VisitStatus | None] = mapped_column(enum_column(VisitStatus))
    to_status: Mapped[VisitStatus] = mapped_column(enum_column(VisitStatus))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)

    visit: Mapped[Visit] = relationship(back_populates="transitions")
    actor: Mapped["User | None"] = relationship()
