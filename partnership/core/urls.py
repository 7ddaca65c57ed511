"""Redirect targets taken from the request are followed only within this site."""

from typing import TypeGuard
from urllib.parse import urlsplit

from flask import request, url_for


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
