"""What each export holds: one function per list, from loaded models to a ``Table``.

Columns are chosen here, for the reader's role; the writers in ``formats`` only
turn values into cells."""
from datetime import date

from flask_babel import gettext as _

from partnership import countries
from partnership.exports.formats import Table


def organisations_table(organisations) -> Table:
    headers = [
        _("Name"), _("Name (Russian)"), _("Name (Uzbek)"), _("Short name"), _("Kind"), _("Country code"),
        _("Country"), _("City"), _("Website"), _("Contacts"), _("Notes"), _("Archived"),
    ]
    rows = [
        [
            o.name, o.name_ru, o.name_uz, o.short_name, o.kind, o.country, countries.name(o.country), o.city,
            o.website, _contacts(o.contacts), o.notes, o.is_archived,
        ]
        for o in organisations
    ]
    return Table(_("Organisations"), headers, rows)


def _contacts(contacts) -> str:
    return "; ".join(
        ", ".join(part for part in (c.name, c.position, c.email, c.phone) if part) for c in contacts
    )


def agreements_table(agreements, today: date, window_days: int) -> Table:
    headers = [
        _("Reference"), _("Title"), _("Kind"), _("Status"), _("Parties"), _("Signed on"), _("Effective from"),
        _("Expires on"), _("Terminated on"), _("Implements"), _("Objectives"),
    ]
    rows = [
        [
            a.reference, a.title, a.kind, a.status(today, window_days), _parties(a.parties), a.signed_on,
            a.effective_on, a.expires_on, a.terminated_on, a.parent.reference if a.parent else None, a.objectives,
        ]
        for a in agreements
    ]
    return Table(_("Agreements"), headers, rows)


def _parties(parties) -> str:
    return "; ".join(
        " — ".join(part for part in (p.organisation.name, p.signatory_name) if part) for p in parties
    )
