"""Account deletion: Saleor's accountRequestDeletion (an emailed, signed link) and
accountDelete(token), as Vietnam's Decree 13/2023/NĐ-CP on personal data expects.

What goes: the user row, their address book, checkouts (with their reservations and address
copies), vendor memberships, avatar and its thumbnails (files too, after commit). What stays:
their orders, detached and anonymised (``marketplace.orders.privacy``), so the shops keep
lines, totals, commission and payouts. Refused: staff accounts (Saleor's
DELETE_STAFF_ACCOUNT; staff are removed by other staff), the last owner of a shop that is
not rejected (LAST_VENDOR_OWNER: add another OWNER first with vendorMemberAdd), and an account
whose orders are still being handled (OPEN_ORDERS: the shops need the delivery details).
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts import emails
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import Address, User
from marketplace.accounts.services import clean_channel, clean_redirect_url
from marketplace.checkout.privacy import delete_checkouts_of, lock_checkouts_of
from marketplace.core.errors import field_error
from marketplace.core.uploads import discard_after_commit
from marketplace.notifications.privacy import forget_recipient
from marketplace.orders.privacy import anonymise_buyer, open_order_numbers
from marketplace.thumbnails.services import thumbnails_release
from vendors.shops.selectors import vendors_solely_owned_by


class AccountDeleteTokenGenerator(PasswordResetTokenGenerator):
    """Valid for PASSWORD_RESET_TIMEOUT (3 days); void once the password, the email or the
    token key (tokenDeactivateAll) changes, and for any other user."""

    key_salt = "marketplace.accounts.deletion"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.password}{user.email}{user.jwt_token_key}{timestamp}"


deletion_tokens = AccountDeleteTokenGenerator()


def check_deletable(user: User) -> None:
    """Raise the reason ``user`` cannot be deleted now, if there is one."""
    if user.is_staff or user.is_superuser:
        raise field_error(None, AccountErrorCode.DELETE_STAFF_ACCOUNT, _("Cannot delete a staff account."))
    shops = list(vendors_solely_owned_by(user).values_list("name", flat=True))
    if shops:
        raise field_error(
            None,
            AccountErrorCode.LAST_VENDOR_OWNER,
            _("You are the only owner of %(shops)s: add another owner first."),
            shops=", ".join(shops),
        )
    numbers = open_order_numbers(user=user)
    if numbers:
        listed = ", ".join(f"#{n}" for n in numbers[:10])
        raise field_error(
            None,
            AccountErrorCode.OPEN_ORDERS,
            _(
                "Orders %(orders)s are still being handled; "
                "delete the account once they are delivered or canceled."
            ),
            orders=listed,
        )


def account_request_deletion(*, user: User, redirect_url: str, channel: str | None = None) -> None:
    """Email ``user`` a link to ``redirect_url`` with a deletion token (Saleor's flow)."""
    redirect_url = clean_redirect_url(redirect_url)
    clean_channel(channel)
    check_deletable(user)
    emails.send_account_delete(user, redirect_url=redirect_url, token=deletion_tokens.make_token(user))


def account_delete(*, user: User, token: str) -> None:
    """Delete ``user``'s account if ``token`` is theirs and valid; its stored files (the
    avatar and its thumbnails) are discarded once the transaction has committed."""
    with transaction.atomic():
        lock_checkouts_of(user=user)
        locked = User.objects.select_for_update().filter(pk=user.pk).first()
        if locked is None or not token or not deletion_tokens.check_token(locked, token):
            raise field_error("token", AccountErrorCode.INVALID, _("Invalid or expired token."))
        check_deletable(locked)
        files = thumbnails_release(kind="user", object_id=locked.pk)
        if locked.avatar:
            files.append(locked.avatar.name)  # type: ignore[arg-type]
        anonymise_buyer(user=locked)
        delete_checkouts_of(user=locked)
        forget_recipient(user=locked)  # what it was told, and where
        book = list(locked.addresses.values_list("pk", flat=True))
        locked.addresses.clear()
        Address.objects.filter(pk__in=book).delete()
        locked.delete()  # memberships, group links and thumbnail rows go with it
        discard_after_commit(files)
