"""Warehouses (an artisan's workshop, or the Design Centre) and the stock kept in them."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ClickAndCollectOption(models.TextChoices):
    DISABLED = "DISABLED", _("Disabled")
    LOCAL = "LOCAL", _("Local")  # pickup of this warehouse's own stock only
    ALL = "ALL", _("All")  # pickup of any vendor's items, consolidated here


class Warehouse(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    vendor = models.ForeignKey(
        "shops.Vendor", related_name="warehouses", null=True, blank=True, on_delete=models.CASCADE
    )
    address = models.ForeignKey("accounts.Address", on_delete=models.PROTECT)
    email = models.EmailField(blank=True, default="")
    click_and_collect_option = models.CharField(
        max_length=16, choices=ClickAndCollectOption.choices, default=ClickAndCollectOption.DISABLED
    )
    opening_hours = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, related_name="stocks", on_delete=models.CASCADE)
    product_variant = models.ForeignKey(
        "catalog.ProductVariant", related_name="stocks", on_delete=models.CASCADE
    )
    quantity = models.IntegerField(default=0)
    quantity_allocated = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("stock")
        verbose_name_plural = _("stocks")
        ordering = ("pk",)
        indexes = [
            # the seller centre's "low on stock": a shop's rows by units available
            models.Index(
                F("warehouse"), F("quantity") - F("quantity_allocated"), name="stock_warehouse_available"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["warehouse", "product_variant"], name="uniq_stock"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="stock_quantity_not_negative"),
            models.CheckConstraint(
                condition=Q(quantity_allocated__gte=0), name="stock_allocated_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__lte=F("quantity")),
                name="stock_allocated_within_quantity",
            ),
        ]


class Reservation(models.Model):
    """Units held for a checkout line until ``reserved_until``. An expired reservation holds
    nothing (every availability computation ignores it); a beat task deletes them."""

    checkout_line = models.ForeignKey(
        "checkout.CheckoutLine", related_name="reservations", on_delete=models.CASCADE
    )
    stock = models.ForeignKey(Stock, related_name="reservations", on_delete=models.CASCADE)
    quantity_reserved = models.PositiveIntegerField()
    reserved_until = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=["checkout_line", "stock"], name="uniq_reservation"),
            models.CheckConstraint(condition=Q(quantity_reserved__gte=1), name="reservation_positive"),
        ]


class Allocation(models.Model):
    """Units of a stock promised to an order line (counted in ``Stock.quantity_allocated``)."""

    order_line = models.ForeignKey("orders.OrderLine", related_name="allocations", on_delete=models.CASCADE)
    stock = models.ForeignKey(Stock, related_name="allocations", on_delete=models.PROTECT)
    quantity_allocated = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=["order_line", "stock"], name="uniq_allocation"),
        ]
