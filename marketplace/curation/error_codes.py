from enum import StrEnum


class ShowcaseErrorCode(StrEnum):
    """Codes of Design Centre showcase errors (submissions and featured collections)."""

    CHANNEL_NOT_ALLOWED = "CHANNEL_NOT_ALLOWED"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"  # a background image (as ProductErrorCode)
    INVALID = "INVALID"
    INVALID_FILE_TYPE = "INVALID_FILE_TYPE"
    INVALID_PRICE = "INVALID_PRICE"
    INVALID_STATUS = "INVALID_STATUS"
    NOT_FOUND = "NOT_FOUND"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    PRODUCT_NOT_APPROVED = "PRODUCT_NOT_APPROVED"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
