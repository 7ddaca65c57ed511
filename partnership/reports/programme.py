"""The programme handed to participants: day by day, each item's time, site,
activity and meeting point; each site's safety rules; whom to call."""

from itertools import groupby
from typing import Any

from flask_babel import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from partnership.reports import queries
from partnership.reports.common import (
    VisitDocument,
    company,
    esc,
    fmt_day,
    fmt_time,
    grid,
    paragraphs,
)


class Programme(VisitDocument):
    def title(self) -> str:
        return _("Programme") + f": {self.t(self.visit, 'title')}"

    def story(self) -> list:
        self.items = queries.itinerary(self.visit.id)
        story = self.visit_heading(_("Programme"))
        for block in paragraphs(self.t(self.visit, "purpose")):
            story.append(self.p(block, "small"))
        story += self.days()
        story += self.safety()
        story += self.contacts()
        story += self.group()
        return story

    def group(self) -> list:
        """Who is in the group (a liaison's copy: their own people), to hand out with the programme."""
        people = self.people()
        if not people:
            return []
        story: list[Flowable] = [self.heading(_("Participants"))]
        rows = [self.header_cells([_("Full name"), _("Organisation"), _("Role")])]
        for person in people:
            rows.append(
                self.cells(
                    [
                        self.p(person.full_name, "cell_bold"),
                        self.organisation_name(person.organisation),
                        str(person.role.label),
                    ]
                )
            )
        story.append(grid(rows, [60 * mm, self.frame_width - 100 * mm, 40 * mm]))
        return story

    def days(self) -> list:
        if not self.items:
            return [self.heading(_("Programme")), self.p(_("The programme is being prepared."), "muted")]
        story: list[Flowable] = []
        everyone = {p.id for p in self.visit.participants}
        for day, items in groupby(self.items, key=lambda item: item.day):
            story.append(self.heading(fmt_day(day)))
            rows = [self.header_cells([_("Time"), _("Site"), _("Activity"), _("Meeting point"), _("Guide")])]
            for item in items:
                activity = esc(self.t(item, "activity"))
                attendees = [a.participant for a in item.attendances]
                if {p.id for p in attendees} != everyone:
                    names = ", ".join(
                        p.full_name for p in queries.ordered_people(self.scope.people(attendees), self.language)
                    )
                    group = _("For: %(names)s", names=names) if names else _("For another group")
                    activity += f"<br/><font size='7.5'>{esc(group)}</font>"
                if item.notes:
                    activity += f"<br/><font size='7.5'>{esc(item.notes)}</font>"
                guides = (
                    "<br/>".join(
                        esc(g.name) + (f"<br/><font size='7.5'>{esc(g.phone)}</font>" if g.phone else "")
                        for g in item.guides
                    )
                    or "—"
                )
                rows.append(
                    self.cells(
                        [
                            self.p(f"{fmt_time(item.starts_at)}–{fmt_time(item.ends_at)}", "cell_bold"),
                            self.p(self.t(item.site, "name"), "cell_bold"),
                            self.markup(activity, "cell"),
                            self.t(item, "meeting_point") or "—",
                            self.markup(guides, "cell"),
                        ]
                    )
                )
            story.append(grid(rows, [24 * mm, 36 * mm, self.frame_width - 128 * mm, 32 * mm, 36 * mm]))
        return story

    def safety(self) -> list:
        sites = queries.sites_of(self.items)
        if not sites:
            return []
        story: list[Flowable] = [self.heading(_("Safety rules at the sites"))]
        for site in sites:
            rules = []
            if site.min_age:
                rules.append(_("Minimum age: %(age)s years.", age=site.min_age))
            if site.ppe_required:
                rules.append(_("Personal protective equipment is required; it is issued on site."))
            if site.medical_clearance_required:
                rules.append(_("A medical clearance is required."))
            if site.max_group_per_guide:
                rules.append(_("At most %(count)s people per guide.", count=site.max_group_per_guide))
            block: list[Flowable] = [
                self.p(self.t(site, "name") + (f" · {self.t(site, 'location')}" if site.location else ""), "h2")
            ]
            if rules:
                block.append(self.markup("<br/>".join(f"• {esc(rule)}" for rule in rules), "small"))
            for note in paragraphs(self.t(site, "safety_notes")):
                block.append(self.p(note, "small"))
            if not rules and not site.safety_notes:
                block.append(self.p(_("No special rules."), "muted"))
            story.append(KeepTogether(block))
        return story

    def contacts(self) -> list:
        story: list[Flowable] = [self.heading(_("Contacts"))]
        rows = [self.header_cells([_("Who"), _("Name"), _("Phone"), _("Email or website")])]
        coordinator = self.visit.coordinator
        if coordinator is not None:
            rows.append(self.cells([_("Visit coordinator"), coordinator.full_name, "", coordinator.email]))
        guides: dict[int, Any] = {}
        sites: dict[int, list[str]] = {}
        for item in self.items:
            for guide in item.guides:
                guides.setdefault(guide.id, guide)
                names = sites.setdefault(guide.id, [])
                if self.t(item.site, "name") not in names:
                    names.append(self.t(item.site, "name"))
        for guide_id, guide in guides.items():
            rows.append(
                self.cells(
                    [
                        _("Guide: %(sites)s", sites=", ".join(sites[guide_id])),
                        guide.name,
                        guide.phone or "",
                        guide.email or "",
                    ]
                )
            )
        rows.append(
            self.cells(
                [
                    company("COMPANY_SHORT_NAME", self.language),
                    company("COMPANY_NAME", self.language),
                    company("COMPANY_PHONE", self.language),
                    company("COMPANY_EMAIL", self.language) or company("COMPANY_WEBSITE", self.language),
                ]
            )
        )
        story.append(grid(rows, [48 * mm, 48 * mm, 32 * mm, self.frame_width - 128 * mm]))
        return story
