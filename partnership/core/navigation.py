"""The main menu: each role sees the sections it may use."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from partnership.core.roles import READERS, Role

ALL = tuple(role for role in Role if role is not Role.guide)  # a guide's menu is the gate alone
GATE = (Role.admin, Role.coordinator, Role.guide)


@dataclass(frozen=True)
class NavItem:
    section: str  # blueprint name, to mark the current section
    endpoint: str
    label: str
    roles: tuple[Role, ...] = ALL
    also: tuple[str, ...] = ()  # other blueprints whose pages belong to the section

    def is_current(self, endpoint: str | None) -> bool:
        return endpoint is not None and endpoint.split(".")[0] in (self.section, *self.also)


MENU = [
    NavItem("home", "home.index", _l("Home")),
    NavItem("partners", "partners.index", _l("Organisations")),
    NavItem("agreements", "agreements.index", _l("Agreements")),
    NavItem("visits", "visits.index", _l("Visits"), also=("participants",)),
    NavItem("programme", "programme.visits_calendar", _l("Calendar")),
    NavItem("sites", "sites.index", _l("Sites")),
    NavItem("gate", "gate.today", _l("Gate"), GATE),
    NavItem("reports", "reports.index", _l("Reports"), READERS),
    NavItem("accounts", "accounts.users", _l("Accounts"), (Role.admin,)),
]


def navigation() -> list[NavItem]:
    if not current_user.is_authenticated:
        return []
    endpoints = current_app.view_functions
    return [item for item in MENU if current_user.role in item.roles and item.endpoint in endpoints]
