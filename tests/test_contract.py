"""The contract check of ``make test`` (scripts/contract.py): the contract documents are in
the repository, every operation is validated, and the copies are compared with
``../shared/contract`` only when that folder exists."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from graphql import build_schema

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("contract_check", ROOT / "scripts" / "contract.py")
contract = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(contract)  # type: ignore[union-attr]

DOCUMENTS = [
    Path("marketplace.graphql"),
    Path("storefront/account.graphql"),
    Path("storefront/catalog.graphql"),
    Path("storefront/checkout.graphql"),
]


def test_the_contract_lives_in_the_repository():
    assert contract.CONTRACT == ROOT / "tests" / "contract"
    assert contract.contract_files() == DOCUMENTS
    tracked = subprocess.run(
        ["git", "ls-files", "tests/contract"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert {f"tests/contract/{p}" for p in DOCUMENTS} <= set(tracked)


def test_every_storefront_operation_validates_against_the_committed_schema():
    schema = build_schema((ROOT / "storefront_api" / "schema.graphql").read_text())
    total, failures = contract.invalid_operations(schema)
    assert failures == []
    assert total == 30  # 11 account, 9 catalog, 10 checkout operations


def test_an_operation_that_does_not_validate_is_reported(tmp_path):
    shutil.copytree(contract.CONTRACT, tmp_path / "contract")
    catalog = tmp_path / "contract" / "storefront" / "catalog.graphql"
    catalog.write_text(catalog.read_text() + "\nquery Broken { shop { noSuchField } }\n")
    schema = build_schema((ROOT / "storefront_api" / "schema.graphql").read_text())

    total, failures = contract.invalid_operations(schema, tmp_path / "contract")

    assert total == 31
    assert failures == ["catalog.graphql Broken: Cannot query field 'noSuchField' on type 'Shop'."]


def test_copies_in_step_with_the_shared_contract(tmp_path):
    shared = tmp_path / "shared-contract"
    shutil.copytree(contract.CONTRACT, shared, ignore=shutil.ignore_patterns("*.md"))
    assert contract.out_of_step(contract.CONTRACT, shared) == []


def test_copies_out_of_step_are_named(tmp_path):
    shared = tmp_path / "shared-contract"
    shutil.copytree(contract.CONTRACT, shared, ignore=shutil.ignore_patterns("*.md"))
    (shared / "storefront" / "checkout.graphql").write_text("query Changed { shop { name } }\n")
    (shared / "storefront" / "orders.graphql").write_text("query New { shop { name } }\n")
    (shared / "marketplace.graphql").unlink()

    assert contract.out_of_step(contract.CONTRACT, shared) == [
        "marketplace.graphql (only in the repository)",
        "storefront/checkout.graphql (differs)",
        f"storefront/orders.graphql (only in {shared})",
    ]


def test_the_projects_extensions_are_a_superset_of_the_shared_ones(tmp_path):
    """marketplace.graphql is the project's own: it may add names (reviews, notifications...)
    but never lose one the shared contract declares; the storefront documents stay copies."""
    shared = tmp_path / "shared-contract"
    shutil.copytree(contract.CONTRACT, shared, ignore=shutil.ignore_patterns("*.md"))
    ours = (contract.CONTRACT / "marketplace.graphql").read_text()
    (shared / "marketplace.graphql").write_text(ours.replace("  reviewCount: Int!", "", 1))
    assert contract.out_of_step(contract.CONTRACT, shared) == []  # we have more: fine
    (shared / "marketplace.graphql").write_text(
        ours + "\nextend type Vendor { founded: Int }\nenum ReviewErrorCode2 { A }\n"
    )
    assert contract.out_of_step(contract.CONTRACT, shared) == [
        "marketplace.graphql (lacks ReviewErrorCode2, ReviewErrorCode2.A, Vendor.founded)"
    ]


def test_every_name_of_the_extensions_is_in_the_schema(tmp_path):
    schema = build_schema((ROOT / "storefront_api" / "schema.graphql").read_text())
    assert contract.extensions_missing_from_schema(schema) == []
    shutil.copytree(contract.CONTRACT, tmp_path / "contract")
    extensions = tmp_path / "contract" / "marketplace.graphql"
    extensions.write_text(
        extensions.read_text()
        + "\nextend type Product { sparkles(level: Int): Int }\nextend enum ReviewErrorCode { NOPE }\n"
    )
    assert contract.extensions_missing_from_schema(schema, tmp_path / "contract") == [
        "Product.sparkles",
        "Product.sparkles(level)",
        "ReviewErrorCode.NOPE",
    ]


def test_no_shared_folder_is_not_an_error(tmp_path):
    assert contract.out_of_step(contract.CONTRACT, tmp_path / "absent") is None


def test_the_check_passes_in_this_checkout_with_or_without_the_shared_folder():
    result = subprocess.run(
        [sys.executable, "scripts/contract.py"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "contract: 30 of 30 storefront operations validate" in result.stdout
    assert "contract: every name of marketplace.graphql is in the schema" in result.stdout
    if contract.SHARED_CONTRACT.is_dir():
        assert "contract: tests/contract/ is in step with" in result.stdout
    else:
        assert "not found; the in-repository copies were not compared" in result.stdout
