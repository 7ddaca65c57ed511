"""The rules a site sets for whoever visits it, as one value: read from a site, or from the
values a site edit proposes. The programme checks every item against them."""

from dataclasses import dataclass
from datetime import time

from partnership.sites.models import Site


@dataclass(frozen=True)
class SiteRules:
    """What a site asks of an item: read from a site, or from the values a site edit proposes."""

    id: int
    name: str
    capacity: int
    opening_days: frozenset[int]
    opens_at: time
    closes_at: time
    min_age: int | None = None
    ppe_required: bool = False
    medical_clearance_required: bool = False
    induction_required: bool = False
    max_group_per_guide: int | None = None
    guide_ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, site: Site) -> "SiteRules":
        return cls(
            id=site.id,
            name=site.name,
            capacity=site.capacity,
            opening_days=site.opening_days,
            opens_at=site.opens_at,
            closes_at=site.closes_at,
            min_age=site.min_age,
            ppe_required=site.ppe_required,
            medical_clearance_required=site.medical_clearance_required,
            induction_required=site.induction_required,
            max_group_per_guide=site.max_group_per_guide,
            guide_ids=frozenset(g.id for g in site.guides),
        )
