"""Per-request loaders for orders: one SQL query per batch, named <Target>By<Key>Loader."""

from marketplace.accounts.models import Address
from marketplace.inventory.models import Warehouse
from marketplace.orders.models import Fulfillment, FulfillmentLine, Order, OrderLine, VendorOrder
from marketplace.payments.models import Payment
from marketplace.shipping.models import ShippingMethod
from storefront_api.core.dataloaders import DataLoader, by_id, grouped


class OrderByIdLoader(DataLoader):
    def batch_load(self, keys):
        return by_id(Order, keys)


class AddressByIdLoader(DataLoader):
    def batch_load(self, keys):
        return by_id(Address, keys)


class OrderLineByIdLoader(DataLoader):
    def batch_load(self, keys):
        return by_id(OrderLine, keys)


class OrderLinesByOrderIdLoader(DataLoader):
    def batch_load(self, keys):
        return grouped(
            OrderLine.objects.filter(order_id__in=keys).order_by("sort_order", "pk"), "order_id", keys
        )


class VendorOrderByIdLoader(DataLoader):
    def batch_load(self, keys):
        return by_id(VendorOrder, keys)


class VendorOrdersByOrderIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = VendorOrder.objects.filter(order_id__in=keys).order_by("pk")
        return grouped(rows, "order_id", keys)


class FulfillmentsByOrderIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = Fulfillment.objects.filter(order_id__in=keys).order_by("fulfillment_order", "pk")
        return grouped(rows, "order_id", keys)


class FulfillmentLinesByFulfillmentIdLoader(DataLoader):
    def batch_load(self, keys):
        return grouped(
            FulfillmentLine.objects.filter(fulfillment_id__in=keys).order_by("pk"), "fulfillment_id", keys
        )


class PaymentsByOrderIdLoader(DataLoader):
    def batch_load(self, keys):
        return grouped(Payment.objects.filter(order_id__in=keys).order_by("pk"), "order_id", keys)


class ShippingMethodByIdLoader(DataLoader):
    def batch_load(self, keys):
        return by_id(ShippingMethod, keys)


class WarehouseByIdLoader(DataLoader):
    def batch_load(self, keys):
        return by_id(Warehouse, keys, related=["address"])
