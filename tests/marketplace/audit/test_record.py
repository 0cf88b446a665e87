"""The audit log's write side: every curator and staff decision service writes exactly one
``AuditEvent`` (its actor, their e-mail, the action, the subject and the decision's details)
inside its own transaction; a refused decision writes none, a rolled-back one leaves none."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.test import TestCase

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.models import Group, User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.accounts.staff import permission_group_create, permission_group_update, staff_create
from marketplace.audit.models import ActorKind, AuditAction, AuditEvent
from marketplace.audit.services import changes, record
from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    CollectionProduct,
    ProductType,
)
from marketplace.catalog.services import taxonomy
from marketplace.checkout.complete import checkout_complete
from marketplace.curation import collections
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus
from marketplace.curation.services import submission_review
from marketplace.orders.models import OrderGrantedRefund, OrderLine
from marketplace.orders.services import vendor_order_fulfill
from marketplace.payments import refunds
from marketplace.returns.services import order_fulfillment_return_products
from marketplace.reviews.models import Review
from marketplace.reviews.services import review_hide
from marketplace.routes import services as routes
from marketplace.routes.models import TourismRoute
from marketplace.shipping import services as shipping
from marketplace.shipping.models import ShippingMethod, ShippingZone
from tests.checkout_helpers import shop_with_product
from tests.factories import UserFactory, VendorFactory, channel
from tests.service_helpers import member_of, place_order, ready_checkout
from tests.vendors.ocop.helpers import certificate
from vendors.ocop import services as ocop
from vendors.ocop.models import OcopCertificate, OcopCertificateStatus
from vendors.shops import services as shops
from vendors.shops.models import Vendor, VendorStatus

pytestmark = pytest.mark.django_db


def new_vendor(**fields: Any) -> Vendor:
    return VendorFactory(**fields)  # type: ignore[return-value]


def new_user(**fields: Any) -> User:
    return UserFactory(**fields)  # type: ignore[return-value]


@pytest.fixture
def admin(db) -> User:
    return new_user(email="quan-tri@langnghe.vn", is_staff=True, is_superuser=True)


Case = Callable[[User], tuple[models.Model, dict[str, Any]]]
# Each case: set up a subject, make one decision as ``actor``; the subject and the details
# the record must hold (a subset of its ``data``).


def vendor_approve(actor: User) -> tuple[models.Model, dict[str, Any]]:
    vendor = new_vendor(status=VendorStatus.PENDING)
    shops.vendor_approve(actor=actor, vendor=vendor)
    return vendor, {"old_status": "PENDING", "new_status": "ACTIVE"}


def vendor_reinstate(actor: User) -> tuple[models.Model, dict[str, Any]]:
    vendor = new_vendor(status=VendorStatus.SUSPENDED)
    shops.vendor_approve(actor=actor, vendor=vendor)
    return vendor, {"old_status": "SUSPENDED", "new_status": "ACTIVE"}


def vendor_suspend(actor: User) -> tuple[models.Model, dict[str, Any]]:
    vendor = new_vendor()
    shops.vendor_suspend(actor=actor, vendor=vendor, reason=" Hàng giả ")
    return vendor, {"old_status": "ACTIVE", "new_status": "SUSPENDED", "note": "Hàng giả"}


def vendor_reject(actor: User) -> tuple[models.Model, dict[str, Any]]:
    vendor = new_vendor(status=VendorStatus.PENDING)
    shops.vendor_reject(actor=actor, vendor=vendor, reason="Thiếu giấy phép")
    return vendor, {"new_status": "REJECTED", "note": "Thiếu giấy phép"}


def vendor_commission(actor: User) -> tuple[models.Model, dict[str, Any]]:
    vendor = new_vendor()
    shops.vendor_commission_rate_set(actor=actor, vendor=vendor, rate="12,5")
    return vendor, {"old": "10.00", "new": "12.50"}


def submission(status: str = ShowcaseSubmissionStatus.PENDING) -> ShowcaseSubmission:
    vendor, product = shop_with_product(price=200_000)
    return ShowcaseSubmission.objects.create(vendor=vendor, product=product, status=status)


def submission_approve(actor: User) -> tuple[models.Model, dict[str, Any]]:
    pending = submission()
    submission_review(actor=actor, submission=pending, decision="APPROVE", note="Đẹp")
    return pending, {"note": "Đẹp", "product": pending.product_id}


def submission_reject(actor: User) -> tuple[models.Model, dict[str, Any]]:
    pending = submission()
    submission_review(actor=actor, submission=pending, decision="REJECT", note="Ảnh mờ")
    return pending, {"note": "Ảnh mờ", "price": None}


def ocop_certificate(status: str) -> OcopCertificate:
    _, product = shop_with_product()
    today = datetime.date.today()
    return certificate(product, status=status, decision_date=today - datetime.timedelta(days=10))


def ocop_verify(actor: User) -> tuple[models.Model, dict[str, Any]]:
    cert = ocop_certificate(OcopCertificateStatus.SUBMITTED)
    ocop.certificate_verify(actor=actor, certificate_id=cert.pk)
    return cert, {"old_status": "SUBMITTED", "new_status": "VERIFIED", "note": ""}


def ocop_reject(actor: User) -> tuple[models.Model, dict[str, Any]]:
    cert = ocop_certificate(OcopCertificateStatus.SUBMITTED)
    ocop.certificate_reject(actor=actor, certificate_id=cert.pk, note="Bản quét mờ")
    return cert, {"new_status": "REJECTED", "note": "Bản quét mờ"}


def ocop_revoke(actor: User) -> tuple[models.Model, dict[str, Any]]:
    cert = ocop_certificate(OcopCertificateStatus.VERIFIED)
    ocop.certificate_revoke(actor=actor, certificate_id=cert.pk, note="Thu hồi")
    return cert, {"old_status": "VERIFIED", "new_status": "REVOKED", "note": "Thu hồi"}


def showcase_collection(actor: User) -> Collection:
    with transaction.atomic():  # made through the service: its own record is not the case's
        made = collections.collection_create(actor=actor, data={"name": "Gốm Tết"})
    AuditEvent.objects.all().delete()
    return made


def collection_create(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = collections.collection_create(actor=actor, data={"name": "Quà Tết", "slug": "qua-tet"})
    return made, {"name": "Quà Tết", "slug": "qua-tet"}


def collection_update(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = showcase_collection(actor)
    collections.collection_update(actor=actor, collection=made, data={"name": "Gốm Xuân"})
    return made, {"old": {"name": "Gốm Tết"}, "new": {"name": "Gốm Xuân"}}


def collection_translate(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = showcase_collection(actor)
    collections.collection_translate(
        actor=actor,
        collection=made,
        language_code="en",
        data={"name": "Tet ceramics", "slug": "tet-ceramics"},
    )
    return made, {"translation": "en", "name": "Tet ceramics", "slug": "tet-ceramics"}


def collection_publish(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = showcase_collection(actor)
    when = datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
    showcase = channel("design-centre")
    collections.collection_channel_listing_update(
        actor=actor,
        collection=made,
        add_channels=[collections.ChannelListingChange(showcase.pk, True, when)],
        remove_channel_ids=[],
    )
    return made, {
        "channel": "design-centre",
        "old": {"is_published": False, "published_at": None},
        "new": {"is_published": True, "published_at": "2027-01-01T00:00:00Z"},
    }


def collection_delete(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = showcase_collection(actor)
    pk = made.pk
    collections.collection_delete(actor=actor, collection=made)
    made.pk = pk
    return made, {"name": "Gốm Tết"}


def collection_background(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = showcase_collection(actor)
    collections.collection_background_update(actor=actor, collection=made, alt="Bình gốm ngày Tết")
    return made, {"image": "unchanged", "alt": "Bình gốm ngày Tết"}


def collection_reorder(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = showcase_collection(actor)
    first, second = (submission(ShowcaseSubmissionStatus.APPROVED).product for _ in range(2))
    CollectionProduct.objects.create(collection=made, product=first, sort_order=0)
    CollectionProduct.objects.create(collection=made, product=second, sort_order=1)
    collections.collection_reorder_products(actor=actor, collection=made, moves=[(second.pk, -1)])
    return made, {"products_order": [second.pk, first.pk]}


def category_background(actor: User) -> tuple[models.Model, dict[str, Any]]:
    category = Category.objects.create(name="Gốm", slug="gom")
    taxonomy.category_background_update(actor=actor, category=category, remove=True)
    return category, {"image": "removed"}


def category_create(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = taxonomy.category_save(actor=actor, name="Gốm", slug=None, parent_id=None)
    return made, {"name": "Gốm", "slug": "gom", "parent": None}


def category_update(actor: User) -> tuple[models.Model, dict[str, Any]]:
    category = Category.objects.create(name="Gốm", slug="gom")
    taxonomy.category_save(actor=actor, category=category, name="Gốm sứ", slug="gom", parent_id=None)
    return category, {"old": {"name": "Gốm"}, "new": {"name": "Gốm sứ"}}


def product_type_create(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = taxonomy.product_type_save(
        actor=actor,
        name="Bình",
        slug=None,
        is_shipping_required=True,
        weight_grams=800,
        product_attribute_ids=[],
        variant_attribute_ids=[],
    )
    return made, {"name": "Bình", "weight_grams": 800}


def product_type_update(actor: User) -> tuple[models.Model, dict[str, Any]]:
    kind = ProductType.objects.create(name="Bình", slug="binh", weight_grams=800)
    taxonomy.product_type_save(
        actor=actor,
        product_type=kind,
        name="Bình",
        slug="binh",
        is_shipping_required=True,
        weight_grams=900,
        product_attribute_ids=[],
        variant_attribute_ids=[],
    )
    return kind, {"old": {"weight_grams": 800}, "new": {"weight_grams": 900}}


def product_type_delete(actor: User) -> tuple[models.Model, dict[str, Any]]:
    kind = ProductType.objects.create(name="Bình", slug="binh")
    taxonomy.product_type_delete(actor=actor, product_type=kind)
    return kind, {"name": "Bình", "slug": "binh"}


def attribute_create(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = taxonomy.attribute_save(
        actor=actor, name="Men", slug=None, input_type="DROPDOWN", new_choices=["Lam", "Rạn"]
    )
    return made, {"name": "Men", "input_type": "DROPDOWN", "choices": ["Lam", "Rạn"]}


def attribute_update(actor: User) -> tuple[models.Model, dict[str, Any]]:
    attribute = Attribute.objects.create(name="Men", slug="men", input_type="DROPDOWN")
    taxonomy.attribute_save(actor=actor, attribute=attribute, name="Men gốm", slug="men", new_choices=["Lam"])
    return attribute, {"old": {"name": "Men"}, "new": {"name": "Men gốm"}, "added_choices": ["Lam"]}


def choice() -> AttributeValue:
    attribute = Attribute.objects.create(name="Men", slug="men", input_type="DROPDOWN")
    return AttributeValue.objects.create(attribute=attribute, name="Lam", slug="lam")


def attribute_value_update(actor: User) -> tuple[models.Model, dict[str, Any]]:
    value = choice()
    taxonomy.attribute_value_update(actor=actor, value=value, name="Lam cổ")
    return value, {"old": {"name": "Lam", "slug": "lam"}, "new": {"name": "Lam cổ", "slug": "lam-co"}}


def attribute_value_delete(actor: User) -> tuple[models.Model, dict[str, Any]]:
    value = choice()
    taxonomy.attribute_value_delete(actor=actor, value=value)
    return value, {"name": "Lam", "products": 0, "attribute": value.attribute_id}


def zone_create(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = shipping.shipping_zone_create(actor=actor, name="Miền Trung", provinces=["Huế"])
    return made, {"name": "Miền Trung", "provinces": list(made.provinces)}


def zone(name: str = "Miền Tây") -> ShippingZone:
    return ShippingZone.objects.create(name=name, slug="mien-tay")


def zone_update(actor: User) -> tuple[models.Model, dict[str, Any]]:
    subject = zone()
    shipping.shipping_zone_update(actor=actor, zone=subject, name="Miền Tây Nam Bộ", provinces=[])
    return subject, {"old": {"name": "Miền Tây"}, "new": {"name": "Miền Tây Nam Bộ"}}


def zone_delete(actor: User) -> tuple[models.Model, dict[str, Any]]:
    subject = zone()
    shipping.shipping_zone_delete(actor=actor, zone=subject)
    return subject, {"name": "Miền Tây", "methods": []}


METHOD = {
    "name": "Nhanh",
    "base_price": 30_000,
    "base_weight_grams": 1000,
    "minimum_delivery_days": 1,
    "maximum_delivery_days": 2,
    "is_active": True,
}


def method_create(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = shipping.shipping_method_save(actor=actor, zone=zone(), data=METHOD)
    return made, {"name": "Nhanh", "base_price_amount": "30000", "maximum_delivery_days": 2}


def method_update(actor: User) -> tuple[models.Model, dict[str, Any]]:
    method = ShippingMethod.objects.create(
        zone=zone(), name="Nhanh", base_price_amount=30_000, maximum_delivery_days=2
    )
    shipping.shipping_method_save(
        actor=actor, zone=method.zone, method=method, data={**METHOD, "name": "Hỏa tốc"}
    )
    return method, {"old": {"name": "Nhanh"}, "new": {"name": "Hỏa tốc"}}


def method_delete(actor: User) -> tuple[models.Model, dict[str, Any]]:
    method = ShippingMethod.objects.create(zone=zone(), name="Nhanh", base_price_amount=30_000)
    shipping.shipping_method_delete(actor=actor, method=method)
    return method, {"name": "Nhanh", "zone": method.zone_id}


def route_create(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = routes.route_create(actor=actor, name="Về Bát Tràng", description="Một ngày")
    return made, {"name": "Về Bát Tràng", "slug": "ve-bat-trang", "is_published": False}


def route_update(actor: User) -> tuple[models.Model, dict[str, Any]]:
    route = TourismRoute.objects.create(slug="bat-trang", name="Bát Tràng")
    routes.route_update(actor=actor, route=route, name="Bát Tràng xưa", is_published=True)
    return route, {
        "old": {"name": "Bát Tràng", "is_published": False},
        "new": {"name": "Bát Tràng xưa", "is_published": True},
    }


def route_stops(actor: User) -> tuple[models.Model, dict[str, Any]]:
    route = TourismRoute.objects.create(slug="bat-trang", name="Bát Tràng")
    routes.route_stops_set(actor=actor, route=route, stops=[routes.StopData(title="Chợ gốm")])
    return route, {"stops": ["Chợ gốm"]}


def group_create(actor: User) -> tuple[models.Model, dict[str, Any]]:
    member = new_user(email="nv@langnghe.vn", is_staff=True)
    made = permission_group_create(
        actor=actor, name="Biên tập", permissions=[PermissionEnum.MANAGE_ROUTES], user_ids=[member.pk]
    )
    return made, {"name": "Biên tập", "permissions": ["MANAGE_ROUTES"], "users": ["nv@langnghe.vn"]}


def group_update(actor: User) -> tuple[models.Model, dict[str, Any]]:
    group = Group.objects.create(name="Biên tập")
    permission_group_update(
        actor=actor, group=group, name="Biên tập viên", add_permissions=[PermissionEnum.MANAGE_PAGES]
    )
    return group, {
        "old": {"name": "Biên tập"},
        "new": {"name": "Biên tập viên"},
        "add_permissions": ["MANAGE_PAGES"],
        "remove_users": [],
    }


def staff_member(actor: User) -> tuple[models.Model, dict[str, Any]]:
    made = staff_create(actor=actor, email="moi@langnghe.vn")
    return made, {"email": "moi@langnghe.vn", "groups": []}


def paid_order():  # type: ignore[no-untyped-def]
    """An order charged 225,000 đồng through the dummy gateway (refunds succeed at once)."""
    from django.conf import settings

    settings.PAYMENT_DUMMY_ENABLED = True
    _, product = shop_with_product(price=100_000, stock=5)
    checkout = ready_checkout([(product, 2)])
    refunds.transactions.transaction_initialize(
        actor=None,
        checkout_token=checkout.pk,
        gateway_id="saleor.io.dummy-payment-app",
        data={"event": {"type": "CHARGE_SUCCESS"}},
        amount=None,
        action=None,
        idempotency_key=None,
        client_ip=None,
    )
    return checkout_complete(token=checkout.pk, actor=None).order


def refund_grant(actor: User) -> tuple[models.Model, dict[str, Any]]:
    order = paid_order()
    made = refunds.order_grant_refund_create(actor=actor, order=order, amount=Decimal(50_000), reason="Vỡ")
    return made, {"order": str(order.pk), "amount": "50000", "note": "Vỡ"}


def refund_for_returned_goods(actor: User) -> tuple[models.Model, dict[str, Any]]:
    order = paid_order()
    part = order.vendor_orders.get()
    vendor_order_fulfill(actor=member_of(part.vendor), vendor_order=part, lines=None)
    line = order.lines.get()
    returned = order_fulfillment_return_products(actor=actor, order=order, lines=[(line.pk, 1)], refund=True)
    made = OrderGrantedRefund.objects.get(pk=returned.granted_refund_id)  # type: ignore[misc]
    return made, {"order": str(order.pk), "amount": "100000.000"}


def refund_update(actor: User) -> tuple[models.Model, dict[str, Any]]:
    order = paid_order()
    with transaction.atomic():
        made = refunds.grant_locked(actor=actor, order=order, amount=Decimal(50_000))
    refunds.order_grant_refund_update(actor=actor, granted_refund=made, amount=Decimal(60_000))
    return made, {"old": {"amount": "50000.000"}, "new": {"amount": "60000"}}


def refund_retry(actor: User) -> tuple[models.Model, dict[str, Any]]:
    order = paid_order()
    with transaction.atomic():
        made = refunds.grant_locked(actor=actor, order=order, amount=Decimal(50_000))
    OrderGrantedRefund.objects.filter(pk=made.pk).update(status="FAILURE")
    refunds.request_granted_refund(actor=actor, granted_refund=made)
    return made, {"old_status": "FAILURE", "new_status": "SUCCESS", "order": str(order.pk)}


def hide_review(actor: User) -> tuple[models.Model, dict[str, Any]]:
    vendor, product = shop_with_product()
    buyer = new_user()
    order = place_order([(product, 1)], buyer=buyer)
    review = Review.objects.create(
        product=product, vendor=vendor, order_line=OrderLine.objects.get(order=order), user=buyer, rating=1
    )
    review_hide(actor=actor, review=review, reason="Lời lẽ thô tục")
    return review, {"note": "Lời lẽ thô tục", "product": product.pk}


# Subjects whose ``str()`` says little are labelled by what they are about.
LABELS: dict[type, Callable[[Any], str]] = {
    ShowcaseSubmission: lambda s: s.product.name,
    Review: lambda r: f"{r.product.name} ({r.rating}★)",
    OrderGrantedRefund: lambda g: f"#{g.order.number}: {g.amount_value:,.0f} VND",
}

CASES: list[tuple[Case, AuditAction]] = [
    (vendor_approve, AuditAction.VENDOR_APPROVE),
    (vendor_reinstate, AuditAction.VENDOR_REINSTATE),
    (vendor_suspend, AuditAction.VENDOR_SUSPEND),
    (vendor_reject, AuditAction.VENDOR_REJECT),
    (vendor_commission, AuditAction.VENDOR_COMMISSION_RATE),
    (submission_approve, AuditAction.SUBMISSION_APPROVE),
    (submission_reject, AuditAction.SUBMISSION_REJECT),
    (ocop_verify, AuditAction.OCOP_VERIFY),
    (ocop_reject, AuditAction.OCOP_REJECT),
    (ocop_revoke, AuditAction.OCOP_REVOKE),
    (collection_create, AuditAction.COLLECTION_CREATE),
    (collection_update, AuditAction.COLLECTION_UPDATE),
    (collection_translate, AuditAction.COLLECTION_UPDATE),
    (collection_publish, AuditAction.COLLECTION_PUBLISH),
    (collection_delete, AuditAction.COLLECTION_DELETE),
    (collection_background, AuditAction.COLLECTION_UPDATE),
    (collection_reorder, AuditAction.COLLECTION_UPDATE),
    (category_background, AuditAction.CATEGORY_UPDATE),
    (category_create, AuditAction.CATEGORY_CREATE),
    (category_update, AuditAction.CATEGORY_UPDATE),
    (product_type_create, AuditAction.PRODUCT_TYPE_CREATE),
    (product_type_update, AuditAction.PRODUCT_TYPE_UPDATE),
    (product_type_delete, AuditAction.PRODUCT_TYPE_DELETE),
    (attribute_create, AuditAction.ATTRIBUTE_CREATE),
    (attribute_update, AuditAction.ATTRIBUTE_UPDATE),
    (attribute_value_update, AuditAction.ATTRIBUTE_VALUE_UPDATE),
    (attribute_value_delete, AuditAction.ATTRIBUTE_VALUE_DELETE),
    (zone_create, AuditAction.SHIPPING_ZONE_CREATE),
    (zone_update, AuditAction.SHIPPING_ZONE_UPDATE),
    (zone_delete, AuditAction.SHIPPING_ZONE_DELETE),
    (method_create, AuditAction.SHIPPING_METHOD_CREATE),
    (method_update, AuditAction.SHIPPING_METHOD_UPDATE),
    (method_delete, AuditAction.SHIPPING_METHOD_DELETE),
    (route_create, AuditAction.ROUTE_CREATE),
    (route_update, AuditAction.ROUTE_UPDATE),
    (route_stops, AuditAction.ROUTE_UPDATE),
    (group_create, AuditAction.PERMISSION_GROUP_CREATE),
    (group_update, AuditAction.PERMISSION_GROUP_UPDATE),
    (staff_member, AuditAction.STAFF_CREATE),
    (refund_grant, AuditAction.REFUND_GRANT),
    (refund_for_returned_goods, AuditAction.REFUND_GRANT),
    (refund_update, AuditAction.REFUND_UPDATE),
    (refund_retry, AuditAction.REFUND_RETRY),
    (hide_review, AuditAction.REVIEW_HIDE),
]


@pytest.mark.parametrize(("case", "action"), CASES, ids=[case.__name__ for case, _ in CASES])
def test_each_decision_writes_one_record(seeded_channels, admin, case, action):
    with TestCase.captureOnCommitCallbacks(execute=True):
        subject, expected = case(admin)
    [event] = AuditEvent.objects.all()
    assert (event.action, event.actor, event.actor_email, event.actor_kind) == (
        action,
        admin,
        "quan-tri@langnghe.vn",
        ActorKind.USER,
    )
    assert event.subject_type == ContentType.objects.get_for_model(subject)
    assert event.subject_id == subject.pk
    fresh = type(subject)._default_manager.filter(pk=subject.pk).first() or subject  # deleted: as it was
    assert event.subject_label == LABELS.get(type(subject), str)(fresh)[:200]
    assert {key: event.data.get(key) for key in expected} == expected


def test_every_action_is_covered_by_a_case():
    assert {action for _, action in CASES} == set(AuditAction)


# ---------------------------------------------------------------- refusals and rollbacks


def test_a_refused_decision_writes_nothing(seeded_channels, admin):
    vendor = new_vendor()
    refusals: list[Callable[[], Any]] = [
        lambda: shops.vendor_commission_rate_set(actor=admin, vendor=vendor, rate="99"),
        lambda: shops.vendor_reject(actor=admin, vendor=vendor, reason="Không đạt"),  # ACTIVE, not PENDING
        lambda: shops.vendor_approve(actor=admin, vendor=vendor),  # already ACTIVE
        lambda: taxonomy.category_save(actor=admin, name=" ", slug=None, parent_id=None),
        lambda: shipping.shipping_zone_create(actor=admin, name="X", provinces=["Không có tỉnh này"]),
        lambda: routes.route_create(actor=admin, name=""),
        lambda: permission_group_create(actor=admin, name="", permissions=[], user_ids=[]),
        lambda: collections.collection_create(actor=admin, data={"name": ""}),
    ]
    for refusal in refusals:
        with pytest.raises(ValidationError):
            refusal()
    customer = new_user()
    with pytest.raises(PermissionDenied):
        shops.vendor_suspend(actor=customer, vendor=vendor, reason="")
    assert not AuditEvent.objects.exists()
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.ACTIVE


def test_a_rolled_back_decision_leaves_no_record(seeded_channels, admin):
    vendor = new_vendor()

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        shops.vendor_suspend(actor=admin, vendor=vendor, reason="Tạm dừng")
        assert AuditEvent.objects.count() == 1  # written inside the decision's transaction
        raise Boom
    assert not AuditEvent.objects.exists()
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.ACTIVE


def test_a_failing_record_rolls_the_decision_back(seeded_channels, admin, monkeypatch):
    """The decision never commits without its record: a record that cannot be written
    undoes the decision too."""
    vendor = new_vendor()

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit down")

    monkeypatch.setattr("marketplace.audit.services.AuditEvent.objects.create", broken)
    with pytest.raises(RuntimeError):
        shops.vendor_suspend(actor=admin, vendor=vendor, reason="")
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.ACTIVE


@pytest.mark.django_db(transaction=True)
def test_record_refuses_to_run_outside_a_transaction(admin):
    vendor = new_vendor()
    with pytest.raises(RuntimeError):
        record(admin, AuditAction.VENDOR_APPROVE, vendor)
    assert not AuditEvent.objects.exists()


def test_record_copies_what_it_says_and_keeps_it(seeded_channels, admin):
    vendor = new_vendor(name="Gốm Chu Đậu")
    with transaction.atomic():
        event = record(admin, AuditAction.VENDOR_SUSPEND, vendor, note="x", rate=Decimal("1.50"))
        system_event = record(SYSTEM, AuditAction.VENDOR_APPROVE, vendor)
    vendor.name = "Đổi tên"
    vendor.save()
    admin.delete()
    event.refresh_from_db()
    assert (event.actor, event.actor_email, event.subject_label) == (
        None,
        "quan-tri@langnghe.vn",
        "Gốm Chu Đậu",
    )
    assert event.data == {"note": "x", "rate": "1.50"}
    assert (system_event.actor_kind, system_event.actor_email) == (ActorKind.SYSTEM, "")
    unsaved = Vendor(name="Chưa lưu")
    with pytest.raises(ValueError), transaction.atomic():
        record(SYSTEM, AuditAction.VENDOR_APPROVE, unsaved)


def test_changes_keeps_only_what_changed():
    assert changes({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"old": {"b": 2}, "new": {"b": 3}}
