"""Writing the audit log: ``record``, called by each curator or staff decision service
inside the decision's own transaction, so a rolled-back decision leaves no record and a
decision never commits without one."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from marketplace.accounts.actors import Actor, actor_app, actor_user, is_system
from marketplace.audit.models import ActorKind, AuditAction, AuditEvent

MAX_LABEL = 200


def _actor_kind(actor: Actor) -> str:
    if actor_user(actor) is not None:
        return ActorKind.USER
    if actor_app(actor) is not None:
        return ActorKind.APP
    if is_system(actor):
        return ActorKind.SYSTEM
    return ActorKind.ANONYMOUS


def record(
    actor: Actor, action: AuditAction, subject: models.Model, *, label: str | None = None, **data: Any
) -> AuditEvent:
    """One audit event: who (``actor``, its e-mail copied), what (``action``), on what
    (``subject``, its type, id and label copied; call it before deleting the subject) and
    the decision's details (``data``: note, old and new values...; JSON with Decimals and
    dates as strings). ``label`` replaces the subject's ``str()`` where that says little
    (a submission, a review, a refund).

    Only inside a transaction (``RuntimeError`` otherwise: in autocommit the record and the
    decision could commit apart)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() runs inside the decision's transaction.")
    if subject.pk is None:
        raise ValueError("audit.record() needs a saved subject (record before deleting it).")
    user = actor_user(actor)
    app = actor_app(actor)
    return AuditEvent.objects.create(
        actor=user,
        actor_kind=_actor_kind(actor),
        actor_email=user.email if user is not None else (app.name[:254] if app is not None else ""),
        action=AuditAction(action),
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        subject_label=(str(subject) if label is None else label)[:MAX_LABEL],
        data=data,
    )


def changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The fields that changed, as ``{"old": {...}, "new": {...}}`` (a decision's details)."""
    changed = [key for key in new if old.get(key) != new[key]]
    return {"old": {key: old.get(key) for key in changed}, "new": {key: new[key] for key in changed}}
