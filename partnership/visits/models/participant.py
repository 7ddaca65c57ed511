"""People in a visit. Date of birth and document number are sensitive (see access.can_see_sensitive)."""

import enum
import secrets
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from partnership.db import TimestampMixin, UTCDateTime, enum_column
from partnership.extensions import BaseModel
from partnership.partners.models import Organisation
from partnership.text import fold
from partnership.visits.models.visit import Visit


class ParticipantRole(enum.Enum):
    student = "student"
    staff = "staff"
    lead = "lead"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    ParticipantRole.student: _l("Student"),
    ParticipantRole.staff: _l("Accompanying staff"),
    ParticipantRole.lead: _l("Delegation lead"),
}


def new_pass_token() -> str:
    """The secret in a badge's QR code: it opens the person's gate pass, so it is random, not the id."""
    return secrets.token_urlsafe(24)


class Participant(TimestampMixin, BaseModel):
    __tablename__ = "participants"
    # A visit's list, by organisation and name.
    __table_args__ = (Index("ix_participants_visit_organisation_name", "visit_id", "organisation_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[ParticipantRole] = mapped_column(enum_column(ParticipantRole), default=ParticipantRole.student)
    nationality: Mapped[str | None] = mapped_column(String(2))
    faculty: Mapped[str | None] = mapped_column(String(300))
    date_of_birth: Mapped[date | None]
    document_number: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(254))
    # The language of the messages sent to them; None: that of their liaison, else English.
    language: Mapped[str | None] = mapped_column(String(8))
    diet: Mapped[str | None] = mapped_column(String(200))
    access_needs: Mapped[str | None] = mapped_column(Text)
    medical_clearance: Mapped[bool] = mapped_column(default=False)
    ppe_issued: Mapped[bool] = mapped_column(default=False)
    # Protective equipment sizes (participants.sizes): a helmet in cm or S–XL, EU boots, a vest XS–XXXL.
    helmet_size: Mapped[str | None] = mapped_column(String(8))
    boot_size: Mapped[str | None] = mapped_column(String(8))
    vest_size: Mapped[str | None] = mapped_column(String(8))
    # Folded name: the same person typed twice (any case, any apostrophe) is found as a duplicate.
    name_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    # When the person's data was erased (participants.services.erase_participant): the row stays,
    # anonymised, so that the visit's figures stay right.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    pass_token: Mapped[str] = mapped_column(String(43), unique=True, default=new_pass_token)

    visit: Mapped[Visit] = relationship(back_populates="participants")
    organisation: Mapped[Organisation] = relationship()

    def __repr__(self) -> str:
        return f"<Participant {self.id} {self.full_name!r}>"

    @validates("full_name")
    def _refresh_key(self, key, value):
        self.name_key = fold(value)
        return value

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def missing_data(self) -> list[str]:
        """What a visit needs of this person and is not yet known (the liaison's to-do)."""
        if self.is_erased:
            return []
        missing = []
        if not self.nationality:
            missing.append("nationality")
        if self.date_of_birth is None:
            missing.append("date_of_birth")
        if not self.document_number:
            missing.append("document_number")
        return missing
