import graphene

from marketplace.accounts.models import Address as AddressModel
from marketplace.accounts.models import Group as GroupModel
from marketplace.accounts.models import User as UserModel
from marketplace.accounts.permissions import PermissionEnum as PermissionValues
from marketplace.accounts.permissions import effective_permissions, is_curator
from marketplace.checkout.selectors import checkouts_of
from marketplace.notifications.services import settings_of
from storefront_api.account.enums import PermissionEnum
from storefront_api.checkout.types import CheckoutCountableConnection
from storefront_api.core.enums import LanguageCodeEnum, ThumbnailFormatEnum
from storefront_api.core.images import resolve_image
from storefront_api.core.metadata import ObjectWithMetadata
from storefront_api.core.object_types import ModelObjectType
from storefront_api.core.pagination import SortKey, paginate
from storefront_api.core.permissions import describe, has_one_of, permission_required, request_user
from storefront_api.core.types import CountryDisplay, Image, connection_for, country_display, page_args
from storefront_api.orders.types import OrderCountableConnection, order_context

PAGE_ARGS = page_args()


class Address(ModelObjectType):
    street_address1 = graphene.String(required=True)
    street_address2 = graphene.String(required=True)
    city = graphene.String(
        required=True, description="The commune or ward (xã/phường/đặc khu), official spelling."
    )
    country = graphene.Field(CountryDisplay, required=True)
    country_area = graphene.String(
        required=True, description="The province or centrally-run city, official spelling."
    )
    phone = graphene.String(description="In E.164 (+84912345678); empty when not given.")
    is_default_shipping_address = graphene.Boolean()
    is_default_billing_address = graphene.Boolean()

    class Meta:
        model = AddressModel
        fields = ("id", "first_name", "last_name", "company_name", "city_area", "postal_code")
        description = "A Vietnamese address: province (countryArea), then commune or ward (city)."

    @staticmethod
    def resolve_street_address1(root: AddressModel, info):
        return root.street_address_1

    @staticmethod
    def resolve_street_address2(root: AddressModel, info):
        return root.street_address_2

    @staticmethod
    def resolve_phone(root: AddressModel, info):
        return root.phone

    @staticmethod
    def resolve_country(root: AddressModel, info):
        return country_display(root.country)

    @staticmethod
    def resolve_is_default_shipping_address(root: AddressModel, info):
        user = request_user(info)
        return bool(user and user.default_shipping_address_id == root.pk)

    @staticmethod
    def resolve_is_default_billing_address(root: AddressModel, info):
        user = request_user(info)
        return bool(user and user.default_billing_address_id == root.pk)


class Permission(graphene.ObjectType):
    code = graphene.Field(PermissionEnum, required=True)
    name = graphene.String(required=True)

    class Meta:
        description = "A permission a group grants."


class UserPermission(graphene.ObjectType):
    code = graphene.Field(PermissionEnum, required=True)
    name = graphene.String(required=True)

    class Meta:
        description = "A permission a user holds."


def _permissions(permissions, kind=UserPermission):
    return [kind(code=p.name, name=p.name.replace("_", " ").capitalize()) for p in sorted(permissions)]


class Group(ModelObjectType):
    permissions = graphene.List(graphene.NonNull(Permission))
    users = graphene.List(
        graphene.NonNull(lambda: User),
        description="Members of the group." + describe([PermissionValues.MANAGE_STAFF]),
    )

    class Meta:
        model = GroupModel
        fields = ("id", "name")
        description = "A permission group: its members hold its permissions."

    @staticmethod
    def resolve_permissions(root: GroupModel, info):
        codes = root.permissions.filter(content_type__app_label="accounts").values_list("codename", flat=True)
        return _permissions([PermissionValues(f"accounts.{c}") for c in codes], Permission)

    @staticmethod
    @permission_required(PermissionValues.MANAGE_STAFF)
    def resolve_users(root: GroupModel, info):
        return list(root.user_set.order_by("email"))


class User(ModelObjectType):
    is_staff = graphene.Boolean(required=True)
    is_active = graphene.Boolean(required=True)
    is_confirmed = graphene.Boolean(required=True)
    language_code = graphene.Field(LanguageCodeEnum, required=True)
    date_joined = graphene.DateTime(required=True)
    default_shipping_address = graphene.Field(Address)
    default_billing_address = graphene.Field(Address)
    addresses = graphene.List(graphene.NonNull(Address), required=True)
    orders = graphene.Field(
        OrderCountableConnection, **PAGE_ARGS, description="The user's orders, newest first."
    )
    checkouts = graphene.Field(
        CheckoutCountableConnection,
        channel=graphene.String(description="Only the checkouts of this channel."),
        **PAGE_ARGS,
        description="The signed-in customer's own open checkouts, the latest changed first.",
    )
    user_permissions = graphene.List(
        graphene.NonNull(UserPermission), description="Permissions the user holds."
    )
    permission_groups = graphene.List(graphene.NonNull(Group))
    avatar = graphene.Field(
        Image,
        size=graphene.Int(
            description="Size of the image (snapped up to 32, 64 ... 4096); the original when omitted."
        ),
        format=graphene.Argument(
            ThumbnailFormatEnum, description="The format of the thumbnail (ORIGINAL by default)."
        ),
        description="The user's photo (userAvatarUpdate); null when there is none.",
    )
    is_curator = graphene.Boolean(required=True, description="A curator of the Design Centre showcase.")
    notification_settings = graphene.Field(
        "storefront_api.reviews.types.NotificationSettings",
        description="How the user is told (accountNotificationSettingsUpdate); for the user themselves only.",
    )
    vendor_memberships = graphene.List(
        graphene.NonNull("storefront_api.vendors.types.VendorMember"),
        required=True,
        description="The artisan shops the user works for, with the role.",
    )

    class Meta:
        model = UserModel
        fields = ("id", "email", "first_name", "last_name", "updated_at", "last_login")
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "A user: buyer, artisan, curator or staff."

    @staticmethod
    def resolve_avatar(root: UserModel, info, size=None, format=None):
        return resolve_image(
            info,
            kind="user",
            object_id=root.pk,
            file=root.avatar,
            alt=None,
            size=size,
            format=getattr(format, "value", format),
        )

    @staticmethod
    def metadata_readable(root: UserModel, info) -> bool:
        user = request_user(info)
        if user is not None and user.pk == root.pk:
            return True
        return has_one_of(
            info, [PermissionValues.MANAGE_STAFF if root.is_staff else PermissionValues.MANAGE_USERS]
        )

    @staticmethod
    def private_metadata_readable(root: UserModel, info) -> bool:
        return has_one_of(
            info, [PermissionValues.MANAGE_STAFF if root.is_staff else PermissionValues.MANAGE_USERS]
        )

    @staticmethod
    def resolve_language_code(root: UserModel, info):
        return root.language_code

    @staticmethod
    def resolve_addresses(root: UserModel, info):
        return list(root.addresses.order_by("pk"))

    @staticmethod
    def resolve_orders(root: UserModel, info, **args):
        page = paginate(
            root.orders.all(), sort=[SortKey("number", descending=True)], connection_name="orders", **args
        )
        return OrderCountableConnection.from_page(page, wrap=order_context)

    @staticmethod
    def resolve_checkouts(root: UserModel, info, channel=None, **args):
        from_connection = checkouts_of(root)
        user = request_user(info)
        if user is None or user.pk != root.pk:
            from_connection = from_connection.none()
        if channel is not None:
            from_connection = from_connection.filter(channel__slug=channel[:255])
        page = paginate(
            from_connection,
            sort=[SortKey("last_change", descending=True)],
            connection_name="checkouts",
            **args,
        )
        return info.schema.get_type("CheckoutCountableConnection").graphene_type.from_page(page)

    @staticmethod
    def resolve_user_permissions(root: UserModel, info):
        return _permissions(effective_permissions(root))

    @staticmethod
    def resolve_permission_groups(root: UserModel, info):
        return list(root.groups.order_by("name"))

    @staticmethod
    def resolve_is_curator(root: UserModel, info):
        return is_curator(root)

    @staticmethod
    def resolve_notification_settings(root: UserModel, info):  # type: ignore[no-untyped-def]
        viewer = request_user(info)
        return settings_of(root) if viewer is not None and viewer.pk == root.pk else None

    @staticmethod
    def resolve_vendor_memberships(root: UserModel, info):  # type: ignore[no-untyped-def]
        return list(root.vendor_memberships.select_related("vendor").order_by("pk"))


GroupCountableConnection = connection_for(Group)
