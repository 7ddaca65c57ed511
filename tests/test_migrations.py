"""The migrations are the only way the schema changes: applied to an empty
database they must produce exactly the models' schema, and undo cleanly."""

import warnings

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
        with db.engine.connect() as connection, warnings.catch_warnings():
            # Alembic cannot compare an index on expressions (SQLite's reflection skips it); those
            # are checked by name below.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
            warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        with db.engine.connect() as connection:
            for table in db.metadata.sorted_tables:
                expression_indexes = {
                    i.name for i in table.indexes if any(not hasattr(e, "name") for e in i.expressions)
                }
                made = set(_index_names(connection, table.name))
                assert expression_indexes <= made, f"{table.name}: {expression_indexes - made} not made"
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert sa.inspect(connection).get_table_names() == ["alembic_version"]
        db.engine.dispose()


def _index_names(connection, table: str) -> list[str]:
    """Every index of ``table``, expression-based ones included (which the inspector leaves out on SQLite)."""
    if connection.dialect.name == "sqlite":
        query = sa.text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :table")
    else:
        query = sa.text("SELECT indexname FROM pg_indexes WHERE tablename = :table")
    return list(connection.execute(query, {"table": table}).scalars())
