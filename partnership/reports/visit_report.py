"""The visit report: the company's own account of a delegation's visit.

Title and dates, the host sites, the delegation, the legal basis (agreements
and their parties), the itinerary as carried out with attendance, feedback per
site, approved testimonials, outcomes and photos, then the list of people."""

import io
from itertools import groupby

from flask_babel import gettext as _
from PIL import Image as PILImage
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Table, TableStyle

from partnership.reports import feedback_source, queries, typefaces
from partnership.reports.common import (
    VisitDocument,
    company,
    esc,
    fmt_date,
    fmt_day,
    fmt_number,
    fmt_time,
    grid,
    multiline,
    paragraphs,
)
from partnership.visits.models import ParticipantRole, VisitStatus

PHOTO_MAX_PIXELS = 1400  # photos are scaled down to this many pixels on their longer side


class VisitReport(VisitDocument):
    def title(self) -> str:
        return _("Visit report") + f": {self.t(self.visit, 'title')}"

    def load(self) -> None:
        """What the report reads besides the visit: its items, their attendance counted, feedback."""
        self.items = queries.itinerary(self.visit.id, attendees=False)
        self.counts = queries.attendance(self.visit.id, by="item")
        self.sites = queries.sites_of(self.items)
        self.all_people = self.visit.participants
        self.ratings = feedback_source.ratings(self.visit, self.language)
        self.quotes = feedback_source.testimonials(self.visit, self.scope)

    def story(self) -> list:
        self.load()
        story = self.visit_heading(_("Visit report"))
        story += self.opening()
        story.append(self.key_figures())
        story += self.account()
        story += self.host_sites()
        story += self.delegation()
        story += self.legal_basis()
        story += self.itinerary()
        story += self.feedback()
        story += self.testimonials()
        story += self.outcomes()
        story += self.photos()
        story += self.people_appendix()
        return story

    # --- the account -----------------------------------------------------------

    def opening(self) -> list:
        story: list[Flowable] = [self.gap(2)]
        story += [self.p(sentence) for sentence in self.account_sentences()]
        for block in paragraphs(self.t(self.visit, "purpose")):
            story.append(self.p(block))
        if self.visit.coordinator is not None:
            story.append(self.p(_("Coordinator: %(name)s", name=self.visit.coordinator.full_name), "muted"))
        return story

    def account_sentences(self) -> list[str]:
        """The visit told in sentences from translated templates. Each is built so that no name is
        ever declined: organisations, agreements, sites and activities stand after a colon or in
        parentheses, in the form they were entered, never as the object of a verb (Russian and
        Uzbek would inflect them: "делегация Монгольского государственного университета")."""
        visit, people = self.visit, self.all_people
        completed = visit.status is VisitStatus.completed
        students = sum(1 for p in people if p.role is ParticipantRole.student)
        numbers = {
            "when": self.when(),
            "host": company("COMPANY_NAME", self.language),
            "count": fmt_number(len(people)),
            "students": fmt_number(students),
            "staff": fmt_number(len(people) - students),
        }
        if completed:
            sentences = [
                _(
                    "%(when)s, %(host)s hosted a delegation of %(count)s participants: %(students)s students and "
                    "%(staff)s accompanying staff.",
                    **numbers,
                )
            ]
        else:
            sentences = [
                _(
                    "%(when)s, %(host)s receives a delegation of %(count)s participants: %(students)s students and "
                    "%(staff)s accompanying staff. The visit is %(status)s; the itinerary below is the plan.",
                    status=str(visit.status.label).lower(),
                    **numbers,
                )
            ]
        if visit.organisations:
            names = "; ".join(
                f"{self.organisation_name(o)} ({self.country_name(o.country)})" for o in visit.organisations
            )
            sentences.append(_("The delegation came from: %(organisations)s.", organisations=names))
        if visit.agreements:
            basis = "; ".join(f"{self.t(a, 'title')} ({a.reference})" for a in visit.agreements)
            sentences.append(_("Legal basis of the visit: %(agreements)s.", agreements=basis))
        if completed and self.items:
            carried = [item for item in self.items if self.recorded(item)]
            if carried:
                sites = list(dict.fromkeys(self.t(item.site, "name") for item in carried))
                sentences.append(_("Sites visited, as attendance records them: %(sites)s.", sites=", ".join(sites)))
            unrecorded = [item for item in self.items if not self.recorded(item)]
            if unrecorded:
                listed = "; ".join(
                    f"{self.t(item, 'activity')} ({self.t(item.site, 'name')}, {fmt_date(item.day)})"
                    for item in unrecorded
                )
                sentences.append(_("No attendance is recorded for: %(items)s.", items=listed))
        rated = [(r.responses, r.average) for r in self.ratings if r.responses and r.average is not None]
        if rated:
            responses = sum(count for count, _mean in rated)
            average = sum(count * mean for count, mean in rated) / responses
            sentences.append(
                _(
                    "Feedback: %(count)s ratings of the sites, on average %(rating)s of 5.",
                    count=fmt_number(responses),
                    rating=fmt_number(average, 1),
                )
            )
        return sentences

    def when(self) -> str:
        visit = self.visit
        if visit.starts_on == visit.ends_on:
            return _("On %(date)s", date=fmt_date(visit.starts_on))
        return _("From %(start)s to %(end)s", start=fmt_date(visit.starts_on), end=fmt_date(visit.ends_on))

    def account(self) -> list:
        """The coordinator's own account of the visit, in the report's language."""
        blocks = paragraphs(self.t(self.visit, "account"))
        if not blocks:
            return []
        return [self.heading(_("Account of the visit")), *(self.p(block) for block in blocks)]

    def key_figures(self):
        countries_seen = {p.nationality or p.organisation.country for p in self.all_people}
        figures = [
            (fmt_number(len(self.all_people)), _("participants")),
            (fmt_number(len(self.visit.organisations)), _("organisations")),
            (fmt_number(len(countries_seen)), _("countries")),
            (fmt_number(len(self.sites)), _("sites visited")),
        ]
        rated = [r for r in self.ratings if r.average is not None and r.responses]
        if rated:
            total = sum(r.responses for r in rated)
            average = sum(r.average * r.responses for r in rated if r.average is not None) / total
            figures.append((_("%(rating)s of 5", rating=fmt_number(average, 1)), _("average rating")))
        return self.figure_tiles(figures)

    def host_sites(self) -> list:
        if not self.sites:
            return []
        story: list[Flowable] = [self.heading(_("Host sites"))]
        rows = [self.header_cells([_("Site"), _("Kind"), _("Location")])]
        for site in self.sites:
            rows.append(
                self.cells([self.p(self.t(site, "name"), "cell_bold"), str(site.kind.label), self.t(site, "location")])
            )
        story.append(grid(rows, [70 * mm, 35 * mm, self.frame_width - 105 * mm]))
        return story

    def delegation(self) -> list:
        story: list[Flowable] = [self.heading(_("The delegation"))]
        rows = [self.header_cells([_("Organisation"), _("Country"), _("Students"), _("Staff"), _("Total")])]
        totals = [0, 0]
        for organisation in self.visit.organisations:
            people = [p for p in self.all_people if p.organisation_id == organisation.id]
            students = sum(1 for p in people if p.role is ParticipantRole.student)
            staff = len(people) - students
            totals[0] += students
            totals[1] += staff
            rows.append(
                self.cells(
                    [
                        self.p(self.organisation_name(organisation), "cell_bold"),
                        self.country_name(organisation.country),
                        self.p(fmt_number(students), "cell_right"),
                        self.p(fmt_number(staff), "cell_right"),
                        self.p(fmt_number(students + staff), "cell_right"),
                    ]
                )
            )
        rows.append(
            self.cells(
                [
                    self.p(_("Total"), "cell_bold"),
                    "",
                    self.p(fmt_number(totals[0]), "cell_right"),
                    self.p(fmt_number(totals[1]), "cell_right"),
                    self.p(fmt_number(sum(totals)), "cell_right"),
                ]
            )
        )
        story.append(grid(rows, [self.frame_width - 100 * mm, 40 * mm, 20 * mm, 20 * mm, 20 * mm]))
        leads = [p for p in self.people() if p.role is ParticipantRole.lead]
        if leads:
            names = "; ".join(f"{p.full_name} ({self.organisation_name(p.organisation)})" for p in leads)
            story.append(self.gap(2))
            story.append(self.p(_("Delegation leads: %(names)s", names=names), "small"))
        return story

    def legal_basis(self) -> list:
        story: list[Flowable] = [self.heading(_("Legal basis"))]
        if not self.visit.agreements:
            story.append(self.p(_("The visit is not linked to an agreement."), "muted"))
            return story
        story.append(self.p(_("The visit was carried out to implement:")))
        for agreement in self.visit.agreements:
            block: list[Flowable] = [
                self.markup(
                    f"<b>{esc(self.t(agreement, 'title'))}</b> · {esc(agreement.kind.label)} · "
                    f"{esc(agreement.reference)}",
                    "body",
                )
            ]
            dates = []
            if agreement.signed_on:
                dates.append(_("signed %(date)s", date=fmt_date(agreement.signed_on)))
            if agreement.expires_on:
                dates.append(_("valid until %(date)s", date=fmt_date(agreement.expires_on)))
            if dates:
                block.append(self.p(", ".join(dates), "muted"))
            rows = [self.header_cells([_("Party"), _("Country"), _("Signed by"), _("Date")])]
            for party in agreement.parties:
                signatory = ", ".join(v for v in (party.signatory_name, self.t(party, "signatory_title")) if v)
                rows.append(
                    self.cells(
                        [
                            self.organisation_name(party.organisation),
                            self.country_name(party.organisation.country),
                            signatory or "—",
                            fmt_date(party.signed_on, "medium") if party.signed_on else "—",
                        ]
                    )
                )
            block.append(grid(rows, [self.frame_width - 110 * mm, 30 * mm, 50 * mm, 30 * mm]))
            block.append(self.gap(3))
            story.append(KeepTogether(block))
        return story

    def itinerary(self) -> list:
        carried_out = self.visit.status is VisitStatus.completed and all(self.recorded(i) for i in self.items)
        heading = _("Itinerary as carried out") if carried_out else _("Itinerary")
        story: list[Flowable] = [self.heading(heading)]
        if not self.items:
            story.append(self.p(_("No itinerary is recorded."), "muted"))
            return story
        for day, items in groupby(self.items, key=lambda item: item.day):
            story.append(self.heading(fmt_day(day), 2))
            rows = [self.header_cells([_("Time"), _("Site"), _("Activity"), _("Guide"), _("Attendance")])]
            for item in items:
                rows.append(
                    self.cells(
                        [
                            f"{fmt_time(item.starts_at)}–{fmt_time(item.ends_at)}",
                            self.p(self.t(item.site, "name"), "cell_bold"),
                            self.t(item, "activity"),
                            ", ".join(g.name for g in item.guides) or "—",
                            self.attendance(item),
                        ]
                    )
                )
            story.append(grid(rows, [22 * mm, 40 * mm, self.frame_width - 126 * mm, 36 * mm, 28 * mm]))
        return story

    def recorded(self, item) -> bool:
        """Attendance taken on the form, or anyone checked in at the gate."""
        return item.attendance_recorded or self.counts.get(item.id, queries.Attendance()).marked > 0

    def attendance(self, item) -> str:
        counts = self.counts.get(item.id, queries.Attendance())
        planned = counts.planned
        if not self.recorded(item):
            if self.visit.status is VisitStatus.completed:  # over, and nobody said who came
                return _("not recorded (%(planned)s planned)", planned=planned)
            return _("%(planned)s planned", planned=planned)
        return _("%(attended)s of %(planned)s", attended=counts.attended, planned=planned)

    def feedback(self) -> list:
        rated = [r for r in self.ratings if r.responses]
        if not rated:
            return []
        story: list[Flowable] = [self.heading(_("Feedback by site"))]
        rows = [self.header_cells([_("Site"), _("Responses"), _("Average rating")])]
        for rating in rated:
            average = _("%(rating)s of 5", rating=fmt_number(rating.average, 1)) if rating.average is not None else "—"
            rows.append(
                self.cells(
                    [rating.site_name, self.p(str(rating.responses), "cell_right"), self.p(average, "cell_right")]
                )
            )
        story.append(grid(rows, [self.frame_width - 70 * mm, 30 * mm, 40 * mm]))
        return story

    def testimonials(self) -> list:
        if not self.quotes:
            return []
        story: list[Flowable] = [self.heading(_("In the participants' words"))]
        for quote in self.quotes:
            name, rest = feedback_source.attribution(quote, self.language, self.country_name)
            signature = f"— <b>{esc(name)}</b>, {esc(rest)}" if name else f"— {esc(rest)}"
            story.append(
                KeepTogether(
                    [
                        self.markup("“" + multiline(quote.in_language(self.language).strip()) + "”", "quote"),
                        self.markup(signature, "signature"),
                        self.gap(2),
                    ]
                )
            )
        return story

    def outcomes(self) -> list:
        story = [self.heading(_("Outcomes"))]
        blocks = paragraphs(self.t(self.visit, "outcomes"))
        if not blocks:
            story.append(self.p(_("No outcomes are recorded yet."), "muted"))
        story += [self.p(block) for block in blocks]
        return story

    def photos(self) -> list:
        photos = queries.photos(self.visit.id, with_content=True)
        if not photos:
            return []
        story: list[Flowable] = [self.heading(_("Photos"))]
        width = (self.frame_width - 6 * mm) / 2
        cells = [self.photo_cell(photo, width) for photo in photos]
        rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
        table = Table(rows, colWidths=[width + 3 * mm] * 2)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), typefaces.REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        story.append(table)
        return story

    def photo_cell(self, photo, width: float) -> list:
        data, pixel_width, pixel_height = scaled_photo(photo.content)
        height = width * pixel_height / pixel_width
        if height > 90 * mm:
            width, height = width * 90 * mm / height, 90 * mm
        cell: list[Flowable] = [Image(io.BytesIO(data), width=width, height=height)]
        if photo.caption:
            cell.append(self.p(photo.caption, "muted"))
        return cell

    def people_appendix(self) -> list:
        people = self.people()
        if not people:
            return []
        counts = queries.attendance(self.visit.id, by="person")
        story: list[Flowable] = [self.heading(_("Participants"))]
        labels = [_("Full name"), _("Organisation"), _("Role"), _("Nationality")]
        widths = [48 * mm, self.frame_width - 128 * mm, 36 * mm, 24 * mm]
        if self.items:
            labels.append(_("Items attended"))
            widths.append(20 * mm)
        else:
            widths[1] += 20 * mm
        rows = [self.header_cells(labels)]
        for person in people:
            row = [
                person.full_name,
                self.organisation_name(person.organisation),
                str(person.role.label),
                self.country_name(person.nationality),
            ]
            if self.items:
                mine = counts.get(person.id, queries.Attendance())
                row.append(f"{mine.attended} / {mine.planned}")
            name = self.line_cells(row[:1], widths[:1], typefaces.BOLD)
            rows.append(name + self.line_cells(row[1:], widths[1:]))
        table = grid(rows, widths)
        names_bold: list[tuple] = [("FONTNAME", (0, 1), (0, -1), typefaces.BOLD)]
        if self.items:
            names_bold.append(("ALIGN", (-1, 1), (-1, -1), "RIGHT"))  # "attended / planned"
        table.setStyle(TableStyle(names_bold))
        story.append(table)
        return story


def scaled_photo(content: bytes) -> tuple[bytes, int, int]:
    """The photo as a JPEG no larger than PHOTO_MAX_PIXELS on its longer side."""
    image: PILImage.Image  # opened as an ImageFile, then converted
    with PILImage.open(io.BytesIO(content)) as image:
        image = image.convert("RGBA") if image.mode in ("P", "LA") else image
        if image.mode == "RGBA":
            background = PILImage.new("RGB", image.size, "white")
            background.paste(image, mask=image.split()[-1])
            image = background
        elif image.mode != "RGB":
            image = image.convert("RGB")
        image.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82, optimize=True)
        return buffer.getvalue(), image.width, image.height
