"""The sites sub-domain's answers to what lower sub-domains ask."""

from sqlalchemy import select

from partnership.accounts.signals import guide_choices
from partnership.extensions import db
from partnership.sites.models import Guide


@guide_choices.connect
def _guides(_sender) -> list[tuple[int, str]]:
    return [(g.id, g.name) for g in db.session.execute(select(Guide.id, Guide.name).order_by(Guide.name))]
