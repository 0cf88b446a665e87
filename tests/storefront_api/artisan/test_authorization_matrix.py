"""Every artisan mutation against every party: anonymous, customer, another shop's member,
staff without the permission, and the allowed parties (the shop's member, staff with it).
A refused call changes nothing."""

import pytest

from marketplace.catalog.models import (
    PendingMediaUpload,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.inventory.models import Stock
from storefront_api.core.ids import to_id
from tests.factories import channel
from vendors.shops.models import Vendor, VendorMember

PARTIES = [
    "anonymous",
    "customer",
    "other shop's member",
    "staff without the permission",
    "member",
    "staff with the permission",
]


def snapshot():
    return (
        sorted(Product.objects.values_list("slug", "name", "description")),
        sorted(ProductVariant.objects.values_list("sku", "name")),
        sorted(Stock.objects.values_list("product_variant__sku", "quantity")),
        sorted(ProductChannelListing.objects.values_list("product__slug", "channel__slug", "is_published")),
        sorted(
            ProductVariantChannelListing.objects.values_list("variant__sku", "channel__slug", "price_amount")
        ),
        ProductTranslation.objects.count(),
        sorted(Vendor.objects.values_list("slug", "status", "name")),
        VendorMember.objects.count(),
        ProductMedia.objects.count(),
        PendingMediaUpload.objects.count(),
    )


def variant(world):
    return world.product.variants.first()


CASES = {
    "productCreate": (
        """mutation ($input: ProductCreateInput!) { productCreate(input: $input) { product { slug } errors { field code } } }""",
        lambda w: {
            "input": {
                "productType": to_id("ProductType", w.product_type.pk),
                "name": "Bình mới",
                "vendor": to_id("Vendor", w.shop.pk),
            }
        },
        {"member", "staff with the permission"},
    ),
    "productUpdate": (
        """mutation ($id: ID!) { productUpdate(id: $id, input: {name: "Tên mới"}) { product { name } errors { field code } } }""",
        lambda w: {"id": to_id("Product", w.product.pk)},
        {"member", "staff with the permission"},
    ),
    "productDelete": (
        """mutation ($id: ID!) { productDelete(id: $id) { product { id } errors { field code } } }""",
        lambda w: {"id": to_id("Product", w.product.pk)},
        {"member", "staff with the permission"},
    ),
    "productTranslate": (
        """mutation ($id: ID!) { productTranslate(id: $id, languageCode: EN, input: {name: "Vase"}) { translation { name } errors { field code } } }""",
        lambda w: {"id": to_id("Product", w.product.pk)},
        {"member", "staff with the permission"},
    ),
    "productVariantCreate": (
        """mutation ($input: ProductVariantCreateInput!) { productVariantCreate(input: $input) { productVariant { sku } errors { field code } } }""",
        lambda w: {
            "input": {
                "product": to_id("Product", w.product.pk),
                "sku": "NEW-1",
                "attributes": [],
                "stocks": [{"warehouse": to_id("Warehouse", w.warehouse.pk), "quantity": 4}],
            }
        },
        {"member", "staff with the permission"},
    ),
    "productVariantUpdate": (
        """mutation ($id: ID!) { productVariantUpdate(id: $id, input: {name: "Cỡ lớn"}) { productVariant { name } errors { field code } } }""",
        lambda w: {"id": to_id("ProductVariant", variant(w).pk)},
        {"member", "staff with the permission"},
    ),
    "productVariantDelete": (
        """mutation ($id: ID!) { productVariantDelete(id: $id) { product { slug } errors { field code } } }""",
        lambda w: {"id": to_id("ProductVariant", variant(w).pk)},
        {"member", "staff with the permission"},
    ),
    "productVariantStocksUpdate": (
        """mutation ($id: ID!, $stocks: [StockInput!]!) { productVariantStocksUpdate(variantId: $id, stocks: $stocks) { productVariant { quantityAvailable } errors { field code } } }""",
        lambda w: {
            "id": to_id("ProductVariant", variant(w).pk),
            "stocks": [{"warehouse": to_id("Warehouse", w.warehouse.pk), "quantity": 42}],
        },
        {"member", "staff with the permission"},
    ),
    "productChannelListingUpdate": (
        """mutation ($id: ID!, $channel: ID!) { productChannelListingUpdate(id: $id, input: {updateChannels: [{channelId: $channel, isPublished: false}]}) { product { slug } errors { field code } } }""",
        lambda w: {"id": to_id("Product", w.product.pk), "channel": to_id("Channel", channel().pk)},
        {"member", "staff with the permission"},
    ),
    "productVariantChannelListingUpdate": (
        """mutation ($id: ID!, $channel: ID!) { productVariantChannelListingUpdate(id: $id, input: [{channelId: $channel, price: "250000"}]) { variant { sku } errors { field code } } }""",
        lambda w: {"id": to_id("ProductVariant", variant(w).pk), "channel": to_id("Channel", channel().pk)},
        {"member", "staff with the permission"},
    ),
    "productMediaDelete": (
        """mutation ($id: ID!) { productMediaDelete(id: $id) { product { slug } errors { field code } } }""",
        lambda w: {"id": to_id("ProductMedia", w.product.media.get().pk)},
        {"member", "staff with the permission"},
    ),
    "productMediaUploadUrlCreate": (
        """mutation ($id: ID!) { productMediaUploadUrlCreate(productId: $id) { upload { uploadId } errors { field code } } }""",
        lambda w: {"id": to_id("Product", w.product.pk)},
        {"member", "staff with the permission"},
    ),
    "vendorApprove": (
        """mutation ($id: ID!) { vendorApprove(id: $id) { vendor { status } errors { field code } } }""",
        lambda w: {
            "id": to_id("Vendor", Vendor.objects.filter(slug="cho-duyet").values_list("pk", flat=True).get())
        },
        {"staff with the permission"},
    ),
    "vendorSuspend": (
        """mutation ($id: ID!) { vendorSuspend(id: $id, reason: "Hàng giả") { vendor { status } errors { field code } } }""",
        lambda w: {"id": to_id("Vendor", w.shop.pk)},
        {"staff with the permission"},
    ),
    "vendorUpdate": (
        """mutation ($id: ID!) { vendorUpdate(id: $id, input: {name: "Gốm Minh Long"}) { vendor { name } errors { field code } } }""",
        lambda w: {"id": to_id("Vendor", w.shop.pk)},
        {"member", "staff with the permission"},
    ),
    "vendorMemberAdd": (
        """mutation ($id: ID!) { vendorMemberAdd(vendor: $id, email: "khach@example.vn", role: STAFF) { member { role } errors { field code } } }""",
        lambda w: {"id": to_id("Vendor", w.shop.pk)},
        {"member", "staff with the permission"},
    ),
}


@pytest.mark.parametrize("party", PARTIES)
@pytest.mark.parametrize("mutation", list(CASES))
def test_matrix(world, parties, party, mutation):
    ProductMedia.objects.create(product=world.product, image="products/seed.jpg", alt="Ảnh")
    document, variables, allowed = CASES[mutation]
    before = snapshot()
    content = parties[party].graphql(document, variables(world))
    result = (content.get("data") or {}).get(mutation)
    if party in allowed:
        assert "errors" not in content, content
        assert result["errors"] == [], result
        assert snapshot() != before
    else:
        refused_at_top = [e["extensions"]["exception"]["code"] for e in content.get("errors", [])] == [
            "PermissionDenied"
        ]
        refused_typed = result is not None and [e["code"] for e in result["errors"]] == ["NOT_FOUND"]
        assert refused_at_top or refused_typed, content
        assert snapshot() == before
