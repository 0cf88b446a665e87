"""Settings for the test suite: PostgreSQL, Redis and eager Celery unless a test asks for a worker."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/langnghe")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from marketplace.settings.base import *  # noqa: E402,F401,F403
from marketplace.settings.base import env  # noqa: E402

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Tests run tasks in-process unless a test starts a real worker and switches this off.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# Fast hashing for the many users tests make; production's Argon2 is checked by a test
# that switches it back on (tests/storefront_api/account/test_account_flow.py).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Fixtures write rows without the services that drop cached catalogue reads: the caches are
# off unless a test turns them on (tests/storefront_api/catalog/test_read_cache.py).
PRODUCT_COUNT_CACHE_SECONDS = 0
CATALOG_CACHE_SECONDS = 0
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PUBLIC_URL = "http://testserver"
# Static files without collectstatic: plain names, found in the apps by WhiteNoise on request.
# (The production way, collectstatic + manifest, is tested by tests/docker/.)
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
