"""The back office's languages: Vietnamese first, English second."""

from django.http import HttpRequest

VIETNAMESE, ENGLISH = "vi", "en"
LANGUAGES = (VIETNAMESE, ENGLISH)
# The choice of a visitor who is not signed in (the sign-in page's switch).
COOKIE = "studio_language"


def normalize(code: str | None) -> str:
    """An account's ``language_code`` ("vi", "en", "en-us"...) as one of ours."""
    return ENGLISH if (code or "").lower().startswith("en") else VIETNAMESE


def request_language(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return normalize(user.language_code)
    return normalize(request.COOKIES.get(COOKIE))
