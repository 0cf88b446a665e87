"""Orders placed through the services alone (no HTTP), for the service-level tests: the
back office calls these services directly, so they are tested the same way."""

from typing import Any

from marketplace.accounts.actors import SYSTEM, Actor
from marketplace.accounts.app_tokens import app_create
from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Product
from marketplace.checkout import services as checkout_services
from marketplace.checkout.complete import checkout_complete
from marketplace.checkout.fetch import fetch_checkout_info
from marketplace.checkout.models import Checkout
from marketplace.inventory.models import Warehouse
from marketplace.orders.models import Order, VendorOrder
from marketplace.payments import transactions
from marketplace.payments.gateways import COD
from marketplace.payments.services import checkout_payment_create
from tests.conftest import grant
from tests.factories import UserFactory, channel
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole

ADDRESS = {
    "first_name": "Lan",
    "last_name": "Nguyễn",
    "street_address_1": "12 Hàng Gai",
    "city": "phuong hoan kiem",
    "country_area": "ha noi",
    "postal_code": "11000",
    "country": "VN",
    "phone": "0912345678",
}


def first_variant_id(product: Product) -> int:
    variant = product.variants.order_by("pk").first()
    assert variant is not None
    return variant.pk


def ready_checkout(
    items: list[tuple[Product, int]], *, buyer: User | None = None, pickup_at: Warehouse | None = None
) -> Checkout:
    """A checkout with lines, both addresses and the cheapest shipping method (or a
    collection point), built by the checkout services."""
    checkout = checkout_services.checkout_create(
        actor=buyer,
        channel=channel(),
        lines=[(first_variant_id(product), quantity) for product, quantity in items],
        email=None if buyer else "lan@example.vn",
        shipping_address=ADDRESS,
        billing_address=ADDRESS,
    )
    if pickup_at is not None:
        return checkout_services.delivery_method_update(checkout=checkout, warehouse_id=pickup_at.pk)
    option = fetch_checkout_info(checkout).shipping_options[0]
    return checkout_services.delivery_method_update(checkout=checkout, shipping_method_id=option.method.pk)


def place_order(
    items: list[tuple[Product, int]],
    *,
    buyer: User | None = None,
    gateway: str = COD.id,
    pickup_at: Warehouse | None = None,
    through_transactions: bool = False,
) -> Order:
    """An order paid through the older payment API (or, ``through_transactions``, through
    ``transactionInitialize``'s service), completed by ``checkout_complete``."""
    checkout = ready_checkout(items, buyer=buyer, pickup_at=pickup_at)
    if through_transactions:
        transactions.transaction_initialize(
            actor=buyer,
            checkout_token=checkout.pk,
            gateway_id=gateway,
            data=None,
            amount=None,
            action=None,
            idempotency_key=None,
            client_ip=None,
        )
    else:
        checkout_payment_create(info=fetch_checkout_info(checkout), gateway=gateway, amount=None)
    completion = checkout_complete(token=checkout.pk, actor=buyer)
    assert completion.placed
    return completion.order


def part_of(order: Order, vendor: Vendor) -> VendorOrder:
    return VendorOrder.objects.get(order=order, vendor=vendor)


def member_of(vendor: Vendor, role: str = VendorMemberRole.OWNER) -> User:
    user = UserFactory()
    VendorMember.objects.create(vendor=vendor, user=user, role=role)  # type: ignore[misc]
    return user  # type: ignore[return-value]


def error_codes(error: Any) -> dict[str, list[str]]:
    """``{field: [code, ...]}`` of a service's ValidationError."""
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def snapshot(*rows: Any) -> list[dict[str, Any]]:
    """Every column of these rows as the database holds them now (to show nothing changed)."""
    return [type(row).objects.filter(pk=row.pk).values().get() for row in rows]


def refused_callers(*, other_shop: Vendor, permission: PermissionEnum) -> dict[str, Actor]:
    """Callers that may not act for a shop: the authorization matrix's refusals (every
    permission but ``permission`` for the staff member and the app)."""
    others = [p for p in PermissionEnum if p != permission]
    staff = UserFactory(is_staff=True)
    grant(staff, *others)
    app, _ = app_create(name="app without the permission", permissions=others)
    return {
        "anonymous": None,
        "customer": UserFactory(),  # type: ignore[dict-item]
        "member of another shop": member_of(other_shop),
        "staff without the permission": staff,  # type: ignore[dict-item]
        "app without the permission": app,
    }


def allowed_callers(
    *, shop: Vendor | None, permission: PermissionEnum, roles: tuple[str, ...] = tuple(VendorMemberRole)
) -> dict[str, Actor]:
    """Callers that may act (for ``shop``'s members in ``roles``; none when ``shop`` is None)."""
    staff = UserFactory(is_staff=True)
    grant(staff, permission)
    app, _ = app_create(name="app with the permission", permissions=[permission])
    members: dict[str, Actor] = (
        {f"{role} of the shop": member_of(shop, role) for role in roles} if shop else {}
    )
    return {**members, "staff with the permission": staff, "app with the permission": app, "SYSTEM": SYSTEM}  # type: ignore[dict-item]
