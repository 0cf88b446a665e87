"""Every page of the seller centre opens for a shop's owner."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_seller_page_opens(owner_client, shop_product, placed_order, ceramics_type):
    pages = [
        reverse("backoffice:seller-home"),
        reverse("backoffice:products"),
        reverse("backoffice:product-new"),
        reverse("backoffice:product-create", args=[ceramics_type.pk]),
        reverse("backoffice:product-edit", args=[shop_product.pk]),
        reverse("backoffice:product-photos", args=[shop_product.pk]),
        reverse("backoffice:orders"),
        reverse("backoffice:order", args=[placed_order.pk]),
        reverse("backoffice:order-slip", args=[placed_order.pk]),
        reverse("backoffice:ocop"),
        reverse("backoffice:showcase"),
        reverse("backoffice:payouts"),
        reverse("backoffice:shop"),
    ]
    for url in pages:
        response = owner_client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:3000])
