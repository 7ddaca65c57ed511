import pytest


@pytest.fixture
def small_thresholds(app):
    """Jobs from a few people, visits or rows on, so the tests need no thousands."""
    saved = {k: app.config[k] for k in ("JOB_THRESHOLD_PEOPLE", "JOB_THRESHOLD_VISITS", "JOB_THRESHOLD_ROWS")}
    app.config.update(JOB_THRESHOLD_PEOPLE=3, JOB_THRESHOLD_VISITS=3, JOB_THRESHOLD_ROWS=3)
    yield
    app.config.update(saved)


@pytest.fixture
def sent(monkeypatch):
    """The tasks the commits (and sweeps) sent to the queue, instead of the broker."""
    from partnership import tasks

    calls: list[tuple] = []
    monkeypatch.setattr(tasks.current_celery, "send_task", lambda name, args: calls.append((name, *args)))
    return calls
