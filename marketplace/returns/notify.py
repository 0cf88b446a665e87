"""The one place returns and refunds tell people what happened: the events of issue 16
(``vendor_return_requested`` to the shop's members, ``return_updated`` and ``refund_updated``
to the buyer), through the notifications (``marketplace.orders.emails``: sent once per
return or refund and state, after the commit, on each reader's chosen channels and in their
language)."""

from marketplace.orders import emails
from marketplace.orders.models import GrantedRefundStatus, Order, OrderGrantedRefund
from marketplace.returns.models import ReturnRequest


def vendor_return_requested(return_request: ReturnRequest) -> None:
    rows = return_request.lines.select_related("order_line")
    emails.return_requested(
        return_request.vendor_order,
        key=f"return:{return_request.pk}:REQUESTED",
        reason=return_request.reason,
        lines=[(row.order_line, row.quantity) for row in rows],
    )


def return_updated(return_request: ReturnRequest) -> None:
    order = Order.objects.get(pk=return_request.order_id)
    emails.return_updated(
        order,
        key=f"return:{return_request.pk}:{return_request.status}",
        vendor=return_request.vendor_order.vendor.name,
        status=str(return_request.status),
        note=return_request.note,
    )


def refund_updated(granted_refund: OrderGrantedRefund) -> None:
    """The buyer hears of a refund once the money went back."""
    if granted_refund.status != GrantedRefundStatus.SUCCESS:
        return
    order = Order.objects.get(pk=granted_refund.order_id)
    emails.refund_updated(
        order,
        key=f"refund:{granted_refund.pk}:{granted_refund.status}",
        amount=granted_refund.amount_value,
        status=str(granted_refund.status),
    )
