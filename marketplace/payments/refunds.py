"""Refunds: money given back to the buyer, through the way it was paid.

A refund is first **granted** (Saleor's ``OrderGrantedRefund``: an amount, the lines it
covers, the shop whose goods they are, what paid for them), then **requested**:

- VNPay: a signed request to VNPay's refund API (``vnpay_refund``), recorded as a
  ``ProviderRefundRequest`` with its answer; ``00`` refunds, any other code fails (the
  amount is free again), no usable answer (a timeout) leaves it PENDING;
- cash on delivery: PENDING until the shop confirms its transfer to the buyer;
- the dummy gateways (demo, tests): refunded at once.

**Money invariants, under concurrency.** Every write locks the order row first (the lock
order of every order write), then the granted refund, then the transaction or payment.
Under that lock, the refunds granted and not failed never exceed what the order was
charged (``AMOUNT_GREATER_THAN_AVAILABLE``): two staff refunding at once, or a return
refunded while staff refund the same order, give back at most what was charged. The
database refuses an order refunded beyond its charge. A requested refund is sent once:
the request is claimed under the lock, sent after the commit (never inside a transaction),
and its answer recorded under the lock again; a repeated request of an answered refund
returns the recorded answer without calling VNPay.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction as db_transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.core.errors import field_error
from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS, quantize
from marketplace.orders.models import (
    GrantedRefundStatus,
    Order,
    OrderGrantedRefund,
    OrderGrantedRefundLine,
    OrderLine,
    VendorOrder,
)
from marketplace.payments import transactions, vnpay_refund
from marketplace.payments.error_codes import RefundErrorCode
from marketplace.payments.gateways import COD, DUMMY_IDS, VNPAY
from marketplace.payments.models import (
    ChargeStatus,
    Payment,
    PaymentCallback,
    ProviderRefundRequest,
    RefundRequestStatus,
    TransactionItem,
)
from marketplace.payments.models import TransactionEventType as T
from marketplace.returns import notify
from vendors.shops import policies
from vendors.shops.policies import VendorAction

logger = logging.getLogger(__name__)

AMOUNT_LIMIT = Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES)
HOLDING = (GrantedRefundStatus.NONE, GrantedRefundStatus.PENDING, GrantedRefundStatus.SUCCESS)
MAX_REASON = 2000
MAX_LINES = 100


def require_staff(actor: Actor) -> None:
    if not has_permissions(actor, [PermissionEnum.MANAGE_ORDERS]):
        raise PermissionDenied(_("You need the MANAGE_ORDERS permission."))


# ---------------------------------------------------------------- what can be refunded


@dataclass
class Source:
    """What paid for the order and can take money back: a transaction or a payment."""

    gateway: str
    transaction: TransactionItem | None = None
    payment: Payment | None = None

    def charged(self) -> Decimal:
        if self.transaction is not None:
            return self.transaction.charged_value + self.transaction.refunded_value
        assert self.payment is not None
        return self.payment.captured_amount


def _held(order: Order, **filters: Any) -> Decimal:
    total = OrderGrantedRefund.objects.filter(order=order, status__in=HOLDING, **filters).aggregate(
        total=Sum("amount_value")
    )["total"]
    return total or Decimal(0)


def _source(order: Order, transaction_id: int | None) -> Source:
    """The transaction named, else the one holding most of the money, else the payment."""
    items = list(TransactionItem.objects.select_for_update().filter(order=order).order_by("pk"))
    if transaction_id is not None:
        item = next((i for i in items if i.pk == transaction_id), None)
        if item is None:
            raise field_error(
                "transaction_id", RefundErrorCode.NOT_FOUND, _("Couldn't find that transaction of the order.")
            )
        return Source(item.gateway, transaction=item)
    paying = [i for i in items if i.charged_value > 0]
    if paying:
        item = max(paying, key=lambda i: (i.charged_value, -i.pk))
        return Source(item.gateway, transaction=item)
    payment = (
        Payment.objects.select_for_update().filter(order=order, captured_amount__gt=0).order_by("pk").first()
    )
    if payment is None:
        raise field_error(
            "amount", RefundErrorCode.AMOUNT_GREATER_THAN_AVAILABLE, _("Nothing was charged for this order.")
        )
    return Source(payment.gateway, payment=payment)


def _check_available(order: Order, source: Source, amount: Decimal, *, exclude: int | None = None) -> None:
    """Under the order's lock: the refunds that hold money, with this one, stay within what
    the order (and the source) was charged."""
    held = OrderGrantedRefund.objects.filter(order=order, status__in=HOLDING)
    if exclude is not None:
        held = held.exclude(pk=exclude)
    total_held = held.aggregate(total=Sum("amount_value"))["total"] or Decimal(0)
    on_source = (
        held.filter(transaction=source.transaction)
        if source.transaction is not None
        else held.filter(payment=source.payment)
    ).aggregate(total=Sum("amount_value"))["total"] or Decimal(0)
    available = min(order.total_charged_amount - total_held, source.charged() - on_source)
    if amount > available:
        raise field_error(
            "amount",
            RefundErrorCode.AMOUNT_GREATER_THAN_AVAILABLE,
            _("At most %(available)s can still be refunded."),
            available=max(available, Decimal(0)),
        )


# ---------------------------------------------------------------- granting


def clean_amount(amount: Any, currency: str, field: str = "amount") -> Decimal:
    """A finite amount the database can hold, to the currency's precision (not yet checked
    against what is available)."""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        value = Decimal("NaN")
    if not value.is_finite() or abs(value) >= AMOUNT_LIMIT:
        raise field_error(field, RefundErrorCode.INVALID, _("Give an amount in đồng."))
    value = quantize(value, currency)
    if value <= 0:
        raise field_error(field, RefundErrorCode.INVALID, _("The amount must be more than 0."))
    return value


def _clean_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise field_error(
            "reason", RefundErrorCode.INVALID, _("At most %(limit)s characters."), limit=MAX_REASON
        )
    return reason


def _refund_lines(
    order: Order, lines: list[tuple[Any, int]], *, exclude: int | None = None
) -> tuple[list[tuple[OrderLine, int]], Decimal, int | None]:
    """The lines named (each of this order, at most what was bought and not already refunded),
    their value, and the one part they belong to."""
    if len(lines) > MAX_LINES:
        raise field_error("lines", RefundErrorCode.INVALID, _("At most %(limit)s lines."), limit=MAX_LINES)
    if len({line_id for line_id, _q in lines}) != len(lines):
        raise field_error("lines", RefundErrorCode.INVALID, _("Each line may be named once."))
    found = {line.pk: line for line in OrderLine.objects.filter(order=order, pk__in=[i for i, _q in lines])}
    already: dict[Any, int] = {}
    granted = OrderGrantedRefundLine.objects.filter(
        granted_refund__order=order, granted_refund__status__in=HOLDING, order_line_id__in=list(found)
    )
    if exclude is not None:
        granted = granted.exclude(granted_refund_id=exclude)
    for row in granted.values("order_line_id").annotate(total=Sum("quantity")):
        already[row["order_line_id"]] = row["total"]
    result, value, parts = [], Decimal(0), set()
    for line_id, quantity in lines:
        line = found.get(line_id)
        if line is None:
            raise field_error("lines", RefundErrorCode.NOT_FOUND, _("Couldn't find that line in the order."))
        if quantity < 1:
            raise field_error("lines", RefundErrorCode.INVALID, _("The quantity must be at least 1."))
        left = line.quantity - already.get(line.pk, 0)
        if quantity > left:
            raise field_error(
                "lines",
                RefundErrorCode.INVALID,
                _("Only %(left)s of %(name)s can still be refunded."),
                left=left,
                name=line.product_name,
            )
        result.append((line, quantity))
        # What the buyer paid for these units: the line's price less their share of its
        # voucher discount (the whole share when the whole line is refunded).
        share = (
            (line.discount_amount * quantity / line.quantity).quantize(Decimal(1))
            if line.discount_amount
            else 0
        )
        value += line.unit_price_gross_amount * quantity - share
        parts.add(line.vendor_order_id)
    if len(parts) > 1:
        raise field_error(
            "lines", RefundErrorCode.INVALID, _("One refund covers the lines of one shop's parcel.")
        )
    return result, value, next(iter(parts), None)


def grant_locked(
    *,
    actor: Actor,
    order: Order,
    amount: Decimal | None = None,
    lines: list[tuple[Any, int]] | None = None,
    include_shipping: bool = False,
    reason: str = "",
    transaction_id: int | None = None,
    vendor_order: VendorOrder | None = None,
) -> OrderGrantedRefund:
    """Grant a refund (status NONE) inside the caller's transaction, the order row locked.
    ``amount`` defaults to the lines' value (plus their parcel's shipping when
    ``include_shipping``) and is capped by what the order was charged and not yet refunded."""
    reason = _clean_reason(reason)
    chosen, value, part_id = _refund_lines(order, lines or [])
    if vendor_order is not None:
        if part_id is not None and part_id != vendor_order.pk:
            raise field_error("lines", RefundErrorCode.INVALID, _("These lines are another shop's."))
        part_id = vendor_order.pk
    elif part_id is None:
        parts = list(VendorOrder.objects.filter(order=order).values_list("pk", flat=True))
        part_id = parts[0] if len(parts) == 1 else None  # a one-shop order: that shop's refund
    part = VendorOrder.objects.filter(pk=part_id).first() if part_id else None
    shipping = Decimal(0)
    if include_shipping:
        if part is None:
            raise field_error(
                "grant_refund_for_shipping",
                RefundErrorCode.INVALID,
                _("Name the lines of the parcel whose shipping is refunded."),
            )
        if OrderGrantedRefund.objects.filter(
            vendor_order=part, status__in=HOLDING, shipping_costs_included=True
        ).exists():
            raise field_error(
                "grant_refund_for_shipping",
                RefundErrorCode.SHIPPING_COSTS_ALREADY_GRANTED,
                _("The shipping of this parcel is already refunded."),
            )
        shipping = part.shipping_price_amount
    if amount is None:
        if not chosen and not include_shipping:
            raise field_error("amount", RefundErrorCode.REQUIRED, _("Give an amount or the lines to refund."))
        amount = value + shipping
    else:
        amount = clean_amount(amount, order.currency)
        shipping = min(shipping, amount)
    if amount <= 0:
        raise field_error("amount", RefundErrorCode.INVALID, _("The amount must be more than 0."))
    source = _source(order, transaction_id)
    _check_available(order, source, amount)
    grant = OrderGrantedRefund.objects.create(
        order=order,
        vendor_order=part,
        currency=order.currency,
        amount_value=amount,
        shipping_amount=shipping,
        shipping_costs_included=include_shipping,
        reason=reason,
        transaction=source.transaction,
        payment=source.payment,
        user=actor_user(actor),
    )
    OrderGrantedRefundLine.objects.bulk_create(
        OrderGrantedRefundLine(granted_refund=grant, order_line=line, quantity=quantity)
        for line, quantity in chosen
    )
    return grant


def order_grant_refund_create(*, actor: Actor, order: Order, **options: Any) -> OrderGrantedRefund:
    """Staff grant a refund of any order (Saleor's ``orderGrantRefundCreate``)."""
    require_staff(actor)
    with db_transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        grant = grant_locked(actor=actor, order=locked, **options)
        audit_grant(actor, grant)
        return grant


def refund_label(grant: OrderGrantedRefund) -> str:
    """A granted refund in the audit log: its order's number and amount."""
    return f"#{grant.order.number}: {grant.amount_value:,.0f} {grant.currency}"


def audit_grant(actor: Actor, grant: OrderGrantedRefund) -> None:
    """The audit record of a refund granted by staff (inside the grant's transaction)."""
    audit.record(
        actor,
        AuditAction.REFUND_GRANT,
        grant,
        label=refund_label(grant),
        order=grant.order_id,
        amount=grant.amount_value,
        shipping=grant.shipping_amount,
        note=grant.reason,
    )


def order_grant_refund_update(
    *,
    actor: Actor,
    granted_refund: OrderGrantedRefund,
    amount: Decimal | None = None,
    reason: str | None = None,
) -> OrderGrantedRefund:
    """Staff change a granted refund not yet requested (or failed): its amount or reason."""
    require_staff(actor)
    with db_transaction.atomic():
        order = Order.objects.select_for_update().get(pk=granted_refund.order_id)
        grant = OrderGrantedRefund.objects.select_for_update().get(pk=granted_refund.pk)
        if grant.status not in (GrantedRefundStatus.NONE, GrantedRefundStatus.FAILURE):
            raise field_error(
                "id", RefundErrorCode.INVALID, _("A refund already sent or made cannot change.")
            )
        old = {"amount": grant.amount_value, "note": grant.reason, "status": grant.status}
        if reason is not None:
            grant.reason = _clean_reason(reason)
        if amount is not None:
            amount = clean_amount(amount, order.currency)
            _check_available(order, _grant_source(grant), amount, exclude=grant.pk)
            grant.amount_value = amount
            grant.shipping_amount = min(grant.shipping_amount, amount)
        grant.status = GrantedRefundStatus.NONE
        grant.save()
        audit.record(
            actor,
            AuditAction.REFUND_UPDATE,
            grant,
            label=refund_label(grant),
            order=grant.order_id,
            **audit.changes(
                old, {"amount": grant.amount_value, "note": grant.reason, "status": grant.status}
            ),
        )
    return grant


def _grant_source(grant: OrderGrantedRefund) -> Source:
    if grant.transaction_id is not None:
        item = TransactionItem.objects.select_for_update().get(pk=grant.transaction_id)
        return Source(item.gateway, transaction=item)
    payment = Payment.objects.select_for_update().get(pk=grant.payment_id)  # type: ignore[misc]
    return Source(payment.gateway, payment=payment)


# ---------------------------------------------------------------- requesting


def _vnpay_references(source: Source) -> tuple[str, str, str]:
    """(vnp_TxnRef, VNPay's transaction number, the payment's date) of what VNPay charged."""
    if source.transaction is not None:
        item = source.transaction
        txn_ref = item.psp_reference
        paid = item.events.filter(type=T.CHARGE_SUCCESS).order_by("pk").first()
        number = paid.psp_reference if paid else ""
        callbacks = PaymentCallback.objects.filter(transaction=item, response_code="00")
        created = item.created_at
    else:
        assert source.payment is not None
        txn_ref = source.payment.psp_reference or ""
        number = source.payment.provider_transaction_id
        callbacks = PaymentCallback.objects.filter(payment=source.payment, response_code="00")
        created = source.payment.created_at
    pay_date = next(
        (
            c.params.get("vnp_PayDate", "")
            for c in callbacks.order_by("-pk")[:1]
            if c.params.get("vnp_PayDate")
        ),
        "",
    )
    return txn_ref, number, pay_date or vnpay_refund.timestamp(created)


def _claim(actor: Actor, grant_id: int) -> ProviderRefundRequest | None:
    """Phase one, under the locks: move the granted refund to PENDING and decide what to send
    (None: nothing to send now)."""
    grant = OrderGrantedRefund.objects.select_for_update().get(pk=grant_id)
    order = Order.objects.get(pk=grant.order_id)
    now = timezone.now()
    if grant.status == GrantedRefundStatus.SUCCESS:
        return None
    if grant.status == GrantedRefundStatus.PENDING:
        waiting = (
            grant.provider_requests.select_for_update().filter(status=RefundRequestStatus.PENDING).last()
        )
        in_flight = timedelta(seconds=settings.VNPAY_REFUND_TIMEOUT_SECONDS + 5)
        if waiting is None or (waiting.sent_at and now - waiting.sent_at < in_flight):
            return None  # a transfer awaited, or a request on its way: never sent twice at once
        waiting.attempts += 1
        waiting.sent_at = now
        waiting.save(update_fields=["attempts", "sent_at"])
        return waiting  # unanswered before (a timeout): the same request again, same id
    source = _grant_source(grant)
    if grant.status == GrantedRefundStatus.FAILURE:  # its amount was freed: is it still there?
        _check_available(order, source, grant.amount_value, exclude=grant.pk)
    grant.status = GrantedRefundStatus.PENDING
    grant.save(update_fields=["status", "updated_at"])
    if source.gateway in DUMMY_IDS:
        _record_success(
            grant, source, psp_reference=f"dummy-refund-{uuid.uuid4().hex}", actor=actor, pending=False
        )
        return None
    if source.transaction is not None:
        transactions.record_event(
            source.transaction,
            kind=T.REFUND_REQUEST,
            amount=grant.amount_value,
            message="Refund requested" if source.gateway != COD.id else "Waiting for the shop's transfer",
            user=actor_user(actor),
        )
    if source.gateway != VNPAY.id:
        return None  # cash on delivery: the shop transfers, then confirms
    txn_ref, number, paid_on = _vnpay_references(source)
    refunded_before = source.charged() - (
        source.transaction.charged_value if source.transaction is not None else source.payment.captured_amount  # type: ignore[union-attr]
    )
    request_id = uuid.uuid4().hex
    user = actor_user(actor)
    params = vnpay_refund.build_request(
        request_id=request_id,
        txn_ref=txn_ref,
        amount=grant.amount_value,
        full=grant.amount_value == source.charged() and refunded_before == 0,
        transaction_no=number,
        transaction_date=paid_on,
        create_by=(user.email if user is not None else "") or "langnghe-market",
        created=now,
        order_info=f"Hoan tien don hang {order.number}",
    )
    return ProviderRefundRequest.objects.create(
        gateway=VNPAY.id,
        request_id=request_id,
        granted_refund=grant,
        transaction=source.transaction,
        payment=source.payment,
        amount=grant.amount_value,
        params=params,
        attempts=1,
        sent_at=now,
    )


def _record_success(
    grant: OrderGrantedRefund, source: Source, *, psp_reference: str, actor: Actor, pending: bool = True
) -> None:
    """The money went back (``pending``: it was a REFUND_REQUEST on the transaction until now)."""
    order = Order.objects.get(pk=grant.order_id)
    if source.transaction is not None:
        item = source.transaction
        if pending:
            item.refund_pending_value = max(item.refund_pending_value - grant.amount_value, Decimal(0))
        transactions.record_event(
            item,
            kind=T.REFUND_SUCCESS,
            amount=grant.amount_value,
            psp_reference=psp_reference,
            message="Refunded",
            user=actor_user(actor),
        )
        if item.charged_value <= 0 and "REFUND" in item.available_actions:
            item.available_actions = [a for a in item.available_actions if a != "REFUND"]
            item.save(update_fields=["available_actions", "modified_at"])
        transactions.refresh_order_amounts(order)
    else:
        payment = source.payment
        assert payment is not None
        order.total_refunded_amount += grant.amount_value
        order.save(update_fields=["total_refunded_amount", "updated_at"])
        refunded = _held(order, payment=payment, status=GrantedRefundStatus.SUCCESS) + grant.amount_value
        payment.charge_status = (
            ChargeStatus.FULLY_REFUNDED
            if refunded >= payment.captured_amount
            else ChargeStatus.PARTIALLY_REFUNDED
        )
        payment.save(update_fields=["charge_status", "modified_at"])
    grant.status = GrantedRefundStatus.SUCCESS
    grant.refunded_at = timezone.now()
    grant.save(update_fields=["status", "refunded_at", "updated_at"])
    notify.refund_updated(grant)  # the buyer is told, after the commit


def _record_failure(grant: OrderGrantedRefund, source: Source, message: str) -> None:
    if source.transaction is not None:
        item = source.transaction
        item.refund_pending_value = max(item.refund_pending_value - grant.amount_value, Decimal(0))
        transactions.record_event(item, kind=T.REFUND_FAILURE, amount=grant.amount_value, message=message)
    grant.status = GrantedRefundStatus.FAILURE
    grant.save(update_fields=["status", "updated_at"])


def _record_answer(request_pk: int, answer: vnpay_refund.RefundAnswer) -> None:
    """Phase three, under the locks: what VNPay said, once."""
    request = ProviderRefundRequest.objects.select_for_update().get(pk=request_pk)
    grant = OrderGrantedRefund.objects.select_for_update().get(pk=request.granted_refund_id)
    if request.status != RefundRequestStatus.PENDING:
        return
    request.response, request.response_signature_valid = answer.body, answer.signature_valid
    request.response_code, request.message = answer.code, answer.message[:512]
    if not answer.answered or not answer.signature_valid:
        if answer.answered:
            request.message = f"Answer {answer.code!r} with an invalid signature: not VNPay's"[:512]
            logger.error("VNPay refund %s: an answer with an invalid signature", request.request_id)
        else:
            logger.warning("VNPay refund %s: %s; left pending", request.request_id, answer.message)
        request.save()
        return
    if answer.code == vnpay_refund.IN_PROGRESS:
        request.save()  # VNPay already has it and is processing it: still pending
        return
    request.answered_at = timezone.now()
    source = _grant_source(grant)
    if answer.code == vnpay_refund.SUCCESS:
        request.status = RefundRequestStatus.SUCCESS
        request.save()
        _record_success(
            grant, source, psp_reference=str(answer.body.get("vnp_TransactionNo", ""))[:64], actor=None
        )
    else:
        request.status = RefundRequestStatus.FAILURE
        request.save()
        logger.warning("VNPay refused refund %s: %s %s", request.request_id, answer.code, answer.message)
        _record_failure(grant, source, f"VNPay: {answer.message} ({answer.code})")


def execute(
    *, actor: Actor, granted_refund: OrderGrantedRefund, audit_action: AuditAction | None = None
) -> OrderGrantedRefund:
    """Request a granted refund through what paid for it (no permission check: the callers
    check). Never call it inside a transaction: VNPay is called between two. With
    ``audit_action`` (a staff member's request), the claim is recorded in the audit log, in
    the claim's transaction, unless the refund was already made."""
    with db_transaction.atomic():
        Order.objects.select_for_update().get(pk=granted_refund.order_id)
        before = OrderGrantedRefund.objects.select_for_update().get(pk=granted_refund.pk).status
        claimed = _claim(actor, granted_refund.pk)
        if audit_action is not None and before != GrantedRefundStatus.SUCCESS:
            grant = OrderGrantedRefund.objects.get(pk=granted_refund.pk)
            audit.record(
                actor,
                audit_action,
                grant,
                label=refund_label(grant),
                order=grant.order_id,
                amount=grant.amount_value,
                old_status=before,
                new_status=grant.status,
            )
        request_pk, params = (claimed.pk, claimed.params) if claimed else (None, None)
    if request_pk is not None:
        assert params is not None
        answer = vnpay_refund.send(params)
        with db_transaction.atomic():
            Order.objects.select_for_update().get(pk=granted_refund.order_id)
            _record_answer(request_pk, answer)
    return OrderGrantedRefund.objects.get(pk=granted_refund.pk)


def execute_after_commit(*, actor: Actor, granted_refund_id: int) -> None:
    """From inside a transaction (an order being canceled): request the refund once it commits."""

    def run() -> None:
        grant = OrderGrantedRefund.objects.get(pk=granted_refund_id)
        try:
            execute(actor=actor, granted_refund=grant)
        except Exception:  # recorded on the refund (it stays NONE/PENDING); staff retry it
            logger.exception("Refund %s could not be requested", granted_refund_id)

    db_transaction.on_commit(run)


def request_granted_refund(*, actor: Actor, granted_refund: OrderGrantedRefund) -> OrderGrantedRefund:
    """Staff request (or retry) a granted refund (Saleor's
    ``transactionRequestRefundForGrantedRefund``)."""
    require_staff(actor)
    return execute(actor=actor, granted_refund=granted_refund, audit_action=AuditAction.REFUND_RETRY)


def order_refund(*, actor: Actor, order: Order, amount: Decimal) -> OrderGrantedRefund:
    """Staff refund an amount of any order at once (Saleor's ``orderRefund``)."""
    grant = order_grant_refund_create(actor=actor, order=order, amount=amount)
    return execute(actor=actor, granted_refund=grant)


def transaction_request_refund(
    *, actor: Actor, transaction_item: TransactionItem, amount: Decimal | None
) -> OrderGrantedRefund:
    """Staff refund a transaction of an order (Saleor's ``transactionRequestAction(REFUND)``):
    by default all it still holds."""
    require_staff(actor)
    transaction_item = TransactionItem.objects.get(pk=transaction_item.pk)  # its checkout may be an order now
    if transaction_item.order_id is None:
        raise field_error("id", RefundErrorCode.INVALID, _("Only an order's transactions are refunded."))
    with db_transaction.atomic():
        order = Order.objects.select_for_update().get(pk=transaction_item.order_id)
        if amount is None:
            item = TransactionItem.objects.get(pk=transaction_item.pk)
            amount = item.charged_value + item.refunded_value - _held(order, transaction=item)
            if amount <= 0:
                raise field_error(
                    "amount", RefundErrorCode.AMOUNT_GREATER_THAN_AVAILABLE, _("Nothing is left to refund.")
                )
        grant = grant_locked(actor=actor, order=order, amount=amount, transaction_id=transaction_item.pk)
        audit_grant(actor, grant)
    return execute(actor=actor, granted_refund=grant)


def confirm_transfer(
    *, actor: Actor, granted_refund: OrderGrantedRefund, reference: str
) -> OrderGrantedRefund:
    """A cash-on-delivery refund: the shop (or staff) transferred the money back to the buyer."""
    if granted_refund.vendor_order_id is not None:
        part = VendorOrder.objects.get(pk=granted_refund.vendor_order_id)
        policies.require(actor, VendorAction.FULFIL, part.vendor_id)
    else:
        require_staff(actor)
    reference = (reference or "").strip()
    if not reference or len(reference) > 255:
        raise field_error(
            "transfer_reference",
            RefundErrorCode.REQUIRED if not reference else RefundErrorCode.INVALID,
            _("Give the transfer's reference (at most 255 characters)."),
        )
    with db_transaction.atomic():
        Order.objects.select_for_update().get(pk=granted_refund.order_id)
        grant = OrderGrantedRefund.objects.select_for_update().get(pk=granted_refund.pk)
        source = _grant_source(grant)
        if source.gateway != COD.id or grant.status != GrantedRefundStatus.PENDING:
            raise field_error(
                "id",
                RefundErrorCode.INVALID,
                _("Only a pending cash-on-delivery refund is confirmed by a transfer."),
            )
        grant.transfer_reference = reference
        grant.save(update_fields=["transfer_reference", "updated_at"])
        _record_success(grant, source, psp_reference=reference, actor=actor)
    return grant


def refund_canceled_order(*, actor: Actor, order: Order) -> list[OrderGrantedRefund]:
    """Inside the cancel (order locked): grant back whatever was charged and not refunded —
    through each transaction that charged (or the payment) — requested once the cancel commits.
    The canceled parts earn nothing: these refunds are on no shop's statement."""
    left = order.total_charged_amount - _held(order)
    granted: list[OrderGrantedRefund] = []
    items = TransactionItem.objects.filter(order=order, charged_value__gt=0).order_by("pk")
    shares: list[tuple[int | None, Decimal]] = [
        (item.pk, item.charged_value + item.refunded_value - _held(order, transaction=item)) for item in items
    ] or [(None, left)]
    for transaction_id, available in shares:
        amount = min(left, available)
        if amount <= 0:
            continue
        grant = grant_locked(
            actor=actor, order=order, amount=amount, reason="Order canceled", transaction_id=transaction_id
        )
        grant.vendor_order = None
        grant.save(update_fields=["vendor_order"])
        execute_after_commit(actor=actor, granted_refund_id=grant.pk)
        granted.append(grant)
        left -= amount
    return granted
