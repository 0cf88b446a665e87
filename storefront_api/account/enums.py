import graphene

from marketplace.accounts.error_codes import AccountErrorCode as AccountErrorCodeValues
from marketplace.accounts.permissions import PermissionEnum as PermissionValues

PermissionEnum = graphene.Enum("PermissionEnum", [(p.name, p.name) for p in PermissionValues])


class AddressTypeEnum(graphene.Enum):
    SHIPPING = "SHIPPING"
    BILLING = "BILLING"


def permission_values(names) -> list[PermissionValues]:
    """Domain permissions from PermissionEnum arguments (enum members or their names)."""
    return [PermissionValues[getattr(name, "value", name)] for name in names or []]


__all__ = ["AccountErrorCodeValues", "AddressTypeEnum", "PermissionEnum", "permission_values"]
