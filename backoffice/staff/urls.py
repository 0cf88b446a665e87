"""The staff console's pages (names are in the ``backoffice`` namespace)."""

from django.urls import path

from backoffice.staff import groups, routes, shipping, shops

urlpatterns = [
    path("staff/shops/", shops.ShopListView.as_view(), name="staff-shops"),
    path("staff/shops/<int:pk>/", shops.ShopDetailView.as_view(), name="staff-shop"),
    path(
        "staff/shops/<int:pk>/commission/", shops.ShopCommissionView.as_view(), name="staff-shop-commission"
    ),
    path("staff/shops/<int:pk>/suspend/", shops.ShopSuspendView.as_view(), name="staff-shop-suspend"),
    path("staff/shops/<int:pk>/approve/", shops.ShopApproveView.as_view(), name="staff-shop-approve"),
    path("staff/routes/", routes.RouteListView.as_view(), name="staff-routes"),
    path("staff/routes/new/", routes.RouteEditView.as_view(), name="staff-route-new"),
    path("staff/routes/<int:pk>/", routes.RouteEditView.as_view(), name="staff-route"),
    path("staff/routes/<int:pk>/stops/", routes.RouteStopsView.as_view(), name="staff-route-stops"),
    path("staff/groups/", groups.GroupListView.as_view(), name="staff-groups"),
    path("staff/groups/new/", groups.GroupEditView.as_view(), name="staff-group-new"),
    path("staff/groups/<int:pk>/", groups.GroupEditView.as_view(), name="staff-group"),
    path("staff/shipping/", shipping.ShippingView.as_view(), name="staff-shipping"),
    path("staff/shipping/<int:pk>/", shipping.ZoneEditView.as_view(), name="staff-zone"),
    path(
        "staff/shipping/<int:zone>/methods/new/", shipping.MethodEditView.as_view(), name="staff-method-new"
    ),
    path(
        "staff/shipping/<int:zone>/methods/<int:pk>/", shipping.MethodEditView.as_view(), name="staff-method"
    ),
]
