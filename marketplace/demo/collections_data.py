"""The demo collections: two curated ones in the Design Centre showcase (one scheduled)
and two in the open marketplace. Members are chosen from the products published in the
collection's channel, filtered by category and village, in slug order."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class CollectionSeed:
    slug: str
    name: str
    name_en: str
    description: str
    description_en: str
    channel: str
    image_craft: str  # palette of the generated background
    published_at: datetime | None = None
    scheduled_days: int | None = None  # published this many days after seeding
    categories: tuple[str, ...] = ()
    villages: tuple[str, ...] = ()
    size: int = 12


COLLECTIONS: tuple[CollectionSeed, ...] = (
    CollectionSeed(
        "tinh-hoa-lang-nghe-ha-noi",
        "Tinh hoa làng nghề Hà Nội",
        "The best of Hanoi's craft villages",
        "Những sản phẩm tiêu biểu do Trung tâm Thiết kế Sáng tạo Hà Nội tuyển chọn từ các "
        "làng nghề quanh thủ đô.",
        "Signature pieces chosen by the Hanoi Creative Design Centre from the craft villages "
        "around the capital.",
        "design-centre",
        "son-mai",
        published_at=datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    ),
    CollectionSeed(
        "di-san-nam-thang-long",
        "Di sản Nam Thăng Long",
        "Southern Thang Long heritage",
        "Hương Quảng Phú Cầu, lụa Phùng Xá, sơn mài Hạ Thái, vàng mã Phúc Am và may đo làng "
        "Cựu – các làng nghề trên hai tuyến Con đường di sản Nam Thăng Long.",
        "Quang Phu Cau incense, Phung Xa silk, Ha Thai lacquer, Phuc Am paper crafts and Cuu "
        "village tailoring: the villages on the two Southern Thang Long heritage routes.",
        "design-centre",
        "huong-tram",
        scheduled_days=30,
        villages=("quang-phu-cau", "phung-xa", "ha-thai", "phuc-am", "lang-cuu"),
    ),
    CollectionSeed(
        "qua-tang-tet",
        "Quà tặng Tết",
        "Tết gifts",
        "Hộp sơn mài, khăn lụa, trà sen và bánh kẹo truyền thống để biếu Tết.",
        "Lacquer boxes, silk scarves, lotus tea and traditional sweets to give at Tết.",
        "default-channel",
        "vang-ma-va-do-le",
        published_at=datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        categories=("hop-va-khay-son-mai", "khan-lua", "tra-va-do-uong", "banh-keo-truyen-thong"),
        size=16,
    ),
    CollectionSeed(
        "san-pham-ocop-4-sao",
        "Sản phẩm OCOP 4 sao",
        "4-star OCOP products",
        "Sản phẩm của các chủ thể OCOP Hà Nội: trà, đặc sản, hương và sơn mài.",
        "Products from Hanoi OCOP producers: tea, specialities, incense and lacquer.",
        "default-channel",
        "thuc-pham-va-do-uong-ocop",
        published_at=datetime(2026, 2, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        categories=(
            "tra-va-do-uong",
            "dac-san-kho",
            "banh-keo-truyen-thong",
            "huong-nen",
            "huong-vong-va-tram",
            "tranh-son-mai",
        ),
        size=16,
    ),
)
