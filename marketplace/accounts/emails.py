"""Account emails, in the recipient's language (vi or en)."""

from urllib.parse import urlencode

from marketplace.accounts.models import User
from marketplace.core.emails import send_after_commit

TEXTS = {
    "confirm": {
        "vi": (
            "Xác nhận tài khoản Làng Nghề Market",
            "Chào bạn,\n\nMở liên kết sau để xác nhận tài khoản:\n{link}\n",
        ),
        "en": (
            "Confirm your Làng Nghề Market account",
            "Hello,\n\nOpen this link to confirm your account:\n{link}\n",
        ),
    },
    "exists": {
        "vi": (
            "Tài khoản Làng Nghề Market",
            "Chào bạn,\n\nĐịa chỉ email này đã có tài khoản. Nếu quên mật khẩu, hãy đặt lại mật khẩu.\n",
        ),
        "en": (
            "Your Làng Nghề Market account",
            "Hello,\n\nThis address already has an account. If you forgot the password, reset it.\n",
        ),
    },
    "reset": {
        "vi": ("Đặt lại mật khẩu", "Chào bạn,\n\nMở liên kết sau để đặt mật khẩu mới:\n{link}\n"),
        "en": ("Reset your password", "Hello,\n\nOpen this link to choose a new password:\n{link}\n"),
    },
}


def _send(kind: str, *, email: str, language: str, link: str = "") -> None:
    subject, body = TEXTS[kind]["en" if language.startswith("en") else "vi"]
    send_after_commit(to=email, subject=subject, body=body.format(link=link))


def link(base: str, **params: str) -> str:
    return f"{base}{'&' if '?' in base else '?'}{urlencode(params)}"


def send_confirmation(user: User, *, redirect_url: str, token: str) -> None:
    _send(
        "confirm",
        email=user.email,
        language=user.language_code,
        link=link(redirect_url, email=user.email, token=token),
    )


def send_account_exists(user: User) -> None:
    _send("exists", email=user.email, language=user.language_code)


def send_password_reset(user: User, *, redirect_url: str, token: str) -> None:
    _send(
        "reset",
        email=user.email,
        language=user.language_code,
        link=link(redirect_url, email=user.email, token=token),
    )
