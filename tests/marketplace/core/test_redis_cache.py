"""The Redis cache backend (marketplace/core/redis_cache.py) keeps one client per pool."""

import redis
from django.conf import settings

from marketplace.core.redis_cache import RedisCache


def test_one_client_serves_every_call_and_the_cache_works():
    backend = RedisCache(settings.REDIS_URL, {"KEY_PREFIX": "test-redis-cache"})
    try:
        client = backend._cache.get_client(write=True)
        assert isinstance(client, redis.Redis)
        assert backend._cache.get_client() is client is backend._cache.get_client(write=True)
        backend.set("a", (1, b"bytes"), 30)
        backend.set("n", 7, 30)
        assert backend.get_many(["a", "n", "missing"]) == {"a": (1, b"bytes"), "n": 7}
        assert backend._cache.get_client() is client
    finally:
        backend.delete_many(["a", "n"])
        backend.close()


def test_the_settings_use_it_when_redis_is_configured():
    assert settings.CACHES["default"]["BACKEND"] == "marketplace.core.redis_cache.RedisCache"
