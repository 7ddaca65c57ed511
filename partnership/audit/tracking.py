"""Field changes recorded once for every model: a ``before_flush`` listener on the app's
session turns each created, changed or deleted record into an audit entry with what changed,
or adds what changed to the entry a service recorded for that record (``services.record``)
in the same flush. The actor and address are the current request's; outside a request (the
command line) there is no actor.

Audit sits at the bottom of the layers: it knows tables and columns, never the sub-domains."""

import decimal
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

from flask import g, has_request_context, request
from sqlalchemy import JSON, LargeBinary, event, inspect
from sqlalchemy.orm import Session

from partnership.audit.models import AuditEntry
from partnership.extensions import db

# Never stored, only that they changed: personal data the audit trail must not spread
# (ASVS 7.1.1, 8.3.5), secrets, and columns whose content is not for a trail.
SENSITIVE_COLUMNS = frozenset(
    {
        "date_of_birth",
        "document_number",
        "password",
        "password_hash",
        "token_hash",
        "access_needs",
    }
)
# Kept in step with the columns beside them (search and sort keys): no news in a trail.
DERIVED_COLUMNS = frozenset({"search_text", "names_text", "name_key", "reference_key"})
# The trail itself; requests' clocks; the outbox and notifications, records of their own of what was
# sent (whose texts hold names, addresses and personal links) and changed by the deliverers.
UNTRACKED_TABLES = frozenset(
    {"audit_entries", "user_sessions", "outbox_messages", "outbox_attachments", "notifications", "calendar_feeds"}
)
WITHHELD = {"changed": True}
TEXT_MAX = 500  # longer texts are cut in the trail

PENDING = "audit_pending"  # session.info: [(entry, target)] of this transaction's entries
UNCLAIMED = "audit_unclaimed"  # session.info: {id(record): (record, kind, changes)} no entry has yet
OFF = "audit_off"


def request_actor():
    """The signed-in user of the current request, if Flask-Login has loaded them already (it
    has for every page that changes data); loading them here could query inside a flush."""
    if not has_request_context():
        return None
    user = g.get("_login_user")
    return user if getattr(user, "is_authenticated", False) else None


def request_address() -> str | None:
    return request.remote_addr if has_request_context() else None


def new_entry(actor, action: str, target=None, *, details: dict | None = None) -> AuditEntry:
    """An entry not yet in the session; its target's id and parent are filled in after the flush."""
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        actor_name=getattr(actor, "username", None),
        action=action,
        target_type=type(target).__tablename__ if target is not None else None,
        target_id=getattr(target, "id", None) if target is not None else None,
        remote_addr=request_address(),
        details=details,
    )
    if target is not None:
        if entry.target_id is not None:
            entry.parent_type, entry.parent_id = parent_of(target)
        db.session.info.setdefault(PENDING, []).append((entry, target))
    return entry


@contextmanager
def untracked(session: Session | None = None) -> Iterator[None]:
    """Changes inside the block leave no entries (test fixtures setting up their world)."""
    session = session or db.session()
    before = session.info.get(OFF, False)
    session.info[OFF] = True
    try:
        yield
    finally:
        session.info[OFF] = before


def plain(value):
    """A value as JSON keeps it."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if len(value) <= TEXT_MAX else value[:TEXT_MAX] + "…"
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return str(value)[:TEXT_MAX]


def _withheld(column) -> bool:
    return (
        column.name in SENSITIVE_COLUMNS
        or bool(column.info.get("sensitive"))
        or isinstance(column.type, LargeBinary | JSON)
    )


def withheld_change(change: dict) -> dict:
    """A recorded change without its values: a relationship's added and removed ids stay."""
    return change if "added" in change or change == WITHHELD else WITHHELD


def _change(column, old, new, kind: str) -> dict:
    if _withheld(column):
        return WITHHELD
    if kind == "create":
        return {"new": plain(new)}
    if kind == "delete":
        return {"old": plain(old)}
    return {"old": plain(old), "new": plain(new)}


def changes_of(obj, kind: str) -> dict:
    """What ``kind`` ("create", "update", "delete") does to ``obj``'s fields, as the trail keeps it."""
    state = inspect(obj)
    changes: dict = {}
    for attr in state.mapper.column_attrs:
        column = attr.columns[0]
        if column.primary_key or column.name in DERIVED_COLUMNS:
            continue
        if kind == "update":
            history = state.attrs[attr.key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old == new:
                continue
            changes[attr.key] = _change(column, old, new, kind)
        else:
            value = state.dict.get(attr.key)
            if value is not None:
                changes[attr.key] = _change(column, value, value, kind)
    if kind != "delete":
        for relationship in state.mapper.relationships:
            if relationship.secondary is None:
                continue  # the other side is a record of its own, with its own entries
            history = state.attrs[relationship.key].history
            added = sorted(str(getattr(o, "id", None) or "new") for o in history.added)
            removed = sorted(str(getattr(o, "id", None)) for o in history.deleted)
            if added or removed:
                changes[relationship.key] = {"added": added, "removed": removed}
    return changes


def _tracked(obj) -> bool:
    table = getattr(type(obj), "__tablename__", None)
    return table is not None and table not in UNTRACKED_TABLES


def merge(earlier: dict | None, later: dict) -> dict:
    """Two flushes' changes of one record as one: the first old value, the last new one."""
    merged = dict(earlier or {})
    for field, change in later.items():
        before = merged.get(field)
        if before is None:
            merged[field] = change
        elif change == WITHHELD or before == WITHHELD:
            merged[field] = WITHHELD
        elif "added" in change:
            merged[field] = {key: sorted({*before.get(key, []), *change[key]}) for key in ("added", "removed")}
        else:
            merged[field] = {**before, **({"new": change["new"]} if "new" in change else {})}
    return merged


def _claim(entry: AuditEntry, changes: dict) -> None:
    entry.changes = merge(entry.changes, changes) or None  # a new dict: the JSON column sees the change


def _recorded_for(session: Session, obj) -> AuditEntry | None:
    """The latest entry recorded for ``obj`` in this transaction, if any."""
    for entry, target in reversed(session.info.get(PENDING, [])):
        if target is obj:
            return entry
    return None


def claim_unclaimed(entry: AuditEntry, target) -> None:
    """Give ``entry`` the changes of ``target`` flushed before the service recorded it."""
    unclaimed = db.session.info.get(UNCLAIMED, {})
    found = unclaimed.pop(id(target), None)
    if found is not None:
        _claim(entry, found[2])


def _before_flush(session: Session, flush_context, instances) -> None:
    """Collect what this flush changes: into the entry a service recorded for the record in this
    transaction, else aside until the commit, for the service may record it after this flush."""
    if session.info.get(OFF):
        return
    unclaimed = session.info.setdefault(UNCLAIMED, {})
    for kind, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in list(objects):
            if not _tracked(obj):
                continue
            changes = changes_of(obj, kind)
            if kind == "update" and not changes:
                continue
            entry = _recorded_for(session, obj)
            if entry is not None:
                _claim(entry, changes)
                continue
            earlier = unclaimed.get(id(obj))
            if earlier is None:
                unclaimed[id(obj)] = (obj, kind, changes)
            else:
                first_kind = "delete" if kind == "delete" else earlier[1]
                unclaimed[id(obj)] = (obj, first_kind, merge(earlier[2], changes))


def _before_commit(session: Session) -> None:
    """Changes no service recorded get an entry of their own (``visits.update``)."""
    if session.in_nested_transaction():
        return  # a savepoint: the transaction goes on, and so may the service
    session.flush()
    unclaimed = session.info.pop(UNCLAIMED, {})
    if not unclaimed or session.info.get(OFF):
        return
    actor = request_actor()
    for obj, kind, changes in unclaimed.values():
        entry = new_entry(actor, f"{obj.__tablename__}.{kind}", obj)
        entry.changes = changes or None
        session.add(entry)


def _after_flush_postexec(session: Session, flush_context) -> None:
    """Now that the flush gave new records their ids and foreign keys, fill in the entries'."""
    pending = session.info.get(PENDING)
    if not pending:
        return
    for entry, target in pending:
        if inspect(entry).transient or getattr(target, "id", None) is None:
            continue  # not added (refused before it was), or its target is not written yet
        if entry.target_id is None:
            entry.target_id = target.id
        if entry.parent_type is None:
            parent_type, parent_id = parent_of(target)
            if parent_type is not None:
                entry.parent_type, entry.parent_id = parent_type, parent_id


def _forget(session: Session, *args) -> None:
    """The transaction is over: its entries are written or gone (a savepoint's end is not that)."""
    if session.in_nested_transaction():
        return
    session.info.pop(PENDING, None)
    session.info.pop(UNCLAIMED, None)


def parent_of(obj) -> tuple[str | None, int | None]:
    """The record ``obj`` belongs to: the one its first foreign key names (not an account)."""
    state = inspect(obj)
    table = state.mapper.local_table
    for column in table.columns:
        for foreign_key in column.foreign_keys:
            parent_table = foreign_key.column.table.name
            if parent_table in ("users", table.name):
                continue
            value = state.dict.get(state.mapper.get_property_by_column(column).key)
            if value is not None:
                return parent_table, value
    return None, None


def init() -> None:
    session = db.session
    if event.contains(session, "before_flush", _before_flush):
        return
    event.listen(session, "before_flush", _before_flush)
    event.listen(session, "after_flush_postexec", _after_flush_postexec)
    event.listen(session, "before_commit", _before_commit)
    event.listen(session, "after_rollback", _forget)
    event.listen(session, "after_commit", _forget)
