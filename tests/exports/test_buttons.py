"""The export buttons a list page shows carry its filters, not its page number."""

from urllib.parse import parse_qs, urlsplit

from flask import render_template_string

TEMPLATE = "{% from 'exports/_buttons.html' import export_buttons %}{{ export_buttons(kind, **extra) }}"


def hrefs(app, url, kind, **extra):
    import re

    with app.test_request_context(url):
        html = render_template_string(TEMPLATE, kind=kind, extra=extra)
    return [urlsplit(h.replace("&amp;", "&")) for h in re.findall(r'href="([^"]+)"', html)]


def test_buttons_keep_the_filters_and_drop_the_page(app):
    csv_link, xlsx_link = hrefs(app, "/organisations?q=Оʻz&country=MN&page=3&kind=university", "organisations")
    assert csv_link.path == "/exports/organisations.csv"
    assert xlsx_link.path == "/exports/organisations.xlsx"
    assert parse_qs(csv_link.query) == {"q": ["Оʻz"], "country": ["MN"], "kind": ["university"]}


def test_buttons_keep_repeated_filters(app):
    (csv_link, _) = hrefs(app, "/agreements?status=active&status=draft", "agreements")
    assert parse_qs(csv_link.query) == {"status": ["active", "draft"]}


def test_no_query_string_when_the_list_is_unfiltered(app):
    (csv_link, _) = hrefs(app, "/agreements", "agreements")
    assert csv_link.query == ""


def test_participant_buttons_name_their_visit(app):
    csv_link, xlsx_link = hrefs(app, "/visits/7/participants?page=2", "participants", visit_id=7)
    assert csv_link.path == "/exports/visits/7/participants.csv"
    assert xlsx_link.path == "/exports/visits/7/participants.xlsx"
    assert csv_link.query == ""
