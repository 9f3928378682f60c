"""Attempts per address in a fixed window: in memory by default, in Redis when configured."""

import threading
import time

from flask import current_app

from .domain.errors import RateLimited

_lock = threading.Lock()
_counts: dict[str, tuple[int, float]] = {}


def _redis():
    client = current_app.extensions.get("rate_limit_redis")
    if client is None and current_app.config.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(current_app.config["REDIS_URL"])
        current_app.extensions["rate_limit_redis"] = client
    return client


def hit(bucket: str, address: str, limit: int, window: int) -> None:
    """Count one attempt; refuse with RateLimited once the address passes the limit."""
    key = f"ecp:rl:{bucket}:{address}"
    client = _redis()
    if client is not None:
        count = client.incr(key)
        if count == 1:
            client.expire(key, window)
    else:
        now = time.monotonic()
        with _lock:
            count, started = _counts.get(key, (0, now))
            if now - started > window:
                count, started = 0, now
            count += 1
            _counts[key] = (count, started)
    if count > limit:
        minutes = max(1, window // 60)
        raise RateLimited(f"Too many attempts from this address. Please wait {minutes} minutes and try again.")


def reset() -> None:
    """Forget in-memory counts (tests)."""
    with _lock:
        _counts.clear()
