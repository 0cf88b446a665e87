import pytest

from tests.backoffice.conftest import signed_in
from tests.backoffice.curator import helpers


@pytest.fixture
def reviewer(seeded_channels):  # type: ignore[no-untyped-def]
    return helpers.curator()


@pytest.fixture
def reviewer_client(reviewer):  # type: ignore[no-untyped-def]
    return signed_in(reviewer)


@pytest.fixture
def admin(seeded_channels):  # type: ignore[no-untyped-def]
    return helpers.vendor_admin()


@pytest.fixture
def admin_client(admin):  # type: ignore[no-untyped-def]
    return signed_in(admin)


@pytest.fixture
def submission(shop, owner):  # type: ignore[no-untyped-def]
    return helpers.pending_submission(shop, owner, "Bình hút lộc men lam")


@pytest.fixture
def certificate(shop, owner):  # type: ignore[no-untyped-def]
    return helpers.submitted_certificate(helpers.product_of(shop, "Chén trà men rạn"), owner)


@pytest.fixture
def pending_shop(seeded_channels):  # type: ignore[no-untyped-def]
    return helpers.application("Mây tre Phú Vinh", "lan@example.vn")[0]
