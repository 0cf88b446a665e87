import graphene

from marketplace.catalog.services import variants as services
from storefront_api.catalog.errors import BulkStockError, ProductError
from storefront_api.catalog.inputs import ProductVariantCreateInput, ProductVariantInput, StockInput
from storefront_api.catalog.mutations.base import ACCESS, CatalogMutation, attributes_data, in_default_channel
from storefront_api.catalog.types.products import Product, ProductVariant
from storefront_api.core.permissions import principal


def variant_data(cls, input) -> dict:
    data = {
        key: input[key]
        for key in ("sku", "name", "track_inventory", "quantity_limit_per_customer")
        if key in input
    }
    if input.get("weight") is not None:
        data["weight_grams"] = input["weight"]
    if input.get("attributes") is not None:
        data["attributes"] = attributes_data(cls, input["attributes"])
    return data


def stocks_data(cls, stocks) -> list[dict]:
    return [
        {
            "warehouse_id": cls.decode_id(s["warehouse"], only_type="Warehouse", field="stocks"),
            "quantity": s["quantity"],
        }
        for s in (stocks or [])[:100]
    ]


class ProductVariantCreate(CatalogMutation):
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        input = ProductVariantCreateInput(required=True)

    class Meta:
        description = (
            "Add a variant (size, colour, glaze...) with its stock in the shop's warehouses." + ACCESS
        )
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, input):
        product = cls.get_product(input["product"], field="product")
        data = variant_data(cls, input)
        data["stocks"] = stocks_data(cls, input.get("stocks"))
        variant = services.variant_create(actor=principal(info), product=product, data=data)
        return cls.success(product_variant=in_default_channel(variant))


class ProductVariantUpdate(CatalogMutation):
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        id = graphene.ID(description="Required (optional in the schema as in Saleor).")
        input = ProductVariantInput(required=True)

    class Meta:
        description = "Update a variant." + ACCESS
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        variant = services.variant_update(
            actor=principal(info), variant=cls.get_variant(id), data=variant_data(cls, input)
        )
        return cls.success(product_variant=in_default_channel(variant))


class ProductVariantDelete(CatalogMutation):
    product = graphene.Field(Product)

    class Arguments:
        id = graphene.ID(description="Required (optional in the schema as in Saleor).")

    class Meta:
        description = "Delete a variant." + ACCESS
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, id):
        variant = cls.get_variant(id)
        product = variant.product
        services.variant_delete(actor=principal(info), variant=variant)
        return cls.success(product=in_default_channel(product))


class ProductVariantStocksUpdate(CatalogMutation):
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        variant_id = graphene.ID(description="Required (optional in the schema as in Saleor).")
        stocks = graphene.List(graphene.NonNull(StockInput), required=True)

    class Meta:
        description = (
            "Set the variant's stock in the shop's warehouses (0 to 1,000,000; never below allocated)."
            + ACCESS
        )
        auth_required = True
        error_type_class = BulkStockError

    @classmethod
    def perform_mutation(cls, root, info, variant_id, stocks):
        variant = cls.get_variant(variant_id, field="variant_id")
        services.variant_stocks_update(
            actor=principal(info), variant=variant, stocks=stocks_data(cls, stocks)
        )
        return cls.success(product_variant=in_default_channel(variant))
