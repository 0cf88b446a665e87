"""Shared pieces of the catalogue mutations: loading the target, the channel context."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from marketplace.catalog.models import Product, ProductVariant
from marketplace.channels.models import Channel
from storefront_api.core.context import ChannelContext
from storefront_api.core.mutations import BaseMutation

ACCESS = (
    "\n\nRequires a member of the product's shop (an ACTIVE shop; writes only its own products, "
    "lists only in default-channel) or staff with MANAGE_PRODUCTS."
)


def in_default_channel(node: Any) -> ChannelContext:
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    return ChannelContext(node, channel.slug, channel.pk)


def not_found(field: str, what: str) -> ValidationError:
    return ValidationError({field: ValidationError(f"Couldn't find that {what}.", code="NOT_FOUND")})


class CatalogMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_product(cls, global_id: str, field: str = "id") -> Product:
        product = (
            Product.objects.select_related("vendor", "product_type")
            .filter(pk=cls.decode_id(global_id, only_type="Product", field=field))
            .first()
        )
        if product is None:
            raise not_found(field, "product")
        return product

    @classmethod
    def get_variant(cls, global_id: str, field: str = "id") -> ProductVariant:
        variant = (
            ProductVariant.objects.select_related("product__vendor", "product__product_type")
            .filter(pk=cls.decode_id(global_id, only_type="ProductVariant", field=field))
            .first()
        )
        if variant is None:
            raise not_found(field, "variant")
        return variant


def attributes_data(mutation: type[BaseMutation], attributes: list) -> list[dict]:  # type: ignore[type-arg]
    """``[{id: Attribute ID, values: [...]}]`` with the IDs decoded (typed INVALID errors)."""
    return [
        {
            "id": mutation.decode_id(item.get("id"), only_type="Attribute", field="attributes"),
            "values": item.get("values") or [],
        }
        for item in attributes[:50]
    ]
