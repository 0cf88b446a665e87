"""Per-request loaders for transactions: one SQL query per batch."""

from marketplace.payments.models import TransactionEvent, TransactionItem
from storefront_api.core.dataloaders import DataLoader, grouped


class TransactionEventsByTransactionIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = TransactionEvent.objects.filter(transaction_id__in=keys).order_by("created_at", "pk")
        return grouped(rows, "transaction_id", keys)


class TransactionItemsByCheckoutTokenLoader(DataLoader):
    def batch_load(self, keys):
        return grouped(
            TransactionItem.objects.filter(checkout_id__in=keys).order_by("pk"), "checkout_id", keys
        )


class TransactionItemsByOrderIdLoader(DataLoader):
    def batch_load(self, keys):
        return grouped(TransactionItem.objects.filter(order_id__in=keys).order_by("pk"), "order_id", keys)
