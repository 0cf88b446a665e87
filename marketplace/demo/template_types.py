"""The shape of a product template (see ``product_templates.py``) and the variant axes
the templates draw from."""

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

CERAMIC_AXES = {"kich-thuoc": SIZES, "men": GLAZES}
LACQUER_COLOURS = ("do", "den", "nau", "vang")
NATURAL_COLOURS = ("tu-nhien", "nau", "den", "trang")
SILK_COLOURS = ("do", "xanh-lam", "vang", "trang", "hong-sen", "tim", "xanh-ngoc")
