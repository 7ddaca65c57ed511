"""Counting the SQL statements a piece of work sends, for tests that pages load in a fixed number."""

from contextlib import contextmanager

from sqlalchemy import event

from partnership.extensions import db

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@contextmanager
def counting_statements(selects_only: bool = False):
    """Yield the list of statements sent inside the block: queries, not the transaction
    control each request's transaction adds (SQLite's ``BEGIN``)."""
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        word = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if word in TRANSACTION_CONTROL or (selects_only and word != "SELECT"):
            return
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
