import graphene

from marketplace.catalog.services import products as services
from storefront_api.catalog.errors import ProductError, TranslationError
from storefront_api.catalog.inputs import ProductCreateInput, ProductInput, TranslationInput
from storefront_api.catalog.mutations.base import ACCESS, CatalogMutation, attributes_data, in_default_channel
from storefront_api.catalog.types.products import Product
from storefront_api.catalog.types.translations import ProductTranslation, language_value
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.permissions import principal


def product_data(cls, input) -> dict:
    """Service keyword data from a ProductInput (IDs decoded into typed errors)."""
    data = {key: input[key] for key in ("name", "slug", "description") if key in input}
    if "category" in input:
        data["category_id"] = (
            cls.decode_id(input["category"], only_type="Category", field="category")
            if input["category"]
            else None
        )
    if input.get("seo"):
        data["seo_title"] = input["seo"].get("title")
        data["seo_description"] = input["seo"].get("description")
    if input.get("weight") is not None:
        data["weight_grams"] = input["weight"]
    if input.get("attributes") is not None:
        data["attributes"] = attributes_data(cls, input["attributes"])
    return data


class ProductCreate(CatalogMutation):
    product = graphene.Field(Product)

    class Arguments:
        input = ProductCreateInput(required=True)

    class Meta:
        description = "Create a product (unpublished until listed in a channel)." + ACCESS
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, input):
        data = product_data(cls, input)
        data["product_type_id"] = cls.decode_id(
            input["product_type"], only_type="ProductType", field="product_type"
        )
        if input.get("vendor"):
            data["vendor_id"] = cls.decode_id(input["vendor"], only_type="Vendor", field="vendor")
        product = services.product_create(actor=principal(info), data=data)
        return cls.success(product=in_default_channel(product))


class ProductUpdate(CatalogMutation):
    product = graphene.Field(Product)

    class Arguments:
        id = graphene.ID(description="Required (optional in the schema as in Saleor).")
        input = ProductInput(required=True)

    class Meta:
        description = "Update a product." + ACCESS
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        product = services.product_update(
            actor=principal(info), product=cls.get_product(id), data=product_data(cls, input)
        )
        return cls.success(product=in_default_channel(product))


class ProductDelete(CatalogMutation):
    product = graphene.Field(Product)

    class Arguments:
        id = graphene.ID(description="Required (optional in the schema as in Saleor).")

    class Meta:
        description = "Delete a product with its variants, listings and media." + ACCESS
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, id):
        product = cls.get_product(id)
        pk = product.pk
        services.product_delete(actor=principal(info), product=product)
        product.pk = pk
        return cls.success(product=in_default_channel(product))


class ProductTranslate(CatalogMutation):
    product = graphene.Field(Product)
    translation = graphene.Field(ProductTranslation)

    class Arguments:
        id = graphene.ID(required=True)
        language_code = graphene.Argument(LanguageCodeEnum, required=True)
        input = TranslationInput(required=True)

    class Meta:
        description = "Translate a product (English for tourists; Vietnamese is the base)." + ACCESS
        auth_required = True
        error_type_class = TranslationError

    @classmethod
    def perform_mutation(cls, root, info, id, language_code, input):
        product = cls.get_product(id)
        translation = services.product_translate(
            actor=principal(info),
            product=product,
            language_code=language_value(language_code),
            data=dict(input),
        )
        return cls.success(product=in_default_channel(product), translation=translation)
