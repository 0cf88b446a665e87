"""Craft villages, tourism routes and the Design Centre for the demo data.

Copied from ``shared/domain/villages.json`` and ``shared/domain/routes.json`` (facts from
public Vietnamese sources) so that seeding needs nothing outside this repository.
``craft`` keys point at the top-level category of ``catalog_data.CATEGORY_TREE``.
Postal codes are plausible values inside Hanoi's 10000–14999 range, not verified per
commune.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class VillageSeed:
    slug: str
    name: str
    name_en: str
    craft: str
    craft_en: str
    commune: str  # the commune/ward after the 1 July 2025 reform
    legacy_district: str  # the abolished district, kept for reference
    lat: float | None
    lon: float | None
    notes: str
    craft_key: str  # top-level category slug of the village's craft
    postal_code: str


VILLAGES: tuple[VillageSeed, ...] = (
    VillageSeed(
        "bat-trang",
        "Bát Tràng",
        "Bat Trang",
        "Gốm sứ",
        "Ceramics and pottery",
        "xã Bát Tràng",
        "Gia Lâm",
        20.983,
        105.917,
        "Wheel-throwing workshops for visitors (about 30-60k VND per piece). Member of the "
        "World Crafts Council network of creative craft cities.",
        "gom-su",
        "12406",
    ),
    VillageSeed(
        "van-phuc",
        "Vạn Phúc",
        "Van Phuc",
        "Dệt lụa",
        "Silk weaving",
        "phường Hà Đông",
        "Hà Đông",
        None,
        None,
        "Silk shops and made-to-measure ao dai.",
        "lua-va-vai",
        "12111",
    ),
    VillageSeed(
        "chuong",
        "Làng Chuông",
        "Chuong village",
        "Nón lá",
        "Conical hats",
        "xã Thanh Oai",
        "Thanh Oai",
        20.8291,
        105.7612,
        "Chuông market on lunar days 4, 10, 14, 20, 24, 30.",
        "non-la",
        "12711",
    ),
    VillageSeed(
        "quang-phu-cau",
        "Quảng Phú Cầu",
        "Quang Phu Cau",
        "Tăm hương",
        "Incense sticks",
        "xã Ứng Thiên",
        "Ứng Hòa",
        None,
        None,
        "Stop on the 2024 route 'Con đường di sản Nam Thăng Long – Điểm về nguồn cội'.",
        "huong-tram",
        "14611",
    ),
    VillageSeed(
        "phu-vinh",
        "Phú Vinh",
        "Phu Vinh",
        "Mây tre đan",
        "Rattan and bamboo weaving",
        "xã Phú Nghĩa",
        "Chương Mỹ",
        None,
        None,
        "",
        "may-tre-dan",
        "13311",
    ),
    VillageSeed(
        "chuon-ngo",
        "Chuôn Ngọ",
        "Chuon Ngo",
        "Khảm trai",
        "Mother-of-pearl inlay",
        "xã Chuyên Mỹ",
        "Phú Xuyên",
        None,
        None,
        "",
        "son-mai",
        "14411",
    ),
    VillageSeed(
        "xuan-la",
        "Xuân La",
        "Xuan La",
        "Tò he",
        "Painted rice-dough figurines",
        "xã Phượng Dực",
        "Phú Xuyên",
        None,
        None,
        "",
        "do-choi-dan-gian",
        "14412",
    ),
    VillageSeed(
        "son-dong",
        "Sơn Đồng",
        "Son Dong",
        "Tượng gỗ, đồ thờ",
        "Wood carving and worship objects",
        "xã Sơn Đồng",
        "Hoài Đức",
        21.0365,
        105.6956,
        "",
        "tuong-go-va-do-tho",
        "13211",
    ),
    VillageSeed(
        "quat-dong",
        "Quất Động",
        "Quat Dong",
        "Thêu tay",
        "Hand embroidery",
        "xã Thượng Phúc",
        "Thường Tín",
        20.8383,
        105.874,
        "",
        "theu-tay",
        "12811",
    ),
    VillageSeed(
        "ha-thai",
        "Hạ Thái",
        "Ha Thai",
        "Sơn mài",
        "Lacquerware",
        "xã Hồng Vân",
        "Thường Tín",
        None,
        None,
        "Commune after 2025 inferred from the 2025 route that lists Hồng Vân. OCOP lacquer products exist.",
        "son-mai",
        "12812",
    ),
    VillageSeed(
        "kieu-ky",
        "Kiêu Kỵ",
        "Kieu Ky",
        "Quỳ vàng, quỳ bạc",
        "Gold and silver leaf",
        "xã Gia Lâm",
        "Gia Lâm",
        20.98,
        105.9486,
        "National intangible heritage (2021).",
        "quy-vang-bac-va-duc-dong",
        "12407",
    ),
    VillageSeed(
        "ngu-xa",
        "Ngũ Xã",
        "Ngu Xa",
        "Đúc đồng",
        "Bronze casting",
        "phường Ba Đình",
        "Ba Đình",
        None,
        None,
        "",
        "quy-vang-bac-va-duc-dong",
        "11106",
    ),
    VillageSeed(
        "thach-xa",
        "Thạch Xá",
        "Thach Xa",
        "Chuồn chuồn tre",
        "Bamboo dragonflies",
        "xã Tây Phương",
        "Thạch Thất",
        None,
        None,
        "",
        "do-choi-dan-gian",
        "13511",
    ),
    VillageSeed(
        "phung-xa",
        "Phùng Xá",
        "Phung Xa",
        "Dệt lụa, tơ sen",
        "Silk and lotus-fibre weaving",
        "xã Hồng Sơn",
        "Mỹ Đức",
        None,
        None,
        "Stop on the 2024 route.",
        "lua-va-vai",
        "14711",
    ),
    VillageSeed(
        "phuc-am",
        "Phúc Am",
        "Phuc Am",
        "Vàng mã",
        "Votive paper offerings",
        "xã Hồng Vân",
        "Thường Tín",
        None,
        None,
        "Commune inferred.",
        "vang-ma-va-do-le",
        "12813",
    ),
    VillageSeed(
        "da-sy",
        "Đa Sỹ",
        "Da Sy",
        "Rèn dao kéo",
        "Knife and scissor forging",
        "phường Kiến Hưng",
        "Hà Đông",
        None,
        None,
        "",
        "dao-keo-ren-thu-cong",
        "12112",
    ),
    VillageSeed(
        "lang-cuu",
        "Làng Cựu",
        "Cuu village",
        "May comple",
        "Bespoke suit tailoring",
        "xã Chuyên Mỹ",
        "Phú Xuyên",
        None,
        None,
        "Euro-Asian old houses; stop on the 2025 route.",
        "lua-va-vai",
        "14413",
    ),
)


@dataclass(frozen=True)
class StopSeed:
    title: str
    village: str | None  # village slug, None when the stop is not a craft village
    activities: str
    visit_minutes: int


@dataclass(frozen=True)
class RouteSeed:
    slug: str
    name: str
    name_en: str
    launched: str  # ISO date
    description: str
    description_en: str
    distance_km: float | None
    duration_hours: float
    stops: tuple[StopSeed, ...]


ROUTES: tuple[RouteSeed, ...] = (
    RouteSeed(
        "nam-thang-long-ve-nguon-coi",
        "Con đường di sản Nam Thăng Long – Điểm về nguồn cội",
        "Southern Thang Long heritage road – back to the roots",
        "2024-04-12",
        "Hành trình một ngày qua đình làng, làng hương và làng lụa phía nam Hà Nội.",
        "A one-day trip through a communal temple, an incense village and a silk village south of Hanoi.",
        None,
        8.0,
        (
            StopSeed(
                "Đình Nội Bình Đà",
                None,
                "Guided talk, incense offering at the communal temple (relief carving "
                "recognised as a national treasure in 2015).",
                60,
            ),
            StopSeed(
                "Làng hương Quảng Phú Cầu",
                "quang-phu-cau",
                "Photos among incense 'flowers', how incense sticks are made, local food.",
                120,
            ),
            StopSeed(
                "Làng lụa Phùng Xá",
                "phung-xa",
                "Mulberry planting, silkworm raising, silk reeling and weaving, lotus-silk making.",
                120,
            ),
        ),
    ),
    RouteSeed(
        "nam-thang-long-tinh-hoa-lang-nghe",
        "Con đường Di sản Nam Thăng Long – Tinh hoa làng nghề Việt",
        "Southern Thang Long heritage road – essence of Vietnamese craft villages",
        "2025-10-18",
        "Sơn mài Hạ Thái, vàng mã Phúc Am và những ngôi nhà Âu – Á của Làng Cựu.",
        "Ha Thai lacquer, Phuc Am votive paper and the Euro-Asian houses of Cuu village.",
        None,
        7.0,
        (
            StopSeed("Làng sơn mài Hạ Thái", "ha-thai", "Watch lacquer being made.", 90),
            StopSeed("Làng vàng mã Phúc Am", "phuc-am", "Folk beliefs and votive crafts.", 60),
            StopSeed("Làng Cựu", "lang-cuu", "Euro-Asian old houses and bespoke suit tailoring.", 90),
        ),
    ),
    RouteSeed(
        "dau-chan-lang-co-bat-trang",
        "Dấu chân làng cổ Bát Tràng",
        "Footsteps of the old village of Bat Trang (cycling, about 15 km)",
        "2022-04-29",
        "Đạp xe khoảng 15 km từ hồ Hoàn Kiếm qua phố cổ, cầu Long Biên tới làng gốm Bát Tràng.",
        "About 15 km by bicycle from Hoan Kiem Lake through the Old Quarter and over Long Bien "
        "bridge to the pottery village of Bat Trang.",
        15.0,
        5.0,
        (
            StopSeed("Tượng đài Quyết tử", None, "Start beside Hoàn Kiếm Lake.", 15),
            StopSeed("Chợ Đồng Xuân", None, "Through Hàng Ngang and Hàng Đào in the Old Quarter.", 30),
            StopSeed("Cầu Long Biên", None, "Cross the Red River and follow the Long Biên dyke.", 30),
            StopSeed("Làng gốm Bát Tràng", "bat-trang", "Village visit and hands-on pottery.", 150),
        ),
    ),
)

# The Hanoi Creative Design Centre, piloted at the Hanoi Museum (Phạm Hùng street); the
# museum's area belongs to Phường Từ Liêm since the 2025 reform (vn_admin_units.json).
DESIGN_CENTRE_WAREHOUSE = {
    "slug": "design-centre-hanoi-museum",
    "name": "Trung tâm Thiết kế Sáng tạo Hà Nội – Bảo tàng Hà Nội",
    "street": "Bảo tàng Hà Nội, đường Phạm Hùng",
    "ward": "Phường Từ Liêm",
    "postal_code": "12011",
    "phone": "+842462870000",
    "email": "designcentre@langnghe.vn",
    "opening_hours": "08:00–17:00, T3–CN",
}

PROVINCE = "Hà Nội"
PROVINCE_OFFICIAL = "Thành phố Hà Nội"  # Address.country_area
