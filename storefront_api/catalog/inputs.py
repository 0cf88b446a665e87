import graphene

from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.scalars import PositiveDecimal, WeightScalar


class SeoInput(graphene.InputObjectType):
    title = graphene.String()
    description = graphene.String()


class AttributeValueInput(graphene.InputObjectType):
    """The value of one attribute; give only the field of the attribute's input type
    (null or an empty list clears the attribute)."""

    id = graphene.ID(description="ID of the attribute (required; optional in the schema as in Saleor).")
    values = graphene.List(
        graphene.NonNull(graphene.String),
        description="DROPDOWN, SWATCH (one) and MULTISELECT attributes: slugs or names of existing values.",
    )
    plain_text = graphene.String(description="PLAIN_TEXT attributes: the text (markup is removed).")
    boolean = graphene.Boolean(description="BOOLEAN attributes.")
    numeric = graphene.String(description="NUMERIC attributes: a number.")
    file = graphene.String(description="FILE attributes: the file's absolute http(s) URL.")
    content_type = graphene.String(description="FILE attributes: the file's MIME type.")
    reference = graphene.ID(description="SINGLE_REFERENCE attributes: the ID of a category or collection.")
    date = graphene.Date(description="DATE attributes.")
    date_time = graphene.DateTime(description="DATE_TIME attributes.")


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
    slug = graphene.String(
        description="The slug in this language (unique among its translations); empty clears it."
    )
    name = graphene.String()
    description = graphene.JSONString(description="EditorJS JSON; its HTML is cleaned.")
    seo_title = graphene.String()
    seo_description = graphene.String()


__all__ = ["LanguageCodeEnum"]
