"""The checkout race: N buyers, each in its own thread with its own checkout, want one unit
each of a variant that has M units in stock (M < N).

All buyers send checkoutCreate at the same moment, then run the contract's path (shipping
and billing address -> delivery method -> transactionInitialize with cash on delivery); all
who got that far wait at a barrier and send checkoutComplete at the same moment, so the
server has to decide between them under real concurrency (several gunicorn workers, several PostgreSQL
transactions). The run.py caller counts in the database what was sold: orders created,
units sold and oversells (units sold beyond the stock, which must be 0)."""

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from benchmarks.load import post


@dataclass
class Outcome:
    orders: int = 0
    refused: Counter = field(default_factory=Counter)  # "step: CODE" -> buyers
    server_errors: int = 0
    seconds: float = 0.0


class Refused(Exception):
    def __init__(self, step: str, reason: str) -> None:
        super().__init__(f"{step}: {reason}")
        self.key = f"{step}: {reason}"


def _run(base_url: str, documents: dict[str, str], operation: str, variables: dict[str, Any]) -> dict:
    status, content = post(base_url, documents[operation], operation, variables)
    if status >= 500:
        raise Refused(operation, f"HTTP {status}")
    if content.get("errors"):
        code = (content["errors"][0].get("extensions") or {}).get("exception", {}).get("code")
        raise Refused(operation, code or f"HTTP {status}")
    payload = next(iter(content["data"].values()))
    if payload.get("errors"):
        raise Refused(operation, payload["errors"][0]["code"])
    return payload


def race(
    *, base_url: str, documents: dict[str, str], variant_id: str, buyers: int, address: dict[str, Any]
) -> Outcome:
    outcome = Outcome()
    lock = threading.Lock()
    start = threading.Barrier(buyers)  # every buyer sends checkoutCreate at the same moment...
    barrier = threading.Barrier(buyers)  # ...and checkoutComplete too

    def note(key: str | None = None, order: bool = False) -> None:
        with lock:
            if order:
                outcome.orders += 1
            elif key is not None:
                outcome.refused[key] += 1
                if "HTTP 5" in key:
                    outcome.server_errors += 1

    def buyer(index: int) -> None:
        checkout_id = None
        start.wait()
        try:
            created = _run(
                base_url,
                documents,
                "CheckoutCreate",
                {
                    "channel": "default-channel",
                    "email": f"race-{index}@example.vn",
                    "lines": [{"variantId": variant_id, "quantity": 1}],
                },
            )
            checkout_id = created["checkout"]["id"]
            shipped = _run(
                base_url, documents, "CheckoutShippingAddressUpdate", {"id": checkout_id, "address": address}
            )
            _run(base_url, documents, "CheckoutBillingAddressUpdate", {"id": checkout_id, "address": address})
            method = next(m["id"] for m in shipped["checkout"]["shippingMethods"] if m["active"])
            _run(
                base_url,
                documents,
                "CheckoutDeliveryMethodUpdate",
                {"id": checkout_id, "deliveryMethodId": method},
            )
            _run(
                base_url,
                documents,
                "TransactionInitialize",
                {"id": checkout_id, "gateway": {"id": "vn.cod"}},
            )
        except Refused as error:
            note(error.key)
            checkout_id = None
        except Exception as error:  # a broken connection, a timeout
            note(f"client: {type(error).__name__}")
            checkout_id = None
        barrier.wait()  # everyone who is ready completes at the same moment
        if checkout_id is None:
            return
        try:
            completed = _run(base_url, documents, "CheckoutComplete", {"id": checkout_id})
            note(order=completed.get("order") is not None)
        except Refused as error:
            note(error.key)
        except Exception as error:
            note(f"client: {type(error).__name__}")

    started = time.perf_counter()
    threads = [threading.Thread(target=buyer, args=(i,)) for i in range(buyers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.seconds = time.perf_counter() - started
    return outcome
