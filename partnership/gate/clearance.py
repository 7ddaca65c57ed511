"""A participant's clearance for a site on a day: one check per rule the site sets (minimum
age, protective equipment, medical clearance), each met or not with its reason. The gate
shows it to guides, so no reason names a date of birth or an age."""

from dataclasses import dataclass
from datetime import date

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
    """The site's rules as ``sites.rules.person_checks`` checks them."""
    return Clearance(person_checks(site, participant, day))
