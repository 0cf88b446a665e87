"""Vietnam's post-2025 administrative units (34 provinces, 3,314 communes and wards),
matched accent-insensitively: "xa bat trang" finds "Xã Bát Tràng" in "Thành phố Hà Nội".

The data is ``data/vn_admin_units.json`` (see ``data/ATTRIBUTION.md``); it is read once.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marketplace.core.text import fold

DATA = Path(__file__).resolve().parent / "data" / "vn_admin_units.json"
PROVINCE_PREFIXES = ("thanh pho ", "tinh ", "tp ")
WARD_PREFIXES = ("xa ", "phuong ", "dac khu ")


@dataclass(frozen=True)
class Ward:
    code: str
    name: str


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    wards: tuple[Ward, ...]


def _bare(folded: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


@cache
def provinces() -> tuple[Province, ...]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))["provinces"]
    return tuple(
        Province(p["code"], p["name"], tuple(Ward(w["code"], w["name"]) for w in p["wards"])) for p in raw
    )


@cache
def _province_index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for province in provinces():
        folded = fold(province.name)
        index[folded] = province
        index[_bare(folded, PROVINCE_PREFIXES)] = province
        index[province.code] = province
    return index


def find_province(text: str) -> Province | None:
    folded = fold(text)
    return _province_index().get(folded) or _province_index().get(_bare(folded, PROVINCE_PREFIXES))


@cache
def _ward_index(province_code: str) -> dict[str, list[Ward]]:
    province = _province_index()[province_code]
    index: dict[str, list[Ward]] = {}
    for ward in province.wards:
        folded = fold(ward.name)
        index.setdefault(folded, []).append(ward)
        index.setdefault(_bare(folded, WARD_PREFIXES), []).append(ward)
    return index


def find_ward(province: Province, text: str) -> Ward | None:
    """The ward or commune named ``text`` in ``province``; with or without its "xã"/"phường"
    prefix. A bare name shared by a commune and a ward is ambiguous (None)."""
    folded = fold(text)
    index = _ward_index(province.code)
    exact = index.get(folded, [])
    if len(exact) == 1 and fold(exact[0].name) == folded:
        return exact[0]
    candidates = index.get(_bare(folded, WARD_PREFIXES), [])
    unique = {ward.code: ward for ward in candidates}
    return next(iter(unique.values())) if len(unique) == 1 else None
