"""A customer's checkouts, for account deletion: deleted with their lines, reservations
and address copies; payments made on them stay (for the payment records) without the
customer's IP address."""

from typing import Any

from django.db import transaction

from marketplace.accounts.models import Address, User
from marketplace.checkout.models import Checkout
from marketplace.payments.models import Payment


def lock_checkouts_of(*, user: User) -> list[Any]:
    """Lock the user's checkouts (before the user row: checkout writes lock a checkout, then
    insert rows that refer to its user)."""
    return list(
        Checkout.objects.select_for_update().filter(user=user).order_by("pk").values_list("pk", flat=True)
    )


def delete_checkouts_of(*, user: User) -> int:
    """Delete every checkout of ``user``; how many."""
    with transaction.atomic():
        rows = list(
            Checkout.objects.filter(user=user).values_list("pk", "shipping_address_id", "billing_address_id")
        )
        tokens = [pk for pk, _, _ in rows]
        Payment.objects.filter(checkout_id__in=tokens).update(customer_ip_address=None)
        Checkout.objects.filter(pk__in=tokens).delete()
        Address.objects.filter(pk__in=[a for _, *pair in rows for a in pair if a is not None]).delete()
    return len(rows)
