"""What happens to an order after it is placed: artisans fulfil, mark ready for pickup
and collect cash for their own part; staff cancel; online payments confirm or expire.

Locks are taken in one order everywhere: the order row, then its vendor orders, then
stock rows by id (``marketplace.inventory.services``), as checkout writes take the
checkout row before the stock rows.
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user, require_system
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.core import metadata
from marketplace.core.errors import field_error
from marketplace.discounts import services as vouchers
from marketplace.inventory import services as stock
from marketplace.orders import emails
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.models import (
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderChargeStatus,
    OrderLine,
    OrderStatus,
    VendorOrder,
    VendorOrderStatus,
)
from marketplace.payments import refunds, transactions
from marketplace.payments.gateways import COD, VNPAY
from marketplace.payments.models import ChargeStatus, Payment
from vendors.shops import policies
from vendors.shops.policies import VendorAction

logger = logging.getLogger(__name__)

OPEN_PART = (
    VendorOrderStatus.UNFULFILLED,
    VendorOrderStatus.PARTIALLY_FULFILLED,
    VendorOrderStatus.READY_FOR_PICKUP,
)


def _lock(vendor_order: VendorOrder) -> tuple[Order, VendorOrder]:
    order = Order.objects.select_for_update().get(pk=vendor_order.order_id)
    part = VendorOrder.objects.select_for_update().select_related("vendor").get(pk=vendor_order.pk)
    return order, part


def _act_for(actor: Actor, vendor_order: VendorOrder) -> None:
    policies.require(actor, VendorAction.FULFIL, vendor_order.vendor_id)


def refresh_status(order: Order) -> None:
    """The buyer's status follows its parts (the canceled ones aside)."""
    if order.status in (OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.UNCONFIRMED):
        return
    parts = [p.status for p in order.vendor_orders.all() if p.status != VendorOrderStatus.CANCELED]
    if parts and all(status == VendorOrderStatus.FULFILLED for status in parts):
        order.status = OrderStatus.FULFILLED
    elif any(
        status in (VendorOrderStatus.FULFILLED, VendorOrderStatus.PARTIALLY_FULFILLED) for status in parts
    ):
        order.status = OrderStatus.PARTIALLY_FULFILLED
    else:
        order.status = OrderStatus.UNFULFILLED
    order.save(update_fields=["status", "updated_at"])


def _require_open(part: VendorOrder) -> None:
    if part.status == VendorOrderStatus.UNCONFIRMED:
        raise field_error(
            "id",
            OrderErrorCode.CANNOT_FULFILL_UNPAID_ORDER,
            _("The order's online payment is not confirmed yet."),
        )
    if part.status not in OPEN_PART:
        raise field_error(
            "id",
            OrderErrorCode.INVALID_STATUS,
            _("A %(status)s order cannot change."),
            status=part.status.lower(),
        )


# ---------------------------------------------------------------- fulfilment


# One line to fulfil: its id and where its units leave from, ``[(warehouse id or None, quantity)]``
# (None: from wherever its units are allocated).
FulfilLine = tuple[Any, list[tuple[int | None, int]]]


def _fulfil_plan(
    part: VendorOrder, wanted: list[FulfilLine] | None
) -> list[tuple[OrderLine, list[tuple[int | None, int]]]]:
    lines = {line.pk: line for line in part.lines.all()}
    if wanted is None:
        plan = [(line, [(None, line.quantity - line.quantity_fulfilled)]) for line in lines.values()]
        plan = [(line, stocks) for line, stocks in plan if stocks[0][1] > 0]
        if not plan:
            raise field_error(
                "lines", OrderErrorCode.FULFILL_ORDER_LINE, _("Every line is already fulfilled.")
            )
        return plan  # type: ignore[return-value]
    if not wanted:
        raise field_error("lines", OrderErrorCode.ZERO_QUANTITY, _("Name at least one line to fulfil."))
    if len({line_id for line_id, _ignored in wanted}) != len(wanted):
        raise field_error("order_line_id", OrderErrorCode.DUPLICATED_INPUT_ITEM, _("A line is named twice."))
    result = []
    for line_id, stocks in wanted:
        line = lines.get(line_id)
        if line is None:
            raise field_error(
                "order_line_id", OrderErrorCode.NOT_FOUND, _("No such line in this shop's part of the order.")
            )
        quantity = sum(q for _ignored, q in stocks)
        if quantity <= 0 or any(q < 0 for _ignored, q in stocks):
            raise field_error("quantity", OrderErrorCode.ZERO_QUANTITY, _("The quantity must be at least 1."))
        named = [w for w, _ignored in stocks]
        if len(set(named)) != len(named):
            raise field_error(
                "warehouse", OrderErrorCode.DUPLICATED_INPUT_ITEM, _("A warehouse is named twice.")
            )
        remaining = line.quantity - line.quantity_fulfilled
        if quantity > remaining:
            raise field_error(
                "quantity",
                OrderErrorCode.FULFILL_ORDER_LINE,
                _("Only %(remaining)s items remaining to fulfill."),
                remaining=remaining,
            )
        result.append((line, [(w, q) for w, q in stocks if q > 0]))
    return result


def _check_warehouses(part: VendorOrder, plan: list[tuple[OrderLine, list[tuple[int | None, int]]]]) -> None:
    """Units leave only a warehouse of the part's own shop, and only one that holds them:
    another shop's warehouse (or one that does not exist) is NOT_FOUND, a warehouse without
    enough of the line's allocated units INSUFFICIENT_STOCK. Checked before any write."""
    named = {w for _ignored, stocks in plan for w, _ignored in stocks if w is not None}  # type: ignore[assignment]
    own = set(stock.warehouses_of_vendor(part.vendor_id, named))
    if named - own:
        raise field_error(
            "warehouse", OrderErrorCode.NOT_FOUND, _("Couldn't find that warehouse of the shop.")
        )
    for line, stocks in plan:
        allocated = stock.allocated_by_warehouse(order_line_id=line.pk)
        if not allocated:
            continue  # a line that does not track inventory leaves from any own warehouse
        for warehouse_id, quantity in stocks:
            if warehouse_id is not None and allocated.get(warehouse_id, 0) < quantity:
                held = allocated.get(warehouse_id, 0)
                raise field_error(
                    "warehouse",
                    OrderErrorCode.INSUFFICIENT_STOCK,
                    _("Only %(held)s units of this line are allocated in that warehouse."),
                    held=held,
                )


def vendor_order_fulfill(
    *,
    actor: Actor,
    vendor_order: VendorOrder,
    lines: list[FulfilLine] | None,
    tracking_number: str = "",
    carrier: str = "",
) -> Fulfillment:
    """Ship (or hand over at pickup) some or all remaining units of a shop's part, from the
    named warehouses of the shop (or wherever the units are allocated). A shipped parcel
    (not a pickup) e-mails the buyer its courier and tracking number, after the commit."""
    _act_for(actor, vendor_order)
    tracking_number = (tracking_number or "").strip()
    if len(tracking_number) > 255:
        raise field_error("tracking_number", OrderErrorCode.INVALID, _("At most 255 characters."))
    carrier = (carrier or "").strip()
    if len(carrier) > 64:
        raise field_error("carrier", OrderErrorCode.INVALID, _("At most 64 characters."))
    with transaction.atomic():
        order, part = _lock(vendor_order)
        _require_open(part)
        plan = _fulfil_plan(part, lines)
        _check_warehouses(part, plan)
        number = Fulfillment.objects.filter(order=order).count() + 1
        fulfillment = Fulfillment.objects.create(
            order=order,
            vendor_order=part,
            fulfillment_order=number,
            tracking_number=tracking_number,
            carrier=carrier,
        )
        for line, stocks in plan:
            quantity = 0
            for warehouse_id, part_quantity in stocks:
                stock.ship(order_line_id=line.pk, quantity=part_quantity, warehouse_id=warehouse_id)
                quantity += part_quantity
            line.quantity_fulfilled += quantity
            line.save(update_fields=["quantity_fulfilled"])
            FulfillmentLine.objects.create(fulfillment=fulfillment, order_line=line, quantity=quantity)
        done = all(line.quantity_fulfilled == line.quantity for line in part.lines.all())
        part.status = VendorOrderStatus.FULFILLED if done else VendorOrderStatus.PARTIALLY_FULFILLED
        part.save(update_fields=["status"])
        refresh_status(order)
        if order.collection_point_id is None and not order.collection_point_name:
            emails.parcel_shipped(fulfillment)
    return fulfillment


def vendor_order_mark_ready_for_pickup(*, actor: Actor, vendor_order: VendorOrder) -> VendorOrder:
    _act_for(actor, vendor_order)
    with transaction.atomic():
        order, part = _lock(vendor_order)
        if order.collection_point_id is None and not order.collection_point_name:
            raise field_error(
                "id", OrderErrorCode.NOT_PICKUP_ORDER, _("The buyer chose delivery, not pickup.")
            )
        _require_open(part)
        if part.status == VendorOrderStatus.READY_FOR_PICKUP:
            return part
        part.status = VendorOrderStatus.READY_FOR_PICKUP
        part.save(update_fields=["status"])
        part.order = order
        emails.ready_for_pickup(part)
    return part


# ---------------------------------------------------------------- money


def _charged_status(order: Order) -> str:
    if order.total_charged_amount <= 0:
        return OrderChargeStatus.NOT_CHARGED
    if order.total_charged_amount >= order.total_gross_amount:
        return OrderChargeStatus.FULLY_CHARGED
    return OrderChargeStatus.PARTIALLY_CHARGED


def vendor_order_mark_paid(*, actor: Actor, vendor_order: VendorOrder) -> VendorOrder:
    """Cash on delivery collected for this shop's parcel (goods and its shipping)."""
    _act_for(actor, vendor_order)
    with transaction.atomic():
        order, part = _lock(vendor_order)
        if order.gateway != COD.id:
            raise field_error(
                "id", OrderErrorCode.NOT_CASH_ON_DELIVERY, _("Only cash-on-delivery orders are marked paid.")
            )
        if part.status == VendorOrderStatus.CANCELED:
            raise field_error("id", OrderErrorCode.INVALID_STATUS, _("A canceled order cannot be paid."))
        if part.is_paid:
            raise field_error("id", OrderErrorCode.ALREADY_PAID, _("This part of the order is already paid."))
        collected = part.subtotal_amount - part.discount_amount + part.shipping_price_amount
        part.is_paid, part.paid_at = True, timezone.now()
        part.save(update_fields=["is_paid", "paid_at"])
        if transactions.collect_cash(order=order, amount=collected, actor=actor):
            return part  # paid through the transactions API: a CHARGE_SUCCESS of the authorization
        order.total_charged_amount += collected
        order.charge_status = _charged_status(order)
        order.save(update_fields=["total_charged_amount", "charge_status", "updated_at"])
        payment = (
            Payment.objects.select_for_update().filter(order=order, gateway=COD.id, is_active=True).first()
        )
        if payment is not None:
            payment.captured_amount = order.total_charged_amount
            payment.charge_status = (
                ChargeStatus.FULLY_CHARGED
                if order.charge_status == OrderChargeStatus.FULLY_CHARGED
                else ChargeStatus.PARTIALLY_CHARGED
            )
            payment.save(update_fields=["captured_amount", "charge_status", "modified_at"])
    return part


def order_confirm_payment(*, order: Order, payment: Payment, transaction_id: str) -> None:
    """An online payment arrived (inside the caller's transaction, order and payment locked)."""
    payment.charge_status = ChargeStatus.FULLY_CHARGED
    payment.captured_amount = payment.total
    payment.provider_transaction_id = transaction_id[:64]
    payment.save(update_fields=["charge_status", "captured_amount", "provider_transaction_id", "modified_at"])
    order.total_charged_amount = payment.total
    order.charge_status = _charged_status(order)
    order.status = OrderStatus.UNFULFILLED
    order.save(update_fields=["status", "charge_status", "total_charged_amount", "updated_at"])
    order.vendor_orders.filter(status=VendorOrderStatus.UNCONFIRMED).update(
        status=VendorOrderStatus.UNFULFILLED, is_paid=True, paid_at=timezone.now()
    )
    emails.order_placed(order)


# ---------------------------------------------------------------- cancel and expire


def _release(order: Order, *, status: str, actor: Actor) -> None:
    vouchers.release_use(voucher_id=order.voucher_id, code=order.voucher_code)  # the voucher's lock first
    stock.deallocate(order_line_ids=list(order.lines.values_list("pk", flat=True)))
    transactions.release_authorizations(order=order, actor=actor)
    order.vendor_orders.update(status=VendorOrderStatus.CANCELED)
    order.status = status
    order.save(update_fields=["status", "updated_at"])
    Payment.objects.filter(
        order=order, charge_status__in=[ChargeStatus.NOT_CHARGED, ChargeStatus.PENDING]
    ).update(charge_status=ChargeStatus.CANCELLED, is_active=False)


def order_cancel(*, actor: Actor, order: Order) -> Order:
    """Staff cancel an order nothing of which has left a workshop; its stock returns and what
    was charged is refunded through what paid for it (requested once the cancel commits)."""
    if not has_permissions(actor, [PermissionEnum.MANAGE_ORDERS]):
        raise PermissionDenied(_("You need the MANAGE_ORDERS permission."))
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status in (OrderStatus.CANCELED, OrderStatus.EXPIRED):
            raise field_error("id", OrderErrorCode.CANNOT_CANCEL_ORDER, _("The order is already closed."))
        if locked.fulfillments.exists():
            raise field_error(
                "id", OrderErrorCode.CANNOT_CANCEL_ORDER, _("Part of the order has been fulfilled.")
            )
        _release(locked, status=OrderStatus.CANCELED, actor=actor)
        if locked.total_charged_amount > locked.total_refunded_amount:
            refunds.refund_canceled_order(actor=actor, order=locked)
    return locked


def expire_unpaid_orders(*, actor: Actor, now: datetime | None = None) -> int:
    """VNPay orders whose payment window closed (plus a grace period for late callbacks)
    expire and release their stock. Each order in its own transaction, re-checked under
    its lock, so an IPN confirming it at the same moment wins or loses cleanly. Runs as
    ``SYSTEM`` (the beat task)."""
    require_system(actor)
    now = now or timezone.now()
    deadline = now - timedelta(minutes=settings.VNPAY_PAYMENT_MINUTES + settings.VNPAY_GRACE_MINUTES)
    candidates = Order.objects.filter(
        status=OrderStatus.UNCONFIRMED, gateway=VNPAY.id, created_at__lt=deadline
    ).values_list("pk", flat=True)
    expired = 0
    for pk in list(candidates[:500]):
        with transaction.atomic():
            order = Order.objects.select_for_update().filter(pk=pk, status=OrderStatus.UNCONFIRMED).first()
            if order is None:
                continue
            _release(order, status=OrderStatus.EXPIRED, actor=actor)
            expired += 1
    if expired:
        logger.info("expired %s unpaid orders", expired)
    return expired


# ---------------------------------------------------------------- metadata


def order_metadata_write(
    *,
    actor: Actor,
    order: Order,
    items: list[tuple[str, str]] | None = None,
    delete_keys: list[str] | None = None,
    private: bool = False,
) -> Order:
    """Set ``items`` or delete ``delete_keys`` of the order's metadata. Public metadata: the
    buyer (a customer's own order) or staff with MANAGE_ORDERS; private: that staff only."""
    staff = has_permissions(actor, [PermissionEnum.MANAGE_ORDERS])
    user = actor_user(actor)
    owner = order.user_id is not None and user is not None and user.pk == order.user_id
    if not staff and (private or not owner):
        raise PermissionDenied(_("You need the MANAGE_ORDERS permission."))
    cleaned_items = metadata.clean_items(items) if items is not None else None
    cleaned_keys = metadata.clean_keys(delete_keys) if delete_keys is not None else None
    written = metadata.write(
        Order,
        order.pk,
        private=private,
        set_items=cleaned_items,
        delete_keys=cleaned_keys,
        field="keys" if delete_keys is not None else "input",
        touch={"updated_at": timezone.now()},
    )
    assert isinstance(written, Order)
    return written
