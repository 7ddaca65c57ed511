from tests.access import LOGIN, Row, expect

ROWS = [
    Row("GET", "/", "/", expect(200, anonymous=LOGIN, guide=302)),  # a guide's start page is the gate
    Row("GET", "/language/<code>", "/language/ru", expect(302, guide=302)),
]
