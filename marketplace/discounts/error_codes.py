from enum import StrEnum


class DiscountErrorCode(StrEnum):
    """Saleor's discount error codes (those this API raises)."""

    ALREADY_EXISTS = "ALREADY_EXISTS"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
    DUPLICATED_INPUT_ITEM = "DUPLICATED_INPUT_ITEM"
    VOUCHER_ALREADY_USED = "VOUCHER_ALREADY_USED"
