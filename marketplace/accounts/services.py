"""Every account write: registration, confirmation, sign-in, passwords, profile, addresses.

Services raise ``ValidationError`` keyed by input field with an ``AccountErrorCode``; the
API turns those into typed payload errors. Responses never reveal whether an email has an
account (registration with confirmation, password reset).
"""

import logging
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts import emails, throttling
from marketplace.accounts.actors import Actor, actor_user
from marketplace.accounts.addresses import TEXT_FIELDS as ADDRESS_FIELDS
from marketplace.accounts.addresses import validate_address
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import Address, User, new_token_key
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.channels.selectors import channel_by_slug_any
from marketplace.core import metadata, rate_limits
from marketplace.core.edits import locked_edit
from marketplace.core.errors import field_error
from marketplace.core.text import nfc
from marketplace.orders.guests import attach_guest_orders

ADDRESS_TYPES = ("SHIPPING", "BILLING")
MAX_ADDRESSES = 20
PASSWORD_CODES = {
    "password_too_short": AccountErrorCode.PASSWORD_TOO_SHORT,
    "password_too_common": AccountErrorCode.PASSWORD_TOO_COMMON,
    "password_entirely_numeric": AccountErrorCode.PASSWORD_ENTIRELY_NUMERIC,
    "password_too_similar": AccountErrorCode.PASSWORD_TOO_SIMILAR,
}
# Verifying a password for an unknown email costs the same as for a known one.
_DUMMY_PASSWORD_HASH = make_password("not-a-real-password")


class ConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "marketplace.accounts.confirmation"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.is_confirmed}{user.email}{timestamp}"


confirmation_tokens = ConfirmationTokenGenerator()
logger = logging.getLogger(__name__)


def clean_email(email: str, field: str = "email") -> str:
    email = nfc(email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise field_error(field, AccountErrorCode.INVALID, _("Enter a valid email address.")) from None
    return email


def check_password_strength(password: str, *, user: User | None = None, field: str = "password") -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        first = error.error_list[0]
        code = PASSWORD_CODES.get(first.code or "", AccountErrorCode.INVALID_PASSWORD)
        # i18n: Django's password validators translate their messages themselves, when they run.
        raise field_error(
            field,
            code,
            " ".join(e.message % (e.params or {}) for e in error.error_list),  # type: ignore[arg-type]
        ) from None


def clean_redirect_url(url: str | None, field: str = "redirect_url") -> str:
    """Links in emails point only at the storefronts this API serves."""
    if not url:
        return settings.STOREFRONT_URL  # type: ignore[no-any-return]
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    allowed = {settings.STOREFRONT_URL.rstrip("/"), *settings.CORS_ALLOWED_ORIGINS}
    if parts.scheme not in ("http", "https") or origin not in {a.rstrip("/") for a in allowed}:
        raise field_error(
            field, AccountErrorCode.INVALID, _("This redirect URL is not an allowed storefront.")
        )
    return url


def _may_email(kind: str, email: str) -> bool:
    """At most ACCOUNT_EMAILS_PER_ADDRESS e-mails of a kind ("confirm": confirmation and
    "you already have an account"; "reset") to one address per window, counted in Redis.
    Beyond that nothing is sent, silently: the caller answers as if it had been (no
    enumeration); a log line (without the address) records it."""
    over = rate_limits.allow(
        f"account-email:{kind}",
        email,
        limit=settings.ACCOUNT_EMAILS_PER_ADDRESS,
        window=settings.ACCOUNT_EMAIL_WINDOW_SECONDS,
    )
    if over is not None:
        logger.warning(
            "account e-mail (%s) to address %s not sent: %s requests in this window",
            kind,
            rate_limits.digest(email)[:12],
            over.count,
        )
    return over is None


def clean_channel(slug: str | None, field: str = "channel") -> str:
    """The slug of the channel an account email is sent from (Saleor's ``channel``
    argument): the default channel when omitted, else an existing, active one."""
    if slug is None:
        return settings.DEFAULT_CHANNEL_SLUG
    channel = channel_by_slug_any(slug)
    if channel is None:
        raise field_error(
            field,
            AccountErrorCode.NOT_FOUND,
            _("Channel with '%(slug)s' slug does not exist."),
            slug=slug[:100],
        )
    if not channel.is_active:
        raise field_error(
            field,
            AccountErrorCode.CHANNEL_INACTIVE,
            _("Channel with '%(slug)s' is inactive."),
            slug=slug[:100],
        )
    return channel.slug


def _rotate_tokens(user: User) -> None:
    user.jwt_token_key = new_token_key()


# ---------------------------------------------------------------- registration


def account_register(
    *,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    language_code: str = "vi",
    redirect_url: str | None = None,
    channel: str | None = None,
) -> tuple[User | None, bool]:
    """``(user, requires_confirmation)``. With confirmation on, the answer is the same
    whether or not the email already had an account (that owner gets an email instead).
    ``channel``: the slug of the channel registered from (checked as Saleor does)."""
    email = clean_email(email)
    redirect_url = clean_redirect_url(redirect_url)
    clean_channel(channel)
    check_password_strength(password, user=User(email=email, first_name=first_name, last_name=last_name))
    confirm = settings.ACCOUNT_CONFIRMATION_REQUIRED
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        if not confirm:
            raise field_error("email", AccountErrorCode.UNIQUE, _("A user with this email already exists."))
        if _may_email("confirm", email):
            emails.send_account_exists(existing)
        return None, True
    user = User(
        email=email,
        first_name=nfc(first_name)[:256],
        last_name=nfc(last_name)[:256],
        language_code=language_code,
        is_confirmed=not confirm,
    )
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # registered concurrently
        if not confirm:
            raise field_error(
                "email", AccountErrorCode.UNIQUE, _("A user with this email already exists.")
            ) from None
        return None, True
    if confirm:
        if _may_email("confirm", email):
            emails.send_confirmation(
                user, redirect_url=redirect_url, token=confirmation_tokens.make_token(user)
            )
        return None, True
    return user, False


def account_confirm(*, email: str, token: str) -> User:
    user = User.objects.filter(email=clean_email(email)).first()
    if user is None or not confirmation_tokens.check_token(user, token):
        raise field_error("token", AccountErrorCode.INVALID, _("Invalid or expired token."))
    with transaction.atomic():
        user.is_confirmed = True
        user.save(update_fields=["is_confirmed", "updated_at"])
        attach_guest_orders(user)  # the guest orders of this address are now the account's
    return user


# ---------------------------------------------------------------- sign-in


def authenticate(*, email: str, password: str, ip: str | None) -> User:
    """The user signing in, or an error that says the same for an unknown email and a
    wrong password. Throttled per IP (unless ``ip`` is None: a trusted storefront server)
    and per account: the attempt is counted before the password is checked
    (``throttling.begin``), atomically."""
    email = nfc(email or "").strip().lower()
    try:
        attempt = throttling.begin(ip=ip, email=email)
    except throttling.LoginDelayed as delayed:
        raise delayed.as_field_error("email", AccountErrorCode.LOGIN_ATTEMPT_DELAYED) from None
    try:
        user = User.objects.filter(email=email).first()
        valid = user.check_password(password) if user else _check_dummy(password)
    except BaseException:
        throttling.abandon(attempt)
        raise
    if not valid or user is None:
        throttling.failed(attempt)
        raise field_error(
            "email", AccountErrorCode.INVALID_CREDENTIALS, _("Please, enter valid credentials.")
        )
    throttling.succeeded(attempt)
    if not user.is_active:
        raise field_error("email", AccountErrorCode.INACTIVE, _("Account inactive."))
    if not user.is_confirmed:
        raise field_error(
            "email", AccountErrorCode.ACCOUNT_NOT_CONFIRMED, _("Please confirm your account first.")
        )
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    return user


def _check_dummy(password: str) -> bool:
    from django.contrib.auth.hashers import check_password

    check_password(password, _DUMMY_PASSWORD_HASH)
    return False


def deactivate_all_tokens(*, user: User) -> None:
    _rotate_tokens(user)
    user.save(update_fields=["jwt_token_key", "updated_at"])


# ---------------------------------------------------------------- passwords


def request_password_reset(
    *, email: str, redirect_url: str | None = None, channel: str | None = None
) -> None:
    """Always succeeds for a valid request; only an existing, active account gets the email
    (within the per-address limit)."""
    email = clean_email(email)
    redirect_url = clean_redirect_url(redirect_url)
    clean_channel(channel)
    user = User.objects.filter(email=email, is_active=True).first()
    if user is not None and _may_email("reset", email):
        emails.send_password_reset(
            user, redirect_url=redirect_url, token=default_token_generator.make_token(user)
        )


def set_password(*, email: str, token: str, password: str) -> User:
    user = User.objects.filter(email=nfc(email or "").strip().lower(), is_active=True).first()
    if user is None:
        raise field_error("token", AccountErrorCode.INVALID, _("Invalid or expired token."))
    with transaction.atomic(), locked_edit(user):  # a link used twice at once: the second finds it spent
        if not default_token_generator.check_token(user, token):
            raise field_error("token", AccountErrorCode.INVALID, _("Invalid or expired token."))
        check_password_strength(password, user=user)
        user.set_password(password)
        user.is_confirmed = True  # the reset link proved the address
        _rotate_tokens(user)
    return user


def password_change(*, user: User, old_password: str | None, new_password: str) -> User:
    with transaction.atomic(), locked_edit(user):  # checked against the password as last saved
        if not old_password or not user.check_password(old_password):
            raise field_error(
                "old_password", AccountErrorCode.INVALID_CREDENTIALS, _("Old password isn't valid.")
            )
        check_password_strength(new_password, user=user, field="new_password")
        user.set_password(new_password)
        _rotate_tokens(user)
    return user


# ---------------------------------------------------------------- profile and addresses


def account_update(*, user: User, data: dict[str, Any]) -> User:
    with transaction.atomic(), locked_edit(user):
        for field in ("first_name", "last_name"):
            if data.get(field) is not None:
                setattr(user, field, nfc(data[field]).strip()[:256])
        if data.get("language_code") is not None:
            user.language_code = data["language_code"]
    return user


def _user_address(user: User, address_id: int) -> Address:
    address = user.addresses.filter(pk=address_id).first()
    if address is None:
        raise field_error("id", AccountErrorCode.NOT_FOUND, _("Couldn't find that address."))
    return address


DEFAULT_ADDRESS_FIELDS = ["default_shipping_address", "default_billing_address"]


def address_create(*, user: User, data: dict[str, Any], address_type: str | None = None) -> Address:
    cleaned = validate_address(data)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.addresses.count() >= MAX_ADDRESSES:
            raise field_error(
                "input",
                AccountErrorCode.INVALID,
                _("At most %(limit)s addresses per account."),
                limit=MAX_ADDRESSES,
            )
        address = Address.objects.create(**cleaned)
        locked.addresses.add(address)
        if address_type is not None:
            _set_default(locked, address, address_type)
        elif locked.default_shipping_address_id is None:
            _set_default(locked, address, "SHIPPING")
    user.refresh_from_db(fields=DEFAULT_ADDRESS_FIELDS)  # the caller's object shows the new defaults
    return address


def address_update(*, user: User, address_id: int, data: dict[str, Any]) -> Address:
    address = _user_address(user, address_id)
    with transaction.atomic(), locked_edit(address):  # the fields not given: as last saved
        current = {field: getattr(address, field) for field in data.keys() if hasattr(address, field)}
        cleaned = validate_address(
            {**_address_values(address), **current, **{k: v for k, v in data.items() if v is not None}}
        )
        for field, value in cleaned.items():
            setattr(address, field, value)
    return address


def _address_values(address: Address) -> dict[str, str]:
    return {field: getattr(address, field) for field in ADDRESS_FIELDS}


def address_delete(*, user: User, address_id: int) -> Address:
    """Delete one of the user's addresses; the deleted address keeps its id (Saleor answers it)."""
    address = _user_address(user, address_id)
    with transaction.atomic():
        user.addresses.remove(address)
        address.delete()  # the defaults are SET_NULL
    user.refresh_from_db(fields=DEFAULT_ADDRESS_FIELDS)
    address.pk = address_id
    return address


def set_default_address(*, user: User, address_id: int, address_type: str) -> User:
    address = _user_address(user, address_id)
    _set_default(user, address, address_type)
    return user


def _set_default(user: User, address: Address, address_type: str) -> None:
    if address_type not in ADDRESS_TYPES:
        raise field_error("type", AccountErrorCode.INVALID, _("Address type must be SHIPPING or BILLING."))
    field = "default_shipping_address" if address_type == "SHIPPING" else "default_billing_address"
    setattr(user, field, address)
    user.save(update_fields=[field, "updated_at"])


def store_user_address(*, user: User, address: Address, address_type: str) -> None:
    """Saleor's saveAddress: a copy of an address the customer ordered with joins their
    address book (unless an identical one is there, or the book is full) and becomes the
    default of its type if there is none."""
    values = {field: getattr(address, field) for field in ADDRESS_FIELDS}
    locked = User.objects.select_for_update().get(pk=user.pk)
    saved = locked.addresses.filter(**values).first()
    if saved is None:
        if locked.addresses.count() >= MAX_ADDRESSES:
            return
        saved = Address.objects.create(**values)
        locked.addresses.add(saved)
    field = "default_shipping_address_id" if address_type == "SHIPPING" else "default_billing_address_id"
    if getattr(locked, field) is None:
        _set_default(locked, saved, address_type)


def user_metadata_write(
    *,
    actor: Actor,
    user: User,
    items: list[tuple[str, str]] | None = None,
    delete_keys: list[str] | None = None,
    private: bool = False,
) -> User:
    """Set ``items`` or delete ``delete_keys`` of a user's metadata (Saleor's rule): public
    metadata by the user themself or staff with MANAGE_USERS (MANAGE_STAFF for a staff
    member's); private metadata by that staff only."""
    needed = PermissionEnum.MANAGE_STAFF if user.is_staff else PermissionEnum.MANAGE_USERS
    acting = actor_user(actor)
    itself = acting is not None and acting.pk == user.pk
    if not has_permissions(actor, [needed]) and (private or not itself):
        raise PermissionDenied(_("You need the %(permission)s permission.") % {"permission": needed.name})
    cleaned_items = metadata.clean_items(items) if items is not None else None
    cleaned_keys = metadata.clean_keys(delete_keys) if delete_keys is not None else None
    written = metadata.write(
        User,
        user.pk,
        private=private,
        set_items=cleaned_items,
        delete_keys=cleaned_keys,
        field="keys" if delete_keys is not None else "input",
        touch={"updated_at": timezone.now()},
    )
    assert isinstance(written, User)
    return written
