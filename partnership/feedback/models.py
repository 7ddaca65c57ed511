"""Participants' feedback after a visit: personal links, responses, ratings per site.

A link's token is shown once and never stored: the database keeps its SHA-256
hash and finds the invitation by that hash."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.db import TimestampMixin, UTCDateTime, utcnow
from partnership.extensions import BaseModel
from partnership.sites.models import Site
from partnership.visits.models import Participant


class FeedbackInvitation(TimestampMixin, BaseModel):
    """A participant's personal link. Created when the visit is completed (without a
    token: nobody could read it); a coordinator issues the token and passes it on."""

    __tablename__ = "feedback_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    participant: Mapped[Participant] = relationship()
    issued_by = relationship("User")

    def __repr__(self) -> str:
        return f"<FeedbackInvitation {self.id} participant={self.participant_id}>"

    @property
    def has_link(self) -> bool:
        return self.token_hash is not None

    def is_open(self, now: datetime) -> bool:
        return self.has_link and self.used_at is None and self.expires_at is not None and self.expires_at > now


class FeedbackResponse(BaseModel):
    """What a participant said. A coordinator's approval makes the words a quote that
    reports may publish; approval needs the participant's consent to publish them."""

    __tablename__ = "feedback_responses"
    __table_args__ = (
        CheckConstraint(
            "approved_at IS NULL OR (consent_publish_words AND words IS NOT NULL)", name="approved_needs_consent"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), unique=True)
    words: Mapped[str | None] = mapped_column(Text)  # as the participant wrote them, in their language
    # The approved quote in each report language, as a coordinator translated it (none: the words).
    quote_en: Mapped[str | None] = mapped_column(Text)
    quote_ru: Mapped[str | None] = mapped_column(Text)
    quote_uz: Mapped[str | None] = mapped_column(Text)
    consent_publish_words: Mapped[bool] = mapped_column(default=False)
    consent_publish_name: Mapped[bool] = mapped_column(default=False)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    participant: Mapped[Participant] = relationship()
    approved_by = relationship("User")
    ratings: Mapped[list["SiteRating"]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="SiteRating.id"
    )

    def __repr__(self) -> str:
        return f"<FeedbackResponse {self.id} participant={self.participant_id}>"

    @hybrid_property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @is_approved.inplace.expression
    @classmethod
    def _is_approved_expression(cls):
        return cls.approved_at.is_not(None)

    @property
    def may_be_quoted(self) -> bool:
        """Words the participant allowed us to publish (approval may follow)."""
        return bool(self.words) and self.consent_publish_words


class SiteRating(BaseModel):
    __tablename__ = "feedback_site_ratings"
    __table_args__ = (
        UniqueConstraint("response_id", "site_id"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("feedback_responses.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int]

    response: Mapped[FeedbackResponse] = relationship(back_populates="ratings")
    site: Mapped[Site] = relationship()
