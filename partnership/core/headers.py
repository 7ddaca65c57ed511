"""The security headers of every response, set once for the whole app (OWASP ASVS 14.4, 8.2.1).

- A Content-Security-Policy that runs and applies only the app's own files: no inline script,
  no ``style=""`` attribute, no event handler attribute, nothing from another origin. Bootstrap
  is served from the package by Bootstrap-Flask; its stylesheet draws its icons from ``data:``
  SVG images, hence ``img-src 'self' data:``. Framing is refused (``frame-ancestors 'none'``).
- ``nosniff``, a ``same-origin`` referrer (addresses hold record ids), no framing for older browsers.
- HSTS when the request came over HTTPS or the session cookie is marked secure (a server behind a
  TLS-terminating proxy).
- ``Cache-Control: no-store`` on every response that is not a static file: pages and downloads
  carry personal data (document numbers, dates of birth, feedback links) that a shared
  computer's browser cache must not keep. Static files keep Flask's own caching.
"""

from flask import Flask, Response, current_app, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
FIXED_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
DEFAULT_HSTS = "max-age=31536000; includeSubDomains"


def is_static(endpoint: str | None) -> bool:
    """The app's and each blueprint's static files (``static``, ``bootstrap.static``, ``participants.static``)."""
    return endpoint is not None and (endpoint == "static" or endpoint.endswith(".static"))


def is_static_file(response: Response) -> bool:
    """A static file served (or revalidated): not the sign-in redirect or 404 of a static address."""
    return is_static(request.endpoint) and (200 <= response.status_code < 300 or response.status_code == 304)


def add_security_headers(response: Response) -> Response:
    """A header the view set itself stays (the feedback form's ``no-referrer`` keeps its token
    private); the table of routes in tests/core/test_headers.py checks that none is weaker."""
    for name, value in FIXED_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure or current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers["Strict-Transport-Security"] = current_app.config.get("HSTS", DEFAULT_HSTS)
    if not is_static_file(response) and "no-store" not in response.headers.get("Cache-Control", ""):
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
