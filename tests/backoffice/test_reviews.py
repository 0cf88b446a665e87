"""The seller centre's reviews page: the shop's reviews, newest first, and the one public
reply; another shop's review is not found; a suspended shop reads but cannot reply."""

import pytest
from django.urls import reverse

from backoffice.idempotency import new_token
from marketplace.orders.models import OrderLine
from marketplace.orders.services import vendor_order_fulfill
from marketplace.reviews.models import Review
from marketplace.reviews.services import review_create
from tests.backoffice.conftest import form_token, signed_in
from tests.factories import UserFactory
from tests.service_helpers import part_of, place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(shop, shop_product, owner):  # type: ignore[no-untyped-def]
    buyer = UserFactory(first_name="Lan")
    order = place_order([(shop_product, 1)], buyer=buyer)
    vendor_order_fulfill(actor=owner, vendor_order=part_of(order, shop), lines=None)
    line = OrderLine.objects.get(order=order)
    return review_create(actor=buyer, order_line_id=line.pk, rating=4, text="Men lam rất đẹp")


def reply(client, review, text, token=None):  # type: ignore[no-untyped-def]
    token = token or form_token(client.get(reverse("backoffice:reviews")))
    return client.post(
        reverse("backoffice:review-reply", args=[review.pk]), {"text": text, "form_token": token}
    )


def test_the_owner_reads_and_replies_once(owner_client, review):
    page = owner_client.get(reverse("backoffice:reviews"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Men lam rất đẹp" in body and "4 sao" in body and "Bình hoa men lam" in body
    response = reply(owner_client, review, "Cảm ơn chị Lan!")
    assert response.status_code == 302 and response["Location"] == reverse("backoffice:reviews")
    assert Review.objects.get(pk=review.pk).reply == "Cảm ơn chị Lan!"
    body = owner_client.get(reverse("backoffice:reviews")).content.decode()
    assert "Cảm ơn chị Lan!" in body and 'name="text"' not in body  # no second reply form
    again = reply(owner_client, review, "Lần nữa", token=new_token())
    assert again.status_code == 200 and "Cửa hàng đã trả lời rồi." in again.content.decode()
    assert Review.objects.get(pk=review.pk).reply == "Cảm ơn chị Lan!"


def test_an_empty_reply_is_refused_beside_nothing_written(owner_client, review):
    response = reply(owner_client, review, "   ")
    assert response.status_code == 200
    assert Review.objects.get(pk=review.pk).replied_at is None


def test_another_shops_review_is_not_found(review, other_shop):
    client = signed_in(other_shop["member"])
    assert "Men lam rất đẹp" not in client.get(reverse("backoffice:reviews")).content.decode()
    assert reply(client, review, "Hi", token=new_token()).status_code == 404
    assert Review.objects.get(pk=review.pk).replied_at is None
    assert client.get(reverse("backoffice:review-reply", args=[review.pk])).status_code == 404
