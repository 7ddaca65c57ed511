"""Redirect targets taken from the request are followed only within this site."""

from typing import TypeGuard
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for

DEFAULT_BASE_URL = "http://localhost:5000"


def is_safe_target(target: str | None) -> TypeGuard[str]:
    if not target:
        return False
    parts = urlsplit(target)
    return (
        not parts.scheme
        and not parts.netloc
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
    )


def redirect_target(candidate: str | None, fallback_endpoint: str = "home.index") -> str:
    return candidate if is_safe_target(candidate) else url_for(fallback_endpoint)


def back_url(fallback_endpoint: str = "home.index") -> str:
    """The page the user came from, when it is on this site."""
    referrer = request.referrer
    if referrer:
        parts = urlsplit(referrer)
        if parts.netloc == request.host:
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            return redirect_target(path, fallback_endpoint)
    return url_for(fallback_endpoint)


def external_url(endpoint: str, **values) -> str:
    """An absolute link for a PDF or an e-mail. In a request it follows the request's host; a
    configured ``BASE_URL`` wins everywhere, and work with no request (the command line, the
    queue's tasks) needs it."""
    base = current_app.config.get("BASE_URL")
    if not base and has_request_context():
        return url_for(endpoint, _external=True, **values)
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return (base or DEFAULT_BASE_URL).rstrip("/") + path
