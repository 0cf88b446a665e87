import graphene

from marketplace.catalog.models import ProductMedia as ProductMediaModel
from storefront_api.core.dataloaders import then
from storefront_api.core.enums import ThumbnailFormatEnum
from storefront_api.core.images import resolve_image
from storefront_api.core.object_types import ModelObjectType


class ProductMediaType(graphene.Enum):
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"


def enum_value(value):
    return getattr(value, "value", value)


class ProductMedia(ModelObjectType):
    sort_order = graphene.Int()
    alt = graphene.String(required=True)
    type = graphene.Field(ProductMediaType, required=True)
    url = graphene.String(
        required=True,
        size=graphene.Int(
            description="Size of the image; snapped to 32, 64, ... 4096. Original when omitted."
        ),
        format=graphene.Argument(ThumbnailFormatEnum, description="The format of the image."),
    )

    class Meta:
        model = ProductMediaModel
        fields = ("id",)
        description = "Represents a product media."

    @staticmethod
    def resolve_type(root: ProductMediaModel, info):
        return str(root.type)

    @staticmethod
    def resolve_url(root: ProductMediaModel, info, size=None, format=None):
        if root.external_url:
            return root.external_url
        image = resolve_image(
            info,
            kind="media",
            object_id=root.pk,
            file=root.image,
            alt=root.alt,
            size=size,
            format=enum_value(format),
        )
        return then(image, lambda img: img.url if img is not None else "")
