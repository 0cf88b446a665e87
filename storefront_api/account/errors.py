import graphene

from marketplace.accounts.error_codes import AccountErrorCode
from storefront_api.account.enums import AddressTypeEnum
from storefront_api.core.mutations import error_type

AccountError = error_type("AccountError", AccountErrorCode, address_type=graphene.Field(AddressTypeEnum))
