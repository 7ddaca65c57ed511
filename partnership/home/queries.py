"""What the start page shows each role."""

from datetime import date

from flask import current_app, url_for
from sqlalchemy import func, select

from partnership.agreements import access as agreement_access
from partnership.agreements import queries as agreement_queries
from partnership.agreements.models import AgreementStatus
from partnership.core import clock
from partnership.core.pagination import Excerpt
from partnership.core.roles import Role
from partnership.extensions import db
from partnership.home import liaison
from partnership.partners.models import Organisation
from partnership.visits import queries as visit_queries
from partnership.visits.models import Visit, VisitStatus

EXPIRING_SHOWN = 10
OWN_AGREEMENTS_SHOWN = 20
VISITS_SHOWN = 10


def for_user(user, today: date | None = None) -> dict:
    today = today or clock.today()
    window = current_app.config["AGREEMENT_EXPIRY_WINDOW_DAYS"]
    visible = agreement_access.visible_filter(user)
    counts = agreement_queries.count_by_status(visible, today, window)
    expiring = db.session.scalars(
        agreement_queries.search(today=today, window_days=window, status=AgreementStatus.expiring)
        .where(visible)
        .limit(EXPIRING_SHOWN)
    ).all()
    context = {
        "today": today,
        "window_days": window,
        "agreement_counts": counts,
        "agreement_total": sum(counts.values()),
        "expiring": expiring,
        "expiring_more": counts[AgreementStatus.expiring] - len(expiring),
    }
    if user.role is Role.liaison:
        context["own_organisation"] = user.organisation
        context["liaison_visits"] = items = liaison.visits_to_do(user)
        config = current_app.config
        shown_open = [item.visit for item in items if item.visit.status in liaison.OPEN]
        shown_closed = [item.visit for item in items if item.visit.status not in liaison.OPEN]
        # Counted only when a list is full: there may be more than it shows.
        full = len(shown_open) == config["LIAISON_OPEN_VISITS"] or len(shown_closed) == config["LIAISON_CLOSED_VISITS"]
        open_total, closed_total = liaison.open_and_closed(user) if full else (len(shown_open), len(shown_closed))
        context["liaison_open"] = Excerpt(shown_open, open_total, url_for("visits.index"))
        context["liaison_closed"] = Excerpt(shown_closed, closed_total, url_for("visits.index"))
        context["own_agreements"] = db.session.scalars(
            agreement_queries.search(today=today, window_days=window).where(visible).limit(OWN_AGREEMENTS_SHOWN)
        ).all()
    else:
        context["organisation_count"] = db.session.scalar(
            select(func.count(Organisation.id)).where(Organisation.archived_at.is_(None))
        )
        context["awaiting_approval"] = db.session.scalars(
            visit_queries.search(user, status=VisitStatus.requested).limit(VISITS_SHOWN)
        ).all()
        context["upcoming_visits"] = db.session.scalars(
            visit_queries.search(user, date_from=today)
            .where(Visit.status.in_([VisitStatus.approved, VisitStatus.confirmed]))
            .limit(VISITS_SHOWN)
        ).all()
    return context
