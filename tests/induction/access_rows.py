from tests.access import LOGIN, STAFF_ONLY, Row, expect

EVERYONE = expect(200)
STAFF_REDIRECT = expect(403, anonymous=LOGIN, admin=302, coordinator=302)
STAFF_MISSING = expect(403, anonymous=LOGIN, admin=404, coordinator=404)


START = "/induction/<token>"
TAKE = "/induction/<token>/sites/<int:site_id>"
EDIT = "/sites/<int:site_id>/induction"
QUESTIONS = "/sites/<int:site_id>/induction/questions"
REMOVE = "/sites/<int:site_id>/induction/questions/<int:question_id>/remove"
CHANGE = "/sites/<int:site_id>/induction/questions/<int:question_id>"
MOVE = "/sites/<int:site_id>/induction/questions/<int:question_id>/move"
VISIT = "/visits/<int:visit_id>/induction"
LINKS = "/visits/<int:visit_id>/induction/links"
SEND = "/visits/<int:visit_id>/induction/send"
REISSUE = "/visits/<int:visit_id>/induction/participants/<int:participant_id>/link"

ROWS = [
    # The participant's link: no account needed, and signing in changes nothing.
    Row("GET", START, "/induction/{w.induction_token}", EVERYONE),
    Row("GET", START, "/induction/not-a-valid-token", expect(404)),
    Row("GET", TAKE, "/induction/{w.induction_token}/sites/{w.induction_site.id}", EVERYONE),
    Row("GET", TAKE, "/induction/{w.induction_token}/sites/999999", expect(404)),
    Row("GET", TAKE, "/induction/not-a-valid-token/sites/{w.induction_site.id}", expect(404)),
    Row("POST", TAKE, "/induction/{w.induction_token}/sites/{w.induction_site.id}", EVERYONE),
    Row("POST", TAKE, "/induction/not-a-valid-token/sites/{w.induction_site.id}", expect(404)),
    # The coordinators' editor and visit page.
    # The material's PDF: the person's link opens it, as does a coordinator's account.
    Row(
        "GET",
        "/induction/<token>/sites/<int:site_id>/material.pdf",
        "/induction/{w.induction_token}/sites/{w.induction_site.id}/material.pdf",
        EVERYONE,
    ),
    Row(
        "GET",
        "/induction/<token>/sites/<int:site_id>/material.pdf",
        "/induction/not-a-valid-token/sites/{w.induction_site.id}/material.pdf",
        expect(404),
    ),
    Row(
        "GET",
        "/sites/<int:site_id>/induction/material.pdf",
        "/sites/{w.induction_site.id}/induction/material.pdf",
        STAFF_ONLY,
    ),
    Row("GET", "/sites/<int:site_id>/induction/material.pdf", "/sites/999999/induction/material.pdf", STAFF_MISSING),
    Row("GET", EDIT, "/sites/{w.induction_site.id}/induction", STAFF_ONLY),
    Row("GET", EDIT, "/sites/999999/induction", STAFF_MISSING),
    Row("POST", EDIT, "/sites/{w.induction_site.id}/induction", STAFF_REDIRECT, data={"body_en": "Helmets on."}),
    Row("POST", EDIT, "/sites/999999/induction", STAFF_MISSING, data={"body_en": "Helmets on."}),
    Row(
        "POST",
        QUESTIONS,
        "/sites/{w.induction_site.id}/induction/questions",
        STAFF_REDIRECT,
        data={"prompt_en": "Helmet?", "options_en": "Yes\nNo", "correct": 0},
    ),
    Row("POST", QUESTIONS, "/sites/999999/induction/questions", STAFF_MISSING),
    Row(
        "POST",
        REMOVE,
        "/sites/{w.induction_site.id}/induction/questions/{w.induction_question.id}/remove",
        STAFF_REDIRECT,
    ),
    Row("POST", REMOVE, "/sites/{w.induction_site.id}/induction/questions/999999/remove", STAFF_MISSING),
    Row("GET", CHANGE, "/sites/{w.induction_site.id}/induction/questions/{w.induction_question.id}", STAFF_ONLY),
    Row("GET", CHANGE, "/sites/{w.induction_site.id}/induction/questions/999999", STAFF_MISSING),
    Row(
        "POST",
        CHANGE,
        "/sites/{w.induction_site.id}/induction/questions/{w.induction_question.id}",
        STAFF_REDIRECT,
        data={"prompt_en": "Helmet on?", "options_en": "Yes\nNo", "correct": 0},
    ),
    Row("POST", CHANGE, "/sites/999999/induction/questions/{w.induction_question.id}", STAFF_MISSING),
    Row(
        "POST",
        MOVE,
        "/sites/{w.induction_site.id}/induction/questions/{w.induction_question.id}/move",
        STAFF_REDIRECT,
        data={"direction": "up"},
    ),
    Row("POST", MOVE, "/sites/{w.induction_site.id}/induction/questions/999999/move", STAFF_MISSING),
    Row("GET", VISIT, "/visits/{w.induction_visit.id}/induction", STAFF_ONLY),
    Row("GET", VISIT, "/visits/999999/induction", STAFF_MISSING),
    Row("POST", LINKS, "/visits/{w.induction_visit.id}/induction/links", STAFF_REDIRECT),
    Row("POST", LINKS, "/visits/999999/induction/links", STAFF_MISSING),
    Row("POST", SEND, "/visits/{w.induction_visit.id}/induction/send", STAFF_REDIRECT),
    Row("POST", SEND, "/visits/999999/induction/send", STAFF_MISSING),
    Row(
        "POST",
        REISSUE,
        "/visits/{w.induction_visit.id}/induction/participants/{w.induction_participant.id}/link",
        STAFF_ONLY,
    ),
    Row("POST", REISSUE, "/visits/{w.induction_visit.id}/induction/participants/999999/link", STAFF_MISSING),
]
