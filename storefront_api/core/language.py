"""The language the API answers in: English, unless the client asks for Vietnamese.

Saleor answers in English; storefronts and SDKs written against it expect English messages,
so English stays the default even though the marketplace's base language (and the back
office's) is Vietnamese. A client that wants Vietnamese error messages sends
``Accept-Language: vi`` (``vi-VN``, ``vi;q=0.9, en;q=0.8`` ...): the first of the two languages
the API speaks, in the client's order of preference, wins; anything else (no header, ``fr``,
``*``) is English. Nothing else chooses it: not a cookie (the back office's language cookie
must not change the API's answers), not the session, not the server's ``LANGUAGE_CODE``.

What a client reads in a given language (product names, descriptions, slugs) is a separate
matter, chosen per field by Saleor's ``languageCode`` arguments (``translation(languageCode:
EN)``), as in Saleor; ``Accept-Language`` only changes the API's own text: error messages.
"""

from django.http import HttpRequest
from django.utils.translation.trans_real import parse_accept_lang_header

API_LANGUAGES = ("en", "vi")
DEFAULT_API_LANGUAGE = "en"


def api_language(request: HttpRequest) -> str:
    """``en`` or ``vi``, from the request's ``Accept-Language`` header."""
    for tag, quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if quality <= 0:  # "q=0": not acceptable
            continue
        if tag == "*":
            break
        primary = tag.split("-", 1)[0]
        if primary in API_LANGUAGES:
            return primary
    return DEFAULT_API_LANGUAGE
