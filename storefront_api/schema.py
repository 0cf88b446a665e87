"""The whole API: composes each domain's queries and mutations. The only module that
imports every domain of the API layer."""

import graphene

from storefront_api.account.address_rules import AddressRulesQueries
from storefront_api.account.schema import AccountMutations, AccountQueries
from storefront_api.catalog.schema import CatalogMutations, CatalogQueries
from storefront_api.channels.schema import ChannelQueries
from storefront_api.checkout.schema import CheckoutMutations, CheckoutQueries
from storefront_api.curation.schema import CurationMutations, CurationQueries
from storefront_api.meta.mutations import MetaMutations
from storefront_api.ocop.schema import OcopMutations, OcopQueries
from storefront_api.orders.schema import OrderMutations, OrderQueries
from storefront_api.payments.schema import PaymentMutations
from storefront_api.routes.schema import RouteMutations, RouteQueries
from storefront_api.shop.types import ShopQueries
from storefront_api.vendors.schema import VendorMutations, VendorQueries


class Query(
    AccountQueries,
    AddressRulesQueries,
    CatalogQueries,
    ChannelQueries,
    CheckoutQueries,
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
    CurationMutations,
    MetaMutations,
    OcopMutations,
    OrderMutations,
    PaymentMutations,
    RouteMutations,
    VendorMutations,
    graphene.ObjectType,
):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
