"""Agreements and memoranda: parties, history of amendments and renewals, signed scans."""

import enum
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    and_,
    case,
    or_,
)
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship, validates

from partnership.db import TimestampMixin, UTCDateTime, enum_column, utcnow
from partnership.extensions import BaseModel
from partnership.partners.models import Organisation
from partnership.text import fold


class AgreementKind(enum.Enum):
    mou = "mou"
    cooperation = "cooperation"
    contract = "contract"
    branch_department = "branch_department"
    framework = "framework"
    other = "other"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    AgreementKind.mou: _l("Memorandum of understanding"),
    AgreementKind.cooperation: _l("Cooperation agreement"),
    AgreementKind.contract: _l("Contract"),
    AgreementKind.branch_department: _l("Branch-department agreement"),
    AgreementKind.framework: _l("Framework agreement"),
    AgreementKind.other: _l("Other"),
}


class AgreementStatus(enum.Enum):
    draft = "draft"
    active = "active"
    expiring = "expiring"
    expired = "expired"
    terminated = "terminated"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    AgreementStatus.draft: _l("Draft"),
    AgreementStatus.active: _l("Active"),
    AgreementStatus.expiring: _l("Expiring soon"),
    AgreementStatus.expired: _l("Expired"),
    AgreementStatus.terminated: _l("Terminated"),
}


class Agreement(TimestampMixin, BaseModel):
    __tablename__ = "agreements"
    __table_args__ = (
        CheckConstraint(
            "expires_on IS NULL OR effective_on IS NULL OR expires_on >= effective_on", name="dates_ordered"
        ),
        # The list's order: by expiry, open-ended last (NULLS LAST, as a B-tree keeps them).
        Index("ix_agreements_expires_on_reference", "expires_on", "reference"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(100), unique=True)
    # The reference folded (case, apostrophes, spaces), so "ag-1" and "AG-1" are one reference.
    reference_key: Mapped[str] = mapped_column(String(300), unique=True)
    # Texts kept in three languages (partnership/languages.py): the column is the English.
    TRANSLATED = ("title", "objectives")
    title: Mapped[str] = mapped_column(String(500))
    title_ru: Mapped[str | None] = mapped_column(String(500))
    title_uz: Mapped[str | None] = mapped_column(String(500))
    kind: Mapped[AgreementKind] = mapped_column(enum_column(AgreementKind))
    objectives: Mapped[str | None] = mapped_column(Text)
    objectives_ru: Mapped[str | None] = mapped_column(Text)
    objectives_uz: Mapped[str | None] = mapped_column(Text)
    signed_on: Mapped[date | None]
    effective_on: Mapped[date | None]
    expires_on: Mapped[date | None] = mapped_column(index=True)
    terminated_on: Mapped[date | None]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id", ondelete="SET NULL"), index=True)
    # Folded reference and title for case-insensitive search in any script.
    search_text: Mapped[str] = mapped_column(Text)

    parent: Mapped["Agreement | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Agreement"]] = relationship(back_populates="parent", order_by="Agreement.reference")
    parties: Mapped[list["AgreementParty"]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementParty.position"
    )
    events: Mapped[list["AgreementEvent"]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementEvent.id"
    )
    attachments: Mapped[list["Attachment"]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="Attachment.id"
    )

    def __repr__(self) -> str:
        return f"<Agreement {self.reference}>"

    @validates("reference", "title", "title_ru", "title_uz")
    def _refresh_search(self, key, value):
        names = ("reference", "title", "title_ru", "title_uz")
        values = {name: getattr(self, name, None) for name in names} | {key: value}
        self.reference_key = reference_key(values["reference"])
        self.search_text = " | ".join(fold(v) for v in values.values() if v)
        return value

    def _status(self, today: date, window_days: int) -> AgreementStatus:
        bounds = _bounds(today, window_days)
        for status, conditions in STATUS_RULES:
            if all(_holds(getattr(self, condition[0]), condition, bounds) for condition in conditions):
                return status
        return AgreementStatus.active

    def _status_expression(cls, today: date, window_days: int):  # noqa: N805  (called on the class)
        return case(
            *[(cls.status_is(status, today, window_days), status.value) for status, _ in STATUS_RULES],
            else_=AgreementStatus.active.value,
        )

    # Derived from dates and actions by ``STATUS_RULES``; in SQL, a CASE giving the status's value.
    status = hybrid_method(_status, _status_expression)

    @classmethod
    def status_is(cls, status: AgreementStatus, today: date, window_days: int):
        """SQL: the agreement has ``status``, by the same rules (the first that holds), in plain
        comparisons of the date columns that their indexes serve."""
        bounds = _bounds(today, window_days)
        earlier: list = []  # no earlier rule holds
        for rule_status, conditions in STATUS_RULES:
            if rule_status is status:
                return and_(*earlier, *[_sql(getattr(cls, c[0]), c, bounds) for c in conditions])
            earlier.append(or_(*[_sql_not(getattr(cls, c[0]), c, bounds) for c in conditions]))
        return and_(*earlier)

    @property
    def organisations(self) -> list[Organisation]:
        return [party.organisation for party in self.parties]

    @property
    def is_terminated(self) -> bool:
        return self.terminated_on is not None

    @property
    def is_draft(self) -> bool:
        return self.signed_on is None


# An organisation's agreements on its page (``queries.of_organisation``): open-ended first, then
# the latest expiry; the host company is party to all of them. A descending B-tree column keeps
# its NULLs first (PostgreSQL), so the page's order reads straight off this index.
Index("ix_agreements_expires_on_desc_reference", Agreement.expires_on.desc(), Agreement.reference)


# The status rule, once, for Python and SQL alike: the first rule whose conditions all hold
# gives the status; when none holds the agreement is active. A condition is (date column,
# test, bound): "set" or "unset", or "before" or "until" a bound, where "horizon" is today
# plus the expiry window.
STATUS_RULES: tuple[tuple[AgreementStatus, tuple[tuple[str, ...], ...]], ...] = (
    (AgreementStatus.terminated, (("terminated_on", "set"),)),
    (AgreementStatus.draft, (("signed_on", "unset"),)),
    (AgreementStatus.expired, (("expires_on", "before", "today"),)),
    (AgreementStatus.expiring, (("expires_on", "until", "horizon"),)),
)


def _bounds(today: date, window_days: int) -> dict[str, date]:
    return {"today": today, "horizon": today + timedelta(days=window_days)}


def _holds(value: date | None, condition: tuple[str, ...], bounds: dict[str, date]) -> bool:
    test = condition[1]
    if test in ("set", "unset"):
        return (value is not None) == (test == "set")
    bound = bounds[condition[2]]
    return value is not None and (value < bound if test == "before" else value <= bound)


def _sql(column, condition: tuple[str, ...], bounds: dict[str, date]):
    test = condition[1]
    if test in ("set", "unset"):
        return column.is_not(None) if test == "set" else column.is_(None)
    bound = bounds[condition[2]]
    return column < bound if test == "before" else column <= bound  # NULL compares as not true


def _sql_not(column, condition: tuple[str, ...], bounds: dict[str, date]):
    """The negation, where a NULL date fails every comparison as ``_holds`` does."""
    test = condition[1]
    if test in ("set", "unset"):
        return column.is_(None) if test == "set" else column.is_not(None)
    bound = bounds[condition[2]]
    return or_(column.is_(None), column >= bound if test == "before" else column > bound)


def reference_key(reference: str | None) -> str:
    return fold(reference)


class AgreementParty(BaseModel):
    """One organisation's part in an agreement: who signed for it and when."""

    __tablename__ = "agreement_parties"
    __table_args__ = (UniqueConstraint("agreement_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    signatory_name: Mapped[str | None] = mapped_column(String(200))
    TRANSLATED = ("signatory_title",)
    signatory_title: Mapped[str | None] = mapped_column(String(200))  # the signatory's position
    signatory_title_ru: Mapped[str | None] = mapped_column(String(200))
    signatory_title_uz: Mapped[str | None] = mapped_column(String(200))
    signed_on: Mapped[date | None]

    agreement: Mapped[Agreement] = relationship(back_populates="parties")
    organisation: Mapped[Organisation] = relationship()


class EventKind(enum.Enum):
    created = "created"
    amended = "amended"
    renewed = "renewed"
    terminated = "terminated"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS = {
    EventKind.created: _l("Recorded"),
    EventKind.amended: _l("Amendment"),
    EventKind.renewed: _l("Renewal"),
    EventKind.terminated: _l("Termination"),
}


class AgreementEvent(BaseModel):
    """The agreement's history: amendments, renewals (with the expiry they replaced), termination."""

    __tablename__ = "agreement_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    occurred_on: Mapped[date]
    description: Mapped[str | None] = mapped_column(Text)
    previous_expires_on: Mapped[date | None]
    new_expires_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    agreement: Mapped[Agreement] = relationship(back_populates="events")
    recorded_by = relationship("User")


class Attachment(BaseModel):
    """A signed scan (PDF), kept in the database so every app server and every backup has it."""

    __tablename__ = "agreement_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    agreement: Mapped[Agreement] = relationship(back_populates="attachments")
    uploaded_by = relationship("User")
