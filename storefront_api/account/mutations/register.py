import graphene

from marketplace.accounts import services
from storefront_api.account.errors import AccountError
from storefront_api.account.inputs import AccountRegisterInput
from storefront_api.account.types import User
from storefront_api.catalog.types.translations import language_value
from storefront_api.core.mutations import BaseMutation


class AccountRegister(BaseMutation):
    user = graphene.Field(User, description="The new user; null while the email awaits confirmation.")
    requires_confirmation = graphene.Boolean(description="Whether the account must be confirmed by email.")

    class Arguments:
        input = AccountRegisterInput(required=True)

    class Meta:
        description = (
            "Register a customer account. With email confirmation on, the answer is the same "
            "whether or not the email already has an account."
        )
        public = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, input):
        user, requires_confirmation = services.account_register(
            email=input["email"],
            password=input["password"],
            first_name=input.get("first_name") or "",
            last_name=input.get("last_name") or "",
            language_code=language_value(input.get("language_code")) or "vi",
            redirect_url=input.get("redirect_url"),
            channel=input.get("channel"),
        )
        return cls.success(user=user, requires_confirmation=requires_confirmation)


class ConfirmAccount(BaseMutation):
    user = graphene.Field(User)

    class Arguments:
        email = graphene.String(required=True)
        token = graphene.String(required=True, description="The token from the confirmation email.")

    class Meta:
        description = "Confirm a registered account with the token sent by email."
        public = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, email, token):
        return cls.success(user=services.account_confirm(email=email, token=token))
