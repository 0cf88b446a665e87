import graphene

from marketplace.inventory.models import Warehouse as WarehouseModel
from storefront_api.core.object_types import ModelObjectType


class WarehouseClickAndCollectOptionEnum(graphene.Enum):
    DISABLED = "DISABLED"
    LOCAL = "LOCAL"
    ALL = "ALL"


class Warehouse(ModelObjectType):
    click_and_collect_option = graphene.Field(
        WarehouseClickAndCollectOptionEnum,
        required=True,
        description="LOCAL: pickup of this warehouse's own stock; ALL: any vendor's items, consolidated.",
    )
    opening_hours = graphene.String()
    address = graphene.Field("storefront_api.account.types.Address", required=True)

    class Meta:
        model = WarehouseModel
        fields = ("id", "name", "slug", "email")
        description = "A place stock is kept: an artisan's workshop or the Design Centre."

    @staticmethod
    def resolve_click_and_collect_option(root: WarehouseModel, info):
        return str(root.click_and_collect_option)

    @staticmethod
    def resolve_opening_hours(root: WarehouseModel, info):
        return root.opening_hours or None
