import unicodedata

import pytest

from marketplace.core.money import quantize
from marketplace.core.text import fold, nfc, search_terms, slugify_vi


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Bát Tràng", "bat trang"),
        ("BÁT TRÀNG", "bat trang"),
        ("Đồ gốm", "do gom"),
        ("đường Đê La Thành", "duong de la thanh"),
        (unicodedata.normalize("NFD", "Nón lá Chuông"), "non la chuong"),
        ("Quỳ vàng, quỳ bạc!", "quy vang quy bac"),
        ("  nhiều   khoảng   trắng ", "nhieu khoang trang"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_nfc_drops_control_characters_and_composes():
    assert nfc(unicodedata.normalize("NFD", "Gốm\x00 sứ\x1b")) == "Gốm sứ"


def test_search_terms_are_unique_bounded_and_longest_first():
    assert search_terms("gom GỐM bat trang", max_length=200) == ["trang", "gom", "bat"]
    assert len(search_terms(" ".join(f"w{i}" for i in range(50)), max_length=200)) == 8
    assert search_terms("x" * 10_000, max_length=200) == ["x" * 200]


def test_slugify_vi():
    assert slugify_vi("Gốm men lam Bát Tràng") == "gom-men-lam-bat-trang"


def test_vnd_has_no_minor_unit():
    assert str(quantize("1250000.4", "VND")) == "1250000"
    assert str(quantize("10.005", "USD")) == "10.01"
