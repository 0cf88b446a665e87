"""Update services start from the row as last saved and write only what they change.

Each test edits one row through two copies read before either edit (an artisan's phone and
laptop, each showing the form it loaded): the second edit must not put back the first
one's field. Real concurrency (threads, the row lock) is in
``tests/marketplace/catalog/test_concurrent_updates.py``."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from marketplace.accounts import services as accounts
from marketplace.accounts.models import Address, User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Collection, Product, ProductVariant
from marketplace.catalog.services.products import product_update
from marketplace.catalog.services.variants import variant_update
from marketplace.core.edits import locked_edit
from marketplace.curation import collections
from marketplace.routes import services as routes
from marketplace.routes.models import TourismRoute
from tests.conftest import grant
from tests.factories import AddressFactory, UserFactory, VendorFactory, listed_product
from vendors.shops import services as shops
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(seeded_channels):
    user = UserFactory(email="minh@example.vn")
    VendorMember.objects.create(vendor=VendorFactory(), user=user, role=VendorMemberRole.OWNER)
    return user


@pytest.fixture
def product(owner):
    vendor = owner.vendor_memberships.get().vendor
    return listed_product(vendor=vendor, name="Bình gốm", slug="binh-gom", seo_title="", weight_grams=500)


def two_copies(instance):
    model = type(instance)
    return model.objects.get(pk=instance.pk), model.objects.get(pk=instance.pk)


def update_statements(queries, table: str) -> list[list[str]]:
    """The columns each ``UPDATE "table" SET ...`` statement wrote."""
    result = []
    for query in queries:
        sql = query["sql"]
        if sql.startswith(f'UPDATE "{table}" SET'):
            assignments = sql.split(" SET ", 1)[1].rsplit(" WHERE ", 1)[0]
            result.append(re.findall(r'"(\w+)" = ', assignments))
    return result


def test_product_update_keeps_the_other_devices_fields_and_writes_only_its_own(owner, product):
    phone, laptop = two_copies(product)
    before = product.updated_at
    product_update(actor=owner, product=phone, data={"name": "Bình gốm men lam"})
    with CaptureQueriesContext(connection) as queries:
        returned = product_update(actor=owner, product=laptop, data={"seo_title": "Bình hoa Bát Tràng"})
    saved = Product.objects.get(pk=product.pk)
    assert (saved.name, saved.seo_title, saved.weight_grams) == (
        "Bình gốm men lam",
        "Bình hoa Bát Tràng",
        500,
    )
    assert returned is laptop and laptop.name == "Bình gốm men lam"  # the caller sees the saved row
    assert saved.updated_at > before and saved.updated_at == laptop.updated_at
    assert update_statements(queries.captured_queries, "catalog_product")[0] == ["seo_title", "updated_at"]
    sql = [q["sql"] for q in queries.captured_queries]
    assert any(s.startswith('SELECT "catalog_product"') and s.endswith("FOR UPDATE") for s in sql)
    assert " binh gom men lam" in saved.search_document  # the search text sees both edits


def test_variant_update(owner, product):
    variant = product.variants.get()
    phone, laptop = two_copies(variant)
    variant_update(actor=owner, variant=phone, data={"sku": "BG-LAM-01"})
    variant_update(actor=owner, variant=laptop, data={"name": "Cỡ lớn", "quantity_limit_per_customer": 3})
    saved = ProductVariant.objects.get(pk=variant.pk)
    assert (saved.sku, saved.name, saved.quantity_limit_per_customer) == ("BG-LAM-01", "Cỡ lớn", 3)


def test_vendor_update_keeps_both_and_indexes_both(owner):
    vendor = owner.vendor_memberships.get().vendor
    phone, laptop = two_copies(vendor)
    shops.vendor_update(actor=owner, vendor=phone, data={"name": "Gốm Minh Long"})
    shops.vendor_update(actor=owner, vendor=laptop, data={"description": "Men rạn cổ truyền"})
    saved = Vendor.objects.get(pk=vendor.pk)
    assert (saved.name, saved.description) == ("Gốm Minh Long", "Men rạn cổ truyền")
    assert "gom minh long" in saved.search_document and "men ran co truyen" in saved.search_document


def test_collection_update(seeded_channels):
    curator = UserFactory(is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    collection = collections.collection_create(actor=curator, data={"name": "Quà Tết"})
    phone, laptop = two_copies(collection)
    collections.collection_update(actor=curator, collection=phone, data={"name": "Quà Tết 2027"})
    collections.collection_update(
        actor=curator, collection=laptop, data={"seo": {"title": "Quà Tết làng nghề"}}
    )
    saved = Collection.objects.get(pk=collection.pk)
    assert (saved.name, saved.seo_title) == ("Quà Tết 2027", "Quà Tết làng nghề")


def test_route_update(db):
    manager = UserFactory(is_staff=True)
    grant(manager, PermissionEnum.MANAGE_ROUTES)
    route = TourismRoute.objects.create(slug="gom-lua", name="Gốm – Lụa", distance_km=20.0)
    phone, laptop = two_copies(route)
    routes.route_update(actor=manager, route=phone, name="Gốm Bát Tràng – Lụa Vạn Phúc")
    routes.route_update(actor=manager, route=laptop, duration_hours=6.5)
    saved = TourismRoute.objects.get(pk=route.pk)
    assert (saved.name, saved.distance_km, saved.duration_hours) == (
        "Gốm Bát Tràng – Lụa Vạn Phúc",
        20.0,
        6.5,
    )


def test_account_update_and_password_change(db):
    user = UserFactory(email="lan@example.vn", first_name="Lan", last_name="Trần")
    phone, laptop, tablet = (
        User.objects.get(pk=user.pk),
        User.objects.get(pk=user.pk),
        User.objects.get(pk=user.pk),
    )
    accounts.account_update(user=phone, data={"first_name": "Ngọc Lan"})
    accounts.account_update(user=laptop, data={"language_code": "en"})
    accounts.password_change(user=tablet, old_password="secret-pass-123", new_password="Gom-Bat-Trang-2026")
    saved = User.objects.get(pk=user.pk)
    assert (saved.first_name, saved.last_name, saved.language_code) == ("Ngọc Lan", "Trần", "en")
    assert saved.check_password("Gom-Bat-Trang-2026")


def test_set_password_keeps_a_concurrent_profile_edit_and_spends_the_link(db):
    user = UserFactory(email="lan@example.vn", first_name="Lan")
    token = default_token_generator.make_token(user)
    accounts.account_update(user=User.objects.get(pk=user.pk), data={"last_name": "Phạm"})
    accounts.set_password(email="lan@example.vn", token=token, password="Gom-Bat-Trang-2026")
    saved = User.objects.get(pk=user.pk)
    assert (saved.first_name, saved.last_name, saved.is_confirmed) == ("Lan", "Phạm", True)
    with pytest.raises(ValidationError) as spent:
        accounts.set_password(email="lan@example.vn", token=token, password="Another-Pass-2026")
    assert spent.value.error_dict["token"][0].code == "INVALID"
    assert User.objects.get(pk=user.pk).check_password("Gom-Bat-Trang-2026")


def test_address_update(db):
    user = UserFactory()
    address = AddressFactory()
    user.addresses.add(address)
    accounts.address_update(user=user, address_id=address.pk, data={"street_address_1": "Số 5 Hàng Gai"})
    # The second form still shows the old street; it sends only the phone it changed.
    accounts.address_update(user=user, address_id=address.pk, data={"phone": "0987654321"})
    saved = Address.objects.get(pk=address.pk)
    assert (saved.street_address_1, saved.phone, saved.city) == (
        "Số 5 Hàng Gai",
        "+84987654321",
        "Xã Bát Tràng",
    )


def test_an_edit_that_fails_saves_nothing(owner, product):
    with pytest.raises(ValidationError) as refused:
        product_update(actor=owner, product=product, data={"name": "Tên mới", "weight_grams": 0})
    assert refused.value.error_dict["weight"][0].code == "OUT_OF_RANGE"
    saved = Product.objects.get(pk=product.pk)
    assert (saved.name, saved.updated_at) == ("Bình gốm", product.updated_at)


def test_locked_edit_keeps_loaded_relations_and_an_edit_without_changes_only_touches_updated_at(product):
    variant = ProductVariant.objects.select_related("product").get(product=product)
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            with locked_edit(variant):
                pass
            assert variant.product.name == "Bình gốm"  # no new query for the relation loaded before
    sql = [q["sql"] for q in queries.captured_queries]
    assert len(sql) == 2 and sql[0].endswith("FOR UPDATE")
    assert update_statements(queries.captured_queries, "catalog_productvariant") == [["updated_at"]]


def test_a_deferred_column_is_not_read_to_compare_but_saved_when_set(product):
    deferred = Product.objects.only("name").get(pk=product.pk)
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            with locked_edit(deferred):
                deferred.seo_description = "Men lam vẽ tay"
    assert len(queries.captured_queries) == 2  # the locked read and one UPDATE, no lazy loads
    assert update_statements(queries.captured_queries, "catalog_product") == [
        ["seo_description", "updated_at"]
    ]
    assert Product.objects.get(pk=product.pk).seo_description == "Men lam vẽ tay"
