"""The seller centre's home, OCOP certificates, showcase submissions, payout statements
and the shop's profile and members."""

from datetime import date
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backoffice.components import StatCard, StatusBadge
from backoffice.forms import BackOfficeForm
from backoffice.roles import Area
from backoffice.seller import queries
from backoffice.seller.picker import FIND_FORM, ProductPickField, picks_for
from backoffice.views.base import BackOfficeView
from marketplace.curation.models import ShowcaseSubmissionStatus
from marketplace.curation.services import submission_create, submission_withdraw
from marketplace.payouts.selectors import payout_summary
from vendors.ocop.models import OcopCertificateStatus, OcopProductGroup
from vendors.ocop.services import certificate_submit
from vendors.shops.models import VendorMemberRole
from vendors.shops.services import vendor_member_add, vendor_update

SUBMISSION_LABELS = {
    ShowcaseSubmissionStatus.PENDING: (_("Waiting for a curator"), "warn"),
    ShowcaseSubmissionStatus.APPROVED: (_("In the showcase"), "ok"),
    ShowcaseSubmissionStatus.REJECTED: (_("Not accepted"), "bad"),
    ShowcaseSubmissionStatus.WITHDRAWN: (_("Withdrawn"), "muted"),
}
CERTIFICATE_LABELS = {
    OcopCertificateStatus.SUBMITTED: (_("Being reviewed"), "warn"),
    OcopCertificateStatus.VERIFIED: (_("Verified"), "ok"),
    OcopCertificateStatus.REJECTED: (_("Rejected"), "bad"),
    OcopCertificateStatus.REVOKED: (_("Revoked"), "bad"),
}
MONTHS_SHOWN = 6


def badge(labels: dict[str, Any], status: str) -> StatusBadge:
    label, tone = labels.get(status, (status, "muted"))
    return StatusBadge(label=label, tone=tone)


def recent_months(today: date, count: int) -> list[str]:
    year, month = today.year, today.month
    months = []
    for _step in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


class SellerHomeView(BackOfficeView):
    area = Area.SELLER
    nav_key = "seller-home"
    title = _("Today")
    template_name = "backoffice/seller/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scope = self.roles.shop_scope
        figures = queries.home_figures(scope)
        month = timezone.localdate().strftime("%Y-%m")
        summary = payout_summary(vendor=self.roles.shop, period=month)  # type: ignore[arg-type]
        orders = reverse("backoffice:orders")
        stats = [
            StatCard(
                _("new orders today"),
                figures["new_today"],
                f"{orders}",
                "ok" if figures["new_today"] else "muted",
            ),
            StatCard(
                _("orders to ship"),
                figures["waiting"],
                f"{orders}?status=WAITING",
                "warn" if figures["waiting"] else "muted",
            ),
            StatCard(
                _("returns to decide"),
                figures["returns_waiting"],
                f"{reverse('backoffice:returns')}?status=REQUESTED",
                "warn" if figures["returns_waiting"] else "muted",
            ),
            StatCard(
                _("variants low on stock"),
                figures["low_stock"],
                reverse("backoffice:products"),
                "bad" if figures["low_stock"] else "muted",
            ),
        ]
        submissions = list(queries.submissions(scope)[:5])
        return self.render(
            stats=stats,
            summary=summary,
            low_stock=queries.low_stock_variants(scope),
            expiring=list(queries.certificates_expiring(scope)[:5]),
            submissions=[(s, badge(SUBMISSION_LABELS, s.status)) for s in submissions],  # type: ignore[arg-type]
        )


# ---------------------------------------------------------------- OCOP


class CertificateForm(BackOfficeForm):
    product = ProductPickField(label=_("Product"))
    stars = forms.TypedChoiceField(label=_("Stars"), coerce=int, choices=[(3, "3 ★"), (4, "4 ★"), (5, "5 ★")])
    score = forms.IntegerField(label=_("Score (out of 100)"), required=False, min_value=0, max_value=100)
    product_group = forms.ChoiceField(label=_("OCOP product group"), choices=OcopProductGroup.choices)
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decision_date = forms.DateField(label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date"}))
    issued_by = forms.CharField(
        label=_("Issued by"), max_length=255, help_text=_("e.g. UBND thành phố Hà Nội")
    )
    document = forms.FileField(
        label=_("Scan of the certificate"),
        help_text=_("PDF or a photo, at most 10 MB. Only you and the reviewers see it."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )
    service_fields = {"product_id": "product"}

    def __init__(self, *args: Any, products: list[tuple[int, str]], find: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].set_picks(products, find=find)  # type: ignore[attr-defined]


class OcopView(BackOfficeView):
    area = Area.SELLER
    nav_key = "ocop"
    title = _("OCOP certificates")
    template_name = "backoffice/seller/ocop.html"
    form_class = CertificateForm
    success_message = _("Certificate sent. A reviewer will check it.")

    def get_form_kwargs(self) -> dict[str, Any]:
        products, find = picks_for(self.request, self.roles.shop_scope)
        return {"products": products, "find": find}

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        certificate_submit(
            actor=self.request.user,
            product_id=data["product"],
            stars=data["stars"],
            score=data["score"],
            product_group=data["product_group"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
            issued_by=data["issued_by"],
            document=data["document"],
        )
        return reverse("backoffice:ocop")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rows = [(c, badge(CERTIFICATE_LABELS, c.status)) for c in queries.certificates(self.roles.shop_scope)]  # type: ignore[arg-type]
        return super().get_context_data(
            certificates=rows, today=timezone.localdate(), find_form=FIND_FORM, **kwargs
        )


# ---------------------------------------------------------------- showcase


class SubmissionForm(BackOfficeForm):
    product = ProductPickField(label=_("Product"))
    pitch = forms.CharField(
        label=_("Why it belongs in the Design Centre"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    service_fields = {"product_id": "product"}

    def __init__(self, *args: Any, products: list[tuple[int, str]], find: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].set_picks(products, find=find)  # type: ignore[attr-defined]


class ShowcaseView(BackOfficeView):
    area = Area.SELLER
    nav_key = "showcase"
    title = _("Design Centre showcase")
    template_name = "backoffice/seller/showcase.html"
    form_class = SubmissionForm
    success_message = _("Proposed. A curator of the Design Centre will answer.")

    def get_form_kwargs(self) -> dict[str, Any]:
        products, find = picks_for(self.request, self.roles.shop_scope)
        return {"products": products, "find": find}

    def perform(self, form: Any) -> str:
        product = queries.shop_product(self.roles.shop_scope, form.cleaned_data["product"])
        submission_create(actor=self.request.user, product=product, pitch=form.cleaned_data["pitch"])
        return reverse("backoffice:showcase")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rows = [(s, badge(SUBMISSION_LABELS, s.status)) for s in queries.submissions(self.roles.shop_scope)]  # type: ignore[arg-type]
        return super().get_context_data(
            submissions=rows, withdraw_form=BackOfficeForm(), find_form=FIND_FORM, **kwargs
        )


class WithdrawView(ShowcaseView):
    form_class = BackOfficeForm  # type: ignore[assignment]
    success_message = _("The submission is withdrawn.")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def perform(self, form: Any) -> str:
        submission = queries.submissions(self.roles.shop_scope).filter(pk=self.kwargs["pk"]).first()
        if submission is None:
            raise Http404
        submission_withdraw(actor=self.request.user, submission=submission)
        return reverse("backoffice:showcase")

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        errors = kwargs.pop("form").errors
        return super().render(
            status_code,
            form=SubmissionForm(products=queries.product_picks(self.roles.shop_scope)),
            action_errors=[e for items in errors.values() for e in items],
            **kwargs,
        )


# ---------------------------------------------------------------- payouts


class PayoutsView(BackOfficeView):
    area = Area.SELLER
    nav_key = "payouts"
    title = _("Payouts")
    template_name = "backoffice/seller/payouts.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        shop = self.roles.shop_scope.get()
        months = recent_months(timezone.localdate(), MONTHS_SHOWN)
        period = request.GET.get("period") if request.GET.get("period") in months else months[0]
        summaries = [payout_summary(vendor=shop, period=month) for month in months]
        current = next(s for s in summaries if s.period == period)
        return self.render(summaries=summaries, current=current, months=months)


# ---------------------------------------------------------------- the shop


class ShopForm(BackOfficeForm):
    name = forms.CharField(label=_("Shop name"), max_length=120)
    description = forms.CharField(
        label=_("About the shop"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A square JPEG, PNG or WEBP image."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update(inputmode="tel", autocomplete="tel")


class MemberForm(BackOfficeForm):
    email = forms.EmailField(label=_("E-mail of their account"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (VendorMemberRole.STAFF, _("Staff: products and orders")),
            (VendorMemberRole.OWNER, _("Owner: also the shop and its members")),
        ],
    )


class ShopView(BackOfficeView):
    area = Area.SELLER
    nav_key = "shop"
    title = _("Shop profile")
    template_name = "backoffice/seller/shop.html"
    form_class = ShopForm

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        shop = self.roles.shop
        initial = {"name": shop.name, "description": shop.description, "phone": shop.phone}  # type: ignore[union-attr]
        return ShopForm(data=data, files=files, initial=initial)

    def perform(self, form: Any) -> str:
        shop = self.roles.shop_scope.get()
        data = {key: form.cleaned_data[key] for key in ("name", "description", "phone")}
        logo = form.cleaned_data.get("logo") or None
        vendor_update(actor=self.request.user, vendor=shop, data=data, logo=logo)
        return reverse("backoffice:shop")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        members = list(queries.members(self.roles.shop_scope))
        is_owner = self.roles.membership is not None and self.roles.membership.role == VendorMemberRole.OWNER
        return super().get_context_data(
            members=members,
            is_owner=is_owner,
            member_form=kwargs.pop("member_form", None) or MemberForm(),
            **kwargs,
        )


class MemberAddView(ShopView):
    form_class = MemberForm  # type: ignore[assignment]
    success_message = _("Added to the shop.")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(reverse("backoffice:shop"))

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return MemberForm(data=data)

    def perform(self, form: Any) -> str:
        vendor_member_add(
            actor=self.request.user,
            vendor=self.roles.shop_scope.get(),
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
        )
        return reverse("backoffice:shop")

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        member_form = kwargs.pop("form")
        return super().render(status_code, form=ShopView.get_form(self), member_form=member_form, **kwargs)
