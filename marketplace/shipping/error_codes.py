from enum import StrEnum


class DeliveryOptionsCalculateErrorCode(StrEnum):
    """Saleor's ``DeliveryOptionsCalculateErrorCode``."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    NOT_FOUND = "NOT_FOUND"
    INVALID = "INVALID"
