from enum import StrEnum


class OcopErrorCode(StrEnum):
    """Codes of OCOP certificate errors (the upload codes come from ``marketplace.core.uploads``)."""

    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    INVALID = "INVALID"
    INVALID_FILE_TYPE = "INVALID_FILE_TYPE"
    INVALID_STATUS = "INVALID_STATUS"
    NOT_FOUND = "NOT_FOUND"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
