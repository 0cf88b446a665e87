"""What each gateway answers to a transaction session (Saleor's ``TRANSACTION_INITIALIZE_SESSION``
and ``TRANSACTION_PROCESS_SESSION`` webhooks, answered here in-process: our gateways are
not separate apps).

- The dummy gateways follow Saleor's dummy payment app: ``data.event.type`` is the result
  (``CHARGE_SUCCESS``, ``AUTHORIZATION_SUCCESS``, ``CHARGE_FAILURE``, ``CHARGE_ACTION_REQUIRED``...),
  ``data.event.includePspReference`` (default true) whether a PSP reference comes back;
  data it cannot read makes a ``CHARGE_FAILURE``/``AUTHORIZATION_FAILURE``.
- Cash on delivery authorizes the amount (the buyer's promise to pay at delivery); each
  shop charges its part when it collects the cash (``vendorOrderMarkPaid``).
- VNPay needs the buyer on its page: ``CHARGE_ACTION_REQUIRED`` with the signed payment
  URL in ``data``; only its IPN (``ipn.py``) reports the charge.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from marketplace.payments import vnpay
from marketplace.payments.gateways import COD, DUMMY_IDS, VNPAY
from marketplace.payments.models import TransactionEventType as T
from marketplace.payments.models import TransactionItem

SUCCESS = {T.AUTHORIZATION_SUCCESS, T.CHARGE_SUCCESS, T.AUTHORIZATION_REQUEST, T.CHARGE_REQUEST}
FAILURE = {T.AUTHORIZATION_FAILURE, T.CHARGE_FAILURE}
ACTION_REQUIRED = {T.AUTHORIZATION_ACTION_REQUIRED, T.CHARGE_ACTION_REQUIRED}
# What a session may answer (Saleor's session response schemas).
SESSION_RESULTS = SUCCESS | FAILURE | ACTION_REQUIRED | {T.CANCEL_SUCCESS}


@dataclass
class Session:
    transaction: TransactionItem
    action: str  # "CHARGE" or "AUTHORIZATION"
    amount: Decimal
    data: Any
    customer_ip: str | None
    language: str
    description: str


@dataclass
class Answer:
    result: str
    amount: Decimal
    psp_reference: str = ""
    message: str = ""
    data: Any = None
    actions: list[str] = field(default_factory=list)
    external_url: str = ""


def _failure(session: Session, message: str) -> Answer:
    result = T.CHARGE_FAILURE if session.action == "CHARGE" else T.AUTHORIZATION_FAILURE
    return Answer(result, session.amount, uuid.uuid4().hex, message, {"exception": True}, [])


def dummy_actions(result: str) -> list[str]:
    """The actions the dummy payment app offers after each result."""
    if result in (T.INFO, T.CHARGE_BACK, T.CHARGE_FAILURE):
        return ["REFUND", "CHARGE", "CANCEL"]
    if result in (
        T.AUTHORIZATION_ADJUSTMENT,
        T.AUTHORIZATION_FAILURE,
        T.AUTHORIZATION_REQUEST,
        T.AUTHORIZATION_SUCCESS,
        T.CANCEL_FAILURE,
        T.CANCEL_REQUEST,
    ):
        return ["CHARGE", "CANCEL"]
    if result in (T.CHARGE_REQUEST, T.CHARGE_SUCCESS, T.REFUND_FAILURE, T.REFUND_REQUEST, T.REFUND_SUCCESS):
        return ["REFUND"]
    return []


def _dummy(session: Session) -> Answer:
    data = session.data
    event = data.get("event") if isinstance(data, dict) else None
    kind = event.get("type") if isinstance(event, dict) else None
    if kind not in T.values:
        return _failure(session, f"Invalid data: event.type must be one of {', '.join(T.values)}.")
    include = event.get("includePspReference", True)  # type: ignore[union-attr]
    if not isinstance(include, bool):
        return _failure(session, "Invalid data: event.includePspReference must be a boolean.")
    return Answer(
        result=kind,
        amount=session.amount,
        psp_reference=uuid.uuid4().hex if include else "",
        message="Great success!",
        actions=dummy_actions(kind),
    )


def _cod(session: Session) -> Answer:
    return Answer(
        result=T.AUTHORIZATION_SUCCESS,
        amount=session.amount,
        psp_reference=f"cod-{session.transaction.token.hex}",
        message="Cash on delivery: each shop collects its parcel's amount at delivery.",
        actions=["CHARGE", "CANCEL"],
    )


def vnpay_redirect(  # type: ignore[no-untyped-def]
    transaction: TransactionItem, amount: Decimal, *, ip: str | None, language: str, info: str
):
    """The signed URL (and its data) for the transaction's VNPay reference."""
    url, expires = vnpay.payment_url(
        txn_ref=transaction.psp_reference,
        amount=amount,
        order_info=info,
        ip_address=ip or "",
        locale=language,
        created=timezone.now(),
    )
    return {
        "gateway": VNPAY.id,
        "redirectUrl": url,
        "txnRef": transaction.psp_reference,
        "expiresAt": expires.isoformat(),
    }


def _vnpay(session: Session) -> Answer:
    return Answer(
        result=T.CHARGE_ACTION_REQUIRED,
        amount=session.amount,
        psp_reference=session.transaction.psp_reference,
        message="Waiting for the buyer to pay on VNPay; VNPay's notification confirms the payment.",
        data=vnpay_redirect(
            session.transaction,
            session.amount,
            ip=session.customer_ip,
            language=session.language,
            info=session.description,
        ),
    )


def initialize_session(gateway_id: str, session: Session) -> Answer:
    if gateway_id in DUMMY_IDS:
        return _dummy(session)
    if gateway_id == COD.id:
        return _cod(session)
    assert gateway_id == VNPAY.id, gateway_id
    return _vnpay(session)


def process_session(gateway_id: str, session: Session) -> Answer:
    """VNPay is never processed by the buyer's client (the caller answers from the IPN's
    record); the others answer as to initialize."""
    return initialize_session(gateway_id, session)
