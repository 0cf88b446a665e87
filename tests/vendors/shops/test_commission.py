"""``vendor_commission_rate_set``: staff with MANAGE_VENDORS only, 0 to 50 % with at most two
decimals, nothing written on a refusal, and the database refuses a rate above 50 as well."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import UserFactory, VendorFactory
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole
from vendors.shops.services import vendor_commission_rate_set

pytestmark = pytest.mark.django_db


def test_only_vendor_managers_set_it(customer_user, staff_user):
    vendor = VendorFactory()
    owner = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=owner, role=VendorMemberRole.OWNER)
    grant(staff_user, PermissionEnum.MANAGE_PRODUCTS)
    for actor in (None, customer_user, owner, staff_user):
        with pytest.raises(PermissionDenied):
            vendor_commission_rate_set(actor=actor, vendor=vendor, rate="5")
    vendor.refresh_from_db()
    assert vendor.commission_rate == Decimal("10.00")
    grant(staff_user, PermissionEnum.MANAGE_VENDORS)
    vendor_commission_rate_set(actor=staff_user, vendor=vendor, rate="7.5")
    vendor_commission_rate_set(actor=SYSTEM, vendor=vendor, rate=Decimal("0"))
    vendor.refresh_from_db()
    assert vendor.commission_rate == Decimal("0.00")


@pytest.mark.parametrize(
    ("rate", "code"),
    [
        ("50.01", "OUT_OF_RANGE"),
        ("-0.5", "OUT_OF_RANGE"),
        ("NaN", "OUT_OF_RANGE"),
        ("Infinity", "OUT_OF_RANGE"),
        ("1e3", "OUT_OF_RANGE"),
        ("12.345", "INVALID"),
        ("ten", "INVALID"),
        ("", "INVALID"),
    ],
)
def test_bad_rates_are_refused_with_a_code(rate, code):
    vendor = VendorFactory()
    with pytest.raises(ValidationError) as refused:
        vendor_commission_rate_set(actor=SYSTEM, vendor=vendor, rate=rate)
    assert refused.value.error_dict["commission_rate"][0].code == code
    vendor.refresh_from_db()
    assert vendor.commission_rate == Decimal("10.00")


def test_the_edges_and_a_comma(db):
    vendor = VendorFactory()
    for rate, expected in (("50", "50.00"), ("0", "0.00"), ("12,5", "12.50")):
        vendor_commission_rate_set(actor=SYSTEM, vendor=vendor, rate=rate)
        vendor.refresh_from_db()
        assert vendor.commission_rate == Decimal(expected)


def test_the_database_refuses_more_than_fifty(db):
    vendor = VendorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Vendor.objects.filter(pk=vendor.pk).update(commission_rate=Decimal("51"))
