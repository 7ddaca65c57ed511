"""What each export holds: one function per list, from loaded models to a ``Table``.

Columns are chosen here, for the reader's role; the writers in ``formats`` only
turn values into cells."""

from datetime import date

from flask_babel import gettext as _

from partnership import countries
from partnership.exports.formats import Table


def organisations_table(organisations) -> Table:
    headers = [
        _("Name"),
        _("Name (Russian)"),
        _("Name (Uzbek)"),
        _("Short name"),
        _("Kind"),
        _("Country code"),
        _("Country"),
        _("City"),
        _("Website"),
        _("Contacts"),
        _("Notes"),
        _("Archived"),
    ]
    rows = [
        [
            o.name,
            o.name_ru,
            o.name_uz,
            o.short_name,
            o.kind,
            o.country,
            countries.name(o.country),
            o.city,
            o.website,
            _contacts(o.contacts),
            o.notes,
            o.is_archived,
        ]
        for o in organisations
    ]
    return Table(_("Organisations"), headers, rows)


def _contacts(contacts) -> str:
    return "; ".join(", ".join(part for part in (c.name, c.position, c.email, c.phone) if part) for c in contacts)


def agreements_table(agreements, today: date, window_days: int) -> Table:
    headers = [
        _("Reference"),
        _("Title"),
        _("Kind"),
        _("Status"),
        _("Parties"),
        _("Signed on"),
        _("Effective from"),
        _("Expires on"),
        _("Terminated on"),
        _("Implements"),
        _("Objectives"),
    ]
    rows = [
        [
            a.reference,
            a.title,
            a.kind,
            a.status(today, window_days),
            _parties(a.parties),
            a.signed_on,
            a.effective_on,
            a.expires_on,
            a.terminated_on,
            a.parent.reference if a.parent else None,
            a.objectives,
        ]
        for a in agreements
    ]
    return Table(_("Agreements"), headers, rows)


def _parties(parties) -> str:
    return "; ".join(" — ".join(part for part in (p.organisation.name, p.signatory_name) if part) for p in parties)


def visits_table(visits) -> Table:
    """``visits``: ``exports.queries.VisitRow`` (participants of all organisations, as the list shows)."""
    headers = [
        _("Title"),
        _("Status"),
        _("Starts on"),
        _("Ends on"),
        _("Visiting organisations"),
        _("Agreements"),
        _("Coordinator"),
        _("Participants"),
        _("Purpose"),
        _("Outcomes"),
    ]
    rows = [
        [
            v.title,
            v.status,
            v.starts_on,
            v.ends_on,
            "; ".join(v.organisations),
            "; ".join(v.agreements),
            v.coordinator,
            v.participants,
            v.purpose,
            v.outcomes,
        ]
        for v in visits
    ]
    return Table(_("Visits"), headers, rows)


def participants_table(participants, sensitive: list[bool]) -> Table:
    """``sensitive[i]``: may the reader see participant i's date of birth and document number?
    The two columns appear only when the reader may see them for someone in the file."""
    with_sensitive = any(sensitive)
    headers = [
        _("Full name"),
        _("Organisation"),
        _("Role"),
        _("Nationality code"),
        _("Nationality"),
        _("Faculty"),
        _("Email"),
        _("Diet"),
        _("Access needs"),
        _("Medical clearance"),
        _("PPE issued"),
        _("Helmet size"),
        _("Boot size"),
        _("Vest size"),
    ]
    if with_sensitive:
        headers += [_("Date of birth"), _("Document number")]
    rows = []
    for participant, may_see in zip(participants, sensitive, strict=False):
        p = participant
        row = [
            p.full_name,
            p.organisation.name,
            p.role,
            p.nationality,
            countries.name(p.nationality),
            p.faculty,
            p.email,
            p.diet,
            p.access_needs,
            p.medical_clearance,
            p.ppe_issued,
            p.helmet_size,
            p.boot_size,
            p.vest_size,
        ]
        if with_sensitive:
            row += [p.date_of_birth, p.document_number] if may_see else [None, None]
        rows.append(row)
    return Table(_("Participants"), headers, rows)
