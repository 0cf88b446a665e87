"""Writes of the Design Centre's featured collections, for curators (MANAGE_SHOWCASE).

Curators manage only the showcase's collections (listed nowhere but design-centre), list
them only in design-centre, and fill them only with products holding an APPROVED
submission. A collection scheduled with a future ``published_at`` becomes public at that
moment by the read-time rule of ``Collection.objects.published`` (no job).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.actors import Actor
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.catalog.backgrounds import (
    apply_background,
    background_update,
    clean_background_input,
    store_background,
)
from marketplace.catalog.cache import changes_catalog
from marketplace.catalog.models import (
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    CollectionTranslation,
    Product,
)
from marketplace.catalog.validation import clean_text, unique_slug
from marketplace.channels.models import Channel
from marketplace.core.edits import locked_edit
from marketplace.core.errors import field_error
from marketplace.core.richtext import rich_text_or_error
from marketplace.core.slugs import clean_translated_slug
from marketplace.core.uploads import discard, discard_after_commit
from marketplace.curation.error_codes import ShowcaseErrorCode
from marketplace.curation.selectors import approved_product_ids, curated_collections
from marketplace.thumbnails.services import thumbnails_release

MAX_PRODUCTS = 100


def _require_curator(actor: Actor) -> None:
    if not has_permissions(actor, [PermissionEnum.MANAGE_SHOWCASE]):
        raise PermissionDenied(_("You need the MANAGE_SHOWCASE permission."))


def curated_collection(collection_id: int) -> Collection:
    """The showcase collection with that pk, or NOT_FOUND on ``id``."""
    collection = curated_collections().filter(pk=collection_id).first()
    if collection is None:
        raise field_error("id", ShowcaseErrorCode.NOT_FOUND, _("Couldn't find that showcase collection."))
    return collection


def _description(value: Any) -> dict[str, Any] | None:
    """The cleaned EditorJS document (see ``marketplace.core.richtext``); INVALID if malformed."""
    return rich_text_or_error(value, field="description", code=ShowcaseErrorCode.INVALID.value).document


def _fields(data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if creating or data.get("name") is not None:
        fields["name"] = clean_text(data.get("name"), field="name", max_length=250, required=True)
    if "description" in data:
        fields["description"] = _description(data["description"])
    seo = data.get("seo") or {}
    for key, field, length in (("title", "seo_title", 255), ("description", "seo_description", 500)):
        if seo.get(key) is not None:
            fields[field] = clean_text(seo[key], field=field, max_length=length)
    return fields


@changes_catalog
def collection_create(*, actor: Actor, data: dict[str, Any]) -> Collection:
    """A showcase collection, unpublished in design-centre until its listing says otherwise."""
    _require_curator(actor)
    fields = _fields(data, creating=True)
    showcase = Channel.objects.get(slug=settings.SHOWCASE_CHANNEL_SLUG)
    with transaction.atomic():
        fields["slug"] = unique_slug(Collection, wanted=data.get("slug"), name=fields["name"], field="slug")
        collection = Collection.objects.create(**fields)
        CollectionChannelListing.objects.create(collection=collection, channel=showcase, is_published=False)
        audit.record(actor, AuditAction.COLLECTION_CREATE, collection, **_audited(fields))
    return collection


def _audited(fields: dict[str, Any]) -> dict[str, Any]:
    """A collection's plain fields for the audit log (its rich description said changed)."""
    return {k: v if isinstance(v, str | None) and k != "description" else "…" for k, v in fields.items()}


@changes_catalog
def collection_update(*, actor: Actor, collection: Collection, data: dict[str, Any]) -> Collection:
    """Name, slug, description, SEO and, as Saleor's collectionUpdate, ``background_image``
    (a file; None given explicitly removes the image) and ``background_image_alt``: all
    applied or none (the image is checked and stored first, outside the transaction)."""
    _require_curator(actor)
    fields = _fields(data, creating=False)
    image = data.get("background_image")
    remove = "background_image" in data and image is None
    alt = clean_background_input(image=image, alt=data.get("background_image_alt"), remove=remove)
    stored = store_background(kind="collection", image=image)
    try:
        with transaction.atomic():
            with locked_edit(collection):
                if data.get("slug"):
                    fields["slug"] = unique_slug(
                        Collection, wanted=data["slug"], name="", field="slug", exclude_pk=collection.pk
                    )
                old = {name: getattr(collection, name) for name in fields}
                for name, value in fields.items():
                    setattr(collection, name, value)
            details = audit.changes(_audited(old), _audited(fields))
            if stored is not None or remove:
                details["image"] = "removed" if remove else "replaced"
            audit.record(actor, AuditAction.COLLECTION_UPDATE, collection, **details)
            if stored is not None or remove or alt is not None:
                updated = apply_background(
                    obj=collection, kind="collection", name=stored, alt=alt, remove=remove
                )
                collection.background_image = updated.background_image
                collection.background_image_alt = updated.background_image_alt
    except BaseException:
        if stored is not None:
            discard(stored)
        raise
    return collection


@changes_catalog
def collection_background_update(
    *,
    actor: Actor,
    collection: Collection,
    image: "File[bytes] | None" = None,
    alt: str | None = None,
    remove: bool = False,
) -> Collection:
    """Replace (``image``) or remove (``remove``) the background image, and/or change its alt
    text (``marketplace.catalog.backgrounds``)."""
    _require_curator(actor)
    return background_update(
        actor=actor,
        action=AuditAction.COLLECTION_UPDATE,
        obj=collection,
        kind="collection",
        image=image,
        alt=alt,
        remove=remove,
    )


@changes_catalog
def collection_delete(*, actor: Actor, collection: Collection) -> None:
    """Deletes the collection (its products stay) and, after commit, its image files;
    NOT_FOUND when a concurrent call deleted it first."""
    _require_curator(actor)
    with transaction.atomic():
        locked = curated_collections().select_for_update().filter(pk=collection.pk).first()
        if locked is None:
            raise field_error("id", ShowcaseErrorCode.NOT_FOUND, _("Couldn't find that showcase collection."))
        names = thumbnails_release(kind="collection", object_id=locked.pk)
        if locked.background_image:
            names.append(locked.background_image.name)  # type: ignore[arg-type]
        audit.record(actor, AuditAction.COLLECTION_DELETE, locked, name=locked.name, slug=locked.slug)
        locked.delete()
        discard_after_commit(names)


@changes_catalog
def collection_add_products(*, actor: Actor, collection: Collection, product_ids: list[int]) -> Collection:
    """Append approved products (already present ones stay where they are)."""
    _require_curator(actor)
    wanted = list(dict.fromkeys(product_ids))
    if not wanted or len(wanted) > MAX_PRODUCTS:
        raise field_error(
            "products", ShowcaseErrorCode.INVALID, _("Give 1 to %(limit)s products."), limit=MAX_PRODUCTS
        )
    found = set(Product.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    if len(found) != len(wanted):
        raise field_error(
            "products",
            ShowcaseErrorCode.NOT_FOUND,
            _("Couldn't find some of these products."),
            products=sorted(set(wanted) - found),
        )
    approved = approved_product_ids(wanted)
    if approved != found:
        raise field_error(
            "products",
            ShowcaseErrorCode.PRODUCT_NOT_APPROVED,
            _("Only products with an approved showcase submission can be featured."),
            products=sorted(found - approved),
        )
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=collection.pk).first()
        present = set(collection.collection_products.values_list("product_id", flat=True))
        last = collection.collection_products.aggregate(last=Max("sort_order"))["last"]
        order = -1 if last is None else last
        added = [product_id for product_id in wanted if product_id not in present]
        for product_id in added:
            order += 1
            CollectionProduct.objects.create(collection=collection, product_id=product_id, sort_order=order)
        audit.record(actor, AuditAction.COLLECTION_UPDATE, collection, products_added=added)
    return collection


@changes_catalog
def collection_remove_products(*, actor: Actor, collection: Collection, product_ids: list[int]) -> Collection:
    _require_curator(actor)
    with transaction.atomic():
        removed = sorted(
            collection.collection_products.filter(product_id__in=product_ids).values_list(
                "product_id", flat=True
            )
        )
        collection.collection_products.filter(product_id__in=removed).delete()
        audit.record(actor, AuditAction.COLLECTION_UPDATE, collection, products_removed=removed)
    return collection


@changes_catalog
def collection_reorder_products(
    *, actor: Actor, collection: Collection, moves: list[tuple[int, int]]
) -> Collection:
    """Saleor's moves: each shifts a product by ``sort_order`` places (negative: earlier)."""
    _require_curator(actor)
    with transaction.atomic():
        rows = list(collection.collection_products.select_for_update().order_by("sort_order", "pk"))
        order = [row.product_id for row in rows]
        for product_id, shift in moves:
            if product_id not in order:
                raise field_error(
                    "moves", ShowcaseErrorCode.NOT_FOUND, _("A product to move is not in the collection.")
                )
            index = order.index(product_id)
            order.pop(index)
            order.insert(max(0, min(len(order), index + shift)), product_id)
        by_product = {row.product_id: row for row in rows}
        for position, product_id in enumerate(order):
            by_product[product_id].sort_order = position
        CollectionProduct.objects.bulk_update(rows, ["sort_order"])
        audit.record(actor, AuditAction.COLLECTION_UPDATE, collection, products_order=order)
    return collection


@dataclass(frozen=True)
class ChannelListingChange:
    channel_id: int
    is_published: bool | None  # None: unchanged (a new listing is unpublished)
    published_at: datetime.datetime | None = None


@changes_catalog
def collection_channel_listing_update(
    *,
    actor: Actor,
    collection: Collection,
    add_channels: list[ChannelListingChange],
    remove_channel_ids: list[int],
) -> Collection:
    """Publish, schedule or hide the collection in design-centre (no other channel)."""
    _require_curator(actor)
    showcase = Channel.objects.get(slug=settings.SHOWCASE_CHANNEL_SLUG)
    for field, ids in (
        ("add_channels", [c.channel_id for c in add_channels]),
        ("remove_channels", remove_channel_ids),
    ):
        if any(channel_id != showcase.pk for channel_id in ids):
            raise field_error(
                field,
                ShowcaseErrorCode.CHANNEL_NOT_ALLOWED,
                _("Showcase collections are listed only in %(channel)s."),
                channel=showcase.slug,
            )
    with transaction.atomic():
        before = (
            CollectionChannelListing.objects.select_for_update()
            .filter(collection=collection, channel=showcase)
            .values("is_published", "published_at")
            .first()
        )
        for change in add_channels:
            defaults: dict[str, Any] = {"published_at": change.published_at}
            if change.is_published is not None:
                defaults["is_published"] = change.is_published
            CollectionChannelListing.objects.update_or_create(
                collection=collection, channel=showcase, defaults=defaults
            )
        if remove_channel_ids:
            collection.channel_listings.filter(channel=showcase).delete()
        after = (
            CollectionChannelListing.objects.filter(collection=collection, channel=showcase)
            .values("is_published", "published_at")
            .first()
        )
        audit.record(
            actor,
            AuditAction.COLLECTION_PUBLISH,
            collection,
            channel=showcase.slug,
            old=before,
            new=after,
        )
    return collection


@changes_catalog
def collection_translate(
    *, actor: Actor, collection: Collection, language_code: str, data: dict[str, Any]
) -> CollectionTranslation:
    _require_curator(actor)
    if language_code == "vi":
        raise field_error(
            "language_code",
            ShowcaseErrorCode.INVALID,
            _("Vietnamese is the base language: update the collection."),
        )
    fields: dict[str, Any] = {}
    if data.get("name") is not None:
        fields["name"] = clean_text(data["name"], field="name", max_length=250)
    if "description" in data:
        fields["description"] = _description(data["description"])
    for field, length in (("seo_title", 255), ("seo_description", 500)):
        if data.get(field) is not None:
            fields[field] = clean_text(data[field], field=field, max_length=length)
    if "slug" in data:
        existing = CollectionTranslation.objects.filter(
            collection=collection, language_code=language_code
        ).first()
        fields["slug"] = clean_translated_slug(
            data["slug"],
            translations=CollectionTranslation.objects.all(),
            language_code=language_code,
            exclude_pk=existing.pk if existing else None,
            field="slug",
            invalid_code=ShowcaseErrorCode.INVALID.value,
            unique_code=ShowcaseErrorCode.UNIQUE.value,
        )
    try:
        with transaction.atomic():
            translation, _ignored = CollectionTranslation.objects.update_or_create(
                collection=collection, language_code=language_code, defaults=fields
            )
            audit.record(
                actor,
                AuditAction.COLLECTION_UPDATE,
                collection,
                translation=language_code,
                **_audited(fields),
            )
    except IntegrityError:  # a concurrent translation took the slug
        raise field_error(
            "slug", ShowcaseErrorCode.UNIQUE, _("Another translation in this language has this slug.")
        ) from None
    return translation
