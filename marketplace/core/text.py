"""Vietnamese text helpers: NFC normalisation, accent folding for search, slugs.

Unicode NFD strips tone and vowel marks, but đ/Đ (U+0111/U+0110) do not decompose and
are mapped to d explicitly. Input may come in NFC or NFD; both fold to the same key.
"""

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """The canonical stored form of user text: NFC, control characters removed."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", value))


def fold(value: str) -> str:
    """Accent- and case-insensitive search key: ``"BÁT TRÀNG"`` -> ``"bat trang"``."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    words = _NON_WORD.sub(" ", stripped.lower())
    return _SPACES.sub(" ", words).strip()


def search_terms(query: str, *, max_length: int, max_terms: int = 8) -> list[str]:
    """The distinct folded words of a search query, longest first, bounded in number."""
    words = fold(nfc(query[: max_length * 4])[:max_length]).split()
    unique = list(dict.fromkeys(words))
    return sorted(unique, key=len, reverse=True)[:max_terms]


def slugify_vi(value: str) -> str:
    """``"Gốm men lam Bát Tràng"`` -> ``"gom-men-lam-bat-trang"``."""
    return fold(value).replace(" ", "-")


def search_key(value: str) -> str:
    """Stored search text: folded words behind a leading space, so ``contains(" " + word)``
    matches words by their start ("ran" finds "rạn", not the middle of "tràng")."""
    return " " + fold(value)


def word_start(term: str) -> str:
    """The pattern that matches ``term`` at the start of a word of a ``search_key`` text."""
    return " " + term
