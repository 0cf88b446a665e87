"""Saleor's Voucher, VoucherCode and VoucherChannelListing, plus the shop a voucher belongs to.

Anyone reaching a voucher (an order's ``voucher``) reads its name, value and dates; its
codes, counts and channel listing are for those who manage it (MANAGE_DISCOUNTS staff, the
members of its shop), as Saleor keeps them behind MANAGE_DISCOUNTS.
"""

import graphene

from marketplace.discounts.models import Voucher as VoucherModel
from storefront_api.catalog.types.pricing import money
from storefront_api.channels.dataloaders import ChannelByIdLoader
from storefront_api.core.dataloaders import then
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.pagination import paginate_rows
from storefront_api.core.types import Money, connection_for, page_args
from storefront_api.discounts.dataloaders import CodesByVoucherIdLoader, may_manage
from storefront_api.discounts.enums import DiscountValueTypeEnum, VoucherTypeEnum
from storefront_api.vendors.dataloaders import VendorByIdLoader


class VoucherCode(graphene.ObjectType):
    id = graphene.ID(required=True)
    code = graphene.String()
    used = graphene.Int()
    is_active = graphene.Boolean()
    created_at = graphene.DateTime(required=True)

    class Meta:
        description = "One code of a voucher, with its uses."

    @staticmethod
    def resolve_id(root, info):  # type: ignore[no-untyped-def]
        return graphene.relay.Node.to_global_id("VoucherCode", root.pk)


VoucherCodeCountableConnection = connection_for(VoucherCode)


class VoucherChannelListing(graphene.ObjectType):
    id = graphene.ID(required=True)
    channel = graphene.Field("storefront_api.channels.types.Channel", required=True)
    discount_value = graphene.Float(required=True)
    currency = graphene.String(required=True)
    min_spent = graphene.Field(Money)

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "Where a voucher applies and with what value (one channel per voucher here)."

    @staticmethod
    def resolve_id(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return root.pk

    @staticmethod
    def resolve_channel(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        channel_id = root.channel_id
        assert channel_id is not None  # a listing exists only for a voucher with a channel
        return ChannelByIdLoader(info.context).load(channel_id)

    @staticmethod
    def resolve_discount_value(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return float(root.discount_value or 0)

    @staticmethod
    def resolve_min_spent(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return money(root.min_spent_amount, root.currency) if root.min_spent_amount is not None else None


class Voucher(ModelObjectType):
    name = graphene.String()
    code = graphene.String(description="The voucher's first code.")
    codes = graphene.Field(
        VoucherCodeCountableConnection,
        **page_args(),
        description="The voucher's codes (for those who manage the voucher; null otherwise).",
    )
    usage_limit = graphene.Int(description="Uses allowed with every code together.")
    used = graphene.Int(required=True, description="Orders placed with it and not canceled.")
    start_date = graphene.DateTime(required=True)
    end_date = graphene.DateTime()
    apply_once_per_order = graphene.Boolean(required=True, description="Always false here.")
    apply_once_per_customer = graphene.Boolean(required=True)
    single_use = graphene.Boolean(required=True, description="Always false here.")
    only_for_staff = graphene.Boolean(required=True, description="Always false here.")
    min_checkout_items_quantity = graphene.Int()
    discount_value_type = graphene.Field(DiscountValueTypeEnum, required=True)
    discount_value = graphene.Float(description="A percentage or an amount in the channel's currency.")
    currency = graphene.String()
    min_spent = graphene.Field(Money)
    type = graphene.Field(VoucherTypeEnum, required=True)
    channel_listings = graphene.List(
        graphene.NonNull(VoucherChannelListing),
        description="Where the voucher applies (for those who manage it; null otherwise).",
    )
    vendor = graphene.Field(
        "storefront_api.vendors.types.Vendor",
        description="The shop whose voucher it is (it pays the discount); null: the marketplace's.",
    )
    usage_limit_per_customer = graphene.Int(description="Uses allowed per buyer (applyOncePerCustomer is 1).")

    class Meta:
        model = VoucherModel
        fields = (
            "id",
            "name",
            "start_date",
            "end_date",
            "usage_limit",
            "usage_limit_per_customer",
            "currency",
        )
        description = "A voucher: a code for money off a checkout, paid by its shop or by the marketplace."

    @staticmethod
    def resolve_code(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return then(
            CodesByVoucherIdLoader(info.context).load(root.pk), lambda codes: codes[0].code if codes else None
        )

    @staticmethod
    def resolve_codes(root: VoucherModel, info, **args):  # type: ignore[no-untyped-def]
        if not may_manage(info, root):
            return None

        def page(codes):  # type: ignore[no-untyped-def]
            args.setdefault("first", None if args.get("last") else 100)
            result = paginate_rows(codes, connection_name="codes", **args)
            return VoucherCodeCountableConnection.from_page(result)

        return then(CodesByVoucherIdLoader(info.context).load(root.pk), page)

    @staticmethod
    def resolve_used(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return then(
            CodesByVoucherIdLoader(info.context).load(root.pk), lambda codes: sum(c.used for c in codes)
        )

    @staticmethod
    def resolve_apply_once_per_order(root, info):  # type: ignore[no-untyped-def]
        return False

    resolve_single_use = resolve_only_for_staff = resolve_apply_once_per_order

    @staticmethod
    def resolve_apply_once_per_customer(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return root.apply_once_per_customer

    @staticmethod
    def resolve_min_checkout_items_quantity(root, info):  # type: ignore[no-untyped-def]
        return None

    @staticmethod
    def resolve_discount_value_type(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return str(root.discount_value_type)

    @staticmethod
    def resolve_discount_value(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return float(root.discount_value) if root.discount_value is not None else None

    @staticmethod
    def resolve_min_spent(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return VoucherChannelListing.resolve_min_spent(root, info)

    @staticmethod
    def resolve_type(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return str(root.type)

    @staticmethod
    def resolve_channel_listings(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        if not may_manage(info, root):
            return None
        return [root] if root.channel_id is not None and root.discount_value is not None else []

    @staticmethod
    def resolve_vendor(root: VoucherModel, info):  # type: ignore[no-untyped-def]
        return VendorByIdLoader(info.context).load(root.vendor_id) if root.vendor_id else None


VoucherCountableConnection = connection_for(Voucher)
