"""The route × role table: every sub-domain lists its routes in
``tests/<sub-domain>/access_rows.py`` as ``ROWS``; ``tests/test_access_table.py``
plays each row for each role and fails when a route has no row."""

from dataclasses import dataclass, field

ROLES = ("anonymous", "admin", "coordinator", "liaison_a", "liaison_b", "management", "guide")
LOGIN = 302  # anonymous users are sent to the sign-in page


@dataclass(frozen=True)
class Row:
    method: str
    rule: str  # the Flask rule, as in app.url_map, e.g. "/organisations/<int:organisation_id>"
    url: str  # formatted with the world: "/organisations/{w.org_a.id}"
    expect: dict[str, int]
    data: dict = field(default_factory=dict)  # form fields for POST rows (the token is added)

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        assert not missing, f"{self.method} {self.rule}: no expectation for {sorted(missing)}"


GUIDE_REFUSED = 403  # a guide account reaches only the pages marked ``guide_may_open``


def expect(default: int, **per_role: int) -> dict[str, int]:
    """``expect(200, anonymous=302, liaison_b=404)``: ``default`` for every role not named,
    but a guide, refused (403) every page its row does not name for it."""
    return {role: per_role.get(role, GUIDE_REFUSED if role == "guide" else default) for role in ROLES}


STAFF_ONLY = expect(403, anonymous=LOGIN, admin=200, coordinator=200)
ADMIN_ONLY = expect(403, anonymous=LOGIN, admin=200)
SIGNED_IN = expect(200, anonymous=LOGIN)  # every account but a guide's
EVERY_ACCOUNT = expect(200, anonymous=LOGIN, guide=200)
