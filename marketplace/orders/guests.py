"""A guest's orders join the account that proves the same e-mail address (as Saleor's
``match_orders_with_new_user``): called when an account is confirmed, or registered
without confirmation."""

from marketplace.accounts.models import User
from marketplace.orders.models import Order


def attach_guest_orders(user: User) -> int:
    """Give ``user`` the orders placed without an account under their (confirmed) e-mail
    address; the number attached."""
    if not user.email or not user.is_confirmed:
        return 0
    return Order.objects.filter(user__isnull=True, user_email__iexact=user.email).update(user=user)
