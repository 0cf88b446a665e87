import graphene

from marketplace.catalog.models import Category as CategoryModel
from marketplace.catalog.selectors import category_descendant_ids, visible_products
from storefront_api.catalog.dataloaders import (
    CategoryByIdLoader,
    CategoryChildrenByParentIdLoader,
    CategoryTranslationByCategoryIdAndLanguageLoader,
)
from storefront_api.catalog.filters import ProductFilterInput
from storefront_api.catalog.resolvers import product_connection
from storefront_api.catalog.sorters import ProductOrder
from storefront_api.catalog.types.media import enum_value
from storefront_api.catalog.types.products import ProductCountableConnection
from storefront_api.catalog.types.translations import CategoryTranslation, translation_field
from storefront_api.catalog.where import ProductWhereInput
from storefront_api.channels.resolvers import channel_or_error
from storefront_api.core.dataloaders import then
from storefront_api.core.enums import ThumbnailFormatEnum
from storefront_api.core.images import resolve_image
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.pagination import paginate_rows
from storefront_api.core.types import CountableConnection, Image, connection_for


class Category(ModelObjectType):
    level = graphene.Int(required=True)
    parent = graphene.Field(lambda: Category)
    background_image = graphene.Field(
        Image,
        size=graphene.Int(description="Size of the image; snapped to 32 ... 4096."),
        format=graphene.Argument(ThumbnailFormatEnum),
    )
    children = graphene.Field(
        lambda: CategoryCountableConnection,
        first=graphene.Int(),
        after=graphene.String(),
        last=graphene.Int(),
        before=graphene.String(),
        description="List of children of the category.",
    )
    ancestors = graphene.Field(
        lambda: CategoryCountableConnection,
        first=graphene.Int(),
        after=graphene.String(),
        last=graphene.Int(),
        before=graphene.String(),
        description="List of ancestors of the category, nearest first.",
    )
    products = graphene.Field(
        ProductCountableConnection,
        channel=graphene.String(description="Slug of a channel; the default channel when omitted."),
        first=graphene.Int(),
        after=graphene.String(),
        last=graphene.Int(),
        before=graphene.String(),
        filter=ProductFilterInput(),
        where=ProductWhereInput(description="Where filtering options for products (not with `filter`)."),
        search=graphene.String(description="Search products (accent- and case-insensitive)."),
        sort_by=ProductOrder(),
        description="List of products in the category and its subcategories, visible in the channel.",
    )
    translation = translation_field(CategoryTranslation, CategoryTranslationByCategoryIdAndLanguageLoader)

    seo_title = graphene.String(description="SEO title; empty when not set (Saleor types it nullable).")
    seo_description = graphene.String(description="SEO description; empty when not set.")

    class Meta:
        model = CategoryModel
        fields = ("id", "name", "slug", "description", "updated_at")
        description = "Represents a single category of products."

    @staticmethod
    def resolve_parent(root: CategoryModel, info):
        return CategoryByIdLoader(info.context).load(root.parent_id) if root.parent_id else None

    @staticmethod
    def resolve_background_image(root: CategoryModel, info, size=None, format=None):
        return resolve_image(
            info,
            kind="category",
            object_id=root.pk,
            file=root.background_image,
            alt=root.background_image_alt or root.name,
            size=size,
            format=enum_value(format),
        )

    @staticmethod
    def resolve_children(root: CategoryModel, info, **args):
        return then(
            CategoryChildrenByParentIdLoader(info.context).load(root.pk),
            lambda rows: CategoryCountableConnection.from_page(
                paginate_rows(rows, connection_name="children", **args)
            ),
        )

    @staticmethod
    def resolve_ancestors(root: CategoryModel, info, **args):
        loader = CategoryByIdLoader(info.context)

        def walk(category, found):
            if category is None or category.parent_id is None or len(found) >= 10:
                return found
            return then(
                loader.load(category.parent_id),
                lambda parent: walk(parent, [*found, parent]) if parent else found,
            )

        return then(
            walk(root, []),
            lambda rows: CategoryCountableConnection.from_page(
                paginate_rows(rows, connection_name="ancestors", **args)
            ),
        )

    @staticmethod
    def resolve_products(root: CategoryModel, info, channel=None, **args):
        channel_obj = channel_or_error(info, channel)
        category_ids = category_descendant_ids([root.pk])
        qs = visible_products(channel_id=channel_obj.pk).filter(category_id__in=category_ids)
        return product_connection(
            ProductCountableConnection, qs, channel=channel_obj, args=args, category_ids=category_ids
        )


CategoryCountableConnection: type[CountableConnection] = connection_for(Category)
