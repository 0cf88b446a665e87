"""OCOP certificates, showcase proposals, payout statements and the shop's profile and
members in the seller centre, each through its domain service."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from marketplace.curation.models import ShowcaseSubmission
from tests.backoffice.conftest import form_token, signed_in
from tests.factories import UserFactory
from tests.images import image_bytes
from vendors.ocop.models import OcopCertificate
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db


def test_a_certificate_is_sent_with_its_scan(owner_client, shop, shop_product):
    url = reverse("backoffice:ocop")
    decided = timezone.localdate() - datetime.timedelta(days=30)
    data = {
        "form_token": form_token(owner_client.get(url)),
        "product": str(shop_product.pk),
        "stars": "4",
        "score": "75",
        "product_group": "HANDICRAFTS",
        "decision_number": "123/QĐ-UBND",
        "decision_date": decided.isoformat(),
        "issued_by": "UBND thành phố Hà Nội",
        "document": SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%scan\n", content_type="application/pdf"),
    }
    response = owner_client.post(url, data)
    assert response.status_code == 302
    certificate = OcopCertificate.objects.get()
    assert (certificate.product_id, certificate.stars, certificate.status) == (
        shop_product.pk,
        4,
        "SUBMITTED",
    )
    page = owner_client.get(url).content.decode()
    assert "123/QĐ-UBND" in page and "Đang xét duyệt" in page


def test_a_certificate_with_a_bad_score_shows_the_services_error_beside_it(owner_client, shop_product):
    url = reverse("backoffice:ocop")
    data = {
        "form_token": form_token(owner_client.get(url)),
        "product": str(shop_product.pk),
        "stars": "5",
        "score": "70",
        "product_group": "HANDICRAFTS",
        "decision_number": "9/QĐ",
        "decision_date": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "issued_by": "UBND",
        "document": SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n", content_type="application/pdf"),
    }
    page = owner_client.post(url, data).content.decode()
    assert "Sản phẩm 5 sao đạt từ 90 đến 100 điểm." in page.split('id="id_score_error"', 1)[1]
    assert not OcopCertificate.objects.exists()


def test_another_shops_product_is_not_a_choice_for_a_certificate(owner_client, other_shop):
    url = reverse("backoffice:ocop")
    data = {"form_token": form_token(owner_client.get(url)), "product": str(other_shop["product"].pk)}
    page = owner_client.post(url, data).content.decode()
    assert "id_product_error" in page
    assert not OcopCertificate.objects.exists()


def test_a_product_is_proposed_to_the_showcase_and_withdrawn(owner_client, shop_product):
    url = reverse("backoffice:showcase")
    response = owner_client.post(
        url,
        {
            "form_token": form_token(owner_client.get(url)),
            "product": str(shop_product.pk),
            "pitch": "Men lam cổ",
        },
    )
    assert response.status_code == 302
    submission = ShowcaseSubmission.objects.get()
    assert (submission.status, submission.pitch) == ("PENDING", "Men lam cổ")
    again = owner_client.post(
        url, {"form_token": form_token(owner_client.get(url)), "product": str(shop_product.pk), "pitch": ""}
    )
    assert "Sản phẩm này đã có đề xuất đang chờ hoặc đã được duyệt." in again.content.decode()
    owner_client.post(reverse("backoffice:showcase-withdraw", args=[submission.pk]), {"form_token": "w" * 24})
    submission.refresh_from_db()
    assert submission.status == "WITHDRAWN"


def test_the_payout_statement_of_the_month(owner_client, placed_order):
    from marketplace.orders.services import vendor_order_mark_paid

    owner = placed_order.vendor.members.get().user
    vendor_order_mark_paid(actor=owner, vendor_order=placed_order)
    page = owner_client.get(reverse("backoffice:payouts")).content.decode()
    assert "300.000\u00a0₫" in page  # two units at 150,000
    assert "4.500\u00a0₫" in page  # VAT 1% + PIT 0.5%
    assert "Đã hoàn tiền cho người mua" not in page


def test_the_statement_shows_the_months_refunds(owner_client, placed_order):
    from decimal import Decimal

    from marketplace.accounts.permissions import PermissionEnum
    from marketplace.orders.services import vendor_order_mark_paid
    from marketplace.payments import refunds
    from tests.conftest import grant

    owner = placed_order.vendor.members.get().user
    vendor_order_mark_paid(actor=owner, vendor_order=placed_order)
    staff = UserFactory(is_staff=True)
    grant(staff, PermissionEnum.MANAGE_ORDERS)
    line = placed_order.lines.get()
    refund = refunds.order_grant_refund_create(actor=staff, order=placed_order.order, lines=[(line.pk, 1)])
    refund = refunds.request_granted_refund(actor=staff, granted_refund=refund)
    assert refund.status == "PENDING"  # cash on delivery: the shop's transfer is awaited
    refunds.confirm_transfer(actor=owner, granted_refund=refund, reference="FT26120612345")
    page = owner_client.get(reverse("backoffice:payouts")).content.decode()
    assert "Đã hoàn tiền cho người mua (1 khoản)" in page
    assert "−150.000\u00a0₫" in page
    assert "2.250\u00a0₫" in page  # 1.5% of 300,000 - 150,000
    assert refund.amount_value == Decimal(150_000)


def test_the_owner_changes_the_profile_and_adds_a_member(owner_client, shop):
    url = reverse("backoffice:shop")
    response = owner_client.post(
        url,
        {
            "form_token": form_token(owner_client.get(url)),
            "name": "Gốm Minh Châu Bát Tràng",
            "description": "Xưởng gốm ba đời.",
            "phone": "0912 345 678",
            "logo": SimpleUploadedFile(
                "logo.png", image_bytes(size=(64, 64), format="PNG"), content_type="image/png"
            ),
        },
    )
    assert response.status_code == 302
    shop.refresh_from_db()
    assert (shop.name, shop.phone) == ("Gốm Minh Châu Bát Tràng", "+84912345678")
    assert shop.logo.name.startswith("vendor-logos/")
    bad = owner_client.post(
        url, {"form_token": form_token(owner_client.get(url)), "name": "X", "phone": "123"}
    )
    assert "id_phone_error" in bad.content.decode()
    shop.refresh_from_db()
    assert shop.name == "Gốm Minh Châu Bát Tràng"
    helper = UserFactory(email="tho@example.vn")
    added = owner_client.post(
        reverse("backoffice:shop-member-add"),
        {"form_token": form_token(owner_client.get(url)), "email": "tho@example.vn", "role": "STAFF"},
    )
    assert added.status_code == 302
    assert VendorMember.objects.get(vendor=shop, user=helper).role == VendorMemberRole.STAFF
    unknown = owner_client.post(
        reverse("backoffice:shop-member-add"),
        {"form_token": form_token(owner_client.get(url)), "email": "nobody@example.vn", "role": "STAFF"},
    )
    assert (
        "Không có tài khoản đang hoạt động nào dùng email này"
        in unknown.content.decode().split('id="id_email_error"', 1)[1]
    )


def test_a_staff_member_of_the_shop_cannot_change_the_profile(shop):
    staff = UserFactory()
    VendorMember.objects.create(vendor=shop, user=staff, role=VendorMemberRole.STAFF)
    client = signed_in(staff)
    url = reverse("backoffice:shop")
    assert "Chỉ chủ cửa hàng được sửa hồ sơ." in client.get(url).content.decode()
    response = client.post(url, {"form_token": form_token(client.get(url)), "name": "Tên khác"})
    assert response.status_code == 403
    shop.refresh_from_db()
    assert shop.name == "Gốm Minh Châu"


def test_the_home_counts_and_lists_the_shops_variants_low_on_stock(shop, owner, other_shop):
    """Low on stock: available (quantity less allocated) at most LOW_STOCK, tracked variants
    of the shop only, found through the shop's warehouses (index stock_warehouse_available)."""
    from backoffice.seller import queries
    from marketplace.inventory.models import Stock
    from tests.factories import listed_product
    from vendors.shops.models import Vendor

    warehouse = shop.warehouses.first()
    listed_product(vendor=shop, prices=(1,), warehouse=warehouse, stock=3, name="Chén còn 3")
    allocated = listed_product(vendor=shop, prices=(1,), warehouse=warehouse, stock=10, name="Chén giữ 8")
    Stock.objects.filter(product_variant__product=allocated).update(quantity_allocated=8)
    listed_product(vendor=shop, prices=(1,), warehouse=warehouse, stock=4, name="Chén còn 4")
    untracked = listed_product(
        vendor=shop, prices=(1,), warehouse=warehouse, stock=0, name="Chén làm theo đơn"
    )
    untracked.variants.update(track_inventory=False)
    Stock.objects.filter(product_variant__product=other_shop["product"]).update(quantity=1)
    scope = Vendor.objects.filter(pk=shop.pk, members__user=owner)
    assert queries.home_figures(scope)["low_stock"] == 2
    rows = queries.low_stock_variants(scope)
    assert [(s.product_variant.product.name, s.available) for s in rows] == [
        ("Chén giữ 8", 2),
        ("Chén còn 3", 3),
    ]
    page = signed_in(owner).get(reverse("backoffice:seller-home")).content.decode()
    assert "Chén giữ 8" in page and "Chén còn 3" in page and "Chén còn 4" not in page
