"""The anonymous catalogue read cache (storefront_api/core/read_cache.py): a public catalogue
query without Authorization is answered from Redis until a write changes the catalogue,
and each kind of write is seen by the next read."""

import json
import re
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql_relay import to_global_id

from marketplace.catalog.services.listings import (
    product_channel_listing_update,
    variant_channel_listing_update,
)
from marketplace.catalog.services.products import product_delete, product_update
from marketplace.catalog.services.variants import variant_stocks_update
from marketplace.checkout.models import Checkout
from marketplace.curation.collections import collection_update
from tests.conftest import ApiClient, client_for, data
from tests.factories import UserFactory, VendorFactory, listed_product, published_collection
from vendors.shops.services import vendor_approve, vendor_suspend

pytestmark = pytest.mark.django_db

LIST = """
query List($channel: String) {
  products(first: 20, channel: $channel) {
    totalCount
    edges { node { id name pricing { priceRange { start { gross { amount } } } } } }
  }
}
"""
DETAILS = """
query Details($slug: String, $channel: String) {
  product(slug: $slug, channel: $channel) { name isAvailable variants { sku quantityAvailable } }
}
"""
COLLECTIONS = """
query Collections($channel: String) {
  collections(first: 10, channel: $channel) { edges { node { name products(first: 5) { totalCount } } } }
}
"""
VARIABLES = {"channel": "default-channel"}


@pytest.fixture(autouse=True)
def caches_on(settings):  # type: ignore[no-untyped-def]
    settings.CATALOG_CACHE_SECONDS = 300
    settings.PRODUCT_COUNT_CACHE_SECONDS = 300


@pytest.fixture
def committed(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Runs a service as its own committed transaction would: with its on-commit callbacks
    (the generation bumps); tests run inside one transaction that never commits."""

    def run(service, **kwargs):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


@pytest.fixture
def staff(db):  # type: ignore[no-untyped-def]
    return UserFactory(is_superuser=True, is_staff=True)


def read(client: ApiClient, query: str = LIST, variables: dict | None = None, **headers: str):  # type: ignore[no-untyped-def]
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or VARIABLES}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    return response.headers.get("X-Catalog-Cache"), data(response.json())


def names(content: dict) -> list[str]:
    return sorted(edge["node"]["name"] for edge in content["products"]["edges"])


def price(content: dict) -> float:
    (edge,) = content["products"]["edges"]
    return edge["node"]["pricing"]["priceRange"]["start"]["gross"]["amount"]


def test_a_repeated_anonymous_read_is_served_without_the_database(api_client, seeded_channels):
    listed_product(name="Bình")
    assert read(api_client)[0] == "MISS"
    with CaptureQueriesContext(connection) as captured:
        state, content = read(api_client)
    assert state == "HIT" and names(content) == ["Bình"] and content["products"]["totalCount"] == 1
    assert len(captured) == 0


def test_the_key_is_the_normalised_document_variables_and_language(api_client, seeded_channels):
    listed_product(name="Bình")
    assert read(api_client)[0] == "MISS"
    # Spacing, commas and comments are not part of the key.
    assert read(api_client, "# the same\n" + LIST.replace("\n", "  \n ,"))[0] == "HIT"
    assert read(api_client, LIST, {"channel": "default-channel", "x": 1})[0] == "MISS"
    assert read(api_client, HTTP_ACCEPT_LANGUAGE="vi")[0] == "MISS"
    assert read(api_client, HTTP_ACCEPT_LANGUAGE="vi")[0] == "HIT"


def test_never_for_signed_in_checkout_or_mutation_requests(api_client, seeded_channels):
    product = listed_product(name="Bình")
    buyer = client_for(UserFactory())
    for _ in range(2):
        state, _content = read(buyer)
        assert state is None
    checkout = """query ($id: ID) { checkout(id: $id) { id } }"""
    token = Checkout.objects.create(
        channel=seeded_channels["default-channel"], email="a@b.vn", currency="VND"
    ).token
    for _ in range(2):
        assert read(api_client, checkout, {"id": to_global_id("Checkout", str(token))})[0] is None
    mixed = """query ($channel: String) { products(first: 1, channel: $channel) { totalCount } me { id } }"""
    for _ in range(2):
        assert read(api_client, mixed)[0] is None
    mutation = """mutation { tokenRefresh(refreshToken: "x") { token } }"""
    response = api_client.post(
        "/graphql/", data=json.dumps({"query": mutation}), content_type="application/json"
    )
    assert "X-Catalog-Cache" not in response.headers
    assert product.pk


def test_a_price_change_is_seen_by_the_next_read(api_client, seeded_channels, staff, committed):
    product = listed_product(name="Bình", prices=(100_000,))
    assert price(read(api_client)[1]) == 100_000
    assert read(api_client)[0] == "HIT"
    variant = product.variants.get()
    channel = seeded_channels["default-channel"]
    committed(
        variant_channel_listing_update,
        actor=staff,
        variant=variant,
        prices=[{"channel_id": channel.pk, "price": Decimal(135_000)}],
    )
    state, content = read(api_client)
    assert state == "MISS" and price(content) == 135_000


def test_a_product_change_and_delete(api_client, seeded_channels, staff, committed):
    product = listed_product(name="Bình")
    listed_product(name="Chén")
    read(api_client)
    committed(product_update, actor=staff, product=product, data={"name": "Bình hoa"})
    assert names(read(api_client)[1]) == ["Bình hoa", "Chén"]
    committed(product_delete, actor=staff, product=product)
    state, content = read(api_client)
    assert state == "MISS" and names(content) == ["Chén"] and content["products"]["totalCount"] == 1


def test_a_listing_change(api_client, seeded_channels, staff, committed):
    product = listed_product(name="Bình")
    listed_product(name="Chén")
    channel = seeded_channels["default-channel"]
    read(api_client)
    committed(
        product_channel_listing_update,
        actor=staff,
        product=product,
        update=[{"channel_id": channel.pk, "is_published": False}],
        remove=[],
    )
    content = read(api_client)[1]
    assert names(content) == ["Chén"] and content["products"]["totalCount"] == 1
    hidden = {"channel_id": channel.pk, "visible_in_listings": False, "is_published": True}
    committed(product_channel_listing_update, actor=staff, product=product, update=[hidden], remove=[])
    content = read(api_client)[1]
    assert names(content) == ["Chén"] and content["products"]["totalCount"] == 1


def test_a_stock_change(api_client, seeded_channels, staff, committed):
    product = listed_product(name="Bình", stock=3)
    variables = {"slug": product.slug, **VARIABLES}
    state, content = read(api_client, DETAILS, variables)
    assert state == "MISS" and content["product"]["variants"][0]["quantityAvailable"] == 3
    assert read(api_client, DETAILS, variables)[0] == "HIT"
    variant = product.variants.get()
    warehouse = variant.stocks.get().warehouse
    committed(
        variant_stocks_update,
        actor=staff,
        variant=variant,
        stocks=[{"warehouse_id": warehouse.pk, "quantity": 0}],
    )
    state, content = read(api_client, DETAILS, variables)
    assert state == "MISS" and content["product"]["variants"][0]["quantityAvailable"] == 0
    assert content["product"]["isAvailable"] is False


def test_a_stock_change_keeps_answers_that_read_no_stock(api_client, seeded_channels, staff, committed):
    product = listed_product(name="Bình", stock=3)
    read(api_client)
    variant = product.variants.get()
    warehouse = variant.stocks.get().warehouse
    committed(
        variant_stocks_update,
        actor=staff,
        variant=variant,
        stocks=[{"warehouse_id": warehouse.pk, "quantity": 1}],
    )
    assert read(api_client)[0] == "HIT"


def test_a_collection_change(api_client, seeded_channels, staff, committed):
    collection = published_collection(listed_product(name="Bình"), name="Quà Tết")
    state, content = read(api_client, COLLECTIONS)
    assert [e["node"]["name"] for e in content["collections"]["edges"]] == ["Quà Tết"]
    committed(collection_update, actor=staff, collection=collection, data={"name": "Quà Xuân"})
    state, content = read(api_client, COLLECTIONS)
    assert state == "MISS" and [e["node"]["name"] for e in content["collections"]["edges"]] == ["Quà Xuân"]


def test_a_shop_suspended_and_approved(api_client, seeded_channels, staff, committed):
    shop = VendorFactory()
    listed_product(name="Bình", vendor=shop)
    listed_product(name="Chén")
    read(api_client)
    committed(vendor_suspend, actor=staff, vendor=shop, reason="kiểm tra")
    content = read(api_client)[1]
    assert names(content) == ["Chén"] and content["products"]["totalCount"] == 1
    shop.refresh_from_db()
    committed(vendor_approve, actor=staff, vendor=shop)
    content = read(api_client)[1]
    assert names(content) == ["Bình", "Chén"] and content["products"]["totalCount"] == 2


def test_a_scheduled_publication_ends_the_cached_answer(api_client, seeded_channels):
    listed_product(name="Bình")
    soon = listed_product(name="Chén")
    soon.channel_listings.update(published_at=timezone.now() + timedelta(seconds=2))
    content = read(api_client)[1]
    assert names(content) == ["Bình"] and content["products"]["totalCount"] == 1
    assert read(api_client)[0] == "HIT"
    time.sleep(2.5)
    state, content = read(api_client)
    assert state == "MISS" and names(content) == ["Bình", "Chén"] and content["products"]["totalCount"] == 2


def test_the_count_cache_alone_follows_writes(api_client, seeded_channels, staff, committed, settings):
    """With the read cache off, ``totalCount`` is still cached per filter and dropped by writes."""
    settings.CATALOG_CACHE_SECONDS = 0
    product = listed_product(name="Bình")
    listed_product(name="Chén")
    assert read(api_client) == (None, read(api_client)[1])
    channel = seeded_channels["default-channel"]
    with CaptureQueriesContext(connection) as captured:
        assert read(api_client)[1]["products"]["totalCount"] == 2
    assert not [q for q in captured if "COUNT(*)" in q["sql"]]
    committed(
        product_channel_listing_update,
        actor=staff,
        product=product,
        update=[{"channel_id": channel.pk, "is_published": False}],
        remove=[],
    )
    assert read(api_client)[1]["products"]["totalCount"] == 1


def test_with_replicas_an_answer_made_just_after_a_change_lives_only_past_their_lag(
    seeded_channels, settings, monkeypatch, committed, staff
):
    """A replica may not have replayed a change yet (it lags up to its bound): what is
    computed within that bound of the change is not kept beyond it."""
    from django.core.cache import cache

    from marketplace.catalog import cache as catalog_cache
    from marketplace.core import db_routing

    product = listed_product(name="Bình")
    assert catalog_cache.lifetime(300, catalog_cache.generations()) == 300  # no replica
    monkeypatch.setattr(db_routing, "replica_aliases", lambda: ["replica_0"])
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 5
    settings.DATABASE_REPLICA_CHECK_SECONDS = 2
    committed(product_update, actor=staff, product=product, data={"name": "Bình hoa"})
    assert 0 < catalog_cache.lifetime(300, catalog_cache.generations()) <= 7
    cache.set(catalog_cache.CATALOG, time.time_ns() - 60 * 10**9, timeout=None)  # a minute ago
    assert catalog_cache.lifetime(300, catalog_cache.generations()) == 300


def _raw(client, body: str, **headers: str):  # type: ignore[no-untyped-def]
    return client.post("/graphql/", data=body, content_type="application/json", **headers)


def _comparable(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The headers of an answer but its own (the request id, the cache's state), with its cookies."""
    headers = {k: v for k, v in response.headers.items() if k not in ("X-Request-ID", "X-Catalog-Cache")}
    headers["cookies"] = re.sub(r"csrftoken=\w+", "csrftoken=(a new secret)", response.cookies.output())
    return headers


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_hit_is_the_miss_byte_for_byte_headers_included(seeded_channels, settings, language):
    """The fast path answers exactly what executing the query answered: status, body, every
    header (Vary, Content-Language, CORS, the CSRF cookie of the GraphQL view) and cookie."""
    settings.CORS_ALLOWED_ORIGINS = ["https://shop.example"]
    listed_product(name="Bình hoa sen")
    client = ApiClient(HTTP_ORIGIN="https://shop.example", HTTP_ACCEPT_LANGUAGE=language)
    body = json.dumps({"query": LIST, "variables": VARIABLES})
    miss = _raw(client, body)
    client.cookies.clear()  # the same answer to a visitor who has no cookie yet
    hit = _raw(client, body)
    assert (miss.headers["X-Catalog-Cache"], hit.headers["X-Catalog-Cache"]) == ("MISS", "HIT")
    assert hit.status_code == miss.status_code == 200
    assert hit.content == miss.content and "Bình hoa sen" in json.dumps(hit.json(), ensure_ascii=False)
    assert _comparable(hit) == _comparable(miss)
    assert miss.headers["Content-Language"] == language
    assert miss.headers["Access-Control-Allow-Origin"] == "https://shop.example"
    assert "csrftoken" in miss.cookies


def test_a_remembered_body_is_answered_without_parsing_it(api_client, seeded_channels, monkeypatch):
    """The second time a process sees a body, a hit reads Redis once: neither the JSON nor the
    document is parsed again, and a body sent differently (spaces) takes the ordinary path."""
    from django.core.cache import cache

    from storefront_api.core import read_cache
    from storefront_api.views import StorefrontGraphQLView

    listed_product(name="Bình")
    body = json.dumps({"query": LIST, "variables": VARIABLES})
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "MISS"

    def no_parsing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("parsed on a hit")

    monkeypatch.setattr(StorefrontGraphQLView, "parse_body", no_parsing)
    round_trips = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get", lambda *a, **k: round_trips.append(a) or None)
    monkeypatch.setattr(cache, "get_many", lambda *a, **k: round_trips.append(a) or get_many(*a, **k))
    hit = _raw(api_client, body)
    assert hit.headers["X-Catalog-Cache"] == "HIT" and names(hit.json()["data"]) == ["Bình"]
    assert len(round_trips) == 1
    with pytest.raises(AssertionError, match="parsed on a hit"):
        _raw(api_client, json.dumps({"query": LIST, "variables": VARIABLES}, indent=1))
    assert read_cache.MAX_BODIES >= 1


def test_the_fast_path_follows_writes_and_stays_off_for_other_requests(
    api_client, seeded_channels, staff, committed, monkeypatch
):
    """A remembered body sees a price change at once, and never serves a signed-in request,
    one with a query string or one that asks for HTML."""
    product = listed_product(name="Bình", prices=(100_000,))
    body = json.dumps({"query": LIST, "variables": VARIABLES})
    _raw(api_client, body)
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "HIT"
    channel = seeded_channels["default-channel"]
    committed(
        variant_channel_listing_update,
        actor=staff,
        variant=product.variants.get(),
        prices=[{"channel_id": channel.pk, "price": Decimal(135_000)}],
    )
    fresh = _raw(api_client, body)
    assert fresh.headers["X-Catalog-Cache"] == "MISS" and price(json.loads(fresh.content)["data"]) == 135_000
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "HIT"
    from storefront_api.core import read_cache

    fast = []
    answer = read_cache.fast_answer
    monkeypatch.setattr(read_cache, "fast_answer", lambda *a: fast.append(a) or answer(*a))
    buyer = client_for(UserFactory())
    signed_in = buyer.post("/graphql/", data=body, content_type="application/json")
    assert "X-Catalog-Cache" not in signed_in.headers
    pretty = api_client.post("/graphql/?pretty=1", data=body, content_type="application/json")
    assert pretty.status_code == 200
    html = _raw(api_client, body, HTTP_ACCEPT="text/html")
    assert html.headers.get("Content-Type", "").startswith("text/html")
    assert fast == []
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "HIT" and len(fast) == 1


def _another_process_changed_the_catalogue() -> None:
    """What a write in another process leaves in Redis: a new generation (this process's
    own record of its writes is untouched)."""
    from django.core.cache import cache

    from marketplace.catalog.cache import CATALOG

    cache.set(CATALOG, time.time_ns(), timeout=None)


def test_without_a_local_window_another_process_write_is_seen_at_once(api_client, seeded_channels):
    listed_product(name="Bình")
    body = json.dumps({"query": LIST, "variables": VARIABLES})
    _raw(api_client, body)
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "HIT"
    _another_process_changed_the_catalogue()
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "MISS"


def test_a_local_window_answers_without_redis_and_bounds_the_staleness(
    api_client, seeded_channels, settings, staff, committed, monkeypatch
):
    """CATALOG_CACHE_LOCAL_SECONDS: hits inside the window make no round trip; another
    process's write is seen once the window has passed; this process's own write at once."""
    from django.core.cache import cache

    settings.CATALOG_CACHE_LOCAL_SECONDS = 0.5
    product = listed_product(name="Bình", prices=(100_000,))
    body = json.dumps({"query": LIST, "variables": VARIABLES})
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "MISS"
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "HIT"  # read from Redis, kept
    calls = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda *a, **k: calls.append(a) or get_many(*a, **k))
    hit = _raw(api_client, body)
    assert hit.headers["X-Catalog-Cache"] == "HIT" and calls == []
    assert price(hit.json()["data"]) == 100_000
    _another_process_changed_the_catalogue()
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "HIT"  # within the window
    time.sleep(0.6)
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "MISS"
    _raw(api_client, body)
    assert _raw(api_client, body).headers["X-Catalog-Cache"] == "HIT" and calls
    channel = seeded_channels["default-channel"]
    committed(
        variant_channel_listing_update,
        actor=staff,
        variant=product.variants.get(),
        prices=[{"channel_id": channel.pk, "price": Decimal(135_000)}],
    )
    fresh = _raw(api_client, body)
    assert fresh.headers["X-Catalog-Cache"] == "MISS" and price(fresh.json()["data"]) == 135_000
