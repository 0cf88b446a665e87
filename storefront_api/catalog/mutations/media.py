import uuid

import graphene
from django.core.exceptions import ValidationError

from marketplace.catalog.selectors import media_by_id, pending_upload_by_id
from marketplace.catalog.services import media as services
from storefront_api.catalog.errors import ProductError
from storefront_api.catalog.mutations.base import ACCESS, CatalogMutation, in_default_channel, not_found
from storefront_api.catalog.types.media import ProductMedia
from storefront_api.catalog.types.products import Product
from storefront_api.core.permissions import principal
from storefront_api.core.upload import Upload

PHOTO_RULES = " JPEG, PNG or WEBP (checked by its bytes), at most 10 MB, 20 photos per product."


class ProductMediaCreateInput(graphene.InputObjectType):
    product = graphene.ID(required=True)
    image = Upload(description="The photo, sent as a GraphQL multipart request (required).")
    alt = graphene.String()


class ProductMediaCreate(CatalogMutation):
    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)

    class Arguments:
        input = ProductMediaCreateInput(required=True)

    class Meta:
        description = "Add a photo to a product." + PHOTO_RULES + ACCESS
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, input):
        product = cls.get_product(input["product"], field="product")
        media = services.media_create(
            actor=principal(info), product=product, file=input.get("image"), alt=input.get("alt") or ""
        )
        return cls.success(product=in_default_channel(product), media=media)


class ProductMediaDelete(CatalogMutation):
    product = graphene.Field(Product)

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Delete a product photo and its thumbnails." + ACCESS
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, id):
        pk = cls.decode_id(id, only_type="ProductMedia", field="id")
        media = media_by_id(pk)
        if media is None:
            raise not_found("id", "photo")
        product = media.product
        services.media_delete(actor=principal(info), media=media)
        return cls.success(product=in_default_channel(product))


class ProductMediaReorder(CatalogMutation):
    product = graphene.Field(Product)

    class Arguments:
        product_id = graphene.ID(required=True)
        media_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    class Meta:
        description = "Order the product's photos (give every photo once)." + ACCESS
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, product_id, media_ids):
        product = cls.get_product(product_id, field="product_id")
        ids = cls.decode_ids(media_ids, only_type="ProductMedia", field="media_ids", limit=services.MAX_MEDIA)
        services.media_reorder(actor=principal(info), product=product, media_ids=ids)
        return cls.success(product=in_default_channel(product))


class PresignedUpload(graphene.ObjectType):
    upload_id = graphene.ID(required=True, description="Pass it to productMediaUploadConfirm.")
    url = graphene.String(required=True, description="POST the form here (multipart/form-data).")
    fields = graphene.JSONString(required=True, description="Form fields to send before the `file` field.")
    expires_at = graphene.DateTime(required=True)


class ProductMediaUploadUrlCreate(CatalogMutation):
    upload = graphene.Field(PresignedUpload)

    class Arguments:
        product_id = graphene.ID(required=True)

    class Meta:
        description = (
            "For phones on slow networks: a presigned POST to upload one photo straight to storage; "
            "then call productMediaUploadConfirm." + PHOTO_RULES + ACCESS
        )
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, product_id):
        product = cls.get_product(product_id, field="product_id")
        pending, post = services.media_upload_grant(actor=principal(info), product=product)
        url = post["url"] if post["url"].startswith("http") else info.context.build_absolute_uri(post["url"])
        upload = PresignedUpload(
            upload_id=str(pending.pk), url=url, fields=post["fields"], expires_at=pending.expires_at
        )
        return cls.success(upload=upload)


class ProductMediaUploadConfirm(CatalogMutation):
    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)

    class Arguments:
        upload_id = graphene.ID(required=True)
        alt = graphene.String()

    class Meta:
        description = "Check a directly uploaded photo by its bytes and add it to the product." + ACCESS
        auth_required = True
        error_type_class = ProductError

    @classmethod
    def perform_mutation(cls, root, info, upload_id, alt=None):
        pending = pending_upload_by_id(_uuid(upload_id))
        if pending is None:
            raise not_found("upload_id", "upload")
        media = services.media_upload_confirm(actor=principal(info), pending=pending, alt=alt or "")
        return cls.success(product=in_default_channel(pending.product), media=media)


def _uuid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValidationError({"upload_id": ValidationError("Not an upload id.", code="INVALID")}) from None
