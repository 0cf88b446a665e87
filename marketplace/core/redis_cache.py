"""Django's Redis cache backend, with one Redis client per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call;
with redis-py 6 that costs about half a millisecond of CPU each time (the client copies
its table of response callbacks and builds an event dispatcher), more than the round trip to
Redis itself. A client holds no connection of its own (the pool does, and is fork-safe), so
one per pool serves every call of the process; this backend keeps it.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django: Any = self  # Django's private attributes, which its type stubs leave out
        index = django._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pools = django._pools
            if index not in pools:  # as Django's _get_connection_pool, for this index
                pools[index] = django._pool_class.from_url(django._servers[index], **django._pool_options)
            client = django._client(connection_pool=pools[index])
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
