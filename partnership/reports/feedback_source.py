"""What the visit report reads from the feedback sub-domain, in one shape:
approved testimonials (with the participant) and ratings per site."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Testimonial:
    participant: object  # a Participant: name and organisation come from it
    text: str
    rating: int | None = None


@dataclass(frozen=True)
class SiteRating:
    site_name: str
    responses: int
    average: float | None


def testimonials(visit) -> list[Testimonial]:
    try:
        from partnership.feedback.queries import approved_testimonials
    except ImportError:
        return []
    return [_testimonial(entry) for entry in approved_testimonials(visit)]


def ratings(visit) -> list[SiteRating]:
    try:
        from partnership.feedback.queries import site_ratings
    except ImportError:
        return []
    return [_rating(entry) for entry in site_ratings(visit)]


def _testimonial(entry) -> Testimonial:
    return Testimonial(
        participant=entry.participant,
        text=getattr(entry, "quote", None) or getattr(entry, "text", None) or getattr(entry, "comment", ""),
        rating=getattr(entry, "rating", None),
    )


def _rating(entry) -> SiteRating:
    site = getattr(entry, "site", None)
    return SiteRating(
        site_name=getattr(site, "name", None) or getattr(entry, "site_name", ""),
        responses=getattr(entry, "responses", None) or getattr(entry, "count", 0),
        average=getattr(entry, "average", None),
    )
