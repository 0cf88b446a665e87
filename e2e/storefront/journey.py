"""The buyer's journey through the storefront in headless Chromium (Playwright over Debian's
chromium): browse, search, a product page, the cart, checkout with a Vietnamese address and
payment through the test gateway, sign-up with the e-mailed link, sign-in, the account, and
cash on delivery as far as the unchanged storefront allows.

Each step records pass/fail, its URL and a screenshot; a step whose prerequisite failed is
skipped. Test data (products, a province and a ward) is chosen through the API first."""

import json
import re
import time
import traceback
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from e2e.storefront import mail
from e2e.storefront.logscan import ConsoleEntry
from e2e.storefront.report import FAIL, PASS, SKIP, Report, Step

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 30_000
PICKUP = re.compile(r"pick ?up|collect|nhận tại|lấy tại|tự đến|design cent|trung tâm", re.IGNORECASE)
PASSWORD = "Gom-Bat-Trang-2026!"


class StepFailed(AssertionError):
    pass


def expect(condition: object, message: str) -> None:
    if not condition:
        raise StepFailed(message)


class Api:
    """GraphQL over HTTP, as a storefront's server would call it."""

    def __init__(self, url: str, origin: str) -> None:
        self.url = url
        self.origin = origin

    def __call__(self, query: str, variables: dict | None = None, token: str | None = None) -> dict:
        headers = {"Content-Type": "application/json", "Origin": self.origin}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(self.url, data=body, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                content = json.loads(response.read())
        except urllib.error.HTTPError as error:
            content = json.loads(error.read() or b"{}")
        if content.get("errors"):
            messages = "; ".join(e.get("message", "") for e in content["errors"])[:600]
            raise StepFailed(f"the API answered with GraphQL errors: {messages}")
        return content["data"]


@dataclass
class Context:
    page: Any
    api: Api
    storefront_url: str
    channel: str
    locale: str
    out_dir: Path
    mail_dir: Path
    report: Report
    console: list[ConsoleEntry]
    data: dict[str, Any] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)

    def path(self, suffix: str = "") -> str:
        return f"{self.storefront_url}/{self.locale}/{self.channel}{suffix}"


# ---------------------------------------------------------------- helpers


def goto(ctx: Context, url: str) -> None:
    response = ctx.page.goto(url, wait_until="load", timeout=60_000)
    settle(ctx)
    expect(
        response is None or response.status < 400,
        f"{url} answered HTTP {response.status if response else '?'}",
    )
    not_an_error_page(ctx)


def settle(ctx: Context, timeout: int = 15_000) -> None:
    try:
        ctx.page.wait_for_load_state("networkidle", timeout=timeout)
    except Exception:  # noqa: BLE001 (a page polling forever is still usable)
        pass


def not_an_error_page(ctx: Context) -> None:
    headings = " | ".join(ctx.page.locator("h1, h2").all_inner_texts()[:5])
    for marker in (
        "Page Not Found",
        "Something went wrong",
        "Application error",
        "Couldn't load",
        "unavailable",
    ):
        expect(marker.lower() not in headings.lower(), f"the page shows an error: {headings!r}")


def count(ctx: Context, selector: str) -> int:
    return ctx.page.locator(selector).count()


def images_loaded(ctx: Context, scope: str = "main") -> str:
    """At least one image of ``scope`` went through Next's image optimizer and decoded
    (naturalWidth > 0); none of the loaded ones is broken."""
    page = ctx.page
    page.mouse.wheel(0, 600)
    try:
        page.wait_for_function(
            "(scope) => [...document.querySelectorAll(scope + ' img')]"
            ".some(i => i.complete && i.naturalWidth > 0 && i.currentSrc.includes('/_next/image'))",
            arg=scope,
            timeout=TIMEOUT_MS,
        )
    except Exception as error:
        sources = page.eval_on_selector_all(
            f"{scope} img", "els => els.map(e => [e.currentSrc || e.src, e.complete, e.naturalWidth])"
        )
        raise StepFailed(f"no image in {scope} loaded through /_next/image: {sources[:6]}") from error
    broken = page.eval_on_selector_all(
        f"{scope} img",
        "els => els.filter(e => e.complete && e.naturalWidth === 0 && e.getBoundingClientRect().width > 0)"
        ".map(e => e.currentSrc || e.src)",
    )
    expect(not broken, f"broken images: {broken[:5]}")
    loaded = page.eval_on_selector_all(f"{scope} img", "els => els.filter(e => e.naturalWidth > 0).length")
    return f"{loaded} images loaded"


def cart_checkout_id(ctx: Context) -> str | None:
    for cookie in ctx.page.context.cookies():
        if cookie["name"] == f"checkoutId-{ctx.channel}" and cookie["value"]:
            return cookie["value"]
    return None


def click_first(ctx: Context, selectors: list[str], what: str) -> None:
    for selector in selectors:
        locator = ctx.page.locator(selector)
        if locator.count() and locator.first.is_visible():
            locator.first.click()
            return
    raise StepFailed(f"no {what} to click (tried {selectors})")


def wait_until(ctx: Context, predicate: Callable[[], object], timeout: float, message: str) -> Any:
    """Polls ``predicate``; waits through the page (Playwright's sync API only takes in the
    browser's events, such as a navigation that changes ``page.url``, inside its own calls, so a
    plain ``time.sleep`` would keep reading the old URL)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        ctx.page.wait_for_timeout(500)
    raise StepFailed(message)


# ---------------------------------------------------------------- test data through the API


def choose_data(ctx: Context) -> str:
    products = ctx.api(
        """query E2EProducts($channel: String!) {
          products(channel: $channel, first: 60, search: "bat trang") { edges { node {
            name slug vendor { id } category { slug }
            variants { id name quantityAvailable } media { url } } } } }""",
        {"channel": ctx.channel},
    )["products"]["edges"]
    candidates = [e["node"] for e in products if e["node"]["media"]]
    multi = [p for p in candidates if sum(1 for v in p["variants"] if (v["quantityAvailable"] or 0) > 2) >= 2]
    expect(multi, "no 'bat trang' product with two variants in stock and a photo in the demo data")
    first = multi[0]
    others = ctx.api(
        """query E2EOthers($channel: String!) {
          products(channel: $channel, first: 60) { edges { node {
            name slug vendor { id } variants { id quantityAvailable } media { url } } } } }""",
        {"channel": ctx.channel},
    )["products"]["edges"]
    second = next(
        (
            e["node"]
            for e in others
            if e["node"]["vendor"]["id"] != first["vendor"]["id"]
            and e["node"]["media"]
            and any((v["quantityAvailable"] or 0) > 2 for v in e["node"]["variants"])
        ),
        None,
    )
    expect(second, "no product of a second artisan in stock")
    collections = ctx.api(
        """query E2ECollections($channel: String!) {
          collections(channel: $channel, first: 20) { edges { node { slug products(first: 1) { totalCount } } } } }""",
        {"channel": ctx.channel},
    )["collections"]["edges"]
    collection = next((e["node"]["slug"] for e in collections if e["node"]["products"]["totalCount"]), None)
    expect(collection, f"no collection with products in {ctx.channel}")
    ctx.data.update(product=first, second=second, category=first["category"]["slug"], collection=collection)
    return f"product {first['slug']}, second artisan's {second['slug']}, collection {collection}"


def choose_address(ctx: Context) -> str:
    """A province and one of its wards from the API's addressValidationRules (VN)."""
    rules = ctx.api(
        """query E2EAddressRules { addressValidationRules(countryCode: VN) {
          countryAreaChoices { raw verbose } cityChoices { raw verbose } requiredFields allowedFields } }"""
    )["addressValidationRules"]
    provinces = rules.get("countryAreaChoices") or []
    expect(provinces, "addressValidationRules(VN) lists no provinces")
    province = next((p for p in provinces if "Hà Nội" in (p["verbose"] or p["raw"])), provinces[0])
    wards = ctx.api(
        """query E2EWards($area: String!) { addressValidationRules(countryCode: VN, countryArea: $area) {
          cityChoices { raw verbose } } }""",
        {"area": province["raw"]},
    )["addressValidationRules"]["cityChoices"]
    expect(wards, f"addressValidationRules(VN, {province['raw']}) lists no wards")
    ward = next((w for w in wards if "Bát Tràng" in (w["verbose"] or w["raw"])), wards[0])
    ctx.data["address"] = {
        "firstName": "Lan",
        "lastName": "Nguyễn",
        "streetAddress1": "12 Hàng Gai",
        "countryArea": province,
        "city": ward,
        "postalCode": "",
        "phone": "0912345678",
    }
    return f"province {province['verbose'] or province['raw']}, ward {ward['verbose'] or ward['raw']}"


# ---------------------------------------------------------------- browsing


def home(ctx: Context) -> str:
    goto(ctx, ctx.storefront_url + "/")
    expect(f"/{ctx.channel}" in ctx.page.url, f"/ did not lead to the channel: {ctx.page.url}")
    menu_links = 'a[href*="/categories/"], a[href*="/collections/"], a[href*="/pages/"]'
    navbar = count(ctx, f"header {menu_links.replace(', ', ', header ')}")
    footer = count(ctx, f"footer {menu_links.replace(', ', ', footer ')}")
    expect(navbar > 0, "the navbar shows no menu item (menu 'navbar')")
    expect(footer > 0, "the footer shows no menu item (menu 'footer')")
    featured = count(ctx, 'main a[href*="/products/"]')  # the homepage page's featured collection
    expect(featured > 0, "the home page shows no featured product (page 'storefront-homepage')")
    return f"navbar {navbar} menu links, footer {footer}; {featured} featured product links"


def product_list(ctx: Context) -> str:
    goto(ctx, ctx.path("/products"))
    links = count(ctx, 'main a[href*="/products/"]')
    expect(links > 0, "no product in the list")
    return f"{links} product links; {images_loaded(ctx)}"


def category(ctx: Context) -> str:
    goto(ctx, ctx.path(f"/categories/{ctx.data['category']}"))
    links = count(ctx, 'main a[href*="/products/"]')
    expect(links > 0, f"category {ctx.data['category']} lists no product")
    return f"{links} product links"


def collection(ctx: Context) -> str:
    goto(ctx, ctx.path(f"/collections/{ctx.data['collection']}"))
    links = count(ctx, 'main a[href*="/products/"]')
    expect(links > 0, f"collection {ctx.data['collection']} lists no product")
    return f"{links} product links"


def search(term: str) -> Callable[[Context], str]:
    def run(ctx: Context) -> str:
        goto(ctx, ctx.path("/products"))
        box = ctx.page.locator('header input[name="search"]').first
        if box.count() and box.is_visible():
            box.fill(term)
            box.press("Enter")
            ctx.page.wait_for_url(re.compile(r"/search\?query="), timeout=TIMEOUT_MS)
            settle(ctx)
            not_an_error_page(ctx)
        else:  # the search bar is collapsed on this layout: the URL it would go to
            goto(ctx, ctx.path(f"/search?query={urllib.request.quote(term)}"))
        try:  # the results stream in after the navigation
            ctx.page.locator('main a[href*="/products/"]').first.wait_for(
                state="attached", timeout=TIMEOUT_MS
            )
        except Exception:  # noqa: BLE001 (counted below)
            pass
        links = count(ctx, 'main a[href*="/products/"]')
        expect(links > 0, f"searching {term!r} found nothing")
        return f"{links} product links for {term!r}"

    return run


def product_page(ctx: Context) -> str:
    product = ctx.data["product"]
    goto(ctx, ctx.path(f"/products/{product['slug']}"))
    title = ctx.page.locator("h1").first.inner_text(timeout=TIMEOUT_MS)
    expect(title.strip(), "the product page has no title")
    return f"{title!r}; {images_loaded(ctx)}"


def variant_choice(ctx: Context) -> str:
    page = ctx.page
    before = page.url
    # the variant selector's groups, not the gallery's slides (a carousel item is a "group" too)
    group = 'main [role="group"]:not([aria-roledescription="slide"])'
    options = page.locator(
        f'{group} a[href*="variant="], {group} button:not([disabled]), main [role="radiogroup"] [role="radio"]'
    )
    chosen = ""
    for index in range(options.count()):
        option = options.nth(index)
        if option.get_attribute("aria-pressed") == "true" or option.get_attribute("aria-checked") == "true":
            continue
        if option.is_visible():
            chosen = option.inner_text().strip() or option.get_attribute("aria-label") or "?"
            option.click()
            break
    if not chosen:
        trigger = page.locator('main [role="combobox"], main select').first
        expect(
            trigger.count(), "no variant selector (buttons, links, select or combobox) on the product page"
        )
        if trigger.evaluate("e => e.tagName") == "SELECT":
            values = trigger.locator("option").all_inner_texts()
            trigger.select_option(index=len(values) - 1)
            chosen = values[-1]
        else:
            trigger.click()
            option = page.locator('[role="option"]').nth(1)
            chosen = option.inner_text().strip()
            option.click()
    wait_until(
        ctx, lambda: "variant=" in page.url and page.url != before, 15, f"choosing {chosen!r} set no variant"
    )
    return f"chose {chosen!r}: {page.url}"


def add_to_cart(ctx: Context) -> str:
    button = ctx.page.locator(
        "main button:not([disabled]):visible", has_text=re.compile(r"add to (bag|cart)", re.I)
    ).first
    button.wait_for(state="visible", timeout=TIMEOUT_MS)
    before_id = cart_checkout_id(ctx)
    before = cart_quantity(ctx, before_id)  # 0 when the cookie names a checkout already ordered
    button.click()
    wait_until(ctx, lambda: cart_checkout_id(ctx), 20, "no checkoutId cookie after 'Add to bag'")
    # the cookie is read anew: the storefront replaces one naming a checkout that is gone
    quantity = wait_until(
        ctx,
        lambda: (lambda n: n > before and n)(cart_quantity(ctx, cart_checkout_id(ctx))),
        20,
        f"'Add to bag' added nothing to the cart ({before_id}, {before} items)",
    )
    checkout_id = cart_checkout_id(ctx)
    ctx.data["checkout_id"] = checkout_id
    return f"checkout {checkout_id}: {quantity} items"


def cart_quantity(ctx: Context, checkout_id: str | None) -> int:
    """The cart's number of items, read through the API (the cookie exists before the second
    product is added, so it says nothing of the line)."""
    if not checkout_id:
        return 0
    checkout = ctx.api(
        "query E2ECart($id: ID!) { checkout(id: $id) { quantity } }",
        {"id": checkout_id},
        ctx.data.get("token"),  # a signed-in buyer's cart is theirs only
    )["checkout"]
    return checkout["quantity"] if checkout else 0


def second_artisan(ctx: Context) -> str:
    product = ctx.data["second"]
    goto(ctx, ctx.path(f"/products/{product['slug']}"))
    in_stock = next(v for v in product["variants"] if (v["quantityAvailable"] or 0) > 2)
    if not ctx.page.locator(
        "main button:not([disabled]):visible", has_text=re.compile(r"add to (bag|cart)", re.I)
    ).count():
        goto(ctx, ctx.path(f"/products/{product['slug']}?variant={urllib.request.quote(in_stock['id'])}"))
    return add_to_cart(ctx)


def cart(ctx: Context) -> str:
    goto(ctx, ctx.path("/cart"))
    lines = count(ctx, 'main a[href*="/products/"]')
    expect(lines >= 2, f"the cart shows {lines} product links, expected the two artisans' products")
    return f"{lines} lines"


# ---------------------------------------------------------------- checkout


def open_checkout(ctx: Context) -> None:
    checkout_id = cart_checkout_id(ctx)
    expect(checkout_id, "no cart cookie")
    goto(ctx, f"{ctx.storefront_url}/checkout?checkout={checkout_id}&step=contact&locale={ctx.locale}")


def contact(email: str | None) -> Callable[[Context], str]:
    def run(ctx: Context) -> str:
        open_checkout(ctx)
        page = ctx.page
        if email:
            box = page.get_by_role("textbox", name=re.compile(r"email", re.I)).first
            box.wait_for(state="visible", timeout=TIMEOUT_MS)
            box.fill(email)
        click_first(
            ctx, ['button:has-text("Continue to shipping")', 'button:has-text("Continue")'], "continue"
        )
        wait_until(
            ctx,
            lambda: (
                "step=shipping" in page.url
                or count(ctx, 'select[name="countryArea"], input[name="streetAddress1"]')
            ),
            30,
            "the checkout did not move on to the address",
        )
        return email or "signed in"

    return run


def fill_field(ctx: Context, name: str, value: dict | str) -> None:
    field = ctx.page.locator(f'[name="{name}"]').first
    if not field.count():
        return
    if field.evaluate("e => e.tagName") == "SELECT":
        if isinstance(value, dict):
            try:
                field.select_option(value=value["raw"])
            except Exception:  # noqa: BLE001
                field.select_option(label=value["verbose"] or value["raw"])
        else:
            field.select_option(label=value)
        return
    field.fill(value["verbose"] or value["raw"] if isinstance(value, dict) else value)


def address(ctx: Context) -> str:
    page = ctx.page
    country = page.locator('select[name="countryCode"]').first
    if country.count():
        country.select_option(value="VN")
        settle(ctx, 5_000)
    page.locator('[name="streetAddress1"]').first.wait_for(state="visible", timeout=TIMEOUT_MS)
    fields = ctx.data["address"]
    for name in ("firstName", "lastName", "streetAddress1", "countryArea"):
        fill_field(ctx, name, fields[name])
    settle(ctx, 5_000)  # the ward choices follow the province
    for name in ("city", "postalCode", "phone"):
        if fields[name]:
            fill_field(ctx, name, fields[name])
    click_first(ctx, ['button:has-text("Continue to shipping")', 'button:has-text("Continue")'], "continue")
    wait_until(
        ctx,
        lambda: count(ctx, 'input[type="radio"][name="shipping"]'),
        30,
        "no delivery options after the address (deliveryOptionsCalculate)",
    )
    return f"{fields['city']['raw']}, {fields['countryArea']['raw']}"


def delivery(pickup: bool) -> Callable[[Context], str]:
    def run(ctx: Context) -> str:
        page = ctx.page
        options = page.locator('label:has(input[type="radio"][name="shipping"])')
        names = [options.nth(i).inner_text().strip().replace("\n", " ") for i in range(options.count())]
        wanted = [i for i, text in enumerate(names) if bool(PICKUP.search(text)) == pickup]
        expect(wanted, f"no {'pickup point' if pickup else 'per-artisan delivery'} among the options {names}")
        options.nth(wanted[0]).click()
        click_first(
            ctx, ['button:has-text("Continue to payment")', 'button:has-text("Continue")'], "continue"
        )
        wait_until(ctx, lambda: "step=payment" in page.url, 30, "the checkout did not move on to payment")
        return f"chose {names[wanted[0]]!r} of {names}"

    return run


def pay_with_test_gateway(ctx: Context) -> str:
    page = ctx.page
    page.get_by_text(re.compile(r"Test mode|Dummy", re.I)).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    # "Pay ₫…" (not the "Payment" step of the progress bar); the mobile sticky copy is hidden
    page.get_by_role("button", name=re.compile(r"^(Pay\b|Complete order)")).locator(
        "visible=true"
    ).first.click()
    page.wait_for_url(re.compile(r"/checkout/complete\?.*order="), timeout=60_000)
    return page.url


def confirmation(ctx: Context) -> str:
    page = ctx.page
    settle(ctx)
    not_an_error_page(ctx)
    heading = page.get_by_text(
        re.compile(r"Thank you for your order|Your order is confirmed|Order #", re.I)
    ).first
    heading.wait_for(state="visible", timeout=TIMEOUT_MS)
    number = re.search(r"Order #\s*(\S+)", page.inner_text("body"))
    expect(number, "the confirmation page shows no order number")
    return f"order {number.group(1)}"


# ---------------------------------------------------------------- accounts


def sign_up(ctx: Context) -> str:
    email = f"e2e-{int(time.time())}@example.vn"
    ctx.data["email"] = email
    goto(ctx, ctx.path("/signup"))
    page = ctx.page
    page.locator("#firstName").fill("Lan")
    page.locator("#lastName").fill("Nguyễn")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    if page.locator("#confirmPassword").count():
        page.locator("#confirmPassword").fill(PASSWORD)
    page.locator('button[type="submit"]').first.click()
    page.get_by_text(re.compile(r"Account Created|check your email", re.I)).first.wait_for(timeout=TIMEOUT_MS)
    return email


def confirm_email(ctx: Context) -> str:
    email = ctx.data["email"]
    links = wait_until(
        ctx,
        lambda: mail.links_to(mail.read_mails(ctx.mail_dir), recipient=email, base_url=ctx.storefront_url),
        60,
        f"no e-mail to {email} with a link to {ctx.storefront_url} in {ctx.mail_dir}",
    )
    goto(ctx, links[0])
    ctx.page.get_by_text(re.compile(r"Account confirmed|is active", re.I)).first.wait_for(timeout=TIMEOUT_MS)
    return links[0].split("?")[0]


def sign_in(ctx: Context) -> str:
    goto(ctx, ctx.path("/login"))
    page = ctx.page
    page.locator("#email").fill(ctx.data["email"])
    page.locator("#password").fill(PASSWORD)
    page.locator('button[type="submit"]').first.click()
    wait_until(ctx, lambda: "/login" not in page.url, 60, "still on the sign-in page after 60 s")
    settle(ctx)
    ctx.data["token"] = api_token(ctx)  # to read the buyer's carts through the API
    return page.url


def api_token(ctx: Context) -> str:
    token = ctx.api(
        "mutation E2ESignIn($email: String!, $password: String!) { tokenCreate(email: $email, password: $password)"
        " { token errors { code } } }",
        {"email": ctx.data["email"], "password": PASSWORD},
    )["tokenCreate"]["token"]
    expect(token, "tokenCreate gave no token")
    return token


def account(ctx: Context) -> str:
    goto(ctx, ctx.path("/account"))
    ctx.page.get_by_text(re.compile(r"Welcome back", re.I)).first.wait_for(timeout=TIMEOUT_MS)
    expect("/login" not in ctx.page.url, "the account page sent the signed-in buyer to sign in")
    return ctx.page.url


# ---------------------------------------------------------------- cash on delivery


def cod_cart(ctx: Context) -> str:
    product = ctx.data["product"]
    variant = next(v for v in product["variants"] if (v["quantityAvailable"] or 0) > 2)
    goto(ctx, ctx.path(f"/products/{product['slug']}?variant={urllib.request.quote(variant['id'])}"))
    return add_to_cart(ctx)


def cod_place_order(ctx: Context) -> str:
    """What a storefront integration of cash on delivery would send for this checkout: the
    unchanged storefront's payment step offers only Stripe and the dummy app."""
    token = ctx.data["token"]
    checkout_id = cart_checkout_id(ctx)
    checkout = ctx.api(
        "query E2ECheckout($id: ID!) { checkout(id: $id) { id totalPrice { gross { amount } }"
        " availablePaymentGateways { id name } } }",
        {"id": checkout_id},
        token,
    )["checkout"]
    expect(checkout, f"checkout {checkout_id} not found for its buyer")
    gateways = [g["id"] for g in checkout["availablePaymentGateways"]]
    expect("vn.cod" in gateways, f"cash on delivery (vn.cod) is not among the gateways {gateways}")
    # the storefront's payment step sends the billing address with the payment: the buyer's own
    # (with a pickup point the shipping address is the point's)
    fields = ctx.data["address"]
    billing = {
        **{name: fields[name] for name in ("firstName", "lastName", "streetAddress1", "phone")},
        "city": fields["city"]["raw"],
        "countryArea": fields["countryArea"]["raw"],
        "country": "VN",
    }
    billed = ctx.api(
        "mutation E2EBilling($id: ID!, $address: AddressInput!) { checkoutBillingAddressUpdate(id: $id,"
        " billingAddress: $address) { errors { field code message } } }",
        {"id": checkout["id"], "address": billing},
        token,
    )["checkoutBillingAddressUpdate"]
    expect(not billed["errors"], f"checkoutBillingAddressUpdate: {billed['errors']}")
    initialized = ctx.api(
        "mutation E2ECod($id: ID!, $amount: PositiveDecimal) { transactionInitialize(id: $id, amount: $amount,"
        ' paymentGateway: {id: "vn.cod"}) { transaction { id } transactionEvent { type } errors { field code message } } }',
        {"id": checkout["id"], "amount": checkout["totalPrice"]["gross"]["amount"]},
        token,
    )["transactionInitialize"]
    expect(not initialized["errors"], f"transactionInitialize(vn.cod): {initialized['errors']}")
    completed = ctx.api(
        "mutation E2EComplete($id: ID!) { checkoutComplete(id: $id) { order { id number } errors { field code message } } }",
        {"id": checkout["id"]},
        token,
    )["checkoutComplete"]
    expect(completed["order"], f"checkoutComplete: {completed['errors']}")
    ctx.data["cod_order"] = completed["order"]
    return f"order {completed['order']['number']} ({initialized['transactionEvent']})"


def cod_confirmation(ctx: Context) -> str:
    order = ctx.data["cod_order"]
    goto(
        ctx,
        f"{ctx.storefront_url}/checkout/complete?order={urllib.request.quote(order['id'])}&locale={ctx.locale}",
    )
    return confirmation(ctx)


def order_history(ctx: Context) -> str:
    goto(ctx, ctx.path("/account/orders"))
    number = str(ctx.data["cod_order"]["number"])
    ctx.page.get_by_text(re.compile(rf"\b{re.escape(number)}\b")).first.wait_for(timeout=TIMEOUT_MS)
    return f"order {number} listed"


# ---------------------------------------------------------------- the run


STEPS: list[tuple[str, Callable[[Context], str], tuple[str, ...]]] = [
    ("test data from the API", choose_data, ()),
    ("Vietnamese address from addressValidationRules", choose_address, ()),
    ("home with the menu (navbar, footer)", home, ()),
    ("product list", product_list, ()),
    ("category", category, ("test data from the API",)),
    ("collection", collection, ("test data from the API",)),
    ("search 'bat trang'", search("bat trang"), ()),
    ("search 'Bát Tràng'", search("Bát Tràng"), ()),
    ("product page with images", product_page, ("test data from the API",)),
    ("variant choice", variant_choice, ("product page with images",)),
    ("add to cart", add_to_cart, ("variant choice",)),
    ("second artisan's product in the cart", second_artisan, ("add to cart",)),
    ("cart", cart, ("second artisan's product in the cart",)),
    ("checkout: contact", contact("lan.nguyen.e2e@example.vn"), ("cart",)),
    (
        "checkout: Vietnamese address",
        address,
        ("checkout: contact", "Vietnamese address from addressValidationRules"),
    ),
    ("checkout: per-artisan delivery", delivery(pickup=False), ("checkout: Vietnamese address",)),
    ("checkout: pay with the test gateway", pay_with_test_gateway, ("checkout: per-artisan delivery",)),
    ("order confirmation (test gateway)", confirmation, ("checkout: pay with the test gateway",)),
    ("sign-up", sign_up, ()),
    ("confirmation e-mail link", confirm_email, ("sign-up",)),
    ("sign-in", sign_in, ("confirmation e-mail link",)),
    ("account page", account, ("sign-in",)),
    ("COD: cart as the signed-in buyer", cod_cart, ("sign-in", "test data from the API")),
    ("COD: checkout contact (signed in)", contact(None), ("COD: cart as the signed-in buyer",)),
    (
        "COD: Vietnamese address",
        address,
        ("COD: checkout contact (signed in)", "Vietnamese address from addressValidationRules"),
    ),
    ("COD: pickup point", delivery(pickup=True), ("COD: Vietnamese address",)),
    ("COD: order through the transactions API", cod_place_order, ("COD: pickup point",)),
    ("COD: order confirmation page", cod_confirmation, ("COD: order through the transactions API",)),
    ("order history", order_history, ("COD: order through the transactions API", "account page")),
]


def run_journey(ctx: Context) -> None:
    for number, (name, function, needs) in enumerate(STEPS, start=1):
        missing = [n for n in needs if n in ctx.failed]
        if missing:
            ctx.failed.add(name)
            ctx.report.add(Step(name, SKIP, detail=f"needs: {', '.join(missing)}"))
            print(f"  [{number:2}] {name}: skipped (needs {', '.join(missing)})", flush=True)
            continue
        started = time.monotonic()
        step = Step(name, PASS)
        try:
            step.detail = function(ctx) or ""
        except Exception as error:  # noqa: BLE001 (every failure is recorded, the run goes on)
            ctx.failed.add(name)
            step.status = FAIL
            step.detail = _describe(error)
        step.seconds = round(time.monotonic() - started, 1)
        step.url = ctx.page.url
        shot = ctx.out_dir / f"{number:02d}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.png"
        try:
            ctx.page.screenshot(path=str(shot), full_page=False, timeout=15_000)
            step.screenshot = shot.name
        except Exception:  # noqa: BLE001
            pass
        ctx.report.add(step)
        print(f"  [{number:2}] {name}: {step.status} ({step.seconds} s) {step.detail[:200]}", flush=True)


def _console_text(message: Any) -> str:
    """A console message; "Failed to load resource" names no resource, so add where it was."""
    source = (message.location or {}).get("url", "")
    if message.text.startswith("Failed to load resource") and source:
        return f"{message.text} [{source}]"
    return message.text


def _describe(error: BaseException) -> str:
    if isinstance(error, StepFailed):
        return str(error)
    text = str(error).strip().splitlines()
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    where = f" ({Path(frame.filename).name}:{frame.lineno})" if frame else ""
    return f"{type(error).__name__}: {text[0] if text else ''}{where}"[:600]


def browse(
    *,
    api: Api,
    storefront_url: str,
    channel: str,
    locale: str,
    out_dir: Path,
    mail_dir: Path,
    report: Report,
    chromium: str,
) -> list[ConsoleEntry]:
    from playwright.sync_api import sync_playwright

    console: list[ConsoleEntry] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, timeout=60_000)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            page.on("console", lambda m: console.append(ConsoleEntry(m.type, _console_text(m), page.url)))
            page.on("pageerror", lambda e: console.append(ConsoleEntry("pageerror", str(e), page.url)))
            page.on(
                "response",
                lambda r: (
                    r.status >= 400
                    and console.append(ConsoleEntry("response", f"HTTP {r.status} {r.url}", page.url))
                ),
            )
            ctx = Context(page, api, storefront_url, channel, locale, out_dir, mail_dir, report, console)
            run_journey(ctx)
        finally:
            browser.close()
    return console
