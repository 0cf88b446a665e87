"""The demo catalogue structure as data: the category tree, attributes and product types.

Slugs are ``slugify_vi(name)``. Product templates live in ``product_templates.py``.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CategorySeed:
    name: str
    name_en: str
    description: str
    description_en: str
    children: tuple["CategorySeed", ...] = field(default_factory=tuple)


def _leaf(name: str, name_en: str, description: str, description_en: str) -> CategorySeed:
    return CategorySeed(name, name_en, description, description_en)


CATEGORY_TREE: tuple[CategorySeed, ...] = (
    CategorySeed(
        "Gốm sứ",
        "Ceramics",
        "Gốm sứ Bát Tràng: men lam, men rạn, men ngọc và men hoa biến, nung ở lò làng.",
        "Bat Trang ceramics: blue, crackle, celadon and flambé glazes fired in village kilns.",
        (
            _leaf("Bình hoa", "Vases", "Bình, lọ hoa vẽ tay và đắp nổi.", "Hand-painted and relief vases."),
            _leaf(
                "Bát đĩa",
                "Bowls and plates",
                "Bát, đĩa, tô dùng hằng ngày và làm quà.",
                "Bowls and plates for every day and for gifts.",
            ),
            _leaf(
                "Ấm chén", "Tea sets", "Bộ ấm chén, ấm tích và chén tống.", "Teapots, tea cups and pitchers."
            ),
            _leaf(
                "Gốm trang trí",
                "Decorative ceramics",
                "Tượng, đèn và đồ trang trí nội thất bằng gốm.",
                "Ceramic figures, lamps and home decoration.",
            ),
        ),
    ),
    CategorySeed(
        "Lụa và vải",
        "Silk and textiles",
        "Lụa tơ tằm Vạn Phúc, tơ sen Phùng Xá và hàng may đo làng Cựu.",
        "Van Phuc mulberry silk, Phung Xa lotus silk and Cuu village tailoring.",
        (
            _leaf(
                "Khăn lụa",
                "Silk scarves",
                "Khăn choàng, khăn vuông lụa tơ tằm và tơ sen.",
                "Silk and lotus-fibre scarves.",
            ),
            _leaf(
                "Vải lụa tơ tằm",
                "Silk fabric",
                "Vải lụa bán theo mét và theo súc.",
                "Silk fabric by the metre and by the bolt.",
            ),
            _leaf(
                "Áo dài và may đo",
                "Ao dai and tailoring",
                "Áo dài, comple, áo vest và sơ mi may đo.",
                "Made-to-measure ao dai, suits, jackets and shirts.",
            ),
        ),
    ),
    CategorySeed(
        "Sơn mài",
        "Lacquerware",
        "Sơn ta nhiều lớp mài tay của Hạ Thái và khảm trai Chuôn Ngọ.",
        "Hand-polished traditional lacquer from Ha Thai and Chuon Ngo mother-of-pearl inlay.",
        (
            _leaf(
                "Tranh sơn mài",
                "Lacquer paintings",
                "Tranh sơn mài phong cảnh và tĩnh vật.",
                "Landscape and still-life lacquer paintings.",
            ),
            _leaf(
                "Hộp và khay sơn mài",
                "Lacquer boxes and trays",
                "Hộp trang sức, hộp chè, khay và bình sơn mài.",
                "Jewellery boxes, tea caddies, trays and vases in lacquer.",
            ),
            _leaf(
                "Khảm trai",
                "Mother-of-pearl inlay",
                "Tranh và đồ gỗ cẩn ốc, khảm trai.",
                "Pictures and wooden objects inlaid with mother-of-pearl.",
            ),
        ),
    ),
    CategorySeed(
        "Mây tre đan",
        "Rattan and bamboo",
        "Đồ mây, tre, cói đan tay của làng Phú Vinh.",
        "Hand-woven rattan, bamboo and sedge from Phu Vinh.",
        (
            _leaf(
                "Giỏ và làn",
                "Baskets",
                "Giỏ, làn đi chợ, giỏ quà và hộp đựng.",
                "Market baskets, gift baskets and storage boxes.",
            ),
            _leaf(
                "Đồ gia dụng mây tre",
                "Rattan homeware",
                "Khay, rổ, lót nồi và đồ bếp.",
                "Trays, colanders, trivets and kitchenware.",
            ),
            _leaf(
                "Đèn mây tre",
                "Bamboo lamps",
                "Chụp đèn và đèn thả đan tay.",
                "Hand-woven lampshades and pendant lamps.",
            ),
        ),
    ),
    CategorySeed(
        "Thêu tay",
        "Hand embroidery",
        "Tranh thêu chỉ tơ và đồ thêu tay làng Quất Động.",
        "Silk-thread embroidered pictures and textiles from Quat Dong.",
        (
            _leaf(
                "Tranh thêu",
                "Embroidered pictures",
                "Tranh thêu phong cảnh, hoa lá, chân dung.",
                "Embroidered landscapes, flowers and portraits.",
            ),
            _leaf(
                "Khăn và túi thêu",
                "Embroidered linen and bags",
                "Khăn trải bàn, vỏ gối và túi thêu tay.",
                "Hand-embroidered tablecloths, cushion covers and bags.",
            ),
        ),
    ),
    CategorySeed(
        "Hương trầm",
        "Incense",
        "Hương quế, hương trầm và hương thảo mộc làng Quảng Phú Cầu.",
        "Cinnamon, agarwood and herbal incense from Quang Phu Cau.",
        (
            _leaf(
                "Hương nén",
                "Incense sticks",
                "Hương nén, tăm hương các loại.",
                "Incense sticks of every kind.",
            ),
            _leaf(
                "Hương vòng và trầm",
                "Coil incense and agarwood",
                "Hương vòng, nụ trầm, trầm miếng.",
                "Coil incense, agarwood cones and chips.",
            ),
        ),
    ),
    CategorySeed(
        "Nón lá",
        "Conical hats",
        "Nón lá làng Chuông khâu tay bằng lá cọ non và vành tre.",
        "Chuong village conical hats, hand-stitched from young palm leaves on bamboo rims.",
        (
            _leaf(
                "Nón bài thơ",
                "Poem hats",
                "Nón lá kẹp tranh, thơ giữa hai lớp lá.",
                "Hats with poems and pictures between two layers of leaves.",
            ),
            _leaf(
                "Nón lá trang trí",
                "Decorative hats",
                "Nón lá vẽ tay, nón mini làm quà.",
                "Hand-painted hats and miniature hats for gifts.",
            ),
        ),
    ),
    CategorySeed(
        "Tượng gỗ và đồ thờ",
        "Wood carving and worship objects",
        "Tượng gỗ và đồ thờ sơn son thếp vàng làng Sơn Đồng.",
        "Red-lacquered and gilded statues and worship objects from Son Dong.",
        (
            _leaf(
                "Tượng gỗ",
                "Wooden statues",
                "Tượng Phật, tượng linh vật và tượng trang trí.",
                "Buddha statues, mascots and decorative figures.",
            ),
            _leaf(
                "Đồ thờ",
                "Worship objects",
                "Hoành phi, câu đối, ngai, kiệu và đèn thờ.",
                "Horizontal boards, parallel sentences, altars and lamps.",
            ),
        ),
    ),
    CategorySeed(
        "Quỳ vàng bạc và đúc đồng",
        "Gold leaf and bronze",
        "Quỳ vàng bạc Kiêu Kỵ và đồ đồng đúc Ngũ Xã.",
        "Kieu Ky gold and silver leaf and Ngu Xa cast bronze.",
        (
            _leaf(
                "Quỳ vàng bạc",
                "Gold and silver leaf",
                "Quỳ vàng, quỳ bạc và đồ dát vàng.",
                "Gold and silver leaf and gilded objects.",
            ),
            _leaf(
                "Đồ đồng",
                "Bronze ware",
                "Tượng đồng, lư hương, trống đồng thu nhỏ.",
                "Bronze statues, incense burners and miniature drums.",
            ),
        ),
    ),
    CategorySeed(
        "Đồ chơi dân gian",
        "Folk toys",
        "Tò he Xuân La và chuồn chuồn tre Thạch Xá.",
        "Xuan La rice-dough figurines and Thach Xa bamboo dragonflies.",
        (
            _leaf(
                "Tò he",
                "Rice-dough figurines",
                "Tò he nặn từ bột gạo, màu tự nhiên.",
                "Rice-dough figurines coloured with natural dyes.",
            ),
            _leaf(
                "Chuồn chuồn tre",
                "Bamboo dragonflies",
                "Chuồn chuồn tre thăng bằng, vẽ tay nhiều màu.",
                "Hand-painted balancing bamboo dragonflies.",
            ),
        ),
    ),
    CategorySeed(
        "Vàng mã và đồ lễ",
        "Votive paper and offerings",
        "Đồ lễ giấy, đèn lồng và mặt nạ giấy bồi làng Phúc Am.",
        "Paper offerings, lanterns and papier-mâché masks from Phuc Am.",
    ),
    CategorySeed(
        "Dao kéo rèn thủ công",
        "Hand-forged knives and scissors",
        "Dao, kéo rèn thép nhíp của làng Đa Sỹ.",
        "Knives and scissors forged from leaf-spring steel in Da Sy.",
    ),
    CategorySeed(
        "Thực phẩm và đồ uống OCOP",
        "OCOP food and drinks",
        "Đặc sản, trà và bánh kẹo của các chủ thể OCOP Hà Nội.",
        "Specialities, teas and sweets from Hanoi OCOP producers.",
        (
            _leaf(
                "Trà và đồ uống",
                "Tea and drinks",
                "Trà sen, trà hoa, mật ong.",
                "Lotus tea, flower teas, honey.",
            ),
            _leaf(
                "Đặc sản khô",
                "Dried specialities",
                "Gạo nếp, miến dong, măng khô.",
                "Glutinous rice, arrowroot noodles, dried bamboo shoots.",
            ),
            _leaf(
                "Bánh kẹo truyền thống",
                "Traditional sweets",
                "Kẹo lạc, chè lam, bánh cốm.",
                "Peanut brittle, che lam and green rice cakes.",
            ),
        ),
    ),
)


@dataclass(frozen=True)
class ValueSeed:
    slug: str
    name: str
    name_en: str
    value: str = ""  # swatch colour


@dataclass(frozen=True)
class AttributeSeed:
    slug: str
    name: str
    name_en: str
    input_type: str
    values: tuple[ValueSeed, ...]


ATTRIBUTES: tuple[AttributeSeed, ...] = (
    AttributeSeed(
        "chat-lieu",
        "Chất liệu",
        "Material",
        "DROPDOWN",
        (
            ValueSeed("gom-su", "Gốm sứ", "Ceramic"),
            ValueSeed("lua-to-tam", "Lụa tơ tằm", "Mulberry silk"),
            ValueSeed("to-sen", "Tơ sen", "Lotus fibre"),
            ValueSeed("vai-lanh", "Vải lanh", "Linen"),
            ValueSeed("len-da", "Len dạ", "Wool"),
            ValueSeed("la-non", "Lá nón", "Palm leaf"),
            ValueSeed("tre", "Tre", "Bamboo"),
            ValueSeed("may", "Mây", "Rattan"),
            ValueSeed("coi", "Cói", "Sedge"),
            ValueSeed("go-mit", "Gỗ mít", "Jackfruit wood"),
            ValueSeed("go-vang-tam", "Gỗ vàng tâm", "Vang tam wood"),
            ValueSeed("son-ta", "Sơn ta", "Traditional lacquer"),
            ValueSeed("vo-trai", "Vỏ trai", "Mother-of-pearl"),
            ValueSeed("chi-to", "Chỉ tơ", "Silk thread"),
            ValueSeed("tram-huong", "Trầm hương", "Agarwood"),
            ValueSeed("que", "Quế", "Cinnamon"),
            ValueSeed("bot-gao-nep", "Bột gạo nếp", "Glutinous rice dough"),
            ValueSeed("dong", "Đồng", "Bronze"),
            ValueSeed("vang-la", "Vàng lá", "Gold leaf"),
            ValueSeed("bac-la", "Bạc lá", "Silver leaf"),
            ValueSeed("giay-do", "Giấy dó", "Dó paper"),
            ValueSeed("giay-mau", "Giấy màu", "Coloured paper"),
            ValueSeed("thep-nhip", "Thép nhíp", "Leaf-spring steel"),
        ),
    ),
    AttributeSeed("xuat-xu", "Xuất xứ", "Origin", "DROPDOWN", ()),  # values: the villages
    AttributeSeed(
        "kich-thuoc",
        "Kích thước",
        "Size",
        "DROPDOWN",
        (
            ValueSeed("co-nho", "Cỡ nhỏ", "Small"),
            ValueSeed("co-vua", "Cỡ vừa", "Medium"),
            ValueSeed("co-lon", "Cỡ lớn", "Large"),
        ),
    ),
    AttributeSeed(
        "mau-sac",
        "Màu sắc",
        "Colour",
        "SWATCH",
        (
            ValueSeed("do", "Đỏ", "Red", "#B22222"),
            ValueSeed("xanh-lam", "Xanh lam", "Blue", "#1F4E9C"),
            ValueSeed("vang", "Vàng", "Yellow", "#E0B000"),
            ValueSeed("trang", "Trắng", "White", "#F5F3EE"),
            ValueSeed("den", "Đen", "Black", "#1B1B1B"),
            ValueSeed("nau", "Nâu", "Brown", "#7B4B2A"),
            ValueSeed("xanh-ngoc", "Xanh ngọc", "Jade green", "#3FA796"),
            ValueSeed("hong-sen", "Hồng sen", "Lotus pink", "#E37B9B"),
            ValueSeed("tim", "Tím", "Purple", "#6B3FA0"),
            ValueSeed("tu-nhien", "Màu tự nhiên", "Natural", "#D8C39A"),
        ),
    ),
    AttributeSeed(
        "men",
        "Men",
        "Glaze",
        "DROPDOWN",
        (
            ValueSeed("men-lam", "Men lam", "Blue glaze"),
            ValueSeed("men-ran", "Men rạn", "Crackle glaze"),
            ValueSeed("men-ngoc", "Men ngọc", "Celadon glaze"),
            ValueSeed("men-nau", "Men nâu", "Brown glaze"),
            ValueSeed("men-hoa-bien", "Men hoa biến", "Flambé glaze"),
            ValueSeed("men-trang", "Men trắng", "White glaze"),
        ),
    ),
    AttributeSeed(
        "trong-luong",
        "Trọng lượng",
        "Weight",
        "DROPDOWN",
        (
            ValueSeed("100-g", "100 g", "100 g"),
            ValueSeed("200-g", "200 g", "200 g"),
            ValueSeed("250-g", "250 g", "250 g"),
            ValueSeed("500-g", "500 g", "500 g"),
            ValueSeed("1-kg", "1 kg", "1 kg"),
        ),
    ),
)

# Variant price and weight factors, by variant attribute value slug.
VALUE_PRICE_FACTORS: dict[str, float] = {
    "co-nho": 1.0,
    "co-vua": 1.6,
    "co-lon": 2.4,
    "100-g": 1.0,
    "200-g": 1.8,
    "250-g": 2.2,
    "500-g": 4.0,
    "1-kg": 7.5,
    "men-hoa-bien": 1.3,
    "men-ran": 1.15,
}
VALUE_WEIGHT_FACTORS: dict[str, float] = {
    "co-nho": 1.0,
    "co-vua": 1.7,
    "co-lon": 2.8,
    "100-g": 0.25,
    "200-g": 0.45,
    "250-g": 0.55,
    "500-g": 1.0,
    "1-kg": 2.0,
}


@dataclass(frozen=True)
class ProductTypeSeed:
    slug: str
    name: str
    product_attributes: tuple[str, ...]
    variant_attributes: tuple[str, ...]
    weight_grams: int
    has_variants: bool = True


PRODUCT_TYPES: tuple[ProductTypeSeed, ...] = (
    ProductTypeSeed("gom-su", "Gốm sứ", ("chat-lieu", "xuat-xu"), ("kich-thuoc", "men"), 1200),
    ProductTypeSeed("hang-det-may", "Hàng dệt may", ("chat-lieu", "xuat-xu"), ("kich-thuoc", "mau-sac"), 250),
    ProductTypeSeed(
        "do-thu-cong",
        "Đồ thủ công mỹ nghệ",
        ("chat-lieu", "xuat-xu"),
        ("kich-thuoc", "mau-sac"),
        800,
    ),
    ProductTypeSeed("huong", "Hương", ("chat-lieu", "xuat-xu"), ("trong-luong",), 500),
    ProductTypeSeed("thuc-pham", "Thực phẩm OCOP", ("xuat-xu",), ("trong-luong",), 500),
)
