"""Objects seen through a channel: a product's price and visibility depend on the channel
it was reached in, so channel-aware types resolve a ``ChannelContext`` instead of a model."""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

N = TypeVar("N")


@dataclass(frozen=True)
class ChannelContext(Generic[N]):
    node: N
    channel_slug: str | None
    channel_id: int | None = None


def node_of(root: Any) -> Any:
    return root.node if isinstance(root, ChannelContext) else root
