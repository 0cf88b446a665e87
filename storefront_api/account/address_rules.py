"""Saleor's ``addressValidationRules(countryCode, countryArea, city, cityArea)``: how a
storefront's address form should look for Vietnam's two-tier addresses
(``marketplace.accounts.address_rules``)."""

import graphene

from marketplace.accounts.address_rules import AddressRules, address_rules
from storefront_api.core.countries import CountryCode


class ChoiceValue(graphene.ObjectType):
    raw = graphene.String()
    verbose = graphene.String()


def _choices(pairs: list[tuple[str, str]]) -> list[ChoiceValue]:
    return [ChoiceValue(raw=raw, verbose=verbose) for raw, verbose in pairs]


class AddressValidationData(graphene.ObjectType):
    country_code = graphene.String(required=True)
    country_name = graphene.String(required=True)
    address_format = graphene.String(
        required=True,
        description="libaddressinput's format: %N name, %O organisation, %A street, %C commune or ward, "
        "%S province, %Z postal code, %n a new line.",
    )
    address_latin_format = graphene.String(required=True)
    allowed_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    required_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    upper_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    country_area_type = graphene.String(required=True)
    country_area_choices = graphene.List(
        graphene.NonNull(ChoiceValue), required=True, description="Vietnam: the 34 provinces (since 2025)."
    )
    city_type = graphene.String(required=True)
    city_choices = graphene.List(
        graphene.NonNull(ChoiceValue),
        required=True,
        description="Vietnam: the communes and wards of the province given as countryArea.",
    )
    city_area_type = graphene.String(required=True)
    city_area_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    postal_code_type = graphene.String(required=True)
    postal_code_matchers = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code_examples = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code_prefix = graphene.String(required=True)

    @staticmethod
    def of(rules: AddressRules) -> "AddressValidationData":
        return AddressValidationData(
            country_code=rules.country_code,
            country_name=rules.country_name,
            address_format=rules.address_format,
            address_latin_format=rules.address_latin_format,
            allowed_fields=rules.allowed_fields,
            required_fields=rules.required_fields,
            upper_fields=rules.upper_fields,
            country_area_type=rules.country_area_type,
            country_area_choices=_choices(rules.country_area_choices),
            city_type=rules.city_type,
            city_choices=_choices(rules.city_choices),
            city_area_type=rules.city_area_type,
            city_area_choices=_choices(rules.city_area_choices),
            postal_code_type=rules.postal_code_type,
            postal_code_matchers=rules.postal_code_matchers,
            postal_code_examples=rules.postal_code_examples,
            postal_code_prefix=rules.postal_code_prefix,
        )


class AddressRulesQueries(graphene.ObjectType):
    address_validation_rules = graphene.Field(
        AddressValidationData,
        country_code=graphene.Argument(
            CountryCode, required=True, description="Two-letter ISO 3166-1 country code."
        ),
        country_area=graphene.String(description="Designation of a region, province or state."),
        city=graphene.String(description="City or a town name."),
        city_area=graphene.String(description="Sublocality like a district."),
        description=(
            "Returns address validation rules: for Vietnam (the marketplace delivers there only) the "
            "34 provinces, and the communes and wards of the province given as countryArea."
        ),
    )

    @staticmethod
    def resolve_address_validation_rules(
        root, info, country_code, country_area=None, city=None, city_area=None
    ):
        code = getattr(country_code, "value", country_code)
        return AddressValidationData.of(address_rules(code, country_area=(country_area or "")[:128]))
