"""The one place returns and refunds tell people what happened.

The notification events of issue 16 (``vendor_return_requested`` to the shop's members,
``return_updated`` and ``refund_updated`` to the buyer) are delivered by the notifications
module being built alongside (its channels: e-mail, SMS, Zalo). Until it is merged these
only log; switching means replacing the bodies below — every caller goes through them,
always after the change committed.
"""

import logging

from django.db import transaction

from marketplace.orders.models import OrderGrantedRefund
from marketplace.returns.models import ReturnRequest

logger = logging.getLogger(__name__)


def _after_commit(event: str, **ids: int) -> None:
    transaction.on_commit(lambda: logger.info("notify %s %s", event, ids))


def vendor_return_requested(return_request: ReturnRequest) -> None:
    _after_commit("vendor_return_requested", return_request=return_request.pk)


def return_updated(return_request: ReturnRequest) -> None:
    _after_commit("return_updated", return_request=return_request.pk)


def refund_updated(granted_refund: OrderGrantedRefund) -> None:
    _after_commit("refund_updated", granted_refund=granted_refund.pk)
