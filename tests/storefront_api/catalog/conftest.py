"""A small but complete catalogue: category tree, attributes, variants, media,
translations and collections, enough for every catalogue contract operation."""

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
    Category,
    CategoryTranslation,
    Collection,
    CollectionTranslation,
    Product,
    ProductMedia,
    ProductTranslation,
)
from marketplace.catalog.search import update_product_search_documents
from tests.factories import (
    CategoryFactory,
    CraftVillageFactory,
    ProductTypeFactory,
    VendorFactory,
    listed_product,
    published_collection,
)
from tests.images import image_bytes


@dataclass
class Catalogue:
    root: Category
    child: Category
    vase: Product
    bowl: Product
    collection: Collection
    media: ProductMedia


@pytest.fixture
def catalogue(seeded_channels) -> Catalogue:
    root = CategoryFactory(
        name="Gốm sứ", slug="gom-su", description={"blocks": [{"type": "paragraph", "data": {"text": "Gốm"}}]}
    )
    child = CategoryFactory(name="Bình hoa", slug="binh-hoa", parent=root, level=1)
    CategoryTranslation.objects.create(category=root, language_code="en", name="Ceramics")  # type: ignore[misc]
    village = CraftVillageFactory(name="Bát Tràng", slug="bat-trang")
    vendor = VendorFactory(name="Gốm Minh", slug="gom-minh", village=village)

    product_type = ProductTypeFactory(name="Bình gốm", slug="binh-gom", has_variants=True)
    material = Attribute.objects.create(slug="chat-lieu", name="Chất liệu")
    size = Attribute.objects.create(slug="kich-thuoc", name="Kích thước")
    glaze = Attribute.objects.create(slug="men", name="Men")
    AttributeProduct.objects.create(product_type=product_type, attribute=material)  # type: ignore[misc]
    AttributeVariant.objects.create(product_type=product_type, attribute=size, variant_selection=True)  # type: ignore[misc]
    AttributeVariant.objects.create(product_type=product_type, attribute=glaze, variant_selection=False)  # type: ignore[misc]
    clay = AttributeValue.objects.create(attribute=material, name="Đất sét trắng", slug="dat-set-trang")
    small = AttributeValue.objects.create(attribute=size, name="Nhỏ", slug="nho")
    large = AttributeValue.objects.create(attribute=size, name="Lớn", slug="lon")
    blue = AttributeValue.objects.create(attribute=glaze, name="Men lam", slug="men-lam")

    vase = listed_product(
        name="Bình gốm men lam",
        slug="binh-gom-men-lam",
        category=child,
        vendor=vendor,
        product_type=product_type,
        prices=(350_000, 650_000),
        seo_title="Bình gốm",
    )
    bowl = listed_product(
        name="Bát ăn cơm", slug="bat-an-com", category=root, vendor=vendor, prices=(45_000,)
    )
    ProductTranslation.objects.create(
        product=vase, language_code="en", name="Blue-glazed vase", description={"blocks": []}
    )
    AssignedProductAttributeValue.objects.create(product=vase, value=clay)
    first, second = vase.variants.order_by("sku")
    AssignedVariantAttributeValue.objects.create(variant=first, value=small)
    AssignedVariantAttributeValue.objects.create(variant=first, value=blue)
    AssignedVariantAttributeValue.objects.create(variant=second, value=large)
    media = ProductMedia.objects.create(product=vase, alt="Bình gốm men lam")
    media.image.save("vase.jpg", ContentFile(image_bytes(size=(1200, 900), format="JPEG")), save=True)
    media.variants.add(first)
    update_product_search_documents([vase.pk, bowl.pk])

    collection = published_collection(bowl, vase, name="Quà Tết", slug="qua-tet")
    CollectionTranslation.objects.create(collection=collection, language_code="en", name="Tet gifts")
    collection.background_image.save(
        "tet.png", ContentFile(image_bytes(size=(600, 300), format="PNG")), save=True
    )
    return Catalogue(root=root, child=child, vase=vase, bowl=bowl, collection=collection, media=media)  # type: ignore[arg-type]
