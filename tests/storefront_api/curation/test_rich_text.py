"""Featured collections' descriptions over HTTP: collectionCreate, collectionUpdate and
collectionTranslate store cleaned EditorJS and refuse malformed documents with INVALID on
``description``, writing nothing."""

import json

import pytest

from marketplace.catalog.models import Collection, CollectionTranslation
from storefront_api.core.ids import to_id
from tests.conftest import client_for, data
from tests.richtext_cases import CLEANED, HOSTILE, MALFORMED, MALFORMED_IDS

pytestmark = pytest.mark.django_db

CREATE = """mutation ($input: CollectionCreateInput!) { collectionCreate(input: $input) {
  collection { slug description } errors { field code message } } }"""
UPDATE = """mutation ($id: ID!, $input: CollectionInput!) { collectionUpdate(id: $id, input: $input) {
  collection { name description } errors { field code message } } }"""
TRANSLATE = """mutation ($id: ID!, $input: TranslationInput!) { collectionTranslate(id: $id, languageCode: EN,
  input: $input) { translation { description } errors { field code message } } }"""


def create(client, description):
    return data(
        client.graphql(
            CREATE, {"input": {"name": "Gốm men lam", "slug": "gom-men-lam", "description": description}}
        )
    )["collectionCreate"]


def test_every_collection_writer_stores_the_cleaned_document(seeded_channels, curator):
    client = client_for(curator)
    created = create(client, json.dumps(HOSTILE))
    assert created["errors"] == []
    assert json.loads(created["collection"]["description"]) == CLEANED
    collection = Collection.objects.get(slug="gom-men-lam")
    assert collection.description == CLEANED

    collection.description = None
    collection.save()
    collection_id = to_id("Collection", collection.pk)
    updated = data(
        client.graphql(UPDATE, {"id": collection_id, "input": {"description": json.dumps(HOSTILE)}})
    )
    assert updated["collectionUpdate"] == {
        "collection": {"name": "Gốm men lam", "description": json.dumps(CLEANED)},
        "errors": [],
    }
    collection.refresh_from_db()
    assert collection.description == CLEANED

    translated = data(
        client.graphql(
            TRANSLATE,
            {"id": collection_id, "input": {"name": "Blue glaze", "description": json.dumps(HOSTILE)}},
        )
    )
    assert translated["collectionTranslate"] == {
        "translation": {"description": json.dumps(CLEANED)},
        "errors": [],
    }
    assert CollectionTranslation.objects.get(collection=collection, language_code="en").description == CLEANED


@pytest.mark.parametrize(("document", "message"), MALFORMED, ids=MALFORMED_IDS)
def test_collection_create_refuses_malformed_documents(seeded_channels, curator, document, message):
    result = create(client_for(curator), document)
    assert result["collection"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("description", "INVALID")]
    assert message in result["errors"][0]["message"]
    assert not Collection.objects.exists()


@pytest.mark.parametrize(("document", "message"), MALFORMED[:5], ids=MALFORMED_IDS[:5])
def test_collection_update_and_translate_refuse_malformed_documents(
    seeded_channels, curator, document, message
):
    client = client_for(curator)
    assert create(client, json.dumps(HOSTILE))["errors"] == []
    collection_id = to_id("Collection", Collection.objects.get().pk)
    updated = data(
        client.graphql(UPDATE, {"id": collection_id, "input": {"name": "Khác", "description": document}})
    )
    assert [(e["field"], e["code"]) for e in updated["collectionUpdate"]["errors"]] == [
        ("description", "INVALID")
    ]
    translated = data(
        client.graphql(TRANSLATE, {"id": collection_id, "input": {"name": "X", "description": document}})
    )
    assert [(e["field"], e["code"]) for e in translated["collectionTranslate"]["errors"]] == [
        ("description", "INVALID")
    ]
    assert Collection.objects.values_list("name", "description").get() == ("Gốm men lam", CLEANED)
    assert not CollectionTranslation.objects.exists()
