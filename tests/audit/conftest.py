import pytest
from sqlalchemy import delete

from partnership.audit.models import AuditEntry
from partnership.extensions import db


@pytest.fixture(autouse=True)
def empty_trail(world):
    """The world's set-up calls services that record entries (feedback links, for one): these
    tests read only the entries of what they do."""
    db.session.execute(delete(AuditEntry))
    db.session.commit()
