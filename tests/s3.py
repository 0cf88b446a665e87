"""A real local S3 server for the tests: moto in server mode, one per test session.

``s3_storage`` switches Django to S3 (django-storages) against it with two fresh buckets:
the public media bucket (readable by anyone, as in production through its bucket policy)
and the private documents bucket (no public access). If the server cannot start, the tests
that need it fail; they are never skipped.

Also: every test gets its own PRIVATE_MEDIA_ROOT under tmp_path (autouse), as conftest's
``media_root`` does for MEDIA_ROOT.
"""

import json
import logging
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore.config import Config
from moto.server import ThreadedMotoServer

REGION = "us-east-1"
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",  # noqa: S105 (moto accepts any key)
    "AWS_DEFAULT_REGION": REGION,
}
START_TIMEOUT_SECONDS = 15


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str


@dataclass(frozen=True)
class S3Buckets:
    public: str
    private: str
    endpoint_url: str
    client: Any  # a boto3 S3 client on the server, for assertions


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per S3 request otherwise
    with pytest.MonkeyPatch.context() as patch:
        for name, value in FAKE_CREDENTIALS.items():
            patch.setenv(name, value)
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        # start() waits forever if the server thread dies before listening: bound the wait.
        starter = threading.Thread(target=server.start, daemon=True)
        starter.start()
        starter.join(START_TIMEOUT_SECONDS)
        if starter.is_alive():
            pytest.fail(f"The moto S3 server did not start within {START_TIMEOUT_SECONDS} s.")
        host, port = server.get_host_and_port()
        endpoint_url = f"http://{host}:{port}"
        _client(endpoint_url).list_buckets()  # fails the session's S3 tests if it does not answer
        try:
            yield S3Server(endpoint_url=endpoint_url)
        finally:
            server.stop()


@pytest.fixture
def s3_storage(s3_server: S3Server, settings) -> S3Buckets:
    suffix = uuid.uuid4().hex[:12]
    buckets = S3Buckets(
        public=f"media-{suffix}",
        private=f"private-{suffix}",
        endpoint_url=s3_server.endpoint_url,
        client=_client(s3_server.endpoint_url),
    )
    buckets.client.create_bucket(Bucket=buckets.public)
    buckets.client.create_bucket(Bucket=buckets.private)
    buckets.client.put_bucket_policy(Bucket=buckets.public, Policy=json.dumps(_public_read(buckets.public)))
    settings.USE_S3 = True
    settings.AWS_STORAGE_BUCKET_NAME = buckets.public
    settings.AWS_PRIVATE_BUCKET_NAME = buckets.private
    settings.AWS_S3_ENDPOINT_URL = s3_server.endpoint_url
    settings.AWS_S3_REGION_NAME = REGION
    settings.AWS_S3_CUSTOM_DOMAIN = None
    settings.AWS_QUERYSTRING_AUTH = False
    settings.AWS_ACCESS_KEY_ID = None  # boto3 reads the session's fake credentials from the environment
    settings.AWS_SECRET_ACCESS_KEY = None
    # Last: changing STORAGES resets default_storage, which is then built from the settings above.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    return buckets


def _client(endpoint_url: str) -> Any:
    return boto3.client(
        "s3", endpoint_url=endpoint_url, region_name=REGION, config=Config(signature_version="s3v4")
    )


def _public_read(bucket: str) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }
