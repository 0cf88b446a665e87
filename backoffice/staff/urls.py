"""The staff console's pages (names are in the ``backoffice`` namespace)."""

from django.urls import path

from backoffice.staff import audit, catalog, groups, routes, shipping, shops

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
    path("staff/audit/", audit.AuditLogView.as_view(), name="staff-audit"),
    path("staff/groups/", groups.GroupListView.as_view(), name="staff-groups"),
    path("staff/groups/new/", groups.GroupEditView.as_view(), name="staff-group-new"),
    path("staff/groups/<int:pk>/", groups.GroupEditView.as_view(), name="staff-group"),
    path("staff/shipping/", shipping.ShippingView.as_view(), name="staff-shipping"),
    path("staff/shipping/new/", shipping.ZoneEditView.as_view(), name="staff-zone-new"),
    path("staff/shipping/<int:pk>/", shipping.ZoneEditView.as_view(), name="staff-zone"),
    path("staff/shipping/<int:pk>/delete/", shipping.ZoneDeleteView.as_view(), name="staff-zone-delete"),
    path(
        "staff/shipping/<int:zone>/methods/new/", shipping.MethodEditView.as_view(), name="staff-method-new"
    ),
    path(
        "staff/shipping/<int:zone>/methods/<int:pk>/", shipping.MethodEditView.as_view(), name="staff-method"
    ),
    path(
        "staff/shipping/<int:zone>/methods/<int:pk>/delete/",
        shipping.MethodDeleteView.as_view(),
        name="staff-method-delete",
    ),
    path("staff/catalogue/", catalog.CatalogueView.as_view(), name="staff-catalogue"),
    path("staff/catalogue/categories/new/", catalog.CategoryEditView.as_view(), name="staff-category-new"),
    path("staff/catalogue/categories/<int:pk>/", catalog.CategoryEditView.as_view(), name="staff-category"),
    path(
        "staff/catalogue/categories/<int:pk>/image/",
        catalog.CategoryImageView.as_view(),
        name="staff-category-image",
    ),
    path("staff/catalogue/types/new/", catalog.ProductTypeEditView.as_view(), name="staff-product-type-new"),
    path("staff/catalogue/types/<int:pk>/", catalog.ProductTypeEditView.as_view(), name="staff-product-type"),
    path(
        "staff/catalogue/types/<int:pk>/delete/",
        catalog.ProductTypeDeleteView.as_view(),
        name="staff-product-type-delete",
    ),
    path("staff/catalogue/attributes/new/", catalog.AttributeEditView.as_view(), name="staff-attribute-new"),
    path("staff/catalogue/attributes/<int:pk>/", catalog.AttributeEditView.as_view(), name="staff-attribute"),
    path(
        "staff/catalogue/attributes/<int:attribute>/values/<int:pk>/",
        catalog.AttributeValueEditView.as_view(),
        name="staff-attribute-value",
    ),
    path(
        "staff/catalogue/attributes/<int:attribute>/values/<int:pk>/delete/",
        catalog.AttributeValueDeleteView.as_view(),
        name="staff-attribute-value-delete",
    ),
]
