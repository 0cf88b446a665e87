"""Onboarding and running an artisan shop."""

import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts.permissions import PermissionEnum
from storefront_api.account.inputs import address_data
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal, request_user
from storefront_api.vendors.errors import VendorError
from storefront_api.vendors.inputs import VendorApplyInput, VendorUpdateInput
from storefront_api.vendors.types import Vendor, VendorMember, VendorMemberRoleEnum
from vendors.shops import services
from vendors.shops.models import Vendor as VendorModel
from vendors.shops.selectors import vendor_by_id


class VendorMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_vendor(cls, global_id: str, field: str = "id") -> VendorModel:
        vendor = vendor_by_id(cls.decode_id(global_id, only_type="Vendor", field=field))
        if vendor is None:
            raise ValidationError({field: ValidationError("Couldn't find that shop.", code="NOT_FOUND")})
        return vendor


class VendorApply(VendorMutation):
    vendor = graphene.Field(Vendor)

    class Arguments:
        input = VendorApplyInput(required=True)

    class Meta:
        description = "Apply to open an artisan shop; it stays PENDING until staff approve it."
        auth_required = True
        error_type_class = VendorError

    @classmethod
    def perform_mutation(cls, root, info, input):
        village_id = (
            cls.decode_id(input["village_id"], only_type="CraftVillage", field="village_id")
            if input.get("village_id")
            else None
        )
        vendor = services.vendor_apply(
            actor=request_user(info),
            name=input["name"],
            village_id=village_id,
            description=input.get("description") or "",
            phone=input.get("phone"),
            address=address_data(input["address"]) if input.get("address") else None,
        )
        return cls.success(vendor=vendor)


class VendorApprove(VendorMutation):
    vendor = graphene.Field(Vendor)

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Approve a PENDING (or reinstate a SUSPENDED) shop; its owners are emailed."
        permissions = (PermissionEnum.MANAGE_VENDORS,)
        error_type_class = VendorError

    @classmethod
    def perform_mutation(cls, root, info, id):
        return cls.success(vendor=services.vendor_approve(actor=principal(info), vendor=cls.get_vendor(id)))


class VendorSuspend(VendorMutation):
    vendor = graphene.Field(Vendor)

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String()

    class Meta:
        description = "Suspend a shop: its products disappear at once and its members can no longer write."
        permissions = (PermissionEnum.MANAGE_VENDORS,)
        error_type_class = VendorError

    @classmethod
    def perform_mutation(cls, root, info, id, reason=None):
        vendor = services.vendor_suspend(
            actor=principal(info), vendor=cls.get_vendor(id), reason=reason or ""
        )
        return cls.success(vendor=vendor)


class VendorUpdate(VendorMutation):
    vendor = graphene.Field(Vendor)

    class Arguments:
        id = graphene.ID(required=True)
        input = VendorUpdateInput(required=True)

    class Meta:
        description = (
            "Update the shop's name, description, phone or logo. "
            "Requires the shop's OWNER (or MANAGE_VENDORS)."
        )
        auth_required = True
        error_type_class = VendorError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        data = dict(input)
        vendor = services.vendor_update(
            actor=principal(info), vendor=cls.get_vendor(id), data=data, logo=data.pop("logo", None)
        )
        return cls.success(vendor=vendor)


class VendorMemberAdd(VendorMutation):
    vendor = graphene.Field(Vendor)
    member = graphene.Field(VendorMember)

    class Arguments:
        vendor = graphene.ID(required=True)
        email = graphene.String(required=True)
        role = graphene.Argument(VendorMemberRoleEnum, required=True)

    class Meta:
        description = (
            "Add a registered user to the shop as OWNER or STAFF. "
            "Requires the shop's OWNER (or MANAGE_VENDORS)."
        )
        auth_required = True
        error_type_class = VendorError

    @classmethod
    def perform_mutation(cls, root, info, vendor, email, role):
        shop = cls.get_vendor(vendor, field="vendor")
        member = services.vendor_member_add(
            actor=principal(info), vendor=shop, email=email, role=getattr(role, "value", role)
        )
        return cls.success(vendor=shop, member=member)
