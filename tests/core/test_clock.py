"""One clock for every date rule: the company's, never the server's."""

import re
from datetime import UTC, datetime
from pathlib import Path

import partnership
import tests
from partnership.core import clock

SERVER_CLOCK = re.compile(r"(?<![\w.])(date\.today\(\)|datetime\.(now|utcnow|today)\(\))")


def test_no_code_or_test_reads_the_server_clock():
    places = [
        f"{path}:{number}"
        for root in (Path(partnership.__file__).parent, Path(tests.__file__).parent)
        for path in root.rglob("*.py")
        if path.name not in ("clock.py", "test_clock.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if SERVER_CLOCK.search(line)
    ]
    assert not places, places


def test_the_company_date_turns_at_its_own_midnight(app, monkeypatch):
    """At 20:00 UTC it is already tomorrow in Tashkent (UTC+5)."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 12, 1, 20, 0, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(clock, "datetime", Frozen)
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_TIMEZONE", "Asia/Tashkent")
    assert clock.today().isoformat() == "2026-12-02"
    assert clock.now().hour == 1
