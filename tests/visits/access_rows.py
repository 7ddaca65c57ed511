from tests.access import LOGIN, SIGNED_IN, Row, expect

V = "/visits/<int:visit_id>"
P = V + "/participants"
I = P + "/import"  # noqa: E741  (V, P, I: the route prefixes of the rows below)

# Seen by staff, management and org A's liaison; org B's liaison gets 404.
A_VISIBLE = expect(200, anonymous=LOGIN, liaison_b=404)
# Kept by staff and org A's liaison; management reads only.
A_KEPT = expect(200, anonymous=LOGIN, liaison_b=404, management=403)
A_KEPT_POST = expect(302, liaison_b=404, management=403)
STAFF_ON_A = expect(403, anonymous=LOGIN, admin=200, coordinator=200, liaison_b=404)
STAFF_ON_A_POST = expect(403, anonymous=LOGIN, admin=302, coordinator=302, liaison_b=404)
NOT_FOUND = expect(404, anonymous=LOGIN)
NEW_VISIT = {
    "title": "Geology excursion",
    "starts_on": "2031-06-24",
    "ends_on": "2031-06-25",
    "organisation_ids": "{w.org_a.id}",
}
PERSON = {"full_name": "Nodira Yusupova", "role": "student", "organisation_id": "{w.org_a.id}"}

ROWS = [
    Row("GET", "/visits", "/visits", SIGNED_IN),
    Row("GET", "/visits", "/visits?status=requested&organisation={w.org_b.id}&from=2020-01-01&to=bad", SIGNED_IN),
    Row("GET", "/visits/new", "/visits/new", expect(200, anonymous=LOGIN, management=403)),
    Row("POST", "/visits/new", "/visits/new", expect(302, management=403), NEW_VISIT),
    Row("GET", V, "/visits/{w.visit_a.id}", A_VISIBLE),
    Row("GET", V, "/visits/{w.visit_b.id}", expect(200, anonymous=LOGIN, liaison_a=404)),
    Row("GET", V, "/visits/{w.visit_shared.id}", SIGNED_IN),
    Row("GET", V, "/visits/999999", NOT_FOUND),
    Row("GET", V + "/edit", "/visits/{w.visit_a.id}/edit", A_KEPT),
    Row(
        "GET", V + "/edit", "/visits/{w.visit_shared.id}/edit", expect(403, anonymous=LOGIN, admin=200, coordinator=200)
    ),
    Row(
        "POST",
        V + "/edit",
        "/visits/{w.visit_a.id}/edit",
        A_KEPT_POST,
        {"title": "Renamed", "starts_on": "2031-06-24", "ends_on": "2031-06-25"},
    ),
    Row("POST", V + "/transition", "/visits/{w.visit_a.id}/transition", A_KEPT_POST, {"to_status": "cancelled"}),
    Row(
        "POST",
        V + "/transition",
        "/visits/{w.visit_a.id}/transition",
        expect(302, liaison_a=403, liaison_b=404, management=403),
        {"to_status": "approved"},
    ),
    Row("POST", V + "/transition", "/visits/999999/transition", NOT_FOUND, {"to_status": "approved"}),
    Row("GET", V + "/combine", "/visits/{w.visit_a.id}/combine", STAFF_ON_A),
    Row(
        "POST",
        V + "/combine/organisation",
        "/visits/{w.visit_a.id}/combine/organisation",
        STAFF_ON_A_POST,
        {"add-organisation_id": "{w.ministry.id}"},
    ),
    Row(
        "POST",
        V + "/combine/merge",
        "/visits/{w.visit_a.id}/combine/merge",
        STAFF_ON_A_POST,
        {"merge-other_id": "{w.visit_b.id}"},
    ),
    Row(
        "POST",
        V + "/organisations/<int:organisation_id>/remove",
        "/visits/{w.visit_shared.id}/organisations/{w.org_b.id}/remove",
        expect(403, anonymous=LOGIN, admin=302, coordinator=302),
    ),
    Row(
        "POST",
        V + "/organisations/<int:organisation_id>/remove",
        "/visits/{w.visit_a.id}/organisations/{w.org_b.id}/remove",
        expect(403, anonymous=LOGIN, admin=404, coordinator=404, liaison_b=404),
    ),
    # participants
    Row("GET", P, "/visits/{w.visit_a.id}/participants", A_VISIBLE),
    Row("GET", P, "/visits/{w.visit_shared.id}/participants", SIGNED_IN),
    Row("GET", P + "/new", "/visits/{w.visit_a.id}/participants/new", A_KEPT),
    # Readiness in bulk (equipment, clearance): the host's staff only.
    Row(
        "POST",
        P + "/ready",
        "/visits/{w.visit_a.id}/participants/ready",
        STAFF_ON_A_POST,
        {"participant_ids": "{w.participant_a.id}", "action": "ppe_issued"},
    ),
    Row("POST", P + "/new", "/visits/{w.visit_a.id}/participants/new", A_KEPT_POST, PERSON),
    Row(
        "GET", P + "/<int:participant_id>/edit", "/visits/{w.visit_a.id}/participants/{w.participant_a.id}/edit", A_KEPT
    ),
    Row(
        "GET",
        P + "/<int:participant_id>/edit",
        "/visits/{w.visit_shared.id}/participants/{w.participant_shared_a.id}/edit",
        expect(200, anonymous=LOGIN, liaison_b=404, management=403),
    ),
    Row(
        "GET",
        P + "/<int:participant_id>/edit",
        "/visits/{w.visit_a.id}/participants/{w.participant_b.id}/edit",
        expect(404, anonymous=LOGIN),
    ),
    Row(
        "POST",
        P + "/<int:participant_id>/edit",
        "/visits/{w.visit_a.id}/participants/{w.participant_a.id}/edit",
        A_KEPT_POST,
        {"full_name": "Aziza Karimova", "role": "lead"},
    ),
    Row(
        "POST",
        P + "/<int:participant_id>/delete",
        "/visits/{w.visit_a.id}/participants/{w.participant_a.id}/delete",
        A_KEPT_POST,
    ),
    Row(
        "POST",
        P + "/<int:participant_id>/delete",
        "/visits/{w.visit_shared.id}/participants/{w.participant_shared_b.id}/delete",
        expect(302, liaison_a=404, management=403),
    ),
    # a person's own data: the download (whoever sees their sensitive fields), erasure (staff)
    Row(
        "GET",
        P + "/<int:participant_id>/personal-data.json",
        "/visits/{w.visit_a.id}/participants/{w.participant_a.id}/personal-data.json",
        expect(200, anonymous=LOGIN, liaison_b=404, management=403),
    ),
    Row(
        "GET",
        P + "/<int:participant_id>/personal-data.json",
        "/visits/{w.visit_shared.id}/participants/{w.participant_shared_b.id}/personal-data.json",
        expect(200, anonymous=LOGIN, liaison_a=404, management=403),
    ),
    Row(
        "GET",
        P + "/<int:participant_id>/erase",
        "/visits/{w.visit_a.id}/participants/{w.participant_a.id}/erase",
        STAFF_ON_A,
    ),
    Row(
        "POST",
        P + "/<int:participant_id>/erase",
        "/visits/{w.visit_a.id}/participants/{w.participant_a.id}/erase",
        STAFF_ON_A_POST,
        {"confirm": "y"},
    ),
    # import
    Row(
        "GET",
        I + "/template.<any(csv, xlsx):fmt>",
        "/visits/{w.visit_a.id}/participants/import/template.csv",
        A_VISIBLE,
    ),
    Row(
        "GET",
        I + "/template.<any(csv, xlsx):fmt>",
        "/visits/{w.visit_a.id}/participants/import/template.xlsx",
        A_VISIBLE,
    ),
    Row("GET", I, "/visits/{w.visit_a.id}/participants/import", A_KEPT),
    Row("POST", I, "/visits/{w.visit_a.id}/participants/import", A_KEPT),  # no file: the form again, with its message
    Row(
        "GET",
        I + "/<int:import_id>",
        "/visits/{w.visit_a.id}/participants/import/{w.pending_import.id}",
        expect(404, anonymous=LOGIN, liaison_a=200, management=403),
    ),
    Row(
        "POST",
        I + "/<int:import_id>",
        "/visits/{w.visit_a.id}/participants/import/{w.pending_import.id}",
        expect(404, anonymous=LOGIN, liaison_a=302, management=403),
    ),
    Row(
        "POST",
        I + "/<int:import_id>/options",
        "/visits/{w.visit_a.id}/participants/import/{w.pending_import.id}/options",
        expect(404, anonymous=LOGIN, liaison_a=302, management=403),
    ),
    Row(
        "POST",
        I + "/<int:import_id>/discard",
        "/visits/{w.visit_a.id}/participants/import/{w.pending_import.id}/discard",
        expect(404, anonymous=LOGIN, liaison_a=302, management=403),
    ),
    Row(
        "GET",
        "/static/participants/<path:filename>",
        "/static/participants/import.js",
        expect(200, anonymous=LOGIN, guide=200),
    ),
]
