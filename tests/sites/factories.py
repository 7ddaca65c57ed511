"""Factories for sites and guides."""

from datetime import time

import factory

from partnership.sites.models import Guide, Site, SiteKind
from tests.factories import Base

EVERY_DAY = frozenset(range(7))


class SiteFactory(Base):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Site {n}")
    kind = SiteKind.plant
    location = "Almalyk"
    capacity = 40
    opening_days = EVERY_DAY
    opens_at = time(8, 0)
    closes_at = time(18, 0)


class GuideFactory(Base):
    class Meta:
        model = Guide

    name = factory.Sequence(lambda n: f"Guide {n}")
    phone = "+998 70 000 00 00"
    email = factory.Sequence(lambda n: f"guide{n}@ammc.example")

    @factory.post_generation
    def sites(guide, create, extracted, **kwargs):
        if extracted:
            guide.sites.extend(extracted)
            if create:
                from partnership.extensions import db

                db.session.flush()
