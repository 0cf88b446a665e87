"""Saleor's transactions API: paying for a checkout with ``TransactionItem``s.

``transactionInitialize`` opens a transaction on a checkout through one gateway and
records the gateway's answer as a ``TransactionEvent``; ``transactionProcess`` finishes a
session that needed the buyer (a redirect, 3-D Secure); ``checkoutComplete`` then places
the order once the checkout's transactions cover its total (authorized, charged or
pending: Saleor's ``authorizeStatus: FULL``), and the transactions move to the order.

Money invariants, under concurrency: every write locks the checkout row (or the order row
once the checkout became an order) first, then the transaction rows — the lock order of
checkout writes and of ``checkoutComplete``. Under that lock the amount still due is
computed afresh, so two ``transactionInitialize`` calls at once cannot both charge the
total (the second finds nothing due), a ``transactionProcess`` and VNPay's IPN cannot
both record one charge, and ``checkoutComplete`` sees every charge made before it or
none (a charge arriving after it finds the checkout gone).

A transaction's amounts follow its events: ``*_SUCCESS`` adds to authorized/charged, a
``*_REQUEST`` the gateway answers with is pending, failures and required actions count
nothing, ``CANCEL_SUCCESS`` releases an authorization. Charging an authorization (cash
collected for a cash-on-delivery order) moves the amount from authorized to charged.
"""

import json
import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction as db_transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user, is_user
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.checkout.fetch import fetch_checkout_info
from marketplace.checkout.models import Checkout
from marketplace.checkout.services import checkout_for
from marketplace.core.errors import StrOrPromise, field_error
from marketplace.core.money import quantize
from marketplace.orders.models import Order, OrderChargeStatus
from marketplace.payments import providers, statuses
from marketplace.payments.error_codes import (
    PaymentGatewayConfigErrorCode,
    PaymentGatewayInitializeErrorCode,
    TransactionInitializeErrorCode,
    TransactionProcessErrorCode,
)
from marketplace.payments.gateways import COD, VNPAY, Gateway, available_gateways, transaction_gateway
from marketplace.payments.models import Payment, TransactionEvent, TransactionItem
from marketplace.payments.models import TransactionEventType as T

logger = logging.getLogger(__name__)

MAX_DATA_BYTES = 16 * 1024
MAX_IDEMPOTENCY_KEY = 512
FINAL = {
    T.AUTHORIZATION_FAILURE,
    T.AUTHORIZATION_SUCCESS,
    T.AUTHORIZATION_REQUEST,
    T.CHARGE_FAILURE,
    T.CHARGE_SUCCESS,
    T.CHARGE_REQUEST,
}
REQUESTS = {T.AUTHORIZATION_REQUEST, T.CHARGE_REQUEST}


@dataclass
class SessionResult:
    transaction: TransactionItem
    event: TransactionEvent
    data: Any


@dataclass
class GatewayConfig:
    id: str
    data: Any
    errors: list[tuple[str, str, StrOrPromise]]  # (field, code, message)


# ---------------------------------------------------------------- events


def _apply(item: TransactionItem, kind: str, amount: Decimal, *, capture: bool = False) -> None:
    if kind == T.AUTHORIZATION_SUCCESS:
        item.authorized_value += amount
    elif kind == T.AUTHORIZATION_REQUEST:
        item.authorize_pending_value += amount
    elif kind == T.CHARGE_SUCCESS:
        item.charged_value += amount
        if capture:  # cash collected: the authorization becomes a charge
            item.authorized_value = max(item.authorized_value - amount, Decimal(0))
    elif kind == T.CHARGE_REQUEST:
        item.charge_pending_value += amount
    elif kind == T.CANCEL_SUCCESS:
        released = min(item.authorized_value, amount)
        item.authorized_value -= released
        item.canceled_value += amount


def record_event(
    item: TransactionItem,
    *,
    kind: str,
    amount: Decimal,
    psp_reference: str = "",
    message: str = "",
    user: User | None = None,
    capture: bool = False,
    counted: bool = True,
) -> TransactionEvent:
    """One event on a transaction whose row (and owner's row) the caller has locked, with
    the transaction's amounts updated."""
    event = TransactionEvent.objects.create(
        transaction=item,
        type=kind,
        amount_value=amount,
        currency=item.currency,
        psp_reference=psp_reference[:512],
        message=message[:512],
        include_in_calculations=counted,
        user=user,
    )
    if counted:
        _apply(item, kind, amount, capture=capture)
        item.save()
    return event


def _answer_event(
    item: TransactionItem, request: TransactionEvent, answer: providers.Answer
) -> TransactionEvent:
    """Record a gateway's answer to a session (Saleor's rules for session responses)."""
    failed = T.CHARGE_FAILURE if request.type == T.CHARGE_REQUEST else T.AUTHORIZATION_FAILURE
    problem = ""
    if answer.result not in providers.SESSION_RESULTS:
        problem = (
            f"Missing or invalid value for `result`: {answer.result}. "
            f"Possible values: {', '.join(sorted(providers.SESSION_RESULTS))}."
        )
    elif answer.result in providers.SUCCESS and not answer.psp_reference:
        problem = "Missing value for field: pspReference."
    if problem:
        return record_event(item, kind=failed, amount=request.amount_value, message=problem, counted=False)
    item.message = answer.message[:512]
    item.available_actions = list(dict.fromkeys(answer.actions))
    if answer.psp_reference and item.gateway != VNPAY.id:
        item.psp_reference = answer.psp_reference[:512]
    if answer.external_url:
        item.external_url = answer.external_url
    amount = quantize(answer.amount, item.currency)
    if answer.result in REQUESTS:  # the gateway took the request: it becomes pending
        request.type, request.amount_value = answer.result, amount
        request.psp_reference, request.message = answer.psp_reference[:512], answer.message[:512]
        request.include_in_calculations = True
        request.save()
        _apply(item, answer.result, amount)
        item.save()
        return request
    event = record_event(
        item, kind=answer.result, amount=amount, psp_reference=answer.psp_reference, message=answer.message
    )
    if not request.psp_reference and answer.psp_reference:
        request.psp_reference = answer.psp_reference[:512]
        request.save(update_fields=["psp_reference"])
    return event


# ---------------------------------------------------------------- inputs


def _clean_data(data: Any, field: str, code: Any) -> Any:
    try:
        size = len(json.dumps(data).encode())
    except (TypeError, ValueError):
        raise field_error(field, code.INVALID, _("The data must be JSON.")) from None
    if size > MAX_DATA_BYTES:
        raise field_error(
            field, code.INVALID, _("The data takes at most %(limit)s KB."), limit=MAX_DATA_BYTES // 1024
        )
    return data


def _clean_idempotency_key(key: str | None) -> str:
    code = TransactionInitializeErrorCode
    if key is None:
        return str(uuid.uuid4())
    if not key:
        raise field_error("idempotency_key", code.INVALID, _("Cannot be provided as an empty string."))
    if len(key) > MAX_IDEMPOTENCY_KEY or "\x00" in key:
        raise field_error(
            "idempotency_key", code.INVALID, _("At most %(limit)s characters."), limit=MAX_IDEMPOTENCY_KEY
        )
    return key


def _locked_checkout(token: Any, actor: Actor, code: Any) -> Checkout:
    """The checkout (its row locked), if the actor may use it (``checkout_for``'s rule); a
    checkout completed meanwhile is gone."""
    Checkout.objects.select_for_update().filter(pk=token).first()
    checkout = checkout_for(token, actor=actor)
    if checkout is None:
        raise field_error("id", code.NOT_FOUND, _("`Order` or `Checkout` not found."))
    if not checkout.channel.is_active:
        raise field_error("id", code.INVALID, _("The checkout's channel is inactive."))
    return checkout


def _checkout_transactions(checkout: Checkout, code: Any) -> list[TransactionItem]:
    items = list(TransactionItem.objects.select_for_update().filter(checkout=checkout).order_by("pk"))
    if len(items) >= settings.TRANSACTION_ITEMS_LIMIT:
        raise field_error(
            "id",
            code.INVALID,
            _("Checkout transactions limit of %(limit)s reached."),
            limit=settings.TRANSACTION_ITEMS_LIMIT,
        )
    return items


def _description(checkout: Checkout) -> str:
    return f"Thanh toan gio hang {checkout.token.hex[:12]}"


# ---------------------------------------------------------------- paymentGatewayInitialize


def payment_gateway_initialize(
    *, actor: Actor, checkout_token: Any, gateways: list[tuple[str, Any]] | None, amount: Decimal | None
) -> list[GatewayConfig]:
    """What each requested gateway (all of them when none is named) needs to start paying:
    our gateways need nothing in advance, so ``data`` is null; an unknown gateway gets a
    NOT_FOUND config error (Saleor's answer for an app that is not there)."""
    code = PaymentGatewayInitializeErrorCode
    if gateways is not None and len(gateways) > 20:
        raise field_error("payment_gateways", code.INVALID, _("At most 20 gateways at once."))
    for _ignored, data in gateways or []:
        _clean_data(data, "payment_gateways", code)
    with db_transaction.atomic():
        checkout = _locked_checkout(checkout_token, actor, code)
        _checkout_transactions(checkout, code)
    if amount is not None and amount <= 0:
        raise field_error("amount", code.INVALID, _("The amount must be more than 0."))
    requested = (
        gateways if gateways is not None else [(g.id, None) for g in available_gateways(checkout.currency)]
    )
    configs = []
    for gateway_id, _ignored in requested:  # type: ignore[assignment]
        if transaction_gateway(gateway_id, checkout.currency) is None:
            configs.append(
                GatewayConfig(
                    gateway_id[:64],
                    None,
                    [
                        (
                            "id",
                            PaymentGatewayConfigErrorCode.NOT_FOUND.value,
                            _("Active app with `HANDLE_PAYMENT` permissions or app webhook not found."),
                        )
                    ],
                )
            )
        else:
            configs.append(GatewayConfig(gateway_id, None, []))
    return configs


# ---------------------------------------------------------------- transactionInitialize


def _check_amount(
    gateway: Gateway, amount: Decimal | None, due: Decimal, items: list[TransactionItem]
) -> Decimal:
    code = TransactionInitializeErrorCode
    if due <= 0:
        raise field_error(
            "amount", code.INVALID, _("Nothing is due: the checkout's transactions already cover its total.")
        )
    if amount is None:
        amount = due
    if amount <= 0:
        raise field_error("amount", code.INVALID, _("The amount must be more than 0."))
    if amount > due:
        raise field_error(
            "amount", code.INVALID, _("The amount is more than what is still due (%(due)s)."), due=due
        )
    if gateway.id == COD.id and (amount != due or any(item.covered > 0 for item in items)):
        raise field_error(
            "amount",
            code.INVALID,
            _("Cash on delivery pays for the whole order, and only when nothing else does."),
        )
    return amount


def _replay(item: TransactionItem, gateway_id: str, amount: Decimal | None) -> SessionResult:
    """The same idempotency key again: the first call's outcome, the gateway not called twice."""
    request = item.events.filter(type__in=REQUESTS).order_by("pk").first()
    if (
        item.gateway != gateway_id
        or request is None
        or (amount is not None and request.amount_value != amount)
    ):
        raise field_error(
            "idempotency_key",
            TransactionInitializeErrorCode.UNIQUE,
            _("Different transaction with provided idempotency key already exists."),
        )
    latest = item.events.order_by("-created_at", "-pk").first()
    assert latest is not None
    return SessionResult(item, latest, None)


def transaction_initialize(
    *,
    actor: Actor,
    checkout_token: Any,
    gateway_id: str,
    data: Any,
    amount: Decimal | None,
    action: str | None,
    idempotency_key: str | None,
    client_ip: str | None,
) -> SessionResult:
    """Open a transaction on the checkout through ``gateway_id`` for ``amount`` (by default
    what is still due) and record the gateway's answer. ``action``: CHARGE (the default
    flow) or AUTHORIZATION — the API lets only apps choose it, as Saleor does."""
    code = TransactionInitializeErrorCode
    key = _clean_idempotency_key(idempotency_key)
    data = _clean_data(data, "payment_gateway", code)
    with db_transaction.atomic():
        checkout = _locked_checkout(checkout_token, actor, code)
        gateway = transaction_gateway(gateway_id, checkout.currency)
        if gateway is None:
            raise field_error("payment_gateway", code.NOT_FOUND, _("App with provided identifier not found."))
        items = _checkout_transactions(checkout, code)
        previous = next((item for item in items if item.idempotency_key == key), None)
        if previous is not None:
            return _replay(
                previous, gateway.id, None if amount is None else quantize(amount, checkout.currency)
            )
        info = fetch_checkout_info(checkout)
        wanted = None if amount is None else quantize(amount, checkout.currency)
        due = quantize(statuses.amount_due(info.total, items), checkout.currency)
        amount = _check_amount(gateway, wanted, due, items)
        action = action or "CHARGE"
        item = TransactionItem.objects.create(
            gateway=gateway.id,
            name=gateway.name,
            currency=checkout.currency,
            checkout=checkout,
            user=actor_user(actor),
            idempotency_key=key,
            customer_ip_address=client_ip,
            psp_reference=uuid.uuid4().hex if gateway.id == VNPAY.id else "",
        )
        request = record_event(
            item,
            kind=T.CHARGE_REQUEST if action == "CHARGE" else T.AUTHORIZATION_REQUEST,
            amount=amount,
            counted=False,
            user=actor_user(actor),
        )
        request.idempotency_key = key
        request.save(update_fields=["idempotency_key"])
        # One payment flow per checkout (Saleor deactivates the older API's payments).
        legacy = list(Payment.objects.filter(checkout=checkout, is_active=True).values_list("pk", flat=True))
        Payment.objects.filter(pk__in=legacy).update(is_active=False)
        session = providers.Session(
            item, action, amount, data, client_ip, checkout.language_code, _description(checkout)
        )
        answer = providers.initialize_session(gateway.id, session)
        event = _answer_event(item, request, answer)
        if event.type in providers.FAILURE and legacy:
            Payment.objects.filter(pk__in=legacy).update(is_active=True)
    return SessionResult(item, event, answer.data)


# ---------------------------------------------------------------- transactionProcess


def lock_with_owner(token: Any) -> tuple[TransactionItem, Checkout | Order | None] | None:
    """The transaction and its checkout or order, locked in the project's order (the owner's
    row first). A checkout completing meanwhile hands its transactions to its order: the
    owner is read again until it holds still."""
    for _ignored in range(3):
        row = TransactionItem.objects.filter(token=token).values("pk", "checkout_id", "order_id").first()
        if row is None:
            return None
        owner: Checkout | Order | None = None
        if row["checkout_id"] is not None:
            owner = Checkout.objects.select_for_update().filter(pk=row["checkout_id"]).first()
        elif row["order_id"] is not None:
            owner = Order.objects.select_for_update().filter(pk=row["order_id"]).first()
        item = TransactionItem.objects.select_for_update().get(pk=row["pk"])
        if (item.checkout_id, item.order_id) == (row["checkout_id"], row["order_id"]):
            return item, owner
    raise RuntimeError("The transaction's owner kept changing.")  # pragma: no cover


def _may_use(actor: Actor, item: TransactionItem, owner: Checkout | Order | None) -> bool:
    if isinstance(owner, Checkout):
        return checkout_for(owner.pk, actor=actor) is not None
    if isinstance(owner, Order):
        if owner.user_id is None:
            return True  # a guest's: whoever holds the transaction's ID (Saleor's rule)
        return (is_user(actor) and actor.pk == owner.user_id) or has_permissions(
            actor, [PermissionEnum.MANAGE_ORDERS]
        )
    # Its checkout is gone: the customer who opened it, or staff; a guest's, whoever holds its ID.
    if item.user_id is None:
        return True
    return (is_user(actor) and actor.pk == item.user_id) or has_permissions(
        actor, [PermissionEnum.MANAGE_ORDERS]
    )


def _check_still_due(checkout: Checkout, item: TransactionItem, amount: Decimal) -> None:
    """A session finished after the checkout was paid otherwise would pay twice: refused
    (the gateways we answer for decide here; VNPay's IPN, which reports money already
    taken, is recorded and flagged instead)."""
    others = list(TransactionItem.objects.filter(checkout=checkout).exclude(pk=item.pk))
    if amount > statuses.amount_due(fetch_checkout_info(checkout).total, others):
        raise field_error(
            "id",
            TransactionProcessErrorCode.INVALID,
            _("The checkout's other transactions already cover what this one would pay."),
        )


def transaction_process(
    *, actor: Actor, transaction_token: Any, data: Any, client_ip: str | None
) -> SessionResult:
    """Finish a session: the final event when the transaction has one (nothing changes),
    else the gateway's answer. A transaction of someone else's checkout or order is
    NOT_FOUND, as the checkout itself is."""
    code = TransactionProcessErrorCode
    data = _clean_data(data, "data", code)
    with db_transaction.atomic():
        found = lock_with_owner(transaction_token)
        if found is None or not _may_use(actor, *found):
            raise field_error("id", code.NOT_FOUND, _("Couldn't resolve to a transaction."))
        item, owner = found
        events = list(item.events.order_by("created_at", "pk"))
        processed = [e for e in events if e.type in FINAL and e.include_in_calculations]
        if processed:
            return SessionResult(item, processed[-1], None)
        request = next((e for e in events if e.type in REQUESTS and not e.include_in_calculations), None)
        if request is None:
            raise field_error("id", code.INVALID, _("Missing call of `transactionInitialize` mutation."))
        if owner is None:
            raise field_error("id", code.INVALID, _("Transaction doesn't have attached order or checkout."))
        if item.gateway == VNPAY.id:
            # Only VNPay's IPN reports a VNPay payment: the buyer is still to pay.
            waiting = next((e for e in reversed(events) if e.type == T.CHARGE_ACTION_REQUIRED), None)
            if waiting is not None:
                redirect = providers.vnpay_redirect(
                    item,
                    request.amount_value,
                    ip=client_ip,
                    language=getattr(owner, "language_code", "vi"),
                    info=f"Thanh toan {item.token.hex[:12]}",
                )
                return SessionResult(item, waiting, redirect)
        if isinstance(owner, Checkout):
            _check_still_due(owner, item, request.amount_value)
            Payment.objects.filter(checkout=owner, is_active=True).update(is_active=False)
        action = "CHARGE" if request.type == T.CHARGE_REQUEST else "AUTHORIZATION"
        session = providers.Session(
            item, action, request.amount_value, data, client_ip, getattr(owner, "language_code", "vi"), ""
        )
        answer = providers.process_session(item.gateway, session)
        event = _answer_event(item, request, answer)
        if isinstance(owner, Order):
            refresh_order_amounts(owner)
    return SessionResult(item, event, answer.data)


# ---------------------------------------------------------------- checkout -> order


def covering(checkout: Checkout) -> list[TransactionItem]:
    """The checkout's transactions (rows locked; the caller holds the checkout's lock)."""
    return list(TransactionItem.objects.select_for_update().filter(checkout=checkout).order_by("pk"))


def settlement_gateway(items: list[TransactionItem]) -> str:
    """The gateway an order paid through its transactions is known by."""
    paying = [item for item in items if item.covered > 0]
    return max(paying, key=lambda item: (item.covered, -item.pk)).gateway if paying else ""


def move_to_order(items: list[TransactionItem], order: Order) -> None:
    TransactionItem.objects.filter(pk__in=[item.pk for item in items]).update(checkout=None, order=order)


def refresh_order_amounts(order: Order) -> None:
    """An order paid through transactions: its charged and authorized totals are its
    transactions' (the order row locked by the caller)."""
    items = list(order.payment_transactions.all())
    order.total_charged_amount = sum((i.charged_value for i in items), Decimal(0))
    order.total_authorized_amount = sum((i.authorized_value for i in items), Decimal(0))
    if order.total_charged_amount <= 0:
        order.charge_status = OrderChargeStatus.NOT_CHARGED
    elif order.total_charged_amount >= order.total_gross_amount:
        order.charge_status = OrderChargeStatus.FULLY_CHARGED
    else:
        order.charge_status = OrderChargeStatus.PARTIALLY_CHARGED
    order.save(
        update_fields=["total_charged_amount", "total_authorized_amount", "charge_status", "updated_at"]
    )
    if order.total_charged_amount > order.total_gross_amount:
        logger.error(
            "Order #%s is overcharged: %s charged for a total of %s; refund the difference",
            order.number,
            order.total_charged_amount,
            order.total_gross_amount,
        )


def collect_cash(*, order: Order, amount: Decimal, actor: Actor) -> bool:
    """A shop collected ``amount`` of a cash-on-delivery order paid through the
    transactions API: a CHARGE_SUCCESS of the authorization (order row locked by the
    caller). False when the order has no such transaction (the older Payment flow)."""
    item = (
        TransactionItem.objects.select_for_update()
        .filter(order=order, gateway=COD.id, authorized_value__gt=0)
        .order_by("pk")
        .first()
    )
    if item is None:
        return False
    record_event(
        item,
        kind=T.CHARGE_SUCCESS,
        amount=amount,
        psp_reference=item.psp_reference,
        message="Cash collected at delivery.",
        user=actor_user(actor),
        capture=True,
    )
    item.available_actions = ["CHARGE", "CANCEL"] if item.authorized_value > 0 else []
    item.save(update_fields=["available_actions", "modified_at"])
    refresh_order_amounts(order)
    return True


def release_authorizations(*, order: Order, actor: Actor) -> None:
    """The order is canceled: what was only authorized is released (CANCEL_SUCCESS); what
    was charged stays charged (refunds are not automatic). Order row locked by the caller."""
    items = list(TransactionItem.objects.select_for_update().filter(order=order, authorized_value__gt=0))
    for item in items:
        record_event(
            item,
            kind=T.CANCEL_SUCCESS,
            amount=item.authorized_value,
            message="Order canceled.",
            user=actor_user(actor),
        )
        item.available_actions = []
        item.save(update_fields=["available_actions", "modified_at"])
    if items:
        refresh_order_amounts(order)
