"""Shared pieces of the catalogue mutations: loading the target, the channel context."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from graphql import GraphQLError

from marketplace.catalog.attribute_values import MAX_ATTRIBUTES
from marketplace.catalog.models import Product, ProductVariant
from marketplace.catalog.selectors import product_by_id, variant_by_id
from marketplace.channels.selectors import channel_required
from storefront_api.core.context import ChannelContext
from storefront_api.core.ids import decode_id
from storefront_api.core.mutations import BaseMutation

ACCESS = (
    "\n\nRequires a member of the product's shop (an ACTIVE shop; writes only its own products, "
    "lists only in default-channel) or staff with MANAGE_PRODUCTS."
)


def in_default_channel(node: Any) -> ChannelContext:
    channel = channel_required(settings.DEFAULT_CHANNEL_SLUG)
    return ChannelContext(node, channel.slug, channel.pk)


def not_found(field: str, what: str) -> ValidationError:
    return ValidationError({field: ValidationError(f"Couldn't find that {what}.", code="NOT_FOUND")})


class CatalogMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_product(cls, global_id: str, field: str = "id") -> Product:
        product = product_by_id(cls.decode_id(global_id, only_type="Product", field=field))
        if product is None:
            raise not_found(field, "product")
        return product

    @classmethod
    def get_variant(cls, global_id: str, field: str = "id") -> ProductVariant:
        variant = variant_by_id(cls.decode_id(global_id, only_type="ProductVariant", field=field))
        if variant is None:
            raise not_found(field, "variant")
        return variant


ATTRIBUTE_VALUE_KEYS = (
    "values",
    "plain_text",
    "boolean",
    "numeric",
    "file",
    "content_type",
    "date",
    "date_time",
)


def attributes_data(mutation: type[BaseMutation], attributes: list) -> list[dict]:
    """``[{id: Attribute ID, <value field>: ...}]`` with the IDs decoded (typed INVALID errors);
    a reference becomes ``(type name, pk)`` for the service to check against the attribute."""
    if len(attributes) > MAX_ATTRIBUTES:
        raise ValidationError(
            {"attributes": ValidationError(f"At most {MAX_ATTRIBUTES} attributes.", code="INVALID")}
        )
    result = []
    for item in attributes:
        data = {key: item[key] for key in ATTRIBUTE_VALUE_KEYS if key in item}
        data["id"] = mutation.decode_id(item.get("id"), only_type="Attribute", field="attributes")
        if item.get("reference") is not None:
            data["reference"] = reference_of(item["reference"], field="attributes")
        result.append(data)
    return result


def reference_of(global_id: str, *, field: str) -> tuple[str, int]:
    """``(type name, pk)`` of a category's or collection's global ID; INVALID otherwise."""
    for type_name in ("Category", "Collection"):
        try:
            return type_name, decode_id(global_id, only_type=type_name)
        except GraphQLError:
            continue
    raise ValidationError(
        {field: ValidationError("A reference is a Category or Collection ID.", code="INVALID")}
    )
