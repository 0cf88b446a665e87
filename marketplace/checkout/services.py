"""Every write to a checkout. Each service owns its transaction; the checkout's token is
the buyer's capability, and a checkout attached to a customer is that customer's only.

Errors are Django ``ValidationError`` keyed by input field with Saleor's checkout codes;
``params`` may carry ``variants`` (variant pks) and ``lines`` (line pks) for the API's
``CheckoutError.variants`` / ``lines``.
"""

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor, actor_user, is_user, require_system, require_user
from marketplace.accounts.addresses import canonical_province, validate_address
from marketplace.accounts.models import Address, User
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.catalog.models import ProductChannelListing, ProductVariant, ProductVariantChannelListing
from marketplace.channels.models import Channel
from marketplace.checkout.delivery import can_collect_at
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.fetch import CheckoutInfo, LineInfo, fetch_checkout_info, load_checkout
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.checkout.reservations import client_key, refresh_holds
from marketplace.core import metadata, rate_limits
from marketplace.core.errors import field_error
from marketplace.core.text import nfc
from marketplace.inventory import services as stock
from marketplace.shipping.selectors import methods_for_province

MAX_LINES = 100


def checkout_to_read(token: Any) -> Checkout | None:
    """The checkout behind a token, to read: its ID is the credential, a customer's checkout
    included (Saleor's ``checkout(id)``; Saleor's storefront reads the checkout page without
    the buyer's session). Who it belongs to is shown to that customer only
    (``Checkout.user``); changing it is ``checkout_for``'s rule."""
    return load_checkout(token)


def checkout_for(token: Any, *, actor: Actor) -> Checkout | None:
    """The checkout behind a token, if the actor may change it: a guest checkout is anyone's
    who holds the token; a customer's checkout is that customer's only."""
    checkout = load_checkout(token)
    if checkout is None:
        return None
    if checkout.user_id is not None and not (is_user(actor) and actor.pk == checkout.user_id):
        return None
    return checkout


def max_line_quantity(variant: ProductVariant) -> int:
    limit = settings.MAX_CHECKOUT_LINE_QUANTITY
    if variant.quantity_limit_per_customer:
        limit = min(limit, variant.quantity_limit_per_customer)
    return limit


# ---------------------------------------------------------------- lines


def _merge_quantities(lines: Iterable[tuple[int, int]], *, allow_zero: bool = False) -> OrderedDict[int, int]:
    merged: OrderedDict[int, int] = OrderedDict()
    for variant_id, quantity in lines:
        if quantity < 0 or (quantity == 0 and not allow_zero):
            raise field_error(
                "quantity",
                CheckoutErrorCode.ZERO_QUANTITY,
                _("The quantity should be higher than zero."),
                variants=[variant_id],
            )
        merged[variant_id] = merged.get(variant_id, 0) + quantity
    if len(merged) > MAX_LINES:
        raise field_error(
            "lines",
            CheckoutErrorCode.INVALID,
            _("A checkout holds at most %(limit)s lines."),
            limit=MAX_LINES,
        )
    return merged


def _variant_infos(channel_id: int, variant_ids: list[int]) -> dict[int, LineInfo]:
    """Line infos for variants not yet in the checkout (three queries)."""
    variants = ProductVariant.objects.select_related("product__product_type", "product__vendor").in_bulk(
        variant_ids
    )
    missing = [pk for pk in variant_ids if pk not in variants]
    if missing:
        raise field_error(
            "variant_id",
            CheckoutErrorCode.NOT_FOUND,
            _("Couldn't resolve to a product variant."),
            variants=missing,
        )
    vlistings = {
        listing.variant_id: listing
        for listing in ProductVariantChannelListing.objects.filter(
            variant_id__in=variant_ids, channel_id=channel_id
        )
    }
    plistings = {
        listing.product_id: listing
        for listing in ProductChannelListing.objects.filter(
            product_id__in={v.product_id for v in variants.values()}, channel_id=channel_id
        )
    }
    return {
        pk: LineInfo(
            line=CheckoutLine(variant=variant, quantity=0),
            variant=variant,
            product=variant.product,
            vendor=variant.product.vendor,
            variant_listing=vlistings.get(pk),
            product_listing=plistings.get(variant.product_id),
        )
        for pk, variant in variants.items()
    }


def check_sellable(infos: Iterable[LineInfo]) -> None:
    """Every line can be bought in the channel: listed and priced there, published (by an
    ACTIVE shop), and available for purchase now — checked in that order."""
    infos = list(infos)
    checks = [
        (
            lambda i: not (i.is_priced and i.product_listing is not None),
            CheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL,
            _("Cannot add lines of a variant that is not available in the checkout's channel."),
        ),
        (
            lambda i: not i.is_published,
            CheckoutErrorCode.PRODUCT_NOT_PUBLISHED,
            _("Cannot add lines of a product that is not published."),
        ),
        (
            lambda i: not i.is_available_for_purchase,
            CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE,
            _("Cannot add lines of a product that is not available for purchase."),
        ),
    ]
    for failing, code, message in checks:
        bad = [i for i in infos if failing(i)]
        if bad:
            raise field_error(
                "lines",
                code,
                message,
                variants=[i.variant.pk for i in bad],
                lines=[i.line.pk for i in bad if i.line.quantity],
            )


def check_limits(wanted: dict[int, int], variants: dict[int, ProductVariant]) -> None:
    for variant_id, quantity in wanted.items():
        limit = max_line_quantity(variants[variant_id])
        if quantity > limit:
            raise field_error(
                "quantity",
                CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT,
                _("Cannot add more than %(limit)s units of this item."),
                limit=limit,
                variants=[variant_id],
            )


def insufficient_stock(shortages: list[stock.Shortage]) -> ValidationError:
    first = shortages[0]
    return field_error(
        "quantity",
        CheckoutErrorCode.INSUFFICIENT_STOCK,
        _("Could not add items. Only %(available)s remaining in stock."),
        available=first.available,
        variants=[s.variant_id for s in shortages],
    )


def _apply_quantities(checkout: Checkout, info: CheckoutInfo, wanted: dict[int, int]) -> None:
    """Set the quantity of each variant's line (0 deletes it), all or nothing: every new
    quantity must be in stock (INSUFFICIENT_STOCK), then the checkout's holds follow
    (``refresh_holds``). Runs inside the caller's transaction, with the checkout row locked
    first (``_lock``), then the stock rows of every variant of the checkout, at once."""
    existing = {i.line.variant_id: i for i in info.all_lines}
    new_ids = [pk for pk in wanted if pk not in existing]
    if len(existing) + len(new_ids) > MAX_LINES:
        raise field_error(
            "lines",
            CheckoutErrorCode.INVALID,
            _("A checkout holds at most %(limit)s lines."),
            limit=MAX_LINES,
        )
    infos = (_variant_infos(checkout.channel_id, new_ids) if new_ids else {}) | existing
    kept = {pk: q for pk, q in wanted.items() if q > 0}
    check_sellable(infos[pk] for pk in kept)
    check_limits(kept, {pk: infos[pk].variant for pk in kept})
    locked = stock.lock_stocks(set(kept) | set(existing))
    found = stock.shortages(
        checkout_token=checkout.pk,
        lines=[(pk, q, infos[pk].variant.track_inventory) for pk, q in kept.items()],
        locked=locked,
    )
    if found:
        raise insufficient_stock(found)
    removed = [existing[pk].line.pk for pk, q in wanted.items() if q == 0 and pk in existing]
    for variant_id, quantity in kept.items():
        line = existing[variant_id].line if variant_id in existing else None
        if line is None:
            CheckoutLine.objects.create(checkout=checkout, variant_id=variant_id, quantity=quantity)
        elif line.quantity != quantity:
            line.quantity = quantity
            line.save(update_fields=["quantity"])
    if removed:
        CheckoutLine.objects.filter(pk__in=removed).delete()
    refresh_holds(checkout.pk, locked=locked)


def _lock(checkout: Checkout) -> CheckoutInfo:
    """Lock the checkout row (the first lock of every checkout write: checkout, then stock
    rows in id order) and read its lines afresh under the lock."""
    Checkout.objects.select_for_update().filter(pk=checkout.pk).first()
    return fetch_checkout_info(checkout)


def _touch(checkout: Checkout, *, holds: bool = True) -> None:
    """A change: the checkout's last change, and its holds renewed (within the policy's
    bounds) unless the caller has just refreshed them."""
    checkout.last_change = timezone.now()
    Checkout.objects.filter(pk=checkout.pk).update(last_change=checkout.last_change)
    if holds:
        refresh_holds(checkout.pk)


def _throttle_creation(*, user: User | None, ip: str | None) -> None:
    """At most CHECKOUT_CREATE_PER_IP new checkouts per window from one IP address and
    CHECKOUT_CREATE_PER_USER for one customer, counted atomically in Redis, before
    anything is written."""
    window = settings.CHECKOUT_CREATE_WINDOW_SECONDS
    subjects = []
    if ip:
        subjects.append(("checkout-create:ip", ip, settings.CHECKOUT_CREATE_PER_IP))
    if user is not None:
        subjects.append(("checkout-create:user", str(user.pk), settings.CHECKOUT_CREATE_PER_USER))
    for scope, subject, limit in subjects:
        over = rate_limits.allow(scope, subject, limit=limit, window=window)
        if over is not None:
            raise field_error(
                None,
                CheckoutErrorCode.CHECKOUT_CREATION_DELAYED,
                _("Too many new checkouts; try again in %(wait)s seconds."),
                wait=over.retry_after,
            )


def _reloaded(checkout: Checkout) -> Checkout:
    fresh = load_checkout(checkout.pk)
    assert fresh is not None
    return fresh


def checkout_create(
    *,
    actor: Actor,
    channel: Channel,
    lines: list[tuple[int, int]],
    email: str | None = None,
    language_code: str = "vi",
    shipping_address: dict[str, Any] | None = None,
    billing_address: dict[str, Any] | None = None,
    client_ip: str | None = None,
) -> Checkout:
    """A new checkout; ``client_ip`` (the request's, None when per-IP limits do not apply:
    a trusted storefront server) throttles creation and names the client whose holds are
    capped together (see ``marketplace.checkout.reservations``)."""
    user = actor_user(actor)
    _throttle_creation(user=user, ip=client_ip)
    if not channel.is_active:
        raise field_error("channel", CheckoutErrorCode.CHANNEL_INACTIVE, _("The channel is inactive."))
    wanted = _merge_quantities(lines)
    email = _clean_email(email) if email else (user.email if user else "")
    shipping = validate_address(shipping_address) if shipping_address else None
    billing = validate_address(billing_address) if billing_address else None
    with transaction.atomic():
        checkout = Checkout.objects.create(
            channel=channel,
            user=user,
            email=email,
            language_code=language_code,
            currency=channel.currency_code,
            shipping_address=Address.objects.create(**shipping) if shipping else None,
            billing_address=Address.objects.create(**billing) if billing else None,
            client_key=client_key(user=user, ip=client_ip),
        )
        _apply_quantities(checkout, CheckoutInfo(checkout, []), wanted)
    return _reloaded(checkout)


def lines_add(*, checkout: Checkout, lines: list[tuple[int, int]]) -> Checkout:
    added = _merge_quantities(lines)
    with transaction.atomic():
        info = _lock(checkout)
        current = {i.line.variant_id: i.line.quantity for i in info.all_lines}
        wanted = OrderedDict((pk, current.get(pk, 0) + quantity) for pk, quantity in added.items())
        _apply_quantities(checkout, info, wanted)
        _touch(checkout, holds=False)
    return _reloaded(checkout)


@dataclass(frozen=True)
class LineQuantity:
    """One line of ``lines_update``: named by its variant (Saleor's variantId) or by its id."""

    quantity: int
    line_id: Any = None
    variant_id: int | None = None


def lines_update(*, checkout: Checkout, lines: list[LineQuantity]) -> Checkout:
    """Sets line quantities; a quantity of 0 removes the line."""
    with transaction.atomic():
        info = _lock(checkout)
        by_line = {i.line.pk: i.line for i in info.all_lines}
        by_variant = {i.line.variant_id: i.line.pk for i in info.all_lines}
        named = [line.variant_id for line in lines if line.variant_id is not None]
        missing = [variant_id for variant_id in named if variant_id not in by_variant]
        if missing:
            raise field_error(
                "variant_id",
                CheckoutErrorCode.NOT_FOUND,
                _("The variant is not in the checkout."),
                variants=missing,
            )
        pairs = [
            (line.line_id if line.variant_id is None else by_variant[line.variant_id], line.quantity)
            for line in lines
        ]
        unknown = [line_id for line_id, _ignored in pairs if line_id not in by_line]
        if unknown:
            raise field_error(
                "line_id",
                CheckoutErrorCode.NOT_FOUND,
                _("Couldn't resolve to a checkout line."),
                lines=unknown,
            )
        wanted = _merge_quantities(
            ((by_line[line_id].variant_id, q) for line_id, q in pairs), allow_zero=True
        )
        _apply_quantities(checkout, info, wanted)
        _touch(checkout, holds=False)
    return _reloaded(checkout)


def lines_delete(*, checkout: Checkout, line_ids: list[Any]) -> Checkout:
    with transaction.atomic():
        _lock(checkout)
        found = set(
            CheckoutLine.objects.filter(checkout=checkout, pk__in=line_ids).values_list("pk", flat=True)
        )
        unknown = [pk for pk in line_ids if pk not in found]
        if unknown:
            raise field_error(
                "line_id",
                CheckoutErrorCode.NOT_FOUND,
                _("Couldn't resolve to a checkout line."),
                lines=unknown,
            )
        CheckoutLine.objects.filter(pk__in=found).delete()  # their reservations go with them
        _touch(checkout)  # the lines left are held again (a removed line's units may now fit)
    return _reloaded(checkout)


# ---------------------------------------------------------------- buyer and addresses


def _clean_email(value: str) -> str:
    email = nfc(value or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise field_error("email", CheckoutErrorCode.INVALID, _("Enter a valid email address.")) from None
    return email


def email_update(*, checkout: Checkout, email: str) -> Checkout:
    checkout.email = _clean_email(email)
    with transaction.atomic():
        Checkout.objects.filter(pk=checkout.pk).update(email=checkout.email)
        _touch(checkout)
    return _reloaded(checkout)


@dataclass(frozen=True)
class AddressRules:
    """Saleor's ``CheckoutAddressValidationRules`` (all on by default). Whatever they let
    through is validated in full when the order is placed."""

    check_required: bool = True
    check_format: bool = True
    normalize: bool = True


def _store_address(current: Address | None, data: dict[str, Any], rules: AddressRules) -> Address:
    cleaned = validate_address(
        data, check_required=rules.check_required, check_format=rules.check_format, normalize=rules.normalize
    )
    if current is None:
        return Address.objects.create(**cleaned)
    for name, value in cleaned.items():
        setattr(current, name, value)
    current.save()
    return current


def shipping_address_update(
    *,
    checkout: Checkout,
    data: dict[str, Any],
    save_address: bool = True,
    rules: AddressRules = AddressRules(),
) -> Checkout:
    """``save_address``: copy it to the customer's address book when the order is placed
    (Saleor's default; never for a pickup order)."""
    with transaction.atomic():
        address = _store_address(checkout.shipping_address, data, rules)
        method = checkout.shipping_method
        zone_methods = methods_for_province(canonical_province(address.country_area))
        if method is not None and method.pk not in {m.pk for m in zone_methods}:
            method = None  # the method of the old address's zone does not serve the new one
        Checkout.objects.filter(pk=checkout.pk).update(
            shipping_address=address, shipping_method=method, save_shipping_address=save_address
        )
        _touch(checkout)
    return _reloaded(checkout)


def billing_address_update(
    *,
    checkout: Checkout,
    data: dict[str, Any],
    save_address: bool = True,
    rules: AddressRules = AddressRules(),
) -> Checkout:
    with transaction.atomic():
        address = _store_address(checkout.billing_address, data, rules)
        Checkout.objects.filter(pk=checkout.pk).update(
            billing_address=address, save_billing_address=save_address
        )
        _touch(checkout)
    return _reloaded(checkout)


def customer_attach(*, actor: Actor, checkout: Checkout) -> Checkout:
    """The signed-in customer takes a guest checkout: from then on only they can use it."""
    user = require_user(actor)
    with transaction.atomic():
        Checkout.objects.filter(pk=checkout.pk).update(
            user=user, email=user.email, client_key=client_key(user=user)
        )
        _touch(checkout)
    return _reloaded(checkout)


def customer_detach(*, checkout: Checkout) -> Checkout:
    with transaction.atomic():
        Checkout.objects.filter(pk=checkout.pk).update(user=None)
        _touch(checkout)
    return _reloaded(checkout)


# ---------------------------------------------------------------- delivery


def delivery_method_update(
    *, checkout: Checkout, shipping_method_id: int | None = None, warehouse_id: int | None = None
) -> Checkout:
    """Ship with a shipping method, collect at a warehouse, or (neither given) remove the
    chosen delivery method, as Saleor does for a null ``deliveryMethodId``."""
    info = fetch_checkout_info(checkout)
    field = "delivery_method_id"
    if shipping_method_id is not None:
        if not info.is_shipping_required:
            raise field_error(
                field, CheckoutErrorCode.SHIPPING_NOT_REQUIRED, _("This checkout doesn't need shipping.")
            )
        if checkout.shipping_address is None:
            raise field_error(
                field, CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET, _("Set the shipping address first.")
            )
        option = info.option_for(shipping_method_id)
        if option is None:
            raise field_error(
                field,
                CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE,
                _("This shipping method is not applicable to the shipping address."),
            )
        if not option.active:
            raise field_error(field, CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE, option.message)  # type: ignore[arg-type]
        update = {"shipping_method_id": shipping_method_id, "collection_point": None}
    elif warehouse_id is not None:
        if not can_collect_at(info, warehouse_id):
            raise field_error(
                field,
                CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE,
                _("This collection point cannot serve every shop of the checkout."),
            )
        update = {"collection_point_id": warehouse_id, "shipping_method": None}
    else:
        update = {"shipping_method": None, "collection_point": None}
    with transaction.atomic():
        Checkout.objects.filter(pk=checkout.pk).update(**update)
        _touch(checkout)
    return _reloaded(checkout)


# ---------------------------------------------------------------- metadata


def checkout_metadata_write(
    *,
    actor: Actor,
    checkout: Checkout,
    items: list[tuple[str, str]] | None = None,
    delete_keys: list[str] | None = None,
    private: bool = False,
) -> Checkout:
    """Set ``items`` or delete ``delete_keys`` of the checkout's metadata. Public metadata:
    whoever may use the checkout (the caller found it through ``checkout_for``); private
    metadata: staff with MANAGE_ORDERS only."""
    if private and not has_permissions(actor, [PermissionEnum.MANAGE_ORDERS]):
        raise PermissionDenied(_("You need the MANAGE_ORDERS permission."))
    cleaned_items = metadata.clean_items(items) if items is not None else None
    cleaned_keys = metadata.clean_keys(delete_keys) if delete_keys is not None else None
    metadata.write(
        Checkout,
        checkout.pk,
        private=private,
        set_items=cleaned_items,
        delete_keys=cleaned_keys,
        field="keys" if delete_keys is not None else "input",
        touch={"last_change": timezone.now()},
    )
    return _reloaded(checkout)


def delete_expired_reservations(*, actor: Actor) -> int:
    """Housekeeping, as ``SYSTEM`` (the beat task): expired reservations already hold nothing."""
    require_system(actor)
    return stock.delete_expired_reservations()


# Abandoned carts (Saleor's defaults): empty ones after 6 hours, guests' after 30 days,
# customers' after 90 days without a change.
EMPTY_CHECKOUT_TTL = timedelta(hours=6)
GUEST_CHECKOUT_TTL = timedelta(days=30)
CUSTOMER_CHECKOUT_TTL = timedelta(days=90)


def delete_abandoned_checkouts(*, actor: Actor, now: Any = None, batch: int = 1000) -> int:
    """Delete abandoned checkouts with their lines, reservations and own address copies.
    Payments of a deleted checkout stay (their ``checkout`` becomes null); a checkout whose
    transactions hold money (authorized, charged or pending) is never deleted. Runs as
    ``SYSTEM`` (the beat task)."""
    require_system(actor)
    now = now or timezone.now()
    stale = (
        Q(lines__isnull=True, last_change__lt=now - EMPTY_CHECKOUT_TTL)
        | Q(user__isnull=True, last_change__lt=now - GUEST_CHECKOUT_TTL)
        | Q(last_change__lt=now - CUSTOMER_CHECKOUT_TTL)
    )
    deleted = 0
    while True:
        rows = list(
            Checkout.objects.filter(stale)
            .exclude(
                Q(payment_transactions__authorized_value__gt=0)
                | Q(payment_transactions__charged_value__gt=0)
                | Q(payment_transactions__authorize_pending_value__gt=0)
                | Q(payment_transactions__charge_pending_value__gt=0)
            )
            .distinct()
            .values_list("pk", "shipping_address_id", "billing_address_id")[:batch]
        )
        if not rows:
            return deleted
        with transaction.atomic():
            Checkout.objects.filter(pk__in=[pk for pk, _ignored, _ignored in rows]).delete()
            Address.objects.filter(
                pk__in=[a for _ignored, *pair in rows for a in pair if a is not None]
            ).delete()
        deleted += len(rows)
