"""Participant operations: one by one, and in bulk from a checked file (all or nothing), and
a person's own data: everything held about them, erasure, and the retention rule.
They flush; the request (or the command) commits."""

from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, delete, func, inspect, or_, select

from partnership import submissions
from partnership.audit import services as audit
from partnership.audit.tracking import plain
from partnership.core.errors import DomainError
from partnership.db import utcnow
from partnership.extensions import db
from partnership.induction import services as induction
from partnership.participants import importing, signals, sizes
from partnership.text import clean_filename
from partnership.visits import access
from partnership.visits.locks import lock_visits
from partnership.visits.models import Participant, ParticipantRole, PendingImport, Visit, VisitStatus, VisitTransition

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
    *sizes.SIZE_FIELDS,
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
        elif name in sizes.SIZE_FIELDS:
            try:
                value = sizes.size_or_none(name, value)
            except ValueError as error:
                raise DomainError(str(error), field=name) from None
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


def _check_not_erased(participant: Participant) -> None:
    if participant.is_erased:
        raise DomainError(_("This participant's personal data was erased; the record cannot be changed."))


def update_participant(actor, participant: Participant, data: dict, organisation_id: int | None = None) -> Participant:
    visit = participant.visit
    lock_visits(visit)
    _check_not_erased(participant)
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


# --- readiness in bulk -------------------------------------------------------------------------

# What a coordinator marks for many people at once before a site visit: field → its audit action.
READINESS_FIELDS = {"ppe_issued": "participant.ppe_issued", "medical_clearance": "participant.medical_clearance"}
# Not a participant's field: their results at the sites on their programme that require an induction.
INDUCTION_PASSED = "induction_passed"


def mark_ready(actor, visit: Visit, participant_ids, field: str) -> list[Participant]:
    """Mark the chosen participants of ``visit`` as having ``field`` (protective equipment
    issued, medical clearance given): all of them or, on any refusal, none. Staff only:
    the host issues the equipment and checks the clearance it relies on at the gate."""
    if field not in READINESS_FIELDS and field != INDUCTION_PASSED:
        raise DomainError(_("Choose what to mark."), field="action")
    if not access.is_staff(actor):
        raise DomainError(_("Only coordinators mark participants ready in bulk."))
    lock_visits(visit)
    wanted = set(participant_ids)
    if not wanted:
        raise DomainError(_("Select at least one participant."), field="participant_ids")
    people = list(
        db.session.scalars(
            select(Participant)
            .where(Participant.visit_id == visit.id, Participant.id.in_(wanted))
            .order_by(Participant.id)
        )
    )
    if len(people) != len(wanted):
        raise DomainError(_("Some of the selected people are not participants of this visit."), field="participant_ids")
    if field == INDUCTION_PASSED:
        _mark_inductions_passed(actor, people)
        return people
    for participant in people:
        if not getattr(participant, field):
            setattr(participant, field, True)
            audit.record(actor, READINESS_FIELDS[field], participant)
    return people


def _mark_inductions_passed(actor, people: list[Participant]) -> None:
    planned = {p.id: [site.id for site in induction.required_sites_of(p)] for p in people}
    if not any(planned.values()):
        raise DomainError(
            _("No site on the selected people's programme requires a safety induction."), field="participant_ids"
        )
    for participant in people:
        induction.mark_passed(actor, [participant], planned[participant.id])


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


def prepare_import(
    actor,
    visit: Visit,
    organisation_id: int,
    filename: str,
    rows: list[dict],
    reading: importing.Reading | None = None,
    data: bytes | None = None,
) -> PendingImport:
    """Keep a file's checked rows (``importing.read_import``, parsed before this request took
    the database's write lock) for the preview, each marked when it repeats a participant
    already in the visit; with the file (``data``) and how it was read, to read it again."""
    _check_may_manage(actor, visit, organisation_id)
    rows = _marked(rows, visit, organisation_id)
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
        data=data,
        options=reading.options if reading else None,
    )
    db.session.add(pending)
    db.session.flush()
    return pending


def _marked(rows: list[dict], visit: Visit, organisation_id: int) -> list[dict]:
    rows = [dict(row, errors=list(row["errors"])) for row in rows]
    importing.mark_duplicates(rows, existing_keys(visit, organisation_id))
    return rows


def reread_import(actor, pending: PendingImport, reading: importing.Reading) -> PendingImport:
    """Keep the rows of the pending file read again (another sheet, the date order answered)."""
    _check_may_manage(actor, pending.visit, pending.organisation_id)
    pending.rows = _marked(reading.rows, pending.visit, pending.organisation_id)
    pending.options = reading.options
    db.session.flush()
    return pending


def check_import_again(actor, pending: PendingImport) -> bool:
    """Check the kept rows against the visit as it is now and keep their fresh errors for the
    preview; ``True`` when every row can be imported."""
    _check_may_manage(actor, pending.visit, pending.organisation_id)
    pending.rows = _marked(pending.rows, pending.visit, pending.organisation_id)
    return pending.is_clean


def commit_import(actor, pending: PendingImport) -> list[Participant]:
    """Insert every row, or none: the rows are checked again against the visit as it is now.
    Under the visit's lock: of two confirmations sent at once, the second finds the import done."""
    visit = pending.visit
    lock_visits(visit)
    if db.session.scalar(select(PendingImport.id).where(PendingImport.id == pending.id)) is None:
        raise DomainError(_("This import was already done or discarded."))
    if pending.needs_date_order:
        raise DomainError(_("Nothing was imported: say which date order the file uses."))
    if not check_import_again(actor, pending):
        raise DomainError(_("Nothing was imported: correct the rows marked below in your file and upload it again."))
    created = []
    staff = access.is_staff(actor)
    for row in pending.people:
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
            medical_clearance=bool(values.get("medical_clearance")),
            ppe_issued=staff and bool(values.get("ppe_issued")),
            helmet_size=values.get("helmet_size"),
            boot_size=values.get("boot_size"),
            vest_size=values.get("vest_size"),
        )
        db.session.add(participant)
        created.append(participant)
    db.session.delete(pending)
    audit.record(actor, "participant.import", visit)
    return created


def discard_import(pending: PendingImport) -> None:
    db.session.delete(pending)


# --- a person's own data ------------------------------------------------------------------------

# Replaced by erasure: what names, reaches or describes the person. Kept: the visit, organisation,
# role and nationality (the visit's counts of students, staff and countries), the safety flags.
ERASED_FIELDS = ("date_of_birth", "document_number", "email", "faculty", "diet", "access_needs")


def erased_name(participant: Participant) -> str:
    return f"Erased participant #{participant.id}"


def personal_data(actor, participant: Participant) -> dict:
    """Everything held about ``participant``, as JSON keeps it: every field, the visit, and what
    the sub-domains above add (attendance, feedback); the audit trail's entries about them with
    who did what and which fields changed (sensitive values are never in the trail). The
    download is recorded (its entry names the record, not its content)."""
    fields = {
        attr.key: _whole(getattr(participant, attr.key))
        for attr in inspect(Participant).column_attrs
        if attr.key != "name_key"
    }
    data: dict = {
        "participant": fields,
        "organisation": {"id": participant.organisation_id, "name": participant.organisation.name},
        "visit": {
            "id": participant.visit.id,
            "title": participant.visit.title,
            "starts_on": participant.visit.starts_on.isoformat(),
            "ends_on": participant.visit.ends_on.isoformat(),
            "status": participant.visit.status.value,
        },
        "safety": {"medical_clearance": participant.medical_clearance, "ppe_issued": participant.ppe_issued},
    }
    for _receiver, answer in signals.personal_data.send(participant):
        if answer is not None:
            name, section = answer
            data[name] = section
    data["audit_trail"] = [
        {"at": plain(entry.at), "action": entry.action, "by": entry.actor_name, "changes": entry.changes}
        for entry in audit.entries_about(participant)
    ]
    audit.record(actor, "participant.personal_data_downloaded", participant, details={"format": "json"})
    return data


def _whole(value):
    """A field's value as JSON keeps it, uncut (the trail's ``plain`` cuts long texts)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, ParticipantRole):
        return value.value
    return value


def erase_participant(actor, participant: Participant) -> bool:
    """Anonymise ``participant``: the row stays (the visit's figures count it) under a neutral
    name, without anything that identifies them here, in the sub-domains above (``signals.erasing``)
    or in the values the audit trail kept of their changes. ``False`` when already erased: twice
    is once."""
    if not access.is_staff(actor):
        raise DomainError(_("Only coordinators and administrators erase a person's data."))
    lock_visits(participant.visit)
    # Read again under the lock: an erasure committed since the page loaded the person counts.
    if db.session.scalar(select(Participant.erased_at).where(Participant.id == participant.id)) is not None:
        return False
    participant.full_name = erased_name(participant)
    for name in ERASED_FIELDS:
        setattr(participant, name, None)
    participant.erased_at = utcnow()
    induction.forget(participant)
    signals.erasing.send(participant, actor=actor)
    audit.record(actor, "participant.erase", participant)
    audit.withhold_values(participant)
    return True


def _completed_on(visit_ids: list[int]) -> dict[int, datetime]:
    """When each visit was (last) marked completed."""
    rows = db.session.execute(
        select(VisitTransition.visit_id, func.max(VisitTransition.at))
        .where(VisitTransition.visit_id.in_(visit_ids), VisitTransition.to_status == VisitStatus.completed)
        .group_by(VisitTransition.visit_id)
    )
    return {visit_id: at for visit_id, at in rows}


def expired_visits(days: int, now: datetime) -> list[Visit]:
    """Completed visits whose completion (the move to completed, or the last day where no move
    is recorded) lies more than ``days`` days before ``now`` (UTC)."""
    visits = list(db.session.scalars(select(Visit).where(Visit.status == VisitStatus.completed).order_by(Visit.id)))
    completed = _completed_on([visit.id for visit in visits])
    cutoff = now - timedelta(days=days)
    return [
        visit
        for visit in visits
        if (completed[visit.id] < cutoff if visit.id in completed else visit.ends_on < cutoff.date())
    ]


def clear_expired_personal_data(days: int, *, dry_run: bool = False) -> list[tuple[Visit, int]]:
    """The retention rule: ``days`` days after a visit is completed, its participants' document
    numbers and dates of birth are cleared. Per visit, how many people had either (and, unless
    ``dry_run``, lost it); visits with nothing left to clear are not listed, so a second run
    clears nothing."""
    cleared = []
    for visit in expired_visits(days, utcnow()):
        holding = select(Participant).where(
            Participant.visit_id == visit.id,
            or_(Participant.document_number.is_not(None), Participant.date_of_birth.is_not(None)),
        )
        people = list(db.session.scalars(holding))
        if not people:
            continue
        if not dry_run:
            for person in people:
                person.document_number = None
                person.date_of_birth = None
            audit.record(None, "participant.retention_cleared", visit, details={"participants": len(people)})
        cleared.append((visit, len(people)))
    return cleared
