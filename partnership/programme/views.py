"""A visit's programme (itinerary, free capacity, attendance), the calendars and their iCalendar files."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from partnership import languages
from partnership.core import clock
from partnership.core.forms import service_call
from partnership.core.requests import database_id
from partnership.core.roles import STAFF, require_login, roles_required
from partnership.db import utcnow
from partnership.extensions import db
from partnership.programme import access, calendar, ical, queries, rules, services
from partnership.programme.forms import AttendanceForm, ItemForm
from partnership.sites import access as site_access
from partnership.sites import queries as site_queries
from partnership.sites.models import Guide, Site
from partnership.visits import queries as visit_queries
from partnership.visits.models import VisitStatus

bp = Blueprint("programme", __name__)
bp.before_request(require_login)


def _tz() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def _attendee_names(items) -> dict[int, tuple[list[str], int]]:
    """item id → (names the user may read, how many others)."""
    shown = {}
    for item in items:
        people = [a.participant for a in item.attendances]
        names = sorted(p.full_name for p in people if access.sees_name(current_user, p))
        shown[item.id] = (names, len(people) - len(names))
    return shown


def _chosen_site(items, day: date) -> Site | None:
    site_id = request.args.get("site", type=database_id)
    if site_id:
        return db.session.get(Site, site_id)
    for item in items:
        if item.day == day:
            return item.site
    return db.session.scalars(select(Site).order_by(Site.name_key).limit(1)).first()


def _capacity_panel(site: Site | None, day: date) -> dict:
    return {
        "panel_site": site,
        "panel_day": day,
        "slots": queries.free_capacity(site, day) if site else [],
        "site_choices": site_queries.site_choices(),
    }


@bp.get("/visits/<int:visit_id>/programme")
def show(visit_id: int):
    visit = access.get_visit_or_404(current_user, visit_id)
    items = queries.visit_items(visit)
    day = calendar.parse_day(request.args.get("day"), visit.starts_on)
    staff = access.is_staff(current_user)
    today = clock.today()
    return render_template(
        "programme/show.html",
        visit=visit,
        days=queries.by_day(visit, items),
        names=_attendee_names(items),
        warnings={item.id: rules.item_warnings(item) for item in items} if staff else {},
        can_plan=access.can_plan(current_user, visit),
        planning_note=staff and visit.status in (VisitStatus.draft, VisitStatus.requested),
        attendance={item.id: access.can_record_attendance(current_user, item, today) for item in items},
        staff=staff,
        **_capacity_panel(_chosen_site(items, day), day),
    )


# --- planning -----------------------------------------------------------------------------------


def _item_form(visit, data: dict | None = None) -> ItemForm:
    return ItemForm(
        data=data,
        site_choices=site_queries.site_choices(),
        guide_choices=site_queries.guide_choices(with_sites=True),
        participant_choices=visit_queries.participant_choices(visit),
    )


def _plan_data(form: ItemForm, visit) -> dict:
    guide_ids = [form.guide_id.data] if form.guide_id.data else []
    extra_ids = [i for i in form.extra_guide_ids.data or [] if i not in guide_ids]
    guides = {g.id: g for g in db.session.scalars(select(Guide).where(Guide.id.in_(guide_ids + extra_ids)))}
    chosen = set(form.attendee_ids.data or [])
    # InputRequired: a validated form has its day and times.
    assert form.day.data is not None and form.starts_at.data is not None and form.ends_at.data is not None
    return {
        "site": db.session.get(Site, form.site_id.data),
        "starts_at": datetime.combine(form.day.data, form.starts_at.data),
        "ends_at": datetime.combine(form.day.data, form.ends_at.data),
        "activity": form.activity.data,
        "translations": languages.form_values(form),
        "guide": guides.get(form.guide_id.data),
        "extra_guides": [guides[i] for i in extra_ids if i in guides],
        "meeting_point": form.meeting_point.data,
        "notes": form.notes.data,
        "attendees": [p for p in visit.participants if p.id in chosen],
    }


def _not_plannable(visit):
    flash(
        _(
            "The programme is planned while the visit is approved or confirmed; this visit is %(status)s.",
            status=str(visit.status.label).lower(),
        ),
        "warning",
    )
    return redirect(url_for("programme.show", visit_id=visit.id))


def _form_page(form: ItemForm, visit, item):
    """The item's form beside the free capacity of its site and day (or of those the panel asks)."""
    day = form.day.data if isinstance(form.day.data, date) else visit.starts_on
    day = calendar.parse_day(request.args.get("day"), day)
    chosen = form.site_id.data if not form.site_id.errors else None  # a refused choice is no site
    site_id = request.args.get("site", type=database_id) or chosen
    site = db.session.get(Site, site_id) if site_id else None
    return render_template(
        "programme/item_form.html",
        form=form,
        visit=visit,
        item=item,
        usual_activities=site_queries.usual_activities(),
        **_capacity_panel(site, day),
    )


@bp.route("/visits/<int:visit_id>/programme/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def new_item(visit_id: int):
    visit = access.get_visit_or_404(current_user, visit_id)
    if not access.can_plan(current_user, visit):
        return _not_plannable(visit)
    form = _item_form(
        visit,
        {
            "day": calendar.parse_day(request.args.get("day"), visit.starts_on),
            "site_id": request.args.get("site", 0, type=database_id),
            "attendee_ids": [p.id for p in visit.participants],
        },
    )
    if form.validate_on_submit():
        with service_call(form) as call:
            item = services.add_item(current_user, visit, **_plan_data(form, visit))
        if not call.succeeded:
            return _form_page(form, visit, None)
        flash(_("%(activity)s at %(site)s is planned.", activity=item.activity, site=item.site.name), "success")
        _warn_about_inductions(item)
        return redirect(url_for("programme.show", visit_id=visit.id, day=item.day.isoformat(), site=item.site_id))
    return _form_page(form, visit, None)


def _warn_about_inductions(item) -> None:
    for warning in rules.induction(rules.Plan.of(item)):
        flash(warning.message, "warning")


@bp.route("/visits/<int:visit_id>/programme/items/<int:item_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_item(visit_id: int, item_id: int):
    visit = access.get_visit_or_404(current_user, visit_id)
    item = access.get_item_or_404(visit, item_id)
    if not access.can_plan(current_user, visit):
        return _not_plannable(visit)
    form = _item_form(
        visit,
        {
            "site_id": item.site_id,
            "day": item.day,
            "starts_at": item.starts_at.time(),
            "ends_at": item.ends_at.time(),
            "activity": item.activity,
            **{name: getattr(item, name) for name in languages.columns(item.TRANSLATED)},
            "guide_id": item.guide_id or 0,
            "extra_guide_ids": [g.id for g in item.extra_guides],
            "meeting_point": item.meeting_point,
            "notes": item.notes,
            "attendee_ids": [a.participant_id for a in item.attendances],
        },
    )
    if form.validate_on_submit():
        with service_call(form) as call:
            services.update_item(current_user, item, **_plan_data(form, visit))
        if not call.succeeded:
            return _form_page(form, visit, item)
        flash(_("%(activity)s at %(site)s is saved.", activity=item.activity, site=item.site.name), "success")
        _warn_about_inductions(item)
        return redirect(url_for("programme.show", visit_id=visit.id, day=item.day.isoformat(), site=item.site_id))
    return _form_page(form, visit, item)


@bp.post("/visits/<int:visit_id>/programme/items/<int:item_id>/delete")
@roles_required(*STAFF)
def delete_item(visit_id: int, item_id: int):
    visit = access.get_visit_or_404(current_user, visit_id)
    item = access.get_item_or_404(visit, item_id)
    if not access.can_plan(current_user, visit):
        return _not_plannable(visit)
    day, activity = item.day, item.activity
    with service_call() as call:
        services.delete_item(current_user, item)
    if call.succeeded:
        flash(_("%(activity)s is taken off the programme.", activity=activity), "success")
    return redirect(url_for("programme.show", visit_id=visit.id, day=day.isoformat()))


@bp.route("/visits/<int:visit_id>/programme/items/<int:item_id>/attendance", methods=["GET", "POST"])
@roles_required(*STAFF)
def attendance(visit_id: int, item_id: int):
    visit = access.get_visit_or_404(current_user, visit_id)
    item = access.get_item_or_404(visit, item_id)
    today = clock.today()
    if not access.can_record_attendance(current_user, item, today):
        flash(
            _(
                "Attendance is recorded on the day of the item or after it, for approved, confirmed or completed "
                "visits."
            ),
            "warning",
        )
        return redirect(url_for("programme.show", visit_id=visit.id, day=item.day.isoformat()))
    attendances = sorted(item.attendances, key=lambda a: a.participant.full_name)
    present = [a.participant_id for a in attendances if a.attended or not item.attendance_recorded]
    form = AttendanceForm(
        data={"present": present},
        attendee_choices=[
            (a.participant_id, f"{a.participant.full_name} · {a.participant.organisation.display_name}")
            for a in attendances
        ],
    )
    if form.validate_on_submit():
        with service_call(form) as call:
            services.record_attendance(current_user, item, form.present.data or [], today)
        if call.succeeded:
            flash(
                _(
                    "Attendance at %(activity)s is recorded: %(n)d of %(total)d present.",
                    activity=item.activity,
                    n=item.attended_count,
                    total=len(item.attendances),
                ),
                "success",
            )
            return redirect(url_for("programme.show", visit_id=visit.id, day=item.day.isoformat()))
    return render_template("programme/attendance.html", form=form, visit=visit, item=item)


# --- calendars ----------------------------------------------------------------------------------


def _period() -> calendar.Period:
    return calendar.period(request.args.get("view"), calendar.parse_day(request.args.get("date"), clock.today()))


@bp.get("/calendar")
def visits_calendar():
    period = _period()
    visits = queries.visits_between(current_user, period.first, period.last)
    per_day = {day: [v for v in visits if v.starts_on <= day <= v.ends_on] for day in period.days}
    items_per_day: dict[date, list] = {day: [] for day in period.days}
    if period.view == "week":
        for item in queries.items_of_visits((v.id for v in visits), period.first, period.last):
            items_per_day[item.day].append(item)
    return render_template(
        "programme/calendar.html",
        period=period,
        per_day=per_day,
        items_per_day=items_per_day,
        day_shown=current_app.config["CALENDAR_DAY_SHOWN"],
        today=clock.today(),
    )


@bp.get("/sites/<int:site_id>/calendar")
def site_calendar(site_id: int):
    site = site_access.get_site_or_404(site_id)
    period = _period()
    items = queries.site_items(site, period.first, period.last)
    per_day: dict[date, list] = {day: [] for day in period.days}
    for item in items:
        per_day[item.day].append(item)
    return render_template(
        "programme/site_calendar.html",
        site=site,
        period=period,
        per_day=per_day,
        peaks={day: queries.peak(day_items) for day, day_items in per_day.items()},
        visible={item.id: access.sees_visit(current_user, item.visit) for item in items},
        today=clock.today(),
    )


def _ics(body: bytes, filename: str) -> Response:
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "private, no-store"},
    )


@bp.get("/visits/<int:visit_id>/programme.ics")
def visit_ics(visit_id: int):
    visit = access.get_visit_or_404(current_user, visit_id)
    body = ical.visit_calendar(visit, queries.visit_items(visit), _tz(), request.host, utcnow())
    return _ics(body, f"visit-{visit.id}.ics")


@bp.get("/sites/<int:site_id>/calendar.ics")
def site_ics(site_id: int):
    site = site_access.get_site_or_404(site_id)
    today = clock.today()
    items = queries.site_items(site, today - timedelta(days=90), today + timedelta(days=730))
    body = ical.site_calendar(
        site, items, lambda visit: access.sees_visit(current_user, visit), _tz(), request.host, utcnow()
    )
    return _ics(body, f"site-{site.id}.ics")
