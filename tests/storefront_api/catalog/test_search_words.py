"""Search matching by word start (full-text on PostgreSQL, LIKE on SQLite), its rank, the
count of the matches, and the search text kept current by the catalogue writes."""

import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Product
from marketplace.catalog.search import WordsStartWith
from marketplace.catalog.selectors import search_products, top_search_ranks, visible_products
from marketplace.catalog.services.products import product_create, product_update
from tests.conftest import contract_document, data, run_operation
from tests.factories import (
    CraftVillageFactory,
    ProductTypeFactory,
    UserFactory,
    VendorFactory,
    listed_product,
)
from vendors.shops.models import VendorMember, VendorMemberRole

pytestmark = pytest.mark.django_db


PAGES = """
query Pages($search: String!, $first: Int, $after: String, $last: Int, $before: String,
            $direction: OrderDirection! = DESC) {
  products(channel: "default-channel", search: $search, first: $first, after: $after, last: $last,
           before: $before, sortBy: {field: RANK, direction: $direction}) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { name } }
  }
}
"""


def search(api_client, text, **extra):
    """The contract's SearchProducts, or with paging arguments a page of the same search."""
    if set(extra) - {"first"}:
        return run_operation(api_client, PAGES, "Pages", {"search": text, **extra})
    return run_operation(
        api_client,
        contract_document("catalog"),
        "SearchProducts",
        {"channel": "default-channel", "search": text, **extra},
    )


def names(content):
    return [edge["node"]["name"] for edge in data(content)["products"]["edges"]]


def matching(text):
    return set(search_products(Product.objects.all(), text, max_length=200).values_list("name", flat=True))


@pytest.fixture
def shelf(seeded_channels):
    bat_trang = CraftVillageFactory(name="Bát Tràng", slug="bat-trang", craft="Gốm sứ")
    potter = VendorFactory(name="Xưởng Minh", village=bat_trang)
    made = {}
    # Created in this order: a higher primary key is a newer product.
    for name in (
        "Lọ hoa men rạn",  # matches "bat trang" only through the village
        "Bát ăn cơm men trắng",  # both words in the name, not as a phrase
        "Đĩa Bát Tràng vẽ cá",  # the phrase in the name
        "Bát Tràng",  # the name is exactly the phrase
        "Bình trà cổ",  # one word ("trang" does not start "trà") ... only "bat" via village
        "Ấm tráng men 2026",  # "trang" starts "tráng" in the name
    ):
        made[name] = listed_product(name=name, slug=f"p{len(made)}", vendor=potter)
    listed_product(name="Khăn lụa Vạn Phúc", slug="khan")
    return made


def test_words_match_by_their_start_with_accents_folded(shelf):
    assert matching("khan lu") == {"Khăn lụa Vạn Phúc"}
    assert matching("KHĂN LỤA") == matching(unicodedata.normalize("NFD", "khăn lụa")) == {"Khăn lụa Vạn Phúc"}
    assert matching("han") == set()  # the middle of "khăn" is not the start of a word
    assert matching("ua") == set()
    assert matching("ang") == set()  # nor the end of "tràng"
    assert matching("202") == {"Ấm tráng men 2026"}  # digits are words too
    assert matching("dia ca") == {"Đĩa Bát Tràng vẽ cá"}  # đ folds to d
    assert matching("khan bat") == set()  # every word must match


def test_the_pattern_and_the_full_text_match_the_same_products(shelf):
    """On PostgreSQL (the suite's database) the full-text condition replaces the LIKE
    patterns of SQLite: the same answers."""
    queries = [
        ["bat"],
        ["bat", "trang"],
        ["tra"],
        ["2026"],
        ["20"],
        ["m"],
        ["men", "r"],
        ["khan", "phuc"],
        ["x"],
    ]
    for terms in queries:
        by_words = set(
            Product.objects.filter(WordsStartWith("search_document", terms)).values_list("pk", flat=True)
        )
        like = Product.objects.all()
        for term in terms:
            like = like.filter(search_document__contains=f" {term}")
        assert by_words == set(like.values_list("pk", flat=True)), terms
    with pytest.raises(ValueError):
        WordsStartWith("search_document", ["bat:*|x"])  # never anything but folded words


def test_rank_is_the_name_then_the_newest(api_client, shelf):
    result = names(search(api_client, "bat trang"))
    assert result == [
        "Bát Tràng",  # exact name: 8 + 4 + 2
        "Đĩa Bát Tràng vẽ cá",  # the phrase in the name: 4 + 2
        "Bát ăn cơm men trắng",  # both words in the name: 2
        "Ấm tráng men 2026",  # one word in the name, newest first: 1
        "Bình trà cổ",  # matched only elsewhere (the village): 0, newest first
        "Lọ hoa men rạn",
    ]


@pytest.mark.parametrize("text", ["bat trang", "tra men", "men", "!!!"])
@pytest.mark.parametrize("ordering", [["-search_rank", "-pk"], ["search_rank", "pk"]])
def test_the_ranked_keys_carry_each_match_s_own_rank(shelf, seeded_channels, text, ordering):
    """``top_search_ranks`` gives the rank the annotation computes (the two lowest tiers are
    selected as constants), in the annotation's order, for any limit."""
    public = visible_products(channel_id=seeded_channels["default-channel"].pk)
    matches = search_products(public, text, max_length=200).order_by(*ordering)
    expected = list(matches.values_list("pk", "search_rank"))
    assert expected  # every text matches something here
    for limit in (1, 3, 100):
        found = top_search_ranks(matches, text, max_length=200, ordering=ordering, limit=limit)
        assert found == expected[:limit]


@pytest.mark.parametrize("text", ["bat trang", "men", "!!!"])
@pytest.mark.parametrize("page", [1, 4])
def test_paging_through_the_results_gives_every_match_once_in_rank_order(api_client, shelf, text, page):
    total = data(search(api_client, text, first=page))["products"]["totalCount"]
    seen, after = [], None
    for _ in range(20):
        content = search(api_client, text, first=page, after=after)
        products = data(content)["products"]
        seen += [edge["node"]["name"] for edge in products["edges"]]
        if not products["pageInfo"]["hasNextPage"]:
            break
        after = products["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == total
    assert seen == names(search(api_client, text, first=100))


def test_backward_pages_follow_the_same_order(api_client, shelf):
    everything = names(search(api_client, "bat trang", first=100))
    last = data(search(api_client, "bat trang", last=2))["products"]
    assert [edge["node"]["name"] for edge in last["edges"]] == everything[-2:]
    before = data(search(api_client, "bat trang", last=3, before=last["pageInfo"]["startCursor"]))["products"]
    assert [edge["node"]["name"] for edge in before["edges"]] == everything[-5:-2]


def test_ascending_rank_puts_the_weakest_matches_first(api_client, shelf):
    descending = names(search(api_client, "bat trang", first=100))
    ascending = names(search(api_client, "bat trang", first=100, direction="ASC"))
    # Equal ranks keep their own order (primary key, ascending here).
    assert ascending[:2] == ["Lọ hoa men rạn", "Bình trà cổ"]
    assert ascending[-1] == descending[0] == "Bát Tràng"
    assert sorted(ascending) == sorted(descending)


def test_search_query_count_does_not_depend_on_matches_or_page(api_client, shelf):
    counts = set()
    for text, first in (("bat trang", 1), ("bat trang", 20), ("men", 5), ("tra", 100)):
        with CaptureQueriesContext(connection) as queries:
            assert "errors" not in search(api_client, text, first=first)
        counts.add(len(queries))
    assert len(counts) == 1, counts


@pytest.fixture
def owner(seeded_channels):
    user = UserFactory(email="tho@example.vn")
    VendorMember.objects.create(vendor=VendorFactory(), user=user, role=VendorMemberRole.OWNER)
    return user


def test_the_search_text_follows_create_rename_and_description(owner):
    product = product_create(
        actor=owner, data={"name": "Nón lá bài thơ", "product_type_id": ProductTypeFactory().pk}
    )
    assert matching("non la bai") == {"Nón lá bài thơ"}
    product_update(actor=owner, product=product, data={"name": "Quạt giấy Chàng Sơn"})
    assert matching("quat chang") == {"Quạt giấy Chàng Sơn"}
    assert matching("non la") == set()  # the old name is gone from the index's answer
    description = {"blocks": [{"type": "paragraph", "data": {"text": "Khung tre cật, giấy dó"}}]}
    product_update(actor=owner, product=product, data={"description": description})
    assert matching("tre cat giay do") == {"Quạt giấy Chàng Sơn"}
    product_update(actor=owner, product=product, data={"description": {"blocks": []}})
    assert matching("tre cat") == set()


def test_the_search_uses_the_word_indexes_on_postgresql(shelf):
    """The words columns (catalog 0011) have GIN indexes that answer the search (on 100,000
    products PostgreSQL chooses them on its own: benchmarks/RESULTS.md)."""
    vendor, product_type = VendorFactory(), ProductTypeFactory()
    Product.objects.bulk_create(
        Product(
            vendor=vendor,
            product_type=product_type,
            name=f"Hàng {n}",
            slug=f"hang-{n}",
            search_name=f" hang {n}",
            search_document=f" hang {n} lang nghe ha noi",
        )
        for n in range(3000)
    )
    words = (
        Product.objects.filter(WordsStartWith("search_document", ["bat", "trang"])).order_by().values("pk")
    )
    in_name = Product.objects.filter(WordsStartWith("search_name", ["bat", "trang"], any_term=True))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_product")
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few thousand short rows: a scan is cheap
        for queryset, index in (
            (words, "product_search_words"),
            (in_name.order_by().values("pk"), "product_search_name_words"),
        ):
            sql, params = queryset.query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"Bitmap Index Scan on {index}" in plan, plan
    assert set(Product.objects.filter(pk__in=words).values_list("name", flat=True)) == set(shelf)


def test_the_words_columns_follow_any_write_of_the_texts(shelf):
    """PostgreSQL computes the words columns (catalog 0011) on every write, also a bulk
    ``UPDATE`` that bypasses the services."""
    product = shelf["Lọ hoa men rạn"]
    Product.objects.filter(pk=product.pk).update(search_name=" binh hut loc", search_document=" binh hut loc")
    assert matching("hut loc") == {"Lọ hoa men rạn"}
    assert matching("lo hoa") == set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_name_words::text FROM catalog_product WHERE id = %s", [product.pk])
        assert cursor.fetchone()[0] == "'binh' 'hut' 'loc'"
