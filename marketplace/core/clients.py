"""Who is calling: the client's IP address as we can believe it, and whether the request
comes from a trusted server-side storefront that speaks for many buyers.

- ``REMOTE_ADDR`` is the client, unless it is one of ``TRUSTED_PROXY_IPS`` (a load
  balancer, or a storefront server that forwards its buyers' addresses): then the
  ``X-Forwarded-For`` chain is read from the right, skipping trusted proxies, and the
  first address that is not one is the client. A client cannot forge its way in: what it
  writes into the header itself sits left of what the trusted proxies appended.
- A client address among ``STOREFRONT_SERVER_IPS`` is a server-side storefront (Saleor's
  Next.js storefront calls the API from its server for every buyer, without naming them):
  its requests are not counted per IP address — one IP is many buyers there — while the
  limits per customer, per account and per checkout still apply.

Settings are IP addresses or networks in CIDR notation; a malformed entry fails at startup.
"""

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_FORWARDED = 20  # hops of X-Forwarded-For read at most


@dataclass(frozen=True)
class Client:
    ip: str | None  # the client's address, as far as we can tell
    via_storefront: bool  # a trusted server-side storefront speaking for many buyers

    @property
    def limited_ip(self) -> str | None:
        """The address per-IP limits count, or None when they do not apply."""
        return None if self.via_storefront else self.ip


@cache
def _networks(entries: tuple[str, ...], setting: str) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"{setting}: {entry!r} is not an IP address or network.") from None
    return tuple(networks)


def _parse(value: Any) -> Address | None:
    try:
        return ipaddress.ip_address(str(value).strip())
    except ValueError:
        return None


def _within(address: Address, networks: Iterable[Network]) -> bool:
    return any(address.version == n.version and address in n for n in networks)


def trusted_proxies() -> tuple[Network, ...]:
    return _networks(tuple(settings.TRUSTED_PROXY_IPS), "TRUSTED_PROXY_IPS")


def storefront_servers() -> tuple[Network, ...]:
    return _networks(tuple(settings.STOREFRONT_SERVER_IPS), "STOREFRONT_SERVER_IPS")


def client_of(meta: Mapping[str, Any]) -> Client:
    """The client of a request, from its WSGI ``META``."""
    address = _parse(meta.get("REMOTE_ADDR", ""))
    if address is None:
        return Client(ip=None, via_storefront=False)
    proxies = trusted_proxies()
    if _within(address, proxies):
        hops = str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")[-MAX_FORWARDED:]
        for hop in reversed(hops):
            forwarded = _parse(hop)
            if forwarded is None:
                break  # garbage: stop at the last address a trusted hop vouched for
            address = forwarded
            if not _within(forwarded, proxies):
                break
    return Client(ip=str(address), via_storefront=_within(address, storefront_servers()))
