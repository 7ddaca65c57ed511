"""Personal links' secrets (feedback, safety induction): a token is shown or sent once and never
stored; the database keeps its SHA-256 hash and finds the link by it."""

import hashlib
import secrets

MAX_TOKEN_LENGTH = 100


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def plausible(token: str | None) -> bool:
    """Worth looking up: not empty, not absurdly long."""
    return bool(token) and len(token or "") <= MAX_TOKEN_LENGTH
