import graphene

from marketplace.catalog.error_codes import TranslationErrorCode  # noqa: F401 (TranslationError's codes)
from marketplace.curation.error_codes import ShowcaseErrorCode
from storefront_api.catalog.errors import ProductError, TranslationError
from storefront_api.core.mutations import error_type

ShowcaseError = error_type("ShowcaseError", ShowcaseErrorCode)

# Saleor's error types of the collection mutations (the showcase's featured collections).
# CollectionErrorCode holds the showcase's codes (PRODUCT_NOT_APPROVED...).
CollectionError = error_type(
    "CollectionError",
    ShowcaseErrorCode,
    products=graphene.List(graphene.NonNull(graphene.ID), description="The products the error is about."),
)
CollectionChannelListingError = error_type(
    "CollectionChannelListingError",
    ShowcaseErrorCode,
    code_type=ProductError.code_type,
    attributes=graphene.List(graphene.NonNull(graphene.ID)),
    values=graphene.List(graphene.NonNull(graphene.ID)),
    channels=graphene.List(graphene.NonNull(graphene.ID)),
)

__all__ = ["CollectionChannelListingError", "CollectionError", "ShowcaseError", "TranslationError"]
