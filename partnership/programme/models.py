"""A visit's itinerary: slots at sites with their guides and attendees, and who attended.

Times are naive datetimes in the company's local time (``BABEL_DEFAULT_TIMEZONE``,
Asia/Tashkent): a visit is planned on the site's clock, not in UTC."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from partnership.accounts.models import User
from partnership.db import TimestampMixin, UTCDateTime
from partnership.extensions import BaseModel, db
from partnership.sites.models import Guide, Site
from partnership.visits.models import Participant, Visit, VisitStatus

# Visits whose itinerary holds people at sites: their items count against capacity
# and keep guides busy. A rejected or cancelled visit's items hold nobody.
OCCUPYING = frozenset({VisitStatus.approved, VisitStatus.confirmed, VisitStatus.completed})
# Visits whose itinerary coordinators may still plan.
PLANNABLE = frozenset({VisitStatus.approved, VisitStatus.confirmed})
# Visits whose attendance may be recorded (on the day of an item or after it).
ATTENDANCE_OPEN = OCCUPYING

itinerary_extra_guides = Table(
    "itinerary_extra_guides",
    db.metadata,
    Column("item_id", ForeignKey("itinerary_items.id", ondelete="CASCADE"), primary_key=True),
    Column("guide_id", ForeignKey("guides.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ItineraryItem(TimestampMixin, BaseModel):
    __tablename__ = "itinerary_items"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="times_ordered"),
        Index("ix_itinerary_items_site_id_starts_at", "site_id", "starts_at"),  # a site's day and calendar
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    # The guide who leads the group; ``extra_guides`` help with a group too large for one.
    guide_id: Mapped[int | None] = mapped_column(ForeignKey("guides.id", ondelete="SET NULL"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    TRANSLATED = ("activity", "meeting_point")  # partnership/languages.py: the column is the English
    activity: Mapped[str] = mapped_column(String(300))
    activity_ru: Mapped[str | None] = mapped_column(String(300))
    activity_uz: Mapped[str | None] = mapped_column(String(300))
    meeting_point: Mapped[str | None] = mapped_column(String(200))
    meeting_point_ru: Mapped[str | None] = mapped_column(String(200))
    meeting_point_uz: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    attendance_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attendance_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    visit: Mapped[Visit] = relationship(
        backref=backref(
            "itinerary_items",
            order_by="ItineraryItem.starts_at",
            cascade="all, delete-orphan",
            passive_deletes=True,
        )
    )
    site: Mapped[Site] = relationship()
    guide: Mapped[Guide | None] = relationship(foreign_keys=[guide_id])
    extra_guides: Mapped[list[Guide]] = relationship(secondary=itinerary_extra_guides, order_by=Guide.name)
    attendance_recorded_by: Mapped[User | None] = relationship(foreign_keys=[attendance_recorded_by_id])
    attendances: Mapped[list["ItineraryAttendee"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", passive_deletes=True
    )
    # The people planned to attend (read as a list of Participant).
    attendees: AssociationProxy[list[Participant]] = association_proxy(
        "attendances", "participant", creator=lambda participant: ItineraryAttendee(participant=participant)
    )

    def __repr__(self) -> str:
        return f"<ItineraryItem {self.id} visit={self.visit_id} site={self.site_id} {self.starts_at:%Y-%m-%d %H:%M}>"

    @property
    def day(self) -> date:
        return self.starts_at.date()

    @property
    def guides(self) -> list[Guide]:
        """Every guide with the group, the leading one first."""
        return ([self.guide] if self.guide else []) + [g for g in self.extra_guides if g is not self.guide]

    @property
    def attendance_recorded(self) -> bool:
        return self.attendance_recorded_at is not None

    @property
    def attended_count(self) -> int:
        return sum(1 for a in self.attendances if a.attended)


class ItineraryAttendee(BaseModel):
    """A participant planned for an item; ``attended`` says whether they came (None: not recorded)."""

    __tablename__ = "itinerary_attendees"

    item_id: Mapped[int] = mapped_column(ForeignKey("itinerary_items.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    attended: Mapped[bool | None]
    # At the gate (``partnership.gate``): when the badge was scanned in and out, and by whom last.
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    item: Mapped[ItineraryItem] = relationship(back_populates="attendances")
    participant: Mapped[Participant] = relationship()

    @property
    def is_here(self) -> bool:
        return self.checked_in_at is not None and self.checked_out_at is None
