"""Saleor's payment statuses, computed from amounts at every read (nothing stored goes
stale): a checkout's from its transactions and total, an order's from its charged and
authorized totals."""

from collections.abc import Iterable
from decimal import Decimal

from marketplace.orders.models import Order
from marketplace.payments.models import TransactionItem


def covered(transactions: Iterable[TransactionItem]) -> tuple[Decimal, Decimal]:
    """(authorized + pending authorization, charged + pending charge) of the transactions."""
    authorized = charged = Decimal(0)
    for item in transactions:
        authorized += item.authorized_value + item.authorize_pending_value
        charged += item.charged_value + item.charge_pending_value
    return authorized, charged


def checkout_statuses(
    total: Decimal, has_lines: bool, transactions: Iterable[TransactionItem]
) -> tuple[str, str]:
    """Saleor's ``(authorizeStatus, chargeStatus)`` of a checkout."""
    authorized, charged = covered(transactions)
    free = has_lines and total <= 0
    if charged <= 0:
        charge = "FULL" if free else "NONE"
    elif charged < total:
        charge = "PARTIAL"
    elif charged == total:
        charge = "FULL"
    else:
        charge = "OVERCHARGED"
    everything = authorized + charged
    if free:
        authorize = "FULL"
    elif everything <= 0:
        authorize = "NONE"
    elif everything >= total:
        authorize = "FULL"
    else:
        authorize = "PARTIAL"
    return authorize, charge


def order_statuses(order: Order) -> tuple[str, str]:
    """Saleor's ``(authorizeStatus, chargeStatus)`` of an order."""
    total, charged = order.total_gross_amount, order.total_charged_amount
    if charged == total:
        charge = "FULL"
    elif charged <= 0:
        charge = "NONE"
    elif charged < total:
        charge = "PARTIAL"
    else:
        charge = "OVERCHARGED"
    everything = order.total_authorized_amount + charged
    if everything <= 0:
        authorize = "FULL" if total <= 0 else "NONE"
    elif everything >= total:
        authorize = "FULL"
    else:
        authorize = "PARTIAL"
    return authorize, charge


def amount_due(total: Decimal, transactions: Iterable[TransactionItem]) -> Decimal:
    """What is left to pay: the total less what the transactions cover (Saleor's default
    amount of ``transactionInitialize``)."""
    due = total - sum((item.covered for item in transactions), Decimal(0))
    return due if due > 0 else Decimal(0)
