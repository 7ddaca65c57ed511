"""What inductions show: a site's induction, the inductions a participant must take, who passed."""

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from partnership.extensions import db
from partnership.induction.models import InductionResult, SiteInduction
from partnership.induction.signals import programme_sites
from partnership.sites.models import Site
from partnership.visits.models import Participant


def induction_of(site: Site) -> SiteInduction | None:
    return db.session.scalar(
        select(SiteInduction).where(SiteInduction.site_id == site.id).options(selectinload(SiteInduction.questions))
    )


def planned_site_ids(participant: Participant) -> set[int]:
    """The sites on the participant's programme (answered by the programme)."""
    found: set[int] = set()
    for _receiver, site_ids in programme_sites.send(participant):
        found |= set(site_ids or ())
    return found


def required_sites(site_ids: Iterable[int]) -> list[Site]:
    ids = set(site_ids)
    if not ids:
        return []
    return list(
        db.session.scalars(select(Site).where(Site.id.in_(ids), Site.induction_required.is_(True)).order_by(Site.name))
    )


def inductions_for(participant: Participant) -> list[tuple[Site, SiteInduction | None, InductionResult | None]]:
    """The sites on the participant's programme that require an induction, each with its
    material (None: not written yet) and the participant's result (None: not taken)."""
    sites = required_sites(planned_site_ids(participant))
    site_ids = [site.id for site in sites]
    inductions = {
        i.site_id: i
        for i in db.session.scalars(
            select(SiteInduction)
            .where(SiteInduction.site_id.in_(site_ids))
            .options(selectinload(SiteInduction.questions))
        )
    }
    results = {r.site_id: r for r in results_of([participant.id], site_ids)}
    return [(site, inductions.get(site.id), results.get(site.id)) for site in sites]


def results_of(participant_ids: Iterable[int], site_ids: Iterable[int]) -> list[InductionResult]:
    people, sites = set(participant_ids), set(site_ids)
    if not people or not sites:
        return []
    return list(
        db.session.scalars(
            select(InductionResult).where(
                InductionResult.participant_id.in_(people), InductionResult.site_id.in_(sites)
            )
        )
    )


def passed_on(participant_ids: Iterable[int], site_id: int) -> dict[int, InductionResult]:
    """The passed results at ``site_id`` of the given people, by participant id."""
    return {r.participant_id: r for r in results_of(participant_ids, [site_id]) if r.passed}


def pdf_of(induction: SiteInduction) -> bytes:
    """The induction's PDF, loaded only when downloaded (the column is deferred)."""
    return db.session.scalar(select(SiteInduction.pdf).where(SiteInduction.id == induction.id)) or b""
