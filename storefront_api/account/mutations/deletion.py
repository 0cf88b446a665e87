"""Saleor's accountRequestDeletion and accountDelete: the signed-in user deletes their own
account with the token emailed to them (see ``marketplace.accounts.deletion``)."""

import graphene

from marketplace.accounts import deletion
from storefront_api.account.errors import AccountError
from storefront_api.account.types import User
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import request_user


class AccountRequestDeletion(BaseMutation):
    class Arguments:
        redirect_url = graphene.String(
            required=True,
            description=(
                "Storefront page the emailed link opens, with ?token=... "
                "(on STOREFRONT_URL or a CORS origin)."
            ),
        )
        channel = graphene.String(description="Slug of the channel the email is sent from (default channel).")

    class Meta:
        description = (
            "Email the signed-in user a link to delete their account. Refused for staff "
            "(DELETE_STAFF_ACCOUNT), the last owner of a shop (LAST_VENDOR_OWNER) and while orders are "
            "still being handled (OPEN_ORDERS)."
        )
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, redirect_url, channel=None):
        deletion.account_request_deletion(user=request_user(info), redirect_url=redirect_url, channel=channel)  # type: ignore[arg-type]
        return cls.success()


class AccountDelete(BaseMutation):
    user = graphene.Field(User, description="The deleted user (its id, as Saleor answers).")

    class Arguments:
        token = graphene.String(
            required=True, description="The one-time token emailed by accountRequestDeletion."
        )

    class Meta:
        description = (
            "Delete the signed-in user's account: profile, addresses, carts, photo and memberships go; "
            "orders stay for the shops, without the buyer's name, email, addresses or phone."
        )
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, token):
        user = request_user(info)
        deletion.account_delete(user=user, token=token)  # type: ignore[arg-type]
        return cls.success(user=user)
