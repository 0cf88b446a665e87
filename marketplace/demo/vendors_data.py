"""The demo artisan shops: invented names in the style of real Hanoi craft workshops.

Each shop sells the craft of its village (``craft`` None) unless it names another
top-level category (the OCOP food shops, which may sit in any village). ``showcase``
shops have their first product listed in the Design Centre channel.
"""

from dataclasses import dataclass

from marketplace.core.text import slugify_vi

FOOD = "thuc-pham-va-do-uong-ocop"


@dataclass(frozen=True)
class VendorSeed:
    name: str
    village: str  # village slug
    description: str
    street: str
    owner: str  # contact name on the workshop address: "Họ Tên"
    allows_pickup: bool = False
    commission: str = "10.00"
    opening_hours: str = "08:00–17:30, T2–CN"
    craft: str | None = None  # top-level category slug when not the village's craft
    showcase: bool = False
    pending: bool = False


VENDORS: tuple[VendorSeed, ...] = (
    # Bát Tràng (the first one is the demo artisan's shop)
    VendorSeed(
        "Gốm Minh Châu Bát Tràng",
        "bat-trang",
        "Xưởng gốm gia đình ba đời, chuyên men lam vẽ tay và men rạn cổ.",
        "Số 18, xóm 5, thôn Bát Tràng",
        "Nguyễn Minh Châu",
        True,
        "10.00",
        showcase=True,
    ),
    VendorSeed(
        "Gốm sứ Hải An",
        "bat-trang",
        "Ấm chén men ngọc và bát đĩa dùng hằng ngày, nung lò ga ở nhiệt độ 1.250 °C.",
        "Số 7, đường Giang Cao",
        "Lê Hải An",
        False,
        "9.50",
        "07:30–18:00, T2–CN",
        showcase=True,
    ),
    VendorSeed(
        "Xưởng gốm Tâm Việt",
        "bat-trang",
        "Bình hoa cỡ lớn, chum và đồ gốm trang trí nội thất theo đơn đặt hàng.",
        "Số 42, xóm 2, thôn Giang Cao",
        "Phạm Tâm",
        True,
        "11.00",
    ),
    VendorSeed(
        "Gốm men hoa biến Đức Thịnh",
        "bat-trang",
        "Men hoa biến nung nhiều lần, mỗi sản phẩm một sắc màu riêng.",
        "Số 3, ngõ Chợ Gốm, thôn Bát Tràng",
        "Trần Đức Thịnh",
        False,
        "10.00",
        showcase=True,
    ),
    # Vạn Phúc
    VendorSeed(
        "Lụa Hà Đông Thanh Hằng",
        "van-phuc",
        "Khăn và vải lụa tơ tằm dệt trên khung cửi truyền thống của làng Vạn Phúc.",
        "Số 25, phố Vạn Phúc",
        "Đỗ Thanh Hằng",
        True,
        "12.00",
        "08:00–20:00, T2–CN",
        showcase=True,
    ),
    VendorSeed(
        "Tơ lụa Vạn Phúc Mai Anh",
        "van-phuc",
        "Áo dài may đo và lụa vân hoa, tư vấn chọn vải tại cửa hàng.",
        "Số 61, phố Vạn Phúc",
        "Vũ Mai Anh",
        True,
        "11.50",
        "08:30–20:30, T2–CN",
    ),
    # Làng Chuông
    VendorSeed(
        "Nón lá Chuông Cô Lan",
        "chuong",
        "Nón lá khâu tay hai lớp lá, vành tre chuốt mịn, bán cả nón bài thơ.",
        "Số 9, xóm Chợ, làng Chuông",
        "Nguyễn Thị Lan",
        False,
        "8.00",
        showcase=True,
    ),
    VendorSeed(
        "Nón Bài Thơ Thanh Oai Hương Giang",
        "chuong",
        "Nón bài thơ vẽ tay và nón lá trang trí làm quà lưu niệm.",
        "Số 14, thôn Chuông",
        "Hoàng Hương Giang",
        True,
        "9.00",
    ),
    # Quảng Phú Cầu
    VendorSeed(
        "Hương trầm Phú Cầu An Nhiên",
        "quang-phu-cau",
        "Hương sạch từ bột quế, trầm và thảo mộc, không hóa chất tạo màu.",
        "Số 5, thôn Phú Lương",
        "Bùi An Nhiên",
        True,
        "10.00",
        showcase=True,
    ),
    VendorSeed(
        "Cơ sở hương Đức Hạnh",
        "quang-phu-cau",
        "Tăm hương và hương vòng làm thủ công, phơi nắng tự nhiên.",
        "Số 31, thôn Đạo Tú",
        "Nguyễn Đức Hạnh",
        False,
        "8.50",
    ),
    # Phú Vinh
    VendorSeed(
        "Mây tre đan Phú Vinh Hoàng Gia",
        "phu-vinh",
        "Giỏ, làn, khay và đèn mây tre đan xuất khẩu, đan tay từng sợi.",
        "Số 11, thôn Phú Vinh",
        "Đặng Hoàng Gia",
        True,
        "10.00",
        showcase=True,
    ),
    VendorSeed(
        "Mây tre Thủ công Bình Minh",
        "phu-vinh",
        "Đồ gia dụng mây tre và cói cho nhà bếp và phòng khách.",
        "Số 27, thôn Phú Vinh",
        "Trịnh Bình Minh",
        False,
        "9.00",
    ),
    # Chuôn Ngọ
    VendorSeed(
        "Khảm trai Chuôn Ngọ Trường Sơn",
        "chuon-ngo",
        "Tranh và hộp khảm trai, cẩn ốc xà cừ trên nền gỗ và sơn mài.",
        "Số 8, thôn Chuôn Ngọ",
        "Lưu Trường Sơn",
        True,
        "11.00",
        showcase=True,
    ),
    # Xuân La
    VendorSeed(
        "Tò he nghệ nhân Văn Thắng",
        "xuan-la",
        "Tò he nặn từ bột gạo nếp, màu từ lá cây và củ quả; nhận dạy nặn cho trẻ em.",
        "Số 2, thôn Xuân La",
        "Đặng Văn Thắng",
        True,
        "8.00",
        showcase=True,
    ),
    # Sơn Đồng
    VendorSeed(
        "Tượng gỗ Sơn Đồng Phúc Hưng",
        "son-dong",
        "Tượng gỗ mít sơn son thếp vàng, tạc tay theo lối cổ.",
        "Số 56, thôn Sơn Đồng",
        "Nguyễn Phúc Hưng",
        False,
        "12.00",
        showcase=True,
    ),
    VendorSeed(
        "Đồ thờ Sơn Đồng Đại Lộc",
        "son-dong",
        "Hoành phi, câu đối, ngai thờ và đồ thờ gỗ sơn son thếp vàng.",
        "Số 12, thôn Đồng Nhân",
        "Phan Đại Lộc",
        True,
        "10.50",
    ),
    # Quất Động
    VendorSeed(
        "Tranh thêu tay Quất Động Hoa Mai",
        "quat-dong",
        "Tranh thêu chỉ tơ, khăn và túi thêu tay theo mẫu truyền thống.",
        "Số 19, thôn Quất Động",
        "Vũ Thị Mai",
        True,
        "11.00",
        showcase=True,
    ),
    # Hạ Thái
    VendorSeed(
        "Sơn mài Hạ Thái Duy Anh",
        "ha-thai",
        "Sơn ta nhiều lớp, mài tay; tranh, hộp và khay sơn mài khảm trứng.",
        "Số 4, thôn Hạ Thái",
        "Trần Duy Anh",
        True,
        "10.00",
        showcase=True,
    ),
    VendorSeed(
        "Sơn mài Mỹ nghệ Thanh Bình",
        "ha-thai",
        "Bình, đĩa và đồ trang trí sơn mài theo phong cách hiện đại.",
        "Số 23, thôn Hạ Thái",
        "Lê Thanh Bình",
        False,
        "9.50",
    ),
    # Kiêu Kỵ
    VendorSeed(
        "Quỳ vàng Kiêu Kỵ Phú Quý",
        "kieu-ky",
        "Quỳ vàng, quỳ bạc dát thủ công cho sơn son thếp vàng và trang trí.",
        "Số 6, thôn Kiêu Kỵ",
        "Nguyễn Phú Quý",
        False,
        "10.00",
        showcase=True,
    ),
    # Ngũ Xã
    VendorSeed(
        "Đúc đồng Ngũ Xã Nguyên Khang",
        "ngu-xa",
        "Tượng, lư hương và trống đồng đúc thủ công theo khuôn đất.",
        "Số 15, phố Ngũ Xã",
        "Trần Nguyên Khang",
        True,
        "12.00",
        "08:00–18:00, T2–T7",
        showcase=True,
    ),
    # Thạch Xá
    VendorSeed(
        "Chuồn chuồn tre Thạch Xá Quang Huy",
        "thach-xa",
        "Chuồn chuồn tre thăng bằng trên đầu ngón tay, vẽ tay nhiều màu.",
        "Số 10, thôn Thạch Xá",
        "Kiều Quang Huy",
        True,
        "8.00",
        showcase=True,
    ),
    # Phùng Xá
    VendorSeed(
        "Lụa tơ sen Phùng Xá Ngọc Liên",
        "phung-xa",
        "Tơ sen rút tay từ cuống sen và lụa tơ tằm dệt trên khung cửi gỗ.",
        "Số 3, thôn Phùng Xá",
        "Đinh Ngọc Liên",
        True,
        "12.00",
        showcase=True,
    ),
    # Phúc Am
    VendorSeed(
        "Vàng mã Phúc Am Thành Phát",
        "phuc-am",
        "Đồ lễ giấy, đèn lồng và mặt nạ giấy bồi làm thủ công.",
        "Số 21, thôn Phúc Am",
        "Nguyễn Thành Phát",
        False,
        "8.00",
        showcase=True,
    ),
    # Đa Sỹ
    VendorSeed(
        "Dao kéo Đa Sỹ Cường Thịnh",
        "da-sy",
        "Dao, kéo rèn từ thép nhíp, tôi nước và mài tay.",
        "Số 47, tổ dân phố Đa Sỹ",
        "Phạm Cường Thịnh",
        True,
        "10.00",
        "07:00–18:00, T2–CN",
        showcase=True,
    ),
    # Làng Cựu
    VendorSeed(
        "May đo Comple Làng Cựu Quốc Bảo",
        "lang-cuu",
        "Comple, áo vest và sơ mi may đo theo số đo, thợ lành nghề của làng Cựu.",
        "Số 8, thôn Cựu",
        "Nguyễn Quốc Bảo",
        True,
        "11.00",
        "08:00–18:00, T2–T7",
        showcase=True,
    ),
    # OCOP food and drink shops (any village)
    VendorSeed(
        "Đặc sản Thanh Oai Phương Nam",
        "chuong",
        "Gạo nếp, miến dong và đặc sản khô của vùng Thanh Oai.",
        "Số 30, thôn Phương Trung",
        "Lê Phương Nam",
        True,
        "9.00",
        craft=FOOD,
        showcase=True,
    ),
    VendorSeed(
        "Trà và mật ong Ứng Thiên Minh Phát",
        "quang-phu-cau",
        "Trà sen, trà hoa và mật ong hoa nhãn đóng hộp quà.",
        "Số 16, thôn Phú Cầu",
        "Trương Minh Phát",
        False,
        "9.00",
        craft=FOOD,
    ),
    VendorSeed(
        "Bánh kẹo quê Gia Lâm Bà Tư",
        "kieu-ky",
        "Kẹo lạc, chè lam và bánh cốm làm theo công thức gia truyền.",
        "Số 9, thôn Kiêu Kỵ",
        "Nguyễn Thị Tư",
        True,
        "8.50",
        craft=FOOD,
    ),
    # Awaiting approval: its products exist but stay invisible.
    VendorSeed(
        "Gốm Phúc Lộc Bát Tràng",
        "bat-trang",
        "Xưởng gốm mới mở, đang chờ duyệt hồ sơ.",
        "Số 88, xóm 1, thôn Bát Tràng",
        "Hà Phúc Lộc",
        False,
        "10.00",
        pending=True,
    ),
)

PRODUCTS_PER_VENDOR = 11
PRODUCTS_PER_PENDING_VENDOR = 5


def vendor_slug(seed: VendorSeed) -> str:
    return slugify_vi(seed.name)


def warehouse_slug(vendor_slug_value: str) -> str:
    """The workshop warehouse of a shop: ``xuong-<vendor slug>`` (xưởng = workshop)."""
    return f"xuong-{vendor_slug_value}"
