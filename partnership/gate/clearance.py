"""A participant's clearance for a site on a day: one check per rule the site sets (minimum
age, protective equipment, medical clearance, safety induction), each met or not with its reason. The gate
shows it to guides, so no reason names a date of birth or an age."""

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from partnership.induction.queries import passed_on
from partnership.programme.rules import age_on
from partnership.sites.models import Site
from partnership.visits.models import Participant


@dataclass(frozen=True)
class Check:
    rule: str  # "min_age", "ppe", "medical_clearance", "induction"
    met: bool
    reason: str


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
    checks = []
    if site.min_age:
        born = participant.date_of_birth
        if born is None:
            checks.append(Check("min_age", False, _("Date of birth unknown: age %(age)d+ not shown", age=site.min_age)))
        elif age_on(born, day) < site.min_age:
            checks.append(Check("min_age", False, _("Under the minimum age of %(age)d", age=site.min_age)))
        else:
            checks.append(Check("min_age", True, _("Aged %(age)d or over", age=site.min_age)))
    if site.ppe_required:
        if participant.ppe_issued:
            checks.append(Check("ppe", True, _("Protective equipment issued")))
        else:
            checks.append(Check("ppe", False, _("No protective equipment issued")))
    if site.medical_clearance_required:
        if participant.medical_clearance:
            checks.append(Check("medical_clearance", True, _("Medical clearance on file")))
        else:
            checks.append(Check("medical_clearance", False, _("No medical clearance")))
    if site.induction_required:
        result = passed_on([participant.id], site.id).get(participant.id)
        if result is not None and result.passed_at is not None:
            checks.append(
                Check("induction", True, _("Safety induction passed on %(date)s", date=format_date(result.passed_at)))
            )
        else:
            checks.append(Check("induction", False, _("Safety induction not taken")))
    return Clearance(tuple(checks))
