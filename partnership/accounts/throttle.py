"""Sign-in throttling (ASVS 2.2.1): failed sign-ins are counted per account and address and per
address over all accounts; past either limit further tries are refused, with the message of a
wrong password, until the oldest failure leaves the window.

Flask-Limiter keeps the counts where ``RATELIMIT_STORAGE_URI`` says: ``memory://`` (the default,
enough for ``make run``'s one process) or ``redis://…`` in production, so that every worker of
every app server counts the same failures. ``RATELIMIT_STORAGE_OPTIONS`` (e.g. a Redis
``key_prefix``) and ``RATELIMIT_STRATEGY`` (``moving-window``) are Flask-Limiter's own settings;
``SIGN_IN_ACCOUNT_LIMIT`` and ``SIGN_IN_ADDRESS_LIMIT`` are limits in its notation."""

import hashlib

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse
from limits.strategies import RateLimiter

EXTENSION = "partnership.sign_in_limiter"


def init_app(app: Flask) -> None:
    # One Limiter per app: the extension keeps its storage on itself, and a test may run
    # a second app (another storage) beside the first.
    app.extensions[EXTENSION] = Limiter(get_remote_address, app=app)


def _strategy() -> RateLimiter:
    return current_app.extensions[EXTENSION].limiter


def _limit(setting: str) -> RateLimitItem:
    return parse(current_app.config[setting])


def _account_keys(username: str, address: str | None) -> tuple[str, ...]:
    # The name is hashed: any text may be typed there, and it stays out of the store's keys.
    name = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    return current_app.config["RATELIMIT_KEY_PREFIX"], "sign-in-account", name, address or "-"


def _address_keys(address: str | None) -> tuple[str, ...]:
    return current_app.config["RATELIMIT_KEY_PREFIX"], "sign-in-address", address or "-"


def refuses(username: str, address: str | None) -> bool:
    """Whether a sign-in as ``username`` from ``address`` is refused without looking at the password."""
    strategy = _strategy()
    return not (
        strategy.test(_limit("SIGN_IN_ACCOUNT_LIMIT"), *_account_keys(username, address))
        and strategy.test(_limit("SIGN_IN_ADDRESS_LIMIT"), *_address_keys(address))
    )


def count_failure(username: str, address: str | None) -> None:
    strategy = _strategy()
    strategy.hit(_limit("SIGN_IN_ACCOUNT_LIMIT"), *_account_keys(username, address))
    strategy.hit(_limit("SIGN_IN_ADDRESS_LIMIT"), *_address_keys(address))


def forget_account_failures(username: str, address: str | None) -> None:
    """After a sign-in with the right password: that account's failures from that address are
    forgotten; the address's count over all accounts is not, nor other accounts' counts."""
    _strategy().clear(_limit("SIGN_IN_ACCOUNT_LIMIT"), *_account_keys(username, address))


def reset() -> None:
    """Forget every count (tests; with Redis only the keys under the storage's ``key_prefix``)."""
    current_app.extensions[EXTENSION].reset()
