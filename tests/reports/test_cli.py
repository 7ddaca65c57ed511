"""The same reports from the command line, for scheduled jobs."""

import pytest

from tests.reports.conftest import NAMES, both_texts, expected_in


@pytest.mark.parametrize("command", ["visit", "programme", "participants", "badges", "invitations"])
def test_each_visit_document_is_written_to_a_file(app, cast, command, tmp_path):
    output = tmp_path / f"{command}.pdf"
    result = app.test_cli_runner().invoke(
        args=["report", command, str(cast.visit.id), "--lang", "ru", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    for text in both_texts(output.read_bytes(), tmp_path):
        for name in expected_in(command, NAMES):
            assert name in text


def test_the_visit_report_in_uzbek_as_the_issue_shows(app, cast, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = app.test_cli_runner().invoke(
        args=["report", "visit", str(cast.visit.id), "--lang", "uz", "-o", "report.pdf"]
    )
    assert result.exit_code == 0, result.output
    text = both_texts((tmp_path / "report.pdf").read_bytes(), tmp_path)[1]
    assert "Geologiya fanlari universiteti" in text and "Oʻktam Gʻulomov" in text


def test_the_summary_for_a_date_range(app, cast, tmp_path):
    output = tmp_path / "summary.pdf"
    result = app.test_cli_runner().invoke(
        args=["report", "summary", "--from", "2025-01-01", "--to", "2025-12-31", "--lang", "uz", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    text = both_texts(output.read_bytes(), tmp_path)[1]
    assert "Moʻgʻuliston davlat universiteti" in text and "Kalmakyr mine" in text


def test_a_missing_visit_says_so(app, world, tmp_path):
    result = app.test_cli_runner().invoke(args=["report", "visit", "999999", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0 and "no visit 999999" in result.output
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["summary", "--from", "2025-12-31", "--to", "2025-01-01"], "ends before it starts"),
        (["summary", "--from", "2025-13-01", "--to", "2025-12-31"], "2025-13-01"),
        (["summary", "--from", "2025-01-01", "--to", "2025-12-31", "--lang", "fr"], "choose one of en, ru, uz"),
        (["visit", "1", "--lang", "de"], "choose one of en, ru, uz"),
    ],
)
def test_bad_arguments_are_refused(app, world, args, message, tmp_path):
    result = app.test_cli_runner().invoke(args=["report", *args, "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and message in result.output
