from enum import StrEnum


class TourismRouteErrorCode(StrEnum):
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
