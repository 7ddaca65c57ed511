"""What the outbox page, the notification list and the calendar feed load."""

from sqlalchemy import Select, false, func, or_, select

from partnership.core.roles import Role
from partnership.extensions import db
from partnership.notifications.models import CalendarFeed, MessageState, Notification, OutboxMessage
from partnership.programme.models import ItineraryItem
from partnership.programme.queries import ITEM_DETAILS
from partnership.sites.models import site_guides
from partnership.visits.models import Visit, VisitStatus, visit_organisations

# A feed shows the visits that happen or happened: not drafts, refusals or cancellations.
IN_FEED = (VisitStatus.requested, VisitStatus.approved, VisitStatus.confirmed, VisitStatus.completed)


def outbox(state: MessageState | None) -> Select:
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc())
    if state is not None:
        query = query.where(OutboxMessage.state == state)
    return query


def outbox_counts() -> dict[MessageState, int]:
    rows = db.session.execute(select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state))
    return {state: count for state, count in rows}


def notifications_of(user) -> Select:
    return select(Notification).where(Notification.user_id == user.id).order_by(Notification.id.desc())


def unread_count(user) -> int:
    return (
        db.session.scalar(select(func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None)))
        or 0
    )


def feed_of(user) -> CalendarFeed | None:
    return db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def feed_by_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(CalendarFeed).where(CalendarFeed.token == token))


def involved_filter(user):
    """The visits ``user`` takes part in: those they coordinate or asked for, and a liaison's
    organisation's visits."""
    conditions = [Visit.coordinator_id == user.id, Visit.created_by_id == user.id]
    if user.role is Role.liaison and user.organisation_id:
        conditions.append(
            Visit.id.in_(
                select(visit_organisations.c.visit_id).where(
                    visit_organisations.c.organisation_id == user.organisation_id
                )
            )
        )
    return or_(*conditions) if user.active else false()


def guide_items_filter(user):
    """A guide account's items: those at its guide's sites, or that its guide leads elsewhere."""
    own_sites = select(site_guides.c.site_id).where(site_guides.c.guide_id == user.guide_id)
    return or_(ItineraryItem.site_id.in_(own_sites), ItineraryItem.guide_id == user.guide_id)


def feed_visits(user) -> tuple[list[Visit], list[ItineraryItem]]:
    """The visits and items of ``user``'s calendar. A guide's holds only its own items and the
    visits they belong to, not the items at other sites."""
    if user.role is Role.guide:
        return _guide_feed(user)
    visits = list(
        db.session.scalars(
            select(Visit).where(involved_filter(user), Visit.status.in_(IN_FEED)).order_by(Visit.starts_on, Visit.id)
        )
    )
    items = list(
        db.session.scalars(
            select(ItineraryItem)
            .where(ItineraryItem.visit_id.in_([v.id for v in visits]))
            .options(*ITEM_DETAILS)
            .order_by(ItineraryItem.starts_at, ItineraryItem.id)
        )
    )
    return visits, items


def _guide_feed(user) -> tuple[list[Visit], list[ItineraryItem]]:
    if not user.active or user.guide_id is None:
        return [], []
    items = list(
        db.session.scalars(
            select(ItineraryItem)
            .join(Visit, Visit.id == ItineraryItem.visit_id)
            .where(guide_items_filter(user), Visit.status.in_(IN_FEED))
            .options(*ITEM_DETAILS)
            .order_by(ItineraryItem.starts_at, ItineraryItem.id)
        )
    )
    visits = {item.visit.id: item.visit for item in items}
    return sorted(visits.values(), key=lambda v: (v.starts_on, v.id)), items
