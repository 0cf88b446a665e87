"""The returns and refunds services tell through ``marketplace.orders.emails``: the buyer in
the order's language, the shop's members in theirs; each state once."""

import pytest
from django.core import mail
from django.test import TestCase

from marketplace.orders import emails
from marketplace.orders.models import Order, OrderLine
from tests.checkout_helpers import shop_with_product
from tests.service_helpers import member_of, part_of, place_order

pytestmark = pytest.mark.django_db


def test_return_and_refund_messages(seeded_channels):
    vendor, product = shop_with_product(price=300_000, name="Bình gốm")
    owner = member_of(vendor)
    order = place_order([(product, 2)])
    Order.objects.filter(pk=order.pk).update(language_code="en")
    order.refresh_from_db()
    part, line = part_of(order, vendor), OrderLine.objects.get(order=order)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        emails.return_requested(part, key="return:1:REQUESTED", reason="Bình bị nứt", lines=[(line, 1)])
        for _ in range(2):  # a service run twice tells once
            emails.return_updated(
                order, key="return:1:ACCEPTED", vendor=vendor.name, status="ACCEPTED", note="Gửi lại"
            )
        emails.refund_updated(order, key="refund:1:SUCCESS", amount=300_000, status="SUCCESS")
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        (owner.email, f"Yêu cầu trả hàng cho đơn #{order.number}"),
        ("lan@example.vn", f"Your return for order #{order.number}: accepted"),
        ("lan@example.vn", f"Refund for order #{order.number}: completed"),
    ]
    assert "Lý do: Bình bị nứt" in mail.outbox[0].body and "× 1" in mail.outbox[0].body
    assert "Note from the shop: Gửi lại" in mail.outbox[1].body
    assert "The refund of 300.000 VND" in mail.outbox[2].body
