"""GraphQL documents written for these tests in the shape Saleor's storefront uses them
(fields and arguments of its checkout, payment and order operations), and helpers that run
them over HTTP. Not the storefront's own files: the suite never needs the storefront."""

from typing import Any

from tests.conftest import ApiClient, data

MONEY = "currency amount"
ADDRESS_FIELDS = "id city phone postalCode companyName cityArea streetAddress1 streetAddress2 countryArea country { country code } firstName lastName"

CHECKOUT_FIELDS = f"""
  id email voucherCode discountName translatedDiscountName
  discount {{ {MONEY} }}
  giftCards {{ id displayCode currentBalance {{ {MONEY} }} }}
  channel {{ id slug }}
  user {{ id }}
  shippingAddress {{ {ADDRESS_FIELDS} }}
  billingAddress {{ {ADDRESS_FIELDS} }}
  authorizeStatus chargeStatus isShippingRequired
  availablePaymentGateways {{ id name currencies config {{ field value }} }}
  delivery {{ id shippingMethod {{ id name }} }}
  problems {{
    __typename
    ... on CheckoutProblemDeliveryMethodInvalid {{ delivery {{ id }} }}
    ... on CheckoutLineProblemInsufficientStock {{ availableQuantity line {{ id }} variant {{ id }} }}
    ... on CheckoutLineProblemVariantNotAvailable {{ line {{ id }} }}
  }}
  totalPrice {{ gross {{ {MONEY} }} tax {{ {MONEY} }} }}
  shippingPrice {{ gross {{ {MONEY} }} }}
  subtotalPrice {{ gross {{ {MONEY} }} }}
  lines {{
    id quantity
    totalPrice {{ gross {{ {MONEY} }} }}
    unitPrice {{ gross {{ {MONEY} }} }}
    undiscountedUnitPrice {{ {MONEY} }}
    variant {{ id name product {{ name }} }}
  }}
"""
ERRORS = "errors { field code message }"

CHECKOUT = f"query ($id: ID!) {{ checkout(id: $id) {{ {CHECKOUT_FIELDS} }} }}"
CREATE = f"""mutation ($channel: String!) {{ checkoutCreate(input: {{channel: $channel, lines: []}}) {{
  {ERRORS} checkout {{ {CHECKOUT_FIELDS} }} }} }}"""
LINES_ADD = f"""mutation ($id: ID!, $lines: [CheckoutLineInput!]!) {{ checkoutLinesAdd(id: $id, lines: $lines) {{
  {ERRORS} checkout {{ {CHECKOUT_FIELDS} }} }} }}"""
LINE_DELETE = f"""mutation ($id: ID!, $lineId: ID) {{ checkoutLineDelete(id: $id, lineId: $lineId) {{
  {ERRORS} checkout {{ {CHECKOUT_FIELDS} }} }} }}"""
EMAIL = f"""mutation ($id: ID!, $email: String!) {{ checkoutEmailUpdate(id: $id, email: $email) {{
  {ERRORS} checkout {{ {CHECKOUT_FIELDS} }} }} }}"""
SHIPPING_ADDRESS = f"""mutation ($id: ID!, $address: AddressInput!, $saveAddress: Boolean,
    $rules: CheckoutAddressValidationRules) {{
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address, saveAddress: $saveAddress,
      validationRules: $rules) {{
    errors {{ field code message addressType }} checkout {{ {CHECKOUT_FIELDS} }} }} }}"""
BILLING_ADDRESS = f"""mutation ($id: ID!, $address: AddressInput!, $saveAddress: Boolean,
    $rules: CheckoutAddressValidationRules) {{
  checkoutBillingAddressUpdate(id: $id, billingAddress: $address, saveAddress: $saveAddress,
      validationRules: $rules) {{
    errors {{ field code message addressType }} checkout {{ {CHECKOUT_FIELDS} }} }} }}"""
DELIVERY_METHOD = f"""mutation ($id: ID!, $deliveryMethodId: ID!) {{
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $deliveryMethodId) {{
    {ERRORS} checkout {{ {CHECKOUT_FIELDS} }} }} }}"""
DELIVERY_OPTIONS = f"""mutation ($id: ID!) {{ deliveryOptionsCalculate(id: $id) {{
  deliveries {{ id shippingMethod {{ id name active message price {{ {MONEY} }}
    minimumDeliveryDays maximumDeliveryDays }} }}
  {ERRORS} }} }}"""
ADD_PROMO = f"""mutation ($checkoutId: ID, $promoCode: String!) {{
  checkoutAddPromoCode(checkoutId: $checkoutId, promoCode: $promoCode) {{
    {ERRORS} checkout {{ {CHECKOUT_FIELDS} }} }} }}"""
REMOVE_PROMO = f"""mutation ($checkoutId: ID, $promoCode: String, $promoCodeId: ID) {{
  checkoutRemovePromoCode(checkoutId: $checkoutId, promoCode: $promoCode, promoCodeId: $promoCodeId) {{
    {ERRORS} checkout {{ id voucherCode }} }} }}"""
UPDATE_METADATA = f"""mutation ($id: ID!, $input: [MetadataInput!]!) {{ updateMetadata(id: $id, input: $input) {{
  {ERRORS} item {{ __typename metadata {{ key value }} ... on Checkout {{ id }} ... on Order {{ id }}
    ... on User {{ id }} }} }} }}"""
DELETE_METADATA = f"""mutation ($id: ID!, $keys: [String!]!) {{ deleteMetadata(id: $id, keys: $keys) {{
  {ERRORS} item {{ metadata {{ key value }} }} }} }}"""
UPDATE_PRIVATE_METADATA = f"""mutation ($id: ID!, $input: [MetadataInput!]!) {{
  updatePrivateMetadata(id: $id, input: $input) {{ {ERRORS} item {{ privateMetadata {{ key value }} }} }} }}"""
GATEWAYS_INITIALIZE = f"""mutation ($id: ID!, $gateways: [PaymentGatewayToInitialize!]) {{
  paymentGatewayInitialize(id: $id, paymentGateways: $gateways) {{
    {ERRORS} gatewayConfigs {{ id data errors {{ field message code }} }} }} }}"""
TRANSACTION_FIELDS = f"""
  transaction {{ id actions pspReference name
    authorizedAmount {{ {MONEY} }} chargedAmount {{ {MONEY} }} chargePendingAmount {{ {MONEY} }}
    canceledAmount {{ {MONEY} }} events {{ type amount {{ {MONEY} }} pspReference message }} }}
  transactionEvent {{ message type amount {{ {MONEY} }} pspReference }}
  data
  {ERRORS}
"""
TRANSACTION_INITIALIZE = f"""mutation ($id: ID!, $action: TransactionFlowStrategyEnum,
    $gateway: PaymentGatewayToInitialize!, $amount: PositiveDecimal, $key: String, $ip: String) {{
  transactionInitialize(id: $id, action: $action, paymentGateway: $gateway, amount: $amount,
      idempotencyKey: $key, customerIpAddress: $ip) {{ {TRANSACTION_FIELDS} }} }}"""
TRANSACTION_PROCESS = f"""mutation ($id: ID, $token: UUID, $data: JSON) {{
  transactionProcess(id: $id, token: $token, data: $data) {{ {TRANSACTION_FIELDS} }} }}"""
COMPLETE = f"""mutation ($id: ID!) {{ checkoutComplete(id: $id) {{
  {ERRORS} confirmationNeeded confirmationData order {{ id channel {{ slug }} }} }} }}"""
ORDER_FIELDS = f"""
  id number userEmail isPaid status statusDisplay paymentStatus created
  channel {{ slug }}
  discounts {{ type name amount {{ {MONEY} }} }}
  chargeStatus authorizeStatus
  shippingAddress {{ {ADDRESS_FIELDS} }}
  billingAddress {{ {ADDRESS_FIELDS} }}
  deliveryMethod {{ __typename ... on ShippingMethod {{ name minimumDeliveryDays maximumDeliveryDays }}
    ... on Warehouse {{ id name }} }}
  total {{ gross {{ {MONEY} }} tax {{ {MONEY} }} }}
  voucher {{ code }}
  shippingPrice {{ gross {{ {MONEY} }} }}
  subtotal {{ gross {{ {MONEY} }} }}
  lines {{ id quantity productName variantName
    totalPrice {{ gross {{ {MONEY} }} }}
    undiscountedUnitPrice {{ gross {{ {MONEY} }} }}
    unitPrice {{ gross {{ {MONEY} }} }}
    thumbnail(size: 128, format: WEBP) {{ alt url }} }}
  totalBalance {{ {MONEY} }}
  totalCaptured {{ {MONEY} }}
  totalCharged {{ {MONEY} }}
  totalAuthorized {{ {MONEY} }}
  transactions {{ id chargedAmount {{ {MONEY} }} authorizedAmount {{ {MONEY} }} events {{ type }} }}
"""
ORDER = f"query ($id: ID!) {{ order(id: $id) {{ {ORDER_FIELDS} }} }}"
MY_ORDERS = (
    f"query ($first: Int) {{ me {{ orders(first: $first) {{ edges {{ node {{ {ORDER_FIELDS} }} }} }} }} }}"
)
MARK_PAID = (
    "mutation ($id: ID!) { vendorOrderMarkPaid(id: $id) { vendorOrder { isPaid } errors { field code } } }"
)
ORDER_CANCEL = (
    "mutation ($id: ID!) { orderCancel(id: $id) { order { status chargeStatus } errors { field code } } }"
)

DUMMY = "saleor.io.dummy-payment-app"


def run(client: ApiClient, document: str, **variables: Any) -> dict[str, Any]:
    return data(client.graphql(document, variables))


def payload(client: ApiClient, document: str, **variables: Any) -> dict[str, Any]:
    """The single root field's payload of a mutation or query."""
    result = run(client, document, **variables)
    return next(iter(result.values()))


def dummy(event_type: str = "CHARGE_SUCCESS", psp: bool = True) -> dict[str, Any]:
    """What the storefront sends to Saleor's dummy payment app."""
    return {"id": DUMMY, "data": {"event": {"includePspReference": psp, "type": event_type}}}


def initialize(
    client: ApiClient, checkout_id: str, gateway: dict[str, Any], **variables: Any
) -> dict[str, Any]:
    return payload(client, TRANSACTION_INITIALIZE, id=checkout_id, gateway=gateway, **variables)


def complete(client: ApiClient, checkout_id: str) -> dict[str, Any]:
    return payload(client, COMPLETE, id=checkout_id)
