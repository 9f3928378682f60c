"""Failed attempts per address in a fixed window: in memory by default, in Redis when configured.

Only *failures* count (a wrong join code, a wrong password). A whole room joining from one council
network shares one public address; counting successes would lock out the tenth person through the
door, while a guesser fails almost every time and is stopped all the same.

Why this makes guessing a join code hopeless: a code is 8 characters from a 32-character alphabet,
32**8 = 1.1e12 codes (40 bits). With RATE_LIMIT_JOIN = 10 failures per 300 s, one address makes at
most 2,880 guesses a day. Even with 100 lobbies open at every moment, a guess hits one with
probability 100 / 1.1e12 = 9e-11: an even chance takes 7.6e9 guesses, about 7,000 years from one
address and 7 years from a thousand. And a right guess only puts the guesser in the lobby, where
the chair sees the name and decides whether to admit them.

The limit is per address as the app sees it: behind a reverse proxy set TRUSTED_PROXIES, or every
request seems to come from the proxy.
"""

import threading
import time

from flask import current_app

from .domain.errors import N_, RateLimited

_lock = threading.Lock()
_counts: dict[str, tuple[int, float]] = {}
# Above this many tracked keys, expired ones are dropped, so a flood of addresses cannot grow the
# table without bound.
_PRUNE_AT = 10_000


def _redis():
    client = current_app.extensions.get("rate_limit_redis")
    if client is None and current_app.config.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(current_app.config["REDIS_URL"], socket_timeout=2)
        current_app.extensions["rate_limit_redis"] = client
    return client


def _key(bucket: str, address: str) -> str:
    return f"ecp:rl:{bucket}:{address}"


def _state(key: str, window: int) -> tuple[int, int]:
    """(failures so far, seconds until the window ends) for one key."""
    client = _redis()
    if client is not None:
        count, ttl = client.pipeline().get(key).ttl(key).execute()
        return int(count or 0), max(int(ttl), 0)
    now = time.monotonic()
    with _lock:
        count, started = _counts.get(key, (0, now))
    if now - started > window:
        return 0, 0
    return count, int(window - (now - started))


def _refuse(wait: int) -> None:
    minutes = max(1, -(-wait // 60))
    if minutes == 1:
        error = RateLimited(N_("Too many attempts from this address. Please wait 1 minute and try again."))
    else:
        error = RateLimited(
            N_("Too many attempts from this address. Please wait {minutes} minutes and try again."),
            minutes=minutes,
        )
    error.retry_after = max(wait, 1)
    raise error


def check(bucket: str, address: str, limit: int, window: int) -> None:
    """Refuse with RateLimited while this address has used up its failures in the window."""
    count, wait = _state(_key(bucket, address), window)
    if count >= limit:
        _refuse(wait or window)


def fail(bucket: str, address: str, window: int) -> None:
    """Count one failed attempt from this address."""
    key = _key(bucket, address)
    client = _redis()
    if client is not None:
        # SET NX starts the window once; INCR keeps the expiry (works on every Redis version).
        client.pipeline().set(key, 0, ex=window, nx=True).incr(key).execute()
        return
    now = time.monotonic()
    with _lock:
        if len(_counts) >= _PRUNE_AT:
            for stale in [k for k, (_, started) in _counts.items() if now - started > window]:
                del _counts[stale]
        count, started = _counts.get(key, (0, now))
        if now - started > window:
            count, started = 0, now
        _counts[key] = (count + 1, started)


def hit(bucket: str, address: str, limit: int, window: int) -> None:
    """Count an attempt whatever its outcome, refusing once the address passes the limit."""
    check(bucket, address, limit, window)
    fail(bucket, address, window)


def reset() -> None:
    """Forget in-memory counts (tests)."""
    with _lock:
        _counts.clear()
