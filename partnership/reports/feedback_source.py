"""What the visit report reads from the feedback sub-domain: approved quotes
(published with the participant's consent, named only where they agreed) and
the average rating of each site."""

from dataclasses import dataclass

from partnership import languages
from partnership.feedback import queries as feedback_queries
from partnership.feedback.queries import Testimonial, anonymous_attribution


@dataclass(frozen=True)
class SiteRating:
    site_name: str
    responses: int
    average: float | None


def testimonials(visit, scope) -> list[Testimonial]:
    """Approved quotes of the people ``scope`` shows."""
    return [
        t
        for t in feedback_queries.approved_testimonials(visit)
        if scope.organisation_id is None or t.organisation_id == scope.organisation_id
    ]


def attribution(testimonial: Testimonial, language: str, country_name) -> tuple[str | None, str]:
    """(name or None, the rest) under a quote, in the report's language. The
    name appears only when the participant agreed to be named."""
    organisation = testimonial.organisation.localised_name(language)
    if not testimonial.name:
        return None, anonymous_attribution(testimonial.role, organisation)
    rest = organisation
    if testimonial.nationality:
        rest += f", {country_name(testimonial.nationality)}"
    return testimonial.name, rest


def ratings(visit, language: str) -> list[SiteRating]:
    return [
        SiteRating(languages.localised(score.site, "name", language), score.count, score.average)
        for score in feedback_queries.site_ratings(visit)
    ]
