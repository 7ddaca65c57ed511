"""Declarative base with a constraint naming convention, and shared column helpers."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Model(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC timestamps on every backend (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def enum_column(enum_cls, **kwargs):
    """An Enum stored as its lowercase values in a VARCHAR on every backend."""
    from sqlalchemy import Enum

    return Enum(
        enum_cls,
        native_enum=False,
        length=32,
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
        **kwargs,
    )


def configure_engine_events() -> None:
    """SQLite: enforce foreign keys, wait for locks instead of failing at once, and
    let SQLAlchemy (not the sqlite3 driver) begin transactions; see ``_sqlite_begin``."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    if event.contains(Engine, "connect", _sqlite_on_connect):
        return
    event.listen(Engine, "connect", _sqlite_on_connect)
    event.listen(Engine, "begin", _sqlite_begin)


def _sqlite_on_connect(dbapi_connection, connection_record):
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        # The driver's own transaction handling begins a transaction only before
        # INSERT/UPDATE/DELETE, so reads before them are not part of it; turn it off
        # and emit BEGIN ourselves (SQLAlchemy's documented recipe for sqlite3).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        # Readers never block the writer nor the writer the readers (file databases only).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


def _sqlite_begin(conn) -> None:
    """A request that may write (POST …) takes SQLite's write lock with its first
    statement (BEGIN IMMEDIATE): writes then queue one after the other, each seeing
    what the one before committed. A deferred transaction that read first and wants
    to write later is refused at once ("database is locked") when another writes,
    whatever the busy timeout, so checks-then-writes must not start deferred."""
    if conn.dialect.name != "sqlite":
        return
    immediate = writing_request()
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    conn.info["sqlite_write_lock"] = immediate


def writing_request() -> bool:
    from flask import has_request_context, request

    if not has_request_context() or request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    return not _in_read_phase()


# --- requests that parse an upload ---------------------------------------------------------
#
# Parsing a file takes time; holding SQLite's write lock meanwhile would make every other
# user's save wait (and fail with "database is locked" after the busy timeout). A view marked
# ``reads_before_writing`` begins its request with a read-only (deferred) transaction, enough
# to load the user and check access; ``end_read_phase()`` ends that transaction before the
# parse, and the first statement after it begins the request's writing transaction (BEGIN
# IMMEDIATE on SQLite) for the all-or-nothing save. On PostgreSQL nothing is locked by reading
# either; ending the transaction there only means that the save sees what others committed.


def reads_before_writing(view):
    """Mark a view whose request checks access in a read transaction, parses with no
    transaction open, and only then writes (see ``end_read_phase``)."""
    view.reads_before_writing = True
    return view


def in_read_phase() -> bool:
    """Whether the current request is a ``reads_before_writing`` one before ``end_read_phase``:
    what it writes now is rolled back at the end of the phase."""
    from flask import has_request_context

    return has_request_context() and _in_read_phase()


def _in_read_phase() -> bool:
    from flask import current_app, g, request

    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "reads_before_writing", False)) and not g.get("_read_phase_over", False)


def end_read_phase() -> None:
    """End the read transaction of a ``reads_before_writing`` request: nothing was written
    in it, so it is rolled back, which releases every lock and expires the loaded objects (load
    again what the save needs). Call it before parsing; nothing in the parse may touch the
    database, and the next statement begins the writing transaction."""
    from flask import g

    from partnership.extensions import db

    if db.session.new or db.session.dirty or db.session.deleted:
        raise RuntimeError("end_read_phase() after a change: the read phase must not write")
    db.session.rollback()
    g._read_phase_over = True
