from tests.access import SIGNED_IN, Row, expect

ROWS = [
    Row("GET", "/", "/", SIGNED_IN),
    Row("GET", "/language/<code>", "/language/ru", expect(302)),
]
