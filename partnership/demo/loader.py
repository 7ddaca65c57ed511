"""Runs the demo loaders in order; each adds and flushes, the command commits."""

from dataclasses import dataclass, field
from datetime import date

from partnership.core import clock
from partnership.demo import accounts, agreements, feedback, partners, sites, visits


@dataclass
class DemoContext:
    today: date
    orgs: dict = field(default_factory=dict)
    agreements: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    sites: dict = field(default_factory=dict)
    visits: dict = field(default_factory=dict)


def load_all(today: date | None = None) -> DemoContext:
    ctx = DemoContext(today=today or clock.today())
    partners.load(ctx)
    accounts.load(ctx)
    agreements.load(ctx)
    sites.load(ctx)
    accounts.load_guides(ctx)
    visits.load(ctx)
    sites.load_programme(ctx)
    feedback.load(ctx)
    return ctx
