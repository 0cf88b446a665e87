import graphene

from marketplace.catalog.services import listings as services
from storefront_api.catalog.errors import ProductChannelListingError
from storefront_api.catalog.inputs import (
    ProductChannelListingUpdateInput,
    ProductVariantChannelListingAddInput,
)
from storefront_api.catalog.mutations.base import ACCESS, CatalogMutation, in_default_channel
from storefront_api.catalog.types.products import Product, ProductVariant
from storefront_api.core.permissions import principal


class ProductChannelListingUpdate(CatalogMutation):
    product = graphene.Field(Product)

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductChannelListingUpdateInput(required=True)

    class Meta:
        description = "Publish or unpublish a product in channels." + ACCESS
        auth_required = True
        error_type_class = ProductChannelListingError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        update = []
        for item in (input.get("update_channels") or [])[:10]:
            entry = dict(item)
            entry["channel_id"] = cls.decode_id(
                item["channel_id"], only_type="Channel", field="update_channels"
            )
            update.append(entry)
        remove = cls.decode_ids(
            input.get("remove_channels"), only_type="Channel", field="remove_channels", limit=10
        )
        product = services.product_channel_listing_update(
            actor=principal(info), product=cls.get_product(id), update=update, remove=remove
        )
        return cls.success(product=in_default_channel(product))


class ProductVariantChannelListingUpdate(CatalogMutation):
    variant = graphene.Field(ProductVariant)

    class Arguments:
        id = graphene.ID(description="Required (optional in the schema as in Saleor).")
        input = graphene.List(graphene.NonNull(ProductVariantChannelListingAddInput), required=True)

    class Meta:
        description = (
            "Set a variant's price per channel (VND: whole đồng, positive, below 1,000,000,000)." + ACCESS
        )
        auth_required = True
        error_type_class = ProductChannelListingError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        prices = [
            {
                "channel_id": cls.decode_id(item["channel_id"], only_type="Channel", field="channel_id"),
                "price": item["price"],
                "cost_price": item.get("cost_price"),
            }
            for item in input[:10]
        ]
        variant = services.variant_channel_listing_update(
            actor=principal(info), variant=cls.get_variant(id), prices=prices
        )
        return cls.success(variant=in_default_channel(variant))
