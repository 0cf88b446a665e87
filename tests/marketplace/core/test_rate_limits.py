"""The fixed-window counters behind every rate limit, against the real Redis."""

import threading

from django.core.cache import cache

from marketplace.core import rate_limits


def test_parallel_hits_are_counted_exactly():
    barrier = threading.Barrier(40)
    outcomes: list[bool] = []
    lock = threading.Lock()

    def one() -> None:
        barrier.wait()
        allowed = rate_limits.allow("test", "10.0.0.1", limit=5, window=600) is None
        with lock:
            outcomes.append(allowed)

    threads = [threading.Thread(target=one) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes.count(True) == 5 and outcomes.count(False) == 35
    assert rate_limits.hit("test", "10.0.0.1", window=600).count == 41


def test_windows_subjects_and_the_previous_count():
    start = 6_000_000.0
    assert [rate_limits.hit("s", "a", window=60, now=start + i).count for i in range(3)] == [1, 2, 3]
    assert rate_limits.hit("s", "b", window=60, now=start).count == 1  # another subject
    assert rate_limits.hit("t", "a", window=60, now=start).count == 1  # another scope
    later = rate_limits.hit("s", "a", window=60, now=start + 61)
    assert later.count == 1 and later.retry_after == 59
    assert rate_limits.previous_count("s", "a", window=60, now=start + 61) == 3
    assert rate_limits.allow("s", "a", limit=1, window=60, now=start + 62).retry_after == 58
    assert not any("10.0.0.1" in str(key) or ":a:" in str(key) for key in cache._cache.get_client().keys("*"))
