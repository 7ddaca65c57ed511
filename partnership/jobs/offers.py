"""What a download view answers when its file is large: a page that offers to prepare it in the
background (GET, which changes nothing), and the job asked for by its button (POST to the same
address, whose view has checked access as for the instant download)."""

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from partnership.jobs import queries, services
from partnership.jobs.forms import PrepareForm


def offer(kind: str, params: dict, title: str, size: str):
    """``size`` says why it is a job ("1,500 people"), in the reader's language."""
    if request.method == "POST":
        form = PrepareForm()
        if not form.validate_on_submit():
            abort(400)
        job = services.request_job(current_user, kind, params, title)
        return redirect(url_for("jobs.show", token=job.token))
    earlier = queries.latest(services.job_key(current_user.id, kind, params))
    return render_template("jobs/offer.html", title=title, size=size, form=PrepareForm(), earlier=earlier), 202
