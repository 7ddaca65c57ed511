from tests.access import SIGNED_IN, Row

FMT = "<any(csv, xlsx):fmt>"

ROWS = [
    *(Row("GET", f"/exports/organisations.{FMT}", f"/exports/organisations.{fmt}", SIGNED_IN) for fmt in ("csv", "xlsx")),
    *(Row("GET", f"/exports/agreements.{FMT}", f"/exports/agreements.{fmt}?status=active", SIGNED_IN) for fmt in ("csv", "xlsx")),
]
