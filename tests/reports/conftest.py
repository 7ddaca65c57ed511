"""Helpers for reading PDFs back (pypdf and poppler's pdftotext), rendering
their pages to PNG for a person to look at, and a multi-script cast."""

import io
import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from partnership.extensions import db
from partnership.feedback.models import FeedbackResponse
from partnership.feedback.models import SiteRating as FeedbackSiteRating
from partnership.sites.models import SiteKind
from partnership.visits.models import ParticipantRole
from tests.factories import AgreementFactory, OrganisationFactory, UserFactory
from tests.reports.factories import ItineraryItemFactory, ParticipantFactory, VisitFactory
from tests.sites.factories import GuideFactory, SiteFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
LANGUAGES = ("en", "ru", "uz")

# Names in every script the reports must carry exactly.
MONGOLIAN = ["Лхагва Очир Энхжин", "Өлзийбаяр Батбаяр", "Үүрцайх Ганбаатар"]
UZBEK = ["Ўткир Қодиров", "Ғайрат Ҳасанов", "Oʻktam Gʻulomov"]
OTHERS = ["Çağrı Öztürk", "Riahi Amma Vissal"]
NAMES = MONGOLIAN + UZBEK + OTHERS


def expected_in(document: str, names) -> list[str]:
    """The names a visit document prints: invitation letters leave out the citizens of the host
    country (the Uzbek names are of Uzbek citizens), who need no visa."""
    return [name for name in names if document != "invitations" or name not in UZBEK]


def squash(text: str) -> str:
    return " ".join(text.split())


def pypdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return squash(" ".join(page.extract_text() or "" for page in reader.pages))


def poppler_text(data: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["/usr/bin/pdftotext", "-enc", "UTF-8", *options, str(path), "-"], capture_output=True, check=True
    )
    return squash(result.stdout.decode("utf-8"))


def both_texts(data: bytes, tmp_path: Path) -> list[str]:
    return [pypdf_text(data), poppler_text(data, tmp_path)]


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def render_pages(data: bytes, name: str, tmp_path: Path) -> list[Path]:
    """Every page as a PNG in test-artifacts/reports/ (for a person, not a pixel comparison)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    (ARTIFACTS / f"{name}.pdf").write_bytes(data)
    subprocess.run(["/usr/bin/pdftoppm", "-r", "50", "-png", str(path), str(ARTIFACTS / name)], check=True)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"), key=lambda p: int(re.findall(r"-(\d+)\.png$", p.name)[0]))


def fonts_not_embedded(data: bytes, tmp_path: Path) -> list[str]:
    """The fonts a PDF names without embedding them, as pdffonts lists them."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    listing = subprocess.run(["/usr/bin/pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = listing.splitlines()[2:]  # two heading lines
    # name, type (one or two words), encoding, then emb sub uni: "yes"/"no" each, object id
    return [row.split()[0] for row in rows if row.split()[-5] != "yes"]


@pytest.fixture
def cast(world):
    """The June 2025 excursion in small: UGS (A) and MSU (B) with names in their scripts."""
    org_a, org_b = world.org_a, world.org_b
    org_a.name_ru, org_a.name_uz = "Университет геологических наук", "Geologiya fanlari universiteti"
    org_b.name_ru, org_b.name_uz = "Монгольский государственный университет", "Moʻgʻuliston davlat universiteti"
    mining_ministry = OrganisationFactory(name="Ministry of Mining and Heavy Industry of Mongolia", country="MN")
    mou = AgreementFactory(
        reference="MOU-GEO-2024",
        title="Memorandum of Understanding on geology and mining",
        parties=[world.ministry, mining_ministry, org_a],
    )
    coordinator = UserFactory(full_name="Dilnoza Karimova", email="d.karimova@example.org")
    visit = VisitFactory(
        title="Industrial excursion of university students to AMMC",
        organisations=[org_a, org_b],
        agreements=[mou, world.agreement_b],
        coordinator=coordinator,
        outcomes="The branch of the department was opened.\n\nStudents asked to come back for practical training.",
    )
    people = {}
    for name in MONGOLIAN:
        people[name] = ParticipantFactory(visit=visit, organisation=org_b, full_name=name, nationality="MN")
    for name in UZBEK + ["Riahi Amma Vissal"]:
        people[name] = ParticipantFactory(visit=visit, organisation=org_a, full_name=name)
    people["Riahi Amma Vissal"].nationality = "TN"
    people["Çağrı Öztürk"] = ParticipantFactory(
        visit=visit,
        organisation=org_a,
        full_name="Çağrı Öztürk",
        nationality="TR",
        role=ParticipantRole.staff,
        document_number="U12345678",
    )
    mine = world.site  # Kalmakyr mine, with its safety rules
    mine.safety_notes = "Stay with your guide on the observation platform."
    museum = world.programme_site  # AMMC Honorary History Museum
    museum.kind, museum.location = SiteKind.museum, "Metallurg Cultural Palace, Almalyk"
    school = SiteFactory(name="AMMC Training Center, Engineering School", kind=SiteKind.training_centre)
    department = SiteFactory(name="AMMC Resources and Mining Department", kind=SiteKind.department)
    guide = GuideFactory(name="Sherzod Tursunov", phone="+998 90 123 45 67", sites=[mine, museum])
    items = [
        ItineraryItemFactory(
            visit=visit,
            site=mine,
            guide=guide,
            starts_at=datetime(2025, 6, 24, 9, 0),
            activity="Mining processes with large-scale equipment",
            meeting_point="Mine gate 2",
            attendees__attended=True,
        ),
        ItineraryItemFactory(
            visit=visit,
            site=museum,
            guide=guide,
            starts_at=datetime(2025, 6, 24, 13, 0),
            activity="History of the company; questions about its divisions",
            attendees__attended=True,
        ),
        ItineraryItemFactory(
            visit=visit,
            site=school,
            starts_at=datetime(2025, 6, 25, 9, 30),
            activity="Opportunities the Engineering School offers students",
        ),
        ItineraryItemFactory(
            visit=visit,
            site=department,
            starts_at=datetime(2025, 6, 25, 14, 0),
            activity="Opening of the branch of the department “Mining Operations and Technologies”",
            attendees=[people[name] for name in UZBEK],
        ),
    ]
    feedback = [
        # (person, words, named, approved, ratings per site)
        ("Riahi Amma Vissal", "Seeing large-scale technological operations was very exciting.", True, True, [5, 5]),
        ("Лхагва Очир Энхжин", "Бид үйлдвэрлэлийн процессыг шууд ажигласан. I am very pleased.", True, True, [5, 4]),
        ("Өлзийбаяр Батбаяр", "A quiet student liked the museum most.", False, True, [4, 5]),
        ("Үүрцайх Ганбаатар", "Not approved: must never be printed.", True, False, [3, 3]),
    ]
    for name, words, named, approved, ratings in feedback:
        response = FeedbackResponse(
            participant=people[name],
            words=words,
            consent_publish_words=True,
            consent_publish_name=named,
            approved_at=datetime(2025, 6, 30, 9, 0) if approved else None,
        )
        for site, rating in zip((mine, museum), ratings, strict=False):
            response.ratings.append(FeedbackSiteRating(site=site, rating=rating))
        db.session.add(response)
    db.session.commit()
    return type(
        "Cast",
        (),
        {
            "visit": visit,
            "people": people,
            "org_a": org_a,
            "org_b": org_b,
            "mou": mou,
            "items": items,
            "sites": [mine, museum, school, department],
            "guide": guide,
            "a_names": UZBEK + OTHERS,
            "b_names": MONGOLIAN,
        },
    )
