"""Heavy uploads never stop other users: the parse holds no database lock, so while
liaisons upload the costliest files the limits allow, in parallel, a coordinator's saves
succeed at once (measured in a real threaded server, on SQLite and PostgreSQL). And a
file sent to a visit its sender may not see is answered 404 without being parsed."""

import io
import threading
import time

from sqlalchemy import select

from partnership.extensions import db
from partnership.participants import importing
from partnership.partners.models import Organisation
from tests.threaded import Browser
from tests.uploads import bombs
from tests.uploads.test_bombs import ten_thousand_people_xlsx

UPLOADERS = 4
ROUNDS = 2


def test_saves_of_others_succeed_while_bombs_are_parsed(app, world, threaded_server, settled):
    files = [
        ("cells.xlsx", bombs.many_cells(11_000, 14)),
        ("people.xlsx", ten_thousand_people_xlsx()),
        ("strings.xlsx", bombs.many_shared_strings(300_000)),
        ("row.xlsx", bombs.huge_row(2_500_000)),
    ]
    visit_id, organisation_id = world.visit_a.id, world.org_b.id
    liaison_id, coordinator_id = world.users["liaison_a"].id, world.users["coordinator"].id
    settled()
    uploaders = [Browser(app, threaded_server, liaison_id) for _ in range(UPLOADERS)]
    editor = Browser(app, threaded_server, coordinator_id)
    for browser in [*uploaders, editor]:
        browser.get("/")
    uploads: list = []
    errors: list = []

    def upload(n: int) -> None:
        name, content = files[n % len(files)]
        try:
            for _ in range(ROUNDS):
                answer = uploaders[n].upload(f"/visits/{visit_id}/participants/import", "file", name, content)
                uploads.append((name, answer.status, answer.seconds))
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(repr(error))

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(UPLOADERS)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)  # the uploads are being parsed
    saves = []
    while any(thread.is_alive() for thread in threads) and len(saves) < 20:
        form = {
            "name": f"Mongolian State University {len(saves)}",
            "kind": "university",
            "country": "MN",
            "city": "Ulaanbaatar",
        }
        answer = editor.post(f"/organisations/{organisation_id}/edit", form)
        saves.append((answer.status, answer.seconds, any(t.is_alive() for t in threads)))
        assert answer.status == 302, answer.body[:500]
    for thread in threads:
        thread.join(timeout=300)

    during = [seconds for _status, seconds, busy in saves if busy]
    print(
        f"\n{db.engine.dialect.name}: {len(uploads)} uploads in {UPLOADERS} threads "
        f"({', '.join(f'{n} {s} {t:.1f}s' for n, s, t in uploads)}); "
        f"{len(saves)} saves by another user meanwhile: max {max(during):.2f} s, "
        f"mean {sum(during) / len(during):.2f} s"
    )
    assert not errors, errors
    assert len(uploads) == UPLOADERS * ROUNDS
    assert all(status in (200, 303) for _name, status, _seconds in uploads), uploads
    assert during, "no save ran while the uploads were parsed"
    assert max(during) < 5, saves
    name = db.session.scalar(select(Organisation.name).where(Organisation.id == organisation_id))
    assert name == f"Mongolian State University {len(saves) - 1}"


def test_a_file_for_a_visit_one_may_not_see_is_not_parsed(app, world, login, monkeypatch):
    parsed = []
    monkeypatch.setattr(importing, "read_import", lambda *args, **kwargs: parsed.append(args))
    client = login(world.users["liaison_b"])
    response = client.post(
        f"/visits/{world.visit_a.id}/participants/import",
        data={"file": (io.BytesIO(bombs.many_cells(11_000, 14)), "cells.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 404
    assert parsed == []


def test_the_parse_runs_with_no_transaction_open(app, world, login, monkeypatch):
    """Nothing holds a database lock while the file is parsed (on SQLite the write lock);
    the save after it is one transaction."""
    real = importing.read_import
    seen = []

    def read_import(*args, **kwargs):
        seen.append(db.session().in_transaction())
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "read_import", read_import)
    client = login(world.users["liaison_a"])
    response = client.post(
        f"/visits/{world.visit_a.id}/participants/import",
        data={"file": (io.BytesIO(b"Full name\r\nAnna Lee\r\n"), "people.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    assert seen == [False]
