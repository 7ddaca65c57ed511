from tests.access import LOGIN, SIGNED_IN, STAFF_ONLY, Row, expect

READERS = expect(403, anonymous=LOGIN, admin=200, coordinator=200, management=200)
# Documents of a visit of B alone: A's liaison may not know it exists.
B_ONLY = expect(200, anonymous=LOGIN, liaison_a=404)
NO_MANAGEMENT = expect(200, anonymous=LOGIN, management=403)
STAFF_REDIRECT = expect(403, anonymous=LOGIN, admin=302, coordinator=302)
MISSING = expect(404, anonymous=LOGIN, liaison_a=404, liaison_b=404)

ROWS = [
    Row("GET", "/reports", "/reports", READERS),
    Row("GET", "/reports/summary.pdf", "/reports/summary.pdf?from=2025-01-01&to=2025-12-31&lang=ru", READERS),
    Row(
        "GET",
        "/reports/summary.pdf",
        "/reports/summary.pdf?from=2025-12-31&to=2025-01-01",
        expect(403, anonymous=LOGIN, admin=400, coordinator=400, management=400),
    ),
    # The button of a large summary's page (prepare it in the background); a small one is sent
    # back to the download.
    Row(
        "POST",
        "/reports/summary.pdf",
        "/reports/summary.pdf?from=2025-01-01&to=2025-12-31&lang=ru",
        expect(403, anonymous=LOGIN, admin=303, coordinator=303, management=303),
    ),
]

for _name in ("report", "programme", "participants", "badges"):
    _rule = f"/visits/<int:visit_id>/{_name}.pdf"
    ROWS += [
        Row("GET", _rule, f"/visits/{{w.report_visit.id}}/{_name}.pdf?lang=uz", SIGNED_IN),
        Row("GET", _rule, f"/visits/{{w.report_visit_b.id}}/{_name}.pdf", B_ONLY),
        Row("GET", _rule, f"/visits/999999/{_name}.pdf", MISSING),
    ]
for _name in ("participants", "badges"):  # large ones are prepared in the background (POST)
    _rule = f"/visits/<int:visit_id>/{_name}.pdf"
    ROWS += [
        Row("POST", _rule, f"/visits/{{w.report_visit.id}}/{_name}.pdf?lang=uz", expect(303, anonymous=LOGIN)),
        Row("POST", _rule, f"/visits/{{w.report_visit_b.id}}/{_name}.pdf", expect(303, anonymous=LOGIN, liaison_a=404)),
        Row("POST", _rule, f"/visits/999999/{_name}.pdf", MISSING),
    ]

ROWS += [
    Row("GET", "/visits/<int:visit_id>/invitations.pdf", "/visits/{w.report_visit.id}/invitations.pdf", NO_MANAGEMENT),
    Row(
        "GET",
        "/visits/<int:visit_id>/invitations.pdf",
        "/visits/{w.report_visit_b.id}/invitations.pdf",
        expect(200, anonymous=LOGIN, management=403, liaison_a=404),
    ),
    Row(
        "GET",
        "/visits/<int:visit_id>/invitations.pdf",
        "/visits/999999/invitations.pdf",
        expect(404, anonymous=LOGIN, management=403),
    ),
    Row(
        "POST",
        "/visits/<int:visit_id>/invitations.pdf",
        "/visits/{w.report_visit.id}/invitations.pdf",
        expect(303, anonymous=LOGIN, management=403),
    ),
    Row(
        "POST",
        "/visits/<int:visit_id>/invitations.pdf",
        "/visits/999999/invitations.pdf",
        expect(404, anonymous=LOGIN, management=403),
    ),
    Row(
        "GET",
        "/visits/<int:visit_id>/invitations/<int:participant_id>.pdf",
        "/visits/{w.report_visit.id}/invitations/{w.report_person_a.id}.pdf",
        expect(200, anonymous=LOGIN, management=403, liaison_b=404),
    ),
    Row(
        "GET",
        "/visits/<int:visit_id>/invitations/<int:participant_id>.pdf",
        "/visits/{w.report_visit.id}/invitations/{w.report_person_b.id}.pdf",
        expect(200, anonymous=LOGIN, management=403, liaison_a=404),
    ),
    Row(
        "GET",
        "/visits/<int:visit_id>/invitations/<int:participant_id>.pdf",
        "/visits/{w.report_visit.id}/invitations/999999.pdf",
        expect(404, anonymous=LOGIN, management=403),
    ),
    Row("GET", "/visits/<int:visit_id>/photos", "/visits/{w.report_visit.id}/photos", STAFF_ONLY),
    Row(
        "GET",
        "/visits/<int:visit_id>/photos",
        "/visits/999999/photos",
        expect(403, anonymous=LOGIN, admin=404, coordinator=404),
    ),
    Row(
        "POST", "/visits/<int:visit_id>/photos", "/visits/{w.report_visit.id}/photos", STAFF_ONLY, data={"caption": "x"}
    ),
    Row(
        "GET",
        "/visits/<int:visit_id>/photos/<int:photo_id>",
        "/visits/{w.report_visit.id}/photos/{w.report_photo.id}",
        STAFF_ONLY,
    ),
    Row(
        "GET",
        "/visits/<int:visit_id>/photos/<int:photo_id>",
        "/visits/{w.report_visit_b.id}/photos/{w.report_photo.id}",
        expect(403, anonymous=LOGIN, admin=404, coordinator=404),
    ),
    Row(
        "POST",
        "/visits/<int:visit_id>/photos/<int:photo_id>/delete",
        "/visits/{w.report_visit.id}/photos/{w.report_photo.id}/delete",
        STAFF_REDIRECT,
    ),
    Row(
        "POST",
        "/visits/<int:visit_id>/photos/<int:photo_id>/delete",
        "/visits/{w.report_visit.id}/photos/999999/delete",
        expect(403, anonymous=LOGIN, admin=404, coordinator=404),
    ),
]

ROWS += [
    Row(
        "GET",
        "/visits/<int:visit_id>/checkin/<int:participant_id>",
        "/visits/{w.report_visit.id}/checkin/{w.report_person_a.id}",
        STAFF_REDIRECT,
    ),
    Row(
        "GET",
        "/visits/<int:visit_id>/checkin/<int:participant_id>",
        "/visits/{w.report_visit_b.id}/checkin/{w.report_person_a.id}",
        expect(403, anonymous=LOGIN, admin=404, coordinator=404),
    ),
]
