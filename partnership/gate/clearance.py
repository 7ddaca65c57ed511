"""A participant's clearance for a site on a day: one check per rule the site sets (minimum
age, protective equipment, medical clearance, safety induction), each met or not with its reason. The gate
shows it to guides, so no reason names a date of birth or an age."""

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from partnership.induction.queries import passed_on
from partnership.sites.models import Site
from partnership.sites.rules import Check, person_checks
from partnership.visits.models import Participant

__all__ = ["Check", "Clearance", "clearance"]


@dataclass(frozen=True)
class Clearance:
    checks: tuple[Check, ...]

    @property
    def cleared(self) -> bool:
        return all(check.met for check in self.checks)

    @property
    def refusals(self) -> list[str]:
        return [check.reason for check in self.checks if not check.met]


def clearance(participant: Participant, site: Site, day: date) -> Clearance:
    """The site's rules as ``sites.rules.person_checks`` checks them, and its safety induction."""
    return Clearance((*person_checks(site, participant, day), *induction_checks(participant, site)))


def induction_checks(participant: Participant, site: Site) -> tuple[Check, ...]:
    """The site's safety induction (a result of the induction sub-domain, which the site's own
    rules below cannot read)."""
    if not site.induction_required:
        return ()
    result = passed_on([participant.id], site.id).get(participant.id)
    if result is not None and result.passed_at is not None:
        when = format_date(result.passed_at)
        return (Check("induction", True, _("Safety induction passed on %(date)s", date=when)),)
    return (Check("induction", False, _("Safety induction not taken"), _("safety induction not taken")),)
