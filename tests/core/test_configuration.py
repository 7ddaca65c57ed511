"""A production start (a database server) needs a SECRET_KEY the operator sets; a local
SQLite start keeps making its own in the instance folder."""

import subprocess
import sys

import pytest

from partnership import MissingSecretKey, create_app

SERVER = "postgresql://partnership@db.example.org:5432/partnership"


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """A start as from the command line: no test settings, an empty instance folder."""
    monkeypatch.setenv("PARTNERSHIP_INSTANCE", str(tmp_path / "instance"))
    for name in ("SECRET_KEY", "DATABASE_URL", "SESSION_COOKIE_SECURE", "BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize("url", [SERVER, "postgres://u@db/p", "postgresql+psycopg://u@db/p"])
def test_a_database_server_without_a_secret_key_refuses_to_start(environment, tmp_path, url):
    environment.setenv("DATABASE_URL", url)
    with pytest.raises(MissingSecretKey, match="SECRET_KEY is not set"):
        create_app()
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_a_key_left_in_the_instance_folder_does_not_do_for_a_server(environment, tmp_path):
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "secret_key").write_text("left by make run")
    environment.setenv("DATABASE_URL", SERVER)
    with pytest.raises(MissingSecretKey):
        create_app()


def test_a_database_server_with_a_secret_key_starts(environment):
    environment.setenv("DATABASE_URL", SERVER)
    environment.setenv("SECRET_KEY", "chosen-by-the-operator")
    app = create_app()
    assert app.config["SECRET_KEY"] == "chosen-by-the-operator"
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")


def test_a_local_sqlite_start_keeps_its_instance_key(environment, tmp_path):
    first = create_app()
    assert first.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    key_file = tmp_path / "instance" / "secret_key"
    assert key_file.read_text().strip() == first.config["SECRET_KEY"] and len(first.config["SECRET_KEY"]) == 64
    assert create_app().config["SECRET_KEY"] == first.config["SECRET_KEY"]  # sessions survive a restart


def test_the_command_line_says_why(tmp_path):
    """What an operator sees: the message, not a traceback to decipher, and a failing exit status."""
    env = {"PATH": "/usr/bin:/bin", "PARTNERSHIP_INSTANCE": str(tmp_path), "DATABASE_URL": SERVER}
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "partnership", "routes"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr and "token_hex" in result.stderr
