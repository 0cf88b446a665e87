"""The one base view of the back office (after Wagtail's admin views): the role gate, a
form, one service call, then a redirect with a message — or the bound form again, with
the service's errors beside their fields. Works without JavaScript (POST, then redirect).

A page sets ``area`` (who may open it), ``nav_key`` (its navigation entry), ``title``,
``template_name`` and, for a form, ``form_class`` and ``perform(form)`` — the service call,
with ``self.request.user`` as the actor, returning where to go next. Listings set
``partial_template_name``: an htmx request (a search typed, a filter changed) gets just the
results, rendered by the same template the full page includes.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views import View

from backoffice import idempotency
from backoffice.navigation import navigation
from backoffice.roles import Area, Roles, roles
from marketplace.accounts.models import User


class SignedInRequest(HttpRequest):
    """What a back-office view sees once ``dispatch`` has let the request in: a user."""

    user: User


class BackOfficeView(View):
    area: Area | None = None  # None: any signed-in person
    nav_key: str | None = None
    title: Any = ""
    template_name: str = ""
    partial_template_name: str | None = None
    form_class: Any = None
    success_message: Any = _("Saved.")
    needs_shop = True  # seller pages: a shop must be chosen first

    request: SignedInRequest  # dispatch sends anonymous visitors to the sign-in page
    roles: Roles

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.roles = roles(request)
        if self.area is not None and self.area not in self.roles.areas:
            return self.forbidden()
        if self.area == Area.SELLER and self.needs_shop and self.roles.shop is None:
            return HttpResponseRedirect(f"{_url('backoffice:choose-shop')}?next={request.path}")
        try:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[return-value]
        except PermissionDenied:
            return self.forbidden()

    def forbidden(self) -> HttpResponse:
        return TemplateResponse(self.request, "backoffice/errors/403.html", self.base_context(), status=403)

    # ------------------------------------------------------------ rendering

    def base_context(self) -> dict[str, Any]:
        roles_ = getattr(self, "roles", None)
        return {
            "title": self.title,
            "navigation": navigation(roles_, self.nav_key) if roles_ else [],
            "roles": roles_,
            "view": self,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**self.base_context(), **kwargs}

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        template = self.template_name
        headers = self.request.headers
        if (
            self.partial_template_name
            and headers.get("HX-Request") == "true"
            and headers.get("HX-History-Restore-Request") != "true"  # "back" wants the whole page
        ):
            template = self.partial_template_name
        response = TemplateResponse(
            self.request, template, self.get_context_data(**kwargs), status=status_code
        )
        if self.partial_template_name:
            patch_vary_headers(response, ["HX-Request"])
        return response

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(form=self.get_form() if self.form_class else None)

    # ------------------------------------------------------------ the form and its one service call

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return self.form_class(data=data, files=files, **self.get_form_kwargs())

    def perform(self, form: Any) -> str:
        """Call one service with ``self.request.user`` as the actor; return the URL to go to."""
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.form_class is None:
            return HttpResponse(status=405)
        form = self.get_form(request.POST, request.FILES)
        claim = idempotency.claim(user_id=request.user.pk, token=getattr(form, "token", None))  # type: ignore[arg-type]
        if claim.done_url:  # sent again after it succeeded: where the first one led, nothing redone
            messages.info(request, str(_("This form was already saved.")))  # text now: see below
            return HttpResponseRedirect(claim.done_url)
        if claim.in_progress:
            form.add_error(None, _("This form is still being saved; wait a moment, then reload the page."))
            return self.render(409, form=form)
        try:
            if form.is_valid():
                url = self.perform(form)
                idempotency.complete(claim, url)
                if self.success_message:
                    # as text in the person's language now: the message middleware stores it
                    # after the language middleware has gone back to the default language
                    messages.success(request, str(self.success_message))
                return HttpResponseRedirect(url)
        except ValidationError as error:
            form.add_service_errors(error)
        except BaseException:
            idempotency.release(claim)
            raise
        idempotency.release(claim)
        return self.render(form=form)


def _url(name: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(name, args=args)
