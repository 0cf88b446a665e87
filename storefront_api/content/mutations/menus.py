"""Staff writes of menus and menu items (MANAGE_MENUS), as Saleor's menu mutations."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts.permissions import PermissionEnum
from marketplace.content.models import Menu as MenuModel
from marketplace.content.models import MenuItem as MenuItemModel
from marketplace.content.selectors import menu_by_id, menu_item_by_id
from marketplace.content.services import menus as services
from marketplace.content.services.menus import MAX_ITEMS_PER_MENU, MenuItemLink
from storefront_api.catalog.mutations.base import in_default_channel
from storefront_api.catalog.types.translations import language_value
from storefront_api.content.errors import MenuError, TranslationError
from storefront_api.content.inputs import (
    MenuCreateInput,
    MenuInput,
    MenuItemCreateInput,
    MenuItemInput,
    NameTranslationInput,
)
from storefront_api.content.types import Menu, MenuItem, MenuItemTranslation
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal

_LINK_TYPES = (("category", "Category"), ("collection", "Collection"), ("page", "Page"))


def _not_found(field: str, what: str) -> ValidationError:
    return ValidationError({field: ValidationError(f"Couldn't find that {what}.", code="NOT_FOUND")})


class MenuMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_menu(cls, global_id: str, field: str = "id") -> MenuModel:
        menu = menu_by_id(cls.decode_id(global_id, only_type="Menu", field=field))
        if menu is None:
            raise _not_found(field, "menu")
        return menu

    @classmethod
    def get_item(cls, global_id: str, field: str = "id") -> MenuItemModel:
        item = menu_item_by_id(cls.decode_id(global_id, only_type="MenuItem", field=field))
        if item is None:
            raise _not_found(field, "menu item")
        return item

    @classmethod
    def link(cls, input: Any, *, field: str | None = None) -> MenuItemLink:
        """The item's link with its IDs decoded; an ID of the wrong type is INVALID_MENU_ITEM."""
        ids: dict[str, int | None] = {}
        for key, type_name in _LINK_TYPES:
            value = input.get(key)
            if not value:
                continue
            try:
                ids[f"{key}_id"] = cls.decode_id(value, only_type=type_name, field=field or key)
            except ValidationError as error:
                message = error.message_dict[field or key][0]
                raise ValidationError(
                    {field or key: ValidationError(message, code="INVALID_MENU_ITEM")}
                ) from None
        return MenuItemLink(url=input.get("url") or None, **ids)

    @staticmethod
    def has_link(input: Any) -> bool:
        return any(key in input for key in ("url", "category", "collection", "page"))


class MenuCreate(MenuMutation):
    menu = graphene.Field(Menu)

    class Arguments:
        input = MenuCreateInput(required=True, description="Fields required to create a menu.")

    class Meta:
        description = (
            f"Creates a new menu, with top-level items (each with a link; at most {MAX_ITEMS_PER_MENU})."
        )
        permissions = (PermissionEnum.MANAGE_MENUS,)
        error_type_class = MenuError

    @classmethod
    def perform_mutation(cls, root, info, input):
        items = input.get("items") or []
        if len(items) > MAX_ITEMS_PER_MENU:
            raise ValidationError(
                {
                    "items": ValidationError(
                        f"A menu holds at most {MAX_ITEMS_PER_MENU} items.", code="INVALID"
                    )
                }
            )
        menu = services.menu_create(
            actor=principal(info),
            name=input.get("name"),
            slug=input.get("slug"),
            items=[(item.get("name") or "", cls.link(item, field="items")) for item in items],
        )
        return cls.success(menu=in_default_channel(menu))


class MenuUpdate(MenuMutation):
    menu = graphene.Field(Menu)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a menu to update.")
        input = MenuInput(required=True, description="Fields required to update a menu.")

    class Meta:
        description = "Updates a menu's name or slug."
        permissions = (PermissionEnum.MANAGE_MENUS,)
        error_type_class = MenuError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        fields = {key: input[key] for key in ("name", "slug") if key in input}
        menu = services.menu_update(actor=principal(info), menu=cls.get_menu(id), **fields)
        return cls.success(menu=in_default_channel(menu))


class MenuDelete(MenuMutation):
    menu = graphene.Field(Menu)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a menu to delete.")

    class Meta:
        description = "Deletes a menu with all its items."
        permissions = (PermissionEnum.MANAGE_MENUS,)
        error_type_class = MenuError

    @classmethod
    def perform_mutation(cls, root, info, id):
        menu = cls.get_menu(id)
        pk = menu.pk
        services.menu_delete(actor=principal(info), menu=menu)
        menu.pk = pk
        return cls.success(menu=in_default_channel(menu))


class MenuItemCreate(MenuMutation):
    menu_item = graphene.Field(MenuItem)

    class Arguments:
        input = MenuItemCreateInput(required=True, description="Fields required to update a menu item.")

    class Meta:
        description = (
            "Creates a new menu item, last among its siblings. It links to at most one of a category, "
            "a collection, a page or a URL (TOO_MANY_MENU_ITEMS)."
        )
        permissions = (PermissionEnum.MANAGE_MENUS,)
        error_type_class = MenuError

    @classmethod
    def perform_mutation(cls, root, info, input):
        menu = cls.get_menu(input["menu"], field="menu")
        parent = cls.get_item(input["parent"], field="parent") if input.get("parent") else None
        item = services.menu_item_create(
            actor=principal(info), menu=menu, parent=parent, name=input.get("name"), link=cls.link(input)
        )
        return cls.success(menu_item=in_default_channel(item))


class MenuItemUpdate(MenuMutation):
    menu_item = graphene.Field(MenuItem)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a menu item to update.")
        input = MenuItemInput(required=True, description="Fields required to update a menu item.")

    class Meta:
        description = (
            "Updates a menu item. Giving any of url, category, collection or page replaces what the "
            "item points at."
        )
        permissions = (PermissionEnum.MANAGE_MENUS,)
        error_type_class = MenuError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        item = cls.get_item(id)
        fields: dict[str, Any] = {"name": input["name"]} if "name" in input else {}
        link = cls.link(input) if cls.has_link(input) else None
        item = services.menu_item_update(actor=principal(info), item=item, link=link, **fields)
        return cls.success(menu_item=in_default_channel(item))


class MenuItemDelete(MenuMutation):
    menu_item = graphene.Field(MenuItem)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a menu item to delete.")

    class Meta:
        description = "Deletes a menu item with the items under it."
        permissions = (PermissionEnum.MANAGE_MENUS,)
        error_type_class = MenuError

    @classmethod
    def perform_mutation(cls, root, info, id):
        item = cls.get_item(id)
        pk = item.pk
        services.menu_item_delete(actor=principal(info), item=item)
        item.pk = pk
        return cls.success(menu_item=in_default_channel(item))


class MenuItemTranslate(MenuMutation):
    menu_item = graphene.Field(MenuItem)
    translation = graphene.Field(MenuItemTranslation)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a menu item.")
        language_code = graphene.Argument(
            LanguageCodeEnum, required=True, description="Translation language code."
        )
        input = NameTranslationInput(required=True)

    class Meta:
        description = "Creates or updates a menu item's translation (Vietnamese is the base language)."
        permissions = (PermissionEnum.MANAGE_MENUS,)
        error_type_class = TranslationError

    @classmethod
    def perform_mutation(cls, root, info, id, language_code, input):
        item = cls.get_item(id)
        translation = services.menu_item_translate(
            actor=principal(info),
            item=item,
            language_code=language_value(language_code),
            name=input.get("name"),
        )
        return cls.success(menu_item=in_default_channel(item), translation=translation)
