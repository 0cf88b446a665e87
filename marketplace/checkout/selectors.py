"""Reads of checkouts for the buyer's own views."""

from django.db.models import QuerySet

from marketplace.accounts.models import User
from marketplace.checkout.models import Checkout


def checkouts_of(user: User) -> QuerySet[Checkout]:
    """The customer's checkouts, with what a checkout's details read."""
    return Checkout.objects.filter(user=user).select_related(
        "channel", "shipping_address", "billing_address", "shipping_method", "collection_point__address"
    )
