"""A buyer's personal data on orders, for account deletion (Decree 13/2023/NĐ-CP).

An order outlives its buyer's account: the shops keep its lines, totals, commission and
payouts for their accounting, but nothing that identifies the buyer. Orders still being
handled keep their delivery details, so an account with such orders cannot be deleted yet.
"""

from django.db import transaction
from django.db.models import Q

from marketplace.accounts.models import Address, User
from marketplace.orders.models import Order, OrderStatus, VendorOrderStatus
from marketplace.payments.models import Payment

OPEN_ORDER = (OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)
OPEN_VENDOR_ORDER = (
    VendorOrderStatus.UNCONFIRMED,
    VendorOrderStatus.UNFULFILLED,
    VendorOrderStatus.PARTIALLY_FULFILLED,
    VendorOrderStatus.READY_FOR_PICKUP,
)
# What an anonymised address keeps: the country and province (for statistics), nothing else.
MASKED_ADDRESS = {
    "first_name": "",
    "last_name": "",
    "company_name": "",
    "street_address_1": "",
    "street_address_2": "",
    "city": "",
    "city_area": "",
    "postal_code": "",
    "phone": "",
}


def open_order_numbers(*, user: User) -> list[int]:
    """The numbers of the user's orders still being paid for, packed, shipped or picked up."""
    return list(
        Order.objects.filter(user=user)
        .filter(Q(status__in=OPEN_ORDER) | Q(vendor_orders__status__in=OPEN_VENDOR_ORDER))
        .order_by("number")
        .values_list("number", flat=True)
        .distinct()
    )


def anonymise_buyer(*, user: User) -> int:
    """Detach the user's orders from them and mask what identifies the buyer: the email,
    the names, street, ward, postal code and phone of both addresses, and the IP address of
    their payments. Lines, prices, vendor orders, fulfilments and payouts stay as they are.
    Returns how many orders were anonymised."""
    with transaction.atomic():
        orders = list(
            Order.objects.select_for_update(of=("self",))
            .filter(user=user)
            .order_by("pk")
            .values_list("pk", "shipping_address_id", "billing_address_id")
        )
        order_ids = [pk for pk, _, _ in orders]
        address_ids = {a for _, *pair in orders for a in pair if a is not None}
        Address.objects.filter(pk__in=address_ids).update(**MASKED_ADDRESS)
        Payment.objects.filter(order_id__in=order_ids).update(customer_ip_address=None)
        Order.objects.filter(pk__in=order_ids).update(user=None, user_email="")
    return len(order_ids)
