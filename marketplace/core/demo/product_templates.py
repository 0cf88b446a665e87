"""Product templates: a product name is ``"{base} {motif}"`` (English ``"{base_en} {motif_en}"``).

A template belongs to a leaf category and a product type; ``axes`` lists the variant
attribute values a product may combine (a motif can pin some of them, e.g. a blue-glaze
vase only comes in ``men-lam``). ``villages`` restricts a template to some villages of
the craft. Prices are the smallest variant's range in đồng.
"""

from dataclasses import dataclass

SIZES = ("co-nho", "co-vua", "co-lon")
GLAZES = ("men-lam", "men-ran", "men-ngoc", "men-nau", "men-hoa-bien", "men-trang")
WEIGHTS = ("100-g", "200-g", "250-g", "500-g", "1-kg")


@dataclass(frozen=True)
class Base:
    name: str
    name_en: str
    material: str | None = None  # pins the material attribute value


@dataclass(frozen=True)
class Motif:
    name: str
    name_en: str
    fixed: tuple[str, ...] = ()  # variant value slugs this motif pins


@dataclass(frozen=True)
class ProductTemplate:
    category: str  # leaf (or childless root) category slug
    product_type: str
    materials: tuple[str, ...]
    price: tuple[int, int]
    axes: dict[str, tuple[str, ...]]
    blurb: str
    blurb_en: str
    bases: tuple[Base, ...]
    motifs: tuple[Motif, ...]
    villages: tuple[str, ...] | None = None


B, M, T = Base, Motif, ProductTemplate

_CERAMIC_AXES = {"kich-thuoc": SIZES, "men": GLAZES}
_LACQUER_COLOURS = ("do", "den", "nau", "vang")
_NATURAL_COLOURS = ("tu-nhien", "nau", "den", "trang")
_SILK_COLOURS = ("do", "xanh-lam", "vang", "trang", "hong-sen", "tim", "xanh-ngoc")

TEMPLATES: dict[str, tuple[ProductTemplate, ...]] = {
    "gom-su": (
        T(
            "binh-hoa",
            "gom-su",
            ("gom-su",),
            (250_000, 2_500_000),
            _CERAMIC_AXES,
            "Bình được vuốt tay trên bàn xoay, vẽ tay và nung ở 1.250 °C.",
            "Thrown by hand on the wheel, hand-painted and fired at 1,250 °C.",
            (
                B("Bình gốm", "Ceramic vase"),
                B("Lọ hoa dáng tỏi", "Garlic-neck vase"),
                B("Bình hút lộc", "Fortune jar"),
                B("Bình hoa dáng đèn", "Lantern-shaped vase"),
            ),
            (
                M("men lam vẽ sen", "with blue lotus painting", ("men-lam",)),
                M("men lam vẽ trúc", "with blue bamboo painting", ("men-lam",)),
                M("men rạn đắp nổi rồng", "in crackle glaze with a relief dragon", ("men-ran",)),
                M("vẽ tay phong cảnh làng quê", "with a hand-painted village scene"),
                M("men hoa biến", "in flambé glaze", ("men-hoa-bien",)),
                M("men ngọc khắc chìm hoa cúc", "in celadon with incised chrysanthemums", ("men-ngoc",)),
                M("vẽ vàng kim", "with gold painting"),
            ),
        ),
        T(
            "bat-dia",
            "gom-su",
            ("gom-su",),
            (60_000, 900_000),
            _CERAMIC_AXES,
            "Men an toàn thực phẩm, dùng được trong lò vi sóng và máy rửa bát.",
            "Food-safe glaze, microwave and dishwasher safe.",
            (
                B("Bộ bát đĩa", "Dinner set"),
                B("Đĩa trang trí", "Decorative plate"),
                B("Bát ăn cơm", "Rice bowl"),
                B("Tô canh", "Soup bowl"),
                B("Đĩa vuông", "Square plate"),
            ),
            (
                M("men lam hoa dây", "with blue floral scroll", ("men-lam",)),
                M("men nâu giả cổ", "in antique brown glaze", ("men-nau",)),
                M("men trắng viền lam", "in white glaze with a blue rim", ("men-trang",)),
                M("vẽ cá chép", "with painted carp"),
                M("men ngọc trơn", "in plain celadon", ("men-ngoc",)),
            ),
        ),
        T(
            "am-chen",
            "gom-su",
            ("gom-su",),
            (180_000, 1_800_000),
            _CERAMIC_AXES,
            "Bộ ấm chén giữ nhiệt tốt, nắp khít, vòi rót không nhỏ giọt.",
            "Keeps tea warm, with a snug lid and a dripless spout.",
            (
                B("Bộ ấm chén", "Tea set"),
                B("Ấm tích", "Tea pot"),
                B("Bộ chén tống", "Pitcher and cups"),
                B("Ấm trà dáng quả hồng", "Persimmon teapot"),
            ),
            (
                M("men rạn vẽ sen", "in crackle glaze with lotus", ("men-ran",)),
                M("men ngọc", "in celadon", ("men-ngoc",)),
                M("men lam vẽ tùng hạc", "with blue pine and cranes", ("men-lam",)),
                M("vẽ vàng bát tiên", "with the eight immortals in gold"),
                M("men hoa biến", "in flambé glaze", ("men-hoa-bien",)),
            ),
        ),
        T(
            "gom-trang-tri",
            "gom-su",
            ("gom-su",),
            (120_000, 1_500_000),
            _CERAMIC_AXES,
            "Đồ gốm trang trí nội thất, mỗi chiếc một vẻ do men chảy tự nhiên trong lò.",
            "Decorative ceramics; the glaze flows in the kiln so each piece is unique.",
            (
                B("Tượng gốm", "Ceramic figure"),
                B("Đèn gốm", "Ceramic lamp"),
                B("Chậu cây gốm", "Ceramic planter"),
                B("Đĩa treo tường", "Wall plate"),
            ),
            (
                M("men rạn cổ", "in antique crackle", ("men-ran",)),
                M("vẽ hoa mai", "with plum blossom"),
                M("men lam", "in blue glaze", ("men-lam",)),
                M("khắc chìm", "with incised pattern"),
            ),
        ),
    ),
    "lua-va-vai": (
        T(
            "khan-lua",
            "hang-det-may",
            ("lua-to-tam",),
            (250_000, 1_200_000),
            {"kich-thuoc": SIZES, "mau-sac": _SILK_COLOURS},
            "Lụa tơ tằm mềm, mát, dệt trên khung cửi của làng Vạn Phúc.",
            "Soft, cool mulberry silk woven on Van Phuc looms.",
            (
                B("Khăn lụa tơ tằm", "Mulberry silk scarf"),
                B("Khăn choàng lụa", "Silk shawl"),
                B("Khăn vuông lụa", "Square silk scarf"),
            ),
            (
                M("Vạn Phúc", "from Van Phuc"),
                M("vân hoa sen", "with lotus damask"),
                M("in hoa đào", "with peach-blossom print"),
                M("vẽ tay hoa sen", "hand-painted with lotus"),
                M("dệt vân chữ Thọ", "with longevity damask"),
            ),
            villages=("van-phuc",),
        ),
        T(
            "khan-lua",
            "hang-det-may",
            ("to-sen", "lua-to-tam"),
            (1_500_000, 5_000_000),
            {"kich-thuoc": SIZES, "mau-sac": ("tu-nhien", "nau", "hong-sen", "xanh-ngoc")},
            "Sợi tơ được rút tay từ cuống sen rồi dệt trên khung gỗ; một chiếc khăn cần hàng "
            "nghìn cuống sen.",
            "The fibre is pulled by hand from lotus stems and woven on a wooden loom; one scarf "
            "takes thousands of stems.",
            (
                B("Khăn tơ sen", "Lotus-silk scarf", "to-sen"),
                B("Khăn lụa tơ tằm", "Mulberry silk scarf", "lua-to-tam"),
                B("Khăn choàng pha tơ sen", "Lotus-blend shawl", "to-sen"),
            ),
            (
                M("Phùng Xá", "from Phung Xa"),
                M("dệt tay", "hand-woven"),
                M("nhuộm lá bàng", "dyed with tropical-almond leaves"),
                M("nhuộm củ nâu", "dyed with dye yam"),
                M("màu mộc", "undyed", ("tu-nhien",)),
            ),
            villages=("phung-xa",),
        ),
        T(
            "vai-lua-to-tam",
            "hang-det-may",
            ("lua-to-tam",),
            (180_000, 650_000),
            {"mau-sac": _SILK_COLOURS},
            "Bán theo mét, khổ 90 cm; giặt tay nhẹ bằng nước lạnh.",
            "Sold by the metre, 90 cm wide; hand-wash gently in cold water.",
            (
                B("Vải lụa tơ tằm", "Mulberry silk fabric"),
                B("Lụa vân", "Damask silk"),
                B("Lụa tơ tằm dệt tay", "Hand-woven silk"),
                B("Vải đũi", "Raw dui silk"),
            ),
            (
                M("khổ 90 cm", "90 cm wide"),
                M("hoa văn chữ Thọ", "with longevity motif"),
                M("trơn", "plain"),
                M("hoa cúc", "with chrysanthemum pattern"),
            ),
            villages=("van-phuc", "phung-xa"),
        ),
        T(
            "ao-dai-va-may-do",
            "hang-det-may",
            ("lua-to-tam",),
            (1_200_000, 4_500_000),
            {"kich-thuoc": SIZES, "mau-sac": _SILK_COLOURS},
            "May theo số đo, thử và chỉnh sửa miễn phí tại cửa hàng.",
            "Made to measure, with free fittings and alterations in the shop.",
            (
                B("Áo dài lụa", "Silk ao dai"),
                B("Áo dài cách tân", "Modern ao dai"),
                B("Áo dài trẻ em", "Children's ao dai"),
            ),
            (
                M("vẽ tay hoa sen", "hand-painted with lotus"),
                M("thêu hoa mai", "embroidered with plum blossom"),
                M("trơn", "plain"),
                M("vân gấm", "in brocade"),
            ),
            villages=("van-phuc",),
        ),
        T(
            "ao-dai-va-may-do",
            "hang-det-may",
            ("len-da", "lua-to-tam"),
            (1_800_000, 4_800_000),
            {"kich-thuoc": SIZES, "mau-sac": ("den", "xanh-lam", "nau", "trang")},
            "Thợ làng Cựu cắt may theo số đo, phom chuẩn, đường may tay ở ve áo.",
            "Cut and sewn to measure by Cuu village tailors, with hand-stitched lapels.",
            (
                B("Bộ comple nam", "Men's suit", "len-da"),
                B("Áo vest nữ", "Women's blazer", "len-da"),
                B("Sơ mi nam", "Men's shirt"),
                B("Quần âu", "Trousers", "len-da"),
                B("Áo gile", "Waistcoat", "len-da"),
            ),
            (
                M("may đo", "made to measure"),
                M("kẻ sọc chìm", "pinstripe"),
                M("màu than chì", "in charcoal", ("den",)),
                M("phom ôm", "slim fit"),
            ),
            villages=("lang-cuu",),
        ),
    ),
    "son-mai": (
        T(
            "tranh-son-mai",
            "do-thu-cong",
            ("son-ta",),
            (900_000, 5_000_000),
            {"kich-thuoc": SIZES},
            "Sơn ta nhiều lớp, mài nước bằng tay; mỗi bức mất vài tháng để hoàn thành.",
            "Many layers of traditional lacquer polished by hand; each painting takes months.",
            (B("Tranh sơn mài", "Lacquer painting"), B("Tranh sơn mài khổ vuông", "Square lacquer painting")),
            (
                M("phố cổ Hà Nội", "of the Hanoi Old Quarter"),
                M("hoa sen", "of lotus"),
                M("cá chép hóa rồng", "of a carp becoming a dragon"),
                M("làng quê Bắc Bộ", "of a northern village"),
                M("tùng hạc", "of pine and cranes"),
                M("khảm trứng hoa sen", "with eggshell lotus"),
                M("chùa Một Cột", "of the One Pillar Pagoda"),
            ),
        ),
        T(
            "hop-va-khay-son-mai",
            "do-thu-cong",
            ("son-ta",),
            (150_000, 1_500_000),
            {"kich-thuoc": SIZES, "mau-sac": _LACQUER_COLOURS},
            "Cốt gỗ, phủ sơn ta và mài bóng thủ công; lau bằng khăn mềm, tránh nắng gắt.",
            "Wooden core coated with lacquer and polished by hand; wipe with a soft cloth.",
            (
                B("Hộp sơn mài", "Lacquer box"),
                B("Khay sơn mài", "Lacquer tray"),
                B("Bình sơn mài", "Lacquer vase"),
                B("Đĩa sơn mài", "Lacquer plate"),
                B("Hộp đựng trang sức sơn mài", "Lacquer jewellery box"),
            ),
            (
                M("khảm trứng", "with eggshell inlay"),
                M("vẽ sen vàng", "with gold lotus"),
                M("đỏ son", "in vermilion", ("do",)),
                M("khảm trai", "with mother-of-pearl inlay"),
                M("đen bóng", "in glossy black", ("den",)),
            ),
        ),
        T(
            "kham-trai",
            "do-thu-cong",
            ("vo-trai", "go-mit"),
            (400_000, 4_500_000),
            {"kich-thuoc": SIZES, "mau-sac": _LACQUER_COLOURS},
            "Vỏ trai, ốc xà cừ được cưa, mài và cẩn từng mảnh vào nền gỗ.",
            "Shell and mother-of-pearl cut, ground and set piece by piece into the wood.",
            (
                B("Tranh khảm trai", "Mother-of-pearl picture", "vo-trai"),
                B("Hộp gỗ khảm trai", "Inlaid wooden box"),
                B("Khay trà khảm trai", "Inlaid tea tray"),
                B("Đĩa khảm trai", "Inlaid plate", "vo-trai"),
            ),
            (
                M("hoa sen", "with lotus"),
                M("Văn Miếu", "of the Temple of Literature"),
                M("tứ quý", "of the four seasons"),
                M("chim công", "with peacocks"),
            ),
            villages=("chuon-ngo",),
        ),
    ),
    "may-tre-dan": (
        T(
            "gio-va-lan",
            "do-thu-cong",
            ("may", "tre", "coi"),
            (60_000, 450_000),
            {"kich-thuoc": SIZES, "mau-sac": _NATURAL_COLOURS},
            "Đan tay từng sợi, sấy khô chống mốc, phủ dầu bóng tự nhiên.",
            "Hand-woven strand by strand, kiln-dried against mould and finished with natural oil.",
            (
                B("Giỏ mây", "Rattan basket", "may"),
                B("Làn tre đi chợ", "Bamboo market basket", "tre"),
                B("Giỏ quà Tết", "Tết gift basket"),
                B("Hộp cói có nắp", "Lidded sedge box", "coi"),
                B("Túi cói", "Sedge bag", "coi"),
            ),
            (
                M("đan mắt cáo", "in hexagonal weave"),
                M("quai da", "with leather handles"),
                M("đan hoa thị", "in star weave"),
                M("màu mộc", "natural", ("tu-nhien",)),
            ),
        ),
        T(
            "do-gia-dung-may-tre",
            "do-thu-cong",
            ("may", "tre", "coi"),
            (45_000, 380_000),
            {"kich-thuoc": SIZES, "mau-sac": _NATURAL_COLOURS},
            "Đồ dùng nhà bếp bền, nhẹ, thân thiện với môi trường.",
            "Durable, light and eco-friendly kitchenware.",
            (
                B("Khay mây", "Rattan tray", "may"),
                B("Rổ tre", "Bamboo colander", "tre"),
                B("Lót nồi cói", "Sedge trivet", "coi"),
                B("Bộ lót ly mây", "Rattan coaster set", "may"),
                B("Thùng đựng đồ", "Storage bin"),
            ),
            (
                M("đan mắt cáo", "in hexagonal weave"),
                M("đan hoa thị", "in star weave"),
                M("viền tre", "with bamboo rim"),
                M("màu mộc", "natural", ("tu-nhien",)),
            ),
        ),
        T(
            "den-may-tre",
            "do-thu-cong",
            ("may", "tre"),
            (250_000, 1_200_000),
            {"kich-thuoc": SIZES, "mau-sac": _NATURAL_COLOURS},
            "Chụp đèn đan tay, tỏa bóng sáng hoa văn lên tường; kèm đui đèn E27.",
            "Hand-woven shade that throws patterned light on the walls; E27 socket included.",
            (
                B("Chụp đèn mây", "Rattan lampshade", "may"),
                B("Đèn thả tre", "Bamboo pendant lamp", "tre"),
                B("Đèn bàn mây", "Rattan table lamp", "may"),
            ),
            (
                M("dáng cầu", "globe-shaped"),
                M("dáng chuông", "bell-shaped"),
                M("đan thưa", "in open weave"),
                M("đan mắt cáo", "in hexagonal weave"),
            ),
        ),
    ),
    "theu-tay": (
        T(
            "tranh-theu",
            "hang-det-may",
            ("chi-to",),
            (600_000, 5_000_000),
            {"kich-thuoc": SIZES},
            "Thêu tay hoàn toàn bằng chỉ tơ, hàng trăm nghìn mũi kim, đóng khung gỗ.",
            "Entirely hand-embroidered in silk thread, hundreds of thousands of stitches, framed.",
            (
                B("Tranh thêu tay", "Hand-embroidered picture"),
                B("Tranh thêu chỉ tơ", "Silk-thread embroidery"),
            ),
            (
                M("hoa sen", "of lotus"),
                M("phong cảnh Hồ Gươm", "of Hoan Kiem Lake"),
                M("chim công", "of peacocks"),
                M("mẹ con", "of mother and child"),
                M("thuyền trên sông", "of boats on the river"),
                M("tứ quý", "of the four seasons"),
                M("chữ Phúc", "of the character Phuc"),
            ),
        ),
        T(
            "khan-va-tui-theu",
            "hang-det-may",
            ("vai-lanh", "lua-to-tam"),
            (120_000, 600_000),
            {"kich-thuoc": SIZES, "mau-sac": ("trang", "do", "xanh-lam", "tu-nhien")},
            "Hoa văn thêu tay trên vải lanh và lụa, giặt tay nhẹ nhàng.",
            "Hand-embroidered on linen and silk; wash gently by hand.",
            (
                B("Khăn trải bàn thêu tay", "Hand-embroidered tablecloth", "vai-lanh"),
                B("Vỏ gối thêu", "Embroidered cushion cover"),
                B("Túi vải thêu", "Embroidered tote bag"),
                B("Khăn tay thêu", "Embroidered handkerchief", "lua-to-tam"),
            ),
            (
                M("hoa sen", "with lotus"),
                M("hoa cúc", "with chrysanthemums"),
                M("chim én", "with swallows"),
                M("hoa văn thổ cẩm", "with brocade pattern"),
            ),
        ),
    ),
    "huong-tram": (
        T(
            "huong-nen",
            "huong",
            ("que", "tram-huong"),
            (35_000, 250_000),
            {"trong-luong": WEIGHTS[:4]},
            "Hương làm từ bột quế, bột trầm và thảo mộc, phơi nắng tự nhiên, ít khói.",
            "Made from cinnamon, agarwood and herbs, sun-dried, low smoke.",
            (
                B("Hương quế", "Cinnamon incense", "que"),
                B("Hương trầm", "Agarwood incense", "tram-huong"),
                B("Hương thảo mộc", "Herbal incense"),
                B("Tăm hương", "Incense sticks"),
                B("Hương bài", "Vetiver incense"),
            ),
            (
                M("Quảng Phú Cầu", "from Quang Phu Cau"),
                M("không tăm", "stickless"),
                M("30 cm", "30 cm"),
                M("40 cm", "40 cm"),
                M("hộp quà", "gift box"),
            ),
        ),
        T(
            "huong-vong-va-tram",
            "huong",
            ("tram-huong", "que"),
            (120_000, 900_000),
            {"trong-luong": WEIGHTS[:4]},
            "Trầm tự nhiên, mùi thơm dịu, thích hợp xông nhà và thiền định.",
            "Natural agarwood with a gentle scent for the home and meditation.",
            (
                B("Hương vòng", "Coil incense"),
                B("Nụ trầm", "Agarwood cones", "tram-huong"),
                B("Trầm miếng", "Agarwood chips", "tram-huong"),
                B("Hương nụ quế", "Cinnamon cones", "que"),
            ),
            (
                M("cháy 24 giờ", "24-hour burn"),
                M("thượng hạng", "premium"),
                M("không hóa chất", "chemical-free"),
                M("hộp gỗ", "in a wooden box"),
            ),
        ),
    ),
    "non-la": (
        T(
            "non-bai-tho",
            "do-thu-cong",
            ("la-non",),
            (90_000, 350_000),
            {"kich-thuoc": SIZES, "mau-sac": ("tu-nhien", "trang", "hong-sen")},
            "Hai lớp lá cọ non, khâu tay 16 vòng tre; soi nắng thấy tranh và thơ bên trong.",
            "Two layers of young palm leaves stitched on 16 bamboo rings; hold it to the light to "
            "see the poem inside.",
            (B("Nón lá bài thơ", "Poem conical hat"), B("Nón bài thơ hai lớp", "Double-layer poem hat")),
            (
                M("làng Chuông", "from Chuong village"),
                M("vẽ tay hoa sen", "hand-painted with lotus"),
                M("phong cảnh Hồ Gươm", "with Hoan Kiem Lake"),
                M("cô gái áo dài", "with a girl in ao dai"),
                M("thơ Nguyễn Bính", "with a Nguyen Binh poem"),
            ),
        ),
        T(
            "non-la-trang-tri",
            "do-thu-cong",
            ("la-non", "tre"),
            (60_000, 300_000),
            {"kich-thuoc": SIZES, "mau-sac": ("tu-nhien", "trang", "do", "hong-sen")},
            "Nón lá làm quà lưu niệm và trang trí, nhẹ, bền, gấp gọn vào vali được.",
            "A light, sturdy souvenir and decoration that fits in a suitcase.",
            (
                B("Nón lá", "Conical hat"),
                B("Nón lá mini", "Miniature conical hat"),
                B("Nón lá vẽ tay", "Hand-painted conical hat"),
                B("Đèn nón lá", "Conical-hat lamp"),
            ),
            (
                M("quai lụa", "with silk strap"),
                M("màu mộc", "natural", ("tu-nhien",)),
                M("hoa sen", "with lotus"),
                M("treo tường", "for wall hanging"),
            ),
        ),
    ),
    "tuong-go-va-do-tho": (
        T(
            "tuong-go",
            "do-thu-cong",
            ("go-mit", "go-vang-tam"),
            (800_000, 5_000_000),
            {"kich-thuoc": SIZES, "mau-sac": ("do", "vang", "nau")},
            "Tạc tay theo lối Sơn Đồng: đục thô, đục tinh, bả, sơn son và thếp vàng.",
            "Carved by hand the Son Dong way: roughing, finishing, priming, red lacquer and gilding.",
            (
                B("Tượng Phật Di Lặc", "Maitreya Buddha statue"),
                B("Tượng Quan Âm", "Guanyin statue"),
                B("Tượng ông Địa", "Earth god statue"),
                B("Tượng thần tài", "God of wealth statue"),
                B("Tượng trâu gỗ", "Wooden buffalo"),
                B("Tượng ngựa gỗ", "Wooden horse"),
            ),
            (
                M("gỗ mít", "in jackfruit wood"),
                M("sơn son thếp vàng", "red-lacquered and gilded"),
                M("mộc mạc", "unfinished", ("nau",)),
                M("sơn giả cổ", "with antique finish"),
            ),
        ),
        T(
            "do-tho",
            "do-thu-cong",
            ("go-mit", "go-vang-tam"),
            (600_000, 4_500_000),
            {"kich-thuoc": SIZES, "mau-sac": ("do", "vang", "nau", "den")},
            "Đồ thờ gỗ chạm thủ công, sơn son thếp vàng bằng quỳ Kiêu Kỵ.",
            "Hand-carved worship objects, red-lacquered and gilded with Kieu Ky gold leaf.",
            (
                B("Hoành phi", "Horizontal lacquered board"),
                B("Câu đối", "Parallel sentences"),
                B("Ngai thờ", "Ancestral throne"),
                B("Đèn thờ", "Altar lamp"),
                B("Ống hương gỗ", "Wooden incense holder"),
            ),
            (
                M("sơn son thếp vàng", "red-lacquered and gilded"),
                M("chạm rồng", "carved with dragons"),
                M("gỗ vàng tâm", "in vang tam wood"),
                M("chữ Phúc Lộc Thọ", "with the Phuc Loc Tho characters"),
            ),
        ),
    ),
    "quy-vang-bac-va-duc-dong": (
        T(
            "quy-vang-bac",
            "do-thu-cong",
            ("vang-la", "bac-la"),
            (150_000, 900_000),
            {"kich-thuoc": SIZES},
            "Quỳ được dát tay từ vàng, bạc nguyên chất giữa các lớp giấy dó, mỏng như cánh ve.",
            "Beaten by hand from pure gold or silver between sheets of dó paper, thin as a cicada's wing.",
            (B("Quỳ vàng", "Gold leaf", "vang-la"), B("Quỳ bạc", "Silver leaf", "bac-la")),
            (
                M("Kiêu Kỵ", "from Kieu Ky"),
                M("9999", "9999 fine"),
                M("tập 100 lá", "pack of 100"),
                M("tập 10 lá", "pack of 10"),
                M("dát tay", "hand-beaten"),
                M("khổ 4 x 4 cm", "4 x 4 cm sheets"),
            ),
            villages=("kieu-ky",),
        ),
        T(
            "quy-vang-bac",
            "do-thu-cong",
            ("vang-la", "go-mit"),
            (400_000, 3_000_000),
            {"kich-thuoc": SIZES, "mau-sac": ("vang", "do", "den")},
            "Đồ trang trí thếp vàng thủ công, bền màu, không xỉn.",
            "Hand-gilded decorations that keep their shine.",
            (
                B("Tranh dát vàng", "Gold-leaf picture", "vang-la"),
                B("Hộp gỗ dát vàng", "Gilded wooden box"),
                B("Đĩa sơn thếp vàng", "Gilded lacquer plate", "vang-la"),
            ),
            (
                M("hoa sen", "with lotus"),
                M("chữ Phúc", "with the character Phuc"),
                M("cá chép", "with carp"),
                M("Khuê Văn Các", "of Khue Van Cac"),
            ),
            villages=("kieu-ky",),
        ),
        T(
            "do-dong",
            "do-thu-cong",
            ("dong",),
            (350_000, 4_500_000),
            {"kich-thuoc": SIZES},
            "Đúc bằng khuôn đất theo phương pháp truyền thống của phường đúc Ngũ Xã.",
            "Cast in clay moulds by the traditional method of the Ngu Xa casters.",
            (
                B("Lư hương đồng", "Bronze incense burner"),
                B("Trống đồng thu nhỏ", "Miniature bronze drum"),
                B("Tượng đồng", "Bronze statue"),
                B("Chuông đồng", "Bronze bell"),
                B("Hạc đồng", "Bronze crane"),
            ),
            (
                M("Ngũ Xã", "from Ngu Xa"),
                M("Đông Sơn", "in Dong Son style"),
                M("đồng vàng", "in yellow bronze"),
                M("đồng đỏ giả cổ", "in antique red bronze"),
            ),
            villages=("ngu-xa",),
        ),
    ),
    "do-choi-dan-gian": (
        T(
            "to-he",
            "do-thu-cong",
            ("bot-gao-nep",),
            (35_000, 150_000),
            {"kich-thuoc": SIZES},
            "Nặn từ bột gạo nếp, màu lấy từ lá cây và củ quả, an toàn cho trẻ em.",
            "Shaped from glutinous rice dough coloured with leaves and roots; safe for children.",
            (B("Tò he", "Rice-dough figurine"), B("Bộ tò he", "Rice-dough figurine set")),
            (
                M("12 con giáp", "of the 12 zodiac animals"),
                M("Tôn Ngộ Không", "of the Monkey King"),
                M("hoa sen", "of lotus"),
                M("chú Cuội chị Hằng", "of Cuoi and the Moon Lady"),
                M("Thánh Gióng", "of Saint Giong"),
                M("cá chép", "of a carp"),
                M("Xuân La", "from Xuan La"),
            ),
            villages=("xuan-la",),
        ),
        T(
            "chuon-chuon-tre",
            "do-thu-cong",
            ("tre",),
            (35_000, 250_000),
            {"kich-thuoc": SIZES, "mau-sac": ("do", "xanh-lam", "vang", "tu-nhien")},
            "Chuồn chuồn tre đặt thăng bằng trên đầu ngón tay, vẽ tay từng chiếc.",
            "Balances on a fingertip; each one painted by hand.",
            (
                B("Chuồn chuồn tre", "Bamboo dragonfly"),
                B("Bộ chuồn chuồn tre", "Bamboo dragonfly set"),
                B("Móc khóa chuồn chuồn tre", "Bamboo dragonfly keyring"),
            ),
            (
                M("Thạch Xá", "from Thach Xa"),
                M("vẽ tay nhiều màu", "hand-painted in many colours"),
                M("cánh lớn", "with large wings"),
                M("hộp quà", "gift box"),
                M("màu mộc", "unpainted", ("tu-nhien",)),
            ),
            villages=("thach-xa",),
        ),
    ),
    "vang-ma-va-do-le": (
        T(
            "vang-ma-va-do-le",
            "do-thu-cong",
            ("giay-do", "giay-mau", "tre"),
            (35_000, 300_000),
            {"kich-thuoc": SIZES, "mau-sac": ("do", "vang", "hong-sen", "xanh-lam")},
            "Khung tre, dán giấy và vẽ tay theo mẫu truyền thống của làng Phúc Am.",
            "Bamboo frame, paper and hand painting in the traditional Phuc Am patterns.",
            (
                B("Đèn lồng giấy", "Paper lantern", "giay-mau"),
                B("Mặt nạ giấy bồi", "Papier-mâché mask", "giay-do"),
                B("Đèn ông sao", "Star lantern", "giay-mau"),
                B("Ngựa giấy trang trí", "Decorative paper horse"),
                B("Bộ đồ lễ giấy", "Paper offering set", "giay-do"),
            ),
            (
                M("Trung thu", "for the Mid-Autumn Festival"),
                M("Phúc Am", "from Phuc Am"),
                M("giấy dó", "in dó paper"),
                M("vẽ tay", "hand-painted"),
            ),
        ),
    ),
    "dao-keo-ren-thu-cong": (
        T(
            "dao-keo-ren-thu-cong",
            "do-thu-cong",
            ("thep-nhip",),
            (120_000, 900_000),
            {"kich-thuoc": SIZES},
            "Rèn từ thép nhíp ô tô, tôi nước, mài tay; lưỡi sắc lâu, dễ mài lại.",
            "Forged from car leaf-spring steel, water-quenched and hand-sharpened; holds an edge.",
            (
                B("Dao thái", "Chef's knife"),
                B("Dao chặt", "Cleaver"),
                B("Kéo cắt vải", "Fabric scissors"),
                B("Dao gọt", "Paring knife"),
                B("Kéo cắt cành", "Pruning shears"),
                B("Bộ dao bếp", "Kitchen knife set"),
            ),
            (
                M("Đa Sỹ", "from Da Sy"),
                M("thép nhíp", "in leaf-spring steel"),
                M("cán gỗ", "with a wooden handle"),
                M("rèn tay", "hand-forged"),
            ),
        ),
    ),
    "thuc-pham-va-do-uong-ocop": (
        T(
            "tra-va-do-uong",
            "thuc-pham",
            (),
            (45_000, 450_000),
            {"trong-luong": WEIGHTS},
            "Sản phẩm OCOP của Hà Nội, đóng gói tại cơ sở, có tem truy xuất nguồn gốc.",
            "A Hanoi OCOP product, packed at the producer with a traceability label.",
            (
                B("Trà sen", "Lotus tea"),
                B("Trà hoa nhài", "Jasmine tea"),
                B("Mật ong hoa nhãn", "Longan-blossom honey"),
                B("Trà búp", "Green tea buds"),
                B("Trà hoa cúc", "Chrysanthemum tea"),
            ),
            (
                M("hộp quà Tết", "Tết gift box"),
                M("thượng hạng", "premium"),
                M("OCOP", "OCOP"),
                M("túi zip", "in a resealable pouch"),
            ),
        ),
        T(
            "dac-san-kho",
            "thuc-pham",
            (),
            (40_000, 250_000),
            {"trong-luong": WEIGHTS},
            "Đặc sản khô, bảo quản nơi khô ráo, thoáng mát.",
            "Dried speciality; store in a cool, dry place.",
            (
                B("Gạo nếp cái hoa vàng", "Yellow-flower glutinous rice"),
                B("Miến dong", "Arrowroot noodles"),
                B("Măng khô", "Dried bamboo shoots"),
                B("Mộc nhĩ", "Wood ear mushrooms"),
                B("Nấm hương", "Shiitake mushrooms"),
            ),
            (
                M("loại 1", "grade 1"),
                M("đặc biệt", "special"),
                M("hút chân không", "vacuum-packed"),
                M("hộp quà", "gift box"),
            ),
        ),
        T(
            "banh-keo-truyen-thong",
            "thuc-pham",
            (),
            (35_000, 180_000),
            {"trong-luong": WEIGHTS[:4]},
            "Làm theo công thức gia truyền, không chất bảo quản; dùng trong 30 ngày.",
            "Family recipe, no preservatives; best within 30 days.",
            (
                B("Kẹo lạc", "Peanut brittle"),
                B("Chè lam", "Che lam rice cake"),
                B("Bánh cốm", "Green rice cake"),
                B("Ô mai mơ", "Salted apricot"),
                B("Mứt sen trần", "Candied lotus seeds"),
                B("Kẹo vừng", "Sesame brittle"),
            ),
            (
                M("gia truyền", "family recipe"),
                M("hộp quà Tết", "Tết gift box"),
                M("ít đường", "low sugar"),
                M("túi giấy", "in a paper bag"),
            ),
        ),
    ),
}


def templates_for(craft: str, village: str) -> tuple[ProductTemplate, ...]:
    """The templates a shop of ``craft`` in ``village`` may use."""
    return tuple(t for t in TEMPLATES[craft] if t.villages is None or village in t.villages)
