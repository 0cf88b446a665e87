"""Content reads that encode who sees what: published pages for everyone, every page for
staff holding MANAGE_PAGES; menus are public."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from marketplace.accounts.actors import Actor
from marketplace.accounts.permissions import PermissionEnum, effective_permissions
from marketplace.content.models import Menu, MenuItem, Page, PageType


def can_manage_pages(actor: Actor) -> bool:
    return PermissionEnum.MANAGE_PAGES in effective_permissions(actor)


def can_manage_menus(actor: Actor) -> bool:
    return PermissionEnum.MANAGE_MENUS in effective_permissions(actor)


def published_pages() -> QuerySet[Page]:
    """Pages published now: ``isPublished`` and no future ``publishedAt`` (read at request
    time, so a scheduled page appears on time with no job running)."""
    return Page.objects.filter(
        Q(published_at__isnull=True) | Q(published_at__lte=timezone.now()), is_published=True
    )


def pages_visible_to(actor: Actor) -> QuerySet[Page]:
    """Published pages; every page (drafts and scheduled ones too) for MANAGE_PAGES."""
    return Page.objects.all() if can_manage_pages(actor) else published_pages()


def menus() -> QuerySet[Menu]:
    return Menu.objects.all()


def page_by_id(pk: int) -> Page | None:
    return Page.objects.filter(pk=pk).first()


def page_types() -> QuerySet[PageType]:
    return PageType.objects.all()


def page_type_by_id(pk: int) -> PageType | None:
    return PageType.objects.filter(pk=pk).first()


def menu_by_id(pk: int) -> Menu | None:
    return Menu.objects.filter(pk=pk).first()


def menu_item_by_id(pk: int) -> MenuItem | None:
    return MenuItem.objects.filter(pk=pk).first()
