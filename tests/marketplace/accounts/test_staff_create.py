"""``staff_create`` checks its caller itself (the back office and the admin call it as well as
the API, which also declares MANAGE_STAFF): without the permission nothing is created, no
e-mail is sent and nothing is recorded."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from marketplace.accounts.actors import SYSTEM
from marketplace.accounts.models import User
from marketplace.accounts.staff import staff_create
from marketplace.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("caller", ["customer", "staff without MANAGE_STAFF", "nobody"])
def test_a_caller_without_manage_staff_creates_no_staff_member(caller):
    actor = {
        "customer": lambda: UserFactory(),
        "staff without MANAGE_STAFF": lambda: UserFactory(is_staff=True),
        "nobody": lambda: None,
    }[caller]()
    with pytest.raises(PermissionDenied):
        staff_create(actor=actor, email="moi@langnghe.vn")
    assert not User.objects.filter(email="moi@langnghe.vn").exists()
    assert mail.outbox == [] and not AuditEvent.objects.exists()


def test_a_superuser_and_the_system_create_one():
    admin = UserFactory(is_staff=True, is_superuser=True)
    made = staff_create(actor=admin, email="moi@langnghe.vn")
    assert made.is_staff and not made.has_usable_password()
    assert staff_create(actor=SYSTEM, email="hai@langnghe.vn").is_staff
