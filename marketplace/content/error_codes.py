from enum import StrEnum


class PageErrorCode(StrEnum):
    """Saleor's page error codes."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
    DUPLICATED_INPUT_ITEM = "DUPLICATED_INPUT_ITEM"
    ATTRIBUTE_ALREADY_ASSIGNED = "ATTRIBUTE_ALREADY_ASSIGNED"


class MenuErrorCode(StrEnum):
    """Saleor's menu error codes."""

    CANNOT_ASSIGN_NODE = "CANNOT_ASSIGN_NODE"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    INVALID_MENU_ITEM = "INVALID_MENU_ITEM"
    NO_MENU_ITEM_PROVIDED = "NO_MENU_ITEM_PROVIDED"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_MANY_MENU_ITEMS = "TOO_MANY_MENU_ITEMS"
    UNIQUE = "UNIQUE"


class TranslationErrorCode(StrEnum):
    """Saleor's translation error codes (pageTranslate, menuItemTranslate)."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
