import graphene

from marketplace.accounts.permissions import PermissionEnum
from marketplace.accounts.selectors import groups
from marketplace.channels.selectors import channels
from storefront_api.account.mutations.avatar import UserAvatarDelete, UserAvatarUpdate
from storefront_api.account.mutations.deletion import AccountDelete, AccountRequestDeletion
from storefront_api.account.mutations.passwords import PasswordChange, RequestPasswordReset, SetPassword
from storefront_api.account.mutations.profile import (
    AccountAddressCreate,
    AccountAddressDelete,
    AccountAddressUpdate,
    AccountSetDefaultAddress,
    AccountUpdate,
)
from storefront_api.account.mutations.register import AccountRegister, ConfirmAccount
from storefront_api.account.mutations.staff import PermissionGroupCreate, PermissionGroupUpdate, StaffCreate
from storefront_api.account.mutations.tokens import (
    CreateToken,
    DeactivateAllUserTokens,
    RefreshToken,
    VerifyToken,
)
from storefront_api.account.types import GroupCountableConnection, User
from storefront_api.channels.types import Channel
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import describe, permission_required, request_user
from storefront_api.core.types import page_args


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User, description="The signed-in user; null when anonymous.")
    channels = graphene.List(
        graphene.NonNull(Channel),
        description="Every channel." + describe([PermissionEnum.MANAGE_CHANNELS]),
    )
    permission_groups = graphene.Field(
        GroupCountableConnection,
        **page_args(),
        description="The permission groups, by name." + describe([PermissionEnum.MANAGE_STAFF]),
    )

    @staticmethod
    def resolve_me(root, info):
        return request_user(info)

    @staticmethod
    @permission_required(PermissionEnum.MANAGE_CHANNELS)
    def resolve_channels(root, info):
        return list(channels())

    @staticmethod
    @permission_required(PermissionEnum.MANAGE_STAFF)
    def resolve_permission_groups(root, info, **args):
        page = paginate(groups(), sort=[SortKey("name")], connection_name="permissionGroups", **args)
        return GroupCountableConnection.from_page(page)


class AccountMutations(graphene.ObjectType):
    account_register = AccountRegister.Field()
    confirm_account = ConfirmAccount.Field()
    token_create = CreateToken.Field()
    token_refresh = RefreshToken.Field()
    token_verify = VerifyToken.Field()
    token_deactivate_all = DeactivateAllUserTokens.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    password_change = PasswordChange.Field()
    account_update = AccountUpdate.Field()
    account_address_create = AccountAddressCreate.Field()
    account_address_update = AccountAddressUpdate.Field()
    account_address_delete = AccountAddressDelete.Field()
    account_set_default_address = AccountSetDefaultAddress.Field()
    user_avatar_update = UserAvatarUpdate.Field()
    user_avatar_delete = UserAvatarDelete.Field()
    account_request_deletion = AccountRequestDeletion.Field()
    account_delete = AccountDelete.Field()
    staff_create = StaffCreate.Field()
    permission_group_create = PermissionGroupCreate.Field()
    permission_group_update = PermissionGroupUpdate.Field()
