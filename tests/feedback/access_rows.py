from tests.access import LOGIN, STAFF_ONLY, Row, expect

EVERYONE = expect(200)
STAFF_REDIRECT = expect(403, anonymous=LOGIN, admin=302, coordinator=302)
STAFF_MISSING = expect(403, anonymous=LOGIN, admin=404, coordinator=404)
ANSWER = {"words": "Very pleased with the experience."}

VISIT = "/visits/<int:visit_id>/feedback"
LINKS = "/visits/<int:visit_id>/feedback/links"
REISSUE = "/visits/<int:visit_id>/feedback/invitations/<int:invitation_id>/link"
APPROVE = "/visits/<int:visit_id>/feedback/responses/<int:response_id>/approve"
UNAPPROVE = "/visits/<int:visit_id>/feedback/responses/<int:response_id>/unapprove"
TRANSLATE = "/visits/<int:visit_id>/feedback/responses/<int:response_id>/translations"

ROWS = [
    # The participant's link: no account needed, and signing in changes nothing.
    Row("GET", "/feedback/<token>", "/feedback/{w.feedback_token}", EVERYONE),
    Row("POST", "/feedback/<token>", "/feedback/{w.feedback_token}", expect(302), data=ANSWER),
    Row("GET", "/feedback/<token>", "/feedback/not-a-valid-token", expect(404)),
    Row("POST", "/feedback/<token>", "/feedback/not-a-valid-token", expect(404), data=ANSWER),
    Row("GET", "/feedback/thanks", "/feedback/thanks", EVERYONE),
    # The coordinator's pages.
    Row("GET", VISIT, "/visits/{w.feedback_visit.id}/feedback", STAFF_ONLY),
    Row("GET", VISIT, "/visits/999999/feedback", STAFF_MISSING),
    Row("POST", LINKS, "/visits/{w.feedback_visit.id}/feedback/links", STAFF_REDIRECT),
    Row("POST", LINKS, "/visits/999999/feedback/links", STAFF_MISSING),
    Row(
        "POST",
        REISSUE,
        "/visits/{w.feedback_visit.id}/feedback/invitations/{w.feedback_invitation.id}/link",
        STAFF_ONLY,
    ),
    Row("POST", REISSUE, "/visits/{w.feedback_visit.id}/feedback/invitations/999999/link", STAFF_MISSING),
    Row(
        "POST",
        APPROVE,
        "/visits/{w.feedback_visit.id}/feedback/responses/{w.feedback_response.id}/approve",
        STAFF_REDIRECT,
    ),
    Row("POST", APPROVE, "/visits/{w.feedback_visit.id}/feedback/responses/999999/approve", STAFF_MISSING),
    Row(
        "POST",
        UNAPPROVE,
        "/visits/{w.feedback_visit.id}/feedback/responses/{w.feedback_response.id}/unapprove",
        STAFF_REDIRECT,
    ),
    Row("POST", UNAPPROVE, "/visits/999999/feedback/responses/{w.feedback_response.id}/unapprove", STAFF_MISSING),
    Row(
        "POST",
        TRANSLATE,
        "/visits/{w.feedback_visit.id}/feedback/responses/{w.feedback_response.id}/translations",
        STAFF_REDIRECT,
        data={"quote_ru": "Очень доволен этим опытом."},
    ),
    Row("POST", TRANSLATE, "/visits/{w.feedback_visit.id}/feedback/responses/999999/translations", STAFF_MISSING),
]
