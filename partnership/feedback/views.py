"""Feedback: the participant's personal link (no account) and the coordinator's pages."""

from urllib.parse import quote

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from partnership.core import pages
from partnership.core.forms import service_call
from partnership.core.roles import STAFF, roles_required
from partnership.core.tokens import serve_token_pages
from partnership.db import utcnow
from partnership.extensions import db
from partnership.feedback import access, queries, services
from partnership.feedback.forms import QuoteTranslationsForm, response_form
from partnership.feedback.models import FeedbackInvitation, FeedbackResponse
from partnership.visits.models import Participant, Visit, VisitStatus
from partnership.visits.signals import visit_page

bp = Blueprint("feedback", __name__)

# The participant's pages: the link itself is the credential.
PUBLIC_ENDPOINTS = {"feedback.respond", "feedback.thanks"}
VISIT_ENDPOINT = "visits.detail"


serve_token_pages(bp, PUBLIC_ENDPOINTS)


@bp.route("/feedback/<token>", methods=["GET", "POST"])
def respond(token: str):
    invitation = services.find_open_invitation(token) or abort(404)
    participant = invitation.participant
    sites = queries.sites_to_rate(participant)
    form = response_form(sites)
    if form.validate_on_submit():
        with service_call(form) as call:
            services.submit_response(
                invitation,
                ratings=form.ratings(),
                words=form.words.data,
                consent_publish_words=form.consent_publish_words.data,
                consent_publish_name=form.consent_publish_name.data,
            )
        if call.succeeded:
            return redirect(url_for("feedback.thanks"))
    return render_template("feedback/respond.html", form=form, participant=participant, visit=participant.visit)


@bp.get("/feedback/thanks")
def thanks():
    return render_template("feedback/thanks.html")


# --- coordinators -------------------------------------------------------------------


def _visit_or_404(visit_id: int) -> Visit:
    return db.session.get(Visit, visit_id) or abort(404)


def _page(visit: Visit, new_links: dict[int, str] | None = None):
    links = {
        participant_id: url_for("feedback.respond", token=token, _external=True)
        for participant_id, token in (new_links or {}).items()
    }
    return render_template(
        "feedback/visit.html",
        visit=visit,
        rows=queries.feedback_rows(visit),
        scores=queries.site_ratings(visit),
        new_links=links,
        visit_url=_visit_url(visit),
        mailto=_mailto,
        now=utcnow(),
        translation_form=_translation_form,
    )


def _translation_form(response: FeedbackResponse) -> QuoteTranslationsForm:
    return QuoteTranslationsForm(
        formdata=None, quote_en=response.quote_en, quote_ru=response.quote_ru, quote_uz=response.quote_uz
    )


def _visit_url(visit: Visit) -> str | None:
    """The visit's own page, once the visits sub-domain serves it."""
    if VISIT_ENDPOINT in current_app.view_functions:
        return url_for(VISIT_ENDPOINT, visit_id=visit.id)
    return None


def _mailto(participant: Participant, link: str) -> str:
    subject = _("Your feedback on %(visit)s", visit=participant.visit.title)
    body = _(
        "Dear %(name)s,\n\nThank you for visiting us. Please tell us how it went: %(link)s\n\n"
        "The link is personal and works once.",
        name=participant.full_name,
        link=link,
    )
    return f"mailto:{quote(participant.email or '')}?subject={quote(subject)}&body={quote(body)}"


@bp.get("/visits/<int:visit_id>/feedback")
@roles_required(*STAFF)
def visit_feedback(visit_id: int):
    return _page(_visit_or_404(visit_id))


@bp.post("/visits/<int:visit_id>/feedback/links")
@roles_required(*STAFF)
def issue_links(visit_id: int):
    visit = _visit_or_404(visit_id)
    with service_call() as call:
        tokens = services.issue_links(visit, current_user)
    if not call.succeeded:
        return redirect(url_for("feedback.visit_feedback", visit_id=visit.id))
    if not tokens:
        flash(_("Everyone already has a link or has answered."), "info")
        return redirect(url_for("feedback.visit_feedback", visit_id=visit.id))
    return _page(visit, tokens)


def _invitation_or_404(visit: Visit, invitation_id: int) -> FeedbackInvitation:
    invitation = db.session.get(FeedbackInvitation, invitation_id)
    if invitation is None or invitation.participant.visit_id != visit.id:
        abort(404)
    return invitation


@bp.post("/visits/<int:visit_id>/feedback/invitations/<int:invitation_id>/link")
@roles_required(*STAFF)
def reissue_link(visit_id: int, invitation_id: int):
    visit = _visit_or_404(visit_id)
    invitation = _invitation_or_404(visit, invitation_id)
    with service_call() as call:
        token = services.reissue_link(invitation, current_user)
    if not call.succeeded:
        return redirect(url_for("feedback.visit_feedback", visit_id=visit.id))
    return _page(visit, {invitation.participant_id: token})


def _response_or_404(visit: Visit, response_id: int) -> FeedbackResponse:
    response = db.session.get(FeedbackResponse, response_id)
    if response is None or response.participant.visit_id != visit.id:
        abort(404)
    return response


@bp.post("/visits/<int:visit_id>/feedback/responses/<int:response_id>/approve")
@roles_required(*STAFF)
def approve(visit_id: int, response_id: int):
    visit = _visit_or_404(visit_id)
    response = _response_or_404(visit, response_id)
    with service_call() as call:
        services.approve_quote(response, current_user)
    if call.succeeded:
        flash(_("The quote of %(name)s is approved for reports.", name=response.participant.full_name), "success")
    return redirect(url_for("feedback.visit_feedback", visit_id=visit.id, _anchor=f"response-{response.id}"))


@bp.post("/visits/<int:visit_id>/feedback/responses/<int:response_id>/translations")
@roles_required(*STAFF)
def translate(visit_id: int, response_id: int):
    """The quote in the three report languages (the Russian report prints the Russian one)."""
    visit = _visit_or_404(visit_id)
    response = _response_or_404(visit, response_id)
    form = QuoteTranslationsForm()
    if form.validate_on_submit():
        with service_call() as call:
            services.translate_quote(response, current_user, form.translations())
        if call.succeeded:
            flash(
                _("The translations of the quote of %(name)s are saved.", name=response.participant.full_name),
                "success",
            )
    else:
        flash(_("A translation is longer than a quote may be."), "danger")
    return redirect(url_for("feedback.visit_feedback", visit_id=visit.id, _anchor=f"response-{response.id}"))


@bp.post("/visits/<int:visit_id>/feedback/responses/<int:response_id>/unapprove")
@roles_required(*STAFF)
def unapprove(visit_id: int, response_id: int):
    visit = _visit_or_404(visit_id)
    response = _response_or_404(visit, response_id)
    services.unapprove_quote(response, current_user)
    flash(_("The quote of %(name)s is withdrawn from reports.", name=response.participant.full_name), "success")
    return redirect(url_for("feedback.visit_feedback", visit_id=visit.id, _anchor=f"response-{response.id}"))


@visit_page.connect
def visit_feedback_action(visit, user) -> pages.Section | None:
    """A completed visit's page leads its keepers to the feedback."""
    if visit.status is not VisitStatus.completed or not access.can_manage(user):
        return None
    return pages.Section("feedback/_visit_action.html", {"visit": visit})
