"""Django's admin at /studio/admin/: the back office's session and sign-in, staff only, each
model behind the marketplace permission that governs it, read-only, and its actions are the
domain's services (a refusal is reported, nothing else changes). Query counts of a list do
not grow with its rows."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from backoffice.admin_site import studio_admin
from marketplace.accounts.permissions import PermissionEnum
from marketplace.curation.models import ShowcaseSubmission
from marketplace.routes.models import TourismRoute, TourismRouteStop
from tests.backoffice.conftest import signed_in
from tests.backoffice.staff.conftest import staff_with
from tests.factories import UserFactory, VendorFactory
from tests.vendors.ocop.helpers import certificate
from vendors.ocop.models import OcopCertificateStatus
from vendors.shops.models import VendorMember, VendorMemberRole, VendorStatus

pytestmark = pytest.mark.django_db

INDEX = "/studio/admin/"
VENDORS = "/studio/admin/shops/vendor/"
PRODUCTS = "/studio/admin/catalog/product/"


def test_only_staff_signed_in_to_the_back_office_open_it(customer_user, owner):
    response = Client().get(INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith("/studio/sign-in/?next=/studio/admin/")
    assert Client().get(VENDORS)["Location"] == f"/studio/sign-in/?next={VENDORS}"
    assert (
        Client().get("/studio/admin/login/?next=/studio/admin/")["Location"]
        == "/studio/sign-in/?next=/studio/admin/"
    )
    for user in (customer_user, owner):
        client = signed_in(user)
        for url in (INDEX, VENDORS, "/studio/admin/login/"):
            assert client.get(url).status_code == 403, (user.email, url)
    # staff holding no permission of a model see the index, empty, and 403 on the models
    bare = signed_in(staff_with(PermissionEnum.MANAGE_ORDERS))
    assert bare.get(INDEX).status_code == 200 and bare.get(VENDORS).status_code == 403
    assert signed_in(staff_with(PermissionEnum.MANAGE_VENDORS)).get(INDEX).status_code == 200


def test_each_model_behind_its_permission_and_read_only(shop):
    client = signed_in(staff_with(PermissionEnum.MANAGE_VENDORS))
    index = client.get(INDEX).content.decode()
    assert VENDORS in index and PRODUCTS not in index
    assert client.get(VENDORS).status_code == 200
    assert client.get(f"{VENDORS}{shop.pk}/change/").status_code == 200
    assert client.get(PRODUCTS).status_code == 403
    assert client.get(f"{VENDORS}add/").status_code == 403
    response = client.post(f"{VENDORS}{shop.pk}/change/", {"name": "Đổi tên", "commission_rate": "40"})
    assert response.status_code == 403
    assert client.post(f"{VENDORS}{shop.pk}/delete/", {"post": "yes"}).status_code == 403
    shop.refresh_from_db()
    assert shop.name == "Gốm Minh Châu" and shop.status == VendorStatus.ACTIVE
    products = signed_in(staff_with(PermissionEnum.MANAGE_PRODUCTS))
    assert products.get(PRODUCTS).status_code == 200 and products.get(VENDORS).status_code == 403


def _action(client, action: str, *vendors):  # type: ignore[no-untyped-def]
    return client.post(
        VENDORS, {"action": action, "_selected_action": [v.pk for v in vendors], "index": 0}, follow=True
    )


def test_actions_call_the_services(shop, owner):
    client = signed_in(staff_with(PermissionEnum.MANAGE_VENDORS))
    response = _action(client, "suspend", shop)
    assert response.status_code == 200
    shop.refresh_from_db()
    assert shop.status == VendorStatus.SUSPENDED
    assert [message.to for message in mail.outbox] == [[owner.email]]
    # a second suspension is the service's refusal, reported for that row
    pending = VendorFactory(name="Nón lá", status=VendorStatus.PENDING)
    response = _action(client, "suspend", shop, pending)
    page = response.content.decode()
    assert "Gốm Minh Châu: Không thể tạm ngừng" in page and "Nón lá: Không thể tạm ngừng" in page
    response = _action(client, "approve", shop, pending)
    shop.refresh_from_db()
    pending.refresh_from_db()
    assert shop.status == pending.status == VendorStatus.ACTIVE


def test_the_shop_list_costs_the_same_for_one_and_many(shop):
    client = signed_in(staff_with(PermissionEnum.MANAGE_VENDORS))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(VENDORS).status_code == 200
        return len(captured)

    one = count()
    for index in range(15):
        vendor = VendorFactory(name=f"Xưởng {index}")
        VendorMember.objects.create(vendor=vendor, user=UserFactory(), role=VendorMemberRole.OWNER)
    assert count() == one


def test_certificates_are_verified_through_the_service(shop, shop_product, owner):
    recent = timezone.localdate() - datetime.timedelta(days=30)
    waiting = certificate(shop_product, status=OcopCertificateStatus.SUBMITTED, decision_date=recent)
    url = "/studio/admin/ocop/ocopcertificate/"
    assert signed_in(staff_with(PermissionEnum.MANAGE_VENDORS)).get(url).status_code == 403
    reviewer = signed_in(staff_with(PermissionEnum.MANAGE_OCOP))
    assert reviewer.get(f"{url}{waiting.pk}/change/").status_code == 200
    response = reviewer.post(
        url, {"action": "verify", "_selected_action": [waiting.pk], "index": 0}, follow=True
    )
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == OcopCertificateStatus.VERIFIED
    # a second verification is the service's refusal, reported, nothing changes
    response = reviewer.post(
        url, {"action": "verify", "_selected_action": [waiting.pk], "index": 0}, follow=True
    )
    assert f"{waiting}:" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == OcopCertificateStatus.VERIFIED


def test_the_admins_catalogue_does_not_override_the_back_offices():
    """Django's admin ships its own Vietnamese ("Save" is "Lưu lại"); it is installed last,
    so the back office's words win where both have one."""
    with translation.override("vi"):
        assert translation.gettext("Save") == "Lưu"
        assert translation.gettext("Search") == "Tìm kiếm"


def test_every_model_page_renders_for_a_superuser(shop, shop_product, owner, ceramics_type, category):
    route = TourismRoute.objects.create(slug="r", name="Tuyến")
    TourismRouteStop.objects.create(route=route, position=1, title="Điểm")
    ShowcaseSubmission.objects.create(product=shop_product, vendor=shop)
    certificate(shop_product, status=OcopCertificateStatus.SUBMITTED)
    client = signed_in(UserFactory(email="root@langnghe.vn", is_staff=True, is_superuser=True))
    for model in studio_admin._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, change


# ---------------------------------------------------------------- reject actions (a note first)


def _reject(client, changelist: str, *objects, note: str | None = None):  # type: ignore[no-untyped-def]
    """The reject action from the change list; with ``note``, the note page's answer too."""
    data = {"action": "reject", "_selected_action": [o.pk for o in objects], "index": 0}
    if note is not None:
        data["apply"] = "1"
        data["note"] = note
    return client.post(changelist, data, follow=True)


def test_rejecting_an_application_asks_for_a_note_then_calls_the_service(owner):
    pending = VendorFactory(name="Nón lá Chuông", status=VendorStatus.PENDING)
    applicant = UserFactory(email="non@example.vn")
    VendorMember.objects.create(vendor=pending, user=applicant, role=VendorMemberRole.OWNER)
    client = signed_in(staff_with(PermissionEnum.MANAGE_VENDORS))
    asked = _reject(client, VENDORS, pending)
    page = asked.content.decode()
    assert asked.status_code == 200 and 'name="note"' in page and 'name="apply"' in page
    assert "Nón lá Chuông" in page
    pending.refresh_from_db()
    assert pending.status == VendorStatus.PENDING  # nothing yet
    mail.outbox.clear()
    empty = _reject(client, VENDORS, pending, note="   ")
    assert empty.status_code == 200 and "Chưa từ chối gì: thiếu ghi chú." in empty.content.decode()
    pending.refresh_from_db()
    assert pending.status == VendorStatus.PENDING and not mail.outbox
    done = _reject(client, VENDORS, pending, note="Ảnh sản phẩm chưa rõ")
    assert done.redirect_chain and done.redirect_chain[-1][0].endswith(VENDORS)
    pending.refresh_from_db()
    assert pending.status == VendorStatus.REJECTED
    assert [m.to for m in mail.outbox] == [[applicant.email]] and "Ảnh sản phẩm chưa rõ" in mail.outbox[
        0
    ].body


def test_rejecting_an_active_shop_is_refused_for_its_row(shop, owner):
    client = signed_in(staff_with(PermissionEnum.MANAGE_VENDORS))
    response = _reject(client, VENDORS, shop, note="Không")
    assert "Gốm Minh Châu: " in response.content.decode()
    shop.refresh_from_db()
    assert shop.status == VendorStatus.ACTIVE
    # and nobody else can run it at all: anonymous, a shop's owner, staff of another permission
    pending = VendorFactory(name="Mây tre Phú Vinh", status=VendorStatus.PENDING)
    asked = {"action": "reject", "_selected_action": [pending.pk], "index": 0, "apply": "1", "note": "Không"}
    assert Client().post(VENDORS, asked)["Location"].startswith("/studio/sign-in/")
    assert signed_in(owner).post(VENDORS, asked).status_code == 403
    assert signed_in(staff_with(PermissionEnum.MANAGE_OCOP)).post(VENDORS, asked).status_code == 403
    pending.refresh_from_db()
    assert pending.status == VendorStatus.PENDING


def test_rejecting_a_showcase_proposal_needs_a_note(shop, shop_product):
    submission = ShowcaseSubmission.objects.create(product=shop_product, vendor=shop)
    url = "/studio/admin/curation/showcasesubmission/"
    client = signed_in(staff_with(PermissionEnum.MANAGE_SHOWCASE))
    assert 'name="note"' in _reject(client, url, submission).content.decode()
    _reject(client, url, submission, note="")
    submission.refresh_from_db()
    assert submission.status == "PENDING"
    _reject(client, url, submission, note="Chưa hợp với bộ sưu tập")
    submission.refresh_from_db()
    assert (submission.status, submission.curator_note) == ("REJECTED", "Chưa hợp với bộ sưu tập")


def test_rejecting_a_certificate_needs_a_note(shop, shop_product):
    recent = timezone.localdate() - datetime.timedelta(days=30)
    waiting = certificate(shop_product, status=OcopCertificateStatus.SUBMITTED, decision_date=recent)
    url = "/studio/admin/ocop/ocopcertificate/"
    client = signed_in(staff_with(PermissionEnum.MANAGE_OCOP))
    assert 'name="note"' in _reject(client, url, waiting).content.decode()
    empty = _reject(client, url, waiting, note="")
    assert "Chưa từ chối gì: thiếu ghi chú." in empty.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == OcopCertificateStatus.SUBMITTED
    _reject(client, url, waiting, note="Số quyết định không khớp bản scan")
    waiting.refresh_from_db()
    assert waiting.status == OcopCertificateStatus.REJECTED
