"""The partnership summary for a period management chooses: visits,
participants by country, organisation and site, agreements by status, and
each partner's agreements, visits, participants and last visit, with charts."""

from collections import OrderedDict
from datetime import date
from typing import cast

from flask import current_app
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from partnership import countries
from partnership.agreements.models import AgreementStatus
from partnership.core import clock
from partnership.partners.models import Organisation
from partnership.reports import charts, typefaces
from partnership.reports.common import Report, fmt_date, fmt_number, fmt_period, grid
from partnership.reports.summary_queries import COUNTED, PartnerRow, SummaryData, collect
from partnership.visits.models import ParticipantRole


class PartnershipSummary(Report):
    def __init__(self, start: date, end: date, language: str, today: date | None = None):
        super().__init__(language)
        self.start, self.end = start, end
        self.today = today or clock.today()

    def title(self) -> str:
        return _("Partnership summary") + f": {fmt_period(self.start, self.end)}"

    def story(self) -> list:
        window = current_app.config["AGREEMENT_EXPIRY_WINDOW_DAYS"]
        data = collect(self.start, self.end, self.today, window, self.language)
        return [
            self.p(_("Partnership summary"), "subtitle"),
            self.p(fmt_period(data.start, data.end), "title"),
            self.p(_("Agreements as they stood on %(date)s", date=fmt_date(data.as_of)), "muted"),
            self.gap(3),
            self.key_figures(data),
            *self.visits_section(data),
            *self.participants_section(data),
            *self.agreements_section(data),
            *self.partners_section(data),
        ]

    # --- sections --------------------------------------------------------------

    def key_figures(self, data: SummaryData):
        active = data.agreements_by_status.get(AgreementStatus.active, 0) + data.agreements_by_status.get(
            AgreementStatus.expiring, 0
        )
        figures = [
            (fmt_number(data.visits), _("visits")),
            (fmt_number(data.participants), _("participants")),
            (fmt_number(sum(1 for row in data.partners if row.visits)), _("visiting organisations")),
            (fmt_number(active), _("agreements in force")),
        ]
        return self.figure_tiles(figures)

    def visits_section(self, data: SummaryData) -> list:
        story: list[Flowable] = [self.heading(_("Visits"))]
        story.append(
            self.p(
                _(
                    "Visits that overlap the period and were requested, approved, confirmed or completed: %(count)s.",
                    count=fmt_number(data.visits),
                )
            )
        )
        labels, values = self.month_series(data.visits_by_month)
        story.append(charts.column_chart(labels, values, self.frame_width, 62 * mm, _("Visits by month of arrival")))
        rows = [self.header_cells([_("Status"), _("Visits")])]
        for status in COUNTED:  # what the figures count: no draft, rejected or cancelled rows
            rows.append(
                self.cells([str(status.label), self.p(fmt_number(data.visits_by_status.get(status, 0)), "cell_right")])
            )
        story.append(grid(rows, [60 * mm, 25 * mm]))
        return story

    def month_series(self, by_month: "OrderedDict[date, int]") -> tuple[list[str], list[int]]:
        if len(by_month) > 24:  # a long period reads better by year
            years: OrderedDict[int, int] = OrderedDict()
            for month, count in by_month.items():
                years[month.year] = years.get(month.year, 0) + count
            return [str(year) for year in years], list(years.values())
        return [format_date(month, "LLL yy") for month in by_month], list(by_month.values())

    def participants_section(self, data: SummaryData) -> list:
        story: list[Flowable] = [self.heading(_("Participants"))]
        roles = data.participants_by_role
        story.append(
            self.p(
                _(
                    "%(total)s participants: %(students)s students, %(staff)s accompanying staff, "
                    "%(leads)s delegation leads.",
                    total=data.participants,
                    students=roles.get(ParticipantRole.student, 0),
                    staff=roles.get(ParticipantRole.staff, 0),
                    leads=roles.get(ParticipantRole.lead, 0),
                )
            )
        )
        if not data.participants:
            return story
        by_country = [
            (countries.name(code, self.language) if code else _("Not stated"), n)
            for code, n in data.participants_by_country
        ]
        pie = charts.top(by_country, 9, _("Other countries"))
        story.append(
            KeepTogether(
                [
                    self.heading(_("By country"), 2),
                    charts.pie_chart([label for label, _n in pie], [n for _l, n in pie], self.frame_width, 58 * mm),
                ]
            )
        )
        story.append(self.count_table(_("Country"), by_country))
        by_organisation = [(o.localised_name(self.language), n) for o, n in data.participants_by_organisation]
        story.append(self.heading(_("By organisation"), 2))
        shown = by_organisation[:12]
        story.append(charts.bar_chart([label for label, _n in shown], [n for _l, n in shown], self.frame_width))
        top = current_app.config["SUMMARY_TOP_PARTNERS"]
        story.append(self.count_table(_("Organisation"), charts.top(by_organisation, top, _("Other organisations"))))
        story.append(self.heading(_("By site visited"), 2))
        if data.participants_by_site:
            story.append(
                charts.bar_chart(
                    [label for label, _n in data.participants_by_site],
                    [n for _l, n in data.participants_by_site],
                    self.frame_width,
                )
            )
            story.append(self.count_table(_("Site"), data.participants_by_site, share=False))
        else:
            story.append(self.p(_("No site visits are recorded for the period."), "muted"))
        return story

    def count_table(self, label: str, pairs: list[tuple[str, int]], share: bool = True):
        """Counts with each one's share of the total (not for sites: one person visits several)."""
        total = sum(count for _name, count in pairs) or 1
        rows = [self.header_cells([label, _("Participants")] + ([_("Share")] if share else []))]
        for name, count in pairs:
            row = [name, self.p(fmt_number(count), "cell_right")]
            if share:
                row.append(self.p(fmt_number(100 * count / total, 1) + " %", "cell_right"))
            rows.append(self.cells(row))
        widths = [self.frame_width - 60 * mm, 30 * mm, 30 * mm] if share else [self.frame_width - 30 * mm, 30 * mm]
        return grid(rows, widths)

    def agreements_section(self, data: SummaryData) -> list:
        story: list[Flowable] = [self.heading(_("Agreements"))]
        statuses = [
            AgreementStatus.active,
            AgreementStatus.expiring,
            AgreementStatus.expired,
            AgreementStatus.terminated,
        ]  # signed agreements only: a draft is not yet a partnership
        labels = [str(s.label) for s in statuses]
        values = [data.agreements_by_status.get(s, 0) for s in statuses]
        rows = [self.header_cells([_("Status"), _("Agreements")])]
        rows += [
            self.cells([label, self.p(fmt_number(value), "cell_right")])
            for label, value in zip(labels, values, strict=True)
        ]
        pie = charts.pie_chart(labels, values, self.frame_width - 75 * mm, 45 * mm) if any(values) else ""
        story.append(
            Table(
                [[grid(rows, [45 * mm, 25 * mm]), pie]],
                colWidths=[75 * mm, self.frame_width - 75 * mm],
                style=[
                    ("FONTNAME", (0, 0), (-1, -1), typefaces.REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ],
            )
        )
        story.append(
            self.p(
                _(
                    "“Expiring” means the agreement ends within %(days)s days of %(date)s",
                    days=data.window_days,
                    date=fmt_date(data.as_of),
                ),
                "muted",
            )
        )
        if data.expiring:
            story.append(self.heading(_("Expiring agreements"), 2))
            rows = [self.header_cells([_("Reference"), _("Agreement"), _("Parties"), _("Expires")])]
            for agreement in data.expiring:
                parties = ", ".join(p.organisation.localised_name(self.language) for p in agreement.parties)
                rows.append(
                    self.cells(
                        [
                            agreement.reference,
                            self.t(agreement, "title"),
                            parties,
                            fmt_date(agreement.expires_on, "medium"),
                        ]
                    )
                )
            story.append(grid(rows, [28 * mm, 60 * mm, self.frame_width - 116 * mm, 28 * mm]))
        return story

    def partner_cells(self, name: str, country: str, row: PartnerRow) -> list:
        return self.cells(
            [
                name,
                country,
                self.p(f"{row.active_agreements} / {row.agreements}", "cell_right"),
                self.p(fmt_number(row.visits), "cell_right"),
                self.p(fmt_number(row.participants), "cell_right"),
                fmt_date(row.last_visit, "medium") if row.last_visit else "—",
            ]
        )

    def partners_section(self, data: SummaryData) -> list:
        story: list[Flowable] = [self.heading(_("Partners"))]
        if not data.partners:
            story.append(self.p(_("No partner has agreements or visits."), "muted"))
            return story
        rows = [
            self.header_cells(
                [
                    _("Organisation"),
                    _("Country"),
                    _("Agreements (in force / all)"),
                    _("Visits"),
                    _("Participants"),
                    _("Last visit"),
                ]
            )
        ]
        # The partners that did most, then one row for all the others: a register of
        # thousands would otherwise be dozens of pages (and most of the time to lay out).
        top = current_app.config["SUMMARY_TOP_PARTNERS"]
        shown, others = data.partners[:top], data.partners[top:]
        for row in shown:
            rows.append(
                self.partner_cells(
                    row.organisation.localised_name(self.language),
                    countries.name(row.organisation.country, self.language),
                    row,
                )
            )
        if others:
            total = PartnerRow(
                organisation=cast(Organisation, None),  # a sum of organisations, not one
                agreements=sum(r.agreements for r in others),
                active_agreements=sum(r.active_agreements for r in others),
                visits=sum(r.visits for r in others),
                participants=sum(r.participants for r in others),
                last_visit=max((r.last_visit for r in others if r.last_visit), default=None),
            )
            label = ngettext("%(num)d other organisation", "%(num)d other organisations", len(others))
            rows.append(self.partner_cells(label, "", total))
        story.append(grid(rows, [self.frame_width - 118 * mm, 24 * mm, 30 * mm, 14 * mm, 24 * mm, 26 * mm]))
        return story
