"""The participant list of a visit, grouped by organisation (A4 landscape).

Dates of birth and document numbers appear only for readers allowed to see them."""

from itertools import groupby

from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from partnership.reports.common import VisitDocument, grid


class ParticipantList(VisitDocument):
    pagesize = landscape(A4)
    margins = (14 * mm, 20 * mm, 14 * mm, 16 * mm)

    def title(self) -> str:
        return _("Participant list") + f": {self.t(self.visit, 'title')}"

    def story(self) -> list:
        story = self.visit_heading(_("Participant list"))
        people = self.people()
        if not people:
            story.append(self.p(_("No participants are registered."), "body"))
            return story
        story.append(self.p(_("%(count)s participants", count=len(people)), "body"))
        for _organisation_id, members in groupby(people, key=lambda p: p.organisation_id):
            group = list(members)
            organisation = group[0].organisation
            story.append(
                self.heading(
                    f"{self.organisation_name(organisation)} ({self.country_name(organisation.country)})"
                    f" · {len(group)}",
                    2,
                )
            )
            story.append(self.table(group))
        return story

    def columns(self) -> list[tuple[str, float]]:
        columns = [
            ("№", 9 * mm),
            (_("Full name"), 48 * mm),
            (_("Role"), 36 * mm),
            (_("Nationality"), 26 * mm),
            (_("Faculty / programme"), 42 * mm),
        ]
        if self.scope.sensitive:
            columns += [(_("Date of birth"), 24 * mm), (_("Document number"), 27 * mm)]
        columns += [
            (_("Diet, access needs"), 0),
            (_("Medical clearance"), 22 * mm),
            (_("PPE issued"), 16 * mm),
        ]
        fixed = sum(width for _label, width in columns)
        return [(label, width or self.frame_width - fixed) for label, width in columns]

    def table(self, people):
        columns = self.columns()
        rows = [self.header_cells([label for label, _w in columns])]
        for number, person in enumerate(people, start=1):
            needs = "; ".join(value for value in (person.diet, person.access_needs) if value)
            row = [
                str(number),
                self.p(person.full_name, "cell_bold"),
                str(person.role.label),
                self.country_name(person.nationality),
                person.faculty or "",
            ]
            if self.scope.sensitive:
                row += [
                    person.date_of_birth and self.short_date(person.date_of_birth) or "—",
                    person.document_number or "—",
                ]
            row += [needs, self.yes_no(person.medical_clearance), self.yes_no(person.ppe_issued)]
            rows.append(self.cells(row))
        return grid(rows, [width for _label, width in columns])

    @staticmethod
    def yes_no(value: bool) -> str:
        return "✓" if value else "—"

    @staticmethod
    def short_date(value) -> str:
        from partnership.reports.common import fmt_date

        return fmt_date(value, "short")
