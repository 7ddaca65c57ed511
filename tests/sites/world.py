"""The site register's part of the test world: a mine with safety rules and its guide."""

from partnership.sites.models import SiteKind
from tests.sites.factories import GuideFactory, SiteFactory


def extend(w) -> None:
    w.site = SiteFactory(
        name="Kalmakyr mine",
        kind=SiteKind.mine,
        capacity=40,
        min_age=18,
        ppe_required=True,
        medical_clearance_required=True,
        max_group_per_guide=12,
    )
    w.guide = GuideFactory(name="Bobur Karimov", sites=[w.site])
    w.spare_guide = GuideFactory(name="Dilnoza Rashidova")
