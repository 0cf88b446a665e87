"""The payment gateways the marketplace offers, and when each is available.

Cash on delivery is always offered; VNPay only once its merchant credentials are
configured; the dummy gateway only where explicitly enabled (demo and tests).
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Gateway:
    id: str
    name: str
    currencies: tuple[str, ...]


COD = Gateway("vn.cod", "Thanh toán khi nhận hàng (COD)", ("VND",))
VNPAY = Gateway("vn.vnpay", "VNPay", ("VND",))
DUMMY = Gateway("mirumee.payments.dummy", "Dummy", ("VND",))


def available_gateways(currency: str | None = None) -> list[Gateway]:
    gateways = [COD]
    if settings.VNPAY_TMN_CODE and settings.VNPAY_HASH_SECRET:
        gateways.append(VNPAY)
    if settings.PAYMENT_DUMMY_ENABLED:
        gateways.append(DUMMY)
    return [g for g in gateways if currency is None or currency in g.currencies]
