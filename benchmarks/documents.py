"""How long the API spends refusing (or accepting) documents written to make it work hard.

    .venv/bin/python benchmarks/documents.py [--repeat 5] [--budget-ms 250]

Runs each step of ``storefront_api.core.documents`` (parse, the fragment-cycle check, the
shape walk, graphql-core's rules) and the cost walk on every document below, in-process,
with the per-process document cache emptied before each run, and prints the best time of
``--repeat`` runs per step as a Markdown table. Exits with 1 when a document takes more than
``--budget-ms`` in total (the suite asserts what is refused and that fragments are walked
once each, never a clock; this script is where the time is measured). No database or
Redis is needed: nothing here runs SQL.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")

import django  # noqa: E402

django.setup()

from graphql import GraphQLError, get_introspection_query, validate  # noqa: E402
from graphql.validation import NoFragmentCyclesRule  # noqa: E402

from storefront_api.core import documents  # noqa: E402
from storefront_api.core.cost import operation_cost  # noqa: E402
from storefront_api.core.shape import shape_errors  # noqa: E402
from storefront_api.schema import schema  # noqa: E402
from storefront_api.views import StorefrontGraphQLView  # noqa: E402


def exponential(levels: int) -> str:
    fragments = ["fragment F0 on Query { shop { name } }"]
    fragments += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels + 1)]
    return f"query {{ ...F{levels} }}\n" + "\n".join(fragments)


DOCUMENTS = {
    "24 fragments, each spreading the previous twice (1 KB)": exponential(24),
    "circular fragments": "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
    "one field 2,000 times": "{ shop { " + "name " * 2000 + "} }",
    "shop { name } 1,000 times": "{ " + "shop { name } " * 1000 + "}",
    "one field in 600 fragments": "query { shop { "
    + " ".join(f"...F{i}" for i in range(600))
    + " } }\n"
    + "\n".join(f"fragment F{i} on Shop {{ name }}" for i in range(600)),
    "300 operations sharing a 150-fragment chain": "\n".join(f"query Q{i} {{ ...F0 }}" for i in range(300))
    + "\n"
    + "\n".join(f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(150))
    + "\nfragment F150 on Query { shop { name } }",
    "40 aliased deep __schema": "{ "
    + " ".join(
        f"a{i}: __schema {{ types {{ fields {{ type {{ fields {{ name }} }} }} }} }}" for i in range(40)
    )
    + " }",
    "6,000 tokens": "{ " + "__typename " * 6000 + "}",
    "100 KB of spaces": "{ shop { name } }" + " " * 100_000,
    "nesting 300 deep": "{ " + "shop { " * 300 + "name" + " }" * 300 + " }",
    "at the limits: one field 100 times": "{ shop { " + "name " * 100 + "} }",
    "at the limits: 70 x shop { name }": "{ " + "shop { name } " * 70 + "}",
    "GraphiQL's full introspection query": get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    ),
}


def run(query: str) -> tuple[dict[str, float], str]:
    """Seconds per step, and the outcome (the first error, or the cost)."""
    steps: dict[str, float] = {}
    documents._parsed.cache_clear()
    documents._checked.cache_clear()
    started = time.perf_counter()
    try:
        document = documents.parsed(query)
    except GraphQLError as error:
        steps["parse"] = time.perf_counter() - started
        return steps, f"refused: {error.message[:70]}"
    steps["parse"] = time.perf_counter() - started
    checks = [
        ("cycles", lambda: validate(schema.graphql_schema, document, [NoFragmentCyclesRule])),
        ("shape", lambda: shape_errors(document)),
        (
            "rules",
            lambda: validate(schema.graphql_schema, document, list(StorefrontGraphQLView.validation_rules)),
        ),
    ]
    for name, check in checks:
        started = time.perf_counter()
        errors = check()
        steps[name] = time.perf_counter() - started
        if errors:
            return steps, f"refused: {errors[0].message[:70]}"
    started = time.perf_counter()
    cost = operation_cost(document, None, None)
    steps["cost"] = time.perf_counter() - started
    return steps, f"accepted, cost {cost}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--budget-ms", type=float, default=250)
    args = parser.parse_args()
    columns = ["parse", "cycles", "shape", "rules", "cost"]
    print("| document | size | " + " | ".join(f"{c} ms" for c in columns) + " | total ms | outcome |")
    print("| --- | ---: | " + " | ".join("---:" for _ in columns) + " | ---: | --- |")
    over = []
    for name, query in DOCUMENTS.items():
        best: dict[str, float] = {}
        outcome = ""
        for _ in range(args.repeat):
            steps, outcome = run(query)
            if not best or sum(steps.values()) < sum(best.values()):
                best = steps
        total = sum(best.values()) * 1000
        cells = [f"{best[c] * 1000:.1f}" if c in best else "" for c in columns]
        print(f"| {name} | {len(query):,} | " + " | ".join(cells) + f" | {total:.1f} | {outcome} |")
        if total > args.budget_ms:
            over.append(name)
    if over:
        print(f"\nOver the {args.budget_ms:.0f} ms budget: {', '.join(over)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
