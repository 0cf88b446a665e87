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
    "delete": {
        "vi": (
            "Xác nhận xoá tài khoản Làng Nghề Market",
            "Chào bạn,\n\nChúng tôi nhận được yêu cầu xoá tài khoản của bạn. Mở liên kết sau để xác nhận:\n"
            "{link}\n\nKhi xoá, hồ sơ, sổ địa chỉ, giỏ hàng và ảnh đại diện của bạn bị xoá hẳn; các đơn "
            "hàng đã đặt được giữ lại cho sổ sách của cửa hàng nhưng không còn tên, email, địa chỉ hay số "
            "điện thoại của bạn (Nghị định 13/2023/NĐ-CP). Liên kết có hiệu lực 3 ngày. Nếu bạn không yêu "
            "cầu, hãy bỏ qua email này.\n",
        ),
        "en": (
            "Confirm the deletion of your Làng Nghề Market account",
            "Hello,\n\nWe received a request to delete your account. Open this link to confirm:\n{link}\n\n"
            "Deleting removes your profile, address book, carts and photo for good; the orders you placed "
            "stay in the shops' books but without your name, email, addresses or phone number. The link "
            "is valid for 3 days. If you did not ask for this, ignore this email.\n",
        ),
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


def send_account_delete(user: User, *, redirect_url: str, token: str) -> None:
    """Saleor's account delete request: the link carries only the token (the user is signed in)."""
    _send("delete", email=user.email, language=user.language_code, link=link(redirect_url, token=token))
