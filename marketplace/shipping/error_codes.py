from enum import StrEnum


class DeliveryOptionsCalculateErrorCode(StrEnum):
    """Saleor's ``DeliveryOptionsCalculateErrorCode``."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    NOT_FOUND = "NOT_FOUND"
    INVALID = "INVALID"


class ShippingErrorCode(StrEnum):
    """Saleor's ``ShippingErrorCode`` (the members we use)."""

    ALREADY_EXISTS = "ALREADY_EXISTS"
    INVALID = "INVALID"
    IN_USE = "IN_USE"
    MAX_LESS_THAN_MIN = "MAX_LESS_THAN_MIN"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
