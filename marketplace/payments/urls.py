from django.urls import path

from marketplace.payments.views import vnpay_ipn

urlpatterns = [path("vnpay/ipn/", vnpay_ipn, name="vnpay-ipn")]
