"""The payment gateways the marketplace offers, and when each is available.

Cash on delivery is always offered; VNPay only once its merchant credentials are
configured; the dummy gateways only where explicitly enabled (demo and tests).

Two APIs pay for a checkout (Saleor's two): the older ``checkoutPaymentCreate`` (a
``Payment``) and the transactions API (``transactionInitialize``: a ``TransactionItem``).
``legacy`` gateways work with the first, ``transactions`` gateways with the second.
Saleor's dummy payment app (``saleor.io.dummy-payment-app``) is a transactions gateway
only; our older dummy (``mirumee.payments.dummy``, Saleor's dummy plugin) works with
both, and through the transactions API it follows the dummy app's contract — both ids
are known to Saleor's storefront.
"""

from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class Gateway:
    id: str
    name: str
    currencies: tuple[str, ...]
    legacy: bool = True  # usable with checkoutPaymentCreate
    transactions: bool = True  # usable with transactionInitialize
    config: tuple[tuple[str, str], ...] = field(default=())  # PaymentGateway.config


COD = Gateway(
    "vn.cod",
    "Thanh toán khi nhận hàng (COD)",
    ("VND",),
    config=(("flow", "authorize-then-collect"),),
)
VNPAY = Gateway("vn.vnpay", "VNPay", ("VND",), config=(("flow", "redirect"),))
DUMMY = Gateway("mirumee.payments.dummy", "Dummy", ("VND",))
DUMMY_APP = Gateway("saleor.io.dummy-payment-app", "Dummy Payment App", ("VND",), legacy=False)
DUMMY_IDS = frozenset({DUMMY.id, DUMMY_APP.id})


def available_gateways(currency: str | None = None) -> list[Gateway]:
    gateways = [COD]
    if settings.VNPAY_TMN_CODE and settings.VNPAY_HASH_SECRET:
        gateways.append(VNPAY)
    if settings.PAYMENT_DUMMY_ENABLED:
        gateways += [DUMMY_APP, DUMMY]
    return [g for g in gateways if currency is None or currency in g.currencies]


def legacy_gateway_ids(currency: str) -> set[str]:
    return {g.id for g in available_gateways(currency) if g.legacy}


def transaction_gateway(gateway_id: str, currency: str) -> Gateway | None:
    return next((g for g in available_gateways(currency) if g.transactions and g.id == gateway_id), None)
