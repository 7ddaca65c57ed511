"""Every model module, imported so that metadata (create_all, Alembic) sees all tables."""
from partnership.accounts import models as accounts  # noqa: F401
from partnership.agreements import models as agreements  # noqa: F401
from partnership.audit import models as audit  # noqa: F401
from partnership.partners import models as partners  # noqa: F401
