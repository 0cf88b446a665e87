"""Demo orders, placed through the real checkout services (so the demo shows what the
code does): the demo customer's cash-on-delivery order from three shops, one of them
the demo artisan's, another shop's part already shipped; and a tourist's order picked up
at the Design Centre. Idempotent: nothing is placed when the customer has orders."""

from collections.abc import Callable

from django.conf import settings

from marketplace.accounts.models import User
from marketplace.catalog.selectors import visible_variants
from marketplace.channels.models import Channel
from marketplace.checkout import complete, services
from marketplace.checkout.fetch import fetch_checkout_info
from marketplace.demo.places_data import DESIGN_CENTRE_WAREHOUSE
from marketplace.demo.seed import ARTISAN_VENDOR, vendor_slug
from marketplace.inventory.models import Warehouse
from marketplace.orders.models import Order, VendorOrder
from marketplace.orders.services import vendor_order_fulfill
from marketplace.payments.services import checkout_payment_create
from marketplace.reviews.services import review_create, review_reply
from marketplace.shipping.models import ShippingMethod
from vendors.shops.models import VendorMemberRole

Log = Callable[[str], None]

HOTEL = {
    "first_name": "Emma",
    "last_name": "Wilson",
    "street_address_1": "Hanoi La Siesta Hotel, 94 Mã Mây",
    "city": "phuong hoan kiem",
    "country_area": "ha noi",
    "country": "VN",
    "phone": "0987654321",
}


def _address(user: User) -> dict[str, str]:
    address = user.default_shipping_address
    assert address is not None
    return {
        f: getattr(address, f)
        for f in ("first_name", "last_name", "street_address_1", "city", "country_area", "phone")
    }


def _variants(  # type: ignore[no-untyped-def]
    channel: Channel, *, vendor_slugs: list[str] | None = None, exclude: list[str] | None = None, count: int
):
    qs = (
        visible_variants(channel_id=channel.pk)
        .filter(stocks__quantity__gte=5)
        .select_related("product__vendor")
    )
    if vendor_slugs is not None:
        qs = qs.filter(product__vendor__slug__in=vendor_slugs)
    if exclude:
        qs = qs.exclude(product__vendor__slug__in=exclude)
    chosen, vendors = [], set()
    for variant in qs.order_by("sku")[:400]:
        if variant.product.vendor_id not in vendors:
            vendors.add(variant.product.vendor_id)
            chosen.append(variant)
        if len(chosen) == count:
            break
    return chosen


def _place(*, user: User | None, email: str, language: str, lines, address, pickup: Warehouse | None = None):  # type: ignore[no-untyped-def]
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    checkout = services.checkout_create(
        actor=user,
        channel=channel,
        lines=[(variant.pk, quantity) for variant, quantity in lines],
        email=email,
        language_code=language,
        shipping_address=None if pickup else address,
        billing_address=address,
    )
    if pickup is not None:
        checkout = services.delivery_method_update(checkout=checkout, warehouse_id=pickup.pk)
    else:
        method = ShippingMethod.objects.get(name="Giao hàng tiêu chuẩn Hà Nội")
        checkout = services.delivery_method_update(checkout=checkout, shipping_method_id=method.pk)
    checkout_payment_create(info=fetch_checkout_info(checkout), gateway="vn.cod", amount=None)
    return complete.checkout_complete(token=checkout.pk, actor=user).order


def _review(customer: User, part: VendorOrder) -> None:
    """The customer reviews what arrived; the shop's owner replies (README "Reviews and ratings")."""
    line = part.lines.order_by("pk").first()
    if line is None:
        return
    review = review_create(
        actor=customer, order_line_id=line.pk, rating=5, text="Hàng đẹp, đóng gói cẩn thận, giao nhanh."
    )
    owner = User.objects.filter(
        vendor_memberships__vendor_id=part.vendor_id, vendor_memberships__role=VendorMemberRole.OWNER
    ).first()
    if owner is not None:
        review_reply(actor=owner, review=review, text="Cảm ơn anh chị đã ủng hộ xưởng!")


def seed_orders(log: Log) -> None:
    customer = User.objects.get(email="customer@langnghe.vn")
    if Order.objects.filter(user=customer).exists():
        log("orders: already placed")
        return
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    artisan_slug = vendor_slug(ARTISAN_VENDOR)
    own = _variants(channel, vendor_slugs=[artisan_slug], count=1)
    others = _variants(channel, exclude=[artisan_slug], count=3)
    if not own or len(others) < 3:
        log("orders: not enough stocked products, skipped")
        return
    order = _place(
        user=customer,
        email=customer.email,
        language="vi",
        lines=[(own[0], 2), (others[0], 1), (others[1], 1)],
        address=_address(customer),
    )
    shipped = order.vendor_orders.exclude(vendor__slug=artisan_slug).first()
    if shipped is not None:
        admin = User.objects.get(email="admin@langnghe.vn")
        vendor_order_fulfill(actor=admin, vendor_order=shipped, lines=None, tracking_number="GHN-DEMO-0001")
        _review(customer, shipped)
    centre = Warehouse.objects.get(slug=DESIGN_CENTRE_WAREHOUSE["slug"])
    _place(
        user=None,
        email="emma.wilson@example.com",
        language="en",
        lines=[(others[2], 1)],
        address=HOTEL,
        pickup=centre,
    )
    log(
        "orders: 2 (cash on delivery from three shops, partly shipped and reviewed;"
        " a pickup at the Design Centre)"
    )
