from tests.access import ADMIN_ONLY, EVERY_ACCOUNT, LOGIN, Row, expect

ROWS = [
    Row("GET", "/login", "/login", expect(302, anonymous=200, guide=302)),
    Row("POST", "/login", "/login", expect(302, anonymous=200, guide=302)),
    Row("POST", "/logout", "/logout", expect(302, guide=302)),
    Row("GET", "/account/password", "/account/password", EVERY_ACCOUNT),
    Row("POST", "/account/password", "/account/password", EVERY_ACCOUNT),
    Row("GET", "/account/language", "/account/language", EVERY_ACCOUNT),
    Row("POST", "/account/language", "/account/language", expect(302, guide=302)),  # no choice keeps the one saved
    Row("GET", "/account/sessions", "/account/sessions", EVERY_ACCOUNT),
    # Only one's own live sessions can be ended; any other id is no session of theirs.
    Row(
        "POST",
        "/account/sessions/<int:session_id>/end",
        "/account/sessions/999999/end",
        expect(404, anonymous=LOGIN, guide=404),
    ),
    Row("POST", "/account/sessions/end-all", "/account/sessions/end-all", expect(302, guide=302)),
    Row("GET", "/admin/users", "/admin/users", ADMIN_ONLY),
    Row("GET", "/admin/users/new", "/admin/users/new", ADMIN_ONLY),
    Row("POST", "/admin/users/new", "/admin/users/new", ADMIN_ONLY),
    Row("GET", "/admin/users/<int:user_id>/edit", "/admin/users/{w.users[coordinator].id}/edit", ADMIN_ONLY),
    # Fields left out keep their stored values (WTForms), so the empty form saves.
    Row(
        "POST",
        "/admin/users/<int:user_id>/edit",
        "/admin/users/{w.users[coordinator].id}/edit",
        expect(403, anonymous=LOGIN, admin=302),
    ),
    Row("GET", "/admin/users/<int:user_id>/password", "/admin/users/{w.users[coordinator].id}/password", ADMIN_ONLY),
    Row("POST", "/admin/users/<int:user_id>/password", "/admin/users/{w.users[coordinator].id}/password", ADMIN_ONLY),
    Row("GET", "/admin/users/<int:user_id>/edit", "/admin/users/999999/edit", expect(403, anonymous=LOGIN, admin=404)),
]
