"""Per-request loaders for returns and granted refunds: one SQL query per batch."""

from marketplace.orders.models import OrderGrantedRefund, OrderGrantedRefundLine
from marketplace.returns.models import ReturnLine, ReturnPhoto, ReturnRequest
from storefront_api.core.dataloaders import DataLoader, by_id, grouped


class GrantedRefundsByOrderIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = OrderGrantedRefund.objects.filter(order_id__in=keys).order_by("created_at", "pk")
        return grouped(rows, "order_id", keys)


class GrantedRefundByIdLoader(DataLoader):
    def batch_load(self, keys):
        return by_id(OrderGrantedRefund, keys)


class GrantedRefundLinesByGrantedRefundIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = OrderGrantedRefundLine.objects.filter(granted_refund_id__in=keys).order_by("pk")
        return grouped(rows, "granted_refund_id", keys)


class ReturnRequestsByOrderIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = ReturnRequest.objects.filter(order_id__in=keys).order_by("created_at", "pk")
        return grouped(rows, "order_id", keys)


class ReturnLinesByReturnRequestIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = ReturnLine.objects.filter(return_request_id__in=keys).order_by("pk")
        return grouped(rows, "return_request_id", keys)


class ReturnPhotosByReturnRequestIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = ReturnPhoto.objects.filter(return_request_id__in=keys).order_by("sort_order", "pk")
        return grouped(rows, "return_request_id", keys)
