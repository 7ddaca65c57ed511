"""Imports every sub-domain's models so that metadata (create_all, Alembic) sees all tables."""

from importlib import import_module
from importlib.util import find_spec

from partnership import SUBDOMAINS

for _name in SUBDOMAINS:
    if find_spec(f"partnership.{_name}.models") is not None:
        import_module(f"partnership.{_name}.models")
import_module("partnership.submissions")  # one-time tokens of the forms that create records
