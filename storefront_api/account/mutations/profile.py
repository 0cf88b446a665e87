import graphene

from marketplace.accounts import services
from storefront_api.account.enums import AddressTypeEnum
from storefront_api.account.errors import AccountError
from storefront_api.account.inputs import AccountInput, AddressInput, address_data
from storefront_api.account.types import Address, User
from storefront_api.catalog.types.translations import language_value
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import request_user


def _type_value(value):
    return getattr(value, "value", value)


class AccountUpdate(BaseMutation):
    user = graphene.Field(User)

    class Arguments:
        input = AccountInput(required=True)

    class Meta:
        description = "Update the signed-in user's names and language."
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, input):
        data = dict(input)
        if data.get("language_code") is not None:
            data["language_code"] = language_value(data["language_code"])
        return cls.success(user=services.account_update(user=request_user(info), data=data))  # type: ignore[arg-type]


class AccountAddressCreate(BaseMutation):
    user = graphene.Field(User)
    address = graphene.Field(Address)

    class Arguments:
        input = AddressInput(required=True)
        type = graphene.Argument(AddressTypeEnum, description="Also make it the default of this type.")

    class Meta:
        description = "Add an address (validated against Vietnam's 2025 provinces and communes)."
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, input, type=None):
        user = request_user(info)
        address = services.address_create(user=user, data=address_data(input), address_type=_type_value(type))  # type: ignore[arg-type]
        return cls.success(user=user, address=address)


class AccountAddressUpdate(BaseMutation):
    user = graphene.Field(User)
    address = graphene.Field(Address)

    class Arguments:
        id = graphene.ID(required=True)
        input = AddressInput(required=True)

    class Meta:
        description = "Update one of the signed-in user's addresses."
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        user = request_user(info)
        pk = cls.decode_id(id, only_type="Address", field="id")
        address = services.address_update(user=user, address_id=pk, data=address_data(input))  # type: ignore[arg-type]
        return cls.success(user=user, address=address)


class AccountAddressDelete(BaseMutation):
    user = graphene.Field(User)
    address = graphene.Field(Address)

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Delete one of the signed-in user's addresses."
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, id):
        user = request_user(info)
        address = services.address_delete(
            user=user,  # type: ignore[arg-type]
            address_id=cls.decode_id(id, only_type="Address", field="id"),
        )
        return cls.success(user=user, address=address)


class AccountSetDefaultAddress(BaseMutation):
    user = graphene.Field(User)

    class Arguments:
        id = graphene.ID(required=True)
        type = graphene.Argument(AddressTypeEnum, required=True)

    class Meta:
        description = "Make one of the signed-in user's addresses the default shipping or billing address."
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, id, type):
        user = services.set_default_address(
            user=request_user(info),  # type: ignore[arg-type]
            address_id=cls.decode_id(id, only_type="Address", field="id"),
            address_type=_type_value(type),
        )
        return cls.success(user=user)
