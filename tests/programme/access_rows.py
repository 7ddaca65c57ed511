from tests.access import LOGIN, SIGNED_IN, STAFF_ONLY, Row, expect

VISIT = "/visits/{w.planned_visit.id}/programme"
ITEM = VISIT + "/items/{w.item.id}"

READ_VISIT_OF_A = expect(200, anonymous=LOGIN, liaison_b=404)
NOT_FOUND = expect(404, anonymous=LOGIN)
STAFF_REDIRECT = expect(403, anonymous=LOGIN, admin=302, coordinator=302)
STAFF_NOT_FOUND = expect(403, anonymous=LOGIN, admin=404, coordinator=404)

ITEM_DATA = {
    "site_id": "{w.programme_site.id}",
    "day": "{w.planned_day}",
    "starts_at": "14:00",
    "ends_at": "15:00",
    "activity": "Questions about the divisions",
    "guide_id": "{w.programme_guide.id}",
    "attendee_ids": "{w.planned_participant.id}",
}

ROWS = [
    Row("GET", "/visits/<int:visit_id>/programme", VISIT, READ_VISIT_OF_A),
    Row("GET", "/visits/<int:visit_id>/programme", "/visits/999999/programme", NOT_FOUND),
    Row("GET", "/visits/<int:visit_id>/programme.ics", VISIT + ".ics", READ_VISIT_OF_A),
    Row("GET", "/visits/<int:visit_id>/programme.ics", "/visits/999999/programme.ics", NOT_FOUND),
    Row("GET", "/visits/<int:visit_id>/programme/new", VISIT + "/new", STAFF_ONLY),
    Row("GET", "/visits/<int:visit_id>/programme/new", "/visits/999999/programme/new", STAFF_NOT_FOUND),
    # A draft visit is not planned yet: staff are sent back to its programme with a message.
    Row("GET", "/visits/<int:visit_id>/programme/new", "/visits/{w.draft_visit.id}/programme/new", STAFF_REDIRECT),
    Row("POST", "/visits/<int:visit_id>/programme/new", VISIT + "/new", STAFF_REDIRECT, ITEM_DATA),
    Row("GET", "/visits/<int:visit_id>/programme/items/<int:item_id>/edit", ITEM + "/edit", STAFF_ONLY),
    Row(
        "GET",
        "/visits/<int:visit_id>/programme/items/<int:item_id>/edit",
        VISIT + "/items/999999/edit",
        STAFF_NOT_FOUND,
    ),
    Row(
        "GET",
        "/visits/<int:visit_id>/programme/items/<int:item_id>/edit",
        "/visits/{w.draft_visit.id}/programme/items/{w.item.id}/edit",
        STAFF_NOT_FOUND,
    ),
    Row(
        "POST",
        "/visits/<int:visit_id>/programme/items/<int:item_id>/edit",
        ITEM + "/edit",
        STAFF_REDIRECT,
        {**ITEM_DATA, "starts_at": "10:00", "ends_at": "11:30"},
    ),
    Row("POST", "/visits/<int:visit_id>/programme/items/<int:item_id>/delete", ITEM + "/delete", STAFF_REDIRECT),
    Row(
        "POST",
        "/visits/<int:visit_id>/programme/items/<int:item_id>/delete",
        VISIT + "/items/999999/delete",
        STAFF_NOT_FOUND,
    ),
    Row("GET", "/visits/<int:visit_id>/programme/items/<int:item_id>/attendance", ITEM + "/attendance", STAFF_ONLY),
    Row(
        "POST",
        "/visits/<int:visit_id>/programme/items/<int:item_id>/attendance",
        ITEM + "/attendance",
        STAFF_REDIRECT,
        {"present": "{w.planned_participant.id}"},
    ),
    Row("GET", "/calendar", "/calendar", SIGNED_IN),
    Row("GET", "/calendar", "/calendar?view=week&date={w.planned_day}", SIGNED_IN),
    Row("GET", "/sites/<int:site_id>/calendar", "/sites/{w.programme_site.id}/calendar", SIGNED_IN),
    Row(
        "GET",
        "/sites/<int:site_id>/calendar",
        "/sites/{w.programme_site.id}/calendar?view=week&date={w.planned_day}",
        SIGNED_IN,
    ),
    Row("GET", "/sites/<int:site_id>/calendar", "/sites/999999/calendar", NOT_FOUND),
    Row("GET", "/sites/<int:site_id>/calendar.ics", "/sites/{w.programme_site.id}/calendar.ics", SIGNED_IN),
    Row("GET", "/sites/<int:site_id>/calendar.ics", "/sites/999999/calendar.ics", NOT_FOUND),
]
