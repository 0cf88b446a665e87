import graphene
from django.core.exceptions import ValidationError
from graphql_relay import from_global_id

from marketplace.checkout import services
from storefront_api.checkout.mutations.base import CheckoutMutation
from storefront_api.checkout.mutations.lines import CHECKOUT_ID
from storefront_api.checkout.types import Checkout, CheckoutError


def _kind(global_id: str) -> str:
    try:
        return from_global_id(global_id)[0]
    except Exception:  # garbage: reported as INVALID by decode_id below
        return ""


class CheckoutDeliveryMethodUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = CHECKOUT_ID
        delivery_method_id = graphene.ID(
            description=(
                "A ShippingMethod of shippingMethods or a Warehouse of availableCollectionPoints; "
                "null removes the chosen delivery method."
            ),
        )

    class Meta:
        description = (
            "Choose delivery (a shipping method, priced per artisan parcel) or pickup at a collection point "
            "that can serve every shop of the checkout."
        )
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, delivery_method_id):  # type: ignore[no-untyped-def]
        checkout = cls.get_checkout(info, id)
        field = "deliveryMethodId"
        if delivery_method_id is None:
            checkout = services.delivery_method_update(checkout=checkout)
        elif _kind(delivery_method_id) == "Warehouse":
            pk = cls.decode_id(delivery_method_id, only_type="Warehouse", field=field)
            checkout = services.delivery_method_update(checkout=checkout, warehouse_id=pk)
        elif _kind(delivery_method_id) == "ShippingMethod":
            pk = cls.decode_id(delivery_method_id, only_type="ShippingMethod", field=field)
            checkout = services.delivery_method_update(checkout=checkout, shipping_method_id=pk)
        else:
            raise ValidationError(
                {field: ValidationError("Must receive a ShippingMethod or a Warehouse id.", code="INVALID")}
            )
        return cls.success(checkout=checkout)
