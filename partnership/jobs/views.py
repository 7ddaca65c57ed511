"""A user's jobs: the list, each job's page (and its progress for the page's script), the file."""

from io import BytesIO

from flask import Blueprint, jsonify, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from partnership.core.forms import service_call
from partnership.core.roles import require_login
from partnership.jobs import access, queries, registry, services
from partnership.jobs.forms import RetryForm
from partnership.jobs.models import JobState
from partnership.jobs.running import BROKEN, UNAVAILABLE

bp = Blueprint("jobs", __name__, static_folder="static", static_url_path="/static/jobs")
bp.before_request(require_login)


def error_text(code: str | None) -> str:
    return {
        UNAVAILABLE: _("What this file was made from is no longer there for you."),
        BROKEN: _("The file could not be prepared. Try again; if it fails again, tell an administrator."),
    }.get(code or "", "")


def status(job) -> dict:
    return {
        "state": job.state.value,
        "label": str(job.state.label),
        "progress": job.progress,
        "download_url": url_for("jobs.download", token=job.token) if job.state is JobState.done else None,
        "error": error_text(job.error) if job.state is JobState.failed else None,
    }


@bp.get("/jobs")
def index():
    return render_template("jobs/index.html", jobs=queries.owned(current_user), error_text=error_text)


@bp.get("/jobs/<token>")
def show(token: str):
    job = access.get_own_or_404(current_user, token)
    return render_template("jobs/show.html", job=job, status=status(job), retry_form=RetryForm())


@bp.get("/jobs/<token>/status")
def progress(token: str):
    response = jsonify(status(access.get_own_or_404(current_user, token)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/jobs/<token>/download")
def download(token: str):
    job = access.get_own_or_404(current_user, token)
    if job.state is not JobState.done or job.content is None:
        return redirect(url_for("jobs.show", token=job.token))
    registry.get(job.kind).downloaded(current_user, job.params)
    response = send_file(
        BytesIO(job.content),
        mimetype=job.mimetype or "application/octet-stream",
        as_attachment=True,
        download_name=job.filename or "download",
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"  # personal data: no copy kept on the way
    return response


@bp.post("/jobs/<token>/retry")
def retry(token: str):
    job = access.get_own_or_404(current_user, token)
    form = RetryForm()
    if form.validate_on_submit():
        with service_call() as call:
            again = services.retry(current_user, job)
        if call.succeeded:
            return redirect(url_for("jobs.show", token=again.token))
    return redirect(url_for("jobs.show", token=job.token))
