"""The one place returns and refunds tell people what happened: the events of issue 16
(``vendor_return_requested`` to the shop's members, ``return_updated`` and ``refund_updated``
to the buyer), sent as e-mails after the change commits, in each reader's language, the way
``marketplace/orders/emails.py`` sends the order e-mails (templates under
``returns/templates/returns/emails/``). When the notifications module (e-mail, SMS, Zalo, the
user's chosen channels) arrives, these three functions are the ones to switch to it.
"""

from decimal import Decimal

from marketplace.core.emails import send_templated_after_commit
from marketplace.orders.models import GrantedRefundStatus, Order, OrderGrantedRefund
from marketplace.returns.models import ReturnRequest, ReturnStatus


def _amount(value: Decimal) -> str:
    return f"{int(value):,}".replace(",", ".")


def _lines(request: ReturnRequest) -> str:
    rows = request.lines.select_related("order_line")
    return "\n".join(
        f"- {f'{row.order_line.product_name} {row.order_line.variant_name}'.strip()} × {row.quantity}"
        for row in rows
    )


def _send(kind: str, *, to: str, language: str, **context: object) -> None:
    if to:
        send_templated_after_commit(
            to=to, template=f"returns/emails/{kind}", language=language, context=context
        )


def vendor_return_requested(return_request: ReturnRequest) -> None:
    part = return_request.vendor_order
    order = Order.objects.get(pk=return_request.order_id)
    lines = _lines(return_request)
    for member in part.vendor.members.select_related("user"):
        _send(
            "vendor_return_requested",
            to=member.user.email,
            language=member.user.language_code,
            number=str(order.number),
            vendor=part.vendor.name,
            lines=lines,
            reason=return_request.reason,
        )


def return_updated(return_request: ReturnRequest) -> None:
    order = Order.objects.get(pk=return_request.order_id)
    _send(
        "return_updated",
        to=order.user_email,
        language=order.language_code,
        number=str(order.number),
        vendor=return_request.vendor_order.vendor.name,
        status=ReturnStatus(return_request.status).label,  # lazy: rendered in the reader's language
        note=return_request.note,
        lines=_lines(return_request),
    )


def refund_updated(granted_refund: OrderGrantedRefund) -> None:
    """The buyer hears of a refund once the money went back."""
    if granted_refund.status != GrantedRefundStatus.SUCCESS:
        return
    order = Order.objects.get(pk=granted_refund.order_id)
    _send(
        "refund_updated",
        to=order.user_email,
        language=order.language_code,
        number=str(order.number),
        amount=_amount(granted_refund.amount_value),
    )
