"""Returns in the seller centre: the shop's requests by status, one request with its order,
lines, the buyer's reason and photos, and the returns services a shop may call — accept,
refund at once (the buyer keeps the items), refuse with a note, the goods received
(refunded through VNPay, served locally), a cash-on-delivery refund's transfer. Who may open
and do what, another shop's return, an action the state does not allow, and a refund tapped
twice (one after the other, and at the same moment in two threads) refunding once."""

import re
from types import SimpleNamespace

import pytest
from django.core.signing import TimestampSigner
from django.test import Client
from django.urls import reverse

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.permissions import PermissionEnum
from marketplace.core.storage import PRIVATE_MEDIA_SALT
from marketplace.inventory.models import Stock
from marketplace.orders.models import OrderGrantedRefund
from marketplace.orders.services import vendor_order_fulfill, vendor_order_mark_paid
from marketplace.payments.gateways import COD, VNPAY
from marketplace.returns import services
from marketplace.returns.models import ReturnPhoto, ReturnRequest
from tests.backoffice.conftest import form_token, signed_in
from tests.conftest import grant
from tests.factories import UserFactory
from tests.marketplace.checkout.test_races import race
from tests.marketplace.payments.test_refunds import confirm_vnpay
from tests.service_helpers import part_of, place_order
from vendors.shops.models import VendorStatus

pytestmark = pytest.mark.django_db


def deliver(shop, items, *, gateway: str = VNPAY.id):  # type: ignore[no-untyped-def]
    """A signed-in buyer's order of ``items`` (paid through VNPay, or cash on delivery),
    shipped by the shop."""
    buyer = UserFactory()
    order = place_order(items, buyer=buyer, gateway=gateway)  # type: ignore[arg-type]
    if gateway == VNPAY.id:
        order = confirm_vnpay(order)
    part = part_of(order, shop)
    vendor_order_fulfill(actor=SYSTEM, vendor_order=part, lines=None, tracking_number="VTP1")
    return SimpleNamespace(order=order, part=part, buyer=buyer, lines=list(order.lines.order_by("pk")))


def ask(delivered, quantity: int = 1, reason: str = "Bình bị nứt khi nhận") -> ReturnRequest:
    return services.order_return_request(
        actor=delivered.buyer,
        order=delivered.order,
        lines=[(line.pk, quantity) for line in delivered.lines],
        reason=reason,
    )


@pytest.fixture
def delivered(shop, shop_product, fake_vnpay):  # type: ignore[no-untyped-def]
    return deliver(shop, [(shop_product, 2)])


@pytest.fixture
def requested(delivered):  # type: ignore[no-untyped-def]
    return ask(delivered)


def url(name: str, request: ReturnRequest) -> str:
    return reverse(f"backoffice:{name}", args=[request.pk])


def decide(client, request: ReturnRequest, decision: str, note: str = ""):  # type: ignore[no-untyped-def]
    page = client.get(url("return", request))
    return client.post(
        url("return", request), {"form_token": form_token(page), "decision": decision, "note": note}
    )


def receive(client, request: ReturnRequest, *, token: str = "", restock: bool = False):  # type: ignore[no-untyped-def]
    data = {"form_token": token or form_token(client.get(url("return", request)))}
    if restock:
        data["restock"] = "on"
    return client.post(url("return-receive", request), data)


def stock_of(product) -> int:  # type: ignore[no-untyped-def]
    return sum(Stock.objects.filter(product_variant__product=product).values_list("quantity", flat=True))


# ---------------------------------------------------------------- reading


def test_the_list_shows_the_shops_returns_by_status(owner_client, requested):
    label = f"#{requested.pk}, đơn hàng #{requested.order.number}"
    returns = reverse("backoffice:returns")
    assert label in owner_client.get(returns).content.decode()
    assert label in owner_client.get(returns, {"status": "REQUESTED"}).content.decode()
    assert label not in owner_client.get(returns, {"status": "RECEIVED"}).content.decode()
    assert label in owner_client.get(returns, {"status": "nonsense"}).content.decode()  # all
    partial = owner_client.get(returns, {"status": "REQUESTED"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and label in partial


def test_the_home_counts_the_returns_waiting_and_the_navigation_links_them(owner_client, delivered):
    home = reverse("backoffice:seller-home")
    waiting = '<a href="/studio/seller/returns/?status=REQUESTED"><span class="stat-value">{}</span>'
    assert waiting.format(0) in owner_client.get(home).content.decode()
    ask(delivered)
    page = owner_client.get(home).content.decode()
    assert waiting.format(1) in page and "yêu cầu trả hàng cần quyết định" in page
    assert 'href="/studio/seller/returns/"' in page


def test_the_detail_shows_the_order_lines_reason_and_photos(owner_client, requested, delivered):
    ReturnPhoto.objects.create(return_request=requested, image="returns/crack.jpg", sort_order=0)
    page = owner_client.get(url("return", requested)).content.decode()
    assert f"Đơn hàng #{delivered.order.number}, yêu cầu lúc" in page
    assert reverse("backoffice:order", args=[delivered.part.pk]) in page
    assert "Bình bị nứt khi nhận" in page and "Bình hoa men lam" in page
    assert '<td data-label="Trả lại" class="num">1</td>' in page
    assert '<td data-label="Đã mua" class="num">2</td>' in page
    [src] = re.findall(r'<img src="([^"]+)" alt="Ảnh 1 của người mua"', page)
    token = src.rstrip("/").rsplit("/", 1)[1]
    assert TimestampSigner(salt=PRIVATE_MEDIA_SALT).unsign_object(token)["n"] == "returns/crack.jpg"
    assert 'name="decision" value="ACCEPT"' in page and 'name="decision" value="REFUSE"' in page
    assert reverse("backoffice:return-receive", args=[requested.pk]) not in page  # not yet


# ---------------------------------------------------------------- the shop's answers


def test_accept_then_receive_refunds_through_vnpay_and_restocks(
    owner_client, requested, shop_product, fake_vnpay
):
    response = decide(owner_client, requested, "ACCEPT", "Gửi lại qua Viettel Post")
    assert response.status_code == 302 and response["Location"] == url("return", requested)
    requested.refresh_from_db()
    assert (requested.status, requested.note) == ("ACCEPTED", "Gửi lại qua Viettel Post")
    assert not fake_vnpay.received
    page = owner_client.get(url("return", requested)).content.decode()
    assert reverse("backoffice:return-receive", args=[requested.pk]) in page
    before = stock_of(shop_product)
    response = receive(owner_client, requested, restock=True)
    assert response.status_code == 302
    requested.refresh_from_db()
    assert requested.status == "RECEIVED" and requested.restocked
    assert stock_of(shop_product) == before + 1
    refund = OrderGrantedRefund.objects.get()
    assert (refund.status, refund.amount_value) == ("SUCCESS", 150_000)
    assert len(fake_vnpay.received) == 1
    page = owner_client.get(url("return", requested)).content.decode()
    assert "Đã xong: 150.000\u00a0₫ hoàn cho người mua." in page  # the success message, whole đồng


def test_refund_now_lets_the_buyer_keep_the_items(owner_client, requested, fake_vnpay):
    assert decide(owner_client, requested, "KEEP").status_code == 302
    requested.refresh_from_db()
    assert requested.status == "KEPT"
    assert OrderGrantedRefund.objects.get().status == "SUCCESS" and len(fake_vnpay.received) == 1


def test_refusing_needs_a_note_shown_beside_it(owner_client, requested):
    response = decide(owner_client, requested, "REFUSE")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trường này là bắt buộc." in page.split('id="id_note_error"', 1)[1]
    requested.refresh_from_db()
    assert requested.status == "REQUESTED"
    response = decide(owner_client, requested, "REFUSE", "Hàng đã qua sử dụng")
    assert response.status_code == 302
    requested.refresh_from_db()
    assert (requested.status, requested.note) == ("REFUSED", "Hàng đã qua sử dụng")


def test_a_cash_on_delivery_refund_is_the_shops_transfer(owner_client, shop, shop_product):
    delivered = deliver(shop, [(shop_product, 1)], gateway=COD.id)
    vendor_order_mark_paid(actor=SYSTEM, vendor_order=delivered.part)
    request = ask(delivered)
    assert decide(owner_client, request, "KEEP").status_code == 302
    refund = OrderGrantedRefund.objects.get()
    assert refund.status == "PENDING"
    page = owner_client.get(url("return", request))
    transfer = reverse("backoffice:return-transfer", args=[request.pk])
    assert transfer in page.content.decode()
    empty = owner_client.post(transfer, {"form_token": form_token(page), "transfer_reference": ""})
    assert empty.status_code == 200 and 'id="id_transfer_reference_error"' in empty.content.decode()
    done = owner_client.post(transfer, {"form_token": form_token(page), "transfer_reference": "VCB-123"})
    assert done.status_code == 302
    refund.refresh_from_db()
    assert (refund.status, refund.transfer_reference) == ("SUCCESS", "VCB-123")


# ---------------------------------------------------------------- abuse


def test_an_action_the_state_does_not_allow_is_refused_on_the_page(owner_client, requested):
    response = receive(owner_client, requested, token="r" * 24)  # still REQUESTED
    assert response.status_code == 200
    assert (
        "không thể thực hiện thao tác này" in response.content.decode()
    )  # the service's refusal, in Vietnamese
    requested.refresh_from_db()
    assert requested.status == "REQUESTED" and not OrderGrantedRefund.objects.exists()
    decide(owner_client, requested, "REFUSE", "Không nhận")
    again = owner_client.post(
        url("return", requested), {"form_token": "s" * 24, "decision": "ACCEPT", "note": ""}
    )
    assert again.status_code == 200 and "không thể thực hiện thao tác này" in again.content.decode()
    bogus = owner_client.post(
        url("return-transfer", requested), {"form_token": "t" * 24, "transfer_reference": "X"}
    )
    assert bogus.status_code == 404  # no refund to confirm
    odd = owner_client.post(url("return", requested), {"form_token": "u" * 24, "decision": "DELETE"})
    assert odd.status_code == 200
    requested.refresh_from_db()
    assert requested.status == "REFUSED"


def test_another_shops_return_is_not_found(other_shop, requested):
    client = signed_in(other_shop["member"])
    assert client.get(url("return", requested)).status_code == 404
    for name, data in (
        ("return", {"decision": "KEEP", "note": ""}),
        ("return-receive", {}),
        ("return-transfer", {"transfer_reference": "X"}),
    ):
        response = client.post(url(name, requested), {"form_token": f"{name}-token-123456", **data})
        assert response.status_code == 404, name
    assert f"#{requested.pk}," not in client.get(reverse("backoffice:returns")).content.decode()
    requested.refresh_from_db()
    assert requested.status == "REQUESTED" and not OrderGrantedRefund.objects.exists()
    assert Client().get(reverse("backoffice:return", args=[999_999])).status_code == 302


def test_who_opens_and_does_what(owner, shop, requested, customer_user, delivered):
    pages = [reverse("backoffice:returns"), url("return", requested)]
    posts = [url("return", requested), url("return-receive", requested), url("return-transfer", requested)]
    anonymous = Client()
    for page in pages + posts:
        response = anonymous.get(page) if page in pages else anonymous.post(page, {"decision": "KEEP"})
        assert response.status_code == 302 and response["Location"].startswith("/studio/sign-in/"), page
    curator = UserFactory(is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE, PermissionEnum.MANAGE_OCOP)
    staff = UserFactory(is_staff=True)
    grant(staff, PermissionEnum.MANAGE_ORDERS, PermissionEnum.MANAGE_VENDORS)
    for user in (customer_user, delivered.buyer, curator, staff):
        client = signed_in(user)
        for page in pages:
            assert client.get(page).status_code == 403, (user.email, page)
        for page in posts:
            response = client.post(page, {"form_token": "v" * 24, "decision": "KEEP"})
            assert response.status_code == 403, (user.email, page)
    assert signed_in(owner).get(pages[1]).status_code == 200
    # a suspended shop's member reads, without the forms, and cannot write
    shop.status = VendorStatus.SUSPENDED
    shop.save(update_fields=["status"])
    client = signed_in(owner)
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert 'name="decision"' not in client.get(pages[1]).content.decode()
    response = client.post(posts[0], {"form_token": "w" * 24, "decision": "KEEP", "note": ""})
    assert response.status_code == 403
    requested.refresh_from_db()
    assert requested.status == "REQUESTED" and not OrderGrantedRefund.objects.exists()


def test_a_refund_sent_twice_refunds_once(owner_client, requested, fake_vnpay):
    decide(owner_client, requested, "ACCEPT")
    token = form_token(owner_client.get(url("return", requested)))
    first = receive(owner_client, requested, token=token)
    second = receive(owner_client, requested, token=token)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert OrderGrantedRefund.objects.count() == 1 and len(fake_vnpay.received) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_token", [True, False], ids=["one form sent twice", "two forms"])
def test_two_refunds_at_the_same_moment_refund_once(same_token, owner, shop, shop_product, fake_vnpay):
    delivered = deliver(shop, [(shop_product, 2)])
    request = services.order_return_accept(actor=owner, return_request=ask(delivered))
    clients = [signed_in(owner), signed_in(owner)]
    page = clients[0].get(url("return", request))
    tokens = (
        [form_token(page)] * 2
        if same_token
        else [form_token(page), form_token(clients[1].get(url("return", request)))]
    )
    results = race(lambda i: clients[i].post(url("return-receive", request), {"form_token": tokens[i]}), 2)
    assert not [r for r in results if isinstance(r, Exception)], results
    codes = [r.status_code for r in results]
    assert 302 in codes and set(codes) <= {200, 302, 409}, codes  # the other refused, never a 500
    assert OrderGrantedRefund.objects.count() == 1
    assert OrderGrantedRefund.objects.get().status == "SUCCESS"
    assert len(fake_vnpay.received) == 1
    assert ReturnRequest.objects.get(pk=request.pk).status == "RECEIVED"


def test_the_pages_speak_english_to_an_english_account(owner, requested):
    owner.language_code = "en"
    owner.save(update_fields=["language_code"])
    client = signed_in(owner)
    listing = client.get(reverse("backoffice:returns")).content.decode()
    assert "Return requests of your shop, newest first" in listing and "To decide" in listing
    page = client.get(url("return", requested)).content.decode()
    assert "The buyer's request" in page and "Refund now, the buyer keeps it" in page
    refused = client.post(url("return", requested), {"form_token": "e" * 24, "decision": "REFUSE"})
    assert "This field is required." in refused.content.decode().split('id="id_note_error"', 1)[1]
