"""Large documents and exports as jobs: asked for with a button, made once by the worker as
their owner may see them, followed by their page, downloaded by their owner alone."""

import io
import re
import threading
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from partnership.audit.models import AuditEntry
from partnership.db import utcnow
from partnership.extensions import db
from partnership.jobs import registry, running, services
from partnership.jobs import tasks as job_tasks
from partnership.jobs.models import Job, JobState
from tests.reports.conftest import pypdf_text
from tests.reports.factories import ParticipantFactory, VisitFactory
from tests.threaded import at_once

NAMES_A = ["Oʻktam Gʻulomov", "Ўткир Қодиров", "Çağrı Öztürk"]
NAMES_B = ["Өлзийбаяр Батбаяр", "Лхагва Очир Энхжин", "Үүрцайх Ганбаатар"]


@pytest.fixture
def big_visit(world):
    visit = VisitFactory(title="Large excursion", organisations=[world.org_a, world.org_b])
    for name in NAMES_A:
        ParticipantFactory(visit=visit, organisation=world.org_a, full_name=name)
    for name in NAMES_B:
        ParticipantFactory(visit=visit, organisation=world.org_b, full_name=name, nationality="MN")
    db.session.commit()
    return visit


def job_of(response) -> Job:
    assert response.status_code == 302, response.status_code
    token = re.fullmatch(r".*/jobs/([^/]+)", response.headers["Location"]).group(1)
    return db.session.scalars(select(Job).where(Job.token == token)).one()


def fresh(job: Job) -> Job:
    return db.session.get(Job, job.id, populate_existing=True)


def test_a_large_document_is_offered_as_a_job_and_a_small_one_stays_instant(
    app, big_visit, coordinator_client, small_thresholds, sent
):
    offer = coordinator_client.get(f"/visits/{big_visit.id}/badges.pdf?lang=ru")
    assert offer.status_code == 202 and offer.mimetype == "text/html"
    page = offer.get_data(as_text=True)
    assert "6 people" in page and "Prepare the file" in page
    assert db.session.scalar(select(Job.id)) is None or db.session.scalars(select(Job.kind)).all() == [
        "exports.visits"
    ]  # the GET changed nothing (the world's own job aside)
    app.config["JOB_THRESHOLD_PEOPLE"] = 7
    instant = coordinator_client.get(f"/visits/{big_visit.id}/badges.pdf?lang=ru")
    assert instant.status_code == 200 and instant.mimetype == "application/pdf"


def test_the_button_asks_once_and_the_worker_makes_the_file(app, big_visit, coordinator_client, small_thresholds, sent):
    url = f"/visits/{big_visit.id}/participants.pdf?lang=ru"
    job = job_of(coordinator_client.post(url))
    assert job.state is JobState.pending and job.kind == "reports.participants"
    assert sent == [(services.RUN_TASK, job.id)]  # queued once the request committed
    # A second click, or a second tab, follows the same job.
    assert job_of(coordinator_client.post(url)).id == job.id
    assert len(sent) == 1
    page = coordinator_client.get(f"/jobs/{job.token}").get_data(as_text=True)
    assert "Waiting" in page and 'data-job-state="pending"' in page
    assert coordinator_client.get(f"/jobs/{job.token}/download").status_code == 302  # not ready: its page

    assert running.run(job.id) == "done"
    assert running.run(job.id) == "skipped"  # a task delivered twice does the work once
    status = coordinator_client.get(f"/jobs/{job.token}/status").get_json()
    assert status["state"] == "done" and status["progress"] == 100
    assert status["download_url"] == f"/jobs/{job.token}/download"
    download = coordinator_client.get(status["download_url"])
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["Cache-Control"] == "private, no-store"
    assert f"visit-{big_visit.id}-participants-ru.pdf" in download.headers["Content-Disposition"]
    text_ = pypdf_text(download.data)
    assert all(name in text_ for name in NAMES_A + NAMES_B)
    assert "Список участников" in text_  # in the language asked for
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "visit.document_downloaded").order_by(AuditEntry.id.desc())
    ).first()
    assert entry.details == {"document": "participants", "language": "ru", "sensitive": True, "job": True}
    listed = coordinator_client.get("/jobs").get_data(as_text=True)
    assert job.title in listed and f"/jobs/{job.token}/download" in listed


def test_a_job_is_its_owners_alone(app, big_visit, coordinator_client, admin_client, small_thresholds, sent):
    job = job_of(coordinator_client.post(f"/visits/{big_visit.id}/badges.pdf"))
    running.run(job.id)
    for path in ("", "/status", "/download"):
        assert admin_client.get(f"/jobs/{job.token}{path}").status_code == 404
    assert job.title not in admin_client.get("/jobs").get_data(as_text=True)


def test_a_liaisons_file_holds_only_their_people(app, big_visit, liaison_a_client, small_thresholds, sent):
    app.config["JOB_THRESHOLD_PEOPLE"] = 3  # A's three people
    job = job_of(liaison_a_client.post(f"/visits/{big_visit.id}/badges.pdf?lang=en"))
    running.run(job.id)
    text_ = pypdf_text(liaison_a_client.get(f"/jobs/{job.token}/download").data)
    assert all(name in text_ for name in NAMES_A)
    assert not any(name in text_ for name in NAMES_B)


def test_what_is_gone_by_the_time_the_worker_runs_fails_and_can_be_tried_again(
    app, world, big_visit, liaison_a_client, small_thresholds, sent
):
    job = job_of(liaison_a_client.post(f"/visits/{big_visit.id}/badges.pdf"))
    big_visit.organisations.remove(world.org_a)  # A no longer takes part: not theirs to see
    db.session.commit()
    assert running.run(job.id) == "failed"
    assert fresh(job).error == running.UNAVAILABLE
    page = liaison_a_client.get(f"/jobs/{job.token}").get_data(as_text=True)
    assert "no longer there for you" in page and "Try again" in page
    big_visit.organisations.append(world.org_a)
    db.session.commit()
    again = job_of(liaison_a_client.post(f"/jobs/{job.token}/retry"))
    assert again.id != job.id and again.state is JobState.pending and again.params == job.params
    assert running.run(again.id) == "done"


def test_a_build_that_breaks_fails_with_no_personal_data_in_the_log(app, world, sent, caplog):
    def build(owner, params, progress):
        raise ValueError("Өлзийбаяр Батбаяр, born 2003-04-05, document AA1234567")

    registry.register("tests.broken", build=build, downloaded=lambda owner, params: None)
    try:
        job = services.request_job(world.users["coordinator"], "tests.broken", {"n": 1}, "Broken")
        db.session.commit()
        assert running.run(job.id) == "failed"
    finally:
        registry.KINDS.pop("tests.broken")
    assert fresh(job).error == running.BROKEN
    assert "ValueError" in caplog.text and "Батбаяр" not in caplog.text and "AA1234567" not in caplog.text


def test_progress_is_seen_while_the_job_runs(app, world, sent):
    seen: list[int] = []

    def build(owner, params, progress):
        progress(0.5)
        with db.engine.connect() as other:  # another reader, as the polling page is
            seen.append(other.execute(text("SELECT progress FROM jobs WHERE id = :id"), {"id": job.id}).scalar())
        return registry.Output(b"done", "file.txt", "text/plain")

    registry.register("tests.slow", build=build, downloaded=lambda owner, params: None)
    try:
        job = services.request_job(world.users["coordinator"], "tests.slow", {}, "Slow")
        db.session.commit()
        assert running.run(job.id) == "done"
    finally:
        registry.KINDS.pop("tests.slow")
    assert seen == [50]
    assert fresh(job).progress == 100


def test_two_workers_at_once_make_each_job_exactly_once(app, world, sent):
    """Two threads, each with its own app context and connection, run the same jobs at the same
    moment: each job is built once, and the other worker skips it."""
    built: list[int] = []

    def build(owner, params, progress):
        built.append(params["n"])
        return registry.Output(b"x", "x.txt", "text/plain")

    registry.register("tests.count", build=build, downloaded=lambda owner, params: None)
    ids = [services.request_job(world.users["coordinator"], "tests.count", {"n": n}, "Count").id for n in range(20)]
    db.session.commit()

    def worker(n: int) -> dict:
        with app.app_context():
            outcome = {i: running.run(i) for i in ids}
            db.session.remove()
            return outcome

    try:
        outcomes = at_once(2, worker)
    finally:
        registry.KINDS.pop("tests.count")
    assert sorted(built) == list(range(20))
    for i in ids:
        assert sorted(o[i] for o in outcomes) == ["done", "skipped"]


def test_the_sweep_requeues_lost_work_frees_dead_workers_and_forgets_old_files(app, world, sent):
    owner = world.users["coordinator"]
    lost = services.request_job(owner, "exports.visits", {"format": "csv", "args": {"n": ["1"]}}, "Lost")
    dead = services.request_job(owner, "exports.visits", {"format": "csv", "args": {"n": ["2"]}}, "Dead")
    old = services.request_job(owner, "exports.visits", {"format": "csv", "args": {"n": ["3"]}}, "Old")
    db.session.flush()
    long_ago = utcnow() - timedelta(hours=2)
    lost.queued_at = long_ago
    dead.state, dead.claimed_at, dead.attempts = JobState.running, long_ago, 1
    old.state, old.expires_at = JobState.done, utcnow() - timedelta(minutes=1)
    db.session.commit()
    lost_id, dead_id, old_id = lost.id, dead.id, old.id
    sent.clear()
    assert job_tasks.sweep.run() == 2  # the task's body, in this test's app (the task would push its own)
    db.session.rollback()
    assert sorted(sent) == sorted([(services.RUN_TASK, lost_id), (services.RUN_TASK, dead_id)])
    assert fresh(dead).state is JobState.pending
    assert db.session.get(Job, old_id) is None
    sent.clear()
    assert job_tasks.sweep.run() == 0  # queued again a moment ago: left alone for a while
    # A job whose workers keep dying is given up after JOB_MAX_ATTEMPTS.
    dead = fresh(dead)
    dead.state, dead.claimed_at, dead.attempts = JobState.running, long_ago, app.config["JOB_MAX_ATTEMPTS"]
    db.session.commit()
    job_tasks.sweep.run()
    db.session.rollback()
    assert fresh(dead).state is JobState.failed


def test_a_large_summary_and_a_large_export_are_jobs(app, world, management_client, small_thresholds, sent):
    for n in range(4):
        VisitFactory(title=f"Zarafshon tour {n}", organisations=[world.org_a])
    db.session.commit()
    summary = job_of(management_client.post("/reports/summary.pdf?from=2025-01-01&to=2025-12-31&lang=uz"))
    export = job_of(management_client.post("/exports/visits.xlsx?q=Zarafshon"))
    assert running.run_all_pending() == {"done": 2}
    pdf = management_client.get(f"/jobs/{summary.token}/download")
    assert pdf.mimetype == "application/pdf" and "Hamkorlik" in pypdf_text(pdf.data)
    xlsx = management_client.get(f"/jobs/{export.token}/download")
    assert xlsx.headers["Content-Disposition"].endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    titles = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert titles == [f"Zarafshon tour {n}" for n in range(4)]  # the filter of the address it was asked from


def test_a_real_worker_runs_the_job_a_request_asked_for(app, big_visit, coordinator_client, small_thresholds):
    """Celery's own worker (in a thread, on the tests' in-memory broker) runs the queued job."""
    from celery.contrib.testing.worker import start_worker

    celery = app.extensions["celery"]
    with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        job = job_of(coordinator_client.post(f"/visits/{big_visit.id}/badges.pdf"))
        for _ in range(300):
            if fresh(job).state is JobState.done:
                break
            db.session.rollback()
            threading.Event().wait(0.1)
    assert fresh(job).state is JobState.done
    assert coordinator_client.get(f"/jobs/{job.token}/download").mimetype == "application/pdf"


def test_a_pool_process_that_grew_past_200_mb_is_replaced_after_its_job(app):
    """Production's workers use the prefork pool: a child that a large document left holding
    memory is replaced once its task is done, so a worker's memory stays bounded over the days."""
    settings = app.extensions["celery"].conf
    assert 0 < settings.worker_max_memory_per_child <= 200_000  # kilobytes
    assert settings.task_acks_late and settings.worker_prefetch_multiplier == 1
