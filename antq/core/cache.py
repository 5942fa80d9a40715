"""Django's Redis cache backend, keeping one client per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` on every call (its constructor
copies the table of ~150 response callbacks); a dashboard answered from the cache makes three
calls, so that was a fifth of the request. A `redis.Redis` over a connection pool is safe to share
between threads, so one per pool is kept. Everything else is Django's.

Also here: the generation counters that cached read models put in their keys.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        this: Any = self  # Django's private helpers are not in django-stubs
        index = this._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = this._client(connection_pool=this._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


def _fresh_counter() -> int:
    """A starting value no earlier counter had: microseconds since the epoch."""
    return time.time_ns() // 1000


def counters(keys: list[str]) -> dict[str, int]:
    """Read generation counters from the shared cache, starting any that is missing.

    A counter that is missing (first use, a Redis restart or flush, an eviction) starts at the
    current time in microseconds rather than at 0, so that it can never come back to a value it
    had before: per-process memos keyed by a counter (auth_cache, the dashboard bodies) then
    cannot serve an answer from before the loss as if it were current.
    """
    values = cache.get_many(keys)
    if len(values) < len(keys):
        for key in keys:
            if key not in values:
                cache.add(key, _fresh_counter(), None)
        values = cache.get_many(keys)
    return {key: int(values.get(key, 0)) for key in keys}


def bump_counter(key: str) -> None:
    """Move a generation counter on (starting it afresh when it is missing)."""
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, _fresh_counter(), None)
