"""Storefront content in Saleor's shape: pages (stories of the Design Centre and the
villages, and the storefront's own editable copy) typed by page types with attributes, and
navigation menus of items linking to categories, collections, pages or URLs."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import SeoModel, SortableModel, Translation, translated_slug_field

# ---------------------------------------------------------------- pages


class PageType(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)

    class Meta:
        verbose_name = _("page type")
        verbose_name_plural = _("page types")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class AttributePage(SortableModel):
    """An attribute (of type PAGE_TYPE) that pages of the type carry."""

    page_type = models.ForeignKey(PageType, related_name="attribute_pages", on_delete=models.CASCADE)
    attribute = models.ForeignKey(
        "catalog.Attribute", related_name="attribute_pages", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("attribute page")
        verbose_name_plural = _("attribute pages")
        ordering = ("sort_order", "pk")
        constraints = [models.UniqueConstraint(fields=["page_type", "attribute"], name="uniq_attribute_page")]


class Page(SeoModel):
    page_type = models.ForeignKey(PageType, related_name="pages", on_delete=models.PROTECT)
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    content = models.JSONField(blank=True, null=True)  # EditorJS, cleaned on write
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.title


class PageTranslation(Translation, SeoModel):
    page = models.ForeignKey(Page, related_name="translations", on_delete=models.CASCADE)
    title = models.CharField(max_length=250, blank=True, default="")
    content = models.JSONField(blank=True, null=True)
    slug = translated_slug_field()

    class Meta:
        verbose_name = _("page translation")
        verbose_name_plural = _("page translations")
        constraints = [
            models.UniqueConstraint(fields=["page", "language_code"], name="uniq_page_translation"),
            models.UniqueConstraint(fields=["language_code", "slug"], name="uniq_page_translation_slug"),
        ]


class AssignedPageAttributeValue(SortableModel):
    page = models.ForeignKey(Page, related_name="attribute_values", on_delete=models.CASCADE)
    value = models.ForeignKey(
        "catalog.AttributeValue", related_name="page_assignments", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("assigned page attribute value")
        verbose_name_plural = _("assigned page attribute values")
        ordering = ("sort_order", "pk")
        constraints = [models.UniqueConstraint(fields=["page", "value"], name="uniq_page_attribute_value")]


# ---------------------------------------------------------------- menus


class Menu(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)

    class Meta:
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


# Levels 0, 1 and 2: what storefronts render (Saleor's storefront queries three levels).
MAX_MENU_DEPTH = 3
_LINKS = ("url", "category", "collection", "page")


def _at_most_one_link() -> Q:
    """No two of the item's links are set at once (url, category, collection, page)."""
    set_ = {
        "url": ~Q(url=""),
        "category": Q(category__isnull=False),
        "collection": Q(collection__isnull=False),
        "page": Q(page__isnull=False),
    }
    condition = Q()
    for index, first in enumerate(_LINKS):
        for second in _LINKS[index + 1 :]:
            condition &= ~(set_[first] & set_[second])
    return condition


class MenuItem(SortableModel):
    """An entry of a menu; ``level`` 0 at the top, children one deeper (``MAX_MENU_DEPTH`` levels)."""

    menu = models.ForeignKey(Menu, related_name="items", on_delete=models.CASCADE)
    parent = models.ForeignKey(
        "self", related_name="children", null=True, blank=True, on_delete=models.CASCADE
    )
    level = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=128)
    url = models.URLField(max_length=256, blank=True, default="")
    category = models.ForeignKey(
        "catalog.Category", related_name="menu_items", null=True, blank=True, on_delete=models.CASCADE
    )
    collection = models.ForeignKey(
        "catalog.Collection", related_name="menu_items", null=True, blank=True, on_delete=models.CASCADE
    )
    page = models.ForeignKey(Page, related_name="menu_items", null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")
        ordering = ("sort_order", "pk")
        indexes = [models.Index(fields=["menu", "parent", "sort_order"], name="menu_item_order")]
        constraints = [
            models.CheckConstraint(condition=_at_most_one_link(), name="menu_item_one_link"),
            models.CheckConstraint(condition=Q(level__lt=MAX_MENU_DEPTH), name="menu_item_depth"),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, level=0) | Q(parent__isnull=False, level__gt=0),
                name="menu_item_level_matches_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MenuItemTranslation(Translation):
    menu_item = models.ForeignKey(MenuItem, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=128)

    class Meta:
        verbose_name = _("menu item translation")
        verbose_name_plural = _("menu item translations")
        constraints = [
            models.UniqueConstraint(fields=["menu_item", "language_code"], name="uniq_menu_item_translation")
        ]
