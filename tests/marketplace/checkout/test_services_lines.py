"""``lines_update`` at the service level: a line named by its id or by its variant (the
lookup the mutation used to make), the same rules whoever calls it."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from marketplace.checkout import services
from marketplace.checkout.models import CheckoutLine
from tests.checkout_helpers import shop_with_product

pytestmark = pytest.mark.django_db


def checkout_with(seeded_channels, product, quantity: int):
    variant = product.variants.order_by("pk").first()
    checkout = services.checkout_create(
        actor=None, channel=seeded_channels["default-channel"], lines=[(variant.pk, quantity)]
    )
    return checkout, variant


def test_a_line_is_named_by_its_id_or_by_its_variant(seeded_channels):
    _, product = shop_with_product(stock=10)
    checkout, variant = checkout_with(seeded_channels, product, 1)
    line = CheckoutLine.objects.get(checkout=checkout)
    services.lines_update(checkout=checkout, lines=[services.LineQuantity(quantity=3, variant_id=variant.pk)])
    assert CheckoutLine.objects.get(pk=line.pk).quantity == 3
    services.lines_update(checkout=checkout, lines=[services.LineQuantity(quantity=2, line_id=line.pk)])
    assert CheckoutLine.objects.get(pk=line.pk).quantity == 2
    services.lines_update(checkout=checkout, lines=[services.LineQuantity(quantity=0, variant_id=variant.pk)])
    assert not CheckoutLine.objects.filter(checkout=checkout).exists()


def test_a_variant_not_in_the_checkout_changes_nothing(seeded_channels):
    _, product = shop_with_product(stock=10)
    _, other = shop_with_product(stock=10)
    checkout, variant = checkout_with(seeded_channels, product, 1)
    stranger = other.variants.get()
    with pytest.raises(ValidationError) as refused:
        services.lines_update(
            checkout=checkout,
            lines=[
                services.LineQuantity(quantity=4, variant_id=variant.pk),
                services.LineQuantity(quantity=1, variant_id=stranger.pk),
            ],
        )
    error = refused.value.error_dict["variant_id"][0]
    assert (error.code, error.params) == ("NOT_FOUND", {"variants": [stranger.pk]})
    with translation.override("en"):
        assert str(error.message) == "The variant is not in the checkout."
    with translation.override("vi"):
        assert str(error.message) == "Biến thể này không có trong giỏ hàng."
    assert CheckoutLine.objects.get(checkout=checkout).quantity == 1
