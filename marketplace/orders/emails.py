"""Order emails, in the reader's language, sent by Celery after the transaction commits."""

from marketplace.core.emails import send_after_commit
from marketplace.orders.models import Fulfillment, Order, VendorOrder

TEXTS = {
    "confirmation": {
        "vi": (
            "Đơn hàng #{number} đã được đặt",
            "Cảm ơn bạn đã mua hàng tại Làng Nghề Market.\nĐơn hàng #{number}: {total} ₫.\n{lines}\n",
        ),
        "en": (
            "Order #{number} is placed",
            "Thank you for shopping at Làng Nghề Market.\nOrder #{number}: {total} VND.\n{lines}\n",
        ),
    },
    "vendor_new_order": {
        "vi": (
            "Đơn hàng mới #{number}",
            "Cửa hàng {vendor} có đơn hàng mới #{number}: {subtotal} ₫.\n{lines}\n",
        ),
        "en": ("New order #{number}", "{vendor} has a new order #{number}: {subtotal} VND.\n{lines}\n"),
    },
    "shipped": {
        "vi": (
            "Đơn hàng #{number} đã được gửi đi",
            "Hàng của {vendor} trong đơn #{number} đã được gửi đi.\n{carrier}"
            "Mã vận đơn: {tracking}\n{lines}\n",
        ),
        "en": (
            "Order #{number} is on its way",
            "The items from {vendor} in order #{number} have been shipped.\n{carrier}"
            "Tracking number: {tracking}\n{lines}\n",
        ),
    },
    "ready_for_pickup": {
        "vi": (
            "Đơn hàng #{number} đã sẵn sàng để nhận",
            "Hàng của {vendor} trong đơn #{number} đã sẵn sàng tại {point}.\n",
        ),
        "en": (
            "Order #{number} is ready for pickup",
            "The items from {vendor} in order #{number} are ready at {point}.\n",
        ),
    },
}


def _language(code: str) -> str:
    return "en" if code.startswith("en") else "vi"


def _amount(value) -> str:  # type: ignore[no-untyped-def]
    return f"{int(value):,}".replace(",", ".")


def _lines(lines, language: str = "vi") -> str:  # type: ignore[no-untyped-def]
    """One line per item, in English names where the order was placed in English."""

    def name(line) -> str:  # type: ignore[no-untyped-def]
        if _language(language) == "en":
            product = line.translated_product_name or line.product_name
            return f"{product} {line.translated_variant_name or line.variant_name}"
        return f"{line.product_name} {line.variant_name}"

    return "\n".join(f"- {name(line).strip()} × {line.quantity}" for line in lines)


def _send(kind: str, *, to: str, language: str, **values: str) -> None:
    if not to:
        return
    subject, body = TEXTS[kind][_language(language)]
    send_after_commit(to=to, subject=subject.format(**values), body=body.format(**values))


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
    language = _language(order.language_code)
    carrier = ""
    if fulfillment.carrier:
        carrier = ("Đơn vị vận chuyển: {}\n" if language == "vi" else "Carrier: {}\n").format(
            fulfillment.carrier
        )
    _send(
        "shipped",
        to=order.user_email,
        language=language,
        number=str(order.number),
        vendor=part.vendor.name,
        carrier=carrier,
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
