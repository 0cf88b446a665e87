import graphene

from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.scalars import PositiveDecimal, WeightScalar


class SeoInput(graphene.InputObjectType):
    title = graphene.String()
    description = graphene.String()


class AttributeValueInput(graphene.InputObjectType):
    id = graphene.ID(description="ID of the attribute (required; optional in the schema as in Saleor).")
    values = graphene.List(
        graphene.NonNull(graphene.String), description="Slugs or names of existing values."
    )


class ProductInput(graphene.InputObjectType):
    name = graphene.String()
    slug = graphene.String()
    category = graphene.ID()
    description = graphene.JSONString(description="EditorJS JSON; its HTML is cleaned (see the README).")
    seo = SeoInput()
    attributes = graphene.List(graphene.NonNull(AttributeValueInput))
    weight = WeightScalar(description="A number of grams, or {value, unit} (read as whole grams).")


class ProductCreateInput(ProductInput):
    product_type = graphene.ID(required=True)
    vendor = graphene.ID(description="Required for staff; implied for a member of one shop.")


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class ProductVariantInput(graphene.InputObjectType):
    sku = graphene.String()
    name = graphene.String()
    attributes = graphene.List(graphene.NonNull(AttributeValueInput))
    track_inventory = graphene.Boolean()
    quantity_limit_per_customer = graphene.Int()
    weight = WeightScalar(description="A number of grams, or {value, unit} (read as whole grams).")


class ProductVariantCreateInput(ProductVariantInput):
    attributes = graphene.List(
        graphene.NonNull(AttributeValueInput),
        required=True,
        description="The variant's attribute values (an empty list when its product type has none).",
    )
    product = graphene.ID(required=True)
    stocks = graphene.List(graphene.NonNull(StockInput))


class ProductChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    is_published = graphene.Boolean()
    published_at = graphene.DateTime()
    visible_in_listings = graphene.Boolean()
    is_available_for_purchase = graphene.Boolean()
    available_for_purchase_at = graphene.DateTime()


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(graphene.NonNull(ProductChannelListingAddInput))
    remove_channels = graphene.List(graphene.NonNull(graphene.ID))


class ProductVariantChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    price = PositiveDecimal(required=True, description="In the channel's currency; VND: whole đồng.")
    cost_price = PositiveDecimal()


class TranslationInput(graphene.InputObjectType):
    name = graphene.String()
    description = graphene.JSONString(description="EditorJS JSON; its HTML is cleaned.")
    seo_title = graphene.String()
    seo_description = graphene.String()


__all__ = ["LanguageCodeEnum"]
