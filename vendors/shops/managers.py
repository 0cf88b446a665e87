from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from vendors.shops.models import Vendor  # noqa: F401 (in the base)


class VendorQuerySet(models.QuerySet["Vendor"]):
    def active(self) -> "VendorQuerySet":
        return self.filter(status="ACTIVE")
