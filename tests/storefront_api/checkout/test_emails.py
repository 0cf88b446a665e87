"""Order emails go out in the reader's language, after the commit."""

import pytest
from django.core import mail

from marketplace.catalog.models import ProductTranslation
from tests.checkout_helpers import ADDRESS, op, pay_and_complete, shop_with_product, variant_id
from tests.conftest import ApiClient, client_for, data
from tests.factories import UserFactory
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

CREATE_EN = """mutation($lines: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "default-channel",
  email: "emma@example.com", lines: $lines, languageCode: EN}) { checkout { id } errors { code } } }"""


def test_a_tourist_and_an_english_speaking_artisan_read_english(seeded_channels):
    vendor, product = shop_with_product(price=120_000)
    ProductTranslation.objects.create(product=product, language_code="en", name="Blue-glazed vase")
    artisan = UserFactory(language_code="en")
    VendorMember.objects.create(vendor=vendor, user=artisan, role=VendorMemberRole.OWNER)
    tourist = ApiClient()
    created = data(tourist.graphql(CREATE_EN, {"lines": [{"variantId": variant_id(product), "quantity": 2}]}))
    checkout_id = created["checkoutCreate"]["checkout"]["id"]
    for name in ("CheckoutShippingAddressUpdate", "CheckoutBillingAddressUpdate"):
        op(tourist, name, id=checkout_id, address=ADDRESS)
    method = op(tourist, "CheckoutFind", id=checkout_id)["checkout"]["shippingMethods"][0]["id"]
    op(tourist, "CheckoutDeliveryMethodUpdate", id=checkout_id, deliveryMethodId=method)
    assert mail.outbox == []
    number = pay_and_complete(tourist, checkout_id)["order"]["number"]
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient["emma@example.com"].subject == f"Order #{number} is placed"
    assert f"Order #{number}: 265.000 VND." in by_recipient["emma@example.com"].body  # 240,000 + 25,000
    assert "- Blue-glazed vase Loại 0 × 2" in by_recipient["emma@example.com"].body  # the English name
    assert f"- {product.name} Loại 0 × 2" in by_recipient[artisan.email].body
    assert by_recipient[artisan.email].subject == f"New order #{number}"
    assert len(mail.outbox) == 2


def test_a_refused_completion_sends_nothing(seeded_channels):
    _, product = shop_with_product()
    client = client_for(UserFactory())
    created = op(
        client,
        "CheckoutCreate",
        channel="default-channel",
        email="a@example.vn",
        lines=[{"variantId": variant_id(product), "quantity": 1}],
    )
    result = op(client, "CheckoutComplete", id=created["checkoutCreate"]["checkout"]["id"])[
        "checkoutComplete"
    ]
    assert result["errors"][0]["code"] == "BILLING_ADDRESS_NOT_SET"
    assert mail.outbox == []
