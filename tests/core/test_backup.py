"""``flask backup`` and ``flask restore``: the demo data, a signed scan and a photo backed up,
restored into a fresh database (SQLite, or PostgreSQL with TEST_DATABASE_URL) and compared table
by table (row count and a checksum of every row), files byte for byte."""

import hashlib
import io
import json
import tarfile

import pytest
from sqlalchemy import select, text

from partnership import create_app
from partnership.agreements.models import Attachment
from partnership.core import backup as backups
from partnership.extensions import db
from partnership.reports.models import VisitPhoto
from tests.agreements.factories import AttachmentFactory
from tests.conftest import throwaway_database
from tests.reports.factories import VisitPhotoFactory, image_bytes


@pytest.fixture
def loaded(app):
    """The demo data, and a scan and a photo of a size a person uploads."""
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    scan = AttachmentFactory(content=b"%PDF-1.4\n" + bytes(range(256)) * 400)
    photo = VisitPhotoFactory(content=image_bytes(size=(640, 480)))
    db.session.commit()
    return {"scan": (scan.id, hashlib.sha256(scan.content).hexdigest()), "photo": (photo.id, photo.content)}


@pytest.fixture
def fresh_app(_app, test_config, tmp_path):
    """The app on a database of its own with no table in it, as on a new server; the database
    is dropped afterwards."""
    with throwaway_database(tmp_path) as url:
        app = create_app({**test_config, "SQLALCHEMY_DATABASE_URI": url})
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def invoke(app, *args):
    """Run a command of ``app`` (in its own app context: the test's is the first app's)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def file_contents(app) -> dict:
    with app.app_context():
        scans = {a.id: hashlib.sha256(a.content).hexdigest() for a in db.session.scalars(select(Attachment))}
        photos = {p.id: hashlib.sha256(p.content).hexdigest() for p in db.session.scalars(select(VisitPhoto))}
        return {"scans": scans, "photos": photos}


def test_a_backup_restored_into_a_fresh_database_has_every_row_and_file(app, loaded, fresh_app, tmp_path):
    archive = tmp_path / "nightly.tar.gz"
    result = invoke(app, "backup", str(archive))
    assert result.exit_code == 0, result.output
    assert "Backed up" in result.output
    assert archive.stat().st_mode & 0o077 == 0  # personal data: the owner's alone
    original = backups.summary(db.engine)
    files = file_contents(app)

    restored = invoke(fresh_app, "restore", str(archive))
    assert restored.exit_code == 0, restored.output
    assert "every table's count and checksum match" in restored.output
    with fresh_app.app_context():
        copy = backups.summary(db.engine)
    assert copy == original  # every table, its row count and the checksum of its rows
    assert set(copy) == set(db.metadata.tables)  # db.create_all made the source: no alembic_version
    counted = {name: table.rows for name, table in copy.items()}
    assert counted["participants"] > 10 and counted["visits"] > 3 and counted["feedback_responses"] > 0
    print("backup row counts:", json.dumps(counted, sort_keys=True), "total", sum(counted.values()))
    assert file_contents(fresh_app) == files
    scan_id, scan_sha = loaded["scan"]
    assert file_contents(fresh_app)["scans"][scan_id] == scan_sha
    photo_id, photo = loaded["photo"]
    with fresh_app.app_context():
        assert db.session.get(VisitPhoto, photo_id).content == photo


def test_the_archive_holds_the_database_and_a_manifest_of_every_table(app, loaded, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    manifest = backups.backup(db.engine, archive)
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == sorted([backups.MANIFEST, manifest["database"]])
    assert backups.read_manifest(archive) == manifest
    assert set(manifest["tables"]) == set(db.metadata.tables)
    assert manifest["backend"] == db.engine.dialect.name


def test_restore_refuses_a_database_that_holds_data_unless_forced(app, loaded, fresh_app, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    assert invoke(app, "backup", str(archive)).exit_code == 0
    original = backups.summary(db.engine)
    assert invoke(fresh_app, "restore", str(archive)).exit_code == 0
    with fresh_app.app_context():
        db.session.execute(text("DELETE FROM feedback_site_ratings"))  # a change made after the restore
        db.session.commit()
    refused = invoke(fresh_app, "restore", str(archive))
    assert refused.exit_code != 0 and "not empty" in refused.output and "--force" in refused.output
    with fresh_app.app_context():
        assert backups.summary(db.engine)["feedback_site_ratings"].rows == 0  # untouched
    forced = invoke(fresh_app, "restore", "--force", str(archive))
    assert forced.exit_code == 0, forced.output
    with fresh_app.app_context():
        assert backups.summary(db.engine) == original


def test_restore_refuses_an_archive_that_is_not_a_backup(app, tmp_path):
    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(__file__, arcname="notes.txt")
    result = invoke(app, "restore", str(archive))
    assert result.exit_code != 0 and "no manifest.json" in result.output


def test_a_restore_that_does_not_match_its_manifest_is_reported(app, loaded, fresh_app, tmp_path):
    """The check after a restore reads the database, not the archive's word for it."""
    archive = tmp_path / "backup.tar.gz"
    manifest = backups.backup(db.engine, archive)
    manifest["tables"]["visits"]["rows"] += 1
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(forged, "w:gz") as tar:
        database = source.getmember(manifest["database"])
        tar.addfile(database, source.extractfile(database))
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo(backups.MANIFEST)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    result = invoke(fresh_app, "restore", str(forged))
    assert result.exit_code != 0 and "differs from the backup in: visits" in result.output
