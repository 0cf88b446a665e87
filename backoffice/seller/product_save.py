"""Saving the one product form: the catalogue services, called in order with the signed-in
member as the actor, inside one transaction — the product, its English name and
description, its default-channel listing, then each variant with its price and stock. A
refusal anywhere rolls everything back (each service's own transaction is a savepoint of
this one), so a half-saved product never exists; side effects (thumbnails, search
documents) still run after the commit, as the services queue them.

No rule lives here: it only turns the form into the services' inputs and tells the form
which variant row a refusal was about."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from backoffice.editorjs import text_to_editorjs
from marketplace.accounts.actors import Actor
from marketplace.catalog.models import Product, ProductVariant, ProductVariantChannelListing
from marketplace.catalog.services.listings import (
    product_channel_listing_update,
    variant_channel_listing_update,
)
from marketplace.catalog.services.products import product_create, product_translate, product_update
from marketplace.catalog.services.variants import (
    variant_create,
    variant_delete,
    variant_stocks_update,
    variant_update,
)
from marketplace.channels.models import Channel
from marketplace.inventory.models import Warehouse


def _for_row(error: ValidationError, index: int) -> ValidationError:
    error.variant_row = index  # type: ignore[attr-defined]
    return error


def _renamed(error: ValidationError, mapping: dict[str, str]) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({mapping.get(k, k): v for k, v in error.error_dict.items()})


def default_channel() -> Channel:
    return Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)


def workshop_of(product: Product) -> Warehouse | None:
    """Where the form's stock lives: the shop's first warehouse (its workshop)."""
    return Warehouse.objects.filter(vendor_id=product.vendor_id).order_by("pk").first()


def save_product(*, actor: Actor, vendor_id: int, product: Product | None, editor: Any) -> Product:
    form = editor.form
    data = form.cleaned_data
    fields: dict[str, Any] = {
        "name": data["name"],
        "category_id": data.get("category") or None,
        "description": text_to_editorjs(data.get("description") or ""),
        "attributes": form.attribute_inputs(),
    }
    if data.get("weight_grams"):
        fields["weight_grams"] = data["weight_grams"]
    channel = default_channel()
    with transaction.atomic():
        if product is None:
            product = product_create(
                actor=actor,
                data={**fields, "vendor_id": vendor_id, "product_type_id": form.product_type.pk},
            )
            product_channel_listing_update(
                actor=actor,
                product=product,
                update=[{"channel_id": channel.pk, "is_published": False, "is_available_for_purchase": True}],
                remove=[],
            )
        else:
            product = product_update(actor=actor, product=product, data=fields)
        english = {
            "name": data.get("name_en") or "",
            "description": text_to_editorjs(data.get("description_en") or ""),
        }
        if (
            english["name"]
            or english["description"]
            or product.translations.filter(language_code="en").exists()
        ):
            try:
                product_translate(actor=actor, product=product, language_code="en", data=english)
            except ValidationError as error:
                mapping = {"name": "name_en", "description": "description_en", "slug": "name_en"}
                raise _renamed(error, mapping) from None
        _save_variants(actor=actor, product=product, editor=editor, channel=channel)
    return product


def _save_variants(*, actor: Actor, product: Product, editor: Any, channel: Channel) -> None:
    existing = {
        v.pk: v for v in ProductVariant.objects.filter(product=product).select_related("product__vendor")
    }
    for variant_id in editor.deleted_variant_ids():
        if variant_id in existing:
            variant_delete(actor=actor, variant=existing.pop(variant_id))
    warehouse = workshop_of(product)
    for index, row in editor.kept_variants():
        stocks = [{"warehouse_id": warehouse.pk, "quantity": row["stock"]}] if warehouse else []
        values = {"name": row.get("name") or "", "sku": row.get("sku") or ""}
        try:
            variant = existing.get(row.get("id") or 0)
            if variant is None:
                variant = variant_create(actor=actor, product=product, data={**values, "stocks": stocks})
            else:
                variant = variant_update(actor=actor, variant=variant, data=values)
                if stocks:
                    variant_stocks_update(actor=actor, variant=variant, stocks=stocks)
            variant_channel_listing_update(
                actor=actor, variant=variant, prices=[{"channel_id": channel.pk, "price": row["price"]}]
            )
        except ValidationError as error:
            raise _for_row(error, index) from None


def set_published(*, actor: Actor, product: Product, published: bool) -> Product:
    """Publish in (or withdraw from) the open marketplace: the listing service, default channel only."""
    item = {"channel_id": default_channel().pk, "is_published": published}
    if published:
        item["is_available_for_purchase"] = True
    return product_channel_listing_update(actor=actor, product=product, update=[item], remove=[])


def duplicate_product(
    *, actor: Actor, product: Product, name: str, attributes: list[dict[str, Any]]
) -> Product:
    """A draft copy: the same type, category, description, attributes, English text and
    variants with their prices, with no stock, no SKUs and no photos (those are the copy's own)."""
    channel = default_channel()
    english = product.translations.filter(language_code="en").first()
    prices = {
        listing.variant_id: listing.price_amount
        for listing in ProductVariantChannelListing.objects.filter(variant__product=product, channel=channel)
    }
    with transaction.atomic():
        copy = product_create(
            actor=actor,
            data={
                "vendor_id": product.vendor_id,
                "product_type_id": product.product_type_id,
                "name": name,
                "category_id": product.category_id,
                "description": product.description,
                "weight_grams": product.weight_grams,
                "attributes": attributes,
            },
        )
        if english is not None and (english.name or english.description):
            product_translate(
                actor=actor,
                product=copy,
                language_code="en",
                data={"name": english.name, "description": english.description},
            )
        product_channel_listing_update(
            actor=actor,
            product=copy,
            update=[{"channel_id": channel.pk, "is_published": False, "is_available_for_purchase": True}],
            remove=[],
        )
        warehouse = workshop_of(copy)
        for variant in product.variants.order_by("sort_order", "pk"):
            stocks = [{"warehouse_id": warehouse.pk, "quantity": 0}] if warehouse else []
            new = variant_create(actor=actor, product=copy, data={"name": variant.name, "stocks": stocks})
            if variant.pk in prices:
                variant_channel_listing_update(
                    actor=actor, variant=new, prices=[{"channel_id": channel.pk, "price": prices[variant.pk]}]
                )
    return copy
