"""The site register: everyone signed in reads it; coordinators and admins keep it."""

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from partnership import languages
from partnership.core.forms import service_call
from partnership.core.pagination import paginate
from partnership.core.roles import STAFF, require_login, roles_required
from partnership.sites import access, queries, services
from partnership.sites.forms import AttachGuideForm, GuideForm, SiteForm, activities_text
from partnership.sites.models import SiteKind

bp = Blueprint("sites", __name__)
bp.before_request(require_login)


@bp.get("/sites")
def index():
    kind: str | SiteKind | None = request.args.get("kind")
    kind = SiteKind(kind) if kind in {k.value for k in SiteKind} else None
    query = queries.search(q=request.args.get("q"), kind=kind)
    pagination = paginate(query)
    return render_template(
        "sites/index.html",
        pagination=pagination,
        kinds=list(SiteKind),
        kind=kind,
        can_edit=access.can_edit(current_user),
    )


@bp.get("/sites/<int:site_id>")
def detail(site_id: int):
    site = access.get_site_or_404(site_id)
    attach_form = None
    if access.can_edit(current_user):
        attach_form = AttachGuideForm(guide_choices=queries.guide_choices(exclude=site.guides))
    return _detail_page(site, attach_form)


def _detail_page(site, attach_form):
    return render_template(
        "sites/detail.html",
        site=site,
        attach_form=attach_form,
        can_edit=access.can_edit(current_user),
        show_contacts=access.can_see_guide_contacts(current_user),
    )


def _site_form_data(site) -> dict:
    return {
        "name": site.name,
        "kind": site.kind.value,
        "location": site.location,
        "description": site.description,
        "capacity": site.capacity,
        "opening_days": sorted(site.opening_days),
        "opens_at": site.opens_at,
        "closes_at": site.closes_at,
        "min_age": site.min_age,
        "ppe_required": site.ppe_required,
        "medical_clearance_required": site.medical_clearance_required,
        "induction_required": site.induction_required,
        "max_group_per_guide": site.max_group_per_guide,
        "safety_notes": site.safety_notes,
        **{name: getattr(site, name) for name in languages.columns(site.TRANSLATED)},
        "activities": activities_text(site),
    }


@bp.route("/sites/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create():
    form = SiteForm()
    if form.validate_on_submit():
        with service_call(form) as call:
            site = services.create_site(current_user, **form.site_data())
        if call.succeeded:
            flash(_("Site %(name)s added.", name=site.name), "success")
            return redirect(url_for("sites.detail", site_id=site.id))
    return render_template("sites/form.html", form=form, site=None)


@bp.route("/sites/<int:site_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(site_id: int):
    site = access.get_site_or_404(site_id)
    form = SiteForm(data=_site_form_data(site))
    if form.validate_on_submit():
        with service_call(form) as call:
            services.update_site(current_user, site, **form.site_data())
        if call.succeeded:
            flash(_("Site %(name)s saved.", name=site.name), "success")
            return redirect(url_for("sites.detail", site_id=site.id))
    return render_template("sites/form.html", form=form, site=site)


@bp.post("/sites/<int:site_id>/guides")
@roles_required(*STAFF)
def add_guide(site_id: int):
    site = access.get_site_or_404(site_id)
    form = AttachGuideForm(guide_choices=queries.guide_choices(exclude=site.guides))
    if form.validate_on_submit():
        guide = access.get_guide_or_404(form.guide_id.data)
        with service_call(form) as call:
            services.add_guide(current_user, site, guide)
        if call.succeeded:
            flash(_("%(guide)s now leads groups at %(site)s.", guide=guide.name, site=site.name), "success")
            return redirect(url_for("sites.detail", site_id=site.id))
    return _detail_page(site, form)


@bp.route("/sites/<int:site_id>/guides/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def new_guide(site_id: int):
    site = access.get_site_or_404(site_id)
    form = GuideForm()
    if form.validate_on_submit():
        with service_call(form) as call:
            guide = services.create_guide(current_user, site, **form.guide_data())
        if call.succeeded:
            flash(_("%(guide)s now leads groups at %(site)s.", guide=guide.name, site=site.name), "success")
            return redirect(url_for("sites.detail", site_id=site.id))
    return render_template("sites/guide_form.html", form=form, guide=None, site=site)


@bp.post("/sites/<int:site_id>/guides/<int:guide_id>/remove")
@roles_required(*STAFF)
def remove_guide(site_id: int, guide_id: int):
    site = access.get_site_or_404(site_id)
    guide = access.get_guide_or_404(guide_id)
    with service_call() as call:
        services.remove_guide(current_user, site, guide)
    if call.succeeded:
        flash(_("%(guide)s no longer leads groups at %(site)s.", guide=guide.name, site=site.name), "success")
    return redirect(url_for("sites.detail", site_id=site.id))


@bp.get("/guides")
def guides():
    return render_template(
        "sites/guides.html",
        guides=queries.guides(),
        show_contacts=access.can_see_guide_contacts(current_user),
        can_edit=access.can_edit(current_user),
    )


@bp.route("/guides/<int:guide_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_guide(guide_id: int):
    guide = access.get_guide_or_404(guide_id)
    form = GuideForm(data={"name": guide.name, "phone": guide.phone, "email": guide.email})
    if form.validate_on_submit():
        with service_call(form) as call:
            services.update_guide(current_user, guide, **form.guide_data())
        if call.succeeded:
            flash(_("Guide %(name)s saved.", name=guide.name), "success")
            return redirect(url_for("sites.guides"))
    return render_template("sites/guide_form.html", form=form, guide=guide, site=None)
