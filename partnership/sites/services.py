"""Keeping the site register. Functions flush; the request (or CLI command) commits.

A change to a site (capacity, hours, rules, guides) must not break the bookings
already made there from today on: it is refused with the bookings it would break."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from partnership import languages
from partnership.audit import services as audit
from partnership.core import clock
from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.sites.models import Guide, Site, SiteActivity
from partnership.sites.rules import SiteRules
from partnership.sites.signals import rules_changing
from partnership.text import fold

RULE_FIELDS = (
    "capacity",
    "opening_days",
    "opens_at",
    "closes_at",
    "min_age",
    "ppe_required",
    "medical_clearance_required",
    "max_group_per_guide",
)
SITE_FIELDS = (
    "name",
    "kind",
    "location",
    "description",
    "capacity",
    "opening_days",
    "opens_at",
    "closes_at",
    "min_age",
    "ppe_required",
    "medical_clearance_required",
    "induction_required",
    "max_group_per_guide",
    "safety_notes",
    *languages.columns(Site.TRANSLATED),
)


def _check_site(site: Site | None, data: dict) -> None:
    name = (data.get("name") or "").strip()
    if not name:
        raise DomainError(_("A site needs a name."), field="name")
    other = db.session.scalar(select(Site).where(Site.name_key == fold(name)))
    if other is not None and other is not site:
        raise DomainError(_("Another site is called %(name)s.", name=other.name), field="name")
    if not data.get("capacity") or data["capacity"] < 1:
        raise DomainError(_("The capacity must be at least one person."), field="capacity")
    if not data.get("opening_days"):
        raise DomainError(_("Choose at least one day."), field="opening_days")
    if data["closes_at"] <= data["opens_at"]:
        raise DomainError(_("The site must close after it opens."), field="closes_at")


def _apply(site: Site, data: dict) -> None:
    unknown = set(data) - set(SITE_FIELDS)
    if unknown:
        raise TypeError(f"unknown site fields: {sorted(unknown)}")
    for key in SITE_FIELDS:
        if key in data:
            value = data[key]
            setattr(site, key, value.strip() if key == "name" else value)


def set_activities(site: Site, rows) -> None:
    """The site's usual activities: (English, Russian, Uzbek) in order, replacing the old ones."""
    site.activities = [
        SiteActivity(position=position, name=name, name_ru=name_ru, name_uz=name_uz)
        for position, (name, name_ru, name_uz) in enumerate(rows)
    ]


def create_site(actor, **data) -> Site:
    activities = data.pop("activities", ())
    _check_site(None, data)
    site = Site()
    _apply(site, data)
    set_activities(site, activities)
    db.session.add(site)
    audit.record(actor, "site.create", site)
    return site


def _check_bookings(site: Site, proposed: SiteRules, today: date | None, field: str | None) -> None:
    today = today or clock.today()
    problems = [problem for _, found in rules_changing.send(site, proposed=proposed, today=today) for problem in found]
    if problems:
        raise DomainError(
            _("This change would break bookings already made: %(problems)s", problems=" ".join(problems)), field=field
        )


def update_site(actor, site: Site, today: date | None = None, **data) -> Site:
    activities = data.pop("activities", None)
    values = {**{key: getattr(site, key) for key in SITE_FIELDS}, **data}
    _check_site(site, values)
    changed = [key for key in RULE_FIELDS if values[key] != getattr(site, key)]
    if changed:
        proposed = SiteRules.of(site)
        proposed = SiteRules(
            **{**proposed.__dict__, **{key: values[key] for key in RULE_FIELDS}, "name": values["name"]}
        )
        _check_bookings(site, proposed, today, changed[0])
    _apply(site, data)
    if activities is not None:
        set_activities(site, activities)
    audit.record(actor, "site.update", site)
    return site


def _check_guide(data: dict) -> None:
    if not (data.get("name") or "").strip():
        raise DomainError(_("A guide needs a name."), field="name")


def create_guide(actor, site: Site | None = None, **data) -> Guide:
    """A new guide, leading groups at ``site`` when one is given."""
    _check_guide(data)
    guide = Guide(name=data["name"].strip(), phone=data.get("phone"), email=data.get("email"))
    db.session.add(guide)
    audit.record(actor, "guide.create", guide)
    if site is not None:
        add_guide(actor, site, guide)
    return guide


def update_guide(actor, guide: Guide, **data) -> Guide:
    _check_guide(data)
    guide.name = data["name"].strip()
    guide.phone = data.get("phone")
    guide.email = data.get("email")
    audit.record(actor, "guide.update", guide)
    return guide


def add_guide(actor, site: Site, guide: Guide) -> None:
    if guide in site.guides:
        raise DomainError(
            _("%(guide)s already leads groups at %(site)s.", guide=guide.name, site=site.name), field="guide_id"
        )
    site.guides.append(guide)
    audit.record(actor, "site.guide_add", site)


def remove_guide(actor, site: Site, guide: Guide, today: date | None = None) -> None:
    if guide not in site.guides:
        raise DomainError(_("%(guide)s does not lead groups at %(site)s.", guide=guide.name, site=site.name))
    proposed = SiteRules.of(site)
    _check_bookings(site, SiteRules(**{**proposed.__dict__, "guide_ids": proposed.guide_ids - {guide.id}}), today, None)
    site.guides.remove(guide)
    audit.record(actor, "site.guide_remove", site)
