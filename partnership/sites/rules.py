"""The rules a site sets for whoever visits it, as one value: read from a site, or from the
values a site edit proposes. The programme checks every item against them; ``person_checks``
is the one place that says whether a person meets them (the gate, the participant list)."""

from dataclasses import dataclass
from datetime import date, time
from typing import Protocol

from flask_babel import gettext as _

from partnership.sites.models import Site


@dataclass(frozen=True)
class SiteRules:
    """What a site asks of an item: read from a site, or from the values a site edit proposes."""

    id: int
    name: str
    capacity: int
    opening_days: frozenset[int]
    opens_at: time
    closes_at: time
    min_age: int | None = None
    ppe_required: bool = False
    medical_clearance_required: bool = False
    induction_required: bool = False
    max_group_per_guide: int | None = None
    guide_ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, site: Site) -> "SiteRules":
        return cls(
            id=site.id,
            name=site.name,
            capacity=site.capacity,
            opening_days=site.opening_days,
            opens_at=site.opens_at,
            closes_at=site.closes_at,
            min_age=site.min_age,
            ppe_required=site.ppe_required,
            medical_clearance_required=site.medical_clearance_required,
            induction_required=site.induction_required,
            max_group_per_guide=site.max_group_per_guide,
            guide_ids=frozenset(g.id for g in site.guides),
        )


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Person(Protocol):
    """What a site's rules look at in a participant."""

    @property
    def date_of_birth(self) -> date | None: ...
    @property
    def ppe_issued(self) -> bool: ...
    @property
    def medical_clearance(self) -> bool: ...


class Rules(Protocol):
    """A site, or its ``SiteRules``."""

    @property
    def min_age(self) -> int | None: ...
    @property
    def ppe_required(self) -> bool: ...
    @property
    def medical_clearance_required(self) -> bool: ...


@dataclass(frozen=True)
class Check:
    rule: str  # "min_age", "ppe", "medical_clearance"
    met: bool
    reason: str  # as the gate shows it: naming no date of birth and no age
    need: str = ""  # when not met: what the person still lacks, in a list's few words


def person_checks(site: Rules, person: Person, day: date) -> tuple[Check, ...]:
    """One check per rule the site sets, met or not, for ``person`` on ``day``."""
    checks = []
    if site.min_age:
        age = site.min_age
        born = person.date_of_birth
        if born is None:
            reason = _("Date of birth unknown: age %(age)d+ not shown", age=age)
            checks.append(Check("min_age", False, reason, _("date of birth missing (age %(age)d+)", age=age)))
        elif age_on(born, day) < age:
            checks.append(
                Check("min_age", False, _("Under the minimum age of %(age)d", age=age), _("under %(age)d", age=age))
            )
        else:
            checks.append(Check("min_age", True, _("Aged %(age)d or over", age=age)))
    if site.ppe_required:
        if person.ppe_issued:
            checks.append(Check("ppe", True, _("Protective equipment issued")))
        else:
            checks.append(Check("ppe", False, _("No protective equipment issued"), _("PPE not issued")))
    if site.medical_clearance_required:
        if person.medical_clearance:
            checks.append(Check("medical_clearance", True, _("Medical clearance on file")))
        else:
            checks.append(Check("medical_clearance", False, _("No medical clearance"), _("medical clearance missing")))
    return tuple(checks)
