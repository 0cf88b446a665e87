"""Returns through the services: the buyer asks, the shop accepts or refuses, the goods come
back and the refund goes out through VNPay (a local server checking every signature); the
state table of who may do what in which state; hostile input writes nothing."""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.permissions import PermissionEnum
from marketplace.core.money import quantize
from marketplace.inventory.models import Stock
from marketplace.orders.models import Fulfillment, Order, OrderGrantedRefund
from marketplace.orders.services import vendor_order_fulfill
from marketplace.payments import refunds
from marketplace.payouts.selectors import VN_TZ, payout_summary, withheld_tax
from marketplace.returns import services
from marketplace.returns.models import ReturnPhoto, ReturnRequest
from tests.checkout_helpers import shop_with_product
from tests.conftest import grant
from tests.factories import UserFactory
from tests.images import image_bytes
from tests.marketplace.payments.test_refunds import TOTAL, confirm_vnpay
from tests.service_helpers import error_codes, member_of, part_of, place_order

pytestmark = pytest.mark.django_db


def photo(name: str = "crack.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(size=(40, 30), format="JPEG"), content_type="image/jpeg")


@pytest.fixture
def delivered(seeded_channels, fake_vnpay):  # type: ignore[no-untyped-def]
    """A buyer's VNPay order of 2 vases (300,000 each), paid, shipped by the shop."""
    vendor, product = shop_with_product(price=300_000, stock=5)
    other, _ = shop_with_product()
    buyer = UserFactory()
    order = confirm_vnpay(place_order([(product, 2)], buyer=buyer, gateway="vn.vnpay"))
    part = part_of(order, vendor)
    vendor_order_fulfill(actor=SYSTEM, vendor_order=part, lines=None, tracking_number="VTP1")
    staff = UserFactory(is_staff=True)
    grant(staff, PermissionEnum.MANAGE_ORDERS)
    curator = UserFactory(is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    return SimpleNamespace(
        order=order,
        line=order.lines.get(),
        part=part,
        vendor=vendor,
        product=product,
        buyer=buyer,
        artisan=member_of(vendor),
        other_artisan=member_of(other),
        staff=staff,
        curator=curator,
    )


def ask(d, quantity: int = 1, **options):  # type: ignore[no-untyped-def]
    return services.order_return_request(
        actor=options.pop("actor", d.buyer),
        order=d.order,
        lines=options.pop("lines", [(d.line.pk, quantity)]),
        reason=options.pop("reason", "Bình bị nứt khi nhận"),
        **options,
    )


def stock_of(product) -> int:  # type: ignore[no-untyped-def]
    return Stock.objects.get(product_variant__product=product).quantity


def test_a_cracked_vase_comes_back_and_is_refunded_through_vnpay(delivered, fake_vnpay):
    d = delivered
    request = ask(d, photos=[photo(), photo("second.jpg")])
    assert (request.status, request.vendor_order_id) == ("REQUESTED", d.part.pk)
    assert ReturnPhoto.objects.filter(return_request=request).count() == 2
    accepted = services.order_return_accept(
        actor=d.artisan, return_request=request, note="Gửi lại qua Viettel Post"
    )
    assert accepted.status == "ACCEPTED" and not fake_vnpay.received
    before = stock_of(d.product)
    received = services.order_return_receive(actor=d.artisan, return_request=accepted, restock=False)
    assert received.status == "RECEIVED" and stock_of(d.product) == before  # not back on sale
    [sent] = fake_vnpay.received
    assert (sent["vnp_Amount"], sent["vnp_TransactionType"]) == ("30000000", "03")
    refund = OrderGrantedRefund.objects.get()
    assert (refund.status, refund.vendor_order_id, refund.amount_value) == ("SUCCESS", d.part.pk, 300_000)
    assert [(line.order_line_id, line.quantity) for line in refund.lines.all()] == [(d.line.pk, 1)]
    assert Fulfillment.objects.get(pk=received.fulfillment_id).status == "REFUNDED_AND_RETURNED"
    assert Order.objects.get(pk=d.order.pk).total_refunded_amount == 300_000
    # The shop's statement of the month: the refund, the commission given back, tax on the rest.
    statement = payout_summary(
        vendor=d.vendor, period=timezone.localtime(refund.refunded_at, VN_TZ).strftime("%Y-%m")
    )
    rate = d.part.commission_rate / 100
    commission_back = quantize(Decimal(300_000) * rate, "VND")
    assert (statement.gross_sales, statement.refunds, statement.refund_count) == (600_000, 300_000, 1)
    assert statement.commission_refunded == commission_back
    assert statement.tax_withheld == withheld_tax(Decimal(300_000), "VND") == 4_500
    assert statement.payout == (
        600_000
        - 300_000
        - (d.part.commission_amount - commission_back)
        + d.part.shipping_price_amount
        - 4_500
    )


def test_restock_puts_the_units_back_on_sale(delivered, fake_vnpay):
    d = delivered
    before = stock_of(d.product)
    request = services.order_return_accept(actor=d.artisan, return_request=ask(d, 2))
    services.order_return_receive(actor=d.staff, return_request=request, restock=True)
    assert stock_of(d.product) == before + 2
    assert ReturnRequest.objects.get().restocked is True


def test_keep_it_refunds_at_once(delivered, fake_vnpay):
    d = delivered
    kept = services.order_return_accept(actor=d.artisan, return_request=ask(d), keep_items=True)
    assert kept.status == "KEPT"
    assert Fulfillment.objects.get(pk=kept.fulfillment_id).status == "REFUNDED"
    assert OrderGrantedRefund.objects.get().status == "SUCCESS" and len(fake_vnpay.received) == 1


def test_a_refusal_needs_a_note_and_frees_the_units(delivered):
    d = delivered
    request = ask(d, 2)
    with pytest.raises(ValidationError) as bare:
        services.order_return_refuse(actor=d.artisan, return_request=request, note=" ")
    assert error_codes(bare.value) == {"note": ["REQUIRED"]}
    refused = services.order_return_refuse(
        actor=d.artisan, return_request=request, note="Ảnh không cho thấy vết nứt"
    )
    assert refused.status == "REFUSED"
    assert ask(d, 2).status == "REQUESTED"  # a refused return does not hold the units


def test_bad_requests_write_nothing(delivered, settings):
    d = delivered
    stranger = UserFactory()
    cases = [
        ({"actor": stranger}, {"id": ["NOT_FOUND"]}),  # another buyer's order
        ({"actor": d.staff}, {"id": ["NOT_FOUND"]}),
        ({"lines": [(d.line.pk, 3)]}, {"lines": ["QUANTITY_GREATER_THAN_RETURNABLE"]}),  # more than bought
        ({"lines": [(d.line.pk, 0)]}, {"lines": ["INVALID"]}),
        ({"lines": []}, {"lines": ["REQUIRED"]}),
        ({"lines": [(d.line.pk, 1), (d.line.pk, 1)]}, {"lines": ["INVALID"]}),
        ({"lines": [(stranger.pk, 1)]}, {"lines": ["NOT_FOUND"]}),
        ({"reason": "  "}, {"reason": ["REQUIRED"]}),
        ({"reason": "x" * 2001}, {"reason": ["INVALID"]}),
        ({"photos": [photo() for _ in range(6)]}, {"photos": ["INVALID"]}),
        (
            {"photos": [SimpleUploadedFile("x.jpg", b"<script>", content_type="image/jpeg")]},
            {"photos": ["INVALID_FILE_TYPE"]},
        ),
    ]
    for options, expected in cases:
        with pytest.raises(ValidationError) as refused:
            ask(d, **options)
        assert error_codes(refused.value) == expected, options
    assert not ReturnRequest.objects.exists() and not ReturnPhoto.objects.exists()
    # Outside the window (counted from the delivery).
    Fulfillment.objects.update(
        created_at=timezone.now() - timedelta(days=settings.RETURN_WINDOW_DAYS, minutes=1)
    )
    with pytest.raises(ValidationError) as late:
        ask(d)
    assert error_codes(late.value) == {"lines": ["RETURN_WINDOW_CLOSED"]}
    settings.RETURN_WINDOW_DAYS = 30
    assert ask(d).status == "REQUESTED"


def test_lines_not_delivered_cannot_be_returned(seeded_channels, fake_vnpay):
    _, product = shop_with_product(price=300_000, stock=5)
    buyer = UserFactory()
    order = confirm_vnpay(place_order([(product, 2)], buyer=buyer, gateway="vn.vnpay"))
    with pytest.raises(ValidationError) as early:
        services.order_return_request(
            actor=buyer, order=order, lines=[(order.lines.get().pk, 1)], reason="Nứt"
        )
    assert error_codes(early.value) == {"lines": ["NOT_DELIVERED"]}


def test_the_return_cannot_refund_money_already_refunded(delivered, fake_vnpay):
    d = delivered
    request = services.order_return_accept(actor=d.artisan, return_request=ask(d))
    refunds.order_refund(actor=d.staff, order=d.order, amount=TOTAL - Decimal(100_000))
    with pytest.raises(ValidationError) as gone:
        services.order_return_receive(actor=d.artisan, return_request=request, restock=False)
    assert error_codes(gone.value) == {"id": ["AMOUNT_GREATER_THAN_AVAILABLE"]}
    assert ReturnRequest.objects.get().status == "ACCEPTED"  # nothing half-written


# ---------------------------------------------------------------- the state table

STEPS = {
    "accept": lambda actor, r: services.order_return_accept(actor=actor, return_request=r),
    "keep": lambda actor, r: services.order_return_accept(actor=actor, return_request=r, keep_items=True),
    "refuse": lambda actor, r: services.order_return_refuse(actor=actor, return_request=r, note="Không"),
    "receive": lambda actor, r: services.order_return_receive(actor=actor, return_request=r, restock=False),
}
# In which state each step is allowed (for the shop's members and staff); anything else INVALID_STATUS.
ALLOWED_FROM = {"accept": "REQUESTED", "keep": "REQUESTED", "refuse": "REQUESTED", "receive": "ACCEPTED"}
TO = {"accept": "ACCEPTED", "keep": "KEPT", "refuse": "REFUSED", "receive": "RECEIVED"}
STATES = {
    "REQUESTED": [],
    "ACCEPTED": ["accept"],
    "REFUSED": ["refuse"],
    "RECEIVED": ["accept", "receive"],
    "KEPT": ["keep"],
}


def in_state(d, state: str) -> ReturnRequest:  # type: ignore[no-untyped-def]
    request = ask(d)
    for step in STATES[state]:
        request = STEPS[step](d.artisan, request)
    return ReturnRequest.objects.get(pk=request.pk)


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("step", list(STEPS))
def test_who_may_do_what_in_which_state(delivered, state, step):
    d = delivered
    request = in_state(d, state)
    for name, actor in {
        "anonymous": None,
        "buyer": d.buyer,
        "other artisan": d.other_artisan,
        "curator": d.curator,
    }.items():
        with pytest.raises(PermissionDenied):
            STEPS[step](actor, request)
        assert ReturnRequest.objects.get(pk=request.pk).status == state, name
    for actor in (d.artisan, d.staff):
        if ALLOWED_FROM[step] != state:
            with pytest.raises(ValidationError) as refused:
                STEPS[step](actor, request)
            assert error_codes(refused.value) == {"id": ["INVALID_STATUS"]}
            assert ReturnRequest.objects.get(pk=request.pk).status == state
    if ALLOWED_FROM[step] == state:
        assert STEPS[step](d.staff if step == "receive" else d.artisan, request).status == TO[step]
