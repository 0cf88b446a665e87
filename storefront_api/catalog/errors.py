import graphene

from marketplace.catalog.error_codes import AttributeErrorCode, ProductErrorCode, TranslationErrorCode
from storefront_api.core.mutations import error_type

ProductError = error_type("ProductError", ProductErrorCode)


def _ids() -> graphene.List:
    return graphene.List(graphene.NonNull(graphene.ID))


# Saleor's error types of its product mutations, sharing ProductErrorCode.
ProductChannelListingError = error_type(
    "ProductChannelListingError",
    ProductErrorCode,
    code_type=ProductError.code_type,
    attributes=_ids(),
    values=_ids(),
    channels=_ids(),
    variants=_ids(),
)
BulkStockError = error_type(
    "BulkStockError",
    ProductErrorCode,
    code_type=ProductError.code_type,
    attributes=_ids(),
    values=_ids(),
    index=graphene.Int(),
)
TranslationError = error_type("TranslationError", TranslationErrorCode)

# Saleor's AttributeError (the Python name keeps clear of the builtin).
AttributeValueMutationError = error_type("AttributeError", AttributeErrorCode)
