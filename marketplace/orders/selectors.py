"""Reads of orders by id and of a shop's part-orders (the caller checks who may see them),
and a buyer's uses of a voucher."""

from typing import Any

from django.db.models import Q, QuerySet

from marketplace.orders.models import Order, OrderGrantedRefund, OrderStatus, VendorOrder
from vendors.shops.models import Vendor


def order_by_id(pk: Any) -> Order | None:
    """The order with ``pk`` (a UUID: its id is also the buyer's token)."""
    return Order.objects.filter(pk=pk).first()


def vendor_order_by_id(pk: int) -> VendorOrder | None:
    return VendorOrder.objects.select_related("vendor").filter(pk=pk).first()


def vendor_orders_of(vendor: Vendor) -> QuerySet[VendorOrder]:
    return VendorOrder.objects.filter(vendor=vendor)


def granted_refund_by_id(pk: int) -> OrderGrantedRefund | None:
    """A granted refund to act on (the refund service checks who may)."""
    return OrderGrantedRefund.objects.filter(pk=pk).first()


def voucher_uses_by(*, voucher_id: int, email: str, user_id: int | None) -> int:
    """How many live orders (not canceled, not expired) this buyer placed with the voucher:
    the buyer is the account, or the e-mail address (any letter case) a guest gave."""
    buyer = Q(user_email__iexact=email) if email else Q(pk__in=[])
    if user_id is not None:
        buyer |= Q(user_id=user_id)
    return (
        Order.objects.filter(buyer, voucher_id=voucher_id)
        .exclude(status__in=[OrderStatus.CANCELED, OrderStatus.EXPIRED])
        .count()
    )
