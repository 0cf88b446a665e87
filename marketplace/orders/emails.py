"""Order emails, in the reader's language, sent by Celery after the transaction commits:
templates under ``orders/templates/orders/emails/`` (the order's ``language_code`` for the
buyer, each member's own for a shop)."""

from decimal import Decimal

from marketplace.core.emails import email_language, send_templated_after_commit
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


def _send(kind: str, *, to: str, language: str, **context: str) -> None:
    if not to:
        return
    send_templated_after_commit(to=to, template=f"orders/emails/{kind}", language=language, context=context)


def order_placed(order: Order) -> None:
    """The buyer's confirmation, and each shop's "new order" (to its members)."""
    lines = list(order.lines.all())
    _send(
        "confirmation",
        to=order.user_email,
        language=order.language_code,
        number=str(order.number),
        total=_amount(order.total_gross_amount),
        lines=_lines(lines, order.language_code),
    )
    for vendor_order in order.vendor_orders.select_related("vendor").prefetch_related(
        "vendor__members__user"
    ):
        own = [line for line in lines if line.vendor_order_id == vendor_order.pk]
        for member in vendor_order.vendor.members.all():
            _send(
                "vendor_new_order",
                to=member.user.email,
                language=member.user.language_code,
                number=str(order.number),
                vendor=vendor_order.vendor.name,
                subtotal=_amount(vendor_order.subtotal_amount),
                lines=_lines(own),
            )


def parcel_shipped(fulfillment: Fulfillment) -> None:
    """The buyer's "on its way" e-mail for a shop's parcel, with the courier and tracking number."""
    order, part = fulfillment.order, fulfillment.vendor_order
    _send(
        "shipped",
        to=order.user_email,
        language=order.language_code,
        number=str(order.number),
        vendor=part.vendor.name,
        carrier=fulfillment.carrier or "",
        tracking=fulfillment.tracking_number or "—",
        lines=_lines(
            [fl.order_line for fl in fulfillment.lines.select_related("order_line")], order.language_code
        ),
    )


def ready_for_pickup(vendor_order: VendorOrder) -> None:
    order = vendor_order.order
    _send(
        "ready_for_pickup",
        to=order.user_email,
        language=order.language_code,
        number=str(order.number),
        vendor=vendor_order.vendor.name,
        point=order.collection_point_name,
    )
