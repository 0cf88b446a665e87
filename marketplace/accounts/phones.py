"""Vietnamese phone numbers, stored in E.164 (+84...)."""

import re

_SEPARATORS = re.compile(r"[\s().\-]")


def normalize_vn_phone(value: str) -> str | None:
    """``"0912 345 678"``, ``"+84 912345678"`` or ``"84912345678"`` -> ``"+84912345678"``.

    Mobile numbers have 9 digits after the leading 0 (10 nationally); landlines 02x plus 8
    digits (11 nationally). Anything else, or another country's number, is None.
    """
    digits = _SEPARATORS.sub("", value.strip())
    if digits.startswith("+84"):
        national = digits[3:]
    elif digits.startswith("0084"):
        national = digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return None
    if not national.isdigit() or national.startswith("0"):
        return None
    mobile = len(national) == 9 and national[0] in "35789"
    landline = len(national) == 10 and national.startswith("2")
    return f"+84{national}" if mobile or landline else None
