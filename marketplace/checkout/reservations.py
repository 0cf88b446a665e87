"""Which stock a checkout holds: the reservation policy (what one client cannot abuse).

- A checkout holds stock only once it has an e-mail and a shipping address or a delivery
  method (a buyer who has started to check out); before that, adding to the cart only
  checks that the stock is there.
- Each hold lasts ``CHECKOUT_RESERVATION_MINUTES`` and every change to the checkout renews
  it, but never beyond ``CHECKOUT_RESERVATION_MAX_MINUTES`` after the checkout first held
  stock: activity without progress cannot keep stock away from others for ever.
- A checkout holds at most ``CHECKOUT_RESERVATION_MAX_UNITS`` units of a variant; all the
  checkouts of one client (a signed-in customer, or else the IP address that created them)
  together at most ``CHECKOUT_RESERVATION_CLIENT_MAX_UNITS``. What is not held can still be
  bought: placing the order checks the stock again.

``refresh_holds`` applies the policy: it replaces the checkout's reservations by what it
may hold now, inside the caller's transaction, the checkout row locked first, then the
stock rows (the project's lock order).
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.core.rate_limits import digest
from marketplace.inventory import services as stock
from marketplace.inventory.models import Stock


def client_key(*, user: Any = None, ip: str | None = None) -> str:
    """The client a checkout belongs to: its customer, or else the address that created it
    (none for a guest's checkout made through a trusted storefront server: only the
    per-checkout cap applies there)."""
    if user is not None:
        return f"user:{user.pk}"
    return f"ip:{digest(ip)}" if ip else ""


def is_eligible(checkout: Checkout) -> bool:
    """A buyer who has started to check out: an e-mail and where the order goes."""
    return bool(checkout.email) and (
        checkout.shipping_address_id is not None
        or checkout.shipping_method_id is not None
        or checkout.collection_point_id is not None
    )


def _hold_until(checkout: Checkout, now: datetime) -> datetime:
    renewed = now + timedelta(minutes=settings.CHECKOUT_RESERVATION_MINUTES)
    if checkout.reserved_since is None:
        return renewed
    return min(
        renewed, checkout.reserved_since + timedelta(minutes=settings.CHECKOUT_RESERVATION_MAX_MINUTES)
    )


def refresh_holds(token: Any, *, locked: list[Stock] | None = None) -> int:
    """Replace the checkout's reservations by what the policy lets it hold now; the units
    held. ``locked``: the stock rows of every variant of its lines, when the caller has
    locked them already (else they are locked here, after the checkout row)."""
    checkout = Checkout.objects.select_for_update().get(pk=token)
    now = timezone.now()
    until = _hold_until(checkout, now)
    if settings.CHECKOUT_RESERVATION_MINUTES <= 0 or not is_eligible(checkout) or until <= now:
        stock.release(checkout_token=token)
        return 0
    lines = list(CheckoutLine.objects.filter(checkout_id=token).select_related("variant"))
    if locked is None:
        locked = stock.lock_stocks(line.variant_id for line in lines)
    held = stock.hold(
        checkout_token=token,
        client_key=checkout.client_key,
        lines=[(line, line.quantity, line.variant.track_inventory) for line in lines],
        locked=locked,
        until=until,
        max_units=settings.CHECKOUT_RESERVATION_MAX_UNITS,
        client_max_units=settings.CHECKOUT_RESERVATION_CLIENT_MAX_UNITS,
    )
    if held and checkout.reserved_since is None:
        Checkout.objects.filter(pk=token).update(reserved_since=now)
    return held
