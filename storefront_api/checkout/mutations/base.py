"""The base of the checkout mutations: the checkout from its ID (the buyer's capability),
typed CheckoutError with ``variants`` and ``lines`` as global IDs."""

from typing import Any

from django.core.exceptions import ValidationError

from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.checkout.services import checkout_for
from storefront_api.core.ids import to_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal

LINES_LIMIT = 100


def not_found(field: str = "id") -> ValidationError:
    return ValidationError(
        {field: ValidationError("Couldn't resolve to a checkout.", code=CheckoutErrorCode.NOT_FOUND.value)}
    )


class CheckoutMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_checkout(cls, info: Any, global_id: str, field: str = "id") -> Checkout:
        token = cls.decode_uuid(global_id, only_type="Checkout", field=field)
        checkout = checkout_for(token, actor=principal(info))
        if checkout is None:
            raise not_found(field)
        if not checkout.channel.is_active:
            raise ValidationError(
                {"channel": ValidationError("The checkout's channel is inactive.", code="CHANNEL_INACTIVE")}
            )
        return checkout

    @classmethod
    def get_checkout_by(cls, info: Any, *, id: str | None, checkout_id: str | None) -> Checkout:
        """Saleor's older mutations take ``checkoutId`` (deprecated) or ``id``: exactly one."""
        if id and checkout_id:
            raise ValidationError("Argument 'checkout_id' cannot be combined with 'id'", code="GRAPHQL_ERROR")
        if not (id or checkout_id):
            raise ValidationError(
                "At least one of arguments is required: 'checkout_id', 'id'.", code="GRAPHQL_ERROR"
            )
        return cls.get_checkout(info, id or checkout_id, field="id" if id else "checkoutId")  # type: ignore[arg-type]

    @classmethod
    def error_extras(cls, params: dict[str, Any]) -> dict[str, Any]:
        extras = {}
        if "variants" in params:
            extras["variants"] = [to_id("ProductVariant", pk) for pk in params["variants"]]
        if "lines" in params:
            extras["lines"] = [to_id("CheckoutLine", pk) for pk in params["lines"]]
        if "address_type" in params:
            extras["address_type"] = params["address_type"]
        return extras

    @classmethod
    def line_inputs(cls, lines: list[dict[str, Any]]) -> list[tuple[int, int]]:
        if len(lines) > LINES_LIMIT:
            raise ValidationError({"lines": ValidationError(f"At most {LINES_LIMIT} lines.", code="INVALID")})
        return [
            (
                cls.decode_id(line["variant_id"], only_type="ProductVariant", field="variantId"),
                line["quantity"],
            )
            for line in lines
        ]
