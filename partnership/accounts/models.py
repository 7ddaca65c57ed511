"""Users and their roles."""

from datetime import datetime
from typing import TYPE_CHECKING

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from partnership.core.roles import Role
from partnership.db import TimestampMixin, UTCDateTime, enum_column, utcnow
from partnership.extensions import BaseModel

if TYPE_CHECKING:
    from partnership.partners.models import Organisation


class User(UserMixin, TimestampMixin, BaseModel):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "(role = 'liaison') = (organisation_id IS NOT NULL)",
            name="liaison_has_organisation",
        ),
        CheckConstraint("(role = 'guide') = (guide_id IS NOT NULL)", name="guide_has_guide"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    # A guide account is the account of one of the sites' guides (``sites.models.Guide``,
    # a higher layer: named by its table, never imported).
    guide_id: Mapped[int | None] = mapped_column(ForeignKey("guides.id"), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The language of the messages the app sends them (config.LANGUAGES), chosen on the account page.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")

    organisation: Mapped["Organisation | None"] = relationship()

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role.value}>"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def set_password(self, password: str) -> None:
        # Werkzeug's default is scrypt: deliberately slow and memory-hard.
        # Tests configure a cheaper method to stay fast.
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_liaison(self) -> bool:
        return self.role is Role.liaison

    @property
    def is_guide(self) -> bool:
        return self.role is Role.guide


class UserSession(BaseModel):
    """A signed-in browser (ASVS 3.3): the session cookie carries a random token, this table
    its hash, so the server can end a session (sign-out, a new password, a disabled account,
    "sign out everywhere", a timeout) and a copy of the cookie stops working with it."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    remote_addr: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(255))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end_reason: Mapped[str | None] = mapped_column(String(32))

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<UserSession {self.id} of user {self.user_id}>"
