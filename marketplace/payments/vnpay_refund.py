"""VNPay's refund API (merchant web API 2.1.0, ``vnp_Command=refund``): the signed request
and the verification of its answer.

``POST VNPAY_REFUND_URL`` with a JSON body. The request's ``vnp_SecureHash`` is the hex
HMAC-SHA512, keyed with the merchant's hash secret, of these fields joined by ``|`` in this
order (VNPay's refund specification):

    vnp_RequestId|vnp_Version|vnp_Command|vnp_TmnCode|vnp_TransactionType|vnp_TxnRef|
    vnp_Amount|vnp_TransactionNo|vnp_TransactionDate|vnp_CreateBy|vnp_CreateDate|
    vnp_IpAddr|vnp_OrderInfo

and the answer's over

    vnp_ResponseId|vnp_Command|vnp_ResponseCode|vnp_Message|vnp_TmnCode|vnp_TxnRef|
    vnp_Amount|vnp_BankCode|vnp_PayDate|vnp_TransactionNo|vnp_TransactionType|
    vnp_TransactionStatus|vnp_OrderInfo

``vnp_TransactionType`` is ``02`` for a full refund, ``03`` for a partial one; amounts are
sent ×100. ``vnp_RequestId`` is unique per request (VNPay refuses a repeated one in a day).
"""

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import requests
from django.conf import settings

from marketplace.payments.vnpay import VN_TZ, vnpay_amount

FULL_REFUND = "02"
PARTIAL_REFUND = "03"
REQUEST_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransactionType",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_TransactionNo",
    "vnp_TransactionDate",
    "vnp_CreateBy",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
RESPONSE_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
)
# VNPay's answers to a refund request, and what each means for us.
SUCCESS = "00"
IN_PROGRESS = "94"  # "a refund of this transaction was already sent; VNPay is processing it"
RESPONSE_MESSAGES = {
    "00": "Refund accepted",
    "02": "Invalid merchant code (vnp_TmnCode)",
    "03": "Invalid data format",
    "04": "A full refund is not allowed after a partial one",
    "13": "Only partial refunds are allowed",
    "91": "Transaction to refund not found",
    "93": "Invalid refund amount",
    "94": "A refund request for this transaction is already being processed",
    "95": "The transaction did not succeed at VNPay; refund refused",
    "97": "Invalid checksum",
    "99": "Other error",
}


def _hash(data: str, secret: str) -> str:
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def request_signature(params: Mapping[str, Any], secret: str | None = None) -> str:
    secret = secret if secret is not None else settings.VNPAY_HASH_SECRET
    return _hash("|".join(str(params.get(name, "")) for name in REQUEST_FIELDS), secret)


def response_signature(answer: Mapping[str, Any], secret: str | None = None) -> str:
    secret = secret if secret is not None else settings.VNPAY_HASH_SECRET
    return _hash("|".join(str(answer.get(name, "") or "") for name in RESPONSE_FIELDS), secret)


def timestamp(moment: datetime) -> str:
    return moment.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")


def build_request(
    *,
    request_id: str,
    txn_ref: str,
    amount: Decimal,
    full: bool,
    transaction_no: str,
    transaction_date: str,
    create_by: str,
    created: datetime,
    order_info: str,
) -> dict[str, str]:
    """The signed JSON body of one refund request."""
    params = {
        "vnp_RequestId": request_id,
        "vnp_Version": "2.1.0",
        "vnp_Command": "refund",
        "vnp_TmnCode": settings.VNPAY_TMN_CODE,
        "vnp_TransactionType": FULL_REFUND if full else PARTIAL_REFUND,
        "vnp_TxnRef": txn_ref,
        "vnp_Amount": vnpay_amount(amount),
        "vnp_TransactionNo": transaction_no or "0",
        "vnp_TransactionDate": transaction_date,
        "vnp_CreateBy": create_by[:250],
        "vnp_CreateDate": timestamp(created),
        "vnp_IpAddr": settings.VNPAY_SERVER_IP,
        "vnp_OrderInfo": order_info[:255],
    }
    params["vnp_SecureHash"] = request_signature(params)
    return params


@dataclass(frozen=True)
class RefundAnswer:
    """What came back: ``answered`` False when nothing usable came back (timeout, network
    error, not JSON) — the refund may or may not have been made, so it stays pending."""

    answered: bool
    code: str
    message: str
    body: dict[str, Any]
    signature_valid: bool | None


def send(params: Mapping[str, str]) -> RefundAnswer:
    """POST the request; never raises for the provider's or the network's failures."""
    try:
        response = requests.post(
            settings.VNPAY_REFUND_URL, json=dict(params), timeout=settings.VNPAY_REFUND_TIMEOUT_SECONDS
        )
    except requests.Timeout:
        return RefundAnswer(False, "", "VNPay did not answer in time", {}, None)
    except requests.RequestException as error:
        return RefundAnswer(False, "", f"VNPay could not be reached: {type(error).__name__}", {}, None)
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return RefundAnswer(
            False,
            "",
            f"VNPay answered HTTP {response.status_code} without JSON",
            {"http": response.status_code},
            None,
        )
    body = {
        str(k)[:64]: (v if isinstance(v, (str, int, float)) or v is None else str(v)) for k, v in body.items()
    }
    code = str(body.get("vnp_ResponseCode", ""))[:8]
    valid = hmac.compare_digest(str(body.get("vnp_SecureHash", "")).lower(), response_signature(body))
    message = RESPONSE_MESSAGES.get(code, f"Unknown answer {code!r}")
    return RefundAnswer(True, code, message, body, valid)
