"""Seeds a throwaway database for tests/scale (run in a subprocess with its DATABASE_URL):
an ACTIVE shop with two members, listed products, and what productCreate needs. Prints
the ids and the members' access tokens as JSON.

    python -m tests.scale.seed
"""

import json

import django


def main() -> None:
    django.setup()
    from graphql_relay import to_global_id

    from marketplace.accounts.tokens import create_access_token
    from tests.factories import (
        CategoryFactory,
        ProductTypeFactory,
        UserFactory,
        VendorFactory,
        WarehouseFactory,
        listed_product,
    )
    from vendors.shops.models import VendorMember, VendorMemberRole

    vendor = VendorFactory()
    warehouse = WarehouseFactory(vendor=vendor)
    owner = UserFactory(email="chu-xuong@example.vn")
    partner = UserFactory(email="tho-gom@example.vn")
    VendorMember.objects.create(vendor=vendor, user=owner, role=VendorMemberRole.OWNER)  # type: ignore[misc]
    VendorMember.objects.create(vendor=vendor, user=partner, role=VendorMemberRole.STAFF)  # type: ignore[misc]
    products = [listed_product(vendor=vendor, warehouse=warehouse, stock=5) for _ in range(5)]  # type: ignore[arg-type]
    print(
        json.dumps(
            {
                "vendor": to_global_id("Vendor", str(vendor.pk)),  # type: ignore[attr-defined]
                "product_type": to_global_id("ProductType", str(ProductTypeFactory().pk)),  # type: ignore[attr-defined]
                "category": to_global_id("Category", str(CategoryFactory().pk)),  # type: ignore[attr-defined]
                "slugs": [p.slug for p in products],
                "owner_token": create_access_token(owner),  # type: ignore[arg-type]
                "partner_token": create_access_token(partner),  # type: ignore[arg-type]
            }
        )
    )


if __name__ == "__main__":
    main()
