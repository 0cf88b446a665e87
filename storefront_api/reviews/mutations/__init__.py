from storefront_api.reviews.mutations.reviews import (
    ProductReviewCreate,
    ProductReviewHide,
    ProductReviewReply,
    ProductReviewUpdate,
    ProductReviewVoteHelpful,
)
from storefront_api.reviews.mutations.settings import AccountNotificationSettingsUpdate

__all__ = [
    "AccountNotificationSettingsUpdate",
    "ProductReviewCreate",
    "ProductReviewHide",
    "ProductReviewReply",
    "ProductReviewUpdate",
    "ProductReviewVoteHelpful",
]
