import graphene

from marketplace.accounts.error_codes import AccountErrorCode, PermissionGroupErrorCode
from storefront_api.account.enums import AddressTypeEnum, PermissionEnum
from storefront_api.core.mutations import error_type

AccountError = error_type("AccountError", AccountErrorCode, address_type=graphene.Field(AddressTypeEnum))

_PERMISSIONS = graphene.List(
    graphene.NonNull(PermissionEnum), description="The permissions the error is about."
)

StaffError = error_type(
    "StaffError",
    AccountErrorCode,
    code_type=AccountError.code_type,
    address_type=graphene.Field(AddressTypeEnum),
    permissions=_PERMISSIONS,
)

PermissionGroupError = error_type("PermissionGroupError", PermissionGroupErrorCode, permissions=_PERMISSIONS)


def permission_extras(params: dict) -> dict:
    """``permissions`` of a StaffError or PermissionGroupError (OUT_OF_SCOPE_PERMISSION)."""
    return {"permissions": params.get("permissions")}
