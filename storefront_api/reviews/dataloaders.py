"""Reviews of many products in one query: the first page of each product's reviews through
a window function (``ROW_NUMBER() OVER (PARTITION BY product ...)``), with each product's
total; their photos in one more query."""

from collections import defaultdict
from typing import Any

from django.db.models import Avg, Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

from marketplace.reviews.models import Review, ReviewPhoto
from marketplace.reviews.selectors import visible_reviews
from storefront_api.core.dataloaders import DataLoader

# (product id, has_photos, ratings tuple, ((attr, descending), ...), first)
PageKey = tuple[int, bool | None, tuple[int, ...], tuple[tuple[str, bool], ...], int]


def ordering(sort: tuple[tuple[str, bool], ...]) -> list[Any]:
    return [F(attr).desc() if descending else F(attr).asc() for attr, descending in sort]


class ReviewFirstPageByProductLoader(DataLoader[PageKey, tuple[list[Review], int]]):
    """``(rows, total)``: the first ``first + 1`` visible reviews of each product (one more
    than asked tells whether there is a next page) and how many match in all."""

    def batch_load(self, keys):
        groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for product_id, has_photos, ratings, sort, first in keys:
            groups[(has_photos, ratings, sort, first)].append(product_id)
        found: dict[PageKey, tuple[list[Review], int]] = {}
        for (has_photos, ratings, sort, first), product_ids in groups.items():
            ranked = (
                visible_reviews(has_photos=has_photos, ratings=list(ratings))
                .filter(product_id__in=product_ids)
                .annotate(
                    position=Window(RowNumber(), partition_by=[F("product_id")], order_by=ordering(sort)),
                    matching=Window(Count("pk"), partition_by=[F("product_id")]),
                )
            )
            rows = list(
                ranked.filter(position__lte=first + 1)
                .select_related("user", "order_line")
                .prefetch_related(
                    Prefetch("photos", queryset=ReviewPhoto.objects.order_by("sort_order", "pk"))
                )
            )
            per_product: dict[int, list[Review]] = defaultdict(list)
            totals: dict[int, int] = {}
            for row in sorted(rows, key=lambda r: r.position):
                totals[row.product_id] = row.matching
                per_product[row.product_id].append(row)
            for product_id in product_ids:
                found[(product_id, has_photos, ratings, sort, first)] = (
                    per_product.get(product_id, []),
                    totals.get(product_id, 0),
                )
        return [found[key] for key in keys]


class VendorRatingByVendorIdLoader(DataLoader[int, tuple[float | None, int]]):
    """``(mean stars, count)`` of each shop's visible reviews."""

    def batch_load(self, keys):
        rows = (
            visible_reviews()
            .filter(vendor_id__in=keys)
            .values("vendor_id")
            .annotate(mean=Avg("rating"), count=Count("pk"))
        )
        found = {row["vendor_id"]: (round(float(row["mean"]), 2), row["count"]) for row in rows}
        return [found.get(key, (None, 0)) for key in keys]
