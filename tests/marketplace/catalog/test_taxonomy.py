"""Categories, product types and attributes written by staff with MANAGE_PRODUCTS: the
tree's rules, attribute lists replaced as given, choices added, nothing written on a
refusal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import Attribute, AttributeValue, Category, ProductType
from marketplace.catalog.services.taxonomy import attribute_save, category_save, product_type_save
from tests.conftest import grant

pytestmark = pytest.mark.django_db


def code(error: ValidationError, field: str) -> str:
    return error.error_dict[field][0].code  # type: ignore[return-value]


def test_only_catalogue_managers(customer_user, staff_user, vendor_member):
    grant(staff_user, PermissionEnum.MANAGE_VENDORS)
    for actor in (None, customer_user, staff_user, vendor_member):
        with pytest.raises(PermissionDenied):
            category_save(actor=actor, name="Gốm", slug=None, parent_id=None)
        with pytest.raises(PermissionDenied):
            attribute_save(actor=actor, name="Men", slug=None, input_type="DROPDOWN")
        with pytest.raises(PermissionDenied):
            product_type_save(
                actor=actor,
                name="Gốm",
                slug=None,
                is_shipping_required=True,
                weight_grams=1,
                product_attribute_ids=[],
                variant_attribute_ids=[],
            )
    assert (
        not Category.objects.exists() and not Attribute.objects.exists() and not ProductType.objects.exists()
    )


def test_the_category_tree():
    top = category_save(actor=SYSTEM, name="Thủ công mỹ nghệ", slug=None, parent_id=None)
    child = category_save(actor=SYSTEM, name="Gốm sứ", slug=None, parent_id=top.pk)
    grandchild = category_save(actor=SYSTEM, name="Bình gốm", slug="binh", parent_id=child.pk)
    assert (top.slug, child.level, grandchild.level) == ("thu-cong-my-nghe", 1, 2)
    with pytest.raises(ValidationError) as refused:
        category_save(actor=SYSTEM, category=top, name="Thủ công", slug=None, parent_id=grandchild.pk)
    assert code(refused.value, "parent") == "INVALID"
    with pytest.raises(ValidationError) as refused:
        category_save(actor=SYSTEM, name="Khác", slug="binh", parent_id=None)
    assert code(refused.value, "slug") == "UNIQUE"
    with pytest.raises(ValidationError) as refused:
        category_save(actor=SYSTEM, name="Khác", slug=None, parent_id=999999)
    assert code(refused.value, "parent") == "NOT_FOUND"
    # moving a branch to the top: the levels below follow
    category_save(actor=SYSTEM, category=child, name="Gốm sứ", slug=child.slug, parent_id=None)
    grandchild.refresh_from_db()
    assert grandchild.level == 1
    top.refresh_from_db()
    assert top.name == "Thủ công mỹ nghệ"


def test_product_type_attributes_replaced_as_given():
    glaze = attribute_save(
        actor=SYSTEM, name="Men", slug=None, input_type="DROPDOWN", new_choices=["Men lam", "Men lam", ""]
    )
    size = attribute_save(
        actor=SYSTEM, name="Cỡ", slug=None, input_type="DROPDOWN", new_choices=["Nhỏ", "Lớn"]
    )
    note = attribute_save(actor=SYSTEM, name="Ghi chú", slug=None, input_type="PLAIN_TEXT")
    product_type = product_type_save(
        actor=SYSTEM,
        name="Gốm",
        slug=None,
        is_shipping_required=True,
        weight_grams=800,
        product_attribute_ids=[glaze.pk, note.pk],
        variant_attribute_ids=[size.pk],
        variant_selection_ids=[size.pk],
    )
    assert [a.attribute_id for a in product_type.attribute_products.order_by("sort_order")] == [
        glaze.pk,
        note.pk,
    ]
    assert [(a.attribute_id, a.variant_selection) for a in product_type.attribute_variants.all()] == [
        (size.pk, True)
    ]
    with pytest.raises(ValidationError) as refused:
        product_type_save(
            actor=SYSTEM,
            product_type=product_type,
            name="Gốm",
            slug=None,
            is_shipping_required=True,
            weight_grams=800,
            product_attribute_ids=[glaze.pk],
            variant_attribute_ids=[glaze.pk],
        )
    assert code(refused.value, "variant_attributes") == "DUPLICATED_INPUT_ITEM"
    for bad in ([glaze.pk, glaze.pk], [999999]):
        with pytest.raises(ValidationError):
            product_type_save(
                actor=SYSTEM,
                product_type=product_type,
                name="Gốm",
                slug=None,
                is_shipping_required=True,
                weight_grams=800,
                product_attribute_ids=bad,
                variant_attribute_ids=[],
            )
    with pytest.raises(ValidationError) as refused:
        product_type_save(
            actor=SYSTEM,
            name="Khác",
            slug=None,
            is_shipping_required=True,
            weight_grams=-1,
            product_attribute_ids=[],
            variant_attribute_ids=[],
        )
    assert code(refused.value, "weight_grams") == "OUT_OF_RANGE"
    assert product_type.attribute_products.count() == 2 and ProductType.objects.count() == 1
    product_type_save(
        actor=SYSTEM,
        product_type=product_type,
        name="Gốm sứ",
        slug=None,
        is_shipping_required=False,
        weight_grams=0,
        product_attribute_ids=[note.pk],
        variant_attribute_ids=[],
    )
    assert list(product_type.attribute_products.values_list("attribute_id", flat=True)) == [note.pk]
    assert not product_type.attribute_variants.exists()


def test_attribute_choices():
    glaze = attribute_save(
        actor=SYSTEM, name="Men", slug=None, input_type="DROPDOWN", new_choices=["Men lam"]
    )
    attribute_save(
        actor=SYSTEM, attribute=glaze, name="Men gốm", slug=None, new_choices=["Men rạn", "men lam"]
    )
    assert list(glaze.values.order_by("sort_order").values_list("name", flat=True)) == ["Men lam", "Men rạn"]
    note = attribute_save(actor=SYSTEM, name="Ghi chú", slug=None, input_type="PLAIN_TEXT")
    with pytest.raises(ValidationError) as refused:
        attribute_save(actor=SYSTEM, attribute=note, name="Ghi chú", slug=None, new_choices=["x"])
    assert code(refused.value, "choices") == "INVALID"
    for kind in ("FILE", "NOPE", None):
        with pytest.raises(ValidationError) as refused:
            attribute_save(actor=SYSTEM, name="Tệp", slug=None, input_type=kind)
        assert code(refused.value, "input_type") == "INVALID"
    with pytest.raises(ValidationError) as refused:
        attribute_save(actor=SYSTEM, name="Men", slug=None, input_type="DROPDOWN", new_choices=["!!!"])
    assert code(refused.value, "choices") == "INVALID"
    assert AttributeValue.objects.count() == 2
