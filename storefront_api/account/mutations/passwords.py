import graphene

from marketplace.accounts import services
from marketplace.accounts.tokens import create_access_token, create_refresh_token
from storefront_api.account.errors import AccountError
from storefront_api.account.types import User
from storefront_api.core.auth import request_issuer
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import request_user


class RequestPasswordReset(BaseMutation):
    class Arguments:
        email = graphene.String(required=True)
        redirect_url = graphene.String(
            required=True,
            description="Storefront page the reset link opens (on STOREFRONT_URL or a CORS origin).",
        )
        channel = graphene.String(description="Slug of the channel the email is sent from (default channel).")

    class Meta:
        description = "Email a password reset link. Answers the same whether or not the account exists."
        public = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, email, redirect_url, channel=None):
        services.request_password_reset(email=email, redirect_url=redirect_url, channel=channel)
        return cls.success()


class SetPassword(BaseMutation):
    token = graphene.String()
    refresh_token = graphene.String()
    user = graphene.Field(User)

    class Arguments:
        email = graphene.String(required=True)
        token = graphene.String(required=True, description="The token from the reset email.")
        password = graphene.String(required=True)

    class Meta:
        description = "Set a new password with the emailed token; revokes every earlier token and signs in."
        public = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, email, token, password):
        user = services.set_password(email=email, token=token, password=password)
        issuer = request_issuer(info.context)
        return cls.success(
            user=user,
            token=create_access_token(user, issuer=issuer),
            refresh_token=create_refresh_token(user, issuer=issuer),
        )


class PasswordChange(BaseMutation):
    user = graphene.Field(User)

    class Arguments:
        old_password = graphene.String(description="The current password.")
        new_password = graphene.String(required=True)

    class Meta:
        description = "Change the signed-in user's password; revokes every earlier token."
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, new_password, old_password=None):
        user = services.password_change(
            user=request_user(info),  # type: ignore[arg-type]
            old_password=old_password,
            new_password=new_password,
        )
        return cls.success(user=user)
