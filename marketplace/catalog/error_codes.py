from enum import StrEnum


class ProductErrorCode(StrEnum):
    """Saleor's product error codes (the ones this API raises) and the marketplace's own."""

    ALREADY_EXISTS = "ALREADY_EXISTS"
    CHANNEL_NOT_ALLOWED = "CHANNEL_NOT_ALLOWED"
    DUPLICATED_INPUT_ITEM = "DUPLICATED_INPUT_ITEM"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    INVALID_FILE_TYPE = "INVALID_FILE_TYPE"
    INVALID_PRICE = "INVALID_PRICE"
    IN_USE = "IN_USE"
    NOT_FOUND = "NOT_FOUND"
    NOT_PRODUCTS_IMAGE = "NOT_PRODUCTS_IMAGE"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    PRODUCT_NOT_ASSIGNED_TO_CHANNEL = "PRODUCT_NOT_ASSIGNED_TO_CHANNEL"
    REQUIRED = "REQUIRED"
    STOCK_BELOW_ALLOCATED = "STOCK_BELOW_ALLOCATED"
    UNIQUE = "UNIQUE"
    UPLOAD_EXPIRED = "UPLOAD_EXPIRED"


class TranslationErrorCode(StrEnum):
    """Saleor's translation error codes (productTranslate, collectionTranslate)."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"


class AttributeErrorCode(StrEnum):
    """Saleor's ``AttributeErrorCode`` (attributeValueUpdate, attributeValueDelete)."""

    ALREADY_EXISTS = "ALREADY_EXISTS"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
