"""``deliveryOptionsCalculate`` (the Saleor storefront's only source of delivery options):
shipping methods priced over every artisan's parcel, then the collection points that can
serve every shop of the cart; choosing one by its Delivery ID; ``Checkout.delivery`` and the
checkout's problems when the chosen delivery stops serving the cart."""

import uuid

import pytest

from marketplace.checkout.models import Checkout
from tests.checkout_helpers import ADDRESS, ADDRESS_HUE, design_centre, gid, shop_with_product, variant_id
from tests.conftest import ApiClient, client_for
from tests.factories import UserFactory
from tests.storefront_api.checkout.documents import (
    CHECKOUT,
    CREATE,
    DELIVERY_METHOD,
    DELIVERY_OPTIONS,
    EMAIL,
    LINES_ADD,
    SHIPPING_ADDRESS,
    payload,
    run,
)

pytestmark = pytest.mark.django_db


def cart(client: ApiClient, lines, address=ADDRESS) -> str:
    checkout_id = payload(client, CREATE, channel="default-channel")["checkout"]["id"]
    payload(
        client,
        LINES_ADD,
        id=checkout_id,
        lines=[{"variantId": variant_id(p), "quantity": q} for p, q in lines],
    )
    payload(client, EMAIL, id=checkout_id, email="lan@example.vn")
    if address:
        assert payload(client, SHIPPING_ADDRESS, id=checkout_id, address=address)["errors"] == []
    return checkout_id


def options(client: ApiClient, checkout_id: str) -> dict:
    result = payload(client, DELIVERY_OPTIONS, id=checkout_id)
    assert result["errors"] == []
    return {d["shippingMethod"]["name"]: d for d in result["deliveries"]}


def test_options_are_priced_per_parcel_and_pickups_follow_the_cart(seeded_channels):
    point = design_centre()
    shop_a, pot = shop_with_product(price=100_000, pickup=True, weight_grams=3_000)
    _, hat = shop_with_product(price=50_000)
    client = ApiClient()
    checkout_id = cart(client, [(pot, 1)])
    single = options(client, checkout_id)
    workshop = shop_a.warehouses.get()
    assert list(single) == [
        "Giao hàng tiêu chuẩn Hà Nội",
        "Giao nhanh trong ngày",
        f"Nhận tại {point.name}",
        f"Nhận tại {workshop.name}",
    ]
    # One parcel of 3 kg: 25,000 + 2 x 5,000.
    assert single["Giao hàng tiêu chuẩn Hà Nội"]["shippingMethod"]["price"]["amount"] == 35_000
    assert single[f"Nhận tại {workshop.name}"]["shippingMethod"]["id"] == gid("Warehouse", workshop.pk)

    payload(client, LINES_ADD, id=checkout_id, lines=[{"variantId": variant_id(hat), "quantity": 2}])
    both = options(client, checkout_id)
    # Two parcels: 35,000 + 25,000; the workshop cannot serve the other shop's item.
    assert both["Giao hàng tiêu chuẩn Hà Nội"]["shippingMethod"]["price"]["amount"] == 60_000
    assert f"Nhận tại {workshop.name}" not in both and f"Nhận tại {point.name}" in both

    heavy = cart(client, [(pot, 4)])  # one parcel of 12 kg: too heavy for same-day delivery (10 kg)
    same_day = options(client, heavy)["Giao nhanh trong ngày"]["shippingMethod"]
    assert (same_day["active"], same_day["message"]) == (
        False,
        f"A parcel is heavier than 10000 g ({shop_a.name}).",
    )
    refused = payload(
        client,
        DELIVERY_METHOD,
        id=heavy,
        deliveryMethodId=options(client, heavy)["Giao nhanh trong ngày"]["id"],
    )
    assert refused["errors"][0]["code"] == "DELIVERY_METHOD_NOT_APPLICABLE"
    hue = cart(client, [(pot, 1)], address=ADDRESS_HUE)
    far = options(client, hue)
    assert [name for name in far if not name.startswith("Nhận")] == [
        "Giao hàng tiêu chuẩn toàn quốc",
        "Giao hàng nhanh toàn quốc",
    ]
    assert far["Giao hàng tiêu chuẩn toàn quốc"]["shippingMethod"]["price"]["amount"] == 35_000 + 2 * 8_000


def test_the_chosen_delivery_is_the_checkouts_and_turns_invalid_when_the_cart_changes(seeded_channels):
    design_centre()
    shop_a, pot = shop_with_product(price=100_000, pickup=True)
    _, hat = shop_with_product(price=50_000)
    client = ApiClient()
    checkout_id = cart(client, [(pot, 1)])
    workshop = shop_a.warehouses.get()
    pickup = options(client, checkout_id)[f"Nhận tại {workshop.name}"]
    chosen = payload(client, DELIVERY_METHOD, id=checkout_id, deliveryMethodId=pickup["id"])
    assert chosen["errors"] == []
    assert chosen["checkout"]["delivery"] == {
        "id": pickup["id"],
        "shippingMethod": {"id": gid("Warehouse", workshop.pk), "name": f"Nhận tại {workshop.name}"},
    }
    assert Checkout.objects.get().collection_point_id == workshop.pk
    assert chosen["checkout"]["problems"] == []

    # Another shop's item: the workshop cannot serve the cart any more.
    added = payload(client, LINES_ADD, id=checkout_id, lines=[{"variantId": variant_id(hat), "quantity": 1}])
    assert added["checkout"]["problems"] == [
        {"__typename": "CheckoutProblemDeliveryMethodInvalid", "delivery": {"id": pickup["id"]}}
    ]
    again = payload(client, DELIVERY_METHOD, id=checkout_id, deliveryMethodId=pickup["id"])
    assert again["errors"] == [
        {
            "field": "deliveryMethodId",
            "code": "DELIVERY_METHOD_NOT_APPLICABLE",
            "message": "This collection point cannot serve every shop of the checkout.",
        }
    ]


def test_delivery_ids_of_another_checkout_or_garbage_are_refused(seeded_channels):
    _, pot = shop_with_product(price=100_000)
    client = ApiClient()
    first, second = cart(client, [(pot, 1)]), cart(client, [(pot, 1)])
    theirs = options(client, first)["Giao hàng tiêu chuẩn Hà Nội"]["id"]
    refused = payload(client, DELIVERY_METHOD, id=second, deliveryMethodId=theirs)
    assert refused["errors"] == [
        {
            "field": "deliveryMethodId",
            "code": "DELIVERY_METHOD_NOT_APPLICABLE",
            "message": "This delivery method is not applicable.",
        }
    ]
    forged = gid("CheckoutDelivery", "not/a/delivery")
    assert payload(client, DELIVERY_METHOD, id=second, deliveryMethodId=forged)["errors"] == [
        {"field": "deliveryMethodId", "code": "INVALID", "message": "Couldn't resolve to a delivery."}
    ]
    product_id = gid("Product", pot.pk)
    assert payload(client, DELIVERY_METHOD, id=second, deliveryMethodId=product_id)["errors"] == [
        {
            "field": "deliveryMethodId",
            "code": "INVALID",
            "message": "ID does not belong to Warehouse, ShippingMethod, or CheckoutDelivery",
        }
    ]
    assert Checkout.objects.filter(shipping_method__isnull=False).count() == 0


def test_delivery_options_of_a_checkout_one_may_not_use(seeded_channels):
    _, pot = shop_with_product(price=100_000)
    owner = client_for(UserFactory(email="chu@example.vn"))
    checkout_id = cart(owner, [(pot, 1)])
    for client in (ApiClient(), client_for(UserFactory(email="khac@example.vn"))):
        assert payload(client, DELIVERY_OPTIONS, id=checkout_id) == {
            "deliveries": [],
            "errors": [{"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a checkout."}],
        }
    missing = gid("Checkout", uuid.uuid4())
    assert payload(owner, DELIVERY_OPTIONS, id=missing)["errors"][0]["code"] == "NOT_FOUND"
    assert payload(owner, DELIVERY_OPTIONS, id="garbage")["errors"][0]["code"] == "INVALID"
    assert len(options(owner, checkout_id)) >= 2


def test_a_cart_without_an_address_has_only_pickups(seeded_channels):
    point = design_centre()
    _, pot = shop_with_product(price=100_000)
    client = ApiClient()
    checkout_id = cart(client, [(pot, 1)], address=None)
    assert list(options(client, checkout_id)) == [f"Nhận tại {point.name}"]


def test_problems_report_missing_stock_and_unsellable_lines(seeded_channels):
    _, pot = shop_with_product(price=100_000, stock=5)
    client = ApiClient()
    checkout_id = cart(client, [(pot, 4)], address=None)
    variant = pot.variants.get()
    stock = variant.stocks.get()
    stock.quantity = 2
    stock.save()
    problems = run(client, CHECKOUT, id=checkout_id)["checkout"]["problems"]
    line_id = run(client, CHECKOUT, id=checkout_id)["checkout"]["lines"][0]["id"]
    assert problems == [
        {
            "__typename": "CheckoutLineProblemInsufficientStock",
            "availableQuantity": 2,
            "line": {"id": line_id},
            "variant": {"id": gid("ProductVariant", variant.pk)},
        }
    ]
    pot.channel_listings.update(is_published=False)
    problems = run(client, CHECKOUT, id=checkout_id)["checkout"]["problems"]
    assert {"__typename": "CheckoutLineProblemVariantNotAvailable", "line": {"id": line_id}} in problems
