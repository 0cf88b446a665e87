"""VNPay (API 2.1.0): the signed payment URL and the verification of its IPN callback.

The signature is the hex HMAC-SHA512, keyed with the merchant's hash secret, of the
``vnp_*`` parameters sorted by key and URL-encoded as ``key=value`` pairs joined by
``&`` (values encoded as VNPay's own samples do, spaces as ``+``), leaving out
``vnp_SecureHash`` and ``vnp_SecureHashType``. Amounts are sent ×100.
"""

import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from django.conf import settings

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
UNSIGNED = {"vnp_SecureHash", "vnp_SecureHashType"}

# Reply codes of the IPN endpoint, as VNPay expects them.
CONFIRMED = ("00", "Confirm Success")
ORDER_NOT_FOUND = ("01", "Order not found")
ALREADY_CONFIRMED = ("02", "Order already confirmed")
INVALID_AMOUNT = ("04", "Invalid amount")
INVALID_SIGNATURE = ("97", "Invalid signature")
UNKNOWN_ERROR = ("99", "Unknown error")


def signing_string(params: Mapping[str, str]) -> str:
    pairs = sorted((k, v) for k, v in params.items() if k.startswith("vnp_") and k not in UNSIGNED)
    return "&".join(f"{key}={quote_plus(str(value))}" for key, value in pairs)


def sign(params: Mapping[str, str], secret: str | None = None) -> str:
    secret = secret if secret is not None else settings.VNPAY_HASH_SECRET
    return hmac.new(secret.encode(), signing_string(params).encode(), hashlib.sha512).hexdigest()


def signature_is_valid(params: Mapping[str, str]) -> bool:
    given = str(params.get("vnp_SecureHash", ""))
    return bool(given) and hmac.compare_digest(given.lower(), sign(params))


def vnpay_amount(amount: Decimal) -> str:
    """VND × 100, as VNPay counts (no minor unit is ever sent)."""
    return str(int(amount * 100))


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")


def payment_url(
    *,
    txn_ref: str,
    amount: Decimal,
    order_info: str,
    ip_address: str,
    locale: str,
    created: datetime,
    return_url: str | None = None,
) -> tuple[str, datetime]:
    """The URL the buyer is sent to, and when it expires (``vnp_ExpireDate``)."""
    expires = created + timedelta(minutes=settings.VNPAY_PAYMENT_MINUTES)
    params = {
        "vnp_Version": "2.1.0",
        "vnp_Command": "pay",
        "vnp_TmnCode": settings.VNPAY_TMN_CODE,
        "vnp_Amount": vnpay_amount(amount),
        "vnp_CurrCode": "VND",
        "vnp_TxnRef": txn_ref,
        "vnp_OrderInfo": order_info,
        "vnp_OrderType": "other",
        "vnp_Locale": "en" if locale.startswith("en") else "vn",
        "vnp_ReturnUrl": return_url or settings.VNPAY_RETURN_URL,
        "vnp_IpAddr": ip_address or "127.0.0.1",
        "vnp_CreateDate": _timestamp(created),
        "vnp_ExpireDate": _timestamp(expires),
    }
    query = signing_string(params)
    return f"{settings.VNPAY_PAYMENT_URL}?{query}&vnp_SecureHash={sign(params)}", expires
