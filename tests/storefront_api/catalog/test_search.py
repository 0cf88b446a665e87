"""Vietnamese search: accent- and case-insensitive, đ folds to d, NFC and NFD alike, ranked."""

import unicodedata

import pytest

from marketplace.catalog.models import Product
from marketplace.catalog.search import update_product_search_documents
from tests.conftest import contract_document, data, error_codes, run_operation
from tests.factories import CraftVillageFactory, VendorFactory, listed_product

pytestmark = pytest.mark.django_db


def search(api_client, text, **extra):
    content = run_operation(
        api_client,
        contract_document("catalog"),
        "SearchProducts",
        {"channel": "default-channel", "search": text, **extra},
    )
    return content


def names(content):
    return [edge["node"]["name"] for edge in data(content)["products"]["edges"]]


@pytest.fixture
def catalogue(seeded_channels):
    bat_trang = CraftVillageFactory(name="Bát Tràng", slug="bat-trang", craft="Gốm sứ")
    potter = VendorFactory(name="Xưởng gốm Minh", village=bat_trang)
    listed_product(name="Bình gốm men lam Bát Tràng", slug="binh", vendor=potter)
    listed_product(name="Đồ thờ gỗ mít", slug="do-tho")
    listed_product(name="Khăn lụa Vạn Phúc", slug="khan")
    described = listed_product(name="Ấm trà", slug="am-tra", vendor=potter)
    described.description_plaintext = "Ấm trà nặn tay, men rạn."
    described.save()
    update_product_search_documents([described.pk])


@pytest.mark.parametrize("text", ["bat trang", "BÁT TRÀNG", "Bát Tràng", "bát tràng", "  bat   TRANG "])
def test_accents_and_case_do_not_matter(api_client, catalogue, text):
    # Every product of the Bát Tràng vendor matches through the village name.
    assert set(names(search(api_client, text))) == {"Bình gốm men lam Bát Tràng", "Ấm trà"}


def test_d_with_stroke_folds_to_d(api_client, catalogue):
    assert names(search(api_client, "do tho")) == ["Đồ thờ gỗ mít"]
    assert names(search(api_client, "ĐỒ THỜ")) == ["Đồ thờ gỗ mít"]


def test_nfd_input_behaves_like_nfc(api_client, catalogue):
    nfd = unicodedata.normalize("NFD", "khăn lụa")
    assert nfd != "khăn lụa"
    assert names(search(api_client, nfd)) == names(search(api_client, "khăn lụa")) == ["Khăn lụa Vạn Phúc"]


def test_a_match_in_the_name_ranks_above_a_match_elsewhere(api_client, catalogue):
    # "binh gom" is in the vase's name and only in the teapot's vendor name.
    result = names(search(api_client, "gom"))
    assert result[0] == "Bình gốm men lam Bát Tràng"
    assert "Ấm trà" in result


def test_description_words_are_found(api_client, catalogue):
    assert names(search(api_client, "men ran")) == ["Ấm trà"]


def test_every_word_must_match(api_client, catalogue):
    assert names(search(api_client, "khan binh")) == []


def test_english_name_is_searchable(api_client, seeded_channels):
    product = listed_product(name="Nón lá làng Chuông", slug="non")
    product.translations.create(language_code="en", name="Conical hat")
    update_product_search_documents([product.pk])
    assert names(search(api_client, "conical")) == ["Nón lá làng Chuông"]


def test_search_text_is_kept_in_nfc_folded_form(seeded_channels):
    product = listed_product(name=unicodedata.normalize("NFD", "Gốm sứ"), slug="nfd")
    assert Product.objects.get(pk=product.pk).search_name == " gom su"


def test_a_10000_character_search_is_a_clear_error(api_client, catalogue):
    content = search(api_client, "bat trang " * 1000)
    assert content["data"]["products"] is None
    assert error_codes(content) == ["INVALID_SEARCH"]


def test_control_characters_are_ignored(api_client, catalogue):
    # Control characters are dropped before folding, never passed to the database.
    assert names(search(api_client, "kh\x00ăn\x07 l\x1bụa")) == ["Khăn lụa Vạn Phúc"]
    assert names(search(api_client, "\x00\x01")) == names(search(api_client, ""))


def test_punctuation_only_search_returns_everything_ranked_equally(api_client, catalogue):
    content = search(api_client, "!!! ???")
    assert data(content)["products"]["totalCount"] == 4
