"""No inline script, style attribute or event handler is left for the Content-Security-Policy to
block: not in the template sources (every branch), not in the pages each role is served."""

import re
from pathlib import Path

from flask import template_rendered

from tests import pages
from tests.conftest import sign_in
from tests.test_access_table import ROWS

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INLINE_IN_SOURCE = {
    "style attribute": re.compile(r"""\sstyle\s*=""", re.I),
    "event handler attribute": re.compile(r"""\son[a-z]+\s*=\s*["'{]""", re.I),
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc\s*=)[^>]*>", re.I),
    "<style> element": re.compile(r"<style[\s>]", re.I),
    "javascript: address": re.compile(r"""=\s*["']\s*javascript:""", re.I),
}
ROLES = ("anonymous", "admin", "coordinator", "liaison_a", "management")


def test_the_template_sources_hold_no_inline_code():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = path.read_text()
        for what, pattern in INLINE_IN_SOURCE.items():
            for match in pattern.finditer(source):
                line = source.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(TEMPLATES)}:{line}: {what}")
    assert not found, "\n".join(found)


def test_the_pages_served_hold_no_inline_code(app, world):
    """Every GET row of the route × role table, as each role; and those pages are the app's pages:
    every template a view renders was drawn at least once (partials, named _*, are drawn inside them)."""
    rendered: set[str] = set()

    def remember(sender, template, context, **extra):
        rendered.add(template.name)

    found, html_pages = [], 0
    with template_rendered.connected_to(remember, app):
        for role in ROLES:
            client = app.test_client()
            if role != "anonymous":
                sign_in(client, world.users[role])
            for row in ROWS:
                if row.method != "GET":
                    continue
                url = row.url.format(w=world)
                response = client.get(url)
                if response.mimetype != "text/html":
                    continue
                html_pages += 1
                inline = pages.read(response.get_data(as_text=True), url).inline
                found += [f"{role} {url} ({response.status_code}): {what}" for what in inline]
        # A large document's page offering to prepare it as a job: the world's visits are small.
        saved = app.config["JOB_THRESHOLD_PEOPLE"]
        app.config["JOB_THRESHOLD_PEOPLE"] = 1
        try:
            client = sign_in(app.test_client(), world.users["coordinator"])
            url = f"/visits/{world.report_visit.id}/badges.pdf"
            response = client.get(url)
            assert response.status_code == 202
            found += [
                f"coordinator {url} (202): {what}" for what in pages.read(response.get_data(as_text=True), url).inline
            ]
        finally:
            app.config["JOB_THRESHOLD_PEOPLE"] = saved
    assert not found, "\n".join(found)
    templates = {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if not path.name.startswith("_") and "_macros" not in path.parts and path.name != "base.html"
    }
    missing = templates - rendered
    assert not missing, f"templates no row rendered: {sorted(missing)}"
    assert html_pages > 100
