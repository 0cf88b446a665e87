"""Content for the API tests: the storefront's own page types (homepage copy with plain
text, boolean, number, file and a featured collection), a story page type, pages in every
state, and a navbar with three levels."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    AttributeValueTranslation,
    Category,
    Collection,
)
from marketplace.content.models import (
    AssignedPageAttributeValue,
    AttributePage,
    Menu,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    PageType,
)
from tests.conftest import ApiClient, client_for, grant
from tests.factories import CategoryFactory, CollectionFactory, published_collection


def page_attribute(slug: str, name: str, input_type: str, **fields) -> Attribute:
    return Attribute.objects.create(slug=slug, name=name, type="PAGE_TYPE", input_type=input_type, **fields)


def assign(page: Page, attribute: Attribute, **fields) -> AttributeValue:
    slug = fields.pop("slug", f"page-{page.pk}-{attribute.pk}")
    value = AttributeValue.objects.create(
        attribute=attribute, slug=slug, name=fields.pop("name", slug), **fields
    )
    AssignedPageAttributeValue.objects.create(page=page, value=value)
    return value


@dataclass
class Content:
    homepage_type: PageType
    story_type: PageType
    homepage: Page
    story: Page
    draft: Page
    scheduled: Page
    featured: Collection
    hidden_collection: Collection
    category: Category
    navbar: Menu
    heading: Attribute


@pytest.fixture
def content(seeded_channels) -> Content:
    homepage_type = PageType.objects.create(name="Storefront — Homepage", slug="storefront-homepage")
    heading = page_attribute("hero-heading", "Hero heading", "PLAIN_TEXT")
    dismissible = page_attribute("announcement-dismissible", "Dismissible", "BOOLEAN")
    limit = page_attribute("featured-limit", "Featured limit", "NUMERIC")
    image = page_attribute("hero-image", "Hero image", "FILE")
    featured_attr = page_attribute(
        "featured-collection", "Featured collection", "SINGLE_REFERENCE", entity_type="COLLECTION"
    )
    secret = page_attribute("internal-note", "Internal note", "PLAIN_TEXT", visible_in_storefront=False)
    for order, attribute in enumerate([heading, dismissible, limit, image, featured_attr, secret]):
        AttributePage.objects.create(page_type=homepage_type, attribute=attribute, sort_order=order)

    featured = published_collection(name="Quà Tết", slug="qua-tet")
    hidden_collection = CollectionFactory(name="Nháp", slug="bo-suu-tap-nhap")
    homepage = Page.objects.create(
        page_type=homepage_type, title="Trang chủ", slug="storefront-homepage", is_published=True
    )
    text = assign(homepage, heading, plain_text="Tinh hoa làng nghề", name="Tinh hoa làng nghề")
    AttributeValueTranslation.objects.create(
        attribute_value=text, language_code="en", plain_text="The best of the craft villages"
    )
    true = AttributeValue.objects.create(attribute=dismissible, slug="true", name="Có", boolean=True)
    AssignedPageAttributeValue.objects.create(page=homepage, value=true)
    assign(homepage, limit, numeric=8, name="8")
    assign(homepage, image, file_url="https://cdn.langnghe.vn/hero.webp", content_type="image/webp")
    assign(homepage, featured_attr, reference_collection=featured, name=featured.name)
    assign(homepage, secret, plain_text="chỉ nội bộ")

    story_type = PageType.objects.create(name="Câu chuyện", slug="cau-chuyen")
    story = Page.objects.create(
        page_type=story_type,
        title="Làng gốm Bát Tràng",
        slug="lang-gom-bat-trang",
        content={"blocks": [{"type": "paragraph", "data": {"text": "Năm thế kỷ làm gốm."}}]},
        seo_title="Bát Tràng",
        is_published=True,
    )
    PageTranslation.objects.create(
        page=story,
        language_code="en",
        title="Bat Trang pottery village",
        slug="bat-trang-pottery-village",
        content={"blocks": [{"type": "paragraph", "data": {"text": "Five centuries of pottery."}}]},
    )
    draft = Page.objects.create(page_type=story_type, title="Bản nháp", slug="ban-nhap", is_published=False)
    scheduled = Page.objects.create(
        page_type=story_type,
        title="Sắp ra mắt",
        slug="sap-ra-mat",
        is_published=True,
        published_at=timezone.now() + timedelta(days=3),
    )
    category = CategoryFactory(name="Gốm sứ", slug="gom-su")

    navbar = Menu.objects.create(name="Thanh điều hướng", slug="navbar")
    top = MenuItem.objects.create(menu=navbar, name="Gốm sứ", category=category, sort_order=0)  # type: ignore[misc]
    MenuItemTranslation.objects.create(menu_item=top, language_code="en", name="Ceramics")
    child = MenuItem.objects.create(menu=navbar, parent=top, level=1, name="Câu chuyện", page=story)
    MenuItem.objects.create(menu=navbar, parent=child, level=2, name="Bản nháp", page=draft)
    MenuItem.objects.create(menu=navbar, name="Quà Tết", collection=featured, sort_order=1)
    MenuItem.objects.create(menu=navbar, name="Nháp", collection=hidden_collection, sort_order=2)  # type: ignore[misc]
    MenuItem.objects.create(menu=navbar, name="Hà Nội", url="https://hanoi.gov.vn/", sort_order=3)
    return Content(
        homepage_type,
        story_type,
        homepage,
        story,
        draft,
        scheduled,
        featured,
        hidden_collection,  # type: ignore[arg-type]
        category,  # type: ignore[arg-type]
        navbar,
        heading,
    )


def staff_with(email: str, *permissions: PermissionEnum) -> User:
    user = User.objects.create_user(email, "x", is_staff=True)
    grant(user, *permissions)
    return user


@pytest.fixture
def parties(customer_user, vendor_member, staff_user):
    """Every kind of caller; the allowed ones hold MANAGE_PAGES or MANAGE_MENUS."""
    return {
        "anonymous": ApiClient(),
        "customer": client_for(customer_user),
        "vendor member": client_for(vendor_member),
        "staff without the permission": client_for(staff_user),
        "pages staff": client_for(staff_with("trang@langnghe.vn", PermissionEnum.MANAGE_PAGES)),
        "menus staff": client_for(staff_with("menu@langnghe.vn", PermissionEnum.MANAGE_MENUS)),
    }
