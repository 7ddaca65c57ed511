"""A site's roll call for an evacuation: who is checked in there now and not yet out, by
visit and organisation, with counts and a column to tick at the assembly point (A4, one
page for a day's groups). No date of birth or document number: names, roles, times."""

from flask_babel import format_time
from flask_babel import gettext as _
from reportlab.lib.units import mm

from partnership.gate.queries import RollCall
from partnership.reports.common import Report, fmt_generated, grid


class RollCallList(Report):
    margins = (16 * mm, 20 * mm, 16 * mm, 14 * mm)

    def __init__(self, site, roll: RollCall, language: str):
        super().__init__(language)
        self.site = site
        self.roll = roll

    def title(self) -> str:
        return _("Evacuation list") + f": {self.t(self.site, 'name')}"

    def story(self) -> list:
        story = [
            self.p(_("Evacuation list"), "subtitle"),
            self.p(self.t(self.site, "name"), "title"),
            self.p(_("Checked in and not yet out at %(when)s", when=fmt_generated(self.generated_at)), "h2"),
            self.p(_("Here now: %(count)d", count=self.roll.total), "h2"),
        ]
        if not self.roll.groups:
            story.append(self.p(_("Nobody is checked in here now."), "body"))
            return story
        for group in self.roll.groups:
            story.append(
                self.heading(
                    f"{self.t(group.visit, 'title')} · {group.organisation.localised_name(self.language)} · "
                    f"{len(group.people)}",
                    2,
                )
            )
            story.append(self.table(group.people))
        return story

    def table(self, rows):
        widths = [9 * mm, 0, 42 * mm, 22 * mm, 20 * mm]
        widths[1] = self.frame_width - sum(widths)
        lines = [self.header_cells(["№", _("Full name"), _("Role"), _("Checked in"), _("Present")])]
        for number, row in enumerate(rows, start=1):
            lines.append(
                self.cells(
                    [
                        str(number),
                        self.p(row.participant.full_name, "cell_bold"),
                        str(row.participant.role.label),
                        format_time(row.checked_in_at, "HH:mm") if row.checked_in_at else "",
                        "",  # ticked at the assembly point
                    ]
                )
            )
        return grid(lines, widths)
