"""Pages and menus in Saleor's shape. Pages and menus are seen through a channel (a
collection an attribute or a menu item points at shows only where it is published)."""

from typing import Any

import graphene
from django.utils import timezone

from marketplace.content.models import Menu as MenuModel
from marketplace.content.models import MenuItem as MenuItemModel
from marketplace.content.models import Page as PageModel
from marketplace.content.models import PageType as PageTypeModel
from marketplace.content.selectors import can_manage_menus, can_manage_pages
from storefront_api.catalog.dataloaders import (
    CategoryByIdLoader,
    CollectionByIdLoader,
    PublishedCollectionByIdAndChannelIdLoader,
)
from storefront_api.catalog.types.assigned_attributes import (
    DEFAULT_LIMIT,
    assigned_attribute_field,
    assigned_attributes,
    assigned_attributes_field,
    limit_of,
)
from storefront_api.catalog.types.attributes import Attribute, SelectedAttribute
from storefront_api.catalog.types.translations import BaseTranslationType, translation_field
from storefront_api.content.dataloaders import (
    AttributePagesByPageTypeIdLoader,
    AttributeValuesByPageIdLoader,
    MenuByIdLoader,
    MenuItemByIdLoader,
    MenuItemChildrenByParentIdLoader,
    MenuItemTranslationByMenuItemIdAndLanguageLoader,
    PageByIdLoader,
    PageTranslationByPageIdAndLanguageLoader,
    PageTypeByIdLoader,
    TopMenuItemsByMenuIdLoader,
)
from storefront_api.core.context import ChannelContext
from storefront_api.core.dataloaders import gather, then
from storefront_api.core.object_types import ChannelContextType, ModelObjectType
from storefront_api.core.permissions import principal
from storefront_api.core.types import CountableConnection, connection_for


def _in_context(root: ChannelContext, node: Any) -> ChannelContext | None:
    return ChannelContext(node, root.channel_slug, root.channel_id) if node is not None else None


def is_public(page: PageModel) -> bool:
    """Published now (the rule of ``content.selectors.published_pages``, for a loaded page)."""
    return page.is_published and (page.published_at is None or page.published_at <= timezone.now())


class PageType(ModelObjectType):
    attributes = graphene.List(graphene.NonNull(Attribute), description="Page attributes of that page type.")

    class Meta:
        model = PageTypeModel
        fields = ("id", "name", "slug")
        description = (
            "Represents a type of page. It defines what attributes are available to pages of this type."
        )

    @staticmethod
    def resolve_attributes(root: PageTypeModel, info):
        return then(
            AttributePagesByPageTypeIdLoader(info.context).load(root.pk),
            lambda links: [link.attribute for link in links],
        )


class PageTranslation(BaseTranslationType):
    title = graphene.String(description="Translated page title.")
    content = graphene.JSONString(description="Translated content of the page (EditorJS).")
    seo_title = graphene.String()
    seo_description = graphene.String()
    slug = graphene.String(
        description="Translated page slug (unique in its language); null when not translated."
    )

    @staticmethod
    def resolve_content(root, info):
        return root.content

    @staticmethod
    def resolve_slug(root, info):
        return root.slug


class Page(ChannelContextType):
    title = graphene.String(required=True, description="Title of the page.")
    content = graphene.JSONString(description="Content of the page: EditorJS JSON, cleaned on write.")
    is_published = graphene.Boolean(required=True, description="Determines if the page is published.")
    published_at = graphene.DateTime(description="The page publication date.")
    publication_date = graphene.Date(
        deprecation_reason="Use the `publishedAt` field to fetch the publication date."
    )
    created = graphene.DateTime(required=True, description="Date and time at which page was created.")
    page_type = graphene.Field(PageType, required=True, description="Determines the type of page")
    translation = translation_field(PageTranslation, PageTranslationByPageIdAndLanguageLoader)
    assigned_attribute = assigned_attribute_field(
        "Get a single attribute attached to page by attribute slug."
    )
    assigned_attributes = assigned_attributes_field("List of attributes assigned to this page.")
    attributes = graphene.List(
        graphene.NonNull(SelectedAttribute),
        required=True,
        description="List of attributes assigned to this page.",
        deprecation_reason="Use `assignedAttributes` field instead.",
    )

    class Meta:
        model = PageModel
        fields = ("id", "slug", "seo_title", "seo_description")
        description = (
            "A static page that can be manually added by a shop operator: the stories of the villages."
        )

    @staticmethod
    def resolve_content(root: ChannelContext, info):
        return root.node.content

    @staticmethod
    def resolve_publication_date(root: ChannelContext, info):
        return root.node.published_at.date() if root.node.published_at else None

    @staticmethod
    def resolve_created(root: ChannelContext, info):
        return root.node.created_at

    @staticmethod
    def resolve_page_type(root: ChannelContext, info):
        return PageTypeByIdLoader(info.context).load(root.node.page_type_id)

    @staticmethod
    def _assigned(root: ChannelContext, info):
        links = AttributePagesByPageTypeIdLoader(info.context).load(root.node.page_type_id)
        values = AttributeValuesByPageIdLoader(info.context).load(root.node.pk)
        return then(
            gather([links, values]),
            lambda loaded: assigned_attributes(
                [link.attribute for link in loaded[0]],
                loaded[1],
                info=info,
                channel_slug=root.channel_slug,
                channel_id=root.channel_id,
            ),
        )

    @staticmethod
    def resolve_assigned_attributes(root: ChannelContext, info, limit=DEFAULT_LIMIT):
        return then(Page._assigned(root, info), lambda rows: rows[: limit_of(limit)])

    @staticmethod
    def resolve_assigned_attribute(root: ChannelContext, info, slug):
        return then(
            Page._assigned(root, info),
            lambda rows: next((row for row in rows if row.attribute.slug == slug), None),
        )

    @staticmethod
    def resolve_attributes(root: ChannelContext, info):
        return then(
            Page._assigned(root, info),
            lambda rows: [SelectedAttribute(attribute=row.attribute, values=row.values) for row in rows],
        )


class MenuItemTranslation(BaseTranslationType):
    name = graphene.String(required=True, description="Translated menu item name.")


class MenuItem(ChannelContextType):
    name = graphene.String(required=True, description="The name of the menu item.")
    menu = graphene.Field(
        lambda: Menu, required=True, description="Represents the menu to which the menu item belongs."
    )
    parent = graphene.Field(lambda: MenuItem, description="The parent menu item; null at the top level.")
    category = graphene.Field(
        "storefront_api.catalog.types.categories.Category",
        description="Category associated with the menu item.",
    )
    collection = graphene.Field(
        "storefront_api.catalog.types.collections.Collection",
        description=(
            "A collection associated with this menu item: null unless published in the channel "
            "(staff with MANAGE_MENUS see it anyway)."
        ),
    )
    page = graphene.Field(
        Page,
        description="A page associated with this menu item: null unless published (MANAGE_PAGES see drafts).",
    )
    level = graphene.Int(required=True, description="The depth of the item: 0 at the top of the menu.")
    children = graphene.List(graphene.NonNull(lambda: MenuItem), description="The child items, in order.")
    url = graphene.String(description="URL to the menu item.")
    translation = translation_field(MenuItemTranslation, MenuItemTranslationByMenuItemIdAndLanguageLoader)

    class Meta:
        model = MenuItemModel
        fields = ("id",)
        description = (
            "Represents a single item of the related menu. Can store categories, collection or pages."
        )

    @staticmethod
    def resolve_name(root: ChannelContext, info):
        return root.node.name

    @staticmethod
    def resolve_level(root: ChannelContext, info):
        return root.node.level

    @staticmethod
    def resolve_url(root: ChannelContext, info):
        return root.node.url or None

    @staticmethod
    def resolve_menu(root: ChannelContext, info):
        return then(
            MenuByIdLoader(info.context).load(root.node.menu_id), lambda menu: _in_context(root, menu)
        )

    @staticmethod
    def resolve_parent(root: ChannelContext, info):
        if root.node.parent_id is None:
            return None
        return then(
            MenuItemByIdLoader(info.context).load(root.node.parent_id), lambda item: _in_context(root, item)
        )

    @staticmethod
    def resolve_children(root: ChannelContext, info):
        return then(
            MenuItemChildrenByParentIdLoader(info.context).load(root.node.pk),
            lambda items: [_in_context(root, item) for item in items],
        )

    @staticmethod
    def resolve_category(root: ChannelContext, info):
        if root.node.category_id is None:
            return None
        return CategoryByIdLoader(info.context).load(root.node.category_id)

    @staticmethod
    def resolve_collection(root: ChannelContext, info):
        collection_id = root.node.collection_id
        if collection_id is None or root.channel_id is None:
            return None
        if can_manage_menus(principal(info)):
            from_db = CollectionByIdLoader(info.context).load(collection_id)
        else:
            from_db = PublishedCollectionByIdAndChannelIdLoader(info.context).load(
                (collection_id, root.channel_id)
            )
        return then(from_db, lambda collection: _in_context(root, collection))

    @staticmethod
    def resolve_page(root: ChannelContext, info):
        if root.node.page_id is None:
            return None
        sees_drafts = can_manage_pages(principal(info))
        return then(
            PageByIdLoader(info.context).load(root.node.page_id),
            lambda page: _in_context(root, page) if page and (sees_drafts or is_public(page)) else None,
        )


class Menu(ChannelContextType):
    name = graphene.String(required=True, description="The name of the menu.")
    items = graphene.List(graphene.NonNull(MenuItem), description="The menu's top-level items, in order.")

    class Meta:
        model = MenuModel
        fields = ("id", "slug")
        description = "Represents a single menu - an object that is used to help navigate through the store."

    @staticmethod
    def resolve_name(root: ChannelContext, info):
        return root.node.name

    @staticmethod
    def resolve_items(root: ChannelContext, info):
        return then(
            TopMenuItemsByMenuIdLoader(info.context).load(root.node.pk),
            lambda items: [_in_context(root, item) for item in items],
        )


PageCountableConnection: type[CountableConnection] = connection_for(Page)
PageTypeCountableConnection: type[CountableConnection] = connection_for(PageType)
MenuCountableConnection: type[CountableConnection] = connection_for(Menu)
