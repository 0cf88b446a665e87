import graphene

from storefront_api.account.enums import PermissionEnum
from storefront_api.core.countries import CountryCode
from storefront_api.core.enums import LanguageCodeEnum


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String()
    last_name = graphene.String()
    company_name = graphene.String()
    street_address1 = graphene.String(description="House number and street.")
    street_address2 = graphene.String()
    city = graphene.String(description='The commune or ward ("xã Bát Tràng"); matched without accents.')
    city_area = graphene.String()
    postal_code = graphene.String(description="5 digits.")
    country = graphene.Field(CountryCode, description="VN: the marketplace delivers in Vietnam only.")
    country_area = graphene.String(
        description='The province ("Hà Nội", "Thành phố Hà Nội"); matched without accents.'
    )
    phone = graphene.String(
        description="Any country's number (+33 6 12 34 56 78); without a leading + it is read as "
        "Vietnamese (0912 345 678). Stored in E.164."
    )


def address_data(input: dict) -> dict:
    """Model field names of an AddressInput (streetAddress1 -> street_address_1...)."""
    renamed = {"street_address1": "street_address_1", "street_address2": "street_address_2"}
    data = {renamed.get(key, key): value for key, value in input.items()}
    if data.get("country") is not None:
        data["country"] = getattr(data["country"], "value", data["country"])
    return data


class AccountRegisterInput(graphene.InputObjectType):
    email = graphene.String(required=True)
    password = graphene.String(required=True)
    first_name = graphene.String()
    last_name = graphene.String()
    language_code = graphene.Argument(LanguageCodeEnum)
    redirect_url = graphene.String(description="Storefront page the confirmation link opens.")
    channel = graphene.String(description="Slug of the channel the account is registered from.")


class AccountInput(graphene.InputObjectType):
    first_name = graphene.String()
    last_name = graphene.String()
    language_code = graphene.Argument(LanguageCodeEnum)


class StaffCreateInput(graphene.InputObjectType):
    email = graphene.String(description="Required.")
    first_name = graphene.String()
    last_name = graphene.String()
    add_groups = graphene.List(graphene.NonNull(graphene.ID), description="Permission groups to join.")
    redirect_url = graphene.String(description="Storefront page where the new staff member sets a password.")


class PermissionGroupCreateInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    add_permissions = graphene.List(graphene.NonNull(PermissionEnum))
    add_users = graphene.List(graphene.NonNull(graphene.ID))


class PermissionGroupUpdateInput(graphene.InputObjectType):
    name = graphene.String()
    add_permissions = graphene.List(graphene.NonNull(PermissionEnum))
    remove_permissions = graphene.List(graphene.NonNull(PermissionEnum))
    add_users = graphene.List(graphene.NonNull(graphene.ID))
    remove_users = graphene.List(graphene.NonNull(graphene.ID))
