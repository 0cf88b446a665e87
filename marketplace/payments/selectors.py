"""Reads of payment records by their public handles (the caller checks who may act on them)."""

from typing import Any

from marketplace.payments.models import TransactionItem


def transaction_by_token(token: Any) -> TransactionItem | None:
    """The transaction whose token (its public id, a UUID) is ``token``."""
    return TransactionItem.objects.filter(token=token).first()


def transaction_by_id(pk: int) -> TransactionItem | None:
    return TransactionItem.objects.filter(pk=pk).first()
