"""Types shared by every domain of the API: money, images, languages, countries, connections."""

import graphene
from django.conf import settings
from django.utils.translation import get_language_info

from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.pagination import Page


class Money(graphene.ObjectType):
    amount = graphene.Float(required=True, description="Amount of money.")
    currency = graphene.String(required=True, description="Currency code (ISO 4217).")

    class Meta:
        description = "Represents amount of money in specific currency."


class TaxedMoney(graphene.ObjectType):
    currency = graphene.String(required=True)
    gross = graphene.Field(Money, required=True, description="Amount of money including taxes.")
    net = graphene.Field(Money, required=True, description="Amount of money without taxes.")
    tax = graphene.Field(Money, required=True, description="Amount of taxes.")

    class Meta:
        description = "Represents a monetary value with taxes. Prices are tax-inclusive."


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney, description="Lower bound of a price range.")
    stop = graphene.Field(TaxedMoney, description="Upper bound of a price range.")

    class Meta:
        description = "Represents a range of monetary values."


class Image(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the image.")
    alt = graphene.String(description="Alt text for an image.")

    class Meta:
        description = "Represents an image."


class LanguageDisplay(graphene.ObjectType):
    code = graphene.Field(
        LanguageCodeEnum, required=True, description="ISO 639 representation of the language name."
    )
    language = graphene.String(required=True, description="Full name of the language.")

    @staticmethod
    def for_code(code: str) -> "LanguageDisplay":
        """``code`` as Django writes it (``vi``, ``en``): a value of LanguageCodeEnum."""
        return LanguageDisplay(code=code, language=get_language_info(code)["name"])


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="Country code.")
    country = graphene.String(required=True, description="Country name.")


COUNTRY_NAMES = {"VN": "Việt Nam"}


def country_display(code: str) -> CountryDisplay:
    return CountryDisplay(code=code, country=COUNTRY_NAMES.get(code, code))


def default_language_codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


class CountableConnection(graphene.relay.Connection):
    total_count = graphene.Int(description="A total count of items in the collection.")

    class Meta:
        abstract = True

    @staticmethod
    def resolve_total_count(root, info):
        return root.page.queryset.count()

    @classmethod
    def from_page(cls, page: Page, wrap=lambda row: row):
        edges = [
            cls.Edge(node=wrap(row), cursor=cursor)
            for row, cursor in zip(page.rows, page.cursors, strict=True)
        ]
        page_info = graphene.relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        )
        connection = cls(edges=edges, page_info=page_info)
        connection.page = page
        return connection


def connection_for(node_type: type, name: str | None = None) -> type[CountableConnection]:
    """``<Node>CountableConnection`` with ``<Node>CountableEdge``, as Saleor names and types
    them: ``edges: [<Node>CountableEdge!]!``, ``node: <Node>!``, ``pageInfo: PageInfo!``."""
    name = name or node_type._meta.name  # type: ignore[attr-defined]
    meta = type("Meta", (), {"node": node_type, "name": f"{name}CountableConnection", "strict_types": True})
    return type(f"{name}CountableConnection", (CountableConnection,), {"Meta": meta})


def page_args() -> dict[str, graphene.Argument]:
    """The Relay pagination arguments every connection field takes (at most 100 rows)."""
    return {
        "first": graphene.Int(description="Return the first n elements from the list (at most 100)."),
        "after": graphene.String(description="Return the elements that come after the specified cursor."),
        "last": graphene.Int(description="Return the last n elements from the list (at most 100)."),
        "before": graphene.String(description="Return the elements that come before the specified cursor."),
    }
