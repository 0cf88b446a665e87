"""The whole API: composes each domain's queries and mutations. The only module that
imports every domain of the API layer."""

import graphene
from graphql import DirectiveLocation, GraphQLDeprecatedDirective, GraphQLDirective, specified_directives

from storefront_api.account.address_rules import AddressRulesQueries
from storefront_api.account.schema import AccountMutations, AccountQueries
from storefront_api.catalog.schema import CatalogMutations, CatalogQueries
from storefront_api.catalog.types.assigned_attributes import ASSIGNED_ATTRIBUTE_TYPES
from storefront_api.channels.schema import ChannelQueries
from storefront_api.checkout.schema import CheckoutMutations, CheckoutQueries
from storefront_api.content.schema import ContentMutations, ContentQueries
from storefront_api.core.deprecation import visible_deprecated_inputs
from storefront_api.core.scalars import bound_input_scalars
from storefront_api.curation.schema import CurationMutations, CurationQueries
from storefront_api.discounts.schema import DiscountMutations, DiscountQueries
from storefront_api.inventory.schema import InventoryQueries
from storefront_api.meta.mutations import MetaMutations
from storefront_api.ocop.schema import OcopMutations, OcopQueries
from storefront_api.orders.schema import OrderMutations, OrderQueries
from storefront_api.payments.schema import PaymentMutations
from storefront_api.returns.schema import ReturnMutations, ReturnQueries
from storefront_api.reviews.schema import ReviewMutations
from storefront_api.routes.schema import RouteMutations, RouteQueries
from storefront_api.shipping.schema import ShippingMutations
from storefront_api.shop.types import ShopQueries
from storefront_api.vendors.schema import VendorMutations, VendorQueries


class Query(
    AccountQueries,
    AddressRulesQueries,
    CatalogQueries,
    ChannelQueries,
    CheckoutQueries,
    ContentQueries,
    CurationQueries,
    DiscountQueries,
    InventoryQueries,
    OcopQueries,
    OrderQueries,
    ReturnQueries,
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
    DiscountMutations,
    MetaMutations,
    OcopMutations,
    OrderMutations,
    PaymentMutations,
    ReviewMutations,
    ReturnMutations,
    RouteMutations,
    ShippingMutations,
    VendorMutations,
    graphene.ObjectType,
):
    pass


# The concrete types of interfaces that no field names directly are passed as `types`.
# graphql-core 3.2.14 also puts @deprecated on DIRECTIVE_DEFINITION (a later spec draft);
# graphql-js 16, which Saleor's storefront generates its client types with, does not know
# that location and refuses the whole introspection result. We declare the October 2021
# spec's @deprecated (the same name, argument and meaning).
DEPRECATED_DIRECTIVE = GraphQLDirective(
    name="deprecated",
    locations=[
        DirectiveLocation.FIELD_DEFINITION,
        DirectiveLocation.ARGUMENT_DEFINITION,
        DirectiveLocation.INPUT_FIELD_DEFINITION,
        DirectiveLocation.ENUM_VALUE,
    ],
    args=GraphQLDeprecatedDirective.args,
    description=GraphQLDeprecatedDirective.description,
)

schema = graphene.Schema(
    query=Query,
    mutation=Mutation,
    types=ASSIGNED_ATTRIBUTE_TYPES,
    directives=[DEPRECATED_DIRECTIVE if d.name == "deprecated" else d for d in specified_directives],
)
bound_input_scalars(schema.graphql_schema)  # storefront_api.core.scalars: refuse unstorable input
visible_deprecated_inputs(schema.graphql_schema)  # storefront_api.core.deprecation: as Saleor
