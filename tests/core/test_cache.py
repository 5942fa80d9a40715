"""The Redis cache backend that keeps one client per pool (antq.core.cache) behaves as Django's."""

from __future__ import annotations

import threading

import pytest

from antq.core.cache import RedisCache

REDIS = "redis://127.0.0.1:6379/12"


@pytest.fixture
def cache() -> RedisCache:
    backend = RedisCache(REDIS, {"KEY_PREFIX": "antq-test-cache"})  # the machine's Redis (CI has one)
    backend.clear()
    return backend


def test_the_client_is_built_once_per_pool_and_the_cache_works(cache: RedisCache) -> None:
    client = cache._cache.get_client()
    assert cache._cache.get_client() is client
    cache.set("a", {"x": 1})
    cache.set("n", 1)
    assert cache.get("a") == {"x": 1}
    assert cache.incr("n") == 2
    assert cache.get_many(["a", "n", "missing"]) == {"a": {"x": 1}, "n": 2}
    cache.delete("a")
    assert cache.get("a") is None


def test_threads_share_the_client_without_mixing_answers(cache: RedisCache) -> None:
    wrong: list[tuple[int, object]] = []

    def work(n: int) -> None:
        for i in range(200):
            cache.set(f"t{n}", (n, i))
            got = cache.get(f"t{n}")
            if got != (n, i):
                wrong.append((n, got))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong


def test_generation_counters_never_come_back_to_an_earlier_value() -> None:
    """Per-process memos are keyed by these counters; a lost counter restarts above every value
    it had, not at 0."""
    from django.core.cache import cache as default_cache

    from antq.core.cache import bump_counter, counters

    default_cache.delete("gen-test")
    first = counters(["gen-test"])["gen-test"]
    assert counters(["gen-test"])["gen-test"] == first, "reading does not move it"
    bump_counter("gen-test")
    bumped = counters(["gen-test"])["gen-test"]
    assert bumped == first + 1
    default_cache.delete("gen-test")  # Redis restarted, flushed or evicted the key
    assert counters(["gen-test"])["gen-test"] > bumped
    default_cache.delete("gen-test")
    bump_counter("gen-test")  # a write before any read also starts it afresh
    assert counters(["gen-test"])["gen-test"] > bumped
