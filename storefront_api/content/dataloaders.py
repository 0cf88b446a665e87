"""Per-request loaders for pages and menus: one SQL query per batch."""

from marketplace.catalog.models import AttributeValue
from marketplace.content.models import (
    AssignedPageAttributeValue,
    AttributePage,
    Menu,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    PageType,
)
from storefront_api.catalog.dataloaders import translation_loader
from storefront_api.core.dataloaders import DataLoader, by_id, grouped


class PageByIdLoader(DataLoader[int, Page | None]):
    def batch_load(self, keys):
        return by_id(Page, keys)


class PageTypeByIdLoader(DataLoader[int, PageType | None]):
    def batch_load(self, keys):
        return by_id(PageType, keys)


class MenuByIdLoader(DataLoader[int, Menu | None]):
    def batch_load(self, keys):
        return by_id(Menu, keys)


class MenuItemByIdLoader(DataLoader[int, MenuItem | None]):
    def batch_load(self, keys):
        return by_id(MenuItem, keys)


class AttributePagesByPageTypeIdLoader(DataLoader[int, list[AttributePage]]):
    """The page type's attributes (with the attribute), in order."""

    def batch_load(self, keys):
        rows = (
            AttributePage.objects.filter(page_type_id__in=keys)
            .select_related("attribute")
            .order_by("sort_order", "pk")
        )
        return grouped(rows, "page_type_id", keys)


class AttributeValuesByPageIdLoader(DataLoader[int, list[AttributeValue]]):
    """The values assigned to each page, in their order."""

    def batch_load(self, keys):
        rows = (
            AssignedPageAttributeValue.objects.filter(page_id__in=keys)
            .select_related("value")
            .order_by("sort_order", "pk")
        )
        return [[row.value for row in group] for group in grouped(rows, "page_id", keys)]


class TopMenuItemsByMenuIdLoader(DataLoader[int, list[MenuItem]]):
    def batch_load(self, keys):
        rows = MenuItem.objects.filter(menu_id__in=keys, parent__isnull=True).order_by("sort_order", "pk")
        return grouped(rows, "menu_id", keys)


class MenuItemChildrenByParentIdLoader(DataLoader[int, list[MenuItem]]):
    def batch_load(self, keys):
        rows = MenuItem.objects.filter(parent_id__in=keys).order_by("sort_order", "pk")
        return grouped(rows, "parent_id", keys)


PageTranslationByPageIdAndLanguageLoader = translation_loader(PageTranslation, "page")
MenuItemTranslationByMenuItemIdAndLanguageLoader = translation_loader(MenuItemTranslation, "menu_item")
