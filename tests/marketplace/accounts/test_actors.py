"""``Actor``: the one caller type of the services, its helpers, ``SYSTEM`` for background
work, and a guard that keeps every service signature on it."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from marketplace.accounts.actors import (
    SYSTEM,
    actor_app,
    actor_user,
    as_actor,
    is_app,
    is_system,
    is_user,
    require_system,
    require_user,
)
from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.permissions import PermissionEnum, effective_permissions, has_permissions
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = ("marketplace", "vendors")


def test_as_actor_accepts_only_callers(db):
    user, (app, _) = UserFactory(), app_create(name="storefront", permissions=[])
    for caller in (user, app, SYSTEM, None):
        assert as_actor(caller) is caller
    assert as_actor(AnonymousUser()) is None
    with pytest.raises(TypeError):
        as_actor("admin@langnghe.vn")


def test_helpers_tell_callers_apart(db):
    user, (app, _) = UserFactory(), app_create(name="storefront", permissions=[])
    assert [actor_user(a) for a in (user, app, SYSTEM, None)] == [user, None, None, None]
    assert [actor_app(a) for a in (user, app, SYSTEM, None)] == [None, app, None, None]
    assert [is_user(a) for a in (user, app, SYSTEM, None)] == [True, False, False, False]
    assert [is_app(a) for a in (user, app, SYSTEM, None)] == [False, True, False, False]
    assert [is_system(a) for a in (user, app, SYSTEM, None)] == [False, False, True, False]
    assert repr(SYSTEM) == "SYSTEM"


def test_only_a_person_passes_require_user(db):
    user = UserFactory()
    assert require_user(user) is user
    for actor in (app_create(name="storefront", permissions=[])[0], SYSTEM, None):
        with pytest.raises(PermissionDenied):
            require_user(actor)


def test_only_system_passes_require_system(db):
    require_system(SYSTEM)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    for actor in (superuser, app_create(name="all", permissions=list(PermissionEnum))[0], None):
        with pytest.raises(PermissionDenied):
            require_system(actor)


def test_system_holds_every_permission_and_anonymous_none(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert effective_permissions(SYSTEM) == frozenset(PermissionEnum)
        assert has_permissions(SYSTEM, list(PermissionEnum))
        assert effective_permissions(None) == frozenset()


def test_apps_and_users_hold_their_own_permissions(db):
    app, _ = app_create(name="orders", permissions=[PermissionEnum.MANAGE_ORDERS])
    assert effective_permissions(app) == {PermissionEnum.MANAGE_ORDERS}
    assert effective_permissions(UserFactory()) == frozenset()
    assert effective_permissions(UserFactory(is_superuser=True)) == frozenset(PermissionEnum)
    assert effective_permissions(UserFactory(is_superuser=True, is_active=False)) == frozenset()


# ---------------------------------------------------------------- the guard


def domain_modules() -> list[Path]:
    return sorted(
        path
        for top in DOMAIN
        for path in (ROOT / top).rglob("*.py")
        if "migrations" not in path.parts and path.name != "actors.py"
    )


def actor_parameters(path: Path) -> list[tuple[str, str]]:
    """``(function, annotation)`` of every parameter named ``actor``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
                if arg.arg == "actor":
                    annotation = ast.unparse(arg.annotation) if arg.annotation else ""
                    found.append((node.name, annotation))
    return found


def test_actor_is_the_only_caller_type_in_domain_signatures():
    wrong = {
        f"{path.relative_to(ROOT)}:{function}": annotation
        for path in domain_modules()
        for function, annotation in actor_parameters(path)
        if annotation != "Actor"
    }
    assert wrong == {}
    assert sum(len(actor_parameters(path)) for path in domain_modules()) > 90


def probes(path: Path) -> list[int]:
    """Lines of calls that tell callers apart by their attributes: ``getattr(actor, ...)``,
    ``hasattr(actor, ...)``, ``isinstance(actor, ...)``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr", "isinstance")
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in ("actor", "principal")
        ):
            found.append(node.lineno)
    return found


def test_no_attribute_probing_of_callers():
    """Only the actors module and the permission table look at what an actor is."""
    allowed = {"marketplace/accounts/permissions.py"}
    paths = [*domain_modules(), *sorted((ROOT / "storefront_api").rglob("*.py"))]
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in paths
        if str(path.relative_to(ROOT)) not in allowed
        for line in probes(path)
    ]
    assert found == []


def test_the_guard_sees_a_stray_caller_type(tmp_path):
    module = tmp_path / "services.py"
    module.write_text(
        "def a(*, actor: Any): ...\n"
        "def b(*, actor: Actor): ...\n"
        "def c(actor): return hasattr(actor, 'orders')\n"
    )
    assert actor_parameters(module) == [("a", "Any"), ("b", "Actor"), ("c", "")]
    assert probes(module) == [3]


# ---------------------------------------------------------------- background work runs as SYSTEM


def housekeeping():
    from marketplace.catalog.services.media import delete_unconfirmed_uploads
    from marketplace.checkout.services import delete_abandoned_checkouts, delete_expired_reservations
    from marketplace.orders.services import expire_unpaid_orders
    from vendors.ocop.services import certificates_expire_and_remind

    return [
        delete_unconfirmed_uploads,
        delete_abandoned_checkouts,
        delete_expired_reservations,
        expire_unpaid_orders,
        certificates_expire_and_remind,
    ]


def test_housekeeping_refuses_any_caller_but_system_before_reading_anything(db, django_assert_num_queries):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    app, _ = app_create(name="all", permissions=list(PermissionEnum))
    for service in housekeeping():
        for actor in (superuser, app, None):
            with django_assert_num_queries(0), pytest.raises(PermissionDenied):
                service(actor=actor)
        assert service(actor=SYSTEM) is not None


def test_every_task_calls_its_service_as_system(db):
    """The beat tasks run (eagerly here) through the SYSTEM-only services."""
    from marketplace.catalog.tasks import delete_unconfirmed_uploads
    from marketplace.checkout.tasks import delete_abandoned_checkouts, delete_expired_reservations
    from marketplace.orders.tasks import expire_unpaid_orders
    from vendors.ocop.tasks import ocop_daily

    for task in (
        delete_unconfirmed_uploads,
        delete_abandoned_checkouts,
        delete_expired_reservations,
        expire_unpaid_orders,
    ):
        assert task.delay().get() == 0
    assert ocop_daily.delay().get() == {"expired": 0, "reminded": 0}
