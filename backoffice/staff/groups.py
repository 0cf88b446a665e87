"""Permission groups, for staff with MANAGE_STAFF: the list, and one group's name,
permissions and staff members (``permission_group_create`` / ``permission_group_update``,
which refuse to grant a permission the editor lacks)."""

from typing import Any

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice.components import Column, Table
from backoffice.forms import BackOfficeForm
from backoffice.staff import queries
from backoffice.staff.audit import audit_history_url
from backoffice.staff.base import StaffView
from marketplace.accounts.models import Group
from marketplace.accounts.permissions import PermissionEnum
from marketplace.accounts.staff import permission_group_create, permission_group_update


class GroupListView(StaffView):
    permission = PermissionEnum.MANAGE_STAFF
    nav_key = "staff-groups"
    title = _("Permission groups")
    template_name = "backoffice/staff/list.html"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        table = Table(
            caption=_("Permission groups"),
            columns=[
                Column(
                    _("Group"),
                    lambda g: g.name,
                    link=lambda g: reverse("backoffice:staff-group", args=[g.pk]),
                ),
                Column(_("Permissions"), lambda g: ", ".join(g.permission_names) or "—"),
                Column(_("Members"), lambda g: g.member_count, numeric=True),
            ],
            rows=queries.groups(),
            empty=_("No groups yet."),
        )
        return self.render(
            table=table, new_url=reverse("backoffice:staff-group-new"), new_label=_("New group")
        )


class GroupForm(BackOfficeForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    permissions = forms.MultipleChoiceField(
        label=_("Permissions"),
        required=False,
        choices=[(p.name, p.name) for p in PermissionEnum],
        widget=forms.CheckboxSelectMultiple,
    )
    members = forms.TypedMultipleChoiceField(
        label=_("Staff members"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    service_fields = {"add_permissions": "permissions", "add_users": "members"}

    def __init__(self, *args: Any, staff: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = staff  # type: ignore[attr-defined]


class GroupEditView(StaffView):
    permission = PermissionEnum.MANAGE_STAFF
    nav_key = "staff-groups"
    template_name = "backoffice/staff/form_page.html"
    form_class = GroupForm

    def get_group(self) -> Group | None:
        if "pk" not in self.kwargs:
            return None
        group = queries.group(self.kwargs["pk"])
        if group is None:
            raise Http404
        return group

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        group = self.get_group()
        initial = {}
        if group is not None:
            initial = {
                "name": group.name,
                "permissions": queries.group_permission_names(group),
                "members": queries.group_member_ids(group),
            }
        return GroupForm(data=data, initial=initial, staff=queries.staff_choices())

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        wanted = [PermissionEnum[name] for name in data["permissions"]]
        group = self.get_group()
        if group is None:
            group = permission_group_create(
                actor=self.request.user, name=data["name"], permissions=wanted, user_ids=data["members"]
            )
        else:
            had = [PermissionEnum[name] for name in queries.group_permission_names(group)]
            members = set(queries.group_member_ids(group))
            permission_group_update(
                actor=self.request.user,
                group=group,
                name=data["name"],
                add_permissions=[p for p in wanted if p not in had],
                remove_permissions=[p for p in had if p not in wanted],
                add_user_ids=sorted(set(data["members"]) - members),
                remove_user_ids=sorted(members - set(data["members"])),
            )
        return reverse("backoffice:staff-group", args=[group.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        group = self.get_group()
        return super().get_context_data(
            title=group.name if group else _("New group"),
            back_url=reverse("backoffice:staff-groups"),
            back_label=_("All groups"),
            history_url=audit_history_url(self.roles, "auth.group", group.pk) if group else "",
            **kwargs,
        )
