"""Invitation letters for visa support: one page per participant on the company's letterhead
(details from configuration), addressed to the host country's embassy in the person's country and
signed by its signatory. A citizen of the host country needs no visa and gets no letter; every
sentence is in the letter's language (names and references stay as they are written)."""

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak

from partnership.core import clock
from partnership.reports import typefaces
from partnership.reports.common import (
    COPPER,
    INK,
    MUTED,
    NumberedCanvas,
    VisitDocument,
    clean,
    company,
    esc,
    fmt_date,
    grid,
)


class InvitationLetters(VisitDocument):
    margins = (22 * mm, 46 * mm, 20 * mm, 20 * mm)

    def __init__(self, visit, language: str, scope=None, participants=None, issued_on: date | None = None):
        super().__init__(visit, language, scope)
        self.only = participants  # a chosen few (one letter), else everyone in scope
        self.issued_on = issued_on or clock.today()

    def title(self) -> str:
        return _("Letters of invitation") + f": {self.t(self.visit, 'title')}"

    def letters_for(self) -> list:
        host = current_app.config["HOST_COUNTRY"]
        people = [p for p in self.people() if p.nationality != host]
        if self.only is not None:
            chosen = {p.id for p in self.only}
            people = [p for p in people if p.id in chosen]
        return people

    def story(self) -> list:
        story: list[Flowable] = []
        people = self.letters_for()
        for index, person in enumerate(people):
            if index:
                story.append(PageBreak())
            story.append(self.one_page(self.letter(person)))
        if not people:
            story.append(
                self.p(
                    _(
                        "No letters: no participant is registered who needs a visa "
                        "(citizens of %(country)s need no invitation letter).",
                        country=self.country_name(current_app.config["HOST_COUNTRY"]),
                    ),
                    "body",
                )
            )
        return story

    def one_page(self, letter: list) -> Flowable:
        """A letter is one page: a long one (many agreements, a long name) is set a little smaller."""
        left, top, right, bottom = self.margins
        height = self.pagesize[1] - top - bottom - 12  # the frame's own padding
        return KeepInFrame(self.frame_width - 12, height, letter, mode="shrink")

    def addressee(self, person) -> str:
        country = person.nationality or person.organisation.country
        line = current_app.config["INVITATION_ADDRESSEES"].get(country, {}).get(self.language)
        if line:
            return line
        return _(
            "To the Consular Section of the Embassy of the Republic of Uzbekistan (country: %(country)s)",
            country=self.country_name(country),
        )

    def reference(self, person) -> str:
        return f"{company('COMPANY_SHORT_NAME', self.language)}-{self.visit.starts_on.year}/{self.visit.id}-{person.id}"

    def letter(self, person) -> list:
        visit = self.visit
        organisation = self.organisation_name(person.organisation)
        story = [
            self.markup(
                esc(_("Ref. № %(reference)s", reference=self.reference(person)))
                + "&nbsp;&nbsp;&nbsp;&nbsp;"
                + esc(fmt_date(self.issued_on)),
                "muted",
            ),
            self.gap(6),
            self.p(self.addressee(person), "h2"),
            self.gap(4),
            self.p(_("LETTER OF INVITATION"), "title"),
            self.gap(2),
            self.p(
                _(
                    "%(company)s invites the person named below to visit the Republic of Uzbekistan "
                    "from %(start)s to %(end)s as a member of a visiting delegation (organisation: %(organisation)s).",
                    company=company("COMPANY_NAME", self.language),
                    start=fmt_date(visit.starts_on),
                    end=fmt_date(visit.ends_on),
                    organisation=organisation,
                )
            ),
            self.person_table(person, organisation),
            self.gap(4),
            self.p(
                _(
                    "Purpose of the visit: a study visit to the company’s production sites, within the "
                    "cooperation between the company and “%(organisation)s”.",
                    organisation=organisation,
                )
            ),
        ]
        if visit.agreements:
            basis = ", ".join(agreement.reference for agreement in visit.agreements)
            story.append(self.p(_("The visit is carried out under the agreements %(references)s.", references=basis)))
        story += [
            self.p(
                _(
                    "During the visit the company provides the programme at its sites, guides and the protective "
                    "equipment its safety rules require. We kindly ask you to issue the invited person an entry "
                    "visa for the dates of the visit."
                )
            ),
            self.gap(10),
            *self.signature(),
        ]
        contact = self.contact_line()
        if contact:
            story += [self.gap(8), self.p(contact, "muted")]
        return story

    def person_table(self, person, organisation: str):
        rows = [
            (_("Full name"), self.p(person.full_name, "cell_bold")),
            (_("Date of birth"), fmt_date(person.date_of_birth) if person.date_of_birth else "—"),
            (_("Nationality"), self.country_name(person.nationality)),
            (_("Passport or ID document number"), person.document_number or "—"),
            (_("Organisation"), organisation),
            (_("Role in the delegation"), str(person.role.label)),
        ]
        if person.faculty:
            rows.append((_("Faculty / programme"), person.faculty))
        table = grid(
            [self.cells([label, value], "cell") for label, value in rows],
            [60 * mm, self.frame_width - 60 * mm],
            header=False,
            zebra=True,
        )
        table.spaceBefore = 2 * mm
        return table

    def signature(self) -> list[Flowable]:
        name = company("COMPANY_SIGNATORY", self.language)
        title = company("COMPANY_SIGNATORY_TITLE", self.language)
        lines: list[Flowable] = [self.p(title, "body")] if title else []
        lines.append(self.markup("_" * 28 + "&nbsp;&nbsp;&nbsp;" + esc(name or ""), "body"))
        lines.append(self.p(_("(signature, seal)"), "muted"))
        return lines  # kept on the letter's one page with the rest

    def contact_line(self) -> str:
        coordinator = self.visit.coordinator
        if coordinator is None:
            return ""
        return _("Enquiries: %(name)s, %(email)s", name=coordinator.full_name, email=coordinator.email)

    def canvas_class(self):
        class _Canvas(NumberedCanvas):
            footer_template = ""  # each page is a letter of its own

        return _Canvas

    def decorate(self, canvas, doc) -> None:
        """The letterhead: company name, address and contacts above a copper rule."""
        width, height = canvas._pagesize
        left, _top, right, _bottom = self.margins
        language = self.language
        canvas.saveState()
        canvas.setFillColor(COPPER)
        canvas.rect(0, height - 5 * mm, width, 5 * mm, stroke=0, fill=1)
        canvas.setFillColor(INK)
        canvas.setFont(typefaces.BOLD, 13)
        canvas.drawString(left, height - 17 * mm, clean(company("COMPANY_NAME", language)))
        canvas.setFont(typefaces.REGULAR, 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, height - 23 * mm, clean(company("COMPANY_ADDRESS", language)))
        contacts = [
            company("COMPANY_PHONE", language),
            company("COMPANY_EMAIL", language),
            company("COMPANY_WEBSITE", language),
        ]
        canvas.drawString(left, height - 28 * mm, clean("  ·  ".join(c for c in contacts if c)))
        canvas.setStrokeColor(COPPER)
        canvas.setLineWidth(1.2)
        canvas.line(left, height - 32 * mm, width - right, height - 32 * mm)
        canvas.restoreState()
