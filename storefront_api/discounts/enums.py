import graphene

from marketplace.discounts.models import DiscountValueType, VoucherType

# Saleor's enums, whole: clients typed against Saleor's schema compile against ours (only
# ENTIRE_ORDER vouchers are made here; the others are refused as INVALID).
VoucherTypeEnum = graphene.Enum(
    "VoucherTypeEnum", [(v, v) for v in ("SHIPPING", VoucherType.ENTIRE_ORDER.value, "SPECIFIC_PRODUCT")]
)
DiscountValueTypeEnum = graphene.Enum("DiscountValueTypeEnum", [(v, v) for v in DiscountValueType.values])


def enum_value(value):  # type: ignore[no-untyped-def]
    return getattr(value, "value", value)
