"""Partner organisations (universities, ministries, forums …) and their contacts."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from partnership.db import TimestampMixin, UTCDateTime, enum_column
from partnership.extensions import BaseModel
from partnership.text import fold


class OrganisationKind(enum.Enum):
    university = "university"
    ministry = "ministry"
    company = "company"
    forum = "forum"
    other = "other"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    OrganisationKind.university: _l("University"),
    OrganisationKind.ministry: _l("Ministry"),
    OrganisationKind.company: _l("Company"),
    OrganisationKind.forum: _l("Forum"),
    OrganisationKind.other: _l("Other"),
}


NAME_FIELDS = ("name", "name_ru", "name_uz", "short_name")


class Organisation(TimestampMixin, BaseModel):
    __tablename__ = "organisations"
    # Two organisations of the same name in one country are one organisation twice.
    __table_args__ = (
        UniqueConstraint("name_key", "country", name="uq_organisations_name_country"),
        Index("ix_organisations_kind_name_key", "kind", "name_key"),  # the register sorted by kind
        Index("ix_organisations_created_at", "created_at"),  # … and newest first
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind))
    name: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str | None] = mapped_column(String(300))
    name_uz: Mapped[str | None] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(50))
    country: Mapped[str] = mapped_column(String(2), index=True)
    TRANSLATED = ("city",)  # partnership/languages.py: the column is the English
    city: Mapped[str | None] = mapped_column(String(100))
    city_ru: Mapped[str | None] = mapped_column(String(100))
    city_uz: Mapped[str | None] = mapped_column(String(100))
    website: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Folded forms for case-insensitive search in any script (see partnership.text).
    name_key: Mapped[str] = mapped_column(String(300))
    search_text: Mapped[str] = mapped_column(Text)
    # The names alone (no city): what a liaison may search other organisations by.
    names_text: Mapped[str] = mapped_column(Text)

    contacts: Mapped[list["Contact"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="Contact.id"
    )

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"

    @validates(*NAME_FIELDS, "city")
    def _refresh_search(self, key, value):
        values = {k: getattr(self, k) for k in (*NAME_FIELDS, "city")}
        values[key] = value
        self.name_key = fold(values["name"])
        self.search_text = " | ".join(fold(v) for v in values.values() if v)
        self.names_text = " | ".join(fold(values[k]) for k in NAME_FIELDS if values[k])
        return value

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def localised_name(self, language: str) -> str:
        """The organisation's name in the reader's language, where it has one."""
        return {"ru": self.name_ru, "uz": self.name_uz}.get(language) or self.name

    @property
    def website_url(self) -> str | None:
        """The website as a link target: http(s) addresses only, never ``javascript:`` and the like."""
        if self.website and self.website.lower().startswith(("http://", "https://")):
            return self.website
        return None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Contact(BaseModel):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))

    organisation: Mapped[Organisation] = relationship(back_populates="contacts")
