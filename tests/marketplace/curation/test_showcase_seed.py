import pytest

from marketplace.curation.models import ShowcaseSubmission
from marketplace.demo.showcase_seed import seed_showcase
from tests.factories import listed_product

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent(seeded_channels):
    for index in range(3):
        listed_product(channel_slug="design-centre", slug=f"dc-{index}")
    listed_product(slug="open-1")
    listed_product(slug="open-2")
    assert seed_showcase(lambda message: None) == 5
    assert seed_showcase(lambda message: None) == 0
    assert sorted(ShowcaseSubmission.objects.values_list("status", flat=True)) == [
        "APPROVED",
        "APPROVED",
        "APPROVED",
        "PENDING",
        "REJECTED",
    ]
