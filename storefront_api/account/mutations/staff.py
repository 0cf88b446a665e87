import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts import staff
from marketplace.accounts.permissions import PermissionEnum
from marketplace.accounts.selectors import group_by_id
from storefront_api.account.enums import permission_values
from storefront_api.account.errors import PermissionGroupError, StaffError, permission_extras
from storefront_api.account.inputs import (
    PermissionGroupCreateInput,
    PermissionGroupUpdateInput,
    StaffCreateInput,
)
from storefront_api.account.types import Group, User
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal


class StaffCreate(BaseMutation):
    user = graphene.Field(User)

    class Arguments:
        input = StaffCreateInput(required=True)

    class Meta:
        description = "Create a staff member; they set a password through the emailed link."
        permissions = (PermissionEnum.MANAGE_STAFF,)
        error_type_class = StaffError

    @classmethod
    def error_extras(cls, params):
        return permission_extras(params)

    @classmethod
    def perform_mutation(cls, root, info, input):
        user = staff.staff_create(
            actor=principal(info),
            email=input.get("email") or "",
            first_name=input.get("first_name") or "",
            last_name=input.get("last_name") or "",
            group_ids=cls.decode_ids(input.get("add_groups"), only_type="Group", field="add_groups"),
            redirect_url=input.get("redirect_url"),
        )
        return cls.success(user=user)


class PermissionGroupCreate(BaseMutation):
    group = graphene.Field(Group)

    class Arguments:
        input = PermissionGroupCreateInput(required=True)

    class Meta:
        description = "Create a permission group. You can grant only permissions you hold."
        permissions = (PermissionEnum.MANAGE_STAFF,)
        error_type_class = PermissionGroupError

    @classmethod
    def error_extras(cls, params):
        return permission_extras(params)

    @classmethod
    def perform_mutation(cls, root, info, input):
        group = staff.permission_group_create(
            actor=principal(info),
            name=input["name"],
            permissions=permission_values(input.get("add_permissions")),
            user_ids=cls.decode_ids(input.get("add_users"), only_type="User", field="add_users"),
        )
        return cls.success(group=group)


class PermissionGroupUpdate(BaseMutation):
    group = graphene.Field(Group)

    class Arguments:
        id = graphene.ID(required=True)
        input = PermissionGroupUpdateInput(required=True)

    class Meta:
        description = "Rename a permission group, change its permissions or members."
        permissions = (PermissionEnum.MANAGE_STAFF,)
        error_type_class = PermissionGroupError

    @classmethod
    def error_extras(cls, params):
        return permission_extras(params)

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        group = group_by_id(cls.decode_id(id, only_type="Group", field="id"))
        if group is None:
            raise ValidationError(
                {"id": ValidationError("Couldn't find that permission group.", code="NOT_FOUND")}
            )
        group = staff.permission_group_update(
            actor=principal(info),
            group=group,
            name=input.get("name"),
            add_permissions=permission_values(input.get("add_permissions")),
            remove_permissions=permission_values(input.get("remove_permissions")),
            add_user_ids=cls.decode_ids(input.get("add_users"), only_type="User", field="add_users"),
            remove_user_ids=cls.decode_ids(input.get("remove_users"), only_type="User", field="remove_users"),
        )
        return cls.success(group=group)
