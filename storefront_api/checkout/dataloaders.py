"""Per-request loaders for checkouts: a list of checkouts costs what one costs."""

from django.db.models import Min
from django.utils import timezone

from marketplace.checkout.delivery import collection_points_by_vendors
from marketplace.checkout.fetch import fetch_checkout_infos
from marketplace.inventory.models import Reservation
from marketplace.inventory.services import available_for_checkouts
from marketplace.shipping.selectors import methods_by_province
from storefront_api.core.dataloaders import DataLoader


class CheckoutInfoByCheckoutLoader(DataLoader):
    """Keys are ``(token, last_change, checkout)``: a checkout changed by a mutation of the
    same request has a new ``last_change``, so it is loaded afresh."""

    def batch_load(self, keys):
        return fetch_checkout_infos([checkout for _, _, checkout in keys])


class ShippingMethodsByProvinceLoader(DataLoader):
    def batch_load(self, keys):
        found = methods_by_province(list(keys))
        return [found[key] for key in keys]


class CollectionPointsByVendorIdsLoader(DataLoader):
    def batch_load(self, keys):
        return collection_points_by_vendors(list(keys))


class ReservationExpiryByCheckoutTokenLoader(DataLoader):
    def batch_load(self, keys):
        rows = (
            Reservation.objects.filter(checkout_line__checkout_id__in=keys, reserved_until__gt=timezone.now())
            .values("checkout_line__checkout_id")
            .annotate(earliest=Min("reserved_until"))
        )
        found = {row["checkout_line__checkout_id"]: row["earliest"] for row in rows}
        return [found.get(key) for key in keys]


class AvailableByCheckoutVariantLoader(DataLoader):
    """Keys are ``(checkout token, variant id)``: units the checkout can still get."""

    def batch_load(self, keys):
        found = available_for_checkouts(keys)
        return [found[key] for key in keys]
