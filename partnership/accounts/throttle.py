"""Sign-in throttling (ASVS 2.2.1): failed sign-ins are counted per account and address and per
address over all accounts; past either limit further tries are refused, with the message of a
wrong password, until the oldest failure leaves the window.

Flask-Limiter keeps the counts where ``RATELIMIT_STORAGE_URI`` says: ``memory://`` (the default,
enough for ``make run``'s one process) or ``redis://…`` in production, so that every worker of
every app server counts the same failures. ``RATELIMIT_STORAGE_OPTIONS`` (e.g. a Redis
``key_prefix``) and ``RATELIMIT_STRATEGY`` (``moving-window``) are Flask-Limiter's own settings;
``SIGN_IN_ACCOUNT_LIMIT`` and ``SIGN_IN_ADDRESS_LIMIT`` are limits in its notation.

When the storage cannot be reached (Redis down), signing in still works: a warning is logged
and, with Flask-Limiter's ``RATELIMIT_IN_MEMORY_FALLBACK_ENABLED`` (on by default here), the
failures are counted in the process's memory until the storage answers again (tried every
``SIGN_IN_STORAGE_RETRY_SECONDS``); with it off, nothing is counted meanwhile
(``RATELIMIT_SWALLOW_ERRORS`` in spirit). Flask-Limiter's own fallback covers only the limits
it applies to views itself, and these counts are kept by hand, so the fallback is done here."""

import hashlib
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import STRATEGIES, RateLimiter

EXTENSION = "partnership.sign_in_limiter"
FALLBACK = "partnership.sign_in_fallback"
log = logging.getLogger(__name__)
T = TypeVar("T")


class Fallback:
    """The in-memory counts used while the storage is unreachable, and since when."""

    def __init__(self, strategy_name: str) -> None:
        self.limiter: RateLimiter = STRATEGIES[strategy_name](MemoryStorage())
        self.dead_since: float | None = None


def init_app(app: Flask) -> None:
    # One Limiter per app: the extension keeps its storage on itself, and a test may run
    # a second app (another storage) beside the first.
    app.extensions[EXTENSION] = Limiter(get_remote_address, app=app)
    app.extensions[FALLBACK] = Fallback(app.config["RATELIMIT_STRATEGY"])


def _strategy() -> RateLimiter:
    return current_app.extensions[EXTENSION].limiter


def _counting(use: Callable[[RateLimiter], T], unreachable: T) -> T:
    """``use(strategy)`` on the configured storage; while it is unreachable, on the in-memory
    fallback (or ``unreachable`` without one), with a warning in the log."""
    fallback: Fallback = current_app.extensions[FALLBACK]
    retry = current_app.config["SIGN_IN_STORAGE_RETRY_SECONDS"]
    if fallback.dead_since is None or time.monotonic() - fallback.dead_since >= retry:
        try:
            result = use(_strategy())
        except Exception as error:  # any storage failure: redis, a socket, a timeout
            log.warning("Sign-in throttle storage unreachable (%s); counting in memory meanwhile.", error)
            fallback.dead_since = time.monotonic()
        else:
            if fallback.dead_since is not None:
                log.warning("Sign-in throttle storage reachable again.")
                fallback.dead_since = None
            return result
    if current_app.config["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"]:
        return use(fallback.limiter)
    return unreachable


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
    account, address_limit = _limit("SIGN_IN_ACCOUNT_LIMIT"), _limit("SIGN_IN_ADDRESS_LIMIT")
    account_keys, address_keys = _account_keys(username, address), _address_keys(address)

    def refused(strategy: RateLimiter) -> bool:
        return not (strategy.test(account, *account_keys) and strategy.test(address_limit, *address_keys))

    return _counting(refused, unreachable=False)


def count_failure(username: str, address: str | None) -> None:
    account, address_limit = _limit("SIGN_IN_ACCOUNT_LIMIT"), _limit("SIGN_IN_ADDRESS_LIMIT")
    account_keys, address_keys = _account_keys(username, address), _address_keys(address)

    def hit(strategy: RateLimiter) -> None:
        strategy.hit(account, *account_keys)
        strategy.hit(address_limit, *address_keys)

    _counting(hit, unreachable=None)


def forget_account_failures(username: str, address: str | None) -> None:
    """After a sign-in with the right password: that account's failures from that address are
    forgotten; the address's count over all accounts is not, nor other accounts' counts."""
    limit, keys = _limit("SIGN_IN_ACCOUNT_LIMIT"), _account_keys(username, address)
    _counting(lambda strategy: strategy.clear(limit, *keys), unreachable=None)


def reset() -> None:
    """Forget every count (tests; with Redis only the keys under the storage's ``key_prefix``)."""
    current_app.extensions[EXTENSION].reset()
    current_app.extensions[FALLBACK] = Fallback(current_app.config["RATELIMIT_STRATEGY"])
