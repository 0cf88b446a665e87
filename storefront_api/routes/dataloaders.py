from collections import defaultdict

from marketplace.inventory.models import Warehouse
from marketplace.routes.models import TourismRoute, TourismRouteStop, TourismRouteTranslation
from marketplace.routes.selectors import collection_points_by_village, published_routes_by_village
from storefront_api.core.dataloaders import DataLoader


class TourismRouteStopsByRouteIdLoader(DataLoader[int, list[TourismRouteStop]]):
    def batch_load(self, keys):
        groups: dict[int, list[TourismRouteStop]] = defaultdict(list)
        for stop in TourismRouteStop.objects.filter(route_id__in=keys).order_by("route_id", "position"):
            groups[stop.route_id].append(stop)
        return [groups.get(key, []) for key in keys]


class TourismRouteTranslationByRouteIdAndLanguageLoader(
    DataLoader[tuple[int, str], TourismRouteTranslation | None]
):
    def batch_load(self, keys):
        rows = TourismRouteTranslation.objects.filter(
            route_id__in={k for k, _ in keys}, language_code__in={lang for _, lang in keys}
        )
        found = {(r.route_id, r.language_code): r for r in rows}
        return [found.get(key) for key in keys]


class PublishedTourismRoutesByVillageIdLoader(DataLoader[int, list[TourismRoute]]):
    def batch_load(self, keys):
        found = published_routes_by_village(list(keys))
        return [found.get(key, []) for key in keys]


class CollectionPointsByVillageIdLoader(DataLoader[int | None, list[Warehouse]]):
    """Keyed by the stop's village id; ``None`` for a stop that is not a craft village."""

    def batch_load(self, keys):
        found = collection_points_by_village(list(keys))
        return [found[key] for key in keys]
