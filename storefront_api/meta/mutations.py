"""Saleor's metadata mutations for the objects that keep metadata here: checkouts, orders
and users. ``id`` is the object's global ID, or (Saleor's shortcut) an order's ID or a
checkout's token as a bare UUID. Who may write: a checkout's metadata whoever holds the
checkout (a customer's checkout: that customer), an order's its buyer or staff with
MANAGE_ORDERS, a user's themself or staff with MANAGE_USERS (MANAGE_STAFF for staff);
private metadata staff only. Beyond the bounds of ``marketplace.core.metadata`` a write
is refused with INVALID and nothing is written."""

import uuid
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from graphql_relay import from_global_id

from marketplace.accounts import services as accounts
from marketplace.accounts.selectors import user_by_id
from marketplace.checkout import services as checkouts
from marketplace.checkout.services import checkout_for
from marketplace.orders import services as orders
from marketplace.orders.selectors import order_by_id
from storefront_api.core.metadata import MetadataError, MetadataInput, ObjectWithMetadata
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal
from storefront_api.orders.types import order_context

ID_ARG = graphene.ID(
    required=True, description="ID or token (for Order and Checkout) of an object to update."
)
KEYS_ARG = graphene.List(
    graphene.NonNull(graphene.String), required=True, description="Metadata keys to delete."
)
INPUT_ARG = graphene.List(
    graphene.NonNull(MetadataInput),
    required=True,
    description="Fields required to update the object's metadata.",
)


def _not_found(global_id: str) -> ValidationError:
    return ValidationError(
        {"id": ValidationError(f"Couldn't resolve to a node: {global_id[:100]}", code="NOT_FOUND")}
    )


def _target(info: Any, global_id: str) -> tuple[str, Any]:
    """``(kind, object)`` behind ``id``, as the caller may reach it."""
    actor = principal(info)
    try:
        kind, raw = from_global_id(global_id)
    except Exception:
        kind, raw = "", ""
    if not kind:
        try:
            token = uuid.UUID(str(global_id))
        except ValueError:
            raise ValidationError(
                {"id": ValidationError("Couldn't resolve to a node.", code="GRAPHQL_ERROR")}
            ) from None
        order = order_by_id(token)
        if order is not None:
            return "Order", order
        kind, raw = "Checkout", str(token)
    try:
        if kind == "Checkout":
            checkout = checkout_for(uuid.UUID(raw), actor=actor)
            if checkout is not None:
                return kind, checkout
        elif kind == "Order":
            order = order_by_id(uuid.UUID(raw))
            if order is not None:
                return kind, order
        elif kind == "User":
            user = user_by_id(int(raw))
            if user is not None:
                return kind, user
        else:
            message = f"Couldn't resolve to a item with meta: {global_id[:100]}"
            raise ValidationError({"id": ValidationError(message, code="NOT_FOUND")})
    except ValueError:
        pass
    raise _not_found(global_id)


def _write(info: Any, global_id: str, *, private: bool, items=None, keys=None) -> Any:
    kind, target = _target(info, global_id)
    actor = principal(info)
    change = {"items": items, "delete_keys": keys, "private": private}
    if kind == "Checkout":
        return checkouts.checkout_metadata_write(actor=actor, checkout=target, **change)
    if kind == "Order":
        return order_context(orders.order_metadata_write(actor=actor, order=target, **change))
    return accounts.user_metadata_write(actor=actor, user=target, **change)


def _items(input: list) -> list[tuple[str, str]]:
    return [(item["key"], item["value"]) for item in input]


class _MetadataMutation(BaseMutation):
    item = graphene.Field(ObjectWithMetadata)

    class Meta:
        abstract = True


class UpdateMetadata(_MetadataMutation):
    class Arguments:
        id = ID_ARG
        input = INPUT_ARG

    class Meta:
        description = "Updates metadata of an object (a checkout, an order, a user)."
        public = True
        error_type_class = MetadataError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        return cls.success(item=_write(info, id, private=False, items=_items(input)))


class DeleteMetadata(_MetadataMutation):
    class Arguments:
        id = ID_ARG
        keys = KEYS_ARG

    class Meta:
        description = "Delete metadata of an object (a checkout, an order, a user)."
        public = True
        error_type_class = MetadataError

    @classmethod
    def perform_mutation(cls, root, info, id, keys):
        return cls.success(item=_write(info, id, private=False, keys=keys))


class UpdatePrivateMetadata(_MetadataMutation):
    class Arguments:
        id = ID_ARG
        input = INPUT_ARG

    class Meta:
        description = (
            "Updates private metadata of an object (staff: MANAGE_ORDERS for checkouts and orders, "
            "MANAGE_USERS for users)."
        )
        public = True
        error_type_class = MetadataError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        return cls.success(item=_write(info, id, private=True, items=_items(input)))


class DeletePrivateMetadata(_MetadataMutation):
    class Arguments:
        id = ID_ARG
        keys = KEYS_ARG

    class Meta:
        description = "Delete private metadata of an object (staff only, as for updatePrivateMetadata)."
        public = True
        error_type_class = MetadataError

    @classmethod
    def perform_mutation(cls, root, info, id, keys):
        return cls.success(item=_write(info, id, private=True, keys=keys))


class MetaMutations(graphene.ObjectType):
    update_metadata = UpdateMetadata.Field()
    delete_metadata = DeleteMetadata.Field()
    update_private_metadata = UpdatePrivateMetadata.Field()
    delete_private_metadata = DeletePrivateMetadata.Field()
