"""Participant operations: one by one, and in bulk from a checked file (all or nothing).
They flush; the request commits."""

from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, delete, or_, select

from partnership import submissions
from partnership.audit import services as audit
from partnership.core.errors import DomainError
from partnership.db import utcnow
from partnership.extensions import db
from partnership.participants import importing
from partnership.text import clean_filename
from partnership.visits import access
from partnership.visits.locks import lock_visits
from partnership.visits.models import Participant, ParticipantRole, PendingImport, Visit

FIELDS = (
    "full_name",
    "role",
    "nationality",
    "faculty",
    "date_of_birth",
    "document_number",
    "email",
    "language",
    "diet",
    "access_needs",
    "medical_clearance",
    "ppe_issued",
)
STAFF_FIELDS = ("ppe_issued",)  # the host issues protective equipment, not the university


def _check_may_manage(actor, visit: Visit, organisation_id: int) -> None:
    if organisation_id not in visit.organisation_ids:
        raise DomainError(_("Choose one of the visiting organisations."), field="organisation_id")
    if organisation_id not in access.manageable_organisation_ids(actor, visit):
        raise DomainError(_("You may not change this organisation's participants now."))


def _check_not_duplicate(
    visit: Visit, data: dict, organisation_id: int, participant: Participant | None = None
) -> None:
    """Read from the database, not the loaded collection: the caller holds the visit's lock,
    and what a request that held it before committed counts."""
    mine = importing.person_keys(data["full_name"], _iso(data.get("date_of_birth")), data.get("document_number"))
    others = db.session.execute(
        select(Participant.id, Participant.full_name, Participant.date_of_birth, Participant.document_number).where(
            Participant.visit_id == visit.id, Participant.organisation_id == organisation_id
        )
    )
    for other_id, name, born, document in others:
        if participant is not None and other_id == participant.id:
            continue
        if set(mine) & set(importing.person_keys(name, _iso(born), document)):
            raise DomainError(_("%(name)s is already a participant of this visit.", name=name), field="full_name")


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _apply(actor, participant: Participant, data: dict) -> None:
    for name in FIELDS:
        if name not in data or (name in STAFF_FIELDS and not access.is_staff(actor)):
            continue
        value = data[name]
        if name == "role":
            value = ParticipantRole(value)
        elif name == "nationality":
            value = value.upper() if value else None
        elif name == "document_number" and value:
            value = value.replace(" ", "").upper()
        elif name == "language":
            if value and value not in current_app.config["LANGUAGES"]:
                raise DomainError(_("Choose one of the languages offered."), field="language")
            value = value or None
        setattr(participant, name, value)


def add_participant(
    actor, visit: Visit, organisation_id: int, data: dict, submission: str | None = None
) -> Participant:
    """``submission``: the form's one-time token (``partnership.submissions``)."""
    lock_visits(visit)  # the duplicate check and the insert, one request at a time per visit
    _check_may_manage(actor, visit, organisation_id)
    submissions.claim(actor, submission, "participant")
    if not (data.get("full_name") or "").strip():
        raise DomainError(_("The name is missing."), field="full_name")
    data = {**data, "full_name": data["full_name"].strip()}
    _check_not_duplicate(visit, data, organisation_id)
    participant = Participant(visit=visit, organisation_id=organisation_id, role=ParticipantRole.student)
    _apply(actor, participant, data)
    db.session.add(participant)
    audit.record(actor, "participant.create", participant)
    submissions.record(submission, participant)
    return participant


def update_participant(actor, participant: Participant, data: dict, organisation_id: int | None = None) -> Participant:
    visit = participant.visit
    lock_visits(visit)
    _check_may_manage(actor, visit, participant.organisation_id)
    if organisation_id is not None and organisation_id != participant.organisation_id:
        _check_may_manage(actor, visit, organisation_id)
        participant.organisation_id = organisation_id
    if not (data.get("full_name") or "").strip():
        raise DomainError(_("The name is missing."), field="full_name")
    data = {**data, "full_name": data["full_name"].strip()}
    _check_not_duplicate(visit, data, participant.organisation_id, participant)
    _apply(actor, participant, data)
    audit.record(actor, "participant.update", participant)
    return participant


def remove_participant(actor, participant: Participant) -> None:
    _check_may_manage(actor, participant.visit, participant.organisation_id)
    audit.record(actor, "participant.delete", participant)
    participant.visit.participants.remove(participant)
    db.session.delete(participant)


# --- bulk import ------------------------------------------------------------------------------


def existing_keys(visit: Visit, organisation_id: int) -> dict[str, str]:
    """Person keys of the organisation's participants already in the visit. Other
    organisations' people are not compared: a liaison must learn nothing about them."""
    rows = db.session.execute(
        select(Participant.full_name, Participant.date_of_birth, Participant.document_number).where(
            Participant.visit_id == visit.id, Participant.organisation_id == organisation_id
        )
    )
    keys = {}
    for name, born, document in rows:
        for key in importing.person_keys(name, _iso(born), document):
            keys[key] = name
    return keys


def prepare_import(actor, visit: Visit, organisation_id: int, filename: str, rows: list[dict]) -> PendingImport:
    """Keep a file's checked rows (``importing.read_participants``, parsed before this
    request took the database's write lock) for the preview, each marked when it repeats a
    participant already in the visit."""
    _check_may_manage(actor, visit, organisation_id)
    rows = [dict(row, errors=list(row["errors"])) for row in rows]
    importing.mark_duplicates(rows, existing_keys(visit, organisation_id))
    # One preview at a time per person and visit: an abandoned one is replaced; any older than a day goes.
    db.session.execute(
        delete(PendingImport).where(
            or_(
                and_(PendingImport.visit_id == visit.id, PendingImport.created_by_id == actor.id),
                PendingImport.created_at < utcnow() - timedelta(days=1),
            )
        )
    )
    pending = PendingImport(
        visit_id=visit.id,
        organisation_id=organisation_id,
        created_by_id=actor.id,
        rows=rows,
        filename=clean_filename(filename),
    )
    db.session.add(pending)
    db.session.flush()
    return pending


def check_import_again(actor, pending: PendingImport) -> bool:
    """Check the kept rows against the visit as it is now and keep their fresh errors for the
    preview; ``True`` when every row can be imported."""
    _check_may_manage(actor, pending.visit, pending.organisation_id)
    rows = [dict(row, errors=list(row["errors"])) for row in pending.rows]
    importing.mark_duplicates(rows, existing_keys(pending.visit, pending.organisation_id))
    pending.rows = rows
    return not any(row["errors"] for row in rows)


def commit_import(actor, pending: PendingImport) -> list[Participant]:
    """Insert every row, or none: the rows are checked again against the visit as it is now.
    Under the visit's lock: of two confirmations sent at once, the second finds the import done."""
    visit = pending.visit
    lock_visits(visit)
    if db.session.scalar(select(PendingImport.id).where(PendingImport.id == pending.id)) is None:
        raise DomainError(_("This import was already done or discarded."))
    if not check_import_again(actor, pending):
        raise DomainError(_("Nothing was imported: correct the rows marked below in your file and upload it again."))
    created = []
    for row in pending.rows:
        values = row["values"]
        participant = Participant(
            visit=visit,
            organisation_id=pending.organisation_id,
            full_name=values["full_name"],
            role=ParticipantRole(values["role"]),
            nationality=values.get("nationality"),
            faculty=values.get("faculty"),
            date_of_birth=date.fromisoformat(values["date_of_birth"]) if values.get("date_of_birth") else None,
            document_number=values.get("document_number"),
            email=values.get("email"),
            language=values.get("language"),
            diet=values.get("diet"),
            access_needs=values.get("access_needs"),
        )
        db.session.add(participant)
        created.append(participant)
    db.session.delete(pending)
    audit.record(actor, "participant.import", visit)
    return created


def discard_import(pending: PendingImport) -> None:
    db.session.delete(pending)
