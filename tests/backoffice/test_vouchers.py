"""The seller centre's vouchers page: who may see and change it, bad input beside its field,
and a fixed number of queries for one voucher and many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.discounts.models import Voucher, VoucherCode
from tests.backoffice.conftest import form_token, signed_in
from tests.factories import UserFactory
from tests.storefront_api.discounts.helpers import make_voucher
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db

URL = "backoffice:vouchers"


def _form(client, **changes):  # type: ignore[no-untyped-def]
    data = {
        "form_token": form_token(client.get(reverse(URL))),
        "code": "GOM10",
        "name": "Gốm giảm 10%",
        "discount_value_type": "PERCENTAGE",
        "discount_value": "10",
        "min_amount_spent": "300000",
        "channel": "default-channel",
        "usage_limit": "50",
        "apply_once_per_customer": "on",
    }
    data.update(changes)
    return data


def test_the_owner_makes_and_deletes_a_voucher(owner_client, shop):
    response = owner_client.post(reverse(URL), _form(owner_client))
    assert response.status_code == 302
    voucher = Voucher.objects.get()
    assert (voucher.vendor_id, voucher.discount_value, voucher.min_spent_amount) == (shop.pk, 10, 300_000)
    assert (voucher.usage_limit, voucher.usage_limit_per_customer, voucher.channel.slug) == (
        50,
        1,
        "default-channel",
    )
    page = owner_client.get(reverse(URL)).content.decode()
    assert "GOM10" in page and "Gốm giảm 10%" in page and "300.000\u00a0₫" in page
    deleted = owner_client.post(
        reverse("backoffice:voucher-delete", args=[voucher.pk]), {"form_token": "d" * 24}
    )
    assert deleted.status_code == 302 and not Voucher.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"discount_value": "150"}, "discount_value", "Phần trăm phải lớn hơn 0 và không quá 100."),
        ({"code": "TẾT 2027"}, "code", "Mã gồm 3 đến 64 chữ cái"),
        ({"code": "x" * 65}, "code", "64"),
    ],
)
def test_bad_input_is_shown_beside_its_field(owner_client, changes, field, message):
    page = owner_client.post(reverse(URL), _form(owner_client, **changes)).content.decode()
    assert message in page.split(f'id="id_{field}_error"', 1)[1][:400]
    assert not Voucher.objects.exists()


def test_a_code_taken_by_another_shop_is_refused(owner_client, other_shop):
    make_voucher(code="GOM10", vendor=other_shop["vendor"])
    page = owner_client.post(reverse(URL), _form(owner_client, code="gom10")).content.decode()
    assert "Mã này đã được dùng." in page.split('id="id_code_error"', 1)[1][:300]
    assert Voucher.objects.count() == 1


def test_who_may_see_and_change_the_vouchers(client, shop, owner_client, other_shop):
    voucher = make_voucher(code="CUAHANG", vendor=shop)
    theirs = make_voucher(code="CUAKHAC", vendor=other_shop["vendor"])
    assert client.get(reverse(URL)).status_code == 302  # anonymous: to the sign-in page
    assert signed_in(UserFactory()).get(reverse(URL)).status_code == 403  # a customer
    staff_member = UserFactory()
    VendorMember.objects.create(vendor=shop, user=staff_member, role=VendorMemberRole.STAFF)
    as_staff = signed_in(staff_member)
    page = as_staff.get(reverse(URL))
    assert (
        page.status_code == 200
        and "CUAHANG" in page.content.decode()
        and "CUAKHAC" not in page.content.decode()
    )
    assert "Lưu mã giảm giá" not in page.content.decode()  # no form: only the owner makes vouchers
    refused = as_staff.post(reverse(URL), _form(owner_client, code="NHANVIEN"))
    assert refused.status_code == 403 and not VoucherCode.objects.filter(code="NHANVIEN").exists()
    refused = as_staff.post(reverse("backoffice:voucher-delete", args=[voucher.pk]), {"form_token": "s" * 24})
    assert refused.status_code == 403
    # Another shop's voucher is not found from this shop's page.
    missing = owner_client.post(
        reverse("backoffice:voucher-delete", args=[theirs.pk]), {"form_token": "o" * 24}
    )
    assert missing.status_code == 404
    assert Voucher.objects.count() == 2


def test_the_page_costs_the_same_for_one_voucher_and_many(owner_client, shop):
    make_voucher(code="MOT001", vendor=shop)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(reverse(URL)).status_code == 200
        return len(captured)

    one = count()
    for i in range(15):
        voucher = make_voucher(code=f"NHIEU{i:03}", vendor=shop, end_date=None)
        VoucherCode.objects.create(voucher=voucher, code=f"THEM{i:03}", used=i)
    assert count() == one == 6  # session, user, memberships, the policy scope, the vouchers and their codes
