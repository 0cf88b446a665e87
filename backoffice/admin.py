"""The long tail in Django's admin (``backoffice/admin_site.py``): read-only lists and
details with search and filters, and actions that call the domain's services (approve,
reject or suspend a shop, verify or reject an OCOP certificate, approve or reject a
showcase proposal) with the signed-in person as actor. A rejection needs a note: its action
first shows an intermediate page asking for it (Django's pattern for actions that need
input), refuses an empty note with a message, then calls the service for each row. A
refusal of the service is shown as the admin's error message for that row; nothing is
written by the admin itself."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from backoffice.admin_site import studio_admin
from marketplace.accounts.actors import as_actor
from marketplace.accounts.permissions import PermissionEnum, has_permissions
from marketplace.audit.models import AuditEvent
from marketplace.catalog.models import Attribute, AttributeValue, Category, Product, ProductType
from marketplace.curation.models import ShowcaseSubmission
from marketplace.curation.services import APPROVE, REJECT, submission_review
from marketplace.inventory.models import Warehouse
from marketplace.routes.models import TourismRoute, TourismRouteStop
from marketplace.shipping.models import ShippingMethod, ShippingZone
from vendors.ocop.models import OcopCertificate
from vendors.ocop.services import certificate_reject, certificate_verify
from vendors.shops.models import Vendor, VendorMember, VendorStatus
from vendors.shops.services import vendor_approve, vendor_reject, vendor_suspend


class ServiceAdmin(admin.ModelAdmin):
    """Read-only for the holders of ``permission``; writes only through actions (services)."""

    permission: PermissionEnum = PermissionEnum.MANAGE_STAFF

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_permissions(as_actor(request.user), [self.permission])

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True  # shown inside a page its parent's permission opened


def run_service(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    call: Callable[[Any], Any],
    done: Any,
) -> None:
    """``call`` for each selected row, each in its own transaction (inside the service); a
    refusal is reported for its row and the others go on."""
    succeeded = 0
    for obj in queryset:
        try:
            call(obj)
            succeeded += 1
        except ValidationError as error:
            text = " ".join(str(m) for m in error.messages)
            model_admin.message_user(request, f"{obj}: {text}", messages.ERROR)
        except PermissionDenied as error:
            model_admin.message_user(request, f"{obj}: {error}", messages.ERROR)
    if succeeded:
        model_admin.message_user(request, done % {"count": succeeded}, messages.SUCCESS)


MAX_NOTE = 2000


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Required: they read it with the rejection."),
    )


def reject_with_note(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    call: Callable[[Any, str], Any],
    done: Any,
    title: Any,
) -> HttpResponse | None:
    """An action that needs a note: the first POST (from the change list) shows the page
    asking for it; the page's POST (``apply``) with a note calls ``call(row, note)`` for each
    row; an empty note is refused with a message and the page is shown again."""
    form = NoteForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST:
        if form.is_valid() and form.cleaned_data["note"].strip():
            note = form.cleaned_data["note"].strip()
            run_service(model_admin, request, queryset, lambda obj: call(obj, note), done)
            return None  # back to the change list, with the messages
        if form.is_valid():
            form.add_error("note", _("Write a note: a rejection says why."))
        model_admin.message_user(request, _("Nothing was rejected: the note is missing."), messages.ERROR)
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": opts,
        "form": form,
        "queryset": queryset,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "select_across": request.POST.get("select_across", "0"),
    }
    return TemplateResponse(request, "admin/backoffice/reject_note.html", context)


# ---------------------------------------------------------------- shops


class MemberInline(ReadOnlyInline):
    model = VendorMember
    fields = ("user", "role", "created_at")
    readonly_fields = fields


@admin.register(Vendor, site=studio_admin)
class VendorAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_VENDORS
    list_display = ("name", "village", "status", "commission_rate", "created_at")
    list_filter = ("status",)
    search_fields = ("name", "slug")
    list_select_related = ("village",)
    fields = ("name", "slug", "status", "village", "phone", "description", "commission_rate", "created_at")
    readonly_fields = fields
    inlines = (MemberInline,)
    actions = ("approve", "reject", "suspend")

    @admin.action(description=_("Approve or reinstate the selected shops"))
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        run_service(
            self,
            request,
            queryset,
            lambda vendor: vendor_approve(actor=as_actor(request.user), vendor=vendor),
            _("%(count)d shop(s) are active."),
        )

    @admin.action(description=_("Reject the selected shop applications (asks for a note)"))
    def reject(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        def call(vendor: Vendor, note: str) -> Any:
            if vendor.status != VendorStatus.PENDING:  # as the console: only a waiting application
                raise ValidationError(
                    _("Only a waiting application can be rejected; this shop is %(status)s."),
                    params={"status": vendor.get_status_display()},
                    code="INVALID_STATUS",
                )
            return vendor_reject(actor=as_actor(request.user), vendor=vendor, reason=note)

        return reject_with_note(
            self,
            request,
            queryset,
            call,
            _("%(count)d application(s) rejected."),
            _("Reject shop applications"),
        )

    @admin.action(description=_("Suspend the selected shops"))
    def suspend(self, request: HttpRequest, queryset: QuerySet) -> None:
        run_service(
            self,
            request,
            queryset,
            lambda vendor: vendor_suspend(actor=as_actor(request.user), vendor=vendor, reason=""),
            _("%(count)d shop(s) are suspended."),
        )


@admin.register(Warehouse, site=studio_admin)
class WarehouseAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_VENDORS
    list_display = ("name", "vendor", "click_and_collect_option")
    list_filter = ("click_and_collect_option",)
    search_fields = ("name", "slug")
    list_select_related = ("vendor",)


# ---------------------------------------------------------------- curation and OCOP


@admin.register(OcopCertificate, site=studio_admin)
class OcopCertificateAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_OCOP
    list_display = ("product", "vendor", "stars", "score", "status", "valid_until")
    list_filter = ("status", "stars")
    search_fields = ("decision_number", "product__name")
    list_select_related = ("product", "vendor")
    exclude = ("document",)
    actions = ("verify", "reject")

    @admin.action(description=_("Verify the selected certificates"))
    def verify(self, request: HttpRequest, queryset: QuerySet) -> None:
        run_service(
            self,
            request,
            queryset,
            lambda certificate: certificate_verify(
                actor=as_actor(request.user), certificate_id=certificate.pk
            ),
            _("%(count)d certificate(s) verified."),
        )

    @admin.action(description=_("Reject the selected certificates (asks for a note)"))
    def reject(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return reject_with_note(
            self,
            request,
            queryset,
            lambda certificate, note: certificate_reject(
                actor=as_actor(request.user), certificate_id=certificate.pk, note=note
            ),
            _("%(count)d certificate(s) rejected."),
            _("Reject OCOP certificates"),
        )


@admin.register(ShowcaseSubmission, site=studio_admin)
class ShowcaseSubmissionAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_SHOWCASE
    list_display = ("product", "vendor", "status")
    list_filter = ("status",)
    search_fields = ("product__name",)
    list_select_related = ("product", "vendor")
    actions = ("approve", "reject")

    @admin.action(description=_("Approve the selected proposals"))
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        run_service(
            self,
            request,
            queryset,
            lambda submission: submission_review(
                actor=as_actor(request.user), submission=submission, decision=APPROVE, note=""
            ),
            _("%(count)d proposal(s) approved."),
        )

    @admin.action(description=_("Reject the selected proposals (asks for a note)"))
    def reject(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return reject_with_note(
            self,
            request,
            queryset,
            lambda submission, note: submission_review(
                actor=as_actor(request.user), submission=submission, decision=REJECT, note=note
            ),
            _("%(count)d proposal(s) rejected."),
            _("Reject showcase proposals"),
        )


# ---------------------------------------------------------------- catalogue


@admin.register(Product, site=studio_admin)
class ProductAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_PRODUCTS
    list_display = ("name", "vendor", "product_type", "category", "updated_at")
    list_filter = ("product_type",)
    search_fields = ("name", "slug")
    list_select_related = ("vendor", "product_type", "category")
    exclude = ("search_document", "search_name", "description")


@admin.register(Category, site=studio_admin)
class CategoryAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_PRODUCTS
    list_display = ("name", "slug", "parent", "level")
    list_filter = ("level",)
    search_fields = ("name", "slug")
    list_select_related = ("parent",)


@admin.register(ProductType, site=studio_admin)
class ProductTypeAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_PRODUCTS
    list_display = ("name", "slug", "has_variants", "is_shipping_required", "weight_grams")
    search_fields = ("name", "slug")


class AttributeValueInline(ReadOnlyInline):
    model = AttributeValue
    fields = ("name", "slug", "sort_order")
    readonly_fields = fields


@admin.register(Attribute, site=studio_admin)
class AttributeAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_PRODUCTS
    list_display = ("name", "slug", "input_type", "type")
    list_filter = ("input_type", "type")
    search_fields = ("name", "slug")
    inlines = (AttributeValueInline,)


# ---------------------------------------------------------------- shipping, routes, staff


class ShippingMethodInline(ReadOnlyInline):
    model = ShippingMethod
    fields = ("name", "base_price_amount", "base_weight_grams", "price_per_extra_kg_amount", "is_active")
    readonly_fields = fields


@admin.register(ShippingZone, site=studio_admin)
class ShippingZoneAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_CHANNELS
    list_display = ("name", "slug", "is_default")
    inlines = (ShippingMethodInline,)


class StopInline(ReadOnlyInline):
    model = TourismRouteStop
    fields = ("position", "title", "village", "visit_minutes")
    readonly_fields = fields


@admin.register(TourismRoute, site=studio_admin)
class TourismRouteAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_ROUTES
    list_display = ("name", "slug", "is_published")
    list_filter = ("is_published",)
    search_fields = ("name", "slug")
    inlines = (StopInline,)


@admin.register(Group, site=studio_admin)
class GroupAdmin(ServiceAdmin):
    permission = PermissionEnum.MANAGE_STAFF
    list_display = ("name",)
    search_fields = ("name",)
    filter_horizontal = ()


@admin.register(AuditEvent, site=studio_admin)
class AuditEventAdmin(ServiceAdmin):
    """The audit log, read-only (it is append-only: the services write it)."""

    permission = PermissionEnum.MANAGE_STAFF
    list_display = ("created_at", "actor_email", "action", "subject_type", "subject_id", "subject_label")
    list_filter = ("action", "subject_type")
    search_fields = ("actor_email", "subject_label")
    list_select_related = ("subject_type",)
    readonly_fields = (
        "created_at",
        "actor_email",
        "actor_kind",
        "action",
        "subject_type",
        "subject_id",
        "subject_label",
        "data",
    )
    fields = readonly_fields
    date_hierarchy = "created_at"
    actions = None
