"""Catalogue reads that encode the public visibility rules, and the product filters."""

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection, connections, router
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from marketplace.accounts.actors import Actor
from marketplace.catalog.managers import ProductQuerySet, listed_in
from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    CollectionProduct,
    ListedProductCount,
    PendingMediaUpload,
    Product,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.search import WordsStartWith
from marketplace.core.rows import preparing_cursor
from marketplace.core.text import fold, nfc, search_terms, word_start
from marketplace.inventory.models import Stock
from vendors.shops.policies import VendorAction, vendors_for


def visible_products(*, channel_id: int, in_listings: bool = True, actor: Actor = None) -> QuerySet[Product]:
    """Products the public may see in a channel (``in_listings``: also listed, not just reachable).

    With an ``actor``, also every product of the shops it may read (its own shop's drafts
    for a member; all products for staff with MANAGE_PRODUCTS), whatever their status.
    """
    return visible_products_and_scope(channel_id=channel_id, in_listings=in_listings, actor=actor)[0]


def visible_products_and_scope(
    *, channel_id: int, in_listings: bool = True, actor: Actor = None
) -> tuple[QuerySet[Product], bool]:
    """``visible_products`` and whether they are only the public ones (the actor reads no
    shop's own products), which is when ``listed_count`` counts them."""
    if reads_as_public(actor):
        return public_products(channel_id=channel_id, in_listings=in_listings), True
    return member_products(channel_id=channel_id, in_listings=in_listings, actor=actor), False


def member_products(*, channel_id: int, in_listings: bool = True, actor: Actor) -> QuerySet[Product]:
    """What a member of shops sees: the public's products and all of its shops' own."""
    public = public_products(channel_id=channel_id, in_listings=in_listings)
    own = vendors_for(actor, VendorAction.VIEW_PRODUCTS)
    return _products().filter(Q(pk__in=public.values("pk")) | Q(vendor__in=own))


def _products() -> ProductQuerySet:
    return Product.objects.defer("search_document", "description_plaintext")


def public_products(
    *, channel_id: int, in_listings: bool = True, now: datetime | None = None
) -> QuerySet[Product]:
    """The products the public sees in a channel (at ``now``, by default the present): listed
    there (``in_listings``) or published."""
    qs = _products()
    return qs.visible_in_listings(channel_id, now) if in_listings else qs.published(channel_id, now)


def reads_as_public(actor: Actor) -> bool:
    """Whether ``actor`` sees only what the public sees of the products (no shop's own ones)."""
    return actor is None or not vendors_for(actor, VendorAction.VIEW_PRODUCTS).exists()


def listed_count(*, channel_id: int) -> int:
    """How many products the public sees listed in a channel: the ``totalCount`` of an
    unfiltered product list. On PostgreSQL, the channel's rows of ``ListedProductCount`` (kept
    by triggers on every listing write, migration catalog 0012) minus its listings whose
    publication is still to come (a range of the partial index ``listing_listed``): one query
    whose cost does not grow with the catalogue. Elsewhere, the listings counted."""
    database = connections[router.db_for_read(ListedProductCount)]  # a replica, for a routed read
    if database.vendor != "postgresql":
        return listed_in(channel_id, visible_in_listings=True).count()
    with preparing_cursor(database) as cursor:
        cursor.execute(_LISTED_COUNT, {"channel": channel_id, "now": timezone.now()})
        (count,) = cursor.fetchone()
    return int(count)


_LISTED_COUNT = """
SELECT COALESCE((SELECT sum(listed) FROM catalog_listedproductcount WHERE channel_id = %(channel)s), 0)
     - (SELECT count(*) FROM catalog_productchannellisting
        WHERE channel_id = %(channel)s AND published_at > %(now)s AND is_published AND visible_in_listings
          AND vendor_active AND discounted_price_amount IS NOT NULL)
"""


def visible_variants(*, channel_id: int, actor: Actor = None) -> QuerySet[ProductVariant]:
    """Variants priced in the channel of products the caller may see there (its own shop's
    drafts too, with an ``actor``: see ``visible_products``)."""
    products = visible_products(channel_id=channel_id, in_listings=False, actor=actor)
    return ProductVariant.objects.filter(product__in=products).available_in_channel(channel_id)


def visible_collections(*, channel_id: int) -> QuerySet[Collection]:
    return Collection.objects.published(channel_id)


def filter_published(qs: QuerySet[Product], *, channel_id: int, published: bool) -> QuerySet[Product]:
    published_ids = Product.objects.published(channel_id).values("pk")
    return qs.filter(pk__in=published_ids) if published else qs.exclude(pk__in=published_ids)


def category_descendant_ids(category_ids: Iterable[int]) -> list[int]:
    """The given categories and every category below them (the tree is shallow and small)."""
    wanted = set(category_ids)
    if not wanted:
        return []
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, frontier = set(), list(wanted)
    while frontier:
        pk = frontier.pop()
        if pk in found:
            continue
        found.add(pk)
        frontier.extend(children.get(pk, []))
    return sorted(found)


def filter_products(
    qs: QuerySet[Product],
    *,
    channel_id: int,
    ids: list[int] | None = None,
    slugs: list[str] | None = None,
    category_ids: list[int] | None = None,
    collection_ids: list[int] | None = None,
    product_type_ids: list[int] | None = None,
    vendor_ids: list[int] | None = None,
    village_ids: list[int] | None = None,
    price_gte: Decimal | None = None,
    price_lte: Decimal | None = None,
    in_stock: bool | None = None,
) -> QuerySet[Product]:
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    if slugs is not None:
        qs = qs.filter(slug__in=slugs)
    if category_ids is not None:
        qs = qs.filter(category_id__in=category_descendant_ids(category_ids))
    if collection_ids is not None:
        members = CollectionProduct.objects.filter(
            product_id=OuterRef("pk"),
            collection__in=visible_collections(channel_id=channel_id),
            collection_id__in=collection_ids,
        )
        qs = qs.filter(Exists(members))
    if product_type_ids is not None:
        qs = qs.filter(product_type_id__in=product_type_ids)
    if vendor_ids is not None:
        qs = qs.filter(vendor_id__in=vendor_ids)
    if village_ids is not None:
        qs = qs.filter(vendor__village_id__in=village_ids)
    if price_gte is not None or price_lte is not None:
        prices = ProductVariantChannelListing.objects.filter(
            variant__product_id=OuterRef("pk"), channel_id=channel_id
        )
        if price_gte is not None:
            prices = prices.filter(price_amount__gte=price_gte)
        if price_lte is not None:
            prices = prices.filter(price_amount__lte=price_lte)
        qs = qs.filter(Exists(prices))
    if in_stock is not None:
        stocked = Stock.objects.filter(
            product_variant__product_id=OuterRef("pk"),
            product_variant__channel_listings__channel_id=channel_id,
            quantity__gt=F("quantity_allocated"),
        )
        qs = qs.filter(Exists(stocked)) if in_stock else qs.exclude(Exists(stocked))
    return qs


def search_products(qs: QuerySet[Product], query: str, *, max_length: int) -> QuerySet[Product]:
    """Accent- and case-insensitive search: every word must start a word of the product's
    search text. ``search_rank`` is about the name only, in tiers: 8 when the name is the
    whole query, 4 when it contains the whole phrase, 2 when it contains every word, 1 when
    it contains some word; summed (15, 7, 3, 1), 0 for a product matched only elsewhere.
    ``top_search_ids`` relies on the two lowest tiers each having a single value."""
    terms = search_terms(query, max_length=max_length)
    if not terms:
        return qs.annotate(search_rank=Value(0, output_field=IntegerField()))
    if connection.vendor == "postgresql":
        # One full-text condition, answered by the GIN index ``product_search_words``. The
        # name's words are among the text's (the text starts with the name), so "or in the
        # name" changes no answer; it lets PostgreSQL find the matches with every word in
        # the name (``top_search_ids``) off the name's small index alone, without
        # intersecting them with all the text's matches.
        qs = qs.filter(WordsStartWith("search_document", terms) | WordsStartWith("search_name", terms))
    else:  # SQLite (the demo): the same word-start matches as LIKE patterns
        qs = qs.filter(_document_has_words(terms))
    phrase = word_start(fold(nfc(query))[:max_length])
    every = Q()
    some = Q()
    for term in terms:
        every &= Q(search_name__contains=word_start(term))
        some |= Q(search_name__contains=word_start(term))
    tiers = [(Q(search_name=phrase), 8), (Q(search_name__contains=phrase), 4), (every, 2), (some, 1)]
    rank: Any = Value(0, output_field=IntegerField())
    for condition, points in tiers:
        rank = rank + Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())
    return qs.annotate(search_rank=rank)


def _document_has_words(terms: list[str]) -> Q:
    """The LIKE form of the word match (``LIKE '% bat%' AND LIKE '% trang%'``)."""
    condition = Q()
    for term in terms:
        condition &= Q(search_document__contains=word_start(term))
    return condition


def top_search_ids(
    qs: QuerySet[Product], query: str, *, max_length: int, ordering: list[str], limit: int
) -> list[int]:
    """The primary keys of ``top_search_ranks``."""
    return [
        pk for pk, _ in top_search_ranks(qs, query, max_length=max_length, ordering=ordering, limit=limit)
    ]


def top_search_ranks(
    qs: QuerySet[Product], query: str, *, max_length: int, ordering: list[str], limit: int
) -> list[tuple[int, int]]:
    """``(primary key, search_rank)`` of the first ``limit`` products of ``qs``
    (``search_products``' matches, any keyset condition applied) in ``ordering``
    (``search_rank``, then ``pk``, in either direction), without ranking every match.

    On PostgreSQL the matches split in three, each read in the page's order up to ``limit``
    rows, in one query (``UNION ALL``): those with every query word in the name (found by
    the name's GIN index ``product_search_name_words``; few, ranked and sorted top-N); those
    with some but not every word in the name (rank 1) and those with none (rank 0), both
    in primary key order: PostgreSQL walks the primary key index and stops after ``limit``
    matches (checking each row's stored words), or for a rare word reads the few matches
    off the GIN indexes. The page is the first ``limit`` rows of the three."""
    terms = search_terms(query, max_length=max_length)
    if not terms or connection.vendor != "postgresql":
        ranked = qs.order_by(*ordering).values_list("search_rank", "pk")[:limit]  # type: ignore[misc]
        return [(pk, rank) for rank, pk in ranked]
    every = WordsStartWith("search_name", terms)
    some = WordsStartWith("search_name", terms, any_term=True)
    none = WordsStartWith("search_name", terms, any_term=True, negated=True)
    by_pk = ordering[-1]
    # The two lowest tiers' rank is a constant (1 and 0): selected as such, it is neither
    # compiled nor computed for them.
    integer = IntegerField()
    first = qs.filter(every).order_by(*ordering).values_list("search_rank", "pk")[:limit]  # type: ignore[misc]
    others = []
    if len(terms) > 1:  # with one word, "some" is "every"
        not_every = WordsStartWith("search_name", terms, negated=True)
        some_only = qs.filter(some, not_every).order_by(by_pk)
        others.append(some_only.values_list(Value(1, output_field=integer), "pk")[:limit])
    others.append(qs.filter(none).order_by(by_pk).values_list(Value(0, output_field=integer), "pk")[:limit])
    rows = list(first.union(*others, all=True))
    rows.sort(reverse=by_pk.startswith("-"))
    return [(pk, rank) for rank, pk in rows[:limit]]


# The orders a category's products can be read in off ``product_category_name_order``.
_CATEGORY_INDEX_ORDERINGS = (["search_name", "slug", "pk"], ["-search_name", "-slug", "-pk"])
# Stands for each category's id in the SQL of one category's part (no category has it).
_CATEGORY = -7_391_204_587
# More categories than this (a tree staff could grow): the plain query, not a union this long.
MAX_CATEGORY_PARTS = 64


def top_in_categories(
    qs: QuerySet[Product], category_ids: list[int], *, ordering: list[str], limit: int
) -> list[int] | None:
    """The primary keys of the first ``limit`` products of ``qs`` (products of the given
    categories, any keyset condition applied) in the name ``ordering``, read category by
    category; None where that does not apply (another order, one category or more than
    ``MAX_CATEGORY_PARTS``, not PostgreSQL).

    A parent category's page is its subcategories' products in name order: with the
    categories as an ``IN`` list PostgreSQL walks the catalogue's name index skipping every
    other category's products (over 100 ms at 100,000 products). Each category's first
    ``limit`` rows are read off ``product_category_name_order`` instead, in one query
    (``UNION ALL`` of one part per category, merged in the same order), and the page is the
    first ``limit`` of them. The part is compiled once, for a stand-in category, and repeated
    with each category's id (the ORM's union compiles each part: 1.5 ms per category)."""
    if not 2 <= len(category_ids) <= MAX_CATEGORY_PARTS or ordering not in _CATEGORY_INDEX_ORDERINGS:
        return None
    connection = connections[qs.db]
    if connection.vendor != "postgresql":
        return None
    part = qs.filter(category_id=_CATEGORY).order_by(*ordering).values_list("search_name", "slug", "pk")
    sql, params = part[:limit].query.get_compiler(using=qs.db).as_sql()
    slots = [i for i, param in enumerate(params) if type(param) is int and param == _CATEGORY]
    if len(slots) != 1:  # not where expected: the ORM's own union
        first, *others = (
            qs.filter(category_id=pk).order_by(*ordering).values_list("search_name", "slug", "pk")[:limit]
            for pk in category_ids
        )
        return [row[-1] for row in first.union(*others, all=True).order_by(*ordering)[:limit]]
    direction = "DESC" if ordering[0].startswith("-") else "ASC"
    union_params: list[Any] = []
    for pk in category_ids:
        values = list(params)
        values[slots[0]] = pk
        union_params += values
    union = " UNION ALL ".join([f"({sql})"] * len(category_ids))
    query = f"{union} ORDER BY 1 {direction}, 2 {direction}, 3 {direction} LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(query, [*union_params, limit])
        return [row[-1] for row in cursor.fetchall()]


def collection_products(*, collection_id: int, channel_id: int) -> QuerySet[Product]:
    """The collection's public products with ``collection_sort_order`` for COLLECTION sorting."""
    return (
        visible_products(channel_id=channel_id)
        .filter(collection_products__collection_id=collection_id)
        .annotate(collection_sort_order=F("collection_products__sort_order"))
    )


def product_by_id(pk: int) -> Product | None:
    """A product to act on (any status: the service checks who may), with its shop and type."""
    return Product.objects.select_related("vendor", "product_type").filter(pk=pk).first()


def variant_by_id(pk: int) -> ProductVariant | None:
    variants = ProductVariant.objects.select_related("product__vendor", "product__product_type")
    return variants.filter(pk=pk).first()


def media_by_id(pk: int) -> ProductMedia | None:
    return ProductMedia.objects.select_related("product__vendor").filter(pk=pk).first()


def pending_upload_by_id(pk: Any) -> PendingMediaUpload | None:
    return PendingMediaUpload.objects.select_related("product__vendor").filter(pk=pk).first()


def categories() -> QuerySet[Category]:
    return Category.objects.all()


def category_by_id(pk: int) -> Category | None:
    return Category.objects.filter(pk=pk).first()


def product_types() -> QuerySet[ProductType]:
    return ProductType.objects.all()


def product_type_by_id(pk: int) -> ProductType | None:
    return ProductType.objects.filter(pk=pk).first()


def attributes() -> QuerySet[Attribute]:
    return Attribute.objects.all()


def attribute_by_id(pk: int) -> Attribute | None:
    return Attribute.objects.filter(pk=pk).first()


def attribute_by_slug(slug: str) -> Attribute | None:
    return Attribute.objects.filter(slug=slug).first()


def attribute_value_by_id(pk: int) -> AttributeValue | None:
    return AttributeValue.objects.select_related("attribute").filter(pk=pk).first()
