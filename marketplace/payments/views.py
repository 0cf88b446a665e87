"""Payment providers' callbacks: plain Django views (STYLE.md)."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from marketplace.core.clients import client_of
from marketplace.payments.ipn import handle_ipn


@csrf_exempt
@require_GET
def vnpay_ipn(request: HttpRequest) -> JsonResponse:
    """VNPay calls this (GET, signed query string) and reads ``{"RspCode", "Message"}``."""
    return JsonResponse(handle_ipn(request.GET.dict(), remote_addr=client_of(request.META).ip))
