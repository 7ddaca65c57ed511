"""Recording audit entries; part of the caller's transaction (flushes, never commits)."""
from flask import has_request_context, request

from partnership.audit.models import AuditEntry
from partnership.extensions import db


def record(actor, action: str, target) -> AuditEntry:
    """Record ``action`` by ``actor`` (a user or None for the system) on ``target``."""
    target = _unproxied(target)  # current_user is a proxy; its class is not the model's
    db.session.flush()  # the target needs its id
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=type(target).__tablename__,
        target_id=target.id,
        remote_addr=request.remote_addr if has_request_context() else None,
    )
    db.session.add(entry)
    return entry


def _unproxied(obj):
    get = getattr(obj, "_get_current_object", None)
    return get() if get is not None else obj
