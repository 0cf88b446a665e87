"""Helpers for the checkout and order tests: shops with listed products, addresses, and
the contract's checkout documents run over HTTP."""

from typing import Any

from graphql_relay import to_global_id

from marketplace.inventory.models import ClickAndCollectOption
from marketplace.shipping.models import ShippingMethod
from tests.conftest import ApiClient, contract_document, data, run_operation
from tests.factories import AddressFactory, VendorFactory, WarehouseFactory, listed_product

CHECKOUT = contract_document("checkout")

ADDRESS = {
    "firstName": "Lan",
    "lastName": "Nguyễn",
    "streetAddress1": "12 Hàng Gai",
    "city": "phuong hoan kiem",
    "countryArea": "ha noi",
    "postalCode": "11000",
    "country": "VN",
    "phone": "0912345678",
}
ADDRESS_HUE = {
    **ADDRESS,
    "streetAddress1": "5 Lê Lợi",
    "city": "phuong thuan hoa",
    "countryArea": "hue",
    "postalCode": "49000",
}


def gid(type_name: str, pk: Any) -> str:
    return to_global_id(type_name, str(pk))


def variant_id(product) -> str:
    return gid("ProductVariant", product.variants.order_by("pk").first().pk)


def shop_with_product(*, price: int = 100_000, stock: int = 10, pickup: bool = False, **product_fields):
    """An ACTIVE shop, its workshop (LOCAL pickup when ``pickup``) and one listed product."""
    vendor = VendorFactory()
    warehouse = WarehouseFactory(
        vendor=vendor,
        click_and_collect_option=ClickAndCollectOption.LOCAL if pickup else ClickAndCollectOption.DISABLED,
    )
    product = listed_product(
        vendor=vendor,
        prices=(price,),
        stock=stock,
        warehouse=warehouse,  # type: ignore[arg-type]
        **product_fields,
    )
    return vendor, product


def design_centre():
    return WarehouseFactory(
        vendor=None,
        name="Trung tâm Thiết kế Sáng tạo Hà Nội",
        click_and_collect_option=ClickAndCollectOption.ALL,
        address=AddressFactory(street_address_1="Phạm Hùng", city="Phường Từ Liêm"),
    )


def standard_hanoi() -> ShippingMethod:
    return ShippingMethod.objects.get(name="Giao hàng tiêu chuẩn Hà Nội")


def op(client: ApiClient, name: str, **variables: Any) -> dict[str, Any]:
    return data(run_operation(client, CHECKOUT, name, variables))


def create(
    client: ApiClient,
    lines: list[tuple[Any, int]],
    email: str | None = "lan@example.vn",
    channel: str = "default-channel",
) -> dict[str, Any]:
    variables = {
        "channel": channel,
        "email": email,
        "lines": [
            {"variantId": variant_id(p) if not isinstance(p, str) else p, "quantity": q} for p, q in lines
        ],
    }
    return op(client, "CheckoutCreate", **variables)["checkoutCreate"]


def ready_checkout(client: ApiClient, lines: list[tuple[Any, int]], *, address: dict | None = None) -> str:
    """A checkout with lines, both addresses and the cheapest shipping method; its ID."""
    result = create(client, lines)
    assert result["errors"] == [], result["errors"]
    checkout_id = result["checkout"]["id"]
    address = address or ADDRESS
    shipped = op(client, "CheckoutShippingAddressUpdate", id=checkout_id, address=address)[
        "checkoutShippingAddressUpdate"
    ]
    assert shipped["errors"] == [], shipped["errors"]
    billed = op(client, "CheckoutBillingAddressUpdate", id=checkout_id, address=address)[
        "checkoutBillingAddressUpdate"
    ]
    assert billed["errors"] == [], billed["errors"]
    method = shipped["checkout"]["shippingMethods"][0]["id"]
    chosen = op(client, "CheckoutDeliveryMethodUpdate", id=checkout_id, deliveryMethodId=method)[
        "checkoutDeliveryMethodUpdate"
    ]
    assert chosen["errors"] == [], chosen["errors"]
    return checkout_id


def pay_and_complete(client: ApiClient, checkout_id: str, gateway: str = "vn.cod") -> dict[str, Any]:
    paid = op(client, "CheckoutPaymentCreate", id=checkout_id, gateway=gateway, amount=None, token=None)[
        "checkoutPaymentCreate"
    ]
    assert paid["errors"] == [], paid["errors"]
    return op(client, "CheckoutComplete", id=checkout_id)["checkoutComplete"]
