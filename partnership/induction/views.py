"""Safety induction: the participant's pages (their personal link is the credential) and the
coordinators' editor and visit page."""

from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from partnership.core import pages
from partnership.core.forms import service_call
from partnership.core.roles import STAFF, roles_required
from partnership.core.tokens import serve_token_pages
from partnership.extensions import db
from partnership.induction import access, queries, services
from partnership.induction.forms import MaterialForm, QuestionChangeForm, QuestionForm, answers_form
from partnership.induction.models import InductionQuestion, InductionResult
from partnership.sites.access import get_site_or_404
from partnership.visits.models import Participant, VisitStatus
from partnership.visits.signals import visit_page

bp = Blueprint("induction", __name__)

PUBLIC_ENDPOINTS = {"induction.start", "induction.take", "induction.material_pdf"}


serve_token_pages(bp, PUBLIC_ENDPOINTS)


def _language() -> str:
    return str(get_locale())


def _participant_or_404(token: str) -> Participant:
    return services.find_participant(token) or abort(404)


@bp.get("/induction/<token>")
def start(token: str):
    participant = _participant_or_404(token)
    return render_template(
        "induction/start.html",
        participant=participant,
        token=token,
        rows=queries.inductions_for(participant),
        max_attempts=services.max_attempts(),
    )


@bp.route("/induction/<token>/sites/<int:site_id>", methods=["GET", "POST"])
def take(token: str, site_id: int):
    participant = _participant_or_404(token)
    row = next((r for r in queries.inductions_for(participant) if r[0].id == site_id), None)
    if row is None:
        abort(404)
    site, induction, result = row
    if induction is None or not induction.is_ready:
        abort(404)
    form = answers_form(induction.questions, _language())
    outcome = None
    if form.validate_on_submit():
        with service_call(form) as call:
            outcome = services.submit_answers(participant, induction, form.answers())
        if call.succeeded and outcome.passed:
            flash(_("You passed the safety induction of %(site)s.", site=site.name), "success")
            return redirect(url_for("induction.start", token=token))
        result = outcome.result if outcome else result
    return render_template(
        "induction/take.html",
        participant=participant,
        token=token,
        site=site,
        induction=induction,
        body=induction.body(_language()),
        result=result,
        outcome=outcome,
        form=form,
        max_attempts=services.max_attempts(),
    )


def _send_pdf(induction):
    if not induction.pdf_filename:
        abort(404)
    content = queries.pdf_of(induction)
    response = send_file(
        BytesIO(content), mimetype="application/pdf", as_attachment=True, download_name=induction.pdf_filename
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/induction/<token>/sites/<int:site_id>/material.pdf")
def material_pdf(token: str, site_id: int):
    """The PDF of an induction the person's programme asks of them."""
    participant = _participant_or_404(token)
    row = next((r for r in queries.inductions_for(participant) if r[0].id == site_id), None)
    if row is None or row[1] is None:
        abort(404)
    return _send_pdf(row[1])


# --- coordinators -------------------------------------------------------------------


@bp.get("/sites/<int:site_id>/induction/material.pdf")
@roles_required(*STAFF)
def site_material_pdf(site_id: int):
    induction = queries.induction_of(get_site_or_404(site_id))
    if induction is None:
        abort(404)
    return _send_pdf(induction)


def _editor(site, material_form=None, question_form=None):
    induction = queries.induction_of(site)
    if material_form is None:
        material_form = MaterialForm(
            data={
                "body_en": induction.body_en if induction else None,
                "body_ru": induction.body_ru if induction else None,
                "body_uz": induction.body_uz if induction else None,
            }
        )
    return render_template(
        "induction/edit.html",
        site=site,
        induction=induction,
        material_form=material_form,
        question_form=question_form or QuestionForm(formdata=None),
    )


@bp.route("/sites/<int:site_id>/induction", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(site_id: int):
    site = get_site_or_404(site_id)
    form = MaterialForm()
    if request.method == "GET":
        return _editor(site)
    if form.validate_on_submit():
        with service_call(form) as call:
            services.save_material(
                site, form.bodies(), current_user, pdf=form.pdf_file(), remove_pdf=form.remove_pdf.data
            )
        if call.succeeded:
            flash(_("The induction material of %(site)s is saved.", site=site.name), "success")
            return redirect(url_for("induction.edit", site_id=site.id))
    return _editor(site, material_form=form)


@bp.post("/sites/<int:site_id>/induction/questions")
@roles_required(*STAFF)
def add_question(site_id: int):
    site = get_site_or_404(site_id)
    induction = queries.induction_of(site)
    form = QuestionForm()
    if induction is None:
        flash(_("Save the material first, then add its questions."), "danger")
        return redirect(url_for("induction.edit", site_id=site.id))
    if form.validate_on_submit():
        with service_call(form) as call:
            services.add_question(induction, form.prompts(), form.options(), form.correct.data, current_user)
        if call.succeeded:
            flash(_("The question is added."), "success")
            return redirect(url_for("induction.edit", site_id=site.id, _anchor="questions"))
    return _editor(site, question_form=form)


def _question_or_404(site, question_id: int) -> InductionQuestion:
    question = db.session.get(InductionQuestion, question_id)
    if question is None or question.induction.site_id != site.id:
        abort(404)
    return question


@bp.route("/sites/<int:site_id>/induction/questions/<int:question_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def change_question(site_id: int, question_id: int):
    site = get_site_or_404(site_id)
    question = _question_or_404(site, question_id)
    form = QuestionChangeForm() if request.method == "POST" else QuestionChangeForm.of(question)
    if form.validate_on_submit():
        with service_call(form) as call:
            services.change_question(question, form.prompts(), form.options(), form.correct.data, current_user)
        if call.succeeded:
            flash(_("The question is saved."), "success")
            return redirect(url_for("induction.edit", site_id=site.id, _anchor="questions"))
    return render_template("induction/question.html", site=site, question=question, form=form)


@bp.post("/sites/<int:site_id>/induction/questions/<int:question_id>/move")
@roles_required(*STAFF)
def move_question(site_id: int, question_id: int):
    """One place up (``direction=up``) or down; at either end nothing moves."""
    site = get_site_or_404(site_id)
    question = _question_or_404(site, question_id)
    services.move_question(question, -1 if request.form.get("direction") == "up" else 1, current_user)
    return redirect(url_for("induction.edit", site_id=site.id, _anchor=f"question-{question.id}"))


@bp.post("/sites/<int:site_id>/induction/questions/<int:question_id>/remove")
@roles_required(*STAFF)
def remove_question(site_id: int, question_id: int):
    site = get_site_or_404(site_id)
    question = _question_or_404(site, question_id)
    services.remove_question(question, current_user)
    flash(_("The question is removed."), "success")
    return redirect(url_for("induction.edit", site_id=site.id, _anchor="questions"))


def _visit_page(visit, new_links: dict[int, str] | None = None):
    people = sorted(visit.participants, key=lambda p: p.full_name)
    results = db.session.scalars(
        select(InductionResult).where(InductionResult.participant_id.in_([p.id for p in people]))
    ).all()
    by_person: dict[int, list[InductionResult]] = {}
    for result in results:
        by_person.setdefault(result.participant_id, []).append(result)
    links = {pid: url_for("induction.start", token=token, _external=True) for pid, token in (new_links or {}).items()}
    return render_template("induction/visit.html", visit=visit, people=people, results=by_person, new_links=links)


@bp.get("/visits/<int:visit_id>/induction")
@roles_required(*STAFF)
def visit_inductions(visit_id: int):
    return _visit_page(access.get_visit_or_404(visit_id))


@bp.post("/visits/<int:visit_id>/induction/links")
@roles_required(*STAFF)
def issue_links(visit_id: int):
    visit = access.get_visit_or_404(visit_id)
    tokens = services.issue_links(visit, current_user)
    if not tokens:
        flash(_("Everyone already has an induction link."), "info")
        return redirect(url_for("induction.visit_inductions", visit_id=visit.id))
    return _visit_page(visit, tokens)


@bp.post("/visits/<int:visit_id>/induction/send")
@roles_required(*STAFF)
def send_links(visit_id: int):
    visit = access.get_visit_or_404(visit_id)
    sent = services.send_links(visit, current_user)
    if sent:
        flash(_("%(count)d induction links are sent by e-mail.", count=sent), "success")
    else:
        flash(_("No link to send: everyone with an e-mail address already has one."), "info")
    return redirect(url_for("induction.visit_inductions", visit_id=visit.id))


@bp.post("/visits/<int:visit_id>/induction/participants/<int:participant_id>/link")
@roles_required(*STAFF)
def reissue_link(visit_id: int, participant_id: int):
    visit = access.get_visit_or_404(visit_id)
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.visit_id != visit.id or participant.erased_at is not None:
        abort(404)
    token = services.reissue_link(participant, current_user)
    return _visit_page(visit, {participant.id: token})


@visit_page.connect
def visit_induction_action(visit, user) -> pages.Section | None:
    """A visit still to come leads its keepers to its participants' inductions."""
    if visit.status in (VisitStatus.completed, VisitStatus.rejected, VisitStatus.cancelled):
        return None
    if not access.can_manage(user):
        return None
    return pages.Section("induction/_visit_action.html", {"visit": visit})
