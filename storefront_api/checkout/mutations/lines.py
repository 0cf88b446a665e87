import graphene
from django.core.exceptions import ValidationError

from marketplace.checkout import services
from storefront_api.checkout.inputs import CheckoutLineInput, CheckoutLineUpdateInput
from storefront_api.checkout.mutations.base import LINES_LIMIT, CheckoutMutation
from storefront_api.checkout.types import Checkout, CheckoutError

CHECKOUT_ID = graphene.ID(description="The checkout's ID (required; optional in the schema as in Saleor).")


class CheckoutLinesAdd(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = CHECKOUT_ID
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)

    class Meta:
        description = "Adds checkout lines (quantities add up, at most 50 of an item); reserves their stock."
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, lines):
        checkout = cls.get_checkout(info, id)
        return cls.success(checkout=services.lines_add(checkout=checkout, lines=cls.line_inputs(lines)))


class CheckoutLinesUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = CHECKOUT_ID
        lines = graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True)

    class Meta:
        description = "Sets the quantity of checkout lines (0 removes a line); reserves their stock."
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, lines):
        checkout = cls.get_checkout(info, id)
        if len(lines) > LINES_LIMIT:
            raise ValidationError({"lines": ValidationError(f"At most {LINES_LIMIT} lines.", code="INVALID")})
        updates = []
        for line in lines:
            if line.get("quantity") is None:
                raise ValidationError(
                    {"quantity": ValidationError("The quantity is required.", code="REQUIRED")}
                )
            if line.get("line_id"):
                line_id = cls.decode_uuid(line["line_id"], only_type="CheckoutLine", field="lineId")
                updates.append(services.LineQuantity(quantity=line["quantity"], line_id=line_id))
            elif line.get("variant_id"):
                variant_id = cls.decode_id(line["variant_id"], only_type="ProductVariant", field="variantId")
                updates.append(services.LineQuantity(quantity=line["quantity"], variant_id=variant_id))
            else:
                raise ValidationError(
                    {"lineId": ValidationError("Give lineId or variantId.", code="REQUIRED")}
                )
        return cls.success(checkout=services.lines_update(checkout=checkout, lines=updates))


class CheckoutLinesDelete(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = CHECKOUT_ID
        lines_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    class Meta:
        description = "Deletes checkout lines (and frees their reserved stock)."
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, lines_ids):
        checkout = cls.get_checkout(info, id)
        if len(lines_ids) > LINES_LIMIT:
            raise ValidationError(
                {"linesIds": ValidationError(f"At most {LINES_LIMIT} lines.", code="INVALID")}
            )
        line_ids = [cls.decode_uuid(value, only_type="CheckoutLine", field="lineId") for value in lines_ids]
        return cls.success(checkout=services.lines_delete(checkout=checkout, line_ids=line_ids))


class CheckoutLineDelete(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        checkout_id = graphene.ID(
            description="The ID of the checkout.", deprecation_reason="Use `id` instead."
        )
        id = graphene.ID(description="The checkout's ID.")
        line_id = graphene.ID(description="ID of the checkout line to delete.")

    class Meta:
        description = "Deletes a checkout line (and frees its reserved stock)."
        public = True
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id=None, checkout_id=None, line_id=None):
        checkout = cls.get_checkout_by(info, id=id, checkout_id=checkout_id)
        if not line_id:
            message = "Couldn't resolve to a checkout line."
            raise ValidationError({"lineId": ValidationError(message, code="NOT_FOUND")})
        line = cls.decode_uuid(line_id, only_type="CheckoutLine", field="lineId")
        return cls.success(checkout=services.lines_delete(checkout=checkout, line_ids=[line]))
