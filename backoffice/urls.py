"""The back office, under ``/studio/`` (``settings.BACKOFFICE_PREFIX``)."""

from django.urls import path

from backoffice.auth import views as auth
from backoffice.curator import collections, queues
from backoffice.seller import orders, photos, picker, products, returns, reviews, shop, vouchers
from backoffice.staff import urls as staff_urls
from backoffice.views import consoles

app_name = "backoffice"

urlpatterns = [
    path("", auth.HomeView.as_view(), name="home"),
    path("sign-in/", auth.sign_in, name="sign-in"),
    path("sign-out/", auth.sign_out, name="sign-out"),
    path("language/", auth.language, name="language"),
    path("shop/choose/", auth.ChooseShopView.as_view(), name="choose-shop"),
    # the seller centre
    path("seller/", shop.SellerHomeView.as_view(), name="seller-home"),
    path("seller/products/", products.ProductListView.as_view(), name="products"),
    path("seller/products/new/", products.NewProductView.as_view(), name="product-new"),
    path("seller/products/picks/", picker.ProductPicksView.as_view(), name="product-picks"),
    path(
        "seller/products/new/<int:product_type>/", products.ProductEditView.as_view(), name="product-create"
    ),
    path("seller/products/<int:pk>/", products.ProductEditView.as_view(), name="product-edit"),
    path(
        "seller/products/<int:pk>/publish/",
        products.ProductActionView.as_view(action="publish"),
        name="product-publish",
    ),
    path(
        "seller/products/<int:pk>/unpublish/",
        products.ProductActionView.as_view(action="unpublish"),
        name="product-unpublish",
    ),
    path(
        "seller/products/<int:pk>/duplicate/",
        products.ProductActionView.as_view(action="duplicate"),
        name="product-duplicate",
    ),
    path("seller/products/<int:pk>/photos/", photos.PhotosView.as_view(), name="product-photos"),
    path(
        "seller/products/<int:pk>/photos/order/", photos.PhotoOrderView.as_view(), name="product-photos-order"
    ),
    path(
        "seller/products/<int:pk>/photos/<int:media_id>/delete/",
        photos.PhotoDeleteView.as_view(),
        name="product-photo-delete",
    ),
    path(
        "seller/products/<int:pk>/photos/grant/",
        photos.DirectUploadView.as_view(step="grant"),
        name="product-photos-grant",
    ),
    path(
        "seller/products/<int:pk>/photos/confirm/",
        photos.DirectUploadView.as_view(step="confirm"),
        name="product-photos-confirm",
    ),
    path("seller/orders/", orders.OrderListView.as_view(), name="orders"),
    path("seller/orders/<int:pk>/", orders.OrderDetailView.as_view(), name="order"),
    path("seller/orders/<int:pk>/slip/", orders.PackingSlipView.as_view(), name="order-slip"),
    path("seller/orders/<int:pk>/ready/", orders.OrderActionView.as_view(action="ready"), name="order-ready"),
    path("seller/orders/<int:pk>/paid/", orders.OrderActionView.as_view(action="paid"), name="order-paid"),
    path("seller/returns/", returns.ReturnListView.as_view(), name="returns"),
    path("seller/returns/<int:pk>/", returns.ReturnDetailView.as_view(), name="return"),
    path("seller/returns/<int:pk>/receive/", returns.ReceiveView.as_view(), name="return-receive"),
    path("seller/returns/<int:pk>/transfer/", returns.TransferView.as_view(), name="return-transfer"),
    path("seller/ocop/", shop.OcopView.as_view(), name="ocop"),
    path("seller/showcase/", shop.ShowcaseView.as_view(), name="showcase"),
    path("seller/showcase/<int:pk>/withdraw/", shop.WithdrawView.as_view(), name="showcase-withdraw"),
    path("seller/reviews/", reviews.ReviewsView.as_view(), name="reviews"),
    path("seller/reviews/<int:pk>/reply/", reviews.ReplyView.as_view(), name="review-reply"),
    path("seller/payouts/", shop.PayoutsView.as_view(), name="payouts"),
    path("seller/vouchers/", vouchers.VouchersView.as_view(), name="vouchers"),
    path("seller/vouchers/<int:pk>/delete/", vouchers.VoucherDeleteView.as_view(), name="voucher-delete"),
    path("seller/shop/", shop.ShopView.as_view(), name="shop"),
    path("seller/shop/members/", shop.MemberAddView.as_view(), name="shop-member-add"),
    # the consoles (curators, staff)
    path("curator/", consoles.CuratorHomeView.as_view(), name="curator-home"),
    path("staff/", consoles.StaffHomeView.as_view(), name="staff-home"),
    *staff_urls.urlpatterns,
    # the curators' queues and featured collections, the staff's shop applications
    path("curator/showcase/", queues.ShowcaseQueueView.as_view(), name="curator-showcase"),
    path(
        "curator/showcase/<int:pk>/decide/",
        queues.ShowcaseDecideView.as_view(),
        name="curator-showcase-decide",
    ),
    path("curator/ocop/", queues.OcopQueueView.as_view(), name="curator-ocop"),
    path("curator/ocop/<int:pk>/decide/", queues.OcopDecideView.as_view(), name="curator-ocop-decide"),
    path("curator/collections/", collections.CollectionListView.as_view(), name="curator-collections"),
    path(
        "curator/collections/new/", collections.CollectionCreateView.as_view(), name="curator-collection-new"
    ),
    path(
        "curator/collections/<int:pk>/", collections.CollectionEditView.as_view(), name="curator-collection"
    ),
    path(
        "curator/collections/<int:pk>/products/add/",
        collections.CollectionAddProductView.as_view(),
        name="curator-collection-add",
    ),
    path(
        "curator/collections/<int:pk>/products/picks/",
        collections.CollectionPicksView.as_view(),
        name="curator-collection-picks",
    ),
    path(
        "curator/collections/<int:pk>/products/order/",
        collections.CollectionOrderView.as_view(),
        name="curator-collection-order",
    ),
    path(
        "curator/collections/<int:pk>/schedule/",
        collections.CollectionScheduleView.as_view(),
        name="curator-collection-schedule",
    ),
    path(
        "curator/collections/<int:pk>/image/",
        collections.CollectionImageView.as_view(),
        name="curator-collection-image",
    ),
    path(
        "curator/collections/<int:pk>/delete/",
        collections.CollectionDeleteView.as_view(),
        name="curator-collection-delete",
    ),
    path(
        "curator/collections/<int:pk>/preview/",
        collections.CollectionPreviewView.as_view(),
        name="curator-collection-preview",
    ),
    path("staff/applications/", queues.ApplicationQueueView.as_view(), name="staff-applications"),
    path(
        "staff/applications/<int:pk>/decide/",
        queues.ApplicationDecideView.as_view(),
        name="staff-applications-decide",
    ),
]
