"""``checkout_complete`` at the service level: the repeat answers to the first call's rules,
whoever calls it (a mutation, a back-office view or a task)."""

import pytest
from django.core.exceptions import ValidationError
from graphql_relay import from_global_id

from marketplace.checkout.complete import checkout_complete
from marketplace.orders.models import Order
from tests.checkout_helpers import op, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def paid_checkout(client: ApiClient):
    _, product = shop_with_product(price=120_000, stock=4)
    checkout_id = ready_checkout(client, [(product, 1)])
    paid = op(client, "CheckoutPaymentCreate", id=checkout_id, gateway="vn.cod", amount=None, token=None)
    assert paid["checkoutPaymentCreate"]["errors"] == []
    return from_global_id(checkout_id)[1]


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}  # type: ignore[misc]


def test_the_first_call_places_and_the_repeat_only_finds(seeded_channels):
    token = paid_checkout(ApiClient())
    first = checkout_complete(token=token, actor=None)
    assert first.placed is True and first.order.user_id is None
    again = checkout_complete(token=token, actor=None)
    assert again.placed is False and again.order.pk == first.order.pk
    assert (again.confirmation_needed, again.confirmation_data) == (False, {})
    stranger = checkout_complete(token=token, actor=UserFactory())  # a guest's order: the ID is enough
    assert stranger.placed is False and stranger.order.pk == first.order.pk
    assert Order.objects.count() == 1


def test_a_customers_order_is_found_only_by_that_customer(seeded_channels):
    owner = UserFactory(email="chu@example.vn")
    token = paid_checkout(client_for(owner))
    placed = checkout_complete(token=token, actor=owner)
    assert placed.placed is True and placed.order.user_id == owner.pk
    for actor in (None, UserFactory(), UserFactory(is_staff=True, is_superuser=True)):
        with pytest.raises(ValidationError) as refused:
            checkout_complete(token=token, actor=actor)
        assert codes(refused.value) == {"id": ["NOT_FOUND"]}
    assert checkout_complete(token=token, actor=owner).order.pk == placed.order.pk
