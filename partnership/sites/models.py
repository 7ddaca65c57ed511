"""Company sites a delegation can visit, their safety rules and the guides who lead groups there."""

import enum
from datetime import date, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from partnership.db import TimestampMixin, enum_column
from partnership.extensions import BaseModel, db
from partnership.text import fold


class SiteKind(enum.Enum):
    mine = "mine"
    museum = "museum"
    training_centre = "training_centre"
    plant = "plant"
    department = "department"
    other = "other"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    SiteKind.mine: _l("Mine"),
    SiteKind.museum: _l("Museum"),
    SiteKind.training_centre: _l("Training centre"),
    SiteKind.plant: _l("Plant"),
    SiteKind.department: _l("Department"),
    SiteKind.other: _l("Other"),
}

# Monday is 0, as in ``date.weekday()``.
WEEKDAY_LABELS = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)
WORKING_WEEK = frozenset(range(5))


def days_to_mask(days) -> int:
    return sum(1 << day for day in set(days))


def mask_to_days(mask: int) -> frozenset[int]:
    return frozenset(day for day in range(7) if mask & (1 << day))


site_guides = Table(
    "site_guides",
    db.metadata,
    Column("site_id", ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True),
    Column("guide_id", ForeignKey("guides.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Site(TimestampMixin, BaseModel):
    __tablename__ = "sites"
    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("open_days >= 0 AND open_days < 128", name="open_days_mask"),
        CheckConstraint("closes_at > opens_at", name="hours_ordered"),
        CheckConstraint("min_age IS NULL OR min_age >= 0", name="min_age_not_negative"),
        CheckConstraint("max_group_per_guide IS NULL OR max_group_per_guide > 0", name="group_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Texts kept in three languages (partnership/languages.py): the column is the English.
    TRANSLATED = ("name", "location", "safety_notes")
    name: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str | None] = mapped_column(String(200))
    name_uz: Mapped[str | None] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[SiteKind] = mapped_column(enum_column(SiteKind))
    location: Mapped[str | None] = mapped_column(String(300))
    location_ru: Mapped[str | None] = mapped_column(String(300))
    location_uz: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    # People on the site at once, over every visit.
    capacity: Mapped[int]
    # Weekdays the site receives visitors, as bits (Monday = 1, Tuesday = 2, … Sunday = 64).
    open_days: Mapped[int] = mapped_column(default=days_to_mask(WORKING_WEEK))
    opens_at: Mapped[time]
    closes_at: Mapped[time]
    # Safety rules every attendee must meet.
    min_age: Mapped[int | None]
    ppe_required: Mapped[bool] = mapped_column(default=False)
    medical_clearance_required: Mapped[bool] = mapped_column(default=False)
    # Each attendee passes the site's safety induction (partnership.induction) before the visit.
    induction_required: Mapped[bool] = mapped_column(default=False, server_default=false())
    max_group_per_guide: Mapped[int | None]
    safety_notes: Mapped[str | None] = mapped_column(Text)
    safety_notes_ru: Mapped[str | None] = mapped_column(Text)
    safety_notes_uz: Mapped[str | None] = mapped_column(Text)

    guides: Mapped[list["Guide"]] = relationship(secondary=site_guides, back_populates="sites", order_by="Guide.name")

    # The activities usually offered here, in three languages, offered when planning an item.
    activities: Mapped[list["SiteActivity"]] = relationship(
        back_populates="site", cascade="all, delete-orphan", order_by="SiteActivity.position"
    )

    def __repr__(self) -> str:
        return f"<Site {self.id} {self.name!r}>"

    @validates("name")
    def _refresh_key(self, key, value):
        self.name_key = fold(value)
        return value

    @property
    def opening_days(self) -> frozenset[int]:
        return mask_to_days(self.open_days or 0)

    @opening_days.setter
    def opening_days(self, days) -> None:
        self.open_days = days_to_mask(days)

    @property
    def opening_day_labels(self) -> list[str]:
        return [str(WEEKDAY_LABELS[day]) for day in sorted(self.opening_days)]

    def is_open_on(self, day: date) -> bool:
        return day.weekday() in self.opening_days

    @property
    def has_safety_rules(self) -> bool:
        return bool(
            self.min_age
            or self.ppe_required
            or self.medical_clearance_required
            or self.induction_required
            or self.max_group_per_guide
        )


class Guide(TimestampMixin, BaseModel):
    """A company employee or host who leads groups at one or more sites."""

    __tablename__ = "guides"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(254))

    sites: Mapped[list[Site]] = relationship(secondary=site_guides, back_populates="guides", order_by=Site.name)

    def __repr__(self) -> str:
        return f"<Guide {self.id} {self.name!r}>"


class SiteActivity(BaseModel):
    """An activity a site usually offers ("Guided tour of the open pit"), with its translations."""

    __tablename__ = "site_activities"

    TRANSLATED = ("name",)
    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str | None] = mapped_column(String(300))
    name_uz: Mapped[str | None] = mapped_column(String(300))

    site: Mapped[Site] = relationship(back_populates="activities")
