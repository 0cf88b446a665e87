"""What the buyer and the shops are told about an order, through ``marketplace.notifications``
(e-mail, and SMS or Zalo for people who chose them), in the reader's language: the order's
``language_code`` for the buyer (a guest too), each member's own for a shop. Templates under
``orders/templates/orders/emails/``."""

import base64
from decimal import Decimal

from django.conf import settings

from marketplace.core.emails import email_language
from marketplace.notifications.notify import Recipient, notify, notify_vendor_members
from marketplace.orders.models import Fulfillment, Order, OrderLine, VendorOrder


def _amount(value: Decimal) -> str:
    return f"{int(value):,}".replace(",", ".")


def _lines(lines: list[OrderLine], language: str = "vi") -> str:
    """One line per item, in English names where the order was placed in English."""

    def name(line: OrderLine) -> str:
        if email_language(language) == "en":
            product = line.translated_product_name or line.product_name
            return f"{product} {line.translated_variant_name or line.variant_name}"
        return f"{line.product_name} {line.variant_name}"

    return "\n".join(f"- {name(line).strip()} × {line.quantity}" for line in lines)


def order_link(order: Order) -> str:
    """The storefront's page of the order (its API ID, ``base64("Order:<uuid>")``), which
    whoever holds the ID may open (Saleor's rule): a guest too."""
    api_id = base64.b64encode(f"Order:{order.pk}".encode()).decode()
    return settings.STOREFRONT_ORDER_URL.replace("{id}", api_id)


def buyer(order: Order) -> Recipient | None:
    """The buyer: their account (and channels) when signed in, else the guest's address;
    always in the order's language."""
    if order.user_id is not None and order.user is not None:
        return Recipient.for_user(order.user, language=order.language_code, email=order.user_email)
    if order.user_email:
        return Recipient.for_address(order.user_email, language=order.language_code)
    return None


def order_placed(order: Order) -> None:
    """The buyer's confirmation (number, total, items, link), and each shop's "new order"."""
    lines = list(order.lines.all())
    recipient = buyer(order)
    if recipient is not None:
        notify(
            "order_confirmation",
            recipient,
            object_key=f"order:{order.pk}",
            context={
                "number": str(order.number),
                "total": _amount(order.total_gross_amount),
                "lines": _lines(lines, order.language_code),
                "link": order_link(order),
            },
        )
    for vendor_order in order.vendor_orders.select_related("vendor"):
        own = [line for line in lines if line.vendor_order_id == vendor_order.pk]
        notify_vendor_members(
            "vendor_order_new",
            vendor_id=vendor_order.vendor_id,
            object_key=f"vendor_order:{vendor_order.pk}",
            context={
                "number": str(order.number),
                "vendor": vendor_order.vendor.name,
                "subtotal": _amount(vendor_order.subtotal_amount),
                "lines": _lines(own),
            },
        )


def parcel_shipped(fulfillment: Fulfillment) -> None:
    """The buyer's "on its way" message for a shop's parcel, with the courier and tracking number."""
    order, part = fulfillment.order, fulfillment.vendor_order
    recipient = buyer(order)
    if recipient is None:
        return
    notify(
        "order_shipped",
        recipient,
        object_key=f"fulfillment:{fulfillment.pk}",
        context={
            "number": str(order.number),
            "vendor": part.vendor.name,
            "carrier": fulfillment.carrier or "",
            "tracking": fulfillment.tracking_number or "—",
            "lines": _lines(
                [fl.order_line for fl in fulfillment.lines.select_related("order_line")], order.language_code
            ),
            "link": order_link(order),
        },
    )


def ready_for_pickup(vendor_order: VendorOrder) -> None:
    """The buyer's "ready for pickup": the place, its address and opening hours."""
    order = vendor_order.order
    recipient = buyer(order)
    if recipient is None:
        return
    point = order.collection_point
    address = point.address if point is not None else None
    notify(
        "order_ready_for_pickup",
        recipient,
        object_key=f"vendor_order:{vendor_order.pk}",
        context={
            "number": str(order.number),
            "vendor": vendor_order.vendor.name,
            "point": order.collection_point_name,
            "address": ", ".join(
                part for part in (address.street_address_1, address.city, address.country_area) if part
            )
            if address is not None
            else "",
            "hours": point.opening_hours if point is not None else "",
            "link": order_link(order),
        },
    )


# ---------------------------------------------------------------- returns and refunds
# For the returns and refunds services: each state change is its own notification
# (``key`` names the return or refund and its new state, e.g. ``"return:12:ACCEPTED"``),
# so a state reached twice tells once and every new state tells again.


def return_updated(order: Order, *, key: str, vendor: str, status: str, note: str = "") -> None:
    """The buyer: their return is REQUESTED, ACCEPTED, REFUSED, RECEIVED or REFUNDED."""
    recipient = buyer(order)
    if recipient is not None:
        notify(
            "return_updated",
            recipient,
            object_key=key,
            context={
                "number": str(order.number),
                "vendor": vendor,
                "status": status,
                "note": note,
                "link": order_link(order),
            },
        )


def refund_updated(order: Order, *, key: str, amount: Decimal, status: str) -> None:
    """The buyer: a refund is PENDING, SUCCESS or FAILED."""
    recipient = buyer(order)
    if recipient is not None:
        notify(
            "refund_updated",
            recipient,
            object_key=key,
            context={
                "number": str(order.number),
                "amount": _amount(amount),
                "status": status,
                "link": order_link(order),
            },
        )


def return_requested(
    vendor_order: VendorOrder, *, key: str, reason: str, lines: list[tuple[OrderLine, int]]
) -> None:
    """The shop's members: a buyer asks to return these lines (line, quantity)."""
    notify_vendor_members(
        "vendor_return_requested",
        vendor_id=vendor_order.vendor_id,
        object_key=key,
        context={
            "number": str(vendor_order.order.number),
            "vendor": vendor_order.vendor.name,
            "reason": reason,
            "lines": "\n".join(
                f"- {f'{line.product_name} {line.variant_name}'.strip()} × {quantity}"
                for line, quantity in lines
            ),
        },
    )
