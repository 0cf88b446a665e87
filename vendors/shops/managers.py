from django.db import models


class VendorQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def active(self) -> "VendorQuerySet":
        return self.filter(status="ACTIVE")
