import graphene
from django.core.exceptions import ValidationError
from graphene.types.generic import GenericScalar

from marketplace.accounts import services
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.tokens import (
    ACCESS,
    REFRESH,
    TokenError,
    create_access_token,
    create_refresh_token,
    token_payload,
    user_from_token,
)
from marketplace.core.clients import client_of
from storefront_api.account.errors import AccountError
from storefront_api.account.types import User
from storefront_api.core.auth import request_issuer
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import request_user


def _token_error(field: str, error: TokenError) -> ValidationError:
    return ValidationError({field: ValidationError(error.message, code=error.code.value)})


def client_ip(info) -> str | None:
    """The address sign-in attempts are counted for (None for a trusted storefront server)."""
    client = client_of(info.context.META)
    return client.limited_ip if client.via_storefront or client.ip else "unknown"


class CreateToken(BaseMutation):
    token = graphene.String(description="Access token (JWT), valid for minutes.")
    refresh_token = graphene.String(description="Refresh token (JWT), valid for weeks.")
    user = graphene.Field(User)

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)

    class Meta:
        description = "Sign in: create an access and a refresh token. Throttled per IP and per account."
        public = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, email, password):
        user = services.authenticate(email=email, password=password, ip=client_ip(info))
        issuer = request_issuer(info.context)
        return cls.success(
            token=create_access_token(user, issuer=issuer),
            refresh_token=create_refresh_token(user, issuer=issuer),
            user=user,
        )


class RefreshToken(BaseMutation):
    token = graphene.String(description="A new access token.")
    user = graphene.Field(User)

    class Arguments:
        refresh_token = graphene.String(description="The refresh token from tokenCreate.")

    class Meta:
        description = "Create a new access token from a refresh token."
        public = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, refresh_token=None):
        if not refresh_token:
            raise _token_error(
                "refresh_token", TokenError(AccountErrorCode.JWT_MISSING_TOKEN, "Missing refresh token.")
            )
        issuer = request_issuer(info.context)
        try:
            user = user_from_token(refresh_token, expected_type=REFRESH, issuer=issuer)
        except TokenError as error:
            raise _token_error("refresh_token", error) from None
        return cls.success(token=create_access_token(user, issuer=issuer), user=user)


class VerifyToken(BaseMutation):
    is_valid = graphene.Boolean(required=True)
    user = graphene.Field(User)
    payload = GenericScalar(description="The token's claims.")

    class Arguments:
        token = graphene.String(required=True)

    class Meta:
        description = "Verify an access token: signature, expiry, revocation and the user being active."
        public = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, token):
        issuer = request_issuer(info.context)
        try:
            user = user_from_token(token, expected_type=ACCESS, issuer=issuer)
        except TokenError as error:
            return cls(errors=cls.errors_from(_token_error("token", error)), is_valid=False)
        return cls.success(is_valid=True, user=user, payload=token_payload(token, issuer=issuer))


class DeactivateAllUserTokens(BaseMutation):
    class Meta:
        description = "Revoke every access and refresh token of the signed-in user."
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info):
        services.deactivate_all_tokens(user=request_user(info))  # type: ignore[arg-type]
        return cls.success()
