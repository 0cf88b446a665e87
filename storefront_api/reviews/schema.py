"""Reviews and the signed-in person's notification channels."""

import graphene

from storefront_api.reviews import mutations as m


class ReviewMutations(graphene.ObjectType):
    product_review_create = m.ProductReviewCreate.Field()
    product_review_update = m.ProductReviewUpdate.Field()
    product_review_reply = m.ProductReviewReply.Field()
    product_review_hide = m.ProductReviewHide.Field()
    product_review_vote_helpful = m.ProductReviewVoteHelpful.Field()
    account_notification_settings_update = m.AccountNotificationSettingsUpdate.Field()
