"""Reads of orders that other apps need."""

from django.db.models import Q

from marketplace.orders.models import Order, OrderStatus


def voucher_uses_by(*, voucher_id: int, email: str, user_id: int | None) -> int:
    """How many live orders (not canceled, not expired) this buyer placed with the voucher:
    the buyer is the account, or the e-mail address (any letter case) a guest gave."""
    buyer = Q(user_email__iexact=email) if email else Q(pk__in=[])
    if user_id is not None:
        buyer |= Q(user_id=user_id)
    return (
        Order.objects.filter(buyer, voucher_id=voucher_id)
        .exclude(status__in=[OrderStatus.CANCELED, OrderStatus.EXPIRED])
        .count()
    )
