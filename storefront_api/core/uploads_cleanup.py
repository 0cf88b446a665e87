"""Stored files of deleted objects are removed only once the deletion has committed."""

from django.db import transaction

from marketplace.core.uploads import discard


def discard_after_commit(names: list[str], *, private: bool = False) -> None:
    for name in names:
        transaction.on_commit(lambda name=name: discard(name, private=private))
