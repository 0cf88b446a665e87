"""Latency and throughput under load: Locust (headless) against the production-like server.

Each scenario runs twice: with 1 client (the latency of one request on an idle server)
and with ``BENCH_CLIENTS`` clients (default 8; the server's throughput when saturated,
and the latency a request sees then). Locust's CSV statistics give the request count,
requests per second, the median and the 95th percentile (Locust rounds response times
above 100 ms to 2 significant digits)."""

import csv
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import FragmentDefinitionNode, FragmentSpreadNode, OperationDefinitionNode, parse, visit
from graphql.language import Visitor

BENCH = Path(__file__).resolve().parent
LOCUSTFILE = BENCH / "locustfile.py"

# (scenario, the label of its row in the results)
SCENARIOS = [
    ("product_list_20", "ProductList (first: 20)"),
    ("product_list_100", "ProductList (first: 100)"),
    ("product_details", "ProductDetails"),
    ("search_products", 'SearchProducts ("bat trang")'),
]
CHECKOUT_STEPS = [
    "CheckoutCreate",
    "CheckoutShippingAddressUpdate",
    "CheckoutBillingAddressUpdate",
    "CheckoutDeliveryMethodUpdate",
    "TransactionInitialize",
    "CheckoutComplete",
]


def operations(document_text: str) -> dict[str, str]:
    """Each operation of a contract document with the fragments it uses, as their verbatim text."""
    document = parse(document_text)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}

    def used(node: Any, seen: set[str]) -> set[str]:
        class Spreads(Visitor):
            def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: Any) -> None:
                name = spread.name.value
                if name not in seen:
                    seen.add(name)
                    used(fragments[name], seen)

        visit(node, Spreads())
        return seen

    def text(node: Any) -> str:
        return document_text[node.loc.start : node.loc.end]

    result = {}
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and definition.name:
            needed = sorted(used(definition, set()))
            result[definition.name.value] = "\n\n".join(
                [text(definition), *(text(fragments[n]) for n in needed)]
            )
    return result


def post(base_url: str, document: str, operation: str, variables: dict[str, Any]) -> tuple[int, dict]:
    body = json.dumps({"query": document, "operationName": operation, "variables": variables}).encode()
    request = urllib.request.Request(
        f"{base_url}/graphql/", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, {"errors": [{"message": raw[:200].decode(errors="replace")}]}


def checkout_unavailable(base_url: str, documents: dict[str, str], variant_id: str) -> str | None:
    """Why the checkout contract cannot be run against this server, or None when it can.

    Schema errors (an operation or field the server does not have) mean the checkout is not
    implemented yet; typed payload errors (out of stock...) do not."""
    missing = [name for name in CHECKOUT_STEPS if name not in documents]
    if missing:
        return f"the contract has no {', '.join(missing)}"
    status, content = post(
        base_url,
        documents["CheckoutCreate"],
        "CheckoutCreate",
        {
            "channel": "default-channel",
            "email": "probe@example.vn",
            "lines": [{"variantId": variant_id, "quantity": 1}],
        },
    )
    if status == 200 and not content.get("errors"):
        return None
    first = (content.get("errors") or [{}])[0].get("message", "")
    return f"not available: the server answered HTTP {status} with schema errors ({first[:160]})"


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    rps: float
    median: float
    p95: float

    def cells(self) -> str:
        return f"{self.requests:,} | {self.rps:.1f} | {self.median:.0f} | {self.p95:.0f} | {self.failures}"


def run_locust(
    *, base_url: str, scenario: str, clients: int, seconds: int, fixtures: Path, out: Path
) -> list[Row]:
    prefix = out / f"{scenario}-{clients}"
    env = {
        **os.environ,
        "BENCH_SCENARIO": scenario,
        "BENCH_FIXTURES": str(fixtures),
        "BENCH_CACHE_STATS": f"{prefix}_cache.json",
    }
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "--users", str(clients), "--spawn-rate", str(clients), "--run-time", f"{seconds}s",
        "--host", base_url, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--stop-timeout", "30",
    ]  # fmt: skip
    subprocess.run(
        command, env=env, check=False, stdout=subprocess.DEVNULL, stderr=open(f"{prefix}.log", "w")
    )
    stats = Path(f"{prefix}_stats.csv")
    if not stats.exists():
        raise SystemExit(f"locust wrote no statistics; see {prefix}.log")
    rows = []
    with stats.open() as file:
        for record in csv.DictReader(file):
            if record["Name"] == "Aggregated":
                continue
            rows.append(
                Row(
                    name=record["Name"],
                    requests=int(record["Request Count"]),
                    failures=int(record["Failure Count"]),
                    rps=float(record["Requests/s"]),
                    median=float(record["50%"] or 0),
                    p95=float(record["95%"] or 0),
                )
            )
    return rows


def failure_reasons(out: Path, scenario: str, clients: int) -> list[str]:
    failures = Path(f"{out / f'{scenario}-{clients}'}_failures.csv")
    if not failures.exists():
        return []
    with failures.open() as file:
        return [f"{r['Name']}: {r['Error'][:160]} ({r['Occurrences']}x)" for r in csv.DictReader(file)][:5]


def cache_hits(out: Path, scenario: str, clients: int) -> dict[str, tuple[int, int]]:
    """(hits, cacheable answers) per request name of a run, from its X-Catalog-Cache headers."""
    path = out / f"{scenario}-{clients}_cache.json"
    if not path.exists():
        return {}
    counts = json.loads(path.read_text())
    return {name: (c.get("HIT", 0), c.get("HIT", 0) + c.get("MISS", 0)) for name, c in counts.items()}


def hit_rate(hits: tuple[int, int] | None) -> str:
    if not hits or not hits[1]:
        return "—"
    return f"{100 * hits[0] / hits[1]:.0f}%"


def raw_post(base_url: str, path: str, document: str, operation: str, variables: dict[str, Any]) -> bytes:
    body = json.dumps({"query": document, "operationName": operation, "variables": variables}).encode()
    request = urllib.request.Request(
        f"{base_url}{path}", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()
