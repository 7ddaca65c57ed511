"""What the start page shows each role."""
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from partnership.accounts.models import Role
from partnership.agreements import access as agreement_access
from partnership.agreements import dates
from partnership.agreements import queries as agreement_queries
from partnership.agreements.models import AgreementStatus
from partnership.extensions import db
from partnership.partners.models import Organisation

EXPIRING_SHOWN = 10
OWN_AGREEMENTS_SHOWN = 20


def for_user(user, today: date | None = None) -> dict:
    today = today or dates.today()
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
        "partner_pages": "partners.index" in current_app.view_functions,
    }
    if user.role is Role.liaison:
        context["own_organisation"] = user.organisation
        context["own_agreements"] = db.session.scalars(
            agreement_queries.search(today=today, window_days=window).where(visible).limit(OWN_AGREEMENTS_SHOWN)
        ).all()
    else:
        context["organisation_count"] = db.session.scalar(
            select(func.count(Organisation.id)).where(Organisation.archived_at.is_(None))
        )
    return context
