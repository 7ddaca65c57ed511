"""Agreement operations over models and plain data. They flush; the request commits.

A refused rule raises ``DomainError`` before anything is changed, and the view
rolls back, so a refusal never leaves half an agreement behind."""

import hashlib
import uuid
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from partnership import languages, pdfs, submissions, text
from partnership.agreements import queries
from partnership.agreements.models import (
    Agreement,
    AgreementEvent,
    AgreementKind,
    AgreementParty,
    Attachment,
    EventKind,
    reference_key,
)
from partnership.audit import services as audit
from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.partners.models import Organisation

FILENAME_MAX = 255
REFERENCE_KEY_MAX = 300  # the folded reference's column; folding can lengthen text


# --- the agreement itself -------------------------------------------------


def create_agreement(actor, *, today: date, parties: list[dict], submission: str | None = None, **fields) -> Agreement:
    """``submission``: the form's one-time token (``partnership.submissions``)."""
    agreement = Agreement()
    submissions.claim(actor, submission, "agreement")
    _check(agreement, fields, parties)
    _apply(agreement, fields, parties)
    agreement.events.append(AgreementEvent(kind=EventKind.created, occurred_on=today, recorded_by_id=_id(actor)))
    db.session.add(agreement)
    _flush()
    audit.record(actor, "agreement.create", agreement)
    submissions.record(submission, agreement)
    return agreement


def update_agreement(actor, agreement: Agreement, *, parties: list[dict], **fields) -> Agreement:
    _check(agreement, fields, parties)
    _apply(agreement, fields, parties)
    _flush()
    audit.record(actor, "agreement.update", agreement)
    return agreement


def _check(agreement: Agreement, fields: dict, parties: list[dict]) -> None:
    if len(reference_key(fields["reference"])) > REFERENCE_KEY_MAX:
        raise DomainError(_("This reference is too long."), field="reference")
    if queries.reference_taken(fields["reference"], agreement):
        raise DomainError(_("Another agreement already has this reference number."), field="reference")
    effective_on, expires_on = fields.get("effective_on"), fields.get("expires_on")
    if effective_on and expires_on and expires_on < effective_on:
        raise DomainError(_("The expiry date cannot be before the date it comes into force."), field="expires_on")
    _check_parties(parties)
    _check_parent(agreement, fields.get("parent_id"))
    if (
        agreement.id is not None
        and agreement.kind is AgreementKind.framework
        and fields["kind"] is not AgreementKind.framework
        and agreement.children
    ):
        raise DomainError(_("Agreements implement this framework; it must stay a framework agreement."), field="kind")


def _check_parties(parties: list[dict]) -> None:
    if not parties:
        raise DomainError(_("Name at least one party: the organisations that signed the agreement."), field="parties")
    ids = [party["organisation_id"] for party in parties]
    if len(set(ids)) != len(ids):
        raise DomainError(_("Each organisation can be a party only once."), field="parties")
    known = set(db.session.scalars(select(Organisation.id).where(Organisation.id.in_(ids))))
    if known != set(ids):
        raise DomainError(_("One of the organisations no longer exists."), field="parties")


def _check_parent(agreement: Agreement, parent_id: int | None) -> None:
    if parent_id is None:
        return
    parent = db.session.get(Agreement, parent_id)
    if parent is None or parent.kind is not AgreementKind.framework:
        raise DomainError(_("Choose a framework agreement."), field="parent_id")
    if agreement.id is not None and (parent.id == agreement.id or parent.id in queries.descendant_ids(agreement)):
        raise DomainError(
            _("An agreement cannot implement itself or one of the agreements under it."), field="parent_id"
        )


def _apply(agreement: Agreement, fields: dict, parties: list[dict]) -> None:
    for name in ("reference", "title", "kind", "objectives", "parent_id", "signed_on", "effective_on", "expires_on"):
        setattr(agreement, name, fields.get(name))
    languages.assign(agreement, fields, Agreement.TRANSLATED)
    existing = {party.organisation_id: party for party in agreement.parties}
    kept = []
    for position, data in enumerate(parties):
        party = existing.pop(data["organisation_id"], None) or AgreementParty(organisation_id=data["organisation_id"])
        party.position = position
        party.signatory_name = data.get("signatory_name")
        party.signatory_title = data.get("signatory_title")
        languages.assign(party, data, AgreementParty.TRANSLATED)
        party.signed_on = data.get("signed_on")
        kept.append(party)
    agreement.parties = kept  # parties no longer named are deleted (delete-orphan)


def _flush() -> None:
    """Flush; two requests racing for one reference end in a message, not a 500."""
    try:
        db.session.flush()
    except IntegrityError as error:
        if "reference" in str(error.orig):
            raise DomainError(_("Another agreement already has this reference number."), field="reference") from error
        raise


def _id(actor) -> int | None:
    return getattr(actor, "id", None)


def _lock(agreement: Agreement) -> None:
    """Take the agreement's row (PostgreSQL ``FOR UPDATE``; SQLite's writing request holds the
    database) and reload it: of two terminations sent at once, the second finds it terminated."""
    db.session.refresh(agreement, with_for_update={"of": Agreement})  # not the joined parent


# --- history: amendments, renewals, termination ---------------------------


def available_actions(agreement: Agreement) -> list[EventKind]:
    """The history entries that can still be recorded for ``agreement`` (the page offers only these)."""
    if agreement.is_terminated:
        return []
    if agreement.is_draft:
        return [EventKind.terminated]
    actions = [EventKind.amended]
    if agreement.expires_on is not None:
        actions.append(EventKind.renewed)
    return [*actions, EventKind.terminated]


def _check_in_force(agreement: Agreement, action: EventKind) -> None:
    if agreement.is_terminated:
        if action is EventKind.renewed:
            raise DomainError(_("This agreement is terminated; it can no longer be renewed."))
        raise DomainError(_("This agreement is terminated; it can no longer be amended."))
    if agreement.is_draft:
        raise DomainError(_("This agreement is a draft: change it with Edit until it is signed."))


def _check_not_before_signing(agreement: Agreement, occurred_on: date) -> None:
    if agreement.signed_on and occurred_on < agreement.signed_on:
        raise DomainError(
            _(
                "The date cannot be before the agreement was concluded (%(date)s).",
                date=format_date(agreement.signed_on),
            ),
            field="occurred_on",
        )


def record_amendment(actor, agreement: Agreement, *, occurred_on: date, description: str) -> AgreementEvent:
    _lock(agreement)
    _check_in_force(agreement, EventKind.amended)
    _check_not_before_signing(agreement, occurred_on)
    event = AgreementEvent(
        kind=EventKind.amended, occurred_on=occurred_on, description=description, recorded_by_id=_id(actor)
    )
    agreement.events.append(event)
    audit.record(actor, "agreement.amend", agreement)
    return event


def renew(
    actor, agreement: Agreement, *, occurred_on: date, new_expires_on: date, description: str | None = None
) -> AgreementEvent:
    """Extend the agreement to ``new_expires_on``, keeping the expiry it replaces in the history."""
    _lock(agreement)
    _check_in_force(agreement, EventKind.renewed)
    if agreement.expires_on is None:
        raise DomainError(_("This agreement is open-ended: there is no expiry date to extend."))
    if new_expires_on <= agreement.expires_on:
        raise DomainError(
            _("The new expiry date must be after the current one (%(date)s).", date=format_date(agreement.expires_on)),
            field="new_expires_on",
        )
    _check_not_before_signing(agreement, occurred_on)
    event = AgreementEvent(
        kind=EventKind.renewed,
        occurred_on=occurred_on,
        description=description,
        previous_expires_on=agreement.expires_on,
        new_expires_on=new_expires_on,
        recorded_by_id=_id(actor),
    )
    agreement.events.append(event)
    agreement.expires_on = new_expires_on
    audit.record(actor, "agreement.renew", agreement)
    return event


def terminate(actor, agreement: Agreement, *, occurred_on: date, reason: str, today: date) -> AgreementEvent:
    _lock(agreement)
    if agreement.is_terminated:
        raise DomainError(_("This agreement is already terminated."))
    if occurred_on > today:
        raise DomainError(
            _("Record a termination once it has taken effect: the date cannot be in the future."), field="occurred_on"
        )
    start = agreement.effective_on or agreement.signed_on
    if start and occurred_on < start:
        raise DomainError(
            _("The agreement cannot end before it started (%(date)s).", date=format_date(start)), field="occurred_on"
        )
    event = AgreementEvent(
        kind=EventKind.terminated,
        occurred_on=occurred_on,
        description=reason,
        previous_expires_on=agreement.expires_on,
        recorded_by_id=_id(actor),
    )
    agreement.events.append(event)
    agreement.terminated_on = occurred_on
    audit.record(actor, "agreement.terminate", agreement)
    return event


# --- signed scans ---------------------------------------------------------


def clean_filename(filename: str | None) -> str:
    """The name to show and to offer on download: cleaned as every uploaded file's name
    (``partnership.text.clean_filename``), and ending in .pdf."""
    name = text.clean_filename(filename, default="scan.pdf", max_length=FILENAME_MAX)
    if not name.lower().endswith(".pdf"):
        name = text.clean_filename(name + ".pdf", max_length=FILENAME_MAX)  # shortened again, .pdf kept
    return name


def add_attachment(actor, agreement: Agreement, *, filename: str, content: bytes) -> Attachment:
    problem = pdfs.problem(content)
    if problem:
        raise DomainError(problem, field="file")
    digest = hashlib.sha256(content).hexdigest()
    duplicate = db.session.scalar(
        select(Attachment.filename).where(Attachment.agreement_id == agreement.id, Attachment.sha256 == digest)
    )
    if duplicate is not None:
        raise DomainError(_("This file is already attached as %(name)s.", name=duplicate), field="file")
    attachment = Attachment(
        agreement=agreement,
        stored_name=uuid.uuid4().hex,
        filename=clean_filename(filename),
        size=len(content),
        sha256=digest,
        content=content,
        uploaded_by_id=_id(actor),
    )
    db.session.add(attachment)
    audit.record(actor, "agreement.attachment.add", attachment)
    return attachment


def delete_attachment(actor, attachment: Attachment) -> None:
    audit.record(actor, "agreement.attachment.delete", attachment)
    db.session.delete(attachment)
    db.session.flush()
