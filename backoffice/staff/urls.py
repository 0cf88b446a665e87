"""The staff console's pages (names are in the ``backoffice`` namespace)."""

from django.urls import path

from backoffice.staff import shops

urlpatterns = [
    path("staff/shops/", shops.ShopListView.as_view(), name="staff-shops"),
    path("staff/shops/<int:pk>/", shops.ShopDetailView.as_view(), name="staff-shop"),
    path(
        "staff/shops/<int:pk>/commission/", shops.ShopCommissionView.as_view(), name="staff-shop-commission"
    ),
    path("staff/shops/<int:pk>/suspend/", shops.ShopSuspendView.as_view(), name="staff-shop-suspend"),
    path("staff/shops/<int:pk>/approve/", shops.ShopApproveView.as_view(), name="staff-shop-approve"),
]
