"""The whole API: composes each domain's queries and mutations. The only module that
imports every domain of the API layer."""

import graphene

from storefront_api.account.schema import AccountMutations, AccountQueries
from storefront_api.catalog.schema import CatalogMutations, CatalogQueries
from storefront_api.catalog.types.assigned_attributes import ASSIGNED_ATTRIBUTE_TYPES
from storefront_api.channels.schema import ChannelQueries
from storefront_api.checkout.schema import CheckoutMutations, CheckoutQueries
from storefront_api.content.schema import ContentMutations, ContentQueries
from storefront_api.core.scalars import bound_input_scalars
from storefront_api.curation.schema import CurationMutations, CurationQueries
from storefront_api.ocop.schema import OcopMutations, OcopQueries
from storefront_api.orders.schema import OrderMutations, OrderQueries
from storefront_api.routes.schema import RouteMutations, RouteQueries
from storefront_api.shop.types import ShopQueries
from storefront_api.vendors.schema import VendorMutations, VendorQueries


class Query(
    AccountQueries,
    CatalogQueries,
    ChannelQueries,
    CheckoutQueries,
    ContentQueries,
    CurationQueries,
    OcopQueries,
    OrderQueries,
    RouteQueries,
    ShopQueries,
    VendorQueries,
    graphene.ObjectType,
):
    pass


class Mutation(
    AccountMutations,
    CatalogMutations,
    CheckoutMutations,
    ContentMutations,
    CurationMutations,
    OcopMutations,
    OrderMutations,
    RouteMutations,
    VendorMutations,
    graphene.ObjectType,
):
    pass


# The concrete types of interfaces that no field names directly.
schema = graphene.Schema(query=Query, mutation=Mutation, types=ASSIGNED_ATTRIBUTE_TYPES)
bound_input_scalars(schema.graphql_schema)  # storefront_api.core.scalars: refuse unstorable input
