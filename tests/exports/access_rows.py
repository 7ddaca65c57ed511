from tests.access import LOGIN, SIGNED_IN, Row, expect

FMT = "<any(csv, xlsx):fmt>"
FORMATS = ("csv", "xlsx")
PARTICIPANTS = f"/exports/visits/<int:visit_id>/participants.{FMT}"

ROWS = [
    *(Row("GET", f"/exports/organisations.{FMT}", f"/exports/organisations.{fmt}", SIGNED_IN) for fmt in FORMATS),
    *(
        Row("GET", f"/exports/agreements.{FMT}", f"/exports/agreements.{fmt}?status=active", SIGNED_IN)
        for fmt in FORMATS
    ),
    *(Row("GET", f"/exports/visits.{FMT}", f"/exports/visits.{fmt}", SIGNED_IN) for fmt in FORMATS),
    # A large export's button (prepare it in the background); a small one is sent back to the download.
    *(
        Row("POST", f"/exports/visits.{FMT}", f"/exports/visits.{fmt}?status=planned", expect(303, anonymous=LOGIN))
        for fmt in FORMATS
    ),
    *(
        Row(
            "GET",
            PARTICIPANTS,
            f"/exports/visits/{{w.exports_visit_a.id}}/participants.{fmt}",
            expect(200, anonymous=LOGIN, liaison_b=404),
        )
        for fmt in FORMATS
    ),
    Row("GET", PARTICIPANTS, "/exports/visits/999999/participants.csv", expect(404, anonymous=LOGIN)),
]
