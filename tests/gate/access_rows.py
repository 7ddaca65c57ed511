"""The gate: staff and the guide account of the site; a guide finds no pass, site or roll call
of another site (404); management and liaisons are refused (403)."""

from tests.access import LOGIN, Row, expect

GATE = expect(403, anonymous=LOGIN, admin=200, coordinator=200, guide=200)
GATE_ACTION = expect(403, anonymous=LOGIN, admin=302, coordinator=302, guide=302)
NOT_THE_GUIDES = expect(403, anonymous=LOGIN, admin=200, coordinator=200, guide=404)
NOWHERE = expect(403, anonymous=LOGIN, admin=404, coordinator=404, guide=404)

ROWS = [
    Row("GET", "/gate", "/gate", GATE),
    Row("GET", "/gate/scan", "/gate/scan", GATE),
    Row("GET", "/static/gate/<path:filename>", "/static/gate/scan.js", expect(200, anonymous=LOGIN, guide=200)),
    Row("GET", "/pass/<token>", "/pass/{w.gate_cleared.pass_token}", GATE),
    Row("GET", "/pass/<token>", "/pass/{w.gate_museum_person.pass_token}", NOT_THE_GUIDES),
    Row("GET", "/pass/<token>", "/pass/not-a-token", NOWHERE),
    Row(
        "POST",
        "/pass/<token>/check-in",
        "/pass/{w.gate_cleared.pass_token}/check-in",
        GATE_ACTION,
        data={"item_id": "{w.gate_item.id}"},
    ),
    Row(
        "POST",
        "/pass/<token>/check-out",
        "/pass/{w.gate_cleared.pass_token}/check-out",
        GATE_ACTION,
        data={"item_id": "{w.gate_item.id}"},
    ),
    Row("GET", "/gate/sites/<int:site_id>/roll-call", "/gate/sites/{w.gate_site.id}/roll-call", GATE),
    Row("GET", "/gate/sites/<int:site_id>/roll-call", "/gate/sites/{w.gate_museum.id}/roll-call", NOT_THE_GUIDES),
    Row("GET", "/gate/sites/<int:site_id>/roll-call.pdf", "/gate/sites/{w.gate_site.id}/roll-call.pdf?lang=uz", GATE),
    Row(
        "GET", "/gate/sites/<int:site_id>/roll-call.pdf", "/gate/sites/{w.gate_museum.id}/roll-call.pdf", NOT_THE_GUIDES
    ),
]

# The photo on a pass: the pass's readers see it; whoever may change the person sets it.
PHOTO_OF_A = "/visits/{w.gate_visit.id}/participants/{w.gate_cleared.id}/photo"
PHOTO_EDITORS = expect(200, anonymous=LOGIN, liaison_b=404, management=403)
ROWS += [
    Row("GET", "/pass/<token>/photo.jpg", "/pass/{w.gate_photo_person.pass_token}/photo.jpg", GATE),
    Row("GET", "/pass/<token>/photo.jpg", "/pass/{w.gate_cleared.pass_token}/photo.jpg", NOWHERE),
    Row("GET", "/visits/<int:visit_id>/participants/<int:participant_id>/photo", PHOTO_OF_A, PHOTO_EDITORS),
    Row(
        "POST",
        "/visits/<int:visit_id>/participants/<int:participant_id>/photo",
        PHOTO_OF_A,
        PHOTO_EDITORS,
        data={"photo": ""},
    ),
    Row(
        "GET",
        "/visits/<int:visit_id>/participants/<int:participant_id>/photo.jpg",
        "/visits/{w.gate_visit.id}/participants/{w.gate_photo_person.id}/photo.jpg",
        PHOTO_EDITORS,
    ),
    Row(
        "POST",
        "/visits/<int:visit_id>/participants/<int:participant_id>/photo/delete",
        PHOTO_OF_A + "/delete",
        expect(302, anonymous=LOGIN, liaison_b=404, management=403),
    ),
]
