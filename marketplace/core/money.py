"""Money as ``Decimal`` quantised to the currency's minor unit (ISO 4217 exponents)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# Exponents for the currencies the marketplace uses; VND has no minor unit.
CURRENCY_EXPONENTS: dict[str, int] = {"VND": 0, "USD": 2, "EUR": 2}
MAX_DIGITS = 20
DECIMAL_PLACES = 3


def currency_exponent(currency: str) -> int:
    return CURRENCY_EXPONENTS.get(currency.upper(), 2)


def quantize(amount: Decimal | int | str, currency: str) -> Decimal:
    exponent = currency_exponent(currency)
    return Decimal(amount).quantize(Decimal(1).scaleb(-exponent), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> "Money":
        return cls(quantize(amount, currency), currency)


@dataclass(frozen=True)
class TaxedMoney:
    """Prices are tax-inclusive; household sellers do not charge VAT separately."""

    net: Money
    gross: Money

    @property
    def tax(self) -> Money:
        return Money(self.gross.amount - self.net.amount, self.gross.currency)

    @property
    def currency(self) -> str:
        return self.gross.currency

    @classmethod
    def gross_only(cls, money: Money) -> "TaxedMoney":
        return cls(net=money, gross=money)


@dataclass(frozen=True)
class TaxedMoneyRange:
    start: TaxedMoney
    stop: TaxedMoney
