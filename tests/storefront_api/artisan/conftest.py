"""Two artisan shops with an owner each, a product with a variant and stock; the parties
of the authorization matrix."""

from dataclasses import dataclass

import pytest

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Attribute, AttributeProduct, AttributeValue, Product, ProductType
from marketplace.inventory.models import Warehouse
from tests.conftest import ApiClient, client_for, grant
from tests.factories import (
    CategoryFactory,
    ProductTypeFactory,
    UserFactory,
    VendorFactory,
    WarehouseFactory,
    listed_product,
)
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole


@dataclass
class World:
    shop: Vendor
    other_shop: Vendor
    owner: User
    other_owner: User
    product: Product
    warehouse: Warehouse
    product_type: ProductType
    material: Attribute


@pytest.fixture
def world(seeded_channels) -> World:
    shop, other_shop = VendorFactory(slug="gom-minh"), VendorFactory(slug="lua-ha")
    owner, other_owner = UserFactory(email="minh@example.vn"), UserFactory(email="ha@example.vn")
    VendorMember.objects.create(vendor=shop, user=owner, role=VendorMemberRole.OWNER)  # type: ignore[misc]
    VendorMember.objects.create(vendor=other_shop, user=other_owner, role=VendorMemberRole.OWNER)  # type: ignore[misc]
    warehouse = WarehouseFactory(vendor=shop, slug="xuong-minh")
    WarehouseFactory(vendor=other_shop, slug="xuong-ha")
    product_type = ProductTypeFactory(slug="binh-gom")
    material = Attribute.objects.create(slug="chat-lieu", name="Chất liệu")
    AttributeProduct.objects.create(product_type=product_type, attribute=material)  # type: ignore[misc]
    AttributeValue.objects.create(attribute=material, name="Đất sét", slug="dat-set")
    CategoryFactory(slug="gom-su")
    VendorFactory(slug="cho-duyet", status="PENDING")
    product = listed_product(slug="binh-men-lam", vendor=shop, warehouse=warehouse, product_type=product_type)  # type: ignore[arg-type]
    return World(shop, other_shop, owner, other_owner, product, warehouse, product_type, material)  # type: ignore[arg-type]


@pytest.fixture
def parties(world, customer_user, staff_user) -> dict[str, ApiClient]:
    product_admin = User.objects.create_user("sanpham@langnghe.vn", "x", is_staff=True)
    grant(product_admin, PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_VENDORS)
    return {
        "anonymous": ApiClient(),
        "customer": client_for(customer_user),
        "other shop's member": client_for(world.other_owner),
        "staff without the permission": client_for(staff_user),
        "member": client_for(world.owner),
        "staff with the permission": client_for(product_admin),
    }
