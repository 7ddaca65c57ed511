"""The migrations are the only way the schema changes: applied to an empty
database they must produce exactly the models' schema, and undo cleanly."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from partnership import create_app
from partnership.extensions import db
from tests.conftest import throwaway_database


@pytest.fixture
def empty_database_url(tmp_path):
    with throwaway_database(tmp_path) as url:
        yield url


def test_migrations_reach_the_models_schema_and_back(empty_database_url, test_config):
    app = create_app({**test_config, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert sa.inspect(connection).get_table_names() == ["alembic_version"]
        db.engine.dispose()
