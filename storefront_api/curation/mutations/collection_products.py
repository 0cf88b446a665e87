"""Which approved products a featured collection shows, and in what order."""

import graphene

from marketplace.accounts.permissions import PermissionEnum
from marketplace.curation import collections as services
from storefront_api.catalog.types.collections import Collection
from storefront_api.core.permissions import principal
from storefront_api.curation.errors import CollectionError
from storefront_api.curation.inputs import MoveProductInput
from storefront_api.curation.mutations.collections import SCOPE, CuratorCollectionMutation, in_showcase


class CollectionAddProducts(CuratorCollectionMutation):
    collection = graphene.Field(Collection)

    class Arguments:
        collection_id = graphene.ID(required=True)
        products = graphene.List(graphene.NonNull(graphene.ID), required=True, description="At most 100.")

    class Meta:
        description = (
            "Add products to a featured collection (at the end). Only products with an APPROVED "
            "showcase submission." + SCOPE
        )
        permissions = (PermissionEnum.MANAGE_SHOWCASE,)
        error_type_class = CollectionError

    @classmethod
    def perform_mutation(cls, root, info, collection_id, products):
        collection = cls.get_collection(collection_id, field="collection_id")
        ids = cls.decode_ids(products, only_type="Product", field="products")
        services.collection_add_products(actor=principal(info), collection=collection, product_ids=ids)
        return cls.success(collection=in_showcase(collection))


class CollectionRemoveProducts(CuratorCollectionMutation):
    collection = graphene.Field(Collection)

    class Arguments:
        collection_id = graphene.ID(required=True)
        products = graphene.List(graphene.NonNull(graphene.ID), required=True, description="At most 100.")

    class Meta:
        description = "Remove products from a featured collection." + SCOPE
        permissions = (PermissionEnum.MANAGE_SHOWCASE,)
        error_type_class = CollectionError

    @classmethod
    def perform_mutation(cls, root, info, collection_id, products):
        collection = cls.get_collection(collection_id, field="collection_id")
        ids = cls.decode_ids(products, only_type="Product", field="products")
        services.collection_remove_products(actor=principal(info), collection=collection, product_ids=ids)
        return cls.success(collection=in_showcase(collection))


class CollectionReorderProducts(CuratorCollectionMutation):
    collection = graphene.Field(Collection)

    class Arguments:
        collection_id = graphene.ID(required=True)
        moves = graphene.List(graphene.NonNull(MoveProductInput), required=True, description="At most 100.")

    class Meta:
        description = (
            "Reorder a featured collection's products: each move shifts a product by sortOrder "
            "places, as in Saleor." + SCOPE
        )
        permissions = (PermissionEnum.MANAGE_SHOWCASE,)
        error_type_class = CollectionError

    @classmethod
    def perform_mutation(cls, root, info, collection_id, moves):
        collection = cls.get_collection(collection_id, field="collection_id")
        parsed = [
            (
                cls.decode_id(move["product_id"], only_type="Product", field="moves"),
                move.get("sort_order") or 0,
            )
            for move in moves[:100]
        ]
        services.collection_reorder_products(actor=principal(info), collection=collection, moves=parsed)
        return cls.success(collection=in_showcase(collection))
