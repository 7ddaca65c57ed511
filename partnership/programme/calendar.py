"""Month and week grids (weeks start on Monday) and the paging between them."""

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date, timedelta

VIEWS = ("month", "week")


@dataclass(frozen=True)
class Period:
    view: str
    anchor: date  # the day asked for
    first: date  # first day shown
    last: date  # last day shown
    previous: date
    next: date

    @property
    def weeks(self) -> list[list[date]]:
        days = [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]
        return [days[i : i + 7] for i in range(0, len(days), 7)]

    @property
    def days(self) -> list[date]:
        return [d for week in self.weeks for d in week]

    def in_month(self, day: date) -> bool:
        return self.view == "week" or day.month == self.anchor.month


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period(view: str | None, anchor: date) -> Period:
    if view == "week":
        first = monday(anchor)
        return Period(
            "week", anchor, first, first + timedelta(days=6), anchor - timedelta(days=7), anchor + timedelta(days=7)
        )
    start = anchor.replace(day=1)
    end = anchor.replace(day=pycalendar.monthrange(anchor.year, anchor.month)[1])
    previous = (start - timedelta(days=1)).replace(day=1)
    following = end + timedelta(days=1)
    return Period("month", anchor, monday(start), monday(end) + timedelta(days=6), previous, following)


def parse_day(value: str | None, default: date) -> date:
    """An ISO date from a query string; anything else, or a date the calendar cannot
    page around (years 1 and 9999), is ``default``."""
    try:
        day = date.fromisoformat(value) if value else default
    except ValueError:
        return default
    return day if 1900 <= day.year <= 2999 else default
