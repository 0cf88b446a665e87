from typing import Any

import graphene
from django.utils import translation

from vendors.ocop.models import OcopCertificateStatus, OcopProductGroup


class OcopProductGroupEnum(graphene.Enum):
    # 2022 scheme (919/QĐ-TTg)
    FOOD = OcopProductGroup.FOOD.value
    BEVERAGES = OcopProductGroup.BEVERAGES.value
    HERBAL_MEDICINE = OcopProductGroup.HERBAL_MEDICINE.value
    HANDICRAFTS = OcopProductGroup.HANDICRAFTS.value
    ORNAMENTAL_PLANTS = OcopProductGroup.ORNAMENTAL_PLANTS.value
    TOURISM_SERVICES = OcopProductGroup.TOURISM_SERVICES.value
    # 2018-only groups (490/QĐ-TTg)
    TEXTILES_GARMENTS = OcopProductGroup.TEXTILES_GARMENTS.value
    SOUVENIRS_FURNITURE_DECORATION = OcopProductGroup.SOUVENIRS_FURNITURE_DECORATION.value

    @property
    def description(self) -> str:
        scheme = (
            "2018 scheme only" if self.name in ("TEXTILES_GARMENTS", "SOUVENIRS_FURNITURE_DECORATION") else ""
        )
        with translation.override("vi"):  # the group's official (Vietnamese) name
            label = str(OcopProductGroup(self.name).label)
        return f"{label} ({scheme})." if scheme else f"{label}."


class OcopCertificateStatusEnum(graphene.Enum):
    SUBMITTED = OcopCertificateStatus.SUBMITTED.value
    VERIFIED = OcopCertificateStatus.VERIFIED.value
    REJECTED = OcopCertificateStatus.REJECTED.value
    REVOKED = OcopCertificateStatus.REVOKED.value

    @property
    def description(self) -> str:
        return {
            "SUBMITTED": "Sent by the shop, waiting for review.",
            "VERIFIED": "Checked by a curator or staff; counts while inside its validity.",
            "REJECTED": "Refused by a curator or staff (see the review note).",
            "REVOKED": "Withdrawn by staff after verification.",
        }[self.name]


def enum_value(item: Any) -> Any:
    """The value of a graphene enum argument (a member or already its value)."""
    return getattr(item, "value", item)
