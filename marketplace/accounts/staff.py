"""Staff accounts and permission groups. An actor may grant only permissions it holds
itself (Saleor's rule), so MANAGE_STAFF alone cannot escalate to everything."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts import emails
from marketplace.accounts.actors import Actor
from marketplace.accounts.error_codes import AccountErrorCode, PermissionGroupErrorCode
from marketplace.accounts.models import Group, User
from marketplace.accounts.permissions import PermissionEnum, effective_permissions, permission_objects
from marketplace.accounts.services import clean_email, clean_redirect_url
from marketplace.audit import services as audit
from marketplace.audit.models import AuditAction
from marketplace.core.edits import locked_edit
from marketplace.core.errors import field_error
from marketplace.core.text import nfc

MAX_NAME = 150


def _check_scope(actor: Actor, permissions: list[PermissionEnum], field: str) -> None:
    """The same code (OUT_OF_SCOPE_PERMISSION) exists in both enums, for staff and groups."""
    missing = set(permissions) - effective_permissions(actor)
    if missing:
        names = ", ".join(sorted(p.name for p in missing))
        raise field_error(
            field,
            PermissionGroupErrorCode.OUT_OF_SCOPE_PERMISSION,
            _("You cannot grant permissions you lack: %(names)s."),
            names=names,
            permissions=sorted(p.name for p in missing),
        )


def _require_staff_manager(actor: Actor) -> None:
    """Groups are changed by holders of MANAGE_STAFF only (the API declares it; the back
    office and the admin call these services too)."""
    if PermissionEnum.MANAGE_STAFF not in effective_permissions(actor):
        raise PermissionDenied(_("You need the MANAGE_STAFF permission."))


def _group_permissions(group: Group) -> list[PermissionEnum]:
    codes = group.permissions.filter(content_type__app_label="accounts").values_list("codename", flat=True)
    return [PermissionEnum(f"accounts.{code}") for code in codes]


def _groups(ids: list[int], field: str) -> list[Group]:
    groups = list(Group.objects.filter(pk__in=ids))
    if len(groups) != len(set(ids)):
        raise field_error(field, AccountErrorCode.NOT_FOUND, _("Couldn't find every permission group."))
    return groups


def _staff_users(ids: list[int], field: str) -> list[User]:
    users = list(User.objects.filter(pk__in=ids))
    if len(users) != len(set(ids)):
        raise field_error(field, PermissionGroupErrorCode.NOT_FOUND, _("Couldn't find every user."))
    if any(not u.is_staff for u in users):
        raise field_error(
            field,
            PermissionGroupErrorCode.ASSIGN_NON_STAFF_MEMBER,
            _("Only staff members can join permission groups."),
        )
    return users


def staff_create(
    *,
    actor: Actor,
    email: str,
    first_name: str = "",
    last_name: str = "",
    group_ids: list[int] | None = None,
    redirect_url: str | None = None,
) -> User:
    """A staff member without a password; they choose one through the emailed link. Only
    holders of MANAGE_STAFF (checked here too, not only by the API's declaration)."""
    _require_staff_manager(actor)
    if not email:
        raise field_error("email", AccountErrorCode.REQUIRED, _("The email is required."))
    email = clean_email(email)
    redirect_url = clean_redirect_url(redirect_url)
    groups = _groups(group_ids or [], "add_groups")
    for group in groups:
        _check_scope(actor, _group_permissions(group), "add_groups")
    user = User(email=email, first_name=nfc(first_name)[:256], last_name=nfc(last_name)[:256], is_staff=True)
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
            user.groups.set(groups)
            audit.record(actor, AuditAction.STAFF_CREATE, user, email=email, groups=[g.name for g in groups])
    except IntegrityError:
        raise field_error(
            "email", AccountErrorCode.UNIQUE, _("A user with this email already exists.")
        ) from None
    emails.send_password_reset(
        user, redirect_url=redirect_url, token=default_token_generator.make_token(user)
    )
    return user


def permission_group_create(
    *, actor: Actor, name: str, permissions: list[PermissionEnum], user_ids: list[int]
) -> Group:
    _require_staff_manager(actor)
    name = nfc(name).strip()
    if not name or len(name) > MAX_NAME:
        raise field_error(
            "name",
            PermissionGroupErrorCode.REQUIRED,
            _("A name of 1 to %(limit)s characters is required."),
            limit=MAX_NAME,
        )
    _check_scope(actor, permissions, "add_permissions")
    users = _staff_users(user_ids, "add_users")
    try:
        with transaction.atomic():
            group = Group.objects.create(name=name)
            group.permissions.set(permission_objects(permissions))
            group.user_set.set(users)
            audit.record(
                actor,
                AuditAction.PERMISSION_GROUP_CREATE,
                group,
                name=name,
                permissions=sorted(p.name for p in permissions),
                users=[u.email for u in users],
            )
    except IntegrityError:
        raise field_error(
            "name", PermissionGroupErrorCode.UNIQUE, _("A permission group with this name exists.")
        ) from None
    return group


def permission_group_update(
    *,
    actor: Actor,
    group: Group,
    name: str | None = None,
    add_permissions: list[PermissionEnum] | None = None,
    remove_permissions: list[PermissionEnum] | None = None,
    add_user_ids: list[int] | None = None,
    remove_user_ids: list[int] | None = None,
) -> Group:
    _require_staff_manager(actor)
    add_permissions, remove_permissions = add_permissions or [], remove_permissions or []
    if set(add_permissions) & set(remove_permissions):
        raise field_error(
            "add_permissions",
            PermissionGroupErrorCode.DUPLICATED_INPUT_ITEM,
            _("A permission is both added and removed."),
        )
    if set(add_user_ids or []) & set(remove_user_ids or []):
        raise field_error(
            "add_users",
            PermissionGroupErrorCode.DUPLICATED_INPUT_ITEM,
            _("A user is both added and removed."),
        )
    # Changing a group's permissions or members hands its permissions around: all in scope.
    _check_scope(
        actor, [*add_permissions, *remove_permissions, *_group_permissions(group)], "add_permissions"
    )
    added = _staff_users(add_user_ids or [], "add_users")
    removed = list(User.objects.filter(pk__in=remove_user_ids or []))
    try:
        with transaction.atomic():
            old_name = group.name
            if name is not None:
                cleaned = nfc(name).strip()
                if not cleaned or len(cleaned) > MAX_NAME:
                    raise field_error(
                        "name",
                        PermissionGroupErrorCode.REQUIRED,
                        _("A name of 1 to %(limit)s characters is required."),
                        limit=MAX_NAME,
                    )
                with locked_edit(group):
                    group.name = cleaned
            group.permissions.add(*permission_objects(add_permissions))
            group.permissions.remove(*permission_objects(remove_permissions))
            group.user_set.add(*added)
            group.user_set.remove(*removed)
            audit.record(
                actor,
                AuditAction.PERMISSION_GROUP_UPDATE,
                group,
                **(audit.changes({"name": old_name}, {"name": group.name}) if group.name != old_name else {}),
                add_permissions=sorted(p.name for p in add_permissions),
                remove_permissions=sorted(p.name for p in remove_permissions),
                add_users=[u.email for u in added],
                remove_users=[u.email for u in removed],
            )
    except IntegrityError:
        raise field_error(
            "name", PermissionGroupErrorCode.UNIQUE, _("A permission group with this name exists.")
        ) from None
    return group
