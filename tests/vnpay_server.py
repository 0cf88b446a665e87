"""A local stand-in for VNPay's merchant web API (``vnp_Command=refund``), on a real socket:
it checks every request's signature (the pipe-joined fields of VNPay's refund spec, with the
merchant's secret), records what it received, and answers as VNPay does — signed — with the
code a test sets (or late, or unsigned)."""

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from marketplace.payments import vnpay_refund

SECRET = "SECRET-FOR-TESTS-ONLY"
TMN = "LANGNGHE"


class FakeVnpay(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.received: list[dict[str, Any]] = []
        self.bad_signatures = 0
        self.code = "00"  # the answer to give
        self.delay = 0.0  # seconds before answering (a timeout test)
        self.sign_answers = True
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/merchant_webapi/api/transaction"

    def answer(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            expected = vnpay_refund.request_signature(body, SECRET)
            valid = body.get("vnp_SecureHash") == expected
            self.received.append(body)
            if not valid:
                self.bad_signatures += 1
            code = self.code if valid else "97"
        answer = {
            "vnp_ResponseId": body.get("vnp_RequestId", "") + "r",
            "vnp_Command": "refund",
            "vnp_ResponseCode": code,
            "vnp_Message": "Refund success" if code == "00" else "Refund failed",
            "vnp_TmnCode": body.get("vnp_TmnCode", ""),
            "vnp_TxnRef": body.get("vnp_TxnRef", ""),
            "vnp_Amount": body.get("vnp_Amount", ""),
            "vnp_BankCode": "NCB",
            "vnp_PayDate": "20261205093000",
            "vnp_TransactionNo": "15500001" if code == "00" else "",
            "vnp_TransactionType": body.get("vnp_TransactionType", ""),
            "vnp_TransactionStatus": "05" if code == "00" else "",
            "vnp_OrderInfo": body.get("vnp_OrderInfo", ""),
        }
        answer["vnp_SecureHash"] = (
            vnpay_refund.response_signature(answer, SECRET) if self.sign_answers else "0" * 128
        )
        return answer


class Handler(BaseHTTPRequestHandler):
    server: FakeVnpay

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.server.delay:
            time.sleep(self.server.delay)
        payload = json.dumps(self.server.answer(body)).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def fake_vnpay(settings) -> Iterator[FakeVnpay]:  # type: ignore[no-untyped-def]
    """VNPay configured for the tests, its refund API served locally."""
    server = FakeVnpay()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.VNPAY_TMN_CODE = TMN
    settings.VNPAY_HASH_SECRET = SECRET
    settings.VNPAY_PAYMENT_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    settings.VNPAY_REFUND_URL = server.url
    settings.VNPAY_REFUND_TIMEOUT_SECONDS = 2.0
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
