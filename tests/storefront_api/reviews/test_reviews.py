"""Reviews over HTTP: a buyer reviews what they received, with a photo; the artisan replies
once; the rating shows on the product and the shop; curators and staff hide a review and the
author is told; helpful votes; bad input refused with typed errors and nothing written."""

import base64
import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Product
from marketplace.orders.models import OrderLine
from marketplace.orders.services import vendor_order_fulfill
from marketplace.reviews.models import Review, ReviewHelpfulVote, ReviewPhoto
from tests.checkout_helpers import gid, shop_with_product
from tests.conftest import ApiClient, client_for, data, error_codes, grant
from tests.factories import UserFactory
from tests.service_helpers import member_of, part_of, place_order
from tests.storefront_api.artisan.test_media import jpeg, stored_files

pytestmark = pytest.mark.django_db

CREATE = """
mutation($input: ProductReviewCreateInput!) {
  productReviewCreate(input: $input) {
    review { id rating text authorName isVerifiedPurchase photos { url } helpfulCount reply { text } }
    errors { field code message }
  }
}"""
UPDATE = """
mutation($id: ID!, $input: ProductReviewUpdateInput!) {
  productReviewUpdate(id: $id, input: $input) { review { id rating text photos { url } } errors { field code } }
}"""
REPLY = """
mutation($id: ID!, $text: String!) {
  productReviewReply(id: $id, text: $text) { review { id reply { text createdAt } } errors { field code } }
}"""
HIDE = """
mutation($id: ID!, $reason: String!) {
  productReviewHide(id: $id, reason: $reason) { review { id isHidden hiddenReason } errors { field code } }
}"""
VOTE = "mutation($id: ID!) { productReviewVoteHelpful(id: $id) { review { helpfulCount } errors { field code } } }"
PRODUCT = """
query($slug: String!, $first: Int, $sort: ProductReviewSortingInput, $filter: ProductReviewFilterInput) {
  product(slug: $slug, channel: "default-channel") {
    rating reviewCount
    vendor { rating reviewCount }
    reviews(first: $first, sortBy: $sort, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { rating text authorName variantName helpfulCount photos { url } reply { text } } }
    }
  }
}"""


def multipart(client, document, variables, files):  # type: ignore[no-untyped-def]
    """A GraphQL multipart request whose files sit in ``input.photos`` (``files`` maps
    ``input.photos.<i>`` to a file); the variables get a null in each file's place."""
    variables = json.loads(json.dumps(variables))
    if files:
        variables["input"]["photos"] = [None] * len(files)
    body = {
        "operations": json.dumps({"query": document, "variables": variables}),
        "map": json.dumps({str(i): [f"variables.{path}"] for i, path in enumerate(files)}),
    }
    body.update({str(i): file for i, file in enumerate(files.values())})
    return client.post("/graphql/", data=body)


def create(client: ApiClient, **input):  # type: ignore[no-untyped-def]
    return data(client.graphql(CREATE, {"input": input}))["productReviewCreate"]


def product_page(client: ApiClient, product, **variables):  # type: ignore[no-untyped-def]
    return data(client.graphql(PRODUCT, {"slug": product.slug, "first": 10, **variables}))["product"]


def test_buyer_reviews_with_a_photo_the_artisan_replies_and_the_rating_shows(world, media_root):
    mail.outbox.clear()
    response = multipart(
        world.buyer_client,
        CREATE,
        {"input": {"orderLine": world.line_id, "rating": 4, "text": "Men đẹp, <b>đóng gói</b> kỹ."}},
        {"input.photos.0": jpeg()},
    )
    assert response.status_code == 200, response.content
    result = data(response.json())["productReviewCreate"]
    assert result["errors"] == []
    review = result["review"]
    assert review["rating"] == 4 and review["text"] == "Men đẹp, đóng gói kỹ."  # markup removed
    assert review["authorName"] == "Lan N." and review["isVerifiedPurchase"] is True
    assert len(review["photos"]) == 1 and review["photos"][0]["url"].startswith(
        "http://testserver/media/reviews/"
    )
    assert [p for p in stored_files(media_root) if p.startswith("reviews/")] == [
        ReviewPhoto.objects.get().image.name
    ]
    # The artisan is told of the new review, in their language.
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([world.owner.email], "Đánh giá 4 sao mới cho Bình gốm men lam")
    ]

    replied = data(world.owner_client.graphql(REPLY, {"id": review["id"], "text": "Cảm ơn chị!"}))
    assert replied["productReviewReply"]["errors"] == []
    assert replied["productReviewReply"]["review"]["reply"]["text"] == "Cảm ơn chị!"

    page = product_page(ApiClient(), world.product)
    assert page["rating"] == 4.0 and page["reviewCount"] == 1
    assert page["vendor"] == {"rating": 4.0, "reviewCount": 1}
    node = page["reviews"]["edges"][0]["node"]
    assert node["reply"] == {"text": "Cảm ơn chị!"} and node["variantName"] == world.line.variant_name
    assert page["reviews"]["totalCount"] == 1

    again = data(world.owner_client.graphql(REPLY, {"id": review["id"], "text": "Lần nữa"}))
    assert [e["code"] for e in again["productReviewReply"]["errors"]] == ["ALREADY_EXISTS"]


def test_the_rating_is_the_mean_of_visible_reviews_and_sorts_and_filters_products(world):
    create(world.buyer_client, orderLine=world.line_id, rating=5)
    _vendor, other = shop_with_product(price=90_000, stock=5, name="Bình gốm thường")
    another_buyer = UserFactory()
    order = place_order([(world.product, 1), (other, 1)], buyer=another_buyer)
    for part in order.vendor_orders.all():
        vendor_order_fulfill(actor=member_of(part.vendor), vendor_order=part, lines=None)
    client = client_for(another_buyer)
    for line in order.lines.all():
        rating = 2 if line.variant.product_id == world.product.pk else 3
        assert create(client, orderLine=gid("OrderLine", line.pk), rating=rating)["errors"] == []
    world.product.refresh_from_db()
    assert (world.product.rating, world.product.review_count) == (3.5, 2)

    query = """query($f: ProductFilterInput) { products(first: 10, channel: "default-channel", filter: $f,
      sortBy: {field: RATING, direction: DESC}) { edges { node { name rating } } } }"""

    def names(f):
        return [e["node"]["name"] for e in data(ApiClient().graphql(query, {"f": f}))["products"]["edges"]]

    assert names({}) == ["Bình gốm men lam", "Bình gốm thường"]
    assert names({"minimalRating": 3.4}) == ["Bình gốm men lam"]
    assert names({"minimalRating": 99}) == []  # clamped to 5


def test_reviews_sort_newest_most_helpful_and_filter_with_photos(world, media_root):
    first = create(world.buyer_client, orderLine=world.line_id, rating=3, text="Được")["review"]
    buyers = [UserFactory() for _ in range(2)]
    ids = []
    for index, buyer in enumerate(buyers):
        order = place_order([(world.product, 1)], buyer=buyer)
        vendor_order_fulfill(actor=world.owner, vendor_order=part_of(order, world.vendor), lines=None)
        line = OrderLine.objects.get(order=order)
        files = {"input.photos.0": jpeg()} if index == 0 else {}
        response = multipart(
            client_for(buyer),
            CREATE,
            {"input": {"product": world.product_id, "rating": 5, "text": f"#{index}"}},
            files,
        )
        result = data(response.json())["productReviewCreate"]
        assert result["errors"] == [], result
        assert (
            Review.objects.get(
                pk=int(base64.b64decode(result["review"]["id"]).decode().split(":")[1])
            ).order_line_id
            == line.pk
        )
        ids.append(result["review"]["id"])
    for voter in (UserFactory(), UserFactory()):
        assert (
            data(client_for(voter).graphql(VOTE, {"id": first["id"]}))["productReviewVoteHelpful"]["errors"]
            == []
        )

    newest = product_page(ApiClient(), world.product)["reviews"]["edges"]
    assert [e["node"]["text"] for e in newest] == ["#1", "#0", "Được"]
    helpful = product_page(ApiClient(), world.product, sort={"field": "HELPFUL", "direction": "DESC"})
    assert [e["node"]["text"] for e in helpful["reviews"]["edges"]] == ["Được", "#1", "#0"]
    assert helpful["reviews"]["edges"][0]["node"]["helpfulCount"] == 2
    photos = product_page(ApiClient(), world.product, filter={"hasPhotos": True})["reviews"]
    assert [e["node"]["text"] for e in photos["edges"]] == ["#0"] and photos["totalCount"] == 1

    paged = product_page(ApiClient(), world.product, first=1)["reviews"]
    assert paged["pageInfo"]["hasNextPage"] is True and paged["totalCount"] == 3
    more = data(
        ApiClient().graphql(
            """query($slug: String!, $after: String) { product(slug: $slug, channel: "default-channel") {
            reviews(first: 5, after: $after) { edges { node { text } } pageInfo { hasNextPage } } } }""",
            {"slug": world.product.slug, "after": paged["pageInfo"]["endCursor"]},
        )
    )["product"]["reviews"]
    assert [e["node"]["text"] for e in more["edges"]] == ["#0", "Được"] and more["pageInfo"][
        "hasNextPage"
    ] is False


def test_votes_count_once_and_never_ones_own(world):
    review = create(world.buyer_client, orderLine=world.line_id, rating=4)["review"]
    own = data(world.buyer_client.graphql(VOTE, {"id": review["id"]}))["productReviewVoteHelpful"]
    assert [e["code"] for e in own["errors"]] == ["INVALID"]
    voter = client_for(UserFactory())
    for _ in range(2):
        result = data(voter.graphql(VOTE, {"id": review["id"]}))["productReviewVoteHelpful"]
        assert result["errors"] == [] and result["review"]["helpfulCount"] == 1
    assert ReviewHelpfulVote.objects.count() == 1
    assert error_codes(ApiClient().graphql(VOTE, {"id": review["id"]})) == ["PermissionDenied"]


def test_hiding_takes_the_review_out_of_the_rating_and_tells_the_author(world):
    review = create(world.buyer_client, orderLine=world.line_id, rating=1, text="Tệ")["review"]
    world.buyer.language_code = "en"
    world.buyer.save()
    curator = UserFactory(is_staff=True)
    grant(curator, PermissionEnum.MANAGE_SHOWCASE)
    mail.outbox.clear()
    hidden = data(client_for(curator).graphql(HIDE, {"id": review["id"], "reason": "Quảng cáo"}))
    assert hidden["productReviewHide"]["errors"] == []
    assert hidden["productReviewHide"]["review"]["isHidden"] is True
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([world.buyer.email], "Your review of Bình gốm men lam is hidden")
    ]
    assert "Reason: Quảng cáo" in mail.outbox[0].body
    page = product_page(ApiClient(), world.product)
    assert (page["rating"], page["reviewCount"], page["reviews"]["totalCount"]) == (None, 0, 0)
    # Hiding again changes nothing and tells nobody twice.
    staff = UserFactory(is_staff=True)
    grant(staff, PermissionEnum.MANAGE_PRODUCTS)
    again = data(client_for(staff).graphql(HIDE, {"id": review["id"], "reason": "Lần hai"}))
    assert again["productReviewHide"]["review"]["hiddenReason"] == "Quảng cáo"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("who", ["anonymous", "customer", "artisan", "staff without the permission"])
def test_only_curators_and_staff_hide(world, who):
    review = create(world.buyer_client, orderLine=world.line_id, rating=1)["review"]
    client = {
        "anonymous": lambda: ApiClient(),
        "customer": lambda: world.buyer_client,
        "artisan": lambda: world.owner_client,
        "staff without the permission": lambda: client_for(UserFactory(is_staff=True)),
    }[who]()
    assert error_codes(client.graphql(HIDE, {"id": review["id"], "reason": "x"})) == ["PermissionDenied"]
    assert Review.objects.get().is_hidden is False


def test_only_the_shops_members_reply(world):
    review = create(world.buyer_client, orderLine=world.line_id, rating=4)["review"]
    other_vendor, _ = shop_with_product()
    for client in (client_for(member_of(other_vendor)), world.buyer_client):
        assert error_codes(client.graphql(REPLY, {"id": review["id"], "text": "Hi"})) == ["PermissionDenied"]
    assert error_codes(ApiClient().graphql(REPLY, {"id": review["id"], "text": "Hi"})) == ["PermissionDenied"]
    empty = data(world.owner_client.graphql(REPLY, {"id": review["id"], "text": "  <script>x</script> "}))
    assert [(e["field"], e["code"]) for e in empty["productReviewReply"]["errors"]] == [("text", "REQUIRED")]
    assert Review.objects.get().replied_at is None


def test_the_author_edits_within_the_window_only(world, settings):
    review = create(world.buyer_client, orderLine=world.line_id, rating=2, text="Chưa")["review"]
    updated = data(
        world.buyer_client.graphql(UPDATE, {"id": review["id"], "input": {"rating": 5, "text": "Tốt"}})
    )
    assert updated["productReviewUpdate"]["errors"] == []
    assert updated["productReviewUpdate"]["review"]["rating"] == 5
    assert Product.objects.get(pk=world.product.pk).rating == 5.0
    other = client_for(UserFactory())
    stolen = data(other.graphql(UPDATE, {"id": review["id"], "input": {"rating": 1}}))
    assert [(e["field"], e["code"]) for e in stolen["productReviewUpdate"]["errors"]] == [("id", "NOT_FOUND")]
    settings.REVIEW_EDIT_DAYS = 0
    late = data(world.buyer_client.graphql(UPDATE, {"id": review["id"], "input": {"rating": 1}}))
    assert [e["code"] for e in late["productReviewUpdate"]["errors"]] == ["EDIT_WINDOW_CLOSED"]
    assert Review.objects.get().rating == 5


# ---------------------------------------------------------------- bad input


def test_reviewing_what_you_did_not_buy_or_someone_elses_order(world):
    _vendor, never_bought = shop_with_product(name="Nón lá")
    stranger = client_for(UserFactory())
    not_bought = create(stranger, product=gid("Product", never_bought.pk), rating=5)
    assert [(e["field"], e["code"]) for e in not_bought["errors"]] == [("product", "NOT_PURCHASED")]
    someone_elses = create(stranger, orderLine=world.line_id, rating=5)
    assert [(e["field"], e["code"]) for e in someone_elses["errors"]] == [("orderLine", "NOT_FOUND")]
    wrong_product = create(
        world.buyer_client, orderLine=world.line_id, product=gid("Product", never_bought.pk), rating=5
    )
    assert [e["code"] for e in wrong_product["errors"]] == ["NOT_FOUND"]
    assert Review.objects.count() == 0
    assert error_codes(ApiClient().graphql(CREATE, {"input": {"orderLine": world.line_id, "rating": 5}})) == [
        "PermissionDenied"
    ]


def test_reviewing_before_it_arrived(world):
    order = place_order([(world.product, 1)], buyer=world.buyer)
    line = OrderLine.objects.get(order=order)
    result = create(world.buyer_client, orderLine=gid("OrderLine", line.pk), rating=5)
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("orderLine", "NOT_RECEIVED")]
    assert Review.objects.count() == 0


def test_reviewing_twice(world):
    assert create(world.buyer_client, orderLine=world.line_id, rating=5)["errors"] == []
    twice = create(world.buyer_client, orderLine=world.line_id, rating=4)
    assert [(e["field"], e["code"]) for e in twice["errors"]] == [("orderLine", "ALREADY_EXISTS")]
    by_product = create(world.buyer_client, product=world.product_id, rating=4)
    assert [e["code"] for e in by_product["errors"]] == ["ALREADY_EXISTS"]
    assert Review.objects.count() == 1 and Product.objects.get(pk=world.product.pk).rating == 5.0


@pytest.mark.parametrize(("rating", "code"), [(6, "OUT_OF_RANGE"), (0, "OUT_OF_RANGE"), (-1, "OUT_OF_RANGE")])
def test_stars_out_of_range(world, rating, code):
    result = create(world.buyer_client, orderLine=world.line_id, rating=rating)
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("rating", code)]
    assert Review.objects.count() == 0


def test_a_fractional_rating_is_not_an_int(world):
    content = world.buyer_client.post_graphql(CREATE, {"input": {"orderLine": world.line_id, "rating": 4.5}})
    assert content.status_code == 400 and Review.objects.count() == 0


def test_script_in_the_text_is_removed(world):
    result = create(
        world.buyer_client,
        orderLine=world.line_id,
        rating=5,
        text="<script>alert(1)</script><img src=x onerror=alert(2)>Đẹp &lt;script&gt;x&lt;/script&gt;",
    )
    assert result["errors"] == []
    assert result["review"]["text"] == "Đẹp"
    assert "<" not in Review.objects.get().text


def test_oversized_text_and_too_many_photos(world, media_root):
    long = create(world.buyer_client, orderLine=world.line_id, rating=5, text="a" * 5001)
    assert [(e["field"], e["code"]) for e in long["errors"]] == [("text", "INVALID")]
    files = {f"input.photos.{i}": jpeg(f"p{i}.jpg") for i in range(6)}
    response = multipart(
        world.buyer_client, CREATE, {"input": {"orderLine": world.line_id, "rating": 5}}, files
    )
    result = data(response.json())["productReviewCreate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("photos", "OUT_OF_RANGE")]
    not_an_image = {"input.photos.0": SimpleUploadedFile("a.jpg", b"<html>", content_type="image/jpeg")}
    response = multipart(
        world.buyer_client, CREATE, {"input": {"orderLine": world.line_id, "rating": 5}}, not_an_image
    )
    assert [e["code"] for e in data(response.json())["productReviewCreate"]["errors"]] == [
        "INVALID_FILE_TYPE"
    ]
    assert Review.objects.count() == 0 and ReviewPhoto.objects.count() == 0
    assert [p for p in stored_files(media_root) if p.startswith("reviews/")] == []


def test_a_refused_review_keeps_no_photo(world, media_root):
    create(world.buyer_client, orderLine=world.line_id, rating=5)
    response = multipart(
        world.buyer_client,
        CREATE,
        {"input": {"orderLine": world.line_id, "rating": 5}},
        {"input.photos.0": jpeg()},
    )
    assert [e["code"] for e in data(response.json())["productReviewCreate"]["errors"]] == ["ALREADY_EXISTS"]
    assert [p for p in stored_files(media_root) if p.startswith("reviews/")] == []


def test_another_partys_review_id(world):
    review = create(world.buyer_client, orderLine=world.line_id, rating=5)["review"]
    wrong_type = gid("Product", world.product.pk)
    result = data(world.buyer_client.graphql(UPDATE, {"id": wrong_type, "input": {"rating": 1}}))
    assert [(e["field"], e["code"]) for e in result["productReviewUpdate"]["errors"]] == [("id", "INVALID")]
    unknown = gid("ProductReview", 999999)
    result = data(world.owner_client.graphql(REPLY, {"id": unknown, "text": "x"}))
    assert [(e["field"], e["code"]) for e in result["productReviewReply"]["errors"]] == [("id", "NOT_FOUND")]
    other_owner = client_for(member_of(shop_with_product()[0]))
    assert error_codes(other_owner.graphql(REPLY, {"id": review["id"], "text": "x"})) == ["PermissionDenied"]


def test_product_reviews_cost_the_same_queries_for_one_and_many(world, django_assert_num_queries):
    create(world.buyer_client, orderLine=world.line_id, rating=5)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            product_page(ApiClient(), world.product, first=100)
        return len(ctx.captured_queries)

    one = count()
    for _ in range(6):
        buyer = UserFactory()
        order = place_order([(world.product, 1)], buyer=buyer)
        vendor_order_fulfill(actor=world.owner, vendor_order=part_of(order, world.vendor), lines=None)
        multipart(
            client_for(buyer),
            CREATE,
            {"input": {"product": world.product_id, "rating": 4}},
            {"input.photos.0": jpeg()},
        )
    assert Review.objects.count() == 7
    assert count() == one


def test_many_products_reviews_in_one_list_cost_the_same(world):
    query = """{ products(first: 20, channel: "default-channel") { edges { node { rating reviewCount
      vendor { rating } reviews(first: 3) { totalCount edges { node { text photos { url } } } } } } } }"""
    create(world.buyer_client, orderLine=world.line_id, rating=5)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert "errors" not in ApiClient().graphql(query)
        return len(ctx.captured_queries)

    one = count()
    for _ in range(3):
        vendor, product = shop_with_product()
        buyer = UserFactory()
        order = place_order([(product, 1)], buyer=buyer)
        vendor_order_fulfill(actor=member_of(vendor), vendor_order=part_of(order, vendor), lines=None)
        create(client_for(buyer), product=gid("Product", product.pk), rating=3)
    assert count() == one
