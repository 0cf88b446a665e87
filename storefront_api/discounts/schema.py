"""Vouchers: the list of those the caller manages, and Saleor's mutations."""

import graphene

from marketplace.core.text import nfc
from marketplace.discounts.selectors import search_vouchers, vouchers_for
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import principal
from storefront_api.core.types import page_args
from storefront_api.discounts.mutations import VoucherCreate, VoucherDelete, VoucherUpdate
from storefront_api.discounts.types import Voucher, VoucherCountableConnection

WHO = (
    "\n\nA shop's vouchers for its members (OWNER, STAFF), every voucher for staff with MANAGE_DISCOUNTS; "
    "signed-in callers only."
)


class VoucherFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Part of the name or a code.")
    ids = graphene.List(graphene.NonNull(graphene.ID))


def _visible(info):  # type: ignore[no-untyped-def]
    actor = principal(info)
    if actor is None:
        raise api_error("You need to be authenticated to perform this action.", "PermissionDenied")
    return vouchers_for(actor)


class DiscountQueries(graphene.ObjectType):
    vouchers = graphene.Field(
        VoucherCountableConnection,
        filter=VoucherFilterInput(),
        vendor=graphene.ID(description="Only this shop's vouchers."),
        channel=graphene.String(description="Only the vouchers of this channel (its slug)."),
        **page_args(),
        description="The vouchers the caller manages, newest first." + WHO,
    )
    voucher = graphene.Field(
        Voucher,
        id=graphene.ID(required=True),
        channel=graphene.String(description="Accepted for Saleor's shape; a voucher has one channel here."),
        description="Look up a voucher by ID (null when the caller does not manage it)." + WHO,
    )

    @staticmethod
    def resolve_vouchers(root, info, filter=None, vendor=None, channel=None, **args):  # type: ignore[no-untyped-def]
        qs = _visible(info)
        if vendor is not None:
            qs = qs.filter(vendor_id=decode_id(vendor, only_type="Vendor"))
        if channel is not None:
            qs = qs.filter(channel__slug=channel)
        filter = filter or {}
        if filter.get("ids"):
            qs = qs.filter(pk__in=[decode_id(value, only_type="Voucher") for value in filter["ids"][:100]])
        search = nfc(filter.get("search") or "").strip()[:100]
        if search:
            qs = search_vouchers(qs, search)
        page = paginate(qs, sort=[SortKey("created_at", descending=True)], connection_name="vouchers", **args)
        return VoucherCountableConnection.from_page(page)

    @staticmethod
    def resolve_voucher(root, info, id, channel=None):  # type: ignore[no-untyped-def]
        return _visible(info).filter(pk=decode_id(id, only_type="Voucher")).first()


class DiscountMutations(graphene.ObjectType):
    voucher_create = VoucherCreate.Field()
    voucher_update = VoucherUpdate.Field()
    voucher_delete = VoucherDelete.Field()
