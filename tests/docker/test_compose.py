"""docker/compose.yaml read as Compose reads it (YAML, anchors, variable interpolation; no
Docker engine here): the services and their order, the public media addresses, the mail
catcher, and the media bucket's policy, which is also applied to a real S3 server to show
what anyone can and cannot read. moto enforces a bucket policy on anonymous object reads
(GET), not on anonymous listing or writing (it allows both whatever the policy says): that
the policy grants neither is checked on the document itself (its only action is
s3:GetObject), as MinIO and AWS evaluate it."""

import fnmatch
import json
import re
import shlex
import uuid
from pathlib import Path

import boto3
import pytest
import requests
from botocore.exceptions import ClientError
from django.apps import apps
from django.conf import settings
from django.db.models import FileField

from tests.docker.dockerfile import MissingVariable, interpolate, load_compose
from tests.s3 import REGION, S3Server

ROOT = Path(__file__).resolve().parents[2]
POLICY_FILE = ROOT / "docker" / "minio" / "media-bucket-policy.json"
BUCKET = "langnghe-media"
QUEUES = ("payments", "emails", "media", "maintenance")
WORKERS = tuple(f"worker-{queue}" for queue in QUEUES)  # one Celery worker per queue
APP_SERVICES = ("migrate", "api", *WORKERS, "beat")
ROLES = ("migrate", "api", "worker", "beat")
SECRET = {"DJANGO_SECRET_KEY": "s" * 50}


def compose(**env: str) -> dict:
    return load_compose({**SECRET, **env})


def test_interpolation_follows_compose():
    env = {"SET": "x", "EMPTY": ""}
    assert (
        interpolate("${SET} ${SET:-d} ${EMPTY:-d} ${EMPTY-d} ${UNSET-d} $$HOME $SET", env)
        == "x x d  d $HOME x"
    )
    with pytest.raises(MissingVariable):
        interpolate("${UNSET:?set it}", env)
    with pytest.raises(MissingVariable):
        interpolate("${EMPTY:?set it}", env)


def test_compose_refuses_to_start_without_a_secret_key():
    with pytest.raises(MissingVariable, match="DJANGO_SECRET_KEY"):
        load_compose({})


def test_the_app_services_share_one_image_and_migrate_once_before_the_others():
    services = compose()["services"]
    assert set(services) == {*APP_SERVICES, "postgres", "redis", "minio", "minio-init", "mailpit"}
    for name in APP_SERVICES:
        assert services[name]["build"] == {"context": "..", "dockerfile": "docker/Dockerfile"}, name
        role = [name] if name in ROLES else ["worker", "-Q", name.removeprefix("worker-")]
        assert services[name]["command"] == role, name
        assert services[name]["environment"]["DATABASE_URL"] == services["api"]["environment"]["DATABASE_URL"]
    assert services["migrate"]["restart"] == "no"  # a one-shot job
    assert services["migrate"]["depends_on"]["postgres"] == {"condition": "service_healthy"}
    # every queue of the settings has its worker
    assert {q.name for q in settings.CELERY_TASK_QUEUES} == set(QUEUES)
    for name in ("api", *WORKERS, "beat"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}, (
            name
        )
        assert services[name]["restart"] == "unless-stopped"
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    roles = dict(re.findall(r"^    (\w+)\)\n(.*?);;", entrypoint, flags=re.MULTILINE | re.DOTALL))
    assert set(roles) == set(ROLES)
    assert [role for role, body in roles.items() if "manage.py migrate" in body] == ["migrate"]


def test_media_urls_and_signed_links_use_the_public_host_not_the_compose_network():
    env = compose()["services"]["api"]["environment"]
    assert env["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"  # the containers' way to MinIO
    assert env["AWS_S3_CUSTOM_DOMAIN"] == "localhost:9000/langnghe-media"  # what browsers load
    assert env["AWS_S3_PUBLIC_ENDPOINT_URL"] == "http://localhost:9000"  # what signed links name
    assert env["AWS_S3_URL_PROTOCOL"] == "http:"
    lan = compose(MEDIA_PUBLIC_HOST="192.168.1.20:9000")["services"]["api"]["environment"]
    assert lan["AWS_S3_CUSTOM_DOMAIN"] == "192.168.1.20:9000/langnghe-media"
    assert lan["AWS_S3_PUBLIC_ENDPOINT_URL"] == "http://192.168.1.20:9000"
    assert compose()["services"]["minio"]["ports"][0] == "9000:9000"


def test_mail_goes_to_the_mail_catcher_unless_a_server_is_given():
    services = compose()["services"]
    env = services["api"]["environment"]
    assert (env["EMAIL_HOST"], env["EMAIL_PORT"]) == ("mailpit", "1025")
    assert "EMAIL_BACKEND" not in env  # SMTP, the production default with DEBUG off
    mailpit = services["mailpit"]
    assert mailpit["image"].startswith("axllent/mailpit:v")
    assert mailpit["ports"] == ["8025:8025"]
    assert mailpit["healthcheck"]["test"] == ["CMD", "/mailpit", "readyz"]
    for name in ("api", *WORKERS):
        assert services[name]["depends_on"]["mailpit"] == {"condition": "service_healthy"}
    real = compose(EMAIL_HOST="smtp.example.vn", EMAIL_PORT="587", EMAIL_USE_TLS="true")
    env = real["services"]["worker-emails"]["environment"]
    assert (env["EMAIL_HOST"], env["EMAIL_PORT"], env["EMAIL_USE_TLS"]) == ("smtp.example.vn", "587", "true")


def test_every_app_variable_is_a_setting_documented_in_env_example():
    settings_source = "\n".join(p.read_text() for p in (ROOT / "marketplace" / "settings").glob("*.py"))
    read = set(re.findall(r'env\.\w+\(\s*"(\w+)"', settings_source))
    documented = set(re.findall(r"^#? ?(\w+)=", (ROOT / ".env.example").read_text(), flags=re.MULTILINE))
    assert read - documented == set()
    outside_settings = {"GUNICORN_WORKERS"}  # read by docker/gunicorn.conf.py
    for name in APP_SERVICES:
        assert set(compose()["services"][name]["environment"]) - read - outside_settings == set(), name


# ---------------------------------------------------------------- the media bucket's policy


def public_prefixes() -> set[str]:
    """Where public media is stored: every file field's upload_to, and the direct uploads
    (products/uploads/, under products/). OCOP scans go to the private storage."""
    prefixes = {"products"}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and isinstance(field.upload_to, str) and field.upload_to:
                prefixes.add(field.upload_to.strip("/").split("/")[0])
    return prefixes


def test_minio_init_applies_the_policy_file_and_nothing_broader():
    init = compose()["services"]["minio-init"]
    assert "./minio/media-bucket-policy.json:/policy/media-bucket-policy.json:ro" in init["volumes"]
    script = shlex.split(init["command"][0])
    assert "set-json" in script
    assert script[script.index("set-json") + 1 :][:2] == [
        "/policy/media-bucket-policy.json",
        f"local/{BUCKET}",
    ]
    assert not re.search(r"anonymous set (download|public|upload)", init["command"][0])


def test_the_policy_allows_anonymous_reads_of_public_prefixes_only():
    policy = json.loads(POLICY_FILE.read_text())
    assert policy["Version"] == "2012-10-17"
    allowed = []
    for statement in policy["Statement"]:
        assert statement["Effect"] == "Allow"
        assert statement["Action"] == ["s3:GetObject"]  # no listing, no writes
        allowed += statement["Resource"]
    assert sorted(allowed) == sorted(f"arn:aws:s3:::{BUCKET}/{prefix}/*" for prefix in public_prefixes())
    for key in ["private/ocop/2026/11/scan.pdf", "private", "secret.txt", "productsX/a.jpg"]:
        assert not any(fnmatch.fnmatchcase(f"arn:aws:s3:::{BUCKET}/{key}", pattern) for pattern in allowed), (
            key
        )


@pytest.fixture
def media_bucket(s3_server: S3Server):
    """compose's bucket name on the moto server, with a few objects; emptied afterwards."""
    client = boto3.client(
        "s3", endpoint_url=s3_server.endpoint_url, region_name=REGION,
        aws_access_key_id="langnghe", aws_secret_access_key="langnghe-minio-secret",  # noqa: S106
    )  # fmt: skip
    try:
        client.create_bucket(Bucket=BUCKET)
    except ClientError as error:
        if error.response["Error"]["Code"] != "BucketAlreadyOwnedByYou":
            raise
    keys = {
        "product": f"products/2026/11/{uuid.uuid4().hex}.jpg",
        "upload": f"products/uploads/2026/11/{uuid.uuid4().hex}",
        "thumbnail": f"thumbnails/products/{uuid.uuid4().hex}.webp",
        "logo": f"vendor-logos/{uuid.uuid4().hex}.png",
        "private": f"private/ocop/2026/11/{uuid.uuid4().hex}.pdf",
        "elsewhere": f"exports/{uuid.uuid4().hex}.csv",
    }
    for key in keys.values():
        client.put_object(Bucket=BUCKET, Key=key, Body=b"content of " + key.encode())
    yield client, keys
    for key in keys.values():
        client.delete_object(Bucket=BUCKET, Key=key)
    client.put_bucket_policy(Bucket=BUCKET, Policy=POLICY_FILE.read_text())


def anonymous_get(endpoint: str, key: str) -> int:
    return requests.get(f"{endpoint}/{BUCKET}/{key}", timeout=10).status_code


def test_on_a_real_s3_server_anyone_reads_media_and_nobody_reads_private_documents(media_bucket, s3_server):
    client, keys = media_bucket
    endpoint = s3_server.endpoint_url
    # What compose's setup did before: the whole bucket public, OCOP scans included.
    whole_bucket = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["s3:GetObject"],
                       "Resource": [f"arn:aws:s3:::{BUCKET}/*"]}],
    }  # fmt: skip
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(whole_bucket))
    assert anonymous_get(endpoint, keys["private"]) == 200  # the leak this policy closes

    client.put_bucket_policy(Bucket=BUCKET, Policy=POLICY_FILE.read_text())

    for name in ("product", "upload", "thumbnail", "logo"):
        response = requests.get(f"{endpoint}/{BUCKET}/{keys[name]}", timeout=10)
        assert response.status_code == 200 and response.content == f"content of {keys[name]}".encode(), name
    private = requests.get(f"{endpoint}/{BUCKET}/{keys['private']}", timeout=10)
    assert private.status_code == 403 and b"content of" not in private.content
    assert anonymous_get(endpoint, keys["elsewhere"]) == 403
    # The owner (the API, signing with its keys) still reads the private document.
    signed = client.generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": keys["private"]}, ExpiresIn=60
    )
    assert requests.get(signed, timeout=10).content == f"content of {keys['private']}".encode()
