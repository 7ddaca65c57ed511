from tests.access import LOGIN, SIGNED_IN, STAFF_ONLY, Row, expect

# Staff are sent on to the page they asked for; others are refused before anything is read.
STAFF_REDIRECTED = expect(403, anonymous=LOGIN, admin=302, coordinator=302)
SEEN_BY_A = expect(200, anonymous=LOGIN, liaison_b=404)
SEEN_BY_B = expect(200, anonymous=LOGIN, liaison_a=404)
NOBODY = expect(404, anonymous=LOGIN)
STAFF_MISSING = expect(403, anonymous=LOGIN, admin=404, coordinator=404)

DETAIL = "/agreements/<int:agreement_id>"
EDIT = "/agreements/<int:agreement_id>/edit"
AMEND = "/agreements/<int:agreement_id>/amendments"
RENEW = "/agreements/<int:agreement_id>/renewals"
TERMINATE = "/agreements/<int:agreement_id>/terminate"
UPLOAD = "/agreements/<int:agreement_id>/attachments"
DOWNLOAD = "/agreements/<int:agreement_id>/attachments/<int:attachment_id>"
DELETE = "/agreements/<int:agreement_id>/attachments/<int:attachment_id>/delete"

NEW_AGREEMENT = {
    "reference": "AG-NEW",
    "title": "Joint research programme",
    "kind": "cooperation",
    "parent_id": "0",
    "parties-0-organisation_id": "{w.org_a.id}",
    "parties-0-signatory_name": "Rector",
}

ROWS = [
    Row("GET", "/agreements", "/agreements", SIGNED_IN),
    # Suggestions for lookup fields: each reader's own visible agreements (a liaison's are few).
    Row("GET", "/agreements/suggest", "/agreements/suggest?q=AG", SIGNED_IN),
    Row("GET", "/agreements/suggest", "/agreements/suggest?q=", SIGNED_IN),
    Row(
        "GET",
        "/agreements",
        "/agreements?status=expiring&kind=mou&party={w.org_a.id}&country=UZ&expiring_within=30",
        SIGNED_IN,
    ),
    Row("GET", DETAIL, "/agreements/{w.agreement_a.id}", SEEN_BY_A),
    Row("GET", DETAIL, "/agreements/{w.agreement_b.id}", SEEN_BY_B),
    Row("GET", DETAIL, "/agreements/999999", NOBODY),
    Row("GET", "/agreements/new", "/agreements/new", STAFF_ONLY),
    Row("POST", "/agreements/new", "/agreements/new", STAFF_ONLY),  # empty: the form again, with messages
    Row("POST", "/agreements/new", "/agreements/new", STAFF_REDIRECTED, data=NEW_AGREEMENT),
    Row("GET", EDIT, "/agreements/{w.agreement_a.id}/edit", STAFF_ONLY),
    Row("GET", EDIT, "/agreements/999999/edit", STAFF_MISSING),
    Row("POST", EDIT, "/agreements/{w.agreement_a.id}/edit", STAFF_ONLY),
    Row(
        "POST",
        EDIT,
        "/agreements/{w.agreement_b.id}/edit",
        STAFF_REDIRECTED,
        data={**NEW_AGREEMENT, "reference": "AG-B2"},
    ),
    Row("POST", AMEND, "/agreements/{w.agreement_a.id}/amendments", STAFF_ONLY),
    Row(
        "POST",
        AMEND,
        "/agreements/{w.agreement_a.id}/amendments",
        STAFF_REDIRECTED,
        data={"amendment-occurred_on": "{w.agreement_a.signed_on}", "amendment-description": "Annex 2 added"},
    ),
    Row("POST", AMEND, "/agreements/999999/amendments", STAFF_MISSING),
    Row("POST", RENEW, "/agreements/{w.agreement_a.id}/renewals", STAFF_ONLY),
    Row(
        "POST",
        RENEW,
        "/agreements/{w.agreement_a.id}/renewals",
        STAFF_REDIRECTED,
        data={"renewal-occurred_on": "{w.agreement_a.signed_on}", "renewal-new_expires_on": "{w.renewal_expiry_a}"},
    ),
    Row("POST", TERMINATE, "/agreements/{w.agreement_a.id}/terminate", STAFF_ONLY),
    Row(
        "POST",
        TERMINATE,
        "/agreements/{w.agreement_a.id}/terminate",
        STAFF_REDIRECTED,
        data={"termination-occurred_on": "{w.agreement_a.signed_on}", "termination-description": "Superseded"},
    ),
    Row("POST", UPLOAD, "/agreements/{w.agreement_a.id}/attachments", STAFF_ONLY),  # no file: message beside the field
    Row("POST", UPLOAD, "/agreements/999999/attachments", STAFF_MISSING),
    Row("GET", DOWNLOAD, "/agreements/{w.agreement_a.id}/attachments/{w.attachment_a.id}", SEEN_BY_A),
    Row("GET", DOWNLOAD, "/agreements/{w.agreement_b.id}/attachments/{w.attachment_b.id}", SEEN_BY_B),
    # A's scan asked for under B's address, and scans that do not exist: nobody gets them.
    Row("GET", DOWNLOAD, "/agreements/{w.agreement_b.id}/attachments/{w.attachment_a.id}", NOBODY),
    Row("GET", DOWNLOAD, "/agreements/{w.agreement_a.id}/attachments/999999", NOBODY),
    Row("POST", DELETE, "/agreements/{w.agreement_a.id}/attachments/{w.attachment_a.id}/delete", STAFF_REDIRECTED),
    Row("POST", DELETE, "/agreements/{w.agreement_b.id}/attachments/{w.attachment_a.id}/delete", STAFF_MISSING),
]
