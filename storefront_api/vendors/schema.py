"""Public queries of places and shops: only ACTIVE vendors are ever visible."""

import graphene

from storefront_api.catalog.filters import check_search, villages_of
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import principal
from storefront_api.core.types import page_args
from storefront_api.vendors.mutations import (
    VendorApply,
    VendorApprove,
    VendorMemberAdd,
    VendorSuspend,
    VendorUpdate,
)
from storefront_api.vendors.types import (
    CraftVillage,
    CraftVillageCountableConnection,
    Vendor,
    VendorCountableConnection,
)
from vendors.shops.selectors import vendor_list, vendors_visible_to
from vendors.villages.selectors import village_list, villages

PAGE_ARGS = page_args()


def _lookup(qs, type_name: str, id: str | None, slug: str | None):
    if id is not None and slug is not None:
        raise api_error("Argument 'id' cannot be combined with 'slug'.", "GRAPHQL_ERROR")
    if id is not None:
        return qs.filter(pk=decode_id(id, only_type=type_name)).first()
    if slug is not None:
        return qs.filter(slug=slug[:255]).first()
    return None


class VendorQueries(graphene.ObjectType):
    craft_villages = graphene.Field(
        graphene.NonNull(CraftVillageCountableConnection),
        search=graphene.String(description="Accent-insensitive search over name, craft and commune."),
        **PAGE_ARGS,
    )
    craft_village = graphene.Field(CraftVillage, id=graphene.ID(), slug=graphene.String())
    vendors = graphene.Field(
        graphene.NonNull(VendorCountableConnection),
        search=graphene.String(),
        villages=graphene.List(
            graphene.NonNull(graphene.ID),
            description=(
                'Shops in these craft villages, by ID or by slug ("bat-trang"); '
                "an unknown slug matches nothing."
            ),
        ),
        **PAGE_ARGS,
        description=(
            "Artisan shops: ACTIVE ones; also your own shops in any status, "
            "and every shop for MANAGE_VENDORS staff."
        ),
    )
    vendor = graphene.Field(
        Vendor,
        id=graphene.ID(),
        slug=graphene.String(),
        description="An artisan shop (visibility as in `vendors`).",
    )

    @staticmethod
    def resolve_craft_villages(root, info, search=None, **args):
        qs = village_list(search=check_search(search))
        page = paginate(qs, sort=[SortKey("name")], connection_name="craftVillages", **args)
        return CraftVillageCountableConnection.from_page(page)

    @staticmethod
    def resolve_craft_village(root, info, id=None, slug=None):
        return _lookup(villages(), "CraftVillage", id, slug)

    @staticmethod
    def resolve_vendors(root, info, search=None, villages=None, **args):
        qs = vendor_list(
            actor=principal(info), search=check_search(search), village_ids=villages_of(villages)
        )
        page = paginate(qs, sort=[SortKey("name")], connection_name="vendors", **args)
        return VendorCountableConnection.from_page(page)

    @staticmethod
    def resolve_vendor(root, info, id=None, slug=None):
        return _lookup(vendors_visible_to(principal(info)), "Vendor", id, slug)


class VendorMutations(graphene.ObjectType):
    vendor_apply = VendorApply.Field()
    vendor_approve = VendorApprove.Field()
    vendor_suspend = VendorSuspend.Field()
    vendor_update = VendorUpdate.Field()
    vendor_member_add = VendorMemberAdd.Field()
