"""The demo's storefront content as data: the stories of the Design Centre and of the craft
villages (pages, Vietnamese with English translations and English slugs), the storefront's
editable copy (Saleor storefront "Storefront — Homepage/Chrome" page types, read when the
storefront runs with ``CONTENT_PROVIDER=saleor``), and the navbar and footer menus.

Facts come from ``places_data.py`` and the domain notes (plan 297/KH-UBND, the Hanoi
Museum pilot); nothing here claims more than they do.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageAttributeSeed:
    slug: str
    name: str
    input_type: str
    entity_type: str = ""


@dataclass(frozen=True)
class PageTypeSeed:
    slug: str
    name: str
    attributes: tuple[str, ...]


@dataclass(frozen=True)
class PageSeed:
    slug: str
    page_type: str
    title: str
    title_en: str
    slug_en: str
    paragraphs: tuple[str, ...]
    paragraphs_en: tuple[str, ...]
    # Attribute slug -> value: text as (vi, en), a number, a boolean, or ("category"|"collection", slug).
    attributes: dict[str, object] = field(default_factory=dict)


PAGE_ATTRIBUTES: tuple[PageAttributeSeed, ...] = (
    # Stories
    PageAttributeSeed("tom-tat", "Tóm tắt", "PLAIN_TEXT"),
    PageAttributeSeed("danh-muc-lang-nghe", "Danh mục của làng", "SINGLE_REFERENCE", "CATEGORY"),
    # The storefront's copy (slugs fixed by Saleor's storefront, src/lib/content/attribute-slugs.ts)
    PageAttributeSeed("hero-eyebrow", "Hero eyebrow", "PLAIN_TEXT"),
    PageAttributeSeed("hero-heading", "Hero heading", "PLAIN_TEXT"),
    PageAttributeSeed("hero-subheading", "Hero subheading", "PLAIN_TEXT"),
    PageAttributeSeed("hero-cta-label", "Hero CTA label", "PLAIN_TEXT"),
    PageAttributeSeed("featured-heading", "Featured heading", "PLAIN_TEXT"),
    PageAttributeSeed("featured-collection", "Featured collection", "SINGLE_REFERENCE", "COLLECTION"),
    PageAttributeSeed("featured-limit", "Featured limit", "NUMERIC"),
    PageAttributeSeed("categories-heading", "Categories heading", "PLAIN_TEXT"),
    PageAttributeSeed("brand-story-heading", "Brand story heading", "PLAIN_TEXT"),
    PageAttributeSeed("brand-story-paragraph-1", "Brand story paragraph 1", "PLAIN_TEXT"),
    PageAttributeSeed("brand-story-paragraph-2", "Brand story paragraph 2", "PLAIN_TEXT"),
    PageAttributeSeed("announcement-id", "Announcement ID", "PLAIN_TEXT"),
    PageAttributeSeed("announcement-message", "Announcement message", "PLAIN_TEXT"),
    PageAttributeSeed("announcement-dismissible", "Announcement dismissible", "BOOLEAN"),
    PageAttributeSeed("nav-all-products-label", "Nav all products label", "PLAIN_TEXT"),
)

PAGE_TYPES: tuple[PageTypeSeed, ...] = (
    PageTypeSeed("cau-chuyen-lang-nghe", "Câu chuyện làng nghề", ("tom-tat", "danh-muc-lang-nghe")),
    PageTypeSeed(
        "storefront-homepage",
        "Storefront — Homepage",
        (
            "hero-eyebrow",
            "hero-heading",
            "hero-subheading",
            "hero-cta-label",
            "featured-heading",
            "featured-collection",
            "featured-limit",
            "categories-heading",
            "brand-story-heading",
            "brand-story-paragraph-1",
            "brand-story-paragraph-2",
        ),
    ),
    PageTypeSeed(
        "storefront-chrome",
        "Storefront — Chrome",
        ("announcement-id", "announcement-message", "announcement-dismissible", "nav-all-products-label"),
    ),
)

STORY = "cau-chuyen-lang-nghe"

PAGES: tuple[PageSeed, ...] = (
    PageSeed(
        "trung-tam-thiet-ke-sang-tao-ha-noi",
        STORY,
        "Trung tâm Thiết kế Sáng tạo Hà Nội",
        "The Hanoi Creative Design Centre",
        "hanoi-creative-design-centre",
        (
            "Theo kế hoạch 297/KH-UBND, Hà Nội lập các Trung tâm Thiết kế Sáng tạo để giới thiệu, quảng "
            "bá và bán sản phẩm OCOP và sản phẩm làng nghề gắn với du lịch.",
            "Trung tâm đầu tiên được thí điểm tại Bảo tàng Hà Nội, đường Phạm Hùng. Các nhà tuyển chọn của "
            "Trung tâm duyệt từng sản phẩm trước khi đưa vào kênh trưng bày; du khách có thể nhận hàng "
            "đặt trực tuyến ngay tại đây.",
        ),
        (
            "Under plan 297/KH-UBND, Hanoi sets up Creative Design Centres to introduce, promote and sell "
            "OCOP and craft-village products linked to tourism.",
            "The first centre was piloted at the Hanoi Museum on Pham Hung street. Its curators review "
            "every product before it joins the showcase channel, and visitors can collect their online "
            "orders there.",
        ),
        {
            "tom-tat": (
                "Nơi tuyển chọn và trưng bày sản phẩm làng nghề Hà Nội.",
                "Where Hanoi's craft products are curated and shown.",
            )
        },
    ),
    PageSeed(
        "lang-gom-bat-trang",
        STORY,
        "Làng gốm Bát Tràng",
        "Bat Trang pottery village",
        "bat-trang-pottery-village",
        (
            "Bát Tràng, nay thuộc xã Bát Tràng (trước năm 2025 là huyện Gia Lâm), là làng gốm nổi tiếng "
            "nhất quanh Hà Nội, với men lam, men rạn và men ngọc nung trong lò làng.",
            "Khách có thể tự tay chuốt gốm trên bàn xoay ở nhiều xưởng trong làng.",
        ),
        (
            "Bat Trang, now Bat Trang commune (before 2025 in Gia Lam district), is the best-known pottery "
            "village around Hanoi, with blue, crackle and celadon glazes fired in village kilns.",
            "Many workshops let visitors throw their own piece on the wheel.",
        ),
        {
            "tom-tat": (
                "Gốm men lam, men rạn và lớp học làm gốm.",
                "Blue and crackle glazes, and pottery classes.",
            ),
            "danh-muc-lang-nghe": ("category", "gom-su"),
        },
    ),
    PageSeed(
        "lang-lua-van-phuc",
        STORY,
        "Làng lụa Vạn Phúc",
        "Van Phuc silk village",
        "van-phuc-silk-village",
        (
            "Vạn Phúc, ở phường Hà Đông, dệt lụa tơ tằm. Dọc phố làng là các cửa hàng lụa và tiệm may áo "
            "dài đo theo số đo của khách.",
        ),
        (
            "Van Phuc, in Ha Dong ward, weaves mulberry silk. The village street is lined with silk shops "
            "and tailors who make ao dai to measure.",
        ),
        {
            "tom-tat": ("Lụa tơ tằm và áo dài may đo.", "Mulberry silk and made-to-measure ao dai."),
            "danh-muc-lang-nghe": ("category", "lua-va-vai"),
        },
    ),
    PageSeed(
        "lang-non-chuong",
        STORY,
        "Làng nón Chuông",
        "Chuong conical hat village",
        "chuong-conical-hat-village",
        (
            "Làng Chuông ở xã Thanh Oai làm nón lá. Chợ Chuông họp vào các ngày âm lịch 4, 10, 14, 20, 24 "
            "và 30.",
        ),
        (
            "Chuong village, in Thanh Oai commune, makes palm-leaf conical hats. Chuong market is held on "
            "lunar days 4, 10, 14, 20, 24 and 30.",
        ),
        {
            "tom-tat": ("Nón lá và phiên chợ Chuông.", "Conical hats and the Chuong market."),
            "danh-muc-lang-nghe": ("category", "non-la"),
        },
    ),
    PageSeed(
        "lang-son-mai-ha-thai",
        STORY,
        "Làng sơn mài Hạ Thái",
        "Ha Thai lacquer village",
        "ha-thai-lacquer-village",
        (
            "Hạ Thái làm sơn mài bằng sơn ta, phủ và mài tay nhiều lớp. Làng là một điểm dừng trên tuyến "
            "Con đường di sản Nam Thăng Long.",
        ),
        (
            "Ha Thai makes lacquerware with traditional lacquer, applied and polished by hand in many "
            "layers. The village is a stop on the Southern Thang Long heritage route.",
        ),
        {
            "tom-tat": ("Sơn ta mài tay nhiều lớp.", "Traditional lacquer polished by hand."),
            "danh-muc-lang-nghe": ("category", "son-mai"),
        },
    ),
    PageSeed(
        "lang-huong-quang-phu-cau",
        STORY,
        "Làng hương Quảng Phú Cầu",
        "Quang Phu Cau incense village",
        "quang-phu-cau-incense-village",
        (
            "Quảng Phú Cầu, nay thuộc xã Ứng Thiên, làm tăm hương và hương. Làng nằm trên tuyến "
            "'Con đường di sản Nam Thăng Long – Điểm về nguồn cội' mở năm 2024.",
        ),
        (
            "Quang Phu Cau, now in Ung Thien commune, makes incense sticks. The village is on the route "
            "'Southern Thang Long heritage road – back to the roots' opened in 2024.",
        ),
        {
            "tom-tat": ("Tăm hương và những sân phơi hương đỏ rực.", "Incense sticks drying in red yards."),
            "danh-muc-lang-nghe": ("category", "huong-tram"),
        },
    ),
    PageSeed(
        "storefront-homepage",
        "storefront-homepage",
        "Trang chủ",
        "Homepage",
        "homepage",
        (),
        (),
        {
            "hero-eyebrow": ("Làng Nghề Market", "Làng Nghề Market"),
            "hero-heading": ("Tinh hoa làng nghề Hà Nội", "The crafts of Hanoi's villages"),
            "hero-subheading": (
                "Gốm Bát Tràng, lụa Vạn Phúc, nón Chuông, sơn mài Hạ Thái – mua thẳng từ các xưởng nghề.",
                "Bat Trang pottery, Van Phuc silk, Chuong hats, Ha Thai lacquer – "
                "straight from the workshops.",
            ),
            "hero-cta-label": ("Xem sản phẩm", "Shop all"),
            "featured-heading": ("Quà tặng Tết", "Tết gifts"),
            "featured-collection": ("collection", "qua-tang-tet"),
            "featured-limit": 8,
            "categories-heading": ("Mua theo nghề", "Shop by craft"),
            "brand-story-heading": ("Trung tâm Thiết kế Sáng tạo Hà Nội", "The Hanoi Creative Design Centre"),
            "brand-story-paragraph-1": (
                "Trung tâm, thí điểm tại Bảo tàng Hà Nội, giới thiệu và bán sản phẩm OCOP và làng nghề gắn "
                "với du lịch.",
                "Piloted at the Hanoi Museum, the Centre introduces and sells OCOP and craft-village "
                "products linked to tourism.",
            ),
            "brand-story-paragraph-2": (
                "Đặt hàng trực tuyến, nhận tại xưởng nghề hoặc tại Trung tâm trên đường tham quan làng nghề.",
                "Order online and collect at the workshop or at the Centre along your craft-village trip.",
            ),
        },
    ),
    PageSeed(
        "storefront-chrome",
        "storefront-chrome",
        "Khung trang",
        "Site chrome",
        "site-chrome",
        (),
        (),
        {
            "announcement-id": ("giao-hang-2026", "giao-hang-2026"),
            "announcement-message": (
                "Nhận hàng tại Trung tâm Thiết kế Sáng tạo, Bảo tàng Hà Nội",
                "Collect your order at the Creative Design Centre, Hanoi Museum",
            ),
            "announcement-dismissible": True,
            "nav-all-products-label": ("Tất cả", "All"),
        },
    ),
)


@dataclass(frozen=True)
class MenuItemSeed:
    name: str
    name_en: str
    # What it links to: ("category" | "collection" | "page", slug), ("url", URL) or None (a heading).
    link: tuple[str, str] | None = None
    children: tuple["MenuItemSeed", ...] = ()


def _category(name: str, name_en: str, slug: str, *children: MenuItemSeed) -> MenuItemSeed:
    return MenuItemSeed(name, name_en, ("category", slug), children)


def _page(name: str, name_en: str, slug: str) -> MenuItemSeed:
    return MenuItemSeed(name, name_en, ("page", slug))


_STORIES = (
    _page("Làng gốm Bát Tràng", "Bat Trang pottery", "lang-gom-bat-trang"),
    _page("Làng lụa Vạn Phúc", "Van Phuc silk", "lang-lua-van-phuc"),
    _page("Làng nón Chuông", "Chuong hats", "lang-non-chuong"),
    _page("Làng sơn mài Hạ Thái", "Ha Thai lacquer", "lang-son-mai-ha-thai"),
    _page("Làng hương Quảng Phú Cầu", "Quang Phu Cau incense", "lang-huong-quang-phu-cau"),
)

MENUS: dict[str, tuple[str, tuple[MenuItemSeed, ...]]] = {
    "navbar": (
        "Thanh điều hướng",
        (
            _category(
                "Gốm sứ",
                "Ceramics",
                "gom-su",
                _category("Bình hoa", "Vases", "binh-hoa"),
                _category("Bát đĩa", "Bowls and plates", "bat-dia"),
                _category("Ấm chén", "Tea sets", "am-chen"),
            ),
            _category(
                "Lụa và vải",
                "Silk and textiles",
                "lua-va-vai",
                _category("Khăn lụa", "Silk scarves", "khan-lua"),
                _category("Áo dài và may đo", "Ao dai and tailoring", "ao-dai-va-may-do"),
            ),
            _category("Sơn mài", "Lacquerware", "son-mai"),
            _category("Nón lá", "Conical hats", "non-la"),
            MenuItemSeed("Quà tặng Tết", "Tết gifts", ("collection", "qua-tang-tet")),
            MenuItemSeed(
                "Câu chuyện làng nghề",
                "Village stories",
                ("page", "trung-tam-thiet-ke-sang-tao-ha-noi"),
                _STORIES,
            ),
        ),
    ),
    "footer": (
        "Chân trang",
        (
            MenuItemSeed(
                "Làng Nghề Market",
                "Làng Nghề Market",
                None,
                (
                    _page(
                        "Trung tâm Thiết kế Sáng tạo",
                        "Creative Design Centre",
                        "trung-tam-thiet-ke-sang-tao-ha-noi",
                    ),
                    MenuItemSeed(
                        "Sản phẩm OCOP 4 sao", "4-star OCOP products", ("collection", "san-pham-ocop-4-sao")
                    ),
                    MenuItemSeed("OCOP Việt Nam", "OCOP Vietnam", ("url", "https://ocopvietnam.gov.vn/")),
                ),
            ),
            MenuItemSeed("Câu chuyện làng nghề", "Village stories", None, _STORIES),
            MenuItemSeed(
                "Mua sắm",
                "Shop",
                None,
                (
                    _category("Gốm sứ", "Ceramics", "gom-su"),
                    _category("Lụa và vải", "Silk and textiles", "lua-va-vai"),
                    _category("Mây tre đan", "Rattan and bamboo", "may-tre-dan"),
                    _category("Thực phẩm OCOP", "OCOP food and drinks", "thuc-pham-va-do-uong-ocop"),
                ),
            ),
        ),
    ),
}

# Products flagged "bestseller" (the storefront's badge): the best rated of each category.
BESTSELLERS_PER_CATEGORY = 2
