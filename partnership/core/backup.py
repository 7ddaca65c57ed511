"""Backing up and restoring everything the app holds: one archive (a tar file) with the database
and a manifest of every table's row count and checksum.

Signed agreement scans and visit photos are kept in the database (``agreement_attachments``,
``visit_photos``), so the database's copy holds them; nothing else the app writes lives in the
instance folder but its local settings and key, which stay out of backups (they are secrets, and
belong to the server, not to the data).

SQLite is copied with sqlite3's online backup API (``Connection.backup``: a consistent copy while
the app keeps serving); PostgreSQL with ``pg_dump -Fc`` and ``pg_restore --clean --if-exists
--no-owner``, called without a shell, the password passed in the environment, never on the command
line."""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import MetaData, func, inspect, select
from sqlalchemy.engine import URL, Engine, make_url

from partnership.db import utcnow

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = {"sqlite": "database.sqlite", "postgresql": "database.dump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; its message says why."""


@dataclass(frozen=True)
class TableSummary:
    rows: int
    checksum: str


def summary(engine: Engine) -> dict[str, TableSummary]:
    """Every table of the database (the app's and Alembic's), its row count and a SHA-256 of its
    rows in primary-key order: equal summaries, equal contents."""
    metadata = MetaData()
    metadata.reflect(bind=engine)
    result = {}
    with engine.connect() as connection:
        for table in sorted(metadata.tables.values(), key=lambda t: t.name):
            order = list(table.primary_key.columns) or list(table.columns)
            digest = hashlib.sha256()
            rows = 0
            for row in connection.execute(select(table).order_by(*order)):
                digest.update(json.dumps([_plain(value) for value in row], ensure_ascii=False).encode())
                digest.update(b"\n")
                rows += 1
            result[table.name] = TableSummary(rows, digest.hexdigest())
    return result


def _plain(value):
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def is_empty(engine: Engine) -> bool:
    """No row in any table but Alembic's (an upgraded but unused database is empty)."""
    metadata = MetaData()
    metadata.reflect(bind=engine)
    with engine.connect() as connection:
        for table in metadata.tables.values():
            if table.name == "alembic_version":
                continue
            if connection.execute(select(func.count()).select_from(table)).scalar():
                return False
    return True


def backend(engine: Engine) -> str:
    name = engine.dialect.name
    if name not in DATABASE:
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {name}.")
    return name


# --- backup -------------------------------------------------------------------------------------


def backup(engine: Engine, archive: Path) -> dict:
    """Write ``archive``: the database's copy and the manifest; the manifest is returned."""
    kind = backend(engine)
    with tempfile.TemporaryDirectory(prefix="partnership-backup-") as work:
        copy = Path(work) / DATABASE[kind]
        if kind == "sqlite":
            _sqlite_copy(_sqlite_path(engine.url), copy)
        else:
            _run("pg_dump", ["--format=custom", "--no-owner", f"--file={copy}"], engine.url)
        manifest = {
            "format": FORMAT,
            "backend": kind,
            "created_at": utcnow().isoformat(),
            "database": DATABASE[kind],
            "tables": {name: vars(table) for name, table in summary(engine).items()},
        }
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(copy, arcname=DATABASE[kind])
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(utcnow().timestamp())
            tar.addfile(info, io.BytesIO(data))
        partial.chmod(0o600)  # it holds personal data
        partial.replace(archive)  # a crash leaves no half-written archive under the real name
    return manifest


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database has nothing to back up.")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    """sqlite3's online backup: a consistent copy of ``source`` while others read and write."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


# --- restore ------------------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:*") as tar:
        manifest = json.load(_member(tar, MANIFEST))
    if manifest.get("format") != FORMAT or manifest.get("backend") not in DATABASE:
        raise BackupError(f"{archive} is not a Partnership backup this version can read.")
    return manifest


def _member(tar: tarfile.TarFile, name: str):
    """A regular file of the archive by its exact name (nothing is extracted by a path it names)."""
    try:
        info = tar.getmember(name)
    except KeyError as error:
        raise BackupError(f"The archive has no {name}.") from error
    handle = tar.extractfile(info) if info.isfile() else None
    if handle is None:
        raise BackupError(f"The archive's {name} is not a file.")
    return handle


def restore(engine: Engine, archive: Path, *, force: bool = False) -> dict:
    """Replace the database's contents with the archive's, then check every table's row count and
    checksum against the manifest. Refused into a database that holds data unless ``force``."""
    kind = backend(engine)
    manifest = read_manifest(archive)
    if manifest["backend"] != kind:
        raise BackupError(f"This backup is of a {manifest['backend']} database; the app's database is {kind}.")
    if inspect(engine).get_table_names() and not is_empty(engine) and not force:
        raise BackupError("The database is not empty: restoring would replace its data. Add --force to do so.")
    engine.dispose()  # no pooled connection holds the old database open
    with tempfile.TemporaryDirectory(prefix="partnership-restore-") as work:
        copy = Path(work) / manifest["database"]
        with tarfile.open(archive, "r:*") as tar, open(copy, "wb") as out:
            shutil.copyfileobj(_member(tar, manifest["database"]), out)
        if kind == "sqlite":
            # The backup API the other way: every page of the database replaced by the copy's in
            # one step (its WAL stays consistent, unlike a file copied over it).
            target = _sqlite_path(engine.url)
            target.parent.mkdir(parents=True, exist_ok=True)
            _sqlite_copy(copy, target)
        else:
            options = ["--clean", "--if-exists", "--no-owner", "--exit-on-error", "--single-transaction"]
            _run("pg_restore", options, engine.url, str(copy))
    engine.dispose()
    differing = differences(manifest, summary(engine))
    if differing:
        raise BackupError("The restored database differs from the backup in: " + ", ".join(differing))
    return manifest


def differences(manifest: dict, now: dict[str, TableSummary]) -> list[str]:
    """The tables whose rows or checksum differ from the manifest's."""
    expected = {name: TableSummary(**table) for name, table in manifest["tables"].items()}
    return sorted(name for name in expected.keys() | now.keys() if expected.get(name) != now.get(name))


# --- PostgreSQL's tools -------------------------------------------------------------------------


def _run(tool: str, arguments: list[str], url: URL, *files: str) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    connection, environment = _libpq(url)
    command = [executable, *arguments, f"--dbname={connection}", *files]
    # No shell; the arguments are the tool's options, a file path and the app's own database URL.
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[:2000]}")


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment that carries it."""
    plain = make_url(url).set(drivername="postgresql")
    environment = dict(os.environ)
    if plain.password is not None:
        environment["PGPASSWORD"] = str(plain.password)
        plain = plain.set(password=None)
    return plain.render_as_string(hide_password=False), environment
