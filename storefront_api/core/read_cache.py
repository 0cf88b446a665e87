"""The anonymous catalogue read cache: whole answers of public catalogue queries, in Redis.

Cached: a **query** whose root fields are all public catalogue reads (``PUBLIC_READ_FIELDS``
of read_routing: products, categories, collections, villages, shops, routes, the shop, a
channel), sent **without an Authorization header**, answered without any error. Never a
mutation, a signed-in or app request, ``me``, ``checkout``, ``order`` or any other root field.

Key: the document normalised (parsed and printed again: spacing, commas and comments do not
matter), the operation name, the variables (sorted JSON), the API language and the host
(absolute URLs of images are built from it). The entry holds the catalogue generations it
was computed under (``marketplace/catalog/cache.py``; the stock generation too when the
document or the variables read stock) and is served only while they are current, for at
most ``CATALOG_CACHE_SECONDS`` and never past the next change that comes with time
(a scheduled publication, a reservation expiring: ``lifetime``).

A hit costs one Redis round trip. The first time a process sees a request body (a POST of
JSON, no Authorization, no query string) whose answer may be cached, it remembers which
entry that body maps to (``remember``: a per-process table from a digest of the raw body,
the API language and the host to the entry's key), so the same body sent again is looked up
without parsing its JSON or its document (``fast_answer``): one MGET reads the generations
and the entry together. Entries hold the answer's bytes as they are sent. Anything else
(a GET, another body, a stale or missing entry) takes the ordinary path.

Observable: each cacheable answer carries ``X-Catalog-Cache: HIT`` or ``MISS``; each
process logs its hit rate every ``LOG_EVERY`` cacheable requests (logger ``storefront_api.cache``).
"""

import functools
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import translation
from graphql import GraphQLError, get_operation_ast, print_ast

from marketplace.catalog.cache import CATALOG, STOCK, LastBump, generations, lifetime
from storefront_api.core.documents import parsed
from storefront_api.core.read_routing import is_public_read

logger = logging.getLogger("storefront_api.cache")
HEADER = "X-Catalog-Cache"
ATTRIBUTE = "_catalog_cache"
LOG_EVERY = 500
# Bodies remembered per process (``remember``); the table is emptied when it is full.
MAX_BODIES = 2048
# Fields and inputs whose value depends on stock, allocations or reservations.
READS_STOCK = re.compile(r"quantityAvailable|isAvailable\b|stock", re.IGNORECASE)


@dataclass(frozen=True)
class Shape:
    digest: str  # of the normalised document
    stock: bool


@dataclass
class Slot:
    key: str
    generations: tuple[int, ...]


class Stats:
    hits = 0
    misses = 0


@functools.lru_cache(maxsize=512)
def _shape(query: str, operation_name: str | None) -> Shape | None:
    """What the cache needs of a document, or None when it is not a public catalogue query."""
    try:
        document = parsed(query)
    except GraphQLError:
        return None
    operation = get_operation_ast(document, operation_name)
    if not is_public_read(operation, document):
        return None
    text = print_ast(document)
    return Shape(digest=hashlib.sha256(text.encode()).hexdigest(), stock=bool(READS_STOCK.search(text)))


def slot_for(
    request: HttpRequest, query: str | None, variables: object, operation_name: str | None
) -> Slot | None:
    """Where this request's answer is cached, or None when it may not be."""
    seconds = settings.CATALOG_CACHE_SECONDS
    if not seconds or not query or request.headers.get("Authorization"):
        return None
    if len(query) > settings.GRAPHQL_MAX_QUERY_LENGTH:
        return None
    shape = _shape(query, operation_name)
    if shape is None:
        return None
    variables_text = json.dumps(variables or {}, sort_keys=True, separators=(",", ":"))
    current = generations(stock=shape.stock or bool(READS_STOCK.search(variables_text)))
    if current is None:
        return None
    key_text = json.dumps(
        [shape.digest, operation_name, variables_text, translation.get_language(), request.get_host()]
    )
    return Slot(key="catalog:read:" + hashlib.sha256(key_text.encode()).hexdigest(), generations=current)


def cached_answer(request: HttpRequest, slot: Slot) -> bytes | str | None:
    try:
        found = cache.get(slot.key)
    except Exception:
        logger.warning("catalog read cache: unreachable", exc_info=True)
        found = None
    hit = found is not None and tuple(found[0]) == slot.generations
    _count(request, hit)
    return found[1] if hit else None


# (digest of the raw body, language, host) -> (entry key, whether it depends on stock)
_bodies: dict[tuple[bytes, str, str], tuple[str, bool]] = {}
BODY_ATTRIBUTE = "_catalog_cache_body"


def body_key(request: HttpRequest, language: str) -> tuple[bytes, str, str] | None:
    """The key of ``_bodies`` for a request that may take the fast path, or None: a POST of
    JSON within the body limit, without Authorization or a query string (``?pretty``,
    ``?raw``), not asking for HTML (GraphiQL). Set on the request for ``remember``."""
    if (
        not settings.CATALOG_CACHE_SECONDS
        or request.method != "POST"
        or request.content_type != "application/json"
        or request.META.get("QUERY_STRING")
        or "HTTP_AUTHORIZATION" in request.META
        or "html" in request.META.get("HTTP_ACCEPT", "")
    ):
        return None
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= settings.GRAPHQL_MAX_BODY_BYTES:
        return None
    digest = hashlib.blake2b(request.body, digest_size=20).digest()
    key = (digest, language, request.get_host())
    setattr(request, BODY_ATTRIBUTE, key)
    return key


def remember(request: HttpRequest, slot: Slot) -> None:
    """After the ordinary path found this request's slot: the same body maps to it."""
    key = getattr(request, BODY_ATTRIBUTE, None)
    if key is None:
        return
    if len(_bodies) >= MAX_BODIES:
        _bodies.clear()
    _bodies[key] = (slot.key, len(slot.generations) > 1)


# With CATALOG_CACHE_LOCAL_SECONDS: the generations as last read from Redis, per set of
# counters, with when they were read; and answers read or stored, by entry key.
_local_generations: dict[bool, tuple[tuple[int, ...], float]] = {}
_local_answers: dict[str, tuple[tuple[int, ...], bytes | str, float]] = {}
MAX_LOCAL_ANSWERS = 256


def fast_answer(request: HttpRequest, key: tuple[bytes, str, str]) -> bytes | str | None:
    """The cached answer of a remembered body, read with the generations in one round trip;
    None (nothing counted) when the body is not remembered, the entry is missing or stale,
    or Redis fails: the ordinary path then decides.

    With ``CATALOG_CACHE_LOCAL_SECONDS`` above 0, the generations read from Redis are trusted
    for that long in this process (never past a write of this process) and the answers it
    read are kept in memory until their own end of life: a hit then needs no round trip at
    all, and another process's write is seen within that many seconds."""
    known = _bodies.get(key)
    if known is None:
        return None
    entry_key, stock = known
    window = settings.CATALOG_CACHE_LOCAL_SECONDS
    now = time.monotonic()
    if window > 0:
        local = _local_generations.get(stock)
        answer = _local_answers.get(entry_key)
        if (
            local is not None
            and answer is not None
            and now - local[1] < window
            and local[1] > LastBump.at
            and answer[0] == local[0]
            and answer[2] > time.time()
        ):
            _count(request, True)
            return answer[1]
    names = [CATALOG, STOCK] if stock else [CATALOG]
    try:
        found = cache.get_many([*names, entry_key])
    except Exception:
        return None
    if any(name not in found for name in names):
        return None
    current = tuple(int(found[name]) for name in names)
    if window > 0:
        _local_generations[stock] = (current, now)
    entry = found.get(entry_key)
    if entry is None or tuple(entry[0]) != current:
        return None
    if window > 0 and len(entry) > 2:
        if len(_local_answers) >= MAX_LOCAL_ANSWERS:
            _local_answers.clear()
        _local_answers[entry_key] = (current, entry[1], entry[2])
    _count(request, True)
    return entry[1]


def store(slot: Slot, body: str | bytes) -> None:
    seconds = lifetime(settings.CATALOG_CACHE_SECONDS, slot.generations)
    if seconds <= 0:
        return
    if isinstance(body, str):
        body = body.encode()  # kept as the bytes that are sent
    try:  # (generations, the answer's bytes, its end of life as a Unix time)
        cache.set(slot.key, (slot.generations, body, time.time() + seconds), seconds)
    except Exception:
        logger.warning("catalog read cache: an answer could not be stored", exc_info=True)


def _count(request: HttpRequest, hit: bool) -> None:
    setattr(request, ATTRIBUTE, "HIT" if hit else "MISS")
    if hit:
        Stats.hits += 1
    else:
        Stats.misses += 1
    total = Stats.hits + Stats.misses
    if total % LOG_EVERY == 0:
        logger.info(
            "catalog read cache: %d hits, %d misses (%.0f%% hits) in this process",
            Stats.hits,
            Stats.misses,
            100 * Stats.hits / total,
        )
