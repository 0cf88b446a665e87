import graphene
from django.core.exceptions import ValidationError
from graphql_relay import from_global_id

from marketplace.checkout import services
from marketplace.checkout.delivery import collection_points_for, pickup_options
from marketplace.checkout.fetch import fetch_checkout_info
from marketplace.checkout.services import checkout_for
from marketplace.shipping.error_codes import DeliveryOptionsCalculateErrorCode
from storefront_api.checkout.delivery import CheckoutDelivery, Delivery, parse_delivery_id
from storefront_api.checkout.mutations.base import CheckoutMutation
from storefront_api.checkout.mutations.lines import CHECKOUT_ID
from storefront_api.checkout.types import Checkout, CheckoutError
from storefront_api.core.mutations import BaseMutation, error_type
from storefront_api.core.permissions import principal

FIELD = "deliveryMethodId"


def _kind(global_id: str) -> str:
    try:
        return from_global_id(global_id)[0]
    except Exception:  # garbage: reported as INVALID below
        return ""


def _not_applicable() -> ValidationError:
    return ValidationError(
        {
            FIELD: ValidationError(
                "This delivery method is not applicable.", code="DELIVERY_METHOD_NOT_APPLICABLE"
            )
        }
    )


class CheckoutDeliveryMethodUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = CHECKOUT_ID
        delivery_method_id = graphene.ID(
            description=(
                "A Delivery ID of deliveryOptionsCalculate (a shipping method or a collection point), "
                "a ShippingMethod of shippingMethods or a Warehouse of availableCollectionPoints; "
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
    def perform_mutation(cls, root, info, id, delivery_method_id):
        checkout = cls.get_checkout(info, id)
        if delivery_method_id is None:
            return cls.success(checkout=services.delivery_method_update(checkout=checkout))
        kind = _kind(delivery_method_id)
        if kind == "CheckoutDelivery":
            parsed = parse_delivery_id(delivery_method_id)
            if parsed is None:
                raise ValidationError(
                    {FIELD: ValidationError("Couldn't resolve to a delivery.", code="INVALID")}
                )
            token, letter, pk = parsed
            if token != str(checkout.pk):
                raise _not_applicable()  # another checkout's option
            if letter == "w":
                return cls.success(
                    checkout=services.delivery_method_update(checkout=checkout, warehouse_id=pk)
                )
            return cls.success(
                checkout=services.delivery_method_update(checkout=checkout, shipping_method_id=pk)
            )
        if kind == "Warehouse":
            pk = cls.decode_id(delivery_method_id, only_type="Warehouse", field=FIELD)
            checkout = services.delivery_method_update(checkout=checkout, warehouse_id=pk)
        elif kind == "ShippingMethod":
            pk = cls.decode_id(delivery_method_id, only_type="ShippingMethod", field=FIELD)
            checkout = services.delivery_method_update(checkout=checkout, shipping_method_id=pk)
        else:
            raise ValidationError(
                {
                    FIELD: ValidationError(
                        "ID does not belong to Warehouse, ShippingMethod, or CheckoutDelivery", code="INVALID"
                    )
                }
            )
        return cls.success(checkout=checkout)


DeliveryOptionsCalculateError = error_type("DeliveryOptionsCalculateError", DeliveryOptionsCalculateErrorCode)


class DeliveryOptionsCalculate(BaseMutation):
    deliveries = graphene.List(
        graphene.NonNull(Delivery), required=True, description="List of the available deliveries."
    )

    class Arguments:
        id = graphene.ID(required=True, description="The ID of the checkout.")

    class Meta:
        description = (
            "Calculates the delivery options of a checkout: the shipping methods of its address's zone, "
            "each priced over every artisan's parcel (active false when a parcel is too heavy), then the "
            "collection points that can serve every shop of the cart (free). Choose one with "
            "checkoutDeliveryMethodUpdate(deliveryMethodId: <Delivery ID>)."
        )
        public = True
        error_type_class = DeliveryOptionsCalculateError

    @staticmethod
    def resolve_deliveries(root, info):
        return root.deliveries or []  # [] with errors, as Saleor's default

    @classmethod
    def perform_mutation(cls, root, info, id):
        token = cls.decode_uuid(id, only_type="Checkout", field="id")
        checkout = checkout_for(token, actor=principal(info))
        if checkout is None:
            raise ValidationError(
                {"id": ValidationError("Couldn't resolve to a checkout.", code="NOT_FOUND")}
            )
        data = fetch_checkout_info(checkout)
        options: list = list(data.shipping_options)
        if data.is_shipping_required:
            options += pickup_options(data, collection_points_for(data))
        return cls.success(deliveries=[CheckoutDelivery(checkout.pk, option) for option in options])
