from tests.access import ADMIN_ONLY, EVERY_ACCOUNT, LOGIN, Row, expect

ROWS = [
    Row("GET", "/admin/outbox", "/admin/outbox", ADMIN_ONLY),
    Row("GET", "/admin/outbox", "/admin/outbox?state=failed&page=7", ADMIN_ONLY),
    Row("GET", "/admin/outbox/<int:message_id>", "/admin/outbox/{w.message.id}", ADMIN_ONLY),
    Row("GET", "/admin/outbox/<int:message_id>", "/admin/outbox/999999", expect(403, anonymous=LOGIN, admin=404)),
    Row(
        "POST",
        "/admin/outbox/<int:message_id>/resend",
        "/admin/outbox/{w.message.id}/resend",
        expect(403, anonymous=LOGIN, admin=302),
    ),
    # One's own notifications and calendar address: every account's, a guide's too.
    Row("GET", "/notifications", "/notifications", EVERY_ACCOUNT),
    Row("POST", "/notifications/read", "/notifications/read", expect(302, guide=302)),
    Row("GET", "/account/calendar", "/account/calendar", EVERY_ACCOUNT),
    Row("POST", "/account/calendar", "/account/calendar", expect(302, guide=302)),
    Row("POST", "/account/calendar/revoke", "/account/calendar/revoke", expect(302, guide=302)),
    # Read by calendar programs with the token and no session: the token is the key.
    Row(
        "GET",
        "/calendar/<token>.ics",
        "/calendar/liaison-a-calendar-token-for-the-access-table.ics",
        expect(200, guide=200),
    ),
    Row("GET", "/calendar/<token>.ics", "/calendar/not-a-token.ics", expect(404, guide=404)),
]
