"""Reads of accounts, groups and users by id (the caller checks the permission)."""

from django.db.models import QuerySet

from marketplace.accounts.models import Group, User

MAX_USER_PK = 2**63 - 1


def groups() -> QuerySet[Group]:
    return Group.objects.all()


def group_by_id(pk: int) -> Group | None:
    return Group.objects.filter(pk=pk).first()


def user_by_id(pk: int) -> User | None:
    """The user with ``pk``; None for a pk out of the column's range."""
    return User.objects.filter(pk=pk).first() if 0 < pk <= MAX_USER_PK else None
