"""Completing a checkout: one Order for the buyer, one VendorOrder per artisan shop, stock
allocated from each shop's warehouses, what paid attached (the older API's payment, or the
checkout's transactions once they cover the total), the addresses checked in full and
saved to the customer's book, the checkout's metadata copied and the checkout deleted —
all in one transaction, or nothing at all.

Calling it again for the same checkout (a storefront retrying after a timeout) returns
the order the first call created: ``Order.checkout_token`` is unique and the checkout row
is locked while it completes, so a concurrent second call waits and then finds the order.
The repeat answers to the first call's rules (Saleor returns the existing order there):
a customer's order only to that customer, a guest's to anyone holding the checkout's ID,
never in an inactive channel; and it is not the placing call (``Completion.placed``), so
the API shows the order to it as to any other reader, with empty confirmation data (Saleor's
answer: the first call carried VNPay's link).
"""

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user, is_user
from marketplace.accounts.addresses import address_values, validate_address
from marketplace.accounts.models import Address
from marketplace.accounts.services import store_user_address
from marketplace.catalog.models import ProductTranslation, ProductVariantTranslation
from marketplace.checkout.delivery import can_collect_at
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.fetch import CheckoutInfo, fetch_checkout_info, load_checkout
from marketplace.checkout.models import Checkout
from marketplace.checkout.promotions import customer_uses, refusal_error
from marketplace.checkout.services import (
    check_limits,
    check_sellable,
    checkout_for,
    insufficient_stock,
)
from marketplace.core.errors import field_error
from marketplace.core.money import quantize
from marketplace.discounts import eligibility
from marketplace.discounts import services as vouchers
from marketplace.discounts.pricing import split_proportionally
from marketplace.discounts.selectors import voucher_uses
from marketplace.inventory import services as stock
from marketplace.orders import emails
from marketplace.orders.models import (
    Order,
    OrderChargeStatus,
    OrderLine,
    OrderNumber,
    OrderStatus,
    VendorOrder,
    VendorOrderStatus,
)
from marketplace.payments import services as payments
from marketplace.payments import transactions

logger = logging.getLogger(__name__)


@dataclass
class Completion:
    order: Order
    confirmation_needed: bool
    confirmation_data: dict[str, str] | None  # {} on a repeat (Saleor)
    placed: bool  # this call created the order (False: a repeat found it)


def _completion(order: Order, *, placed: bool) -> Completion:
    """The first call tells where to pay (VNPay through the older API); a repeat returns the
    order with empty confirmation data, as Saleor does."""
    if not placed:
        return Completion(order, False, {}, placed)
    payment = order.payments.filter(is_active=True).order_by("-pk").first()
    data = payments.confirmation_data(payment, order) if payment else None
    return Completion(order, data is not None, data, placed)


def _not_found() -> Exception:
    return field_error("id", CheckoutErrorCode.NOT_FOUND, _("Couldn't resolve to a checkout."))


def _check_channel(channel: Any) -> None:
    if not channel.is_active:
        raise field_error(
            "channel",
            CheckoutErrorCode.CHANNEL_INACTIVE,
            _("Cannot complete checkout with inactive channel."),
        )


def _repeat(order: Order | None, actor: Actor) -> Completion:
    """The order a previous call placed, under the first call's rule (``checkout_for``): the
    customer it belongs to, or anyone holding a guest order's checkout ID."""
    if order is None or (order.user_id is not None and not (is_user(actor) and actor.pk == order.user_id)):
        raise _not_found()
    _check_channel(order.channel)
    return _completion(order, placed=False)


def _validate(info: CheckoutInfo) -> None:
    checkout = info.checkout
    if not info.all_lines:
        raise field_error(None, CheckoutErrorCode.NO_LINES, _("Cannot complete a checkout without lines."))
    check_sellable(info.all_lines)
    check_limits(
        {i.variant.pk: i.line.quantity for i in info.lines}, {i.variant.pk: i.variant for i in info.lines}
    )
    if not checkout.email:
        raise field_error("email", CheckoutErrorCode.EMAIL_NOT_SET, _("Set the checkout's email first."))
    if checkout.billing_address is None:
        raise field_error(
            "billing_address", CheckoutErrorCode.BILLING_ADDRESS_NOT_SET, _("Set the billing address first.")
        )
    _recheck_address(checkout.billing_address, "BILLING")
    if not info.is_shipping_required:
        return
    if checkout.collection_point is not None:
        if not can_collect_at(info, checkout.collection_point.pk):
            raise field_error(
                "delivery_method",
                CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE,
                _("The collection point cannot serve every shop of the checkout."),
            )
        return
    if checkout.shipping_address is None:
        raise field_error(
            "shipping_address",
            CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET,
            _("Set the shipping address first."),
        )
    if checkout.shipping_method is None:
        raise field_error(
            "shipping_method", CheckoutErrorCode.SHIPPING_METHOD_NOT_SET, _("Choose a delivery method first.")
        )
    _recheck_address(checkout.shipping_address, "SHIPPING")
    option = info.option_for(checkout.shipping_method.pk)
    if option is None or not option.active:
        raise field_error(
            "shipping_method",
            CheckoutErrorCode.INVALID_SHIPPING_METHOD,
            option.message if option else _("The shipping method does not serve the shipping address."),  # type: ignore[arg-type]
        )


def _recheck_address(address: Address, address_type: str) -> None:
    """The address mutations may have relaxed the checks (Saleor's ``validationRules``):
    the order gets only a complete, valid address, normalised (as Saleor does here)."""
    try:
        cleaned = validate_address(address_values(address))
    except ValidationError as exc:
        raise ValidationError(
            {
                field: [
                    ValidationError(
                        item.message,
                        code=item.code,
                        params={**(item.params or {}), "address_type": address_type},
                    )
                    for item in items
                ]
                for field, items in exc.error_dict.items()
            }
        ) from None
    changed = [name for name, value in cleaned.items() if getattr(address, name) != value]
    if changed:
        for name in changed:
            setattr(address, name, cleaned[name])
        address.save(update_fields=changed)


def _save_addresses(checkout: Checkout, order: Order) -> None:
    """Saleor's ``saveAddress``: the customer's address book gets the order's addresses
    (never a pickup point's)."""
    if order.user is None:
        return
    if checkout.save_billing_address and order.billing_address is not None:
        store_user_address(user=order.user, address=order.billing_address, address_type="BILLING")
    if checkout.save_shipping_address and order.collection_point_id is None and order.shipping_address:
        store_user_address(user=order.user, address=order.shipping_address, address_type="SHIPPING")


def _copy(address: Address) -> Address:
    return Address.objects.create(
        **{f.name: getattr(address, f.name) for f in Address._meta.concrete_fields if f.name != "id"}
    )


def _translations(info: CheckoutInfo, language: str) -> tuple[dict[int, str], dict[int, str]]:
    if language == "vi":
        return {}, {}
    products = ProductTranslation.objects.filter(
        product_id__in={i.product.pk for i in info.lines}, language_code=language
    )
    variants = ProductVariantTranslation.objects.filter(
        product_variant_id__in={i.variant.pk for i in info.lines}, language_code=language
    )
    return {t.product_id: t.name for t in products}, {t.product_variant_id: t.name for t in variants}


def _create_order(info: CheckoutInfo, authorization: payments.Authorization, user: Any) -> tuple[Order, list]:  # type: ignore[type-arg]
    checkout = info.checkout
    currency = info.currency
    charged = authorization.charged >= info.total  # every part is paid
    unconfirmed = authorization.order_status == OrderStatus.UNCONFIRMED
    point = checkout.collection_point
    shipping_address = checkout.shipping_address
    if point is not None:
        shipping_address = _copy(point.address)  # Saleor ships a pickup order "to" the point
        if checkout.shipping_address is not None:
            checkout.shipping_address.delete()
    order = Order.objects.create(
        number=OrderNumber.objects.create().pk,
        checkout_token=checkout.token,
        user=user,
        user_email=checkout.email,
        language_code=checkout.language_code,
        channel=checkout.channel,
        status=authorization.order_status,
        charge_status=_charge_status(authorization.charged, info.total),
        gateway=authorization.gateway,
        currency=currency,
        shipping_address=shipping_address,
        billing_address=checkout.billing_address,  # the checkout's own copies become the order's
        shipping_method=None if point else checkout.shipping_method,
        shipping_method_name=""
        if point or checkout.shipping_method is None
        else checkout.shipping_method.name,
        collection_point=point,
        collection_point_name=point.name if point else "",
        subtotal_amount=info.subtotal,
        shipping_price_amount=info.shipping_price,
        **_voucher_fields(info),
        total_gross_amount=info.total,
        total_charged_amount=authorization.charged,
        total_authorized_amount=authorization.authorized,
        metadata=dict(checkout.metadata),  # Saleor copies the checkout's metadata to the order
        private_metadata=dict(checkout.private_metadata),
    )
    product_names, variant_names = _translations(info, checkout.language_code)
    now = timezone.now()
    allocations = []
    position = 0
    for parcel in info.parcels:
        vendor = parcel.vendor
        subtotal = quantize(parcel.subtotal, currency)
        shipping = info.parcel_shipping_price(parcel)
        discount = info.parcel_discount(parcel)
        # The shop's sales: less its own voucher's discount; the marketplace's voucher is the
        # marketplace's to pay, so the shop sells (and is paid) at the undiscounted price.
        shop_discount = discount if info.discount_split and info.discount_split.shop_pays else 0
        sales = subtotal - shop_discount
        commission = quantize(sales * vendor.commission_rate / 100, currency)
        part = VendorOrder.objects.create(
            order=order,
            vendor=vendor,
            status=VendorOrderStatus.UNCONFIRMED if unconfirmed else VendorOrderStatus.UNFULFILLED,
            currency=currency,
            weight_grams=parcel.weight_grams,
            subtotal_amount=subtotal,
            shipping_price_amount=shipping,
            discount_amount=discount,
            shop_discount_amount=shop_discount,
            commission_rate=vendor.commission_rate,
            commission_amount=commission,
            payout_amount=sales - commission + shipping,
            is_paid=charged,
            paid_at=now if charged else None,
        )
        lines = []
        line_discounts = split_proportionally(
            discount, {n: i.total_price for n, i in enumerate(parcel.lines)}, currency
        )
        for n, line_info in enumerate(parcel.lines):
            position += 1
            lines.append(
                OrderLine(
                    order=order,
                    vendor_order=part,
                    variant=line_info.variant,
                    product_name=line_info.product.name,
                    variant_name=line_info.variant.name,
                    translated_product_name=product_names.get(line_info.product.pk, ""),
                    translated_variant_name=variant_names.get(line_info.variant.pk, ""),
                    product_sku=line_info.variant.sku or "",
                    is_shipping_required=line_info.is_shipping_required,
                    quantity=line_info.line.quantity,
                    currency=currency,
                    unit_price_gross_amount=line_info.unit_price,
                    total_price_gross_amount=line_info.total_price,
                    discount_amount=line_discounts[n],
                    sort_order=position,
                )
            )
            allocations.append(
                (lines[-1], line_info.variant.pk, line_info.line.quantity, line_info.variant.track_inventory)
            )
        OrderLine.objects.bulk_create(lines)
    return order, allocations


def _voucher_fields(info: CheckoutInfo) -> dict[str, Any]:
    """The order's copy of the voucher it was placed with (nothing when none applied)."""
    code = info.voucher_code
    if code is None or info.discount_split is None:
        return {}
    voucher = code.voucher
    return {
        "discount_amount": info.discount,
        "voucher": voucher,
        "voucher_code": code.code,
        "discount_name": voucher.name,
        "discount_value_type": voucher.discount_value_type,
        "discount_value": voucher.discount_value,
    }


def _check_voucher(info: CheckoutInfo, actor: Actor) -> None:
    """The applied voucher, checked again under its row lock (the checkout row is locked
    first): its dates, minimum spend, total and per-buyer limits. A refusal rolls the whole
    completion back; the checkout keeps its code, for the buyer to remove."""
    code = info.voucher_code
    if code is None:
        return
    voucher = vouchers.lock_voucher(code.voucher_id)
    if voucher is None:
        raise refusal_error(eligibility.unknown(), "voucher_code", at_completion=True)
    code.voucher = voucher  # as locked: a change made meanwhile counts
    info.__dict__.pop("discount_split", None)
    refused = info.voucher_refusal(used=voucher_uses(voucher.pk), customer_uses=customer_uses(info, actor))
    if refused is not None:
        raise refusal_error(refused, "voucher_code", at_completion=True)


def _charge_status(charged: Decimal, total: Decimal) -> str:
    if charged <= 0:
        return OrderChargeStatus.NOT_CHARGED
    return OrderChargeStatus.FULLY_CHARGED if charged >= total else OrderChargeStatus.PARTIALLY_CHARGED


def _authorization(checkout: Checkout, info: CheckoutInfo) -> payments.Authorization:
    """What pays: the checkout's transactions when they cover anything (the transactions
    API), else its older-API payment (Saleor keeps the two flows apart the same way)."""
    items = transactions.covering(checkout)
    payment = payments.active_payment(checkout)
    if payment is not None and not any(item.covered > 0 for item in items):
        return payments.check_payment(payment, info)
    return payments.check_transactions(items, info)


def _placed_order(token: Any) -> Order | None:
    return Order.objects.select_related("channel").filter(checkout_token=token).first()


def checkout_complete(*, token: Any, actor: Actor) -> Completion:
    existing = _placed_order(token)
    if existing is not None:
        return _repeat(existing, actor)
    checkout = checkout_for(token, actor=actor)
    if checkout is None:
        raise _not_found()
    _check_channel(checkout.channel)
    with transaction.atomic():
        if Checkout.objects.select_for_update().filter(pk=token).first() is None:
            order = None  # completed meanwhile by a concurrent call: return its order
        else:
            order = _complete_locked(token, actor)
    if order is None:
        return _repeat(_placed_order(token), actor)
    return _completion(order, placed=True)


def _complete_locked(token: Any, actor: Actor) -> Order:
    checkout = load_checkout(token)
    assert checkout is not None
    info = fetch_checkout_info(checkout)
    _validate(info)
    _check_voucher(info, actor)
    authorization = _authorization(checkout, info)
    locked = stock.lock_stocks(i.variant.pk for i in info.lines)
    user = checkout.user or actor_user(actor)
    order, allocations = _create_order(info, authorization, user)
    shortages = stock.allocate(checkout_token=checkout.pk, lines=allocations, locked=locked)
    if shortages:
        raise insufficient_stock(shortages)  # rolls the whole order back
    if order.voucher_id is not None:
        vouchers.record_use(code_id=info.voucher_code.pk)  # type: ignore[union-attr]
    payments.attach_to_order(authorization, order, checkout)
    _save_addresses(checkout, order)
    if authorization.charged > info.total:
        logger.error(
            "Order #%s placed overcharged: %s charged for a total of %s; refund the difference",
            order.number,
            authorization.charged,
            info.total,
        )
    checkout.delete()  # its lines and reservations go with it
    if order.status == OrderStatus.UNFULFILLED:
        emails.order_placed(order)
    return order
