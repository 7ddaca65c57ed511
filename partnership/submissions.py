"""A form that creates a record creates it once, however often it is sent.

A double click, or a browser or proxy resending a request, posts the same form twice
or ten times at once. Each rendering of a creating form carries a one-time submission
token (a hidden field); the service creating the record first claims the token (a row
with a unique constraint, inserted with ON CONFLICT DO NOTHING: a concurrent claim of
the same token waits for the first to commit or roll back), and records the created
record's id beside it. A later sending of the same token is refused with
``AlreadySubmitted``, which names the record so that the view can show it as the first
answer did. A refusal rolls the claim back with the rest: corrected and sent again, the
same form is accepted. Forms sent without a token (none of ours) are not protected."""

import re
import secrets
from datetime import datetime, timedelta

from flask import flash, redirect
from flask_babel import gettext as _
from sqlalchemy import ForeignKey, Integer, String, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import HiddenField

from partnership.core.errors import DomainError
from partnership.db import UTCDateTime, utcnow
from partnership.extensions import BaseModel, db

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
KEPT_FOR = timedelta(days=2)  # longer than any form stays open (and than any retry)


class FormSubmission(BaseModel):
    __tablename__ = "form_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    record_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class AlreadySubmitted(DomainError):
    """This form was sent before and created ``record_id`` (``None``: it is being saved now)."""

    def __init__(self, record_id: int | None):
        super().__init__(_("This form was sent more than once; it was saved once."))
        self.record_id = record_id

    def field_messages(self):
        return []  # the view shows the record instead


def new_token() -> str:
    return secrets.token_urlsafe(24)


def submission_field() -> HiddenField:
    """The hidden field of a creating form (``submission = submission_field()``)."""
    return HiddenField(default=new_token)


def claim(actor, token: str | None, kind: str) -> None:
    """Take ``token`` for this request, or raise ``AlreadySubmitted`` if it was taken."""
    if not token or not TOKEN.match(token):
        return
    session = db.session
    dialect = session.connection().dialect.name
    insert = (postgresql if dialect == "postgresql" else sqlite).insert
    values = {"token": token, "kind": kind, "user_id": getattr(actor, "id", None), "created_at": utcnow()}
    statement = insert(FormSubmission.__table__).values(**values).on_conflict_do_nothing()
    claimed = session.execute(statement.returning(FormSubmission.__table__.c.id)).scalar()
    if claimed is not None:
        session.execute(delete(FormSubmission).where(FormSubmission.created_at < utcnow() - KEPT_FOR))
        return
    earlier = session.execute(
        select(FormSubmission.kind, FormSubmission.user_id, FormSubmission.record_id).where(
            FormSubmission.token == token
        )
    ).one_or_none()
    if earlier is None or earlier.kind != kind or earlier.user_id != getattr(actor, "id", None):
        raise DomainError(_("This form has expired. Reload the page and send it again."))
    raise AlreadySubmitted(earlier.record_id)


def record(token: str | None, record) -> None:
    """Note the record a claimed ``token`` created (after it is flushed and has its id)."""
    if not token or not TOKEN.match(token):
        return
    db.session.flush()
    db.session.execute(update(FormSubmission).where(FormSubmission.token == token).values(record_id=record.id))


def show_earlier(error: AlreadySubmitted, record_url, fallback_url: str):
    """The answer to a form sent again: the record its first sending created
    (``record_url(id)``), or ``fallback_url`` while that one is still being saved."""
    flash(error.message, "info")
    return redirect(record_url(error.record_id) if error.record_id is not None else fallback_url)
