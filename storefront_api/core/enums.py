import graphene
from django.conf.locale import LANG_INFO


def _language_codes() -> list[tuple[str, str]]:
    codes = sorted(code for code, info in LANG_INFO.items() if "name" in info)
    return [(code.replace("-", "_").upper(), code) for code in codes]


LanguageCodeEnum = graphene.Enum("LanguageCodeEnum", _language_codes())


class OrderDirection(graphene.Enum):
    ASC = "ASC"
    DESC = "DESC"

    @property
    def description(self) -> str:
        return "Ascending." if self == OrderDirection.ASC else "Descending."


class ThumbnailFormatEnum(graphene.Enum):
    ORIGINAL = "ORIGINAL"
    WEBP = "WEBP"
    JPEG = "JPEG"
    PNG = "PNG"


class WeightUnitsEnum(graphene.Enum):
    G = "g"
    LB = "lb"
    OZ = "oz"
    KG = "kg"
    TONNE = "tonne"
