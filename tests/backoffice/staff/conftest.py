"""Fixtures of the staff console's tests: a staff member holding one permission, signed in."""

import pytest

from marketplace.accounts.permissions import PermissionEnum
from tests.backoffice.conftest import signed_in
from tests.conftest import grant
from tests.factories import UserFactory


def staff_with(*permissions: PermissionEnum, email: str = ""):  # type: ignore[no-untyped-def]
    user = UserFactory(
        email=email or f"staff-{len(permissions)}-{UserFactory._meta.model.objects.count()}@langnghe.vn",
        is_staff=True,
    )
    if permissions:
        grant(user, *permissions)
    return user


@pytest.fixture
def vendors_staff(db):  # type: ignore[no-untyped-def]
    return staff_with(PermissionEnum.MANAGE_VENDORS, email="shops@langnghe.vn")


@pytest.fixture
def vendors_staff_client(vendors_staff):  # type: ignore[no-untyped-def]
    return signed_in(vendors_staff)


@pytest.fixture
def other_staff(db):  # type: ignore[no-untyped-def]
    """Staff holding a permission that opens the console, but not the page's."""
    return staff_with(PermissionEnum.MANAGE_ORDERS, email="orders@langnghe.vn")


@pytest.fixture
def curator(db):  # type: ignore[no-untyped-def]
    return staff_with(PermissionEnum.MANAGE_SHOWCASE, email="curator@langnghe.vn")
