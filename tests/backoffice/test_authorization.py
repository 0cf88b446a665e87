"""Who opens what: anonymous visitors are sent to sign in, customers and staff without a
shop get 403 in the seller centre, another shop's objects are 404 (the policy's queryset,
never a vendor id of the page's own), a suspended shop's members read but cannot write, a
member of several shops picks one, and each person sees the areas of their roles."""

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Product, ProductChannelListing
from tests.backoffice.conftest import form_token, signed_in
from tests.conftest import grant
from tests.factories import UserFactory, VendorFactory, WarehouseFactory
from vendors.shops.models import VendorMember, VendorMemberRole, VendorStatus

pytestmark = pytest.mark.django_db


def seller_pages(product, part) -> list[str]:
    return [
        reverse("backoffice:seller-home"),
        reverse("backoffice:products"),
        reverse("backoffice:product-edit", args=[product.pk]),
        reverse("backoffice:product-photos", args=[product.pk]),
        reverse("backoffice:orders"),
        reverse("backoffice:order", args=[part.pk]),
        reverse("backoffice:order-slip", args=[part.pk]),
        reverse("backoffice:ocop"),
        reverse("backoffice:showcase"),
        reverse("backoffice:reviews"),
        reverse("backoffice:payouts"),
        reverse("backoffice:shop"),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(shop_product, placed_order):
    client = Client()
    for url in seller_pages(shop_product, placed_order):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"/studio/sign-in/?next={url}"
    assert client.post(reverse("backoffice:product-publish", args=[shop_product.pk])).status_code == 302


def test_customers_and_staff_without_a_shop_get_403(shop_product, placed_order, customer_user, staff_user):
    grant(staff_user, PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS)
    for user in (customer_user, staff_user):
        client = signed_in(user)
        for url in seller_pages(shop_product, placed_order):
            assert client.get(url).status_code == 403, (user.email, url)
    assert signed_in(customer_user).get(reverse("backoffice:home")).status_code == 403


def test_another_shops_objects_are_not_found(shop_product, placed_order, other_shop):
    client = signed_in(other_shop["member"])
    for url in seller_pages(shop_product, placed_order):
        if str(shop_product.pk) in url.split("/") or str(placed_order.pk) in url.split("/"):
            assert client.get(url).status_code == 404, url
    listing = ProductChannelListing.objects.get(product=shop_product)
    page = client.get(reverse("backoffice:product-edit", args=[other_shop["product"].pk]))
    token = form_token(page)
    response = client.post(
        reverse("backoffice:product-unpublish", args=[shop_product.pk]), {"form_token": token}
    )
    assert response.status_code == 404
    listing.refresh_from_db()
    assert listing.is_published is True
    own_list = client.get(reverse("backoffice:products")).content.decode()
    assert "Khăn lụa" in own_list and "Bình hoa men lam" not in own_list
    assert f"#{placed_order.order.number}" not in client.get(reverse("backoffice:orders")).content.decode()


def test_a_suspended_shops_member_reads_but_cannot_write(owner, shop, shop_product, placed_order):
    shop.status = VendorStatus.SUSPENDED
    shop.save(update_fields=["status"])
    client = signed_in(owner)
    for url in seller_pages(shop_product, placed_order):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("backoffice:product-edit", args=[shop_product.pk]))
    assert "không sửa được gì" in page.content.decode()
    response = client.post(
        reverse("backoffice:product-unpublish", args=[shop_product.pk]), {"form_token": form_token(page)}
    )
    assert response.status_code == 403
    assert ProductChannelListing.objects.get(product=shop_product).is_published is True
    response = client.post(
        reverse("backoffice:order", args=[placed_order.pk]),
        {"form_token": "t" * 24, "carrier": "VNPost", "tracking_number": "VN1"},
    )
    assert response.status_code == 403
    placed_order.refresh_from_db()
    assert placed_order.status == "UNFULFILLED" and not placed_order.fulfillments.exists()
    assert Product.objects.filter(vendor=shop).count() == 1


def test_a_member_of_two_shops_picks_the_shop(shop, owner, shop_product):
    second = VendorFactory(name="Gốm Hai")
    WarehouseFactory(vendor=second)
    VendorMember.objects.create(vendor=second, user=owner, role=VendorMemberRole.STAFF)
    client = signed_in(owner)
    response = client.get(reverse("backoffice:products"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('backoffice:choose-shop')}?next=/studio/seller/products/"
    picker = client.get(response["Location"]).content.decode()
    assert "Gốm Minh Châu" in picker and "Gốm Hai" in picker
    assert client.post(reverse("backoffice:choose-shop"), {"shop": "999999"}).status_code == 400
    chosen = client.post(
        reverse("backoffice:choose-shop"), {"shop": str(second.pk), "next": "/studio/seller/products/"}
    )
    assert chosen["Location"] == "/studio/seller/products/"
    assert "Bình hoa men lam" not in client.get("/studio/seller/products/").content.decode()
    client.post(reverse("backoffice:choose-shop"), {"shop": str(shop.pk)})
    assert "Bình hoa men lam" in client.get("/studio/seller/products/").content.decode()


def test_each_role_sees_its_areas(owner, shop):
    curator = UserFactory(is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    assert signed_in(curator).get(reverse("backoffice:home"))["Location"] == reverse(
        "backoffice:curator-home"
    )
    assert signed_in(curator).get(reverse("backoffice:seller-home")).status_code == 403
    assert signed_in(owner).get(reverse("backoffice:curator-home")).status_code == 403
    assert signed_in(owner).get(reverse("backoffice:staff-home")).status_code == 403
    VendorMember.objects.create(vendor=shop, user=curator, role=VendorMemberRole.STAFF)
    both = signed_in(curator)
    home = both.get(reverse("backoffice:home"))
    assert home.status_code == 200
    body = home.content.decode()
    for url in ("/studio/seller/", "/studio/curator/"):
        assert f'href="{url}"' in body
    assert 'href="/studio/staff/"' not in body  # a curator holds no staff permission
    grant(curator, PermissionEnum.MANAGE_VENDORS)
    assert 'href="/studio/staff/"' in signed_in(curator).get(reverse("backoffice:home")).content.decode()
    seller = both.get(reverse("backoffice:seller-home")).content.decode()
    assert 'href="/studio/seller/" aria-current="page"' in seller
    assert 'href="/studio/curator/"' in seller  # the navigation has every area of the person
