from typing import Any

import graphene

from marketplace.curation.models import ShowcaseSubmissionStatus


class ShowcaseSubmissionStatusEnum(graphene.Enum):
    PENDING = ShowcaseSubmissionStatus.PENDING.value
    APPROVED = ShowcaseSubmissionStatus.APPROVED.value
    REJECTED = ShowcaseSubmissionStatus.REJECTED.value
    WITHDRAWN = ShowcaseSubmissionStatus.WITHDRAWN.value

    @property
    def description(self) -> str:
        return {
            "PENDING": "Proposed by the shop, waiting for a curator.",
            "APPROVED": "Chosen by a curator: the product is listed in the design-centre channel.",
            "REJECTED": "Not chosen (see the curator's note).",
            "WITHDRAWN": "Withdrawn by the shop or a curator; no longer in the showcase.",
        }[self.name]


class ShowcaseDecisionEnum(graphene.Enum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"

    @property
    def description(self) -> str:
        return {
            "APPROVE": "List the product in the design-centre channel.",
            "REJECT": "Refuse the submission (the note is required and sent to the shop).",
        }[self.name]


def enum_value(item: Any) -> Any:
    """The value of a graphene enum argument (a member or already its value)."""
    return getattr(item, "value", item)
