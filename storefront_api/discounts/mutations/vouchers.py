"""Saleor's voucherCreate/voucherUpdate/voucherDelete, for a shop's vouchers (its owner, or
MANAGE_DISCOUNTS staff; checked by the service through the vendor policy) and for the
marketplace's (MANAGE_DISCOUNTS staff)."""

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.core.errors import field_error
from marketplace.discounts import services
from marketplace.discounts.error_codes import DiscountErrorCode
from storefront_api.core.errors import api_error
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.discounts.enums import DiscountValueTypeEnum, VoucherTypeEnum, enum_value
from storefront_api.discounts.errors import DiscountError
from storefront_api.discounts.types import Voucher

WHO = (
    "\n\nA shop's voucher: the shop's OWNER (while the shop is ACTIVE) or staff with MANAGE_DISCOUNTS; "
    "the marketplace's: staff with MANAGE_DISCOUNTS. Apps holding MANAGE_DISCOUNTS may call it too."
)


class VoucherInput(graphene.InputObjectType):
    type = VoucherTypeEnum(description="ENTIRE_ORDER (a shop's voucher: its whole part of the order).")
    name = graphene.String(description="Shown to the buyer as the discount's name.")
    code = graphene.String(
        description="Code to use the voucher.", deprecation_reason="Use `addCodes` instead."
    )
    add_codes = graphene.List(
        graphene.NonNull(graphene.String),
        description="Codes to add: 3 to 64 letters, digits, '-' or '_', unique in any case (at most 50).",
    )
    start_date = graphene.DateTime(description="Start date of the voucher.")
    end_date = graphene.DateTime(description="End date of the voucher (after the start).")
    discount_value_type = DiscountValueTypeEnum(description="PERCENTAGE or FIXED (an amount).")
    apply_once_per_customer = graphene.Boolean(description="Each buyer may use it once.")
    usage_limit = graphene.Int(description="Uses allowed, every code together (1 or more; null: no limit).")
    vendor = graphene.ID(
        description="voucherCreate only: the shop whose voucher it is; omitted: the marketplace's."
    )
    channel = graphene.String(description="The slug of the channel it applies in.")
    discount_value = PositiveDecimal(
        description="The percentage (more than 0, at most 100, two decimals) or the amount (whole VND)."
    )
    min_amount_spent = PositiveDecimal(
        description="The minimum spend: on the shop's part for a shop's voucher, on the subtotal otherwise."
    )
    usage_limit_per_customer = graphene.Int(description="Uses allowed per buyer (1 or more; null: no limit).")


# The input's fields the service takes by the same (snake_case) name.
FIELDS = frozenset(
    {
        "name",
        "type",
        "start_date",
        "end_date",
        "discount_value_type",
        "apply_once_per_customer",
        "usage_limit",
        "channel",
        "discount_value",
        "min_amount_spent",
        "usage_limit_per_customer",
    }
)


def service_data(input: dict[str, Any]) -> dict[str, Any]:
    """The input's given fields as the service names them (omitted ones stay unchanged)."""
    data = {key: enum_value(value) for key, value in input.items() if key in FIELDS}
    codes = list(input.get("add_codes") or [])
    if input.get("code"):
        codes.insert(0, input["code"])
    if codes:
        data["codes"] = codes
    return data


class _VoucherMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def check_access(cls, info: Any) -> None:
        if principal(info) is None:  # a person or an app; the service checks the rest
            raise api_error("You need to be authenticated to perform this action.", "PermissionDenied")


class VoucherCreate(_VoucherMutation):
    voucher = graphene.Field(Voucher)

    class Arguments:
        input = VoucherInput(required=True, description="Fields required to create a voucher.")

    class Meta:
        description = "Creates a new voucher." + WHO
        auth_required = True
        error_type_class = DiscountError

    @classmethod
    def perform_mutation(cls, root, info, input):  # type: ignore[no-untyped-def]
        vendor = input.get("vendor")
        vendor_id = cls.decode_id(vendor, only_type="Vendor", field="vendor") if vendor else None
        voucher = services.voucher_create(
            actor=principal(info), vendor_id=vendor_id, data=service_data(input)
        )
        return cls.success(voucher=voucher)


class VoucherUpdate(_VoucherMutation):
    voucher = graphene.Field(Voucher)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a voucher to update.")
        input = VoucherInput(required=True, description="Fields required to update a voucher.")

    class Meta:
        description = "Updates a voucher (the fields given; codes are added)." + WHO
        auth_required = True
        error_type_class = DiscountError

    @classmethod
    def perform_mutation(cls, root, info, id, input):  # type: ignore[no-untyped-def]
        if input.get("vendor") is not None:
            raise field_error("vendor", DiscountErrorCode.INVALID, _("A voucher's shop cannot change."))
        voucher_id = cls.decode_id(id, only_type="Voucher", field="id")
        voucher = services.voucher_update(
            actor=principal(info), voucher_id=voucher_id, data=service_data(input)
        )
        return cls.success(voucher=voucher)


class VoucherDelete(_VoucherMutation):
    voucher = graphene.Field(Voucher)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a voucher to delete.")

    class Meta:
        description = (
            "Deletes a voucher: checkouts holding its code lose it; orders keep their discount." + WHO
        )
        auth_required = True
        error_type_class = DiscountError

    @classmethod
    def perform_mutation(cls, root, info, id):  # type: ignore[no-untyped-def]
        voucher_id = cls.decode_id(id, only_type="Voucher", field="id")
        return cls.success(voucher=services.voucher_delete(actor=principal(info), voucher_id=voucher_id))
