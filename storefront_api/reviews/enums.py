import graphene


class ProductReviewSortField(graphene.Enum):
    CREATED_AT = "CREATED_AT"
    HELPFUL = "HELPFUL"
    RATING = "RATING"

    @property
    def description(self) -> str:
        return {
            "CREATED_AT": "Sort reviews by the date they were written (DESC: newest first).",
            "HELPFUL": "Sort reviews by their helpful votes (DESC: most helpful first).",
            "RATING": "Sort reviews by their stars.",
        }[self.name]
