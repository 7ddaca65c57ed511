"""A site's safety induction: its material in three languages, its questions, and each
participant's result. A participant reaches it through a personal link whose token is shown
once: the database keeps only its SHA-256 hash, as feedback links do."""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.db import TimestampMixin, UTCDateTime, enum_column, utcnow
from partnership.extensions import BaseModel
from partnership.sites.models import Site
from partnership.visits.models import Participant

INDUCTION_LANGUAGES = ("en", "ru", "uz")


class SiteInduction(TimestampMixin, BaseModel):
    __tablename__ = "site_inductions"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), unique=True)
    body_en: Mapped[str | None] = mapped_column(Text)
    body_ru: Mapped[str | None] = mapped_column(Text)
    body_uz: Mapped[str | None] = mapped_column(Text)
    # An optional PDF handed out with the texts (checked as a PDF, kept in the database, never rendered).
    pdf_filename: Mapped[str | None] = mapped_column(String(255))
    pdf_size: Mapped[int | None]
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    site: Mapped[Site] = relationship()
    questions: Mapped[list["InductionQuestion"]] = relationship(
        back_populates="induction", cascade="all, delete-orphan", order_by="InductionQuestion.position"
    )

    def __repr__(self) -> str:
        return f"<SiteInduction {self.id} site={self.site_id}>"

    def body(self, language: str) -> str | None:
        """The material in ``language``, else in English."""
        return getattr(self, f"body_{language}", None) or self.body_en

    @property
    def is_ready(self) -> bool:
        """Material and at least one question: a participant can take it."""
        return bool(self.body_en) and bool(self.questions)


class InductionQuestion(BaseModel):
    """A question with 2–4 options; ``options`` maps a language to its list of option texts."""

    __tablename__ = "induction_questions"
    __table_args__ = (CheckConstraint("correct_index >= 0 AND correct_index < 4", name="correct_index_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    induction_id: Mapped[int] = mapped_column(ForeignKey("site_inductions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    prompt_en: Mapped[str] = mapped_column(String(500))
    prompt_ru: Mapped[str | None] = mapped_column(String(500))
    prompt_uz: Mapped[str | None] = mapped_column(String(500))
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    correct_index: Mapped[int]

    induction: Mapped[SiteInduction] = relationship(back_populates="questions")

    def __repr__(self) -> str:
        return f"<InductionQuestion {self.id} induction={self.induction_id}>"

    def prompt(self, language: str) -> str:
        return getattr(self, f"prompt_{language}", None) or self.prompt_en

    def option_texts(self, language: str) -> list[str]:
        """The options in ``language``; an option not translated is shown in English."""
        english = list(self.options.get("en") or [])
        own = list(self.options.get(language) or [])
        return [own[i] if i < len(own) and own[i] else text for i, text in enumerate(english)]


class InductionHow(enum.Enum):
    online = "online"
    coordinator = "coordinator"


class InductionResult(BaseModel):
    """A participant's induction at a site: attempts made online and, once passed, when and how."""

    __tablename__ = "induction_results"
    __table_args__ = (UniqueConstraint("participant_id", "site_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    passed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    how: Mapped[InductionHow | None] = mapped_column(enum_column(InductionHow))
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    participant: Mapped[Participant] = relationship()
    site: Mapped[Site] = relationship()
    marked_by = relationship("User")

    def __repr__(self) -> str:
        return f"<InductionResult {self.id} participant={self.participant_id} site={self.site_id}>"

    @property
    def passed(self) -> bool:
        return self.passed_at is not None


class InductionLink(BaseModel):
    """A participant's personal induction link (the hash of its token)."""

    __tablename__ = "induction_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    participant: Mapped[Participant] = relationship()
