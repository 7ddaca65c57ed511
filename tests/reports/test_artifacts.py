"""Each report type rendered to PNG pages in test-artifacts/reports/, for a
person to look at (not compared pixel by pixel), each naming only fonts it embeds."""

from datetime import date

import pytest

from partnership.reports import documents
from partnership.reports.access import Document
from partnership.reports.summary import PartnershipSummary
from tests.reports.conftest import fonts_not_embedded, render_pages
from tests.reports.factories import VisitPhotoFactory, image_bytes


@pytest.mark.parametrize("language", ["en", "ru", "uz"])
@pytest.mark.parametrize("document", list(Document), ids=lambda d: d.value)
def test_visit_documents_render_to_png(app, cast, document, language, tmp_path):
    VisitPhotoFactory(visit=cast.visit, caption="At the Kalmakyr mine", content=image_bytes("JPEG", (640, 420)))
    VisitPhotoFactory(
        visit=cast.visit,
        caption="Opening ceremony",
        content=image_bytes("PNG", (480, 480), (30, 43, 55)),
        content_type="image/png",
        filename="opening.png",
    )
    data = documents.render_visit_document(document, cast.visit.id, language)
    pages = render_pages(data, f"{document.value}-{language}", tmp_path)
    assert pages and all(page.stat().st_size > 1000 for page in pages)
    assert fonts_not_embedded(data, tmp_path) == []


@pytest.mark.parametrize("language", ["en", "ru", "uz"])
def test_summary_renders_to_png(app, cast, language, tmp_path):
    data = PartnershipSummary(date(2025, 1, 1), date(2025, 12, 31), language, today=date(2025, 9, 1)).render()
    pages = render_pages(data, f"summary-{language}", tmp_path)
    assert pages and all(page.stat().st_size > 1000 for page in pages)
    assert fonts_not_embedded(data, tmp_path) == []
