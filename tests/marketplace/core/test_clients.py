"""Who the client is: REMOTE_ADDR, or — behind trusted proxies only — the first address of
X-Forwarded-For that is not a trusted proxy, read from the right; storefront servers are
recognised."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from marketplace.core.clients import Client, client_of


@pytest.fixture(autouse=True)
def networks(settings):
    settings.TRUSTED_PROXY_IPS = ["10.0.0.0/24", "2001:db8::1"]
    settings.STOREFRONT_SERVER_IPS = ["10.1.0.5"]


def test_without_a_trusted_proxy_the_header_is_ignored():
    meta = {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    assert client_of(meta) == Client(ip="198.51.100.7", via_storefront=False)


def test_behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client():
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7, 10.0.0.9"}
    assert client_of(meta).ip == "198.51.100.7"  # "6.6.6.6" is what the client itself wrote
    ipv6 = {"REMOTE_ADDR": "2001:db8::1", "HTTP_X_FORWARDED_FOR": "2001:db8::42"}
    assert client_of(ipv6).ip == "2001:db8::42"
    garbage = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7, not-an-ip"}
    assert client_of(garbage).ip == "10.0.0.2"  # nothing beyond garbage is believed
    only_proxies = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "10.0.0.3"}
    assert client_of(only_proxies).ip == "10.0.0.3"


def test_a_storefront_server_is_not_limited_per_ip():
    direct = client_of({"REMOTE_ADDR": "10.1.0.5"})
    assert direct == Client(ip="10.1.0.5", via_storefront=True) and direct.limited_ip is None
    proxied = client_of({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "10.1.0.5"})
    assert proxied.via_storefront is True
    assert client_of({"REMOTE_ADDR": "198.51.100.7"}).limited_ip == "198.51.100.7"
    assert client_of({}) == Client(ip=None, via_storefront=False)


def test_a_malformed_setting_fails_loudly(settings):
    settings.STOREFRONT_SERVER_IPS = ["storefront.example"]
    with pytest.raises(ImproperlyConfigured):
        client_of({"REMOTE_ADDR": "198.51.100.7"})
