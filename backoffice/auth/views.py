"""Signing in and out of the back office, the language switch, the shop picker and the
home page that sends each person to their area.

Sign-in is the accounts service's (``marketplace.accounts.services.authenticate``): the
same accounts, the same per-IP and per-account throttling as ``tokenCreate``. It starts a
Django session whose cookie is sent only to the back office (see ``backoffice.middleware``).
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from backoffice import languages
from backoffice.forms import BackOfficeForm
from backoffice.roles import Area, roles
from backoffice.views.base import BackOfficeView
from marketplace.accounts import services as accounts

AREA_HOMES = {
    Area.SELLER: "backoffice:seller-home",
    Area.CURATOR: "backoffice:curator-home",
    Area.STAFF: "backoffice:staff-home",
}
SIGN_IN_MESSAGES = {
    "INVALID_CREDENTIALS": _("The e-mail or the password is not right."),
    "LOGIN_ATTEMPT_DELAYED": _("Too many attempts. Wait a little, then try again."),
    "INACTIVE": _("This account is closed."),
    "ACCOUNT_NOT_CONFIRMED": _("Confirm your e-mail address first (open the link we sent you)."),
}


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith(settings.BACKOFFICE_PREFIX) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return default


class SignInForm(BackOfficeForm):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    password = forms.CharField(label=_("Password"), max_length=128, strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="username", inputmode="email")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    home = reverse("backoffice:home")
    if request.user.is_authenticated:
        return HttpResponseRedirect(safe_next(request, home))
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.authenticate(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                ip=request.META.get("REMOTE_ADDR", ""),
            )
        except ValidationError as error:
            code = next((e.code for errors in error.error_dict.values() for e in errors), None)
            form.add_error(None, SIGN_IN_MESSAGES.get(code or "", SIGN_IN_MESSAGES["INVALID_CREDENTIALS"]))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return HttpResponseRedirect(safe_next(request, home))
    context = {"form": form, "title": _("Sign in"), "next": safe_next(request, "")}
    return TemplateResponse(request, "backoffice/auth/sign_in.html", context)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Switch the language: a signed-in person's account keeps it (the accounts service), a
    visitor's choice is kept in a cookie."""
    chosen = languages.normalize(request.POST.get("language"))
    response = HttpResponseRedirect(safe_next(request, reverse("backoffice:home")))
    if request.user.is_authenticated:
        accounts.account_update(user=request.user, data={"language_code": chosen})
    else:
        response.set_cookie(
            languages.COOKIE,
            chosen,
            max_age=365 * 24 * 3600,
            path=settings.BACKOFFICE_PREFIX,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


class HomeView(BackOfficeView):
    """Each person's start: their only area, or a choice of their areas."""

    title = _("Back office")
    template_name = "backoffice/auth/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        areas = self.roles.areas
        if not areas:
            return self.forbidden()
        if len(areas) == 1:
            return HttpResponseRedirect(reverse(AREA_HOMES[areas[0]]))
        return self.render(areas=[{"area": a, "url": reverse(AREA_HOMES[a])} for a in areas])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from backoffice.navigation import AREA_LABELS

        context = super().get_context_data(**kwargs)
        for entry in context.get("areas", []):
            entry["label"] = AREA_LABELS[entry["area"]]
        return context


class ChooseShopView(BackOfficeView):
    """A member of several shops picks the one to work on (kept in the session)."""

    area = Area.SELLER
    needs_shop = False
    title = _("Choose a shop")
    template_name = "backoffice/auth/choose_shop.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            vendor_id = int(request.POST.get("shop", ""))
        except ValueError:
            vendor_id = 0
        if not roles(request).choose_shop(vendor_id):
            return self.render(400, error=_("Choose one of your shops."))
        return HttpResponseRedirect(safe_next(request, reverse("backoffice:seller-home")))
