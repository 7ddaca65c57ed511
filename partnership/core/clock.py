"""The company's clock, the one every date rule reads: an agreement expires, a visit's day
comes and attendance opens at midnight in the company's time zone (Tashkent), not on the
server's clock, which is UTC on most servers and would disagree every evening."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def now() -> datetime:
    """The company's wall-clock time (aware), the clock itineraries are planned on."""
    return datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))


def today() -> date:
    return now().date()
