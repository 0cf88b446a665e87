from django.db import models


class VendorQuerySet(models.QuerySet):
    def active(self) -> "VendorQuerySet":
        return self.filter(status="ACTIVE")
