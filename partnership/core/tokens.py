"""Personal links' secrets (feedback, safety induction): a token is shown or sent once and never
stored; the database keeps its SHA-256 hash and finds the link by it."""

import hashlib
import secrets

from flask import request

from partnership.core.roles import require_login

MAX_TOKEN_LENGTH = 100


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def plausible(token: str | None) -> bool:
    """Worth looking up: not empty, not absurdly long."""
    return bool(token) and len(token or "") <= MAX_TOKEN_LENGTH


def serve_token_pages(bp, endpoints: set[str]) -> None:
    """A blueprint whose ``endpoints`` open with a personal link (the token in the address is the
    credential, no account) and whose other pages need one: the link never leaves as a referrer and
    stays out of caches and indexes."""

    @bp.before_request
    def require_login_except_token_pages():
        return None if request.endpoint in endpoints else require_login()

    @bp.after_request
    def keep_links_private(response):
        if request.endpoint in endpoints:
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["Cache-Control"] = "no-store"
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
