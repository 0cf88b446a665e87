from storefront_api.discounts.mutations.vouchers import (
    VoucherCreate,
    VoucherDelete,
    VoucherInput,
    VoucherUpdate,
)

__all__ = ["VoucherCreate", "VoucherDelete", "VoucherInput", "VoucherUpdate"]
