"""Returns and refunds over HTTP: a buyer pays a vase with VNPay (transactions API, VNPay's
IPN), the shop ships it, the buyer returns it cracked with a photo (a multipart request), the
shop accepts and receives it, the refund request reaches VNPay signed (a local server checks
the signature) and is recorded, and the shop's payout statement shows it. Then who may call
each new operation, typed errors, and what reading returns costs."""

import json
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.accounts.permissions import PermissionEnum
from marketplace.orders.models import Order
from marketplace.payments import vnpay
from marketplace.payments.models import PaymentCallback, ProviderRefundRequest, TransactionItem
from marketplace.payouts.selectors import VN_TZ
from tests.checkout_helpers import gid, pay_and_complete, ready_checkout, shop_with_product
from tests.conftest import ApiClient, client_for, error_codes, grant
from tests.factories import UserFactory
from tests.images import image_bytes
from tests.service_helpers import member_of
from tests.storefront_api.checkout.documents import complete, initialize
from tests.vnpay_server import SECRET, TMN

pytestmark = pytest.mark.django_db

TOTAL = 625_000  # 2 vases of 300,000 and a Hà Nội parcel of 1 kg

FULFIL = """mutation ($id: ID!) { vendorOrderFulfill(id: $id, trackingNumber: "VTP123") {
  vendorOrder { status } errors { field code } } }"""
RETURN_REQUEST = """mutation ($id: ID!, $input: OrderReturnRequestInput!, $photos: [Upload!]) {
  orderReturnRequest(id: $id, input: $input, photos: $photos) {
    orderReturn { id status reason lines { quantity orderLine { productName } } photos { url } }
    errors { field code message } } }"""
ACCEPT = """mutation ($id: ID!, $note: String, $keep: Boolean) { orderReturnAccept(id: $id, note: $note, keepItems: $keep) {
  orderReturn { status note grantedRefund { status } } errors { field code } } }"""
REFUSE = """mutation ($id: ID!, $note: String!) { orderReturnRefuse(id: $id, note: $note) {
  orderReturn { status note } errors { field code } } }"""
RECEIVE = """mutation ($id: ID!, $restock: Boolean!) { orderReturnReceive(id: $id, restock: $restock) {
  orderReturn { status restocked fulfillment { status lines { quantity } }
    grantedRefund { status amount { amount } lines { quantity orderLine { productName } } } }
  errors { field code } } }"""
ORDER = """query ($id: ID!) { order(id: $id) {
  totalRefunded { amount } totalCharged { amount }
  grantedRefunds { status amount { amount } shippingCostsIncluded transaction { refundedAmount { amount } events { type } } }
  returns { status reason photos { url } lines { quantity } grantedRefund { status } fulfillment { status } }
  fulfillments { status } } }"""
PAYOUT = """query ($vendor: ID!, $period: String!) { vendorPayoutSummary(vendor: $vendor, period: $period) {
  grossSales { amount } refunds { amount } commission { amount } commissionRefunded { amount }
  shipping { amount } shippingRefunded { amount } taxWithheld { amount } payoutAmount { amount } refundCount } }"""
ORDER_REFUND = """mutation ($id: ID!, $amount: PositiveDecimal!) { orderRefund(id: $id, amount: $amount) {
  order { totalRefunded { amount } } grantedRefund { status } errors { field code } } }"""
GRANT = """mutation ($id: ID!, $input: OrderGrantRefundCreateInput!) { orderGrantRefundCreate(id: $id, input: $input) {
  grantedRefund { id status amount { amount } } errors { field code message } } }"""
GRANT_UPDATE = """mutation ($id: ID!, $input: OrderGrantRefundUpdateInput!) { orderGrantRefundUpdate(id: $id, input: $input) {
  grantedRefund { status amount { amount } reason } errors { field code } } }"""
REQUEST_GRANTED = """mutation ($id: ID!) { transactionRequestRefundForGrantedRefund(grantedRefundId: $id) {
  transaction { refundedAmount { amount } } grantedRefund { status } errors { field code } } }"""
TRANSACTION_ACTION = """mutation ($id: ID, $action: TransactionActionEnum!, $amount: PositiveDecimal) {
  transactionRequestAction(id: $id, actionType: $action, amount: $amount) {
  transaction { actions chargedAmount { amount } refundedAmount { amount } } errors { field code } } }"""
RETURN_PRODUCTS = """mutation ($order: ID!, $input: OrderReturnProductsInput!) {
  orderFulfillmentReturnProducts(order: $order, input: $input) {
  returnFulfillment { status } orderReturn { status grantedRefund { status } } errors { field code } } }"""


def multipart(client: ApiClient, document: str, variables: dict, files: list) -> dict:  # type: ignore[type-arg]
    """A GraphQL multipart request: ``files`` go to ``variables.photos``."""
    body = {
        "operations": json.dumps(
            {"query": document, "variables": {**variables, "photos": [None] * len(files)}}
        ),
        "map": json.dumps({str(i): [f"variables.photos.{i}"] for i in range(len(files))}),
    }
    body.update({str(i): file for i, file in enumerate(files)})
    response = client.post("/graphql/", data=body)
    assert response.status_code == 200, response.content
    return response.json()


def jpeg(name: str = "nut-vo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(size=(64, 48), format="JPEG"), content_type="image/jpeg")


def call_ipn(item: TransactionItem) -> dict:  # type: ignore[type-arg]
    params = {
        "vnp_TmnCode": TMN,
        "vnp_Amount": str(TOTAL * 100),
        "vnp_BankCode": "NCB",
        "vnp_OrderInfo": "Thanh toan",
        "vnp_PayDate": "20261201103000",
        "vnp_ResponseCode": "00",
        "vnp_TransactionNo": "14422574",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": item.psp_reference,
    }
    params["vnp_SecureHash"] = vnpay.sign(params, SECRET)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = ApiClient().get("/payments/vnpay/ipn/", params)
    return response.json()


def body(content: dict) -> dict:  # type: ignore[type-arg]
    assert "errors" not in content, content["errors"]
    return next(iter(content["data"].values()))


@pytest.fixture
def shipped(seeded_channels, fake_vnpay):  # type: ignore[no-untyped-def]
    """Over HTTP: the buyer pays 2 vases with VNPay, VNPay's IPN confirms, the shop ships."""
    vendor, product = shop_with_product(price=300_000, stock=5, name="Bình gốm men lam")
    buyer = client_for(UserFactory(email="lan@example.vn"))
    checkout_id = ready_checkout(buyer, [(product, 2)])
    assert initialize(buyer, checkout_id, {"id": "vn.vnpay"})["errors"] == []
    assert call_ipn(TransactionItem.objects.get()) == {"RspCode": "00", "Message": "Confirm Success"}
    placed = complete(buyer, checkout_id)
    assert placed["errors"] == []
    order = Order.objects.get()
    artisan = client_for(member_of(vendor))
    part = order.vendor_orders.get()
    assert body(artisan.graphql(FULFIL, {"id": gid("VendorOrder", part.pk)}))["errors"] == []
    return {
        "order": order,
        "order_id": placed["order"]["id"],
        "line_id": gid("OrderLine", order.lines.get().pk),
        "buyer": buyer,
        "artisan": artisan,
        "vendor": vendor,
        "part": part,
    }


def ask(s: dict, quantity: int = 1, client: ApiClient | None = None, files: list | None = None) -> dict:  # type: ignore[type-arg]
    variables = {
        "id": s["order_id"],
        "input": {"lines": [{"orderLineId": s["line_id"], "quantity": quantity}], "reason": "Bình bị nứt"},
    }
    return body(
        multipart(client or s["buyer"], RETURN_REQUEST, variables, files if files is not None else [jpeg()])
    )


def test_a_cracked_vase_paid_by_vnpay_is_returned_and_refunded(shipped, fake_vnpay):
    s = shipped
    mail.outbox.clear()
    asked = ask(s)
    assert asked["errors"] == []
    returned = asked["orderReturn"]
    assert (returned["status"], returned["reason"]) == ("REQUESTED", "Bình bị nứt")
    assert returned["lines"] == [{"quantity": 1, "orderLine": {"productName": "Bình gốm men lam"}}]
    assert len(returned["photos"]) == 1 and returned["photos"][0]["url"]

    accepted = body(s["artisan"].graphql(ACCEPT, {"id": returned["id"], "note": "Gửi lại qua Viettel Post"}))
    assert accepted == {
        "orderReturn": {"status": "ACCEPTED", "note": "Gửi lại qua Viettel Post", "grantedRefund": None},
        "errors": [],
    }
    received = body(s["artisan"].graphql(RECEIVE, {"id": returned["id"], "restock": False}))
    assert received["errors"] == []
    assert received["orderReturn"]["status"] == "RECEIVED"
    assert received["orderReturn"]["fulfillment"] == {
        "status": "REFUNDED_AND_RETURNED",
        "lines": [{"quantity": 1}],
    }
    assert received["orderReturn"]["grantedRefund"] == {
        "status": "SUCCESS",
        "amount": {"amount": 300_000.0},
        "lines": [{"quantity": 1, "orderLine": {"productName": "Bình gốm men lam"}}],
    }

    # VNPay got one signed refund request of the charged transaction, and it is on record.
    [sent] = fake_vnpay.received
    assert fake_vnpay.bad_signatures == 0
    item = TransactionItem.objects.get()
    assert (sent["vnp_TxnRef"], sent["vnp_Amount"], sent["vnp_TransactionType"]) == (
        item.psp_reference,
        "30000000",
        "03",
    )
    assert (sent["vnp_TransactionNo"], sent["vnp_TransactionDate"]) == ("14422574", "20261201103000")
    record = ProviderRefundRequest.objects.get()
    assert record.params == sent and (record.status, record.response_code) == ("SUCCESS", "00")
    assert PaymentCallback.objects.count() == 1  # the IPN; the refund is recorded on its own

    seen = body(s["buyer"].graphql(ORDER, {"id": s["order_id"]}))
    assert seen["totalRefunded"] == {"amount": 300_000.0} and seen["totalCharged"] == {"amount": float(TOTAL)}
    [refund] = seen["grantedRefunds"]
    assert refund["status"] == "SUCCESS" and refund["transaction"]["refundedAmount"] == {"amount": 300_000.0}
    assert refund["transaction"]["events"][-2:] == [{"type": "REFUND_REQUEST"}, {"type": "REFUND_SUCCESS"}]
    assert seen["returns"][0]["status"] == "RECEIVED"
    assert [f["status"] for f in seen["fulfillments"]] == ["FULFILLED", "REFUNDED_AND_RETURNED"]

    # The shop's statement of the month shows the refund and its effect.
    period = timezone.localtime(timezone.now(), VN_TZ).strftime("%Y-%m")
    statement = body(
        s["artisan"].graphql(PAYOUT, {"vendor": gid("Vendor", s["vendor"].pk), "period": period})
    )
    part = s["part"]
    back = (Decimal(300_000) * part.commission_rate / 100).quantize(Decimal(1))
    assert statement["grossSales"] == {"amount": 600_000.0} and statement["refunds"] == {"amount": 300_000.0}
    assert statement["commissionRefunded"] == {"amount": float(back)} and statement["refundCount"] == 1
    assert statement["taxWithheld"] == {"amount": 4_500.0}  # 1.5% of 600,000 - 300,000
    expected = 600_000 - 300_000 - (part.commission_amount - back) + part.shipping_price_amount - 4_500
    assert statement["payoutAmount"] == {"amount": float(expected)}
    # Each was told once, in their language, after each step committed.
    number = s["order"].number
    sent_to = [(m.to, m.subject) for m in mail.outbox]
    artisan_email = s["vendor"].members.get().user.email
    assert sent_to == [
        ([artisan_email], f"Yêu cầu trả hàng cho đơn hàng #{number}"),
        (["lan@example.vn"], f"Trả hàng đơn #{number}: đã chấp nhận"),
        (["lan@example.vn"], f"Trả hàng đơn #{number}: đã nhận lại hàng"),
        (["lan@example.vn"], f"Hoàn tiền đơn #{number}: đã hoàn tất"),
    ]
    assert "Bình bị nứt" in mail.outbox[0].body and "300.000 ₫" in mail.outbox[3].body
    # The buyer sees no shop's statement.
    denied = s["buyer"].graphql(PAYOUT, {"vendor": gid("Vendor", s["vendor"].pk), "period": period})
    assert error_codes(denied) == ["PermissionDenied"]


def test_refused_and_kept_returns(shipped, fake_vnpay):
    s = shipped
    first = ask(s)["orderReturn"]["id"]
    refused = body(s["artisan"].graphql(REFUSE, {"id": first, "note": "Vết nứt không do vận chuyển"}))
    assert refused == {
        "orderReturn": {"status": "REFUSED", "note": "Vết nứt không do vận chuyển"},
        "errors": [],
    }
    again = body(s["artisan"].graphql(ACCEPT, {"id": first}))
    assert again["errors"] == [{"field": "id", "code": "INVALID_STATUS"}]
    second = ask(s, 2)["orderReturn"]["id"]
    kept = body(s["artisan"].graphql(ACCEPT, {"id": second, "keep": True}))
    assert kept["orderReturn"] == {"status": "KEPT", "note": None, "grantedRefund": {"status": "SUCCESS"}}
    assert fake_vnpay.received[0]["vnp_Amount"] == "60000000"


def test_bad_return_requests_are_typed_errors(shipped, settings):
    s = shipped
    stranger = client_for(UserFactory())
    assert ask(s, client=stranger)["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": "Couldn't find that order."}
    ]
    assert ask(s, 3)["errors"][0]["code"] == "QUANTITY_GREATER_THAN_RETURNABLE"
    assert ask(s, files=[jpeg() for _ in range(6)])["errors"][0] == {
        "field": "photos",
        "code": "INVALID",
        "message": "At most 5 photos.",
    }
    not_a_photo = SimpleUploadedFile("x.jpg", b"#!/bin/sh\necho", content_type="image/jpeg")
    assert ask(s, files=[not_a_photo])["errors"][0]["code"] == "INVALID_FILE_TYPE"
    variables = {
        "id": s["order_id"],
        "input": {"lines": [{"orderLineId": "garbage", "quantity": 1}], "reason": "x"},
    }
    assert body(multipart(s["buyer"], RETURN_REQUEST, variables, []))["errors"][0]["field"] == "lines"
    settings.RETURN_WINDOW_DAYS = 0
    late = ask(s)["errors"][0]
    assert (late["field"], late["code"]) == ("lines", "RETURN_WINDOW_CLOSED")
    anonymous = (
        ApiClient()
        .post_graphql(RETURN_REQUEST, {"id": s["order_id"], "input": {"lines": [], "reason": "x"}})
        .json()
    )
    assert error_codes(anonymous) == ["PermissionDenied"]


def test_who_may_decide_a_return(shipped):
    s = shipped
    return_id = ask(s)["orderReturn"]["id"]
    curator = UserFactory(is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    other_artisan = member_of(shop_with_product()[0])
    for name, client in {
        "anonymous": ApiClient(),
        "buyer": s["buyer"],
        "other artisan": client_for(other_artisan),
        "curator": client_for(curator),
    }.items():
        for document, variables in [
            (ACCEPT, {"id": return_id}),
            (REFUSE, {"id": return_id, "note": "Không"}),
            (RECEIVE, {"id": return_id, "restock": True}),
        ]:
            assert error_codes(client.graphql(document, variables)) == ["PermissionDenied"], name
    staff = UserFactory(is_staff=True)
    grant(staff, PermissionEnum.MANAGE_ORDERS)
    assert body(client_for(staff).graphql(ACCEPT, {"id": return_id}))["orderReturn"]["status"] == "ACCEPTED"


def test_staff_refund_operations(shipped, fake_vnpay):
    s = shipped
    staff = UserFactory(is_staff=True)
    grant(staff, PermissionEnum.MANAGE_ORDERS)
    admin = client_for(staff)
    # Everyone else: refused before anything is written.
    curator = UserFactory(is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    for client in (ApiClient(), s["buyer"], s["artisan"], client_for(curator)):
        assert error_codes(client.graphql(ORDER_REFUND, {"id": s["order_id"], "amount": 1000})) == [
            "PermissionDenied"
        ]
        assert error_codes(client.graphql(GRANT, {"id": s["order_id"], "input": {"amount": 1000}})) == [
            "PermissionDenied"
        ]
    assert not fake_vnpay.received

    too_much = body(admin.graphql(GRANT, {"id": s["order_id"], "input": {"amount": TOTAL + 1}}))
    assert too_much["errors"][0]["code"] == "AMOUNT_GREATER_THAN_AVAILABLE"
    for hostile in ("NaN", "Infinity", "-Infinity", "1e400", "-5", "0", "99999999999999999999"):
        refused = admin.graphql(GRANT, {"id": s["order_id"], "input": {"amount": hostile}})
        assert "errors" in refused or body(refused)["errors"][0]["code"] in ("INVALID", "GRAPHQL_ERROR"), (
            hostile
        )
    granted = body(
        admin.graphql(
            GRANT,
            {
                "id": s["order_id"],
                "input": {"lines": [{"id": s["line_id"], "quantity": 1}], "grantRefundForShipping": True},
            },
        )
    )
    assert granted["errors"] == [] and granted["grantedRefund"]["amount"] == {"amount": 325_000.0}
    grant_id = granted["grantedRefund"]["id"]
    updated = body(
        admin.graphql(GRANT_UPDATE, {"id": grant_id, "input": {"amount": 320_000, "reason": "Bồi thường"}})
    )
    assert updated["grantedRefund"] == {
        "status": "NONE",
        "amount": {"amount": 320_000.0},
        "reason": "Bồi thường",
    }
    requested = body(admin.graphql(REQUEST_GRANTED, {"id": grant_id}))
    assert requested["grantedRefund"] == {"status": "SUCCESS"}
    assert requested["transaction"]["refundedAmount"] == {"amount": 320_000.0}
    assert body(admin.graphql(REQUEST_GRANTED, {"id": grant_id}))["grantedRefund"] == {"status": "SUCCESS"}
    assert len(fake_vnpay.received) == 1  # retried: not sent twice
    item_id = gid("TransactionItem", TransactionItem.objects.get().token)
    assert TransactionItem.objects.get().available_actions == ["REFUND"]
    charge = body(admin.graphql(TRANSACTION_ACTION, {"id": item_id, "action": "CHARGE"}))
    assert charge["errors"] == [{"field": "actionType", "code": "INVALID"}]
    rest = body(admin.graphql(TRANSACTION_ACTION, {"id": item_id, "action": "REFUND"}))
    assert rest["transaction"] == {
        "actions": [],  # it offered REFUND while something was charged; nothing is left
        "chargedAmount": {"amount": 0.0},
        "refundedAmount": {"amount": float(TOTAL)},
    }
    nothing = body(admin.graphql(ORDER_REFUND, {"id": s["order_id"], "amount": 1}))
    assert nothing["errors"] == [{"field": "amount", "code": "INVALID"}]  # OrderError has no AMOUNT_* code
    assert Order.objects.get().total_refunded_amount == TOTAL


def test_staff_return_products_saleors_way(shipped, fake_vnpay):
    s = shipped
    staff = UserFactory(is_staff=True)
    grant(staff, PermissionEnum.MANAGE_ORDERS)
    variables = {
        "order": s["order_id"],
        "input": {"orderLines": [{"orderLineId": s["line_id"], "quantity": 2}], "refund": True},
    }
    assert error_codes(s["artisan"].graphql(RETURN_PRODUCTS, variables)) == ["PermissionDenied"]
    done = body(client_for(staff).graphql(RETURN_PRODUCTS, variables))
    assert done == {
        "returnFulfillment": {"status": "REFUNDED_AND_RETURNED"},
        "orderReturn": {"status": "RECEIVED", "grantedRefund": {"status": "SUCCESS"}},
        "errors": [],
    }
    assert fake_vnpay.received[0]["vnp_Amount"] == "60000000"


def test_reading_returns_costs_the_same_for_one_and_many(shipped):
    s = shipped

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            seen = body(s["buyer"].graphql(ORDER, {"id": s["order_id"]}))
        assert seen is not None
        return len(queries)

    return_id = ask(s)["orderReturn"]["id"]
    body(s["artisan"].graphql(ACCEPT, {"id": return_id, "keep": True}))
    one = cost()
    second = ask(s)["orderReturn"]["id"]  # a second return, with its photo and refund
    body(s["artisan"].graphql(ACCEPT, {"id": second, "keep": True}))
    many = cost()
    assert one == many


CONFIRM_TRANSFER = """mutation ($id: ID!, $ref: String!) {
  orderGrantedRefundConfirmTransfer(id: $id, transferReference: $ref) {
  grantedRefund { status transferReference } errors { field code } } }"""


def test_a_cash_on_delivery_return_is_refunded_by_the_shops_transfer(seeded_channels):
    vendor, product = shop_with_product(price=300_000, stock=5)
    buyer = client_for(UserFactory(email="minh@example.vn"))
    placed = pay_and_complete(buyer, ready_checkout(buyer, [(product, 1)]))
    order = Order.objects.get()
    part = order.vendor_orders.get()
    artisan = client_for(member_of(vendor))
    assert body(artisan.graphql(FULFIL, {"id": gid("VendorOrder", part.pk)}))["errors"] == []
    paid = artisan.graphql(
        "mutation ($id: ID!) { vendorOrderMarkPaid(id: $id) { errors { code } } }",
        {"id": gid("VendorOrder", part.pk)},
    )
    assert body(paid)["errors"] == []
    s = {"order_id": placed["order"]["id"], "line_id": gid("OrderLine", order.lines.get().pk), "buyer": buyer}
    return_id = ask(s)["orderReturn"]["id"]
    kept = body(artisan.graphql(ACCEPT, {"id": return_id, "keep": True}))
    assert kept["orderReturn"]["grantedRefund"] == {"status": "PENDING"}  # the shop's transfer is awaited
    refund_id = gid("OrderGrantedRefund", order.granted_refunds.get().pk)
    for client in (ApiClient(), buyer, client_for(member_of(shop_with_product()[0]))):
        assert error_codes(client.graphql(CONFIRM_TRANSFER, {"id": refund_id, "ref": "FT1"})) == [
            "PermissionDenied"
        ]
    blank = body(artisan.graphql(CONFIRM_TRANSFER, {"id": refund_id, "ref": "  "}))
    assert blank["errors"] == [{"field": "transferReference", "code": "REQUIRED"}]
    done = body(artisan.graphql(CONFIRM_TRANSFER, {"id": refund_id, "ref": "FT26120699"}))
    assert done == {"grantedRefund": {"status": "SUCCESS", "transferReference": "FT26120699"}, "errors": []}
    again = body(artisan.graphql(CONFIRM_TRANSFER, {"id": refund_id, "ref": "FT26120699"}))
    assert again["errors"] == [{"field": "id", "code": "INVALID"}]
    assert Order.objects.get().total_refunded_amount == 300_000


VENDOR_RETURNS = """query ($vendor: ID!, $status: OrderReturnStatusEnum, $first: Int) {
  vendorReturns(vendor: $vendor, status: $status, first: $first) { totalCount
    edges { node { id status reason photos { url } lines { quantity orderLine { productName } }
      vendorOrder { number } grantedRefund { status amount { amount } } } } } }"""


def test_a_shop_lists_its_returns_at_a_fixed_cost(shipped):
    s = shipped
    vendor = gid("Vendor", s["vendor"].pk)

    def listing(client: ApiClient, **variables: object) -> tuple[dict, int]:  # type: ignore[type-arg]
        with CaptureQueriesContext(connection) as queries:
            content = client.graphql(VENDOR_RETURNS, {"vendor": vendor, "first": 100, **variables})
        return content, len(queries)

    first = ask(s)["orderReturn"]["id"]
    waiting = body(listing(s["artisan"], status="REQUESTED")[0])
    assert [edge["node"]["id"] for edge in waiting["edges"]] == [first]
    body(s["artisan"].graphql(ACCEPT, {"id": first, "keep": True}))
    content, one = listing(s["artisan"])
    assert body(content)["totalCount"] == 1
    second = ask(s)["orderReturn"]["id"]
    body(s["artisan"].graphql(ACCEPT, {"id": second, "keep": True}))
    content, many = listing(s["artisan"])
    assert one == many  # each return with its lines, photos, part and refund: the same queries
    nodes = [edge["node"] for edge in body(content)["edges"]]
    assert [n["id"] for n in nodes] == [second, first]  # newest first
    assert body(listing(s["artisan"], status="REQUESTED")[0])["totalCount"] == 0
    curator = UserFactory(is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    other_shop = client_for(member_of(shop_with_product()[0]))
    for client in (ApiClient(), s["buyer"], other_shop, client_for(curator)):
        assert error_codes(listing(client)[0]) == ["PermissionDenied"]
    staff = UserFactory(is_staff=True)
    grant(staff, PermissionEnum.MANAGE_ORDERS)
    assert body(listing(client_for(staff))[0])["totalCount"] == 2
