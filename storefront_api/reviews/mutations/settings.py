import graphene

from marketplace.notifications.services import notification_settings_update
from storefront_api.account.errors import AccountError
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.reviews.types import NotificationSettings


class NotificationSettingsInput(graphene.InputObjectType):
    email = graphene.Boolean(description="Receive e-mails.")
    sms = graphene.Boolean(description="Receive SMS (needs `phone`).")
    zalo = graphene.Boolean(description="Receive Zalo messages (needs `phone`).")
    phone = graphene.String(description="The number for SMS and Zalo; empty removes it.")


class AccountNotificationSettingsUpdate(BaseMutation):
    notification_settings = graphene.Field(NotificationSettings)

    class Arguments:
        input = NotificationSettingsInput(required=True)

    class Meta:
        description = "Choose how you are told of your orders, returns, reviews and shops."
        auth_required = True
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root, info, input):  # type: ignore[no-untyped-def]
        row = notification_settings_update(
            actor=principal(info),
            email=input.get("email"),
            sms=input.get("sms"),
            zalo=input.get("zalo"),
            phone=input.get("phone"),
        )
        return cls.success(notification_settings=row)
