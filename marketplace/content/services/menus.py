"""Every write to menus: staff (or apps) holding MANAGE_MENUS only. A refused call changes
nothing. An item links to at most one of a category, a collection, a page or a URL."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.catalog.models import Category, Collection
from marketplace.content.error_codes import MenuErrorCode, TranslationErrorCode
from marketplace.content.models import MAX_MENU_DEPTH, Menu, MenuItem, MenuItemTranslation, Page
from marketplace.content.selectors import can_manage_menus
from marketplace.core.errors import field_error
from marketplace.core.richtext import InvalidRichText, absolute_http_url
from marketplace.core.slugs import base_language
from marketplace.core.text import nfc, slugify_vi

MAX_ITEMS_PER_MENU = 200
UNSET: Any = object()


@dataclass(frozen=True)
class MenuItemLink:
    """What an item points at; primary keys as decoded from the input's global IDs."""

    url: str | None = None
    category_id: int | None = None
    collection_id: int | None = None
    page_id: int | None = None


_NOT_FOUND = {
    "category": _("Couldn't find that category."),
    "collection": _("Couldn't find that collection."),
    "page": _("Couldn't find that page."),
}


def _require_manager(actor: Actor) -> None:
    if not can_manage_menus(actor):
        raise PermissionDenied(_("You need the MANAGE_MENUS permission."))


def _name(value: str | None, *, field: str = "name", max_length: int = 128) -> str:
    name = nfc(value or "").strip()
    if not name:
        raise field_error(field, MenuErrorCode.REQUIRED, _("A name is required."))
    if len(name) > max_length:
        raise field_error(field, MenuErrorCode.INVALID, _("At most %(limit)s characters."), limit=max_length)
    return name


def _menu_slug(wanted: str | None, *, name: str, menu_id: int | None) -> str:
    if wanted:
        slug = slugify_vi(wanted)[:255]
        if not slug:
            raise field_error("slug", MenuErrorCode.INVALID, _("A slug needs letters or digits."))
        if Menu.objects.filter(slug=slug).exclude(pk=menu_id).exists():  # type: ignore[misc]
            raise field_error("slug", MenuErrorCode.UNIQUE, _("Another menu already uses this slug."))
        return slug
    base = slugify_vi(name)[:240] or "menu"
    slug, index = base, 2
    while Menu.objects.filter(slug=slug).exclude(pk=menu_id).exists():  # type: ignore[misc]
        slug, index = f"{base}-{index}", index + 1
    return slug


def _link_fields(link: MenuItemLink, *, field_prefix: str = "") -> dict[str, Any]:
    """The item's link columns, every target checked; TOO_MANY_MENU_ITEMS for two links."""
    given = [name for name in ("url", "category_id", "collection_id", "page_id") if getattr(link, name)]
    if len(given) > 1:
        raise field_error(
            field_prefix or None, MenuErrorCode.TOO_MANY_MENU_ITEMS, _("More than one item provided.")
        )
    fields: dict[str, Any] = {"url": "", "category": None, "collection": None, "page": None}
    for attr, model, key in (
        ("category_id", Category, "category"),
        ("collection_id", Collection, "collection"),
        ("page_id", Page, "page"),
    ):
        pk = getattr(link, attr)
        if pk:
            target = model._default_manager.filter(pk=pk).first()
            if target is None:
                raise field_error(field_prefix or key, MenuErrorCode.NOT_FOUND, _NOT_FOUND[key])
            fields[key] = target
    if link.url:
        try:
            url = absolute_http_url(link.url, "url")
        except InvalidRichText as exc:
            raise exc.as_field_error(field_prefix or "url", MenuErrorCode.INVALID) from None
        if len(url) > 256:
            raise field_error(
                field_prefix or "url", MenuErrorCode.INVALID, _("At most %(limit)s characters."), limit=256
            )
        fields["url"] = url
    return fields


def _check_room(menu: Menu, adding: int) -> None:
    if menu.pk and menu.items.count() + adding > MAX_ITEMS_PER_MENU:
        raise field_error(
            None, MenuErrorCode.INVALID, _("A menu holds at most %(limit)s items."), limit=MAX_ITEMS_PER_MENU
        )


# ---------------------------------------------------------------- menus


def menu_create(
    *,
    actor: Actor,
    name: str | None,
    slug: str | None = None,
    items: list[tuple[str, MenuItemLink]] = (),  # type: ignore[assignment]
) -> Menu:
    """A menu with optional top-level ``items`` (name, link) in order; each item needs a link
    (``NO_MENU_ITEM_PROVIDED``), as in Saleor's ``menuCreate``."""
    _require_manager(actor)
    menu = Menu(name=_name(name, max_length=250))
    menu.slug = _menu_slug(slug, name=menu.name, menu_id=None)
    if len(items) > MAX_ITEMS_PER_MENU:
        raise field_error(
            "items",
            MenuErrorCode.INVALID,
            _("A menu holds at most %(limit)s items."),
            limit=MAX_ITEMS_PER_MENU,
        )
    rows = []
    for position, (item_name, link) in enumerate(items):
        fields = _link_fields(link, field_prefix="items")
        if not any(fields.values()):
            raise field_error("items", MenuErrorCode.NO_MENU_ITEM_PROVIDED, _("No menu item provided."))
        rows.append(MenuItem(name=_name(item_name, field="items"), sort_order=position, **fields))
    try:
        with transaction.atomic():
            menu.save()
            for row in rows:
                row.menu = menu
            MenuItem.objects.bulk_create(rows)
    except IntegrityError:
        raise field_error("slug", MenuErrorCode.UNIQUE, _("Another menu already uses this slug.")) from None
    return menu


def menu_update(*, actor: Actor, menu: Menu, name: Any = UNSET, slug: Any = UNSET) -> Menu:
    _require_manager(actor)
    if name is not UNSET:
        menu.name = _name(name, max_length=250)
    if slug not in (UNSET, None, ""):
        menu.slug = _menu_slug(slug, name=menu.name, menu_id=menu.pk)
    try:
        with transaction.atomic():
            menu.save()
    except IntegrityError:
        raise field_error("slug", MenuErrorCode.UNIQUE, _("Another menu already uses this slug.")) from None
    return menu


def menu_delete(*, actor: Actor, menu: Menu) -> None:
    """Delete the menu with all its items."""
    _require_manager(actor)
    with transaction.atomic():
        menu.delete()


# ---------------------------------------------------------------- items


def menu_item_create(
    *, actor: Actor, menu: Menu, parent: MenuItem | None, name: str | None, link: MenuItemLink
) -> MenuItem:
    """A new item, last among its siblings, under ``parent`` (an item of the same menu, at
    most ``MAX_MENU_DEPTH`` levels deep)."""
    _require_manager(actor)
    item_name = _name(name)
    if parent is not None:
        if parent.menu_id != menu.pk:
            raise field_error(
                "parent", MenuErrorCode.CANNOT_ASSIGN_NODE, _("The parent belongs to another menu.")
            )
        if parent.level + 1 >= MAX_MENU_DEPTH:
            raise field_error(
                "parent",
                MenuErrorCode.CANNOT_ASSIGN_NODE,
                _("Menus are at most %(limit)s levels deep."),
                limit=MAX_MENU_DEPTH,
            )
    fields = _link_fields(link)
    with transaction.atomic():
        Menu.objects.select_for_update().filter(pk=menu.pk).first()  # one writer per menu at a time
        _check_room(menu, 1)
        last = MenuItem.objects.filter(menu=menu, parent=parent).aggregate(last=Max("sort_order"))["last"]
        item = MenuItem.objects.create(
            menu=menu,
            parent=parent,
            level=0 if parent is None else parent.level + 1,
            name=item_name,
            sort_order=0 if last is None else last + 1,
            **fields,
        )
    return item


def menu_item_update(
    *, actor: Actor, item: MenuItem, name: Any = UNSET, link: MenuItemLink | None = None
) -> MenuItem:
    """Rename the item and, when ``link`` is given, replace what it points at."""
    _require_manager(actor)
    if name is not UNSET:
        item.name = _name(name)
    if link is not None:
        for key, value in _link_fields(link).items():
            setattr(item, key, value)
    with transaction.atomic():
        item.save()
    return item


def menu_item_delete(*, actor: Actor, item: MenuItem) -> None:
    """Delete the item with the items under it."""
    _require_manager(actor)
    with transaction.atomic():
        item.delete()


def menu_item_translate(
    *, actor: Actor, item: MenuItem, language_code: str, name: str | None
) -> MenuItemTranslation:
    _require_manager(actor)
    if language_code == base_language():
        raise field_error(
            "language_code",
            TranslationErrorCode.INVALID,
            _("Vietnamese is the base language: update the menu item."),
        )
    text = nfc(name or "").strip()
    if not text:
        raise field_error("name", TranslationErrorCode.REQUIRED, _("A name is required."))
    if len(text) > 128:
        raise field_error("name", TranslationErrorCode.INVALID, _("At most %(limit)s characters."), limit=128)
    with transaction.atomic():
        translation, _ignored = MenuItemTranslation.objects.update_or_create(
            menu_item=item, language_code=language_code, defaults={"name": text}
        )
    return translation
