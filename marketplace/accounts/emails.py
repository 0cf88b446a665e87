"""Account emails, in the recipient's language (vi or en): templates under
``accounts/templates/accounts/emails/``."""

from urllib.parse import urlencode

from marketplace.accounts.models import User
from marketplace.core.emails import send_templated_after_commit


def _send(kind: str, user: User, **context: str) -> None:
    send_templated_after_commit(
        to=user.email, template=f"accounts/emails/{kind}", language=user.language_code, context=context
    )


def link(base: str, **params: str) -> str:
    return f"{base}{'&' if '?' in base else '?'}{urlencode(params)}"


def send_confirmation(user: User, *, redirect_url: str, token: str) -> None:
    _send("confirm", user, link=link(redirect_url, email=user.email, token=token))


def send_account_exists(user: User) -> None:
    _send("exists", user)


def send_password_reset(user: User, *, redirect_url: str, token: str) -> None:
    _send("reset", user, link=link(redirect_url, email=user.email, token=token))


def send_account_delete(user: User, *, redirect_url: str, token: str) -> None:
    """Saleor's account delete request: the link carries only the token (the user is signed in)."""
    _send("delete", user, link=link(redirect_url, token=token))
