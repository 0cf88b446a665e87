"""Content queries (public: published pages, menus) and staff mutations."""

import graphene
from django.db.models import Count

from marketplace.content.selectors import (
    menu_item_by_id,
    menus,
    page_type_by_id,
    page_types,
    pages_visible_to,
)
from marketplace.core.slugs import filter_by_slug
from marketplace.core.text import fold, nfc
from storefront_api.catalog.filters import check_search
from storefront_api.catalog.types.translations import language_value
from storefront_api.channels.resolvers import channel_or_error
from storefront_api.content.filters import (
    PageFilterInput,
    PageSortingInput,
    PageWhereInput,
    filter_pages,
    sort_pages,
)
from storefront_api.content.mutations.menus import (
    MenuCreate,
    MenuDelete,
    MenuItemCreate,
    MenuItemDelete,
    MenuItemTranslate,
    MenuItemUpdate,
    MenuUpdate,
)
from storefront_api.content.mutations.pages import PageCreate, PageDelete, PageTranslate, PageUpdate
from storefront_api.content.types import (
    Menu,
    MenuCountableConnection,
    MenuItem,
    Page,
    PageCountableConnection,
    PageType,
    PageTypeCountableConnection,
)
from storefront_api.core.context import ChannelContext
from storefront_api.core.enums import LanguageCodeEnum, OrderDirection
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import principal
from storefront_api.core.types import page_args
from storefront_api.core.where import check_list

CHANNEL_ARG = graphene.String(
    description="Slug of a channel (for the collections that items and attributes point at); the default one "
    "when omitted."
)


class MenuFilterInput(graphene.InputObjectType):
    search = graphene.String()
    slug = graphene.List(graphene.NonNull(graphene.String), deprecation_reason="Use `slugs` instead.")
    slugs = graphene.List(graphene.NonNull(graphene.String))


class MenuSortField(graphene.Enum):
    NAME = "NAME"
    ITEMS_COUNT = "ITEMS_COUNT"


class MenuSortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirection, required=True)
    field = graphene.Argument(MenuSortField, required=True)


class PageTypeFilterInput(graphene.InputObjectType):
    search = graphene.String()
    slugs = graphene.List(graphene.NonNull(graphene.String))


def _one_of(**given: object) -> None:
    names = [name for name, value in given.items() if value is not None]
    if len(names) > 1:
        raise api_error(f"Argument '{names[0]}' cannot be combined with '{names[1]}'.", "GRAPHQL_ERROR")


def _in(channel):
    return lambda node: ChannelContext(node, channel.slug, channel.pk)


class ContentQueries(graphene.ObjectType):
    page = graphene.Field(
        Page,
        id=graphene.ID(description="ID of the page."),
        slug=graphene.String(description="The slug of the page."),
        slug_language_code=graphene.Argument(
            LanguageCodeEnum,
            description="Language code of the page slug; omit to use the primary (Vietnamese) slug.",
        ),
        channel=CHANNEL_ARG,
        description="Look up a page by ID or slug: published pages; every page for MANAGE_PAGES.",
    )
    pages = graphene.Field(
        PageCountableConnection,
        sort_by=PageSortingInput(description="Sort pages."),
        filter=PageFilterInput(description="Filtering options for pages."),
        search=graphene.String(description="Search pages (overrides filter.search)."),
        where=PageWhereInput(description="Where filtering options for pages (not with `filter`)."),
        channel=CHANNEL_ARG,
        **page_args(),
        description="List of the shop's pages: published ones; every page for MANAGE_PAGES.",
    )
    page_type = graphene.Field(
        PageType, id=graphene.ID(required=True), description="Look up a page type by ID."
    )
    page_types = graphene.Field(
        PageTypeCountableConnection,
        filter=PageTypeFilterInput(description="Filtering options for page types."),
        **page_args(),
        description="List of the page types.",
    )
    menu = graphene.Field(
        Menu,
        channel=CHANNEL_ARG,
        id=graphene.ID(description="ID of the menu."),
        name=graphene.String(description="The menu's name."),
        slug=graphene.String(description="The menu's slug."),
        description="Look up a navigation menu by ID, name or slug (the storefront's `navbar` and `footer`).",
    )
    menus = graphene.Field(
        MenuCountableConnection,
        channel=CHANNEL_ARG,
        sort_by=MenuSortingInput(description="Sort menus."),
        filter=MenuFilterInput(description="Filtering options for menus."),
        **page_args(),
        description="List of the storefront's menus.",
    )
    menu_item = graphene.Field(
        MenuItem,
        id=graphene.ID(required=True, description="ID of the menu item."),
        channel=CHANNEL_ARG,
        description="Look up a menu item by ID.",
    )

    @staticmethod
    def resolve_page(root, info, id=None, slug=None, slug_language_code=None, channel=None):
        _one_of(id=id, slug=slug)
        channel_obj = channel_or_error(info, channel)
        qs = pages_visible_to(principal(info))
        if id is not None:
            page = qs.filter(pk=decode_id(id, only_type="Page")).first()
        elif slug is not None:
            page = filter_by_slug(qs, slug=slug, language_code=language_value(slug_language_code)).first()
        else:
            raise api_error("Either 'id' or 'slug' is required.", "GRAPHQL_ERROR")
        return ChannelContext(page, channel_obj.slug, channel_obj.pk) if page else None

    @staticmethod
    def resolve_pages(root, info, channel=None, filter=None, where=None, search=None, sort_by=None, **args):
        channel_obj = channel_or_error(info, channel)
        qs = filter_pages(pages_visible_to(principal(info)), filter=filter, where=where, search=search)
        qs, keys = sort_pages(qs, sort_by)
        page = paginate(qs, sort=keys, connection_name="pages", **args)
        return PageCountableConnection.from_page(page, wrap=_in(channel_obj))

    @staticmethod
    def resolve_page_type(root, info, id):
        return page_type_by_id(decode_id(id, only_type="PageType"))

    @staticmethod
    def resolve_page_types(root, info, filter=None, **args):
        qs = page_types()
        filter = filter or {}
        if filter.get("slugs") is not None:
            qs = qs.filter(slug__in=check_list(filter["slugs"], name="slugs"))  # type: ignore[misc]
        search = check_search(filter.get("search"))
        if search:
            for word in fold(nfc(search)).split()[:8]:
                qs = qs.filter(slug__contains=word)
        page = paginate(qs, sort=[SortKey("slug")], connection_name="pageTypes", **args)
        return PageTypeCountableConnection.from_page(page)

    @staticmethod
    def resolve_menu(root, info, channel=None, id=None, name=None, slug=None):
        _one_of(id=id, name=name, slug=slug)
        channel_obj = channel_or_error(info, channel)
        qs = menus()
        if id is not None:
            menu = qs.filter(pk=decode_id(id, only_type="Menu")).first()
        elif slug is not None:
            menu = qs.filter(slug=slug[:255]).first()
        elif name is not None:
            menu = qs.filter(name=name[:250]).order_by("pk").first()
        else:
            raise api_error("Either 'id', 'name' or 'slug' is required.", "GRAPHQL_ERROR")
        return ChannelContext(menu, channel_obj.slug, channel_obj.pk) if menu else None

    @staticmethod
    def resolve_menus(root, info, channel=None, filter=None, sort_by=None, **args):
        channel_obj = channel_or_error(info, channel)
        qs = menus()
        filter = filter or {}
        slugs = (filter.get("slugs") or []) + (filter.get("slug") or [])
        if filter.get("slugs") is not None or filter.get("slug") is not None:
            qs = qs.filter(slug__in=check_list(slugs, name="slugs"))  # type: ignore[misc]
        search = check_search(filter.get("search"))
        if search:
            for word in fold(nfc(search)).split()[:8]:
                qs = qs.filter(slug__contains=word)
        keys = [SortKey("slug")]
        if sort_by:
            descending = getattr(sort_by.get("direction"), "value", sort_by.get("direction")) == "DESC"
            if getattr(sort_by.get("field"), "value", sort_by.get("field")) == "ITEMS_COUNT":
                qs = qs.annotate(items_count=Count("items"))
                keys = [SortKey("items_count", descending), SortKey("slug", descending)]
            else:
                keys = [SortKey("name", descending), SortKey("slug", descending)]
        page = paginate(qs, sort=keys, connection_name="menus", **args)
        return MenuCountableConnection.from_page(page, wrap=_in(channel_obj))

    @staticmethod
    def resolve_menu_item(root, info, id, channel=None):
        channel_obj = channel_or_error(info, channel)
        item = menu_item_by_id(decode_id(id, only_type="MenuItem"))
        return ChannelContext(item, channel_obj.slug, channel_obj.pk) if item else None


class ContentMutations(graphene.ObjectType):
    page_create = PageCreate.Field()
    page_update = PageUpdate.Field()
    page_delete = PageDelete.Field()
    page_translate = PageTranslate.Field()
    menu_create = MenuCreate.Field()
    menu_update = MenuUpdate.Field()
    menu_delete = MenuDelete.Field()
    menu_item_create = MenuItemCreate.Field()
    menu_item_update = MenuItemUpdate.Field()
    menu_item_delete = MenuItemDelete.Field()
    menu_item_translate = MenuItemTranslate.Field()
