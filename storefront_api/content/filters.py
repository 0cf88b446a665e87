"""Page filtering (``filter``, ``where``, ``search``) and sorting, in Saleor's shape."""

from typing import Any

import graphene
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from marketplace.catalog.models import AttributeValue
from marketplace.catalog.product_where import attribute_value_condition
from marketplace.content.models import AssignedPageAttributeValue, PageTranslation
from marketplace.core.text import fold, nfc
from storefront_api.catalog.filters import check_search
from storefront_api.catalog.where import AssignedAttributeValueInput, parse_assigned_value
from storefront_api.core.enums import OrderDirection
from storefront_api.core.ids import decode_ids
from storefront_api.core.pagination import SortKey
from storefront_api.core.where import (
    GlobalIDFilterInput,
    StringFilterInput,
    check_list,
    decoded_ids,
    where_condition,
    where_error,
)

NOTHING = Q(pk__in=[])


class PageFilterInput(graphene.InputObjectType):
    search = graphene.String()
    page_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class AssignedAttributeWhereInput(graphene.InputObjectType):
    slug = graphene.String(description="Filter by attribute slug.")
    value = graphene.InputField(
        AssignedAttributeValueInput,
        description="Filter by value of the attribute. Only one value input field is allowed.",
    )


class PageWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slug = graphene.InputField(StringFilterInput, description="Filter by page slug (the primary slug).")
    page_type = graphene.InputField(GlobalIDFilterInput, description="Filter by page type.")
    attributes = graphene.List(
        graphene.NonNull(AssignedAttributeWhereInput),
        description="Filter by attributes associated with the page.",
    )
    AND = graphene.List(
        graphene.NonNull(lambda: PageWhereInput), description="List of conditions that must be met."
    )
    OR = graphene.List(
        graphene.NonNull(lambda: PageWhereInput),
        description="A list of conditions of which at least one must be met.",
    )


class PageSortField(graphene.Enum):
    TITLE = "TITLE"
    SLUG = "SLUG"
    VISIBILITY = "VISIBILITY"
    CREATION_DATE = "CREATION_DATE"
    PUBLICATION_DATE = "PUBLICATION_DATE"
    PUBLISHED_AT = "PUBLISHED_AT"
    CREATED_AT = "CREATED_AT"


class PageSortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirection, required=True, description="Specifies the direction.")
    field = graphene.Argument(PageSortField, required=True, description="Sort pages by the selected field.")


def _values(value: Any) -> Any:
    return getattr(value, "value", value)


def _page_attributes(items: list[dict[str, Any]] | None) -> Q:
    """Each listed attribute has a matching value assigned to the page (AND)."""
    if not items:
        return NOTHING
    check_list(items, name="attributes")
    condition = Q()
    for index, item in enumerate(items):
        parsed = dict(item)
        if parsed.get("value") is not None:
            parsed["value"] = parse_assigned_value(dict(parsed["value"]), index)
        values = attribute_value_condition(parsed)
        if values is NOTHING:
            return NOTHING
        assigned = AssignedPageAttributeValue.objects.filter(
            page_id=OuterRef("pk"), value__in=AttributeValue.objects.filter(values)
        )
        condition &= Q(Exists(assigned))
    return condition


def _page_leaf(field: str, value: Any) -> Q:
    if field == "ids":
        return Q(pk__in=decode_ids(value, only_type="Page")) if value else NOTHING
    if field == "slug":
        if not value:
            return NOTHING
        if value.get("eq") is not None:
            return Q(slug=value["eq"])
        return Q(slug__in=check_list(value["one_of"], name="slug.oneOf")) if value.get("one_of") else NOTHING
    if field == "page_type":
        ids = decoded_ids(value, only_type="PageType", name="pageType") or {}
        pks = [ids["eq"]] if ids.get("eq") is not None else ids.get("one_of") or []
        return Q(page_type_id__in=pks) if pks else NOTHING
    if field == "attributes":
        return _page_attributes(value)
    raise where_error(f"Unknown field {field}.")  # pragma: no cover (the schema validates names)


def filter_pages(
    qs: QuerySet, *, filter: dict[str, Any] | None, where: dict[str, Any] | None, search: str | None
) -> QuerySet:
    """Saleor's rules: ``filter`` or ``where`` (not both); ``search`` overrides ``filter.search``."""
    if (
        filter
        and where
        and any(v is not None for v in filter.values())
        and any(v is not None for v in where.values())
    ):
        raise where_error("Only one filtering argument (filter or where) can be specified.")
    filter = filter or {}
    if filter.get("ids") is not None:
        qs = qs.filter(pk__in=decode_ids(filter["ids"], only_type="Page"))
    if filter.get("page_types") is not None:
        qs = qs.filter(page_type_id__in=decode_ids(filter["page_types"], only_type="PageType"))
    if filter.get("slugs") is not None:
        qs = qs.filter(slug__in=[s[:255] for s in check_list(filter["slugs"], name="slugs") or []])
    if where:
        qs = qs.filter(where_condition(where, leaf=_page_leaf))
    text = check_search(search if search is not None else filter.get("search"))
    if text:
        # Page slugs are the folded titles, so folded words match them (as categories do).
        for word in fold(nfc(text)).split()[:8]:
            translated = PageTranslation.objects.filter(page_id=OuterRef("pk"), slug__icontains=word)
            qs = qs.filter(Q(slug__contains=word) | Q(Exists(translated)))
    return qs


def sort_pages(qs: QuerySet, sort_by: dict[str, Any] | None) -> tuple[QuerySet, list[SortKey]]:
    if not sort_by:
        return qs, [SortKey("slug")]
    field = _values(sort_by.get("field"))
    descending = _values(sort_by.get("direction")) == "DESC"
    if field == "TITLE":
        return qs, [SortKey("title", descending), SortKey("slug", descending)]
    if field == "VISIBILITY":
        return qs, [SortKey("is_published", descending), SortKey("slug", descending)]
    if field in ("CREATION_DATE", "CREATED_AT"):
        return qs, [SortKey("created_at", descending)]
    if field in ("PUBLICATION_DATE", "PUBLISHED_AT"):
        qs = qs.annotate(sort_published_at=Coalesce("published_at", "created_at"))
        return qs, [SortKey("sort_published_at", descending)]
    return qs, [SortKey("slug", descending)]
