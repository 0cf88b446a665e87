from storefront_api.curation.mutations.collection_products import (
    CollectionAddProducts,
    CollectionRemoveProducts,
    CollectionReorderProducts,
)
from storefront_api.curation.mutations.collections import (
    CollectionChannelListingUpdate,
    CollectionCreate,
    CollectionDelete,
    CollectionTranslate,
    CollectionUpdate,
)
from storefront_api.curation.mutations.submissions import (
    ShowcaseSubmissionCreate,
    ShowcaseSubmissionReview,
    ShowcaseSubmissionWithdraw,
)

__all__ = [
    "CollectionAddProducts",
    "CollectionChannelListingUpdate",
    "CollectionCreate",
    "CollectionDelete",
    "CollectionRemoveProducts",
    "CollectionReorderProducts",
    "CollectionTranslate",
    "CollectionUpdate",
    "ShowcaseSubmissionCreate",
    "ShowcaseSubmissionReview",
    "ShowcaseSubmissionWithdraw",
]
