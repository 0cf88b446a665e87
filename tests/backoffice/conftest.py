"""Fixtures of the back-office tests: a shop with its workshop, a product type with
attributes of several input types, a category, an owner signed in through the real
sign-in page, and an order placed through the checkout API."""

from typing import Any

import pytest
from django.test import Client, TestCase

from marketplace.catalog.models import (
    Attribute,
    AttributeInputType,
    AttributeProduct,
    AttributeValue,
    ProductType,
)
from marketplace.orders.models import Order
from tests.checkout_helpers import pay_and_complete, ready_checkout
from tests.conftest import ApiClient
from tests.factories import CategoryFactory, UserFactory, VendorFactory, WarehouseFactory, listed_product
from vendors.shops.models import VendorMember, VendorMemberRole

PASSWORD = "secret-pass-123"  # UserFactory's


class StudioClient(Client):
    """The test client with on-commit work (e-mails, tasks) run after each POST, as in the API tests."""

    def post(self, *args: Any, **kwargs: Any):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().post(*args, **kwargs)


def signed_in(user: Any) -> StudioClient:
    client = StudioClient()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def form_token(response: Any) -> str:
    """The once-only token of the (first) form on a page."""
    import re

    match = re.search(rb'name="form_token" value="([^"]+)"', response.content)
    assert match, "no form token on the page"
    return match.group(1).decode()


@pytest.fixture
def shop(seeded_channels):
    vendor = VendorFactory(name="Gốm Minh Châu")
    WarehouseFactory(vendor=vendor)
    return vendor


@pytest.fixture
def owner(shop):
    user = UserFactory(email="chau@example.vn", first_name="Minh", last_name="Châu")
    VendorMember.objects.create(vendor=shop, user=user, role=VendorMemberRole.OWNER)
    return user


@pytest.fixture
def owner_client(owner) -> StudioClient:
    return signed_in(owner)


@pytest.fixture
def other_shop(seeded_channels):
    vendor = VendorFactory(name="Lụa Vạn Phúc")
    warehouse = WarehouseFactory(vendor=vendor)
    product = listed_product(vendor=vendor, prices=(300_000,), warehouse=warehouse, name="Khăn lụa")
    member = UserFactory(email="lua@example.vn")
    VendorMember.objects.create(vendor=vendor, user=member, role=VendorMemberRole.OWNER)
    return {"vendor": vendor, "product": product, "member": member}


@pytest.fixture
def ceramics_type(db):
    """A product type with a dropdown (glaze), a multiselect (use), text, number and yes/no."""
    product_type = ProductType.objects.create(name="Gốm", slug="gom")
    specs = [
        ("men", "Men", AttributeInputType.DROPDOWN, ["Men lam", "Men rạn"]),
        ("cong-dung", "Công dụng", AttributeInputType.MULTISELECT, ["Trang trí", "Đựng trà"]),
        ("ghi-chu", "Ghi chú", AttributeInputType.PLAIN_TEXT, []),
        ("dung-tich", "Dung tích (ml)", AttributeInputType.NUMERIC, []),
        ("lo-vi-song", "Dùng được lò vi sóng", AttributeInputType.BOOLEAN, []),
    ]
    for position, (slug, name, kind, values) in enumerate(specs):
        attribute = Attribute.objects.create(slug=slug, name=name, input_type=kind)
        for index, value in enumerate(values):
            from marketplace.core.text import slugify_vi

            AttributeValue.objects.create(
                attribute=attribute, name=value, slug=slugify_vi(value), sort_order=index
            )
        AttributeProduct.objects.create(product_type=product_type, attribute=attribute, sort_order=position)
    return product_type


@pytest.fixture
def category(db):
    return CategoryFactory(name="Gốm sứ", slug="gom-su")


@pytest.fixture
def shop_product(shop):
    return listed_product(
        vendor=shop,
        prices=(150_000, 250_000),
        stock=5,
        warehouse=shop.warehouses.first(),
        name="Bình hoa men lam",
    )


@pytest.fixture
def placed_order(shop, shop_product):
    """A cash-on-delivery order of 2 units of the shop's product, placed over the API."""
    buyer = ApiClient()
    result = pay_and_complete(buyer, ready_checkout(buyer, [(shop_product, 2)]))
    assert result["errors"] == [], result["errors"]
    order = Order.objects.get(number=result["order"]["number"])
    return order.vendor_orders.get(vendor=shop)
