"""Locust users for `make bench` (run headless by benchmarks/load.py, one scenario per run).

``BENCH_SCENARIO`` names the scenario, ``BENCH_FIXTURES`` a JSON file written by
benchmarks/run.py: the contract operations (verbatim, each with its fragments), product
slugs, purchasable variant ids and an address. Closed loop, no think time: each simulated
client sends its next request as soon as the previous one is answered.

A request fails when it is not HTTP 200, has top-level GraphQL errors, or (mutations) a
non-empty ``errors`` list in its payload. The checkout scenario reports each of its six
requests and, as ``FLOW checkout flow``, the whole buyer's path from checkoutCreate to the
order."""

import collections
import itertools
import json
import os
import random
import time
from pathlib import Path
from typing import Any

from locust import FastHttpUser, constant, events, task

FIXTURES = json.loads(Path(os.environ["BENCH_FIXTURES"]).read_text())
SCENARIO = os.environ["BENCH_SCENARIO"]
CHANNEL = FIXTURES["channel"]
BUYERS = itertools.count()
# X-Catalog-Cache answers per request name (HIT / MISS / none), written at the end of the run
# to BENCH_CACHE_STATS when set.
CACHE: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)


@events.test_stop.add_listener
def write_cache_stats(**_: Any) -> None:
    target = os.environ.get("BENCH_CACHE_STATS")
    if target:
        Path(target).write_text(json.dumps({name: dict(counts) for name, counts in CACHE.items()}))


class Failed(Exception):
    pass


class Client(FastHttpUser):
    wait_time = constant(0)

    @task
    def scenario(self) -> None:
        SCENARIOS[SCENARIO](self)

    def graphql(
        self, operation: str, variables: dict[str, Any], *, name: str | None = None, data: bool = True
    ) -> dict[str, Any]:
        """Run one contract operation; its ``data``. Raises Failed (already reported).

        ``data=False`` (the throughput rows, which do not use the answer): the body is parsed
        only when it mentions ``"errors"``, so that the load generator, on the same two cores as
        the server, spends on a page of products what it spends on the floor's identical bytes
        (parsing every 15 KB answer cost it about 0.9 ms of CPU per request)."""
        body = {"query": FIXTURES["documents"][operation], "operationName": operation, "variables": variables}
        with self.client.post(
            "/graphql/", json=body, name=name or operation, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}: {(response.text or '')[:200]}")
                raise Failed(operation)
            CACHE[name or operation][response.headers.get("X-Catalog-Cache") or "none"] += 1
            if not data and b'"errors"' not in (response.content or b""):
                return {}
            content = response.json()
            if content.get("errors"):
                response.failure(f"errors: {content['errors'][0].get('message', '')[:200]}")
                raise Failed(operation)
            payload = next(iter((content.get("data") or {}).values()), None)
            if isinstance(payload, dict) and payload.get("errors"):
                response.failure(f"payload errors: {payload['errors'][:2]}")
                raise Failed(operation)
            return content["data"]


def product_list(first: int):
    def run(client: Client) -> None:
        try:
            client.graphql(
                "ProductList",
                {"channel": CHANNEL, "first": first},
                name=f"ProductList first={first}",
                data=False,
            )
        except Failed:
            pass

    return run


def product_details(client: Client) -> None:
    try:
        client.graphql(
            "ProductDetails", {"channel": CHANNEL, "slug": random.choice(FIXTURES["slugs"])}, data=False
        )
    except Failed:
        pass


def search_products(client: Client) -> None:
    try:
        client.graphql(
            "SearchProducts", {"channel": CHANNEL, "search": FIXTURES["search"], "first": 20}, data=False
        )
    except Failed:
        pass


def checkout_flow(client: Client) -> None:
    started = time.perf_counter()
    exception = None
    try:
        buy(client, random.choice(FIXTURES["variants"]), email=f"bench-{next(BUYERS)}@example.vn")
    except Failed as error:
        exception = error
    events.request.fire(
        request_type="FLOW",
        name="checkout flow",
        response_time=(time.perf_counter() - started) * 1000,
        response_length=0,
        exception=exception,
        context={},
    )


def buy(client: Client, variant_id: str, *, email: str) -> dict[str, Any]:
    """checkoutCreate -> shipping and billing address -> delivery method ->
    transactionInitialize (cash on delivery, the transactions API) -> checkoutComplete; the order."""
    address = FIXTURES["address"]
    lines = [{"variantId": variant_id, "quantity": 1}]
    created = client.graphql("CheckoutCreate", {"channel": CHANNEL, "email": email, "lines": lines})
    checkout_id = created["checkoutCreate"]["checkout"]["id"]
    shipped = client.graphql("CheckoutShippingAddressUpdate", {"id": checkout_id, "address": address})
    client.graphql("CheckoutBillingAddressUpdate", {"id": checkout_id, "address": address})
    methods = shipped["checkoutShippingAddressUpdate"]["checkout"]["shippingMethods"]
    method = next(m["id"] for m in methods if m["active"])
    client.graphql("CheckoutDeliveryMethodUpdate", {"id": checkout_id, "deliveryMethodId": method})
    client.graphql("TransactionInitialize", {"id": checkout_id, "gateway": {"id": "vn.cod"}})
    return client.graphql("CheckoutComplete", {"id": checkout_id})["checkoutComplete"]["order"]


def floor(client: Client) -> None:
    """The framework floor: the ProductList request to a view answering its bytes."""
    body = {"query": FIXTURES["documents"]["ProductList"], "operationName": "ProductList",
            "variables": {"channel": CHANNEL, "first": 20}}  # fmt: skip
    with client.client.post("/floor/", json=body, name="floor", catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"HTTP {response.status_code}")


def page(function):  # type: ignore[no-untyped-def]
    def run(client: Client) -> None:
        try:
            function(client)
        except Failed:
            pass

    return run


def home(client: Client) -> None:
    client.graphql("ProductList", {"channel": CHANNEL, "first": 20}, name="home: ProductList")
    client.graphql("CollectionList", {"channel": CHANNEL, "first": 20}, name="home: CollectionList")


def category(client: Client) -> None:
    slug = random.choice(FIXTURES["categories"])
    client.graphql(
        "CategoryPage", {"channel": CHANNEL, "slug": slug, "first": 20}, name="category: CategoryPage"
    )


def product(client: Client) -> None:
    slug = random.choice(FIXTURES["slugs"])
    client.graphql("ProductDetails", {"channel": CHANNEL, "slug": slug}, name="product: ProductDetails")


def search(client: Client) -> None:
    term = random.choice(FIXTURES["searches"])
    client.graphql(
        "SearchProducts", {"channel": CHANNEL, "search": term, "first": 20}, name="search: SearchProducts"
    )


def cart(client: Client) -> None:
    lines = [{"variantId": random.choice(FIXTURES["variants"]), "quantity": 1}]
    created = client.graphql(
        "CheckoutCreate", {"channel": CHANNEL, "email": f"cart-{next(BUYERS)}@example.vn", "lines": lines},
        name="cart: CheckoutCreate",
    )  # fmt: skip
    checkout_id = created["checkoutCreate"]["checkout"]["id"]
    more = [{"variantId": random.choice(FIXTURES["variants"]), "quantity": 1}]
    client.graphql("CheckoutLinesAdd", {"id": checkout_id, "lines": more}, name="cart: CheckoutLinesAdd")


def checkout(client: Client) -> None:
    checkout_flow(client)


# A storefront's traffic, weighted: mostly browsing, some searches, a few carts and orders.
MIXED = [(home, 3), (category, 3), (product, 4), (search, 2), (cart, 1), (checkout, 1)]


def mixed(client: Client) -> None:
    function = random.choices([f for f, _ in MIXED], weights=[w for _, w in MIXED])[0]
    page(function)(client)


SCENARIOS = {
    "product_list_20": product_list(20),
    "product_list_100": product_list(100),
    "product_details": product_details,
    "search_products": search_products,
    "checkout_flow": checkout_flow,
    "floor": floor,
    "mixed": mixed,
}
