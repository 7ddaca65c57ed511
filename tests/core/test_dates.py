"""Years have four digits everywhere: the locales' "short" date and date-time forms would write
"3/16/78"; ours keep each language's order and separators with the year in full."""

from datetime import UTC, date, datetime

import pytest
from flask import render_template_string
from flask_babel import force_locale

from partnership import i18n
from partnership.reports.common import fmt_date

BIRTH = date(1978, 3, 16)


@pytest.mark.parametrize(("language", "expected"), [("en", "3/16/1978"), ("ru", "16.03.1978"), ("uz", "16/03/1978")])
def test_short_dates_keep_the_year_in_full(app, language, expected):
    with app.test_request_context(), force_locale(language):
        assert i18n.format_date(BIRTH, "short") == expected
        assert fmt_date(BIRTH, "short") == expected  # the documents' dates of birth
        assert render_template_string("{{ day | dateformat('short') }}", day=BIRTH) == expected


@pytest.mark.parametrize("language", ["en", "ru", "uz"])
def test_short_timestamps_keep_the_year_in_full(app, language):
    moment = datetime(2025, 6, 24, 4, 30, tzinfo=UTC)  # 09:30 in Tashkent
    with app.test_request_context(), force_locale(language):
        shown = render_template_string("{{ at | datetimeformat('short') }}", at=moment)
    assert "2025" in shown and ("9:30" in shown or "09:30" in shown), shown


def test_the_other_forms_are_the_locales_own(app):
    with app.test_request_context(), force_locale("en"):
        assert i18n.format_date(BIRTH, "medium") == "Mar 16, 1978"
        assert render_template_string("{{ day | dateformat }}", day=BIRTH) == "Mar 16, 1978"
