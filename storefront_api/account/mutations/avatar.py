"""Saleor's userAvatarUpdate and userAvatarDelete: the signed-in user's own photo."""

import graphene

from marketplace.accounts import avatars
from storefront_api.account.errors import AccountError
from storefront_api.account.types import User
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import request_user
from storefront_api.core.upload import Upload


class UserAvatarUpdate(BaseMutation):
    user = graphene.Field(User)

    class Arguments:
        image = Upload(
            required=True,
            description="JPEG, PNG or WEBP, at most 10 MB and 40 megapixels (GraphQL multipart request).",
        )

    class Meta:
        description = "Create or replace the signed-in user's avatar."
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, image):
        return cls.success(user=avatars.avatar_update(user=request_user(info), image=image))  # type: ignore[arg-type]


class UserAvatarDelete(BaseMutation):
    user = graphene.Field(User)

    class Meta:
        description = "Delete the signed-in user's avatar (and its thumbnails)."
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info):
        return cls.success(user=avatars.avatar_delete(user=request_user(info)))  # type: ignore[arg-type]
