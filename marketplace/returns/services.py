"""Returns: the buyer asks, the shop decides, the goods come back, the money goes back.

| step | who | from | to |
| --- | --- | --- | --- |
| ``order_return_request`` | the buyer (the order's signed-in customer) | — | REQUESTED |
| ``order_return_accept`` | the shop (FULFIL), MANAGE_ORDERS staff | REQUESTED | ACCEPTED, KEPT (refunded) |
| ``order_return_refuse`` | the same | REQUESTED | REFUSED |
| ``order_return_receive`` | the same | ACCEPTED | RECEIVED (refunded) |
| ``order_fulfillment_return_products`` | staff with MANAGE_ORDERS | — | RECEIVED (refunded if asked) |

Every step locks the order row first (the lock order of every order write) and re-checks
the state under it. The refund is granted inside the step's transaction (so the money is
held at once: never more than was charged) and requested after it commits
(``marketplace.payments.refunds``). Units come back on sale only when the shop says so
(``restock``).
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user
from marketplace.core.errors import field_error
from marketplace.core.richtext import plain_text_or_error
from marketplace.core.uploads import PHOTO_TYPES, discard, store_upload
from marketplace.inventory import services as stock
from marketplace.orders.models import (
    Fulfillment,
    FulfillmentLine,
    FulfillmentStatus,
    GrantedRefundStatus,
    Order,
    OrderGrantedRefund,
    OrderLine,
    VendorOrder,
)
from marketplace.payments import refunds
from marketplace.returns import notify
from marketplace.returns.error_codes import ReturnErrorCode as Code
from marketplace.returns.models import ReturnLine, ReturnPhoto, ReturnRequest, ReturnStatus
from vendors.shops import policies
from vendors.shops.policies import VendorAction

MAX_LINES = 50
MAX_PHOTOS = 5
MAX_TEXT = 2000
DELIVERED = (FulfillmentStatus.FULFILLED,)


def _text(value: str | None, field: str, *, required: bool) -> str:
    text = plain_text_or_error(value, field=field, code=Code.INVALID, max_length=MAX_TEXT).strip()
    if required and not text:
        raise field_error(field, Code.REQUIRED, _("This field is required."))
    return text


def _clean_lines(lines: list[tuple[Any, int]]) -> list[tuple[Any, int]]:
    if not lines:
        raise field_error("lines", Code.REQUIRED, _("Name at least one line to return."))
    if len(lines) > MAX_LINES:
        raise field_error("lines", Code.INVALID, _("At most %(limit)s lines."), limit=MAX_LINES)
    if len({line_id for line_id, _q in lines}) != len(lines):
        raise field_error("lines", Code.INVALID, _("Each line may be named once."))
    if any(quantity < 1 for _l, quantity in lines):
        raise field_error("lines", Code.INVALID, _("The quantity must be at least 1."))
    return lines


def _returnable(
    part: VendorOrder, wanted: list[tuple[Any, int]], *, window: bool
) -> list[tuple[OrderLine, int]]:
    """Under the order's lock: the lines of one delivered part, inside the window, no more
    than was delivered and not already being returned."""
    found = {
        line.pk: line for line in OrderLine.objects.filter(vendor_order=part, pk__in=[i for i, _q in wanted])
    }
    taken = dict(
        ReturnLine.objects.filter(order_line_id__in=list(found))
        .exclude(return_request__status=ReturnStatus.REFUSED)
        .values("order_line_id")
        .annotate(total=Sum("quantity"))
        .values_list("order_line_id", "total")
    )
    delivered_at = dict(
        FulfillmentLine.objects.filter(order_line_id__in=list(found), fulfillment__status__in=DELIVERED)
        .values("order_line_id")
        .annotate(last=Max("fulfillment__created_at"))
        .values_list("order_line_id", "last")
    )
    deadline = timezone.now() - timedelta(days=settings.RETURN_WINDOW_DAYS)
    chosen = []
    for line_id, quantity in wanted:
        line = found.get(line_id)
        if line is None:
            raise field_error("lines", Code.NOT_FOUND, _("Couldn't find that line in the order."))
        if line.quantity_fulfilled == 0 or line.pk not in delivered_at:
            raise field_error(
                "lines", Code.NOT_DELIVERED, _("%(name)s has not been delivered."), name=line.product_name
            )
        if window and delivered_at[line.pk] < deadline:
            raise field_error(
                "lines",
                Code.RETURN_WINDOW_CLOSED,
                _("Returns are accepted within %(days)s days of delivery."),
                days=settings.RETURN_WINDOW_DAYS,
            )
        left = line.quantity_fulfilled - taken.get(line.pk, 0)
        if quantity > left:
            raise field_error(
                "lines",
                Code.QUANTITY_GREATER_THAN_RETURNABLE,
                _("Only %(left)s of %(name)s can be returned."),
                left=left,
                name=line.product_name,
            )
        chosen.append((line, quantity))
    return chosen


def _part_of(order: Order, wanted: list[tuple[Any, int]]) -> VendorOrder:
    parts = set(
        OrderLine.objects.filter(order=order, pk__in=[i for i, _q in wanted]).values_list(
            "vendor_order_id", flat=True
        )
    )
    if not parts:
        raise field_error("lines", Code.NOT_FOUND, _("Couldn't find that line in the order."))
    if len(parts) > 1:
        raise field_error("lines", Code.INVALID, _("One return covers the lines of one shop's parcel."))
    return VendorOrder.objects.get(pk=parts.pop())


# ---------------------------------------------------------------- the buyer asks


def order_return_request(
    *,
    actor: Actor,
    order: Order,
    lines: list[tuple[Any, int]],
    reason: str,
    photos: list[File] | None = None,  # type: ignore[type-arg]
) -> ReturnRequest:
    """The buyer asks to return delivered lines of one shop's parcel, with a reason and up to
    five photos (stored first, outside the transaction; removed again if the request fails)."""
    user = actor_user(actor)
    if user is None or order.user_id != user.pk:
        raise field_error("id", Code.NOT_FOUND, _("Couldn't find that order."))
    reason = _text(reason, "reason", required=True)
    lines = _clean_lines(lines)
    photos = photos or []
    if len(photos) > MAX_PHOTOS:
        raise field_error("photos", Code.INVALID, _("At most %(limit)s photos."), limit=MAX_PHOTOS)
    with transaction.atomic():  # everything that can be refused, before a file is stored
        locked = Order.objects.select_for_update().get(pk=order.pk)
        _returnable(_part_of(locked, lines), lines, window=True)
    stored: list[str] = []
    try:
        for photo in photos:
            name, _type = store_upload(
                file=photo, allowed=PHOTO_TYPES, prefix="returns", field="photos", private=True
            )
            stored.append(name)
        with transaction.atomic():
            locked = Order.objects.select_for_update().get(pk=order.pk)
            part = _part_of(locked, lines)
            chosen = _returnable(part, lines, window=True)
            request = ReturnRequest.objects.create(order=locked, vendor_order=part, user=user, reason=reason)
            ReturnLine.objects.bulk_create(
                ReturnLine(return_request=request, order_line=line, quantity=quantity)
                for line, quantity in chosen
            )
            ReturnPhoto.objects.bulk_create(
                ReturnPhoto(return_request=request, image=name, sort_order=i) for i, name in enumerate(stored)
            )
            notify.vendor_return_requested(request)
    except ValidationError:
        for name in stored:
            discard(name, private=True)
        raise
    return request


# ---------------------------------------------------------------- the shop decides


def _locked(
    actor: Actor, return_request: ReturnRequest, *, allowed: tuple[str, ...]
) -> tuple[Order, ReturnRequest]:
    """The order and the return, locked in that order, in a state the step accepts."""
    policies.require(actor, VendorAction.FULFIL, return_request.vendor_order.vendor_id)
    order = Order.objects.select_for_update().get(pk=return_request.order_id)
    locked = (
        ReturnRequest.objects.select_for_update().select_related("vendor_order").get(pk=return_request.pk)
    )
    if locked.status not in allowed:
        raise field_error(
            "id",
            Code.INVALID_STATUS,
            _("A return that is %(status)s cannot do that."),
            status=locked.get_status_display().lower(),
        )
    return order, locked


def _return_fulfillment(order: Order, request: ReturnRequest, status: str) -> Fulfillment:
    number = Fulfillment.objects.filter(order=order).count() + 1
    fulfillment = Fulfillment.objects.create(
        order=order, vendor_order=request.vendor_order, fulfillment_order=number, status=status
    )
    FulfillmentLine.objects.bulk_create(
        FulfillmentLine(fulfillment=fulfillment, order_line_id=line.order_line_id, quantity=line.quantity)
        for line in request.lines.all()
    )
    request.fulfillment = fulfillment
    return fulfillment


def _grant(actor: Actor, order: Order, request: ReturnRequest, *, amount: Any = None, shipping: bool = False):  # type: ignore[no-untyped-def]
    """The refund of the returned lines (their price as bought), held at once; nothing when
    the shop's part was never paid (cash on delivery not collected)."""
    if not request.vendor_order.is_paid:
        return None
    try:
        grant = refunds.grant_locked(
            actor=actor,
            order=order,
            amount=amount,
            lines=[(line.order_line_id, line.quantity) for line in request.lines.all()],
            include_shipping=shipping,
            reason=f"Return #{request.pk}: {request.reason}"[:2000],
            vendor_order=request.vendor_order,
        )
    except ValidationError as error:  # the refund's refusal, on the return's terms
        if "amount" not in error.error_dict:
            raise
        raise field_error(
            "id", Code.AMOUNT_GREATER_THAN_AVAILABLE, _("The order's money was already refunded otherwise.")
        ) from None
    request.granted_refund = grant
    return grant


def _refund_after(actor: Actor, request: ReturnRequest) -> ReturnRequest:
    """Request the return's refund (after the step committed); a refunded return's fulfilment
    says so (REFUNDED_AND_RETURNED)."""
    if request.granted_refund_id is None:
        return request
    grant = refunds.execute(
        actor=actor, granted_refund=OrderGrantedRefund.objects.get(pk=request.granted_refund_id)
    )
    if grant.status == GrantedRefundStatus.SUCCESS and request.status == ReturnStatus.RECEIVED:
        Fulfillment.objects.filter(pk=request.fulfillment_id).update(  # type: ignore[misc]
            status=FulfillmentStatus.REFUNDED_AND_RETURNED
        )
    return ReturnRequest.objects.get(pk=request.pk)


def order_return_accept(
    *, actor: Actor, return_request: ReturnRequest, note: str = "", keep_items: bool = False
) -> ReturnRequest:
    """The shop agrees: the goods are to come back (ACCEPTED), or the buyer keeps them and is
    refunded at once (KEPT)."""
    note = _text(note, "note", required=False)
    with transaction.atomic():
        order, request = _locked(actor, return_request, allowed=(ReturnStatus.REQUESTED,))
        request.note, request.decided_at = note, timezone.now()
        request.status = ReturnStatus.ACCEPTED
        if keep_items:
            request.status = ReturnStatus.KEPT
            _return_fulfillment(order, request, FulfillmentStatus.REFUNDED)
            _grant(actor, order, request)
        request.save()
        notify.return_updated(request)
    return _refund_after(actor, request)


def order_return_refuse(*, actor: Actor, return_request: ReturnRequest, note: str) -> ReturnRequest:
    """The shop says no, and why."""
    note = _text(note, "note", required=True)
    with transaction.atomic():
        _order, request = _locked(actor, return_request, allowed=(ReturnStatus.REQUESTED,))
        request.note, request.decided_at, request.status = note, timezone.now(), ReturnStatus.REFUSED
        request.save()
        notify.return_updated(request)
    return request


def order_return_receive(*, actor: Actor, return_request: ReturnRequest, restock: bool) -> ReturnRequest:
    """The goods are back: a RETURNED fulfilment of the lines, the units back on sale when the
    shop says they can be sold again, and the refund."""
    with transaction.atomic():
        order, request = _locked(actor, return_request, allowed=(ReturnStatus.ACCEPTED,))
        request.status, request.received_at = ReturnStatus.RECEIVED, timezone.now()
        _return_fulfillment(order, request, FulfillmentStatus.RETURNED)
        if restock:
            for line in request.lines.all():
                stock.restock(order_line_id=line.order_line_id, quantity=line.quantity)
            request.restocked = True
        _grant(actor, order, request)
        request.save()
        notify.return_updated(request)
    return _refund_after(actor, request)


# ---------------------------------------------------------------- staff, Saleor's way


def order_fulfillment_return_products(
    *,
    actor: Actor,
    order: Order,
    lines: list[tuple[Any, int]],
    refund: bool = False,
    amount: Any = None,
    include_shipping: bool = False,
    reason: str = "",
) -> ReturnRequest:
    """Staff record goods returned to a shop (Saleor's ``orderFulfillmentReturnProducts``): a
    RETURNED fulfilment, refunded when ``refund`` (``amount``, by default the lines' value)."""
    refunds.require_staff(actor)
    reason = _text(reason, "reason", required=False) or "Returned"
    lines = _clean_lines(lines)
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        part = _part_of(locked, lines)
        chosen = _returnable(part, lines, window=False)
        now = timezone.now()
        request = ReturnRequest.objects.create(
            order=locked,
            vendor_order=part,
            user=locked.user,
            reason=reason,
            status=ReturnStatus.RECEIVED,
            decided_at=now,
            received_at=now,
        )
        ReturnLine.objects.bulk_create(
            ReturnLine(return_request=request, order_line=line, quantity=quantity)
            for line, quantity in chosen
        )
        _return_fulfillment(locked, request, FulfillmentStatus.RETURNED)
        if refund:
            if not part.is_paid:
                raise field_error("refund", Code.INVALID, _("This part of the order was never paid."))
            grant = _grant(actor, locked, request, amount=amount, shipping=include_shipping)
            if grant is not None:  # a staff decision (the shops' own are not audited)
                refunds.audit_grant(actor, grant)
        request.save()
        notify.return_updated(request)
    return _refund_after(actor, request)
