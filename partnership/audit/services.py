"""Recording audit entries; part of the caller's transaction (flushes, never commits).

A service names what happened (``record(actor, "visit.approved", visit)``); the fields that
changed are added by ``tracking`` when the flush writes them, and a record changed without a
service's entry still gets one of its own (``visits.update``). Details must never carry
personal data: ids, names of documents, formats and counts only."""

from sqlalchemy import select

from partnership.audit import tracking
from partnership.audit.models import AuditEntry
from partnership.extensions import db


def record(actor, action: str, target=None, *, details: dict | None = None) -> AuditEntry:
    """Record ``action`` by ``actor`` (a user, or None for the system or an anonymous person)
    on ``target`` (a model instance, or None when the action concerns no record)."""
    target = _unproxied(target)  # current_user is a proxy; its class is not the model's
    entry = tracking.new_entry(_unproxied(actor), action, target, details=details)
    if target is not None:
        tracking.claim_unclaimed(entry, target)  # what the service flushed before recording it
    db.session.add(entry)
    db.session.flush()  # the target gets its id, the entry what this flush changes of it
    return entry


def _unproxied(obj):
    get = getattr(obj, "_get_current_object", None)
    return get() if get is not None else obj


def entries_about(target) -> list[AuditEntry]:
    """The entries whose target is ``target``, the oldest first."""
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.target_type == type(target).__tablename__, AuditEntry.target_id == target.id)
            .order_by(AuditEntry.at, AuditEntry.id)
        )
    )


def withhold_values(target) -> int:
    """Keep of the entries about ``target`` only which fields changed, not their old and new
    values (a person erased: the trail must not keep their name); how many entries lost values."""
    db.session.flush()
    withheld = 0
    for entry in entries_about(target):
        if not entry.changes:
            continue
        kept = {field: tracking.withheld_change(change) for field, change in entry.changes.items()}
        if kept != entry.changes:
            entry.changes = kept  # a new dict: the JSON column sees the change
            withheld += 1
    db.session.flush()
    return withheld
