"""Two API processes (gunicorn, two ports) behind HAProxy, with nothing shared between the
processes but PostgreSQL and Redis: the checkout race run through the load balancer sells
exactly the stock (0 oversells), and sign-in throttling counts the same whichever process
answers (round robin alternates them; ``X-Served-By`` names the one that did)."""

import threading
from collections import Counter

import pytest

from marketplace.inventory.models import Stock
from marketplace.orders.models import Order, OrderLine
from tests.checkout_helpers import pay_and_complete, ready_checkout, shop_with_product
from tests.hardening.processes import free_port, project_env, start_gunicorn, stop_process
from tests.scale.balancer import start_haproxy
from tests.scale.http import HttpApiClient, graphql
from tests.scale.workers import database_url

pytestmark = pytest.mark.django_db(transaction=True)

BUYERS = 10
UNITS = 3
SIGN_IN = (
    'mutation { tokenCreate(email: "lan@example.vn", password: "sai-mat-khau") { token errors { code } } }'
)


@pytest.fixture(scope="module")
def balanced(tmp_path_factory):
    """HAProxy's base URL, in front of two gunicorn processes of two workers each."""
    tmp_path = tmp_path_factory.mktemp("balanced")
    env = project_env(DATABASE_URL=database_url(), CHECKOUT_RESERVATION_MINUTES="0")  # all race at the end
    ports = [free_port(), free_port()]
    servers = [start_gunicorn(port=p, env=env, log=tmp_path / f"api-{p}.log", workers=2) for p in ports]
    haproxy, port = start_haproxy(ports, directory=tmp_path)
    yield f"http://127.0.0.1:{port}"
    stop_process(haproxy)
    for server in servers:
        stop_process(server)


def test_the_checkout_race_through_the_load_balancer_oversells_nothing(balanced, seeded_channels):
    _, product = shop_with_product(price=90_000, stock=UNITS)
    buyers = [HttpApiClient(balanced) for _ in range(BUYERS)]
    checkout_ids = [ready_checkout(buyer, [(product, 1)]) for buyer in buyers]
    barrier = threading.Barrier(BUYERS)
    results: list = [None] * BUYERS

    def complete(index: int) -> None:
        barrier.wait()
        try:
            results[index] = pay_and_complete(buyers[index], checkout_ids[index])
        except Exception as error:  # reported below
            results[index] = error

    threads = [threading.Thread(target=complete, args=(i,)) for i in range(BUYERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not [r for r in results if isinstance(r, Exception)], results
    outcomes = Counter("order" if r["order"] else r["errors"][0]["code"] for r in results)
    assert outcomes == {"order": UNITS, "INSUFFICIENT_STOCK": BUYERS - UNITS}
    stock = Stock.objects.get()
    assert (stock.quantity, stock.quantity_allocated) == (UNITS, UNITS)
    assert Order.objects.count() == UNITS
    assert sum(OrderLine.objects.values_list("quantity", flat=True)) == UNITS  # 0 oversells


def test_sign_in_throttling_is_the_same_whichever_process_answers(balanced, settings):
    served_by, codes = [], []
    for _ in range(settings.LOGIN_FAILURES_ALLOWED + 3):
        status, body, headers = graphql(balanced, SIGN_IN)
        assert status == 200, body
        served_by.append(headers["x-served-by"])
        codes.append(body["data"]["tokenCreate"]["errors"][0]["code"])
    assert set(served_by) == {"api1", "api2"}  # round robin: consecutive attempts alternate
    allowed = settings.LOGIN_FAILURES_ALLOWED
    assert codes == ["INVALID_CREDENTIALS"] * allowed + ["LOGIN_ATTEMPT_DELAYED"] * 3
