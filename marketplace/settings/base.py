"""Project settings, read from the environment only (django-environ).

Every variable is listed in ``.env.example`` and documented in the README. With nothing
set, the project runs the embedded demo: SQLite, eager Celery, local media.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-demo-key-only-for-debug-mode"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "origin",
    "user-agent",
    "x-requested-with",
    # Apollo's CSRF-prevention headers: a multipart upload must carry one of them (or an
    # Authorization header) so that a browser preflights it (storefront_api/views.py).
    "apollo-require-preflight",
    "x-apollo-operation-name",
)
CORS_URLS_REGEX = r"^/graphql/.*$"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "django_celery_beat",  # periodic tasks in the database (marketplace/core/beat.py)
    "marketplace.core",
    "marketplace.accounts",
    "marketplace.channels",
    "vendors.villages",
    "vendors.shops",
    "marketplace.catalog",
    "vendors.ocop",
    "marketplace.curation",
    "marketplace.inventory",
    "marketplace.thumbnails",
    "marketplace.routes",
    "marketplace.content",
    "marketplace.shipping",
    "marketplace.discounts",
    "marketplace.checkout",
    "marketplace.orders",
    "marketplace.payments",
    "marketplace.notifications",
    "marketplace.reviews",
    "marketplace.returns",
    "marketplace.audit",
    "storefront_api",
    # After storefront_api, whose templates/graphene/graphiql.html (GraphiQL from our own
    # static files, no CDN) overrides graphene-django's.
    "graphene_django",
    "backoffice",  # the seller centre and the curators' and staff's console (/studio/)
    "marketplace.demo",  # the demo seed (populatedb): on top, it imports the domain apps
    # The long tail, at /studio/admin/ (backoffice/admin_site.py). Last: an app listed earlier
    # wins a translation both have, and the back office's "Save" is "Lưu", not the admin's.
    "django.contrib.admin",
]

MIDDLEWARE = [
    "marketplace.core.request_id.RequestIdMiddleware",
    # Each request's database routing state; pins a client that wrote to the primary.
    "marketplace.core.primary_pin.DatabaseRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files (GraphiQL's assets) from the Python process, with DEBUG off too:
    # compressed, with far-future caching for the hashed names collectstatic writes.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",  # the API itself is token-authenticated and exempt
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "marketplace.core.availability.ServiceUnavailableMiddleware",
    # The vendor policy's per-request cache (vendors/shops/policies.py).
    "vendors.shops.middleware.PolicyScopeMiddleware",
    # Sessions, sign-in, messages and the user's language for /studio/ only: nothing else
    # (the API above all) ever reads a session (backoffice/middleware.py).
    "backoffice.middleware.BackOfficeMiddleware",
]

# Django's admin looks for the session, auth and message middleware in MIDDLEWARE; ours run
# them inside BackOfficeMiddleware for /studio/ only, where the admin is mounted.
SILENCED_SYSTEM_CHECKS = ["admin.E408", "admin.E409", "admin.E410"]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csrf",
                "django.contrib.auth.context_processors.auth",  # Django's admin needs it
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

# ---------------------------------------------------------------- database
# The SQLite file is the demo's (DEBUG on); without DEBUG the database must be named.
if not DEBUG and not env.str("DATABASE_URL", default=""):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set when DEBUG is off (postgres://user:password@host:5432/name); "
        "the SQLite fallback is for the demo only."
    )
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# PostgreSQL cancels a statement running longer than this (a request then answers 503
# STATEMENT_TIMEOUT, and a service's transaction rolls back); 0 turns it off. It is set when
# a connection opens (libpq options), so it costs no query. manage.py commands other than
# runserver run without it: migrations and imports may legitimately run long statements.
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=10_000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DATABASE_STATEMENT_TIMEOUT_MS > 0:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}".strip()
    )
# Parallel query workers per Gather node for this process's sessions (libpq options, no
# query): 0 keeps each request's query in one database process; -1 (the default) leaves
# PostgreSQL's setting, which made a single search faster in the benchmark.
DATABASE_MAX_PARALLEL_WORKERS = env.int("DATABASE_MAX_PARALLEL_WORKERS", default=-1)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DATABASE_MAX_PARALLEL_WORKERS >= 0:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c max_parallel_workers_per_gather={DATABASE_MAX_PARALLEL_WORKERS}"
    ).strip()
# The statements the catalogue's loaders and first pages run again and again are prepared
# once per connection (marketplace.core.rows.preparing_cursor); off for a PgBouncer in
# transaction mode that does not track prepared statements (before 1.21).
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
# A pool of connections per process (psycopg_pool, Django's "pool" option) instead of a
# connection per request or per CONN_MAX_AGE; its size bounds the process's connections.
DATABASE_POOL = env.bool("DATABASE_POOL", default=False)
DATABASE_POOL_MAX_SIZE = env.int("DATABASE_POOL_MAX_SIZE", default=4)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DATABASE_POOL:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DATABASE_POOL_MAX_SIZE,
        "timeout": 10,
    }

# Read replicas (zero or more streaming replicas of the primary): public catalogue reads may
# go to one (marketplace/core/db_routing.py says which reads, and when they do not).
DATABASE_REPLICA_URLS = env.list("DATABASE_REPLICA_URLS", default=[])
# A replica whose replay is further behind than this is skipped (the primary answers).
DATABASE_REPLICA_MAX_LAG_SECONDS = env.float("DATABASE_REPLICA_MAX_LAG_SECONDS", default=5.0)
# How often each process checks a replica (reachable, standby, lag); a failed query marks it
# unavailable until the next check.
DATABASE_REPLICA_CHECK_SECONDS = env.float("DATABASE_REPLICA_CHECK_SECONDS", default=2.0)
# After a write, the client reads the primary this long (read-your-writes); at least the lag bound.
DATABASE_PRIMARY_PIN_SECONDS = env.float("DATABASE_PRIMARY_PIN_SECONDS", default=10.0)
if DATABASE_PRIMARY_PIN_SECONDS < DATABASE_REPLICA_MAX_LAG_SECONDS:
    raise ImproperlyConfigured(
        "DATABASE_PRIMARY_PIN_SECONDS must be at least DATABASE_REPLICA_MAX_LAG_SECONDS: a client "
        "reading a replica that lags more than its pin would not see its own write."
    )
for _index, _url in enumerate(DATABASE_REPLICA_URLS):
    _replica = env.db_url_config(_url)
    _replica["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    _replica["ATOMIC_REQUESTS"] = False
    _replica_options = _replica.setdefault("OPTIONS", {})
    # A replica that does not answer is skipped quickly; reads are bounded like the primary's.
    _replica_options.setdefault("connect_timeout", 2)
    if DATABASE_STATEMENT_TIMEOUT_MS > 0:
        _replica_options["options"] = f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
    _replica["TEST"] = {"MIRROR": "default"}  # a test run has no replica of its own
    DATABASES[f"replica_{_index}"] = _replica
DATABASE_ROUTERS = ["marketplace.core.db_routing.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ---------------------------------------------------------------- sign-in
# JWTs are signed (HS256) with the first key and verified with any, so keys can be rotated:
# put the new key first, keep the old one until its tokens have expired, then drop it.
JWT_SIGNING_KEYS = env.list("JWT_SIGNING_KEYS", default=[]) or [SECRET_KEY]
JWT_ACCESS_TTL_SECONDS = env.int("JWT_ACCESS_TTL_SECONDS", default=5 * 60)
JWT_REFRESH_TTL_SECONDS = env.int("JWT_REFRESH_TTL_SECONDS", default=30 * 24 * 3600)
# A token's issuer (iss) is the API's public URL, as Saleor's: Saleor's auth SDK sends the
# token only to the URL in its iss. Unset: the URL each request came to (scheme from
# X-Forwarded-Proto behind a proxy when DEBUG is off). Set it to exactly the URL clients
# use (the storefront's NEXT_PUBLIC_SALEOR_API_URL) when a proxy changes host or path.
API_PUBLIC_URL = env.str("API_PUBLIC_URL", default="")
if API_PUBLIC_URL and (
    urlsplit(API_PUBLIC_URL).scheme not in ("http", "https") or not urlsplit(API_PUBLIC_URL).netloc
):
    raise ImproperlyConfigured(
        "API_PUBLIC_URL must be an http(s) URL such as https://api.example.vn/graphql/."
    )
# Issuers still accepted besides the current one, e.g. the old URL after a move; drop one once
# refresh tokens issued under it have expired (JWT_REFRESH_TTL_SECONDS). "langnghe-market"
# is the fixed issuer of tokens made before issuers were URLs.
JWT_ACCEPTED_ISSUERS = env.list("JWT_ACCEPTED_ISSUERS", default=["langnghe-market"])
ACCOUNT_CONFIRMATION_REQUIRED = env.bool("ACCOUNT_CONFIRMATION_REQUIRED", default=True)
# Sign-in throttling: after this many failures (per IP and per account) each further
# attempt must wait 2, 4, 8... seconds, up to the maximum.
LOGIN_FAILURES_ALLOWED = env.int("LOGIN_FAILURES_ALLOWED", default=5)
LOGIN_MAX_DELAY_SECONDS = env.int("LOGIN_MAX_DELAY_SECONDS", default=15 * 60)
# Account e-mails (confirmation and "you already have an account"; password reset): at most
# this many of each kind to one address per window; beyond, nothing is sent (silently).
ACCOUNT_EMAILS_PER_ADDRESS = env.int("ACCOUNT_EMAILS_PER_ADDRESS", default=3)
ACCOUNT_EMAIL_WINDOW_SECONDS = env.int("ACCOUNT_EMAIL_WINDOW_SECONDS", default=3600)
STOREFRONT_URL = env.str("STOREFRONT_URL", default="http://localhost:3000")

# ---------------------------------------------------------------- the back office (/studio/)
# Its session cookie is sent only to /studio/ and read only there (backoffice/middleware.py):
# a back-office session never authenticates /graphql/, which has no CSRF protection.
BACKOFFICE_PREFIX = "/studio/"
SESSION_COOKIE_NAME = "studio_session"
SESSION_COOKIE_PATH = BACKOFFICE_PREFIX
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("BACKOFFICE_SESSION_SECONDS", default=14 * 24 * 3600)
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGIN_URL = "backoffice:sign-in"

# ---------------------------------------------------------------- email
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Làng Nghề Market <no-reply@langnghe.vn>")
# Where django.core.mail.backends.filebased.EmailBackend writes each message (the storefront
# end-to-end driver reads the sign-up confirmation there).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default="") or None

# ---------------------------------------------------------------- notifications, reviews
# README "Being told": e-mail always available; SMS and Zalo ZNS only when configured.
NOTIFICATION_HTTP_TIMEOUT_SECONDS = env.float("NOTIFICATION_HTTP_TIMEOUT_SECONDS", default=10.0)
SMS_API_URL = env.str("SMS_API_URL", default="")  # SpeedSMS: https://api.speedsms.vn/index.php/sms/send
SMS_API_TOKEN = env.str("SMS_API_TOKEN", default="")
SMS_SENDER = env.str("SMS_SENDER", default="")
SMS_TYPE = env.int("SMS_TYPE", default=2)
ZALO_ZNS_API_URL = env.str(
    "ZALO_ZNS_API_URL", default=""
)  # https://business.openapi.zalo.me/message/template
ZALO_ZNS_ACCESS_TOKEN = env.str("ZALO_ZNS_ACCESS_TOKEN", default="")
# "event=template id" pairs, comma-separated: only these events go out on Zalo.
ZALO_ZNS_TEMPLATES = env.dict("ZALO_ZNS_TEMPLATES", default={})
# The link in an order's messages; {id} is the order's API ID (Saleor's storefront opens it).
STOREFRONT_ORDER_URL = (
    env.str("STOREFRONT_ORDER_URL", default="") or f"{STOREFRONT_URL}/checkout?order={{id}}"
)
REVIEW_EDIT_DAYS = env.int("REVIEW_EDIT_DAYS", default=30)

# ---------------------------------------------------------------- cache, broker
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Django's Redis backend, keeping one client per pool (marketplace/core/redis_cache.py).
    CACHES = {"default": {"BACKEND": "marketplace.core.redis_cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Caches of catalogue reads (marketplace/catalog/cache.py), in Redis, dropped at once by any
# catalogue write (generation counters); 0 turns one off. Both need a cache shared by every
# process, so they are off without REDIS_URL.
PRODUCT_COUNT_CACHE_SECONDS = env.int("PRODUCT_COUNT_CACHE_SECONDS", default=300 if REDIS_URL else 0)
CATALOG_CACHE_SECONDS = env.int("CATALOG_CACHE_SECONDS", default=300 if REDIS_URL else 0)
# How long a process trusts the catalogue generations it last read from Redis for a read
# cache hit (0: it asks Redis on every hit, and every write is seen by the next read).
CATALOG_CACHE_LOCAL_SECONDS = env.float("CATALOG_CACHE_LOCAL_SECONDS", default=0)

_broker_url = env.str("CELERY_BROKER_URL", default="") or REDIS_URL
CELERY_BROKER_URL = _broker_url or "memory://"
CELERY_RESULT_BACKEND = None
# Without a broker the demo (DEBUG) runs every task in-process, at once. Without DEBUG a
# broker is required: in-process tasks only when asked for (CELERY_TASK_ALWAYS_EAGER=true).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not _broker_url)
if not DEBUG and not _broker_url and not env.bool("CELERY_TASK_ALWAYS_EAGER", default=False):
    raise ImproperlyConfigured(
        "A Celery broker must be set when DEBUG is off: REDIS_URL (also the cache) or CELERY_BROKER_URL. "
        "Set CELERY_TASK_ALWAYS_EAGER=true to run tasks in-process on purpose."
    )
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task whose worker died stays unacknowledged in Redis until this many seconds have
# passed, then goes to another worker: keep it above the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# Queues by purpose, each with its own workers (docker/, README "Running at scale"): a flood
# of thumbnails never delays a payment or an e-mail. Every task is routed (a test checks);
# anything unrouted would land on "maintenance".
CELERY_TASK_QUEUES = [
    Queue(name, Exchange(name, type="direct"), routing_key=name)
    for name in ("payments", "emails", "media", "maintenance")
]
CELERY_TASK_DEFAULT_QUEUE = "maintenance"
CELERY_TASK_ROUTES = {
    "marketplace.orders.tasks.expire_unpaid_orders": {"queue": "payments"},
    "marketplace.core.tasks.send_email": {"queue": "emails"},
    "marketplace.notifications.tasks.deliver": {"queue": "emails"},
    "marketplace.notifications.tasks.deliver_stalled": {"queue": "maintenance"},
    "marketplace.thumbnails.tasks.create_thumbnails": {"queue": "media"},
    "marketplace.catalog.tasks.delete_unconfirmed_uploads": {"queue": "maintenance"},
    "marketplace.checkout.tasks.delete_expired_reservations": {"queue": "maintenance"},
    "marketplace.checkout.tasks.delete_abandoned_checkouts": {"queue": "maintenance"},
    "vendors.ocop.tasks.ocop_daily": {"queue": "maintenance"},
}
# The worker's log lines carry the request id that queued the task (marketplace/core/task_context.py).
CELERY_WORKER_LOG_FORMAT = "%(asctime)s %(levelname)s %(processName)s [%(request_id)s] %(message)s"
CELERY_WORKER_TASK_LOG_FORMAT = (
    "%(asctime)s %(levelname)s %(processName)s [%(request_id)s] %(task_name)s[%(task_id)s] %(message)s"
)
# Periodic tasks live in the database (django-celery-beat; the entries below are installed
# there by the leading beat); only the beat holding the leader lock sends them, and each run
# is recorded at once, so a second beat or a move to another host never runs a task twice.
CELERY_BEAT_SCHEDULER = "marketplace.core.beat:LeaderDatabaseScheduler"
CELERY_BEAT_SYNC_EVERY = 1
CELERY_BEAT_SCHEDULE = {
    "ocop-daily": {"task": "vendors.ocop.tasks.ocop_daily", "schedule": crontab(hour=6, minute=0)},
    "checkout-expired-reservations": {
        "task": "marketplace.checkout.tasks.delete_expired_reservations",
        "schedule": crontab(minute="*/5"),
    },
    "checkout-delete-abandoned": {
        "task": "marketplace.checkout.tasks.delete_abandoned_checkouts",
        "schedule": crontab(hour=3, minute=30),
    },
    "orders-expire-unpaid": {"task": "marketplace.orders.tasks.expire_unpaid_orders", "schedule": crontab()},
    "notifications-deliver-stalled": {
        "task": "marketplace.notifications.tasks.deliver_stalled",
        "schedule": crontab(minute="*/10"),
    },
    "catalog-delete-unconfirmed-uploads": {
        "task": "marketplace.catalog.tasks.delete_unconfirmed_uploads",
        "schedule": crontab(minute="*/15"),
    },
}

# ---------------------------------------------------------------- i18n
# Vietnamese is the base language (content, e-mails by default, the back office); the API
# answers in English unless asked otherwise (storefront_api/core/language.py). The domain's
# messages are translated in locale/ (make messages; README "Languages").
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The domain's catalogue, then the back office's: both ahead of every app's own (Django's
# admin says "Lưu lại" where the back office says "Lưu").
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "backoffice" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------- static and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

USE_S3 = env.bool("USE_S3", default=False)
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="ap-southeast-1")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
# The S3 endpoint as browsers and phones reach it, when it is not AWS_S3_ENDPOINT_URL (compose:
# the API reaches MinIO as http://minio:9000, a phone as http://<host>:9000): presigned
# uploads and private-document links are signed for it. Public media URLs use
# AWS_S3_CUSTOM_DOMAIN.
AWS_S3_PUBLIC_ENDPOINT_URL = env.str("AWS_S3_PUBLIC_ENDPOINT_URL", default="") or None
AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="") or None
AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="") or None
AWS_S3_URL_PROTOCOL = env.str("AWS_S3_URL_PROTOCOL", default="https:")
AWS_QUERYSTRING_AUTH = False
AWS_DEFAULT_ACL = None
AWS_S3_FILE_OVERWRITE = False
# Signature V4 for presigned URLs and POST policies (V2 is deprecated and refused by newer regions).
AWS_S3_SIGNATURE_VERSION = "s3v4"
# Private documents (OCOP certificate scans): never public, reached only through short-lived
# signed URLs (marketplace.core.storage). On S3 under "private/" in this bucket; locally in
# PRIVATE_MEDIA_ROOT, which no URL pattern serves directly.
AWS_PRIVATE_BUCKET_NAME = env.str("AWS_PRIVATE_BUCKET_NAME", default="") or AWS_STORAGE_BUCKET_NAME
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))

# Uploads (GraphQL multipart requests, direct uploads): files above 2.5 MB go to temporary
# files, not memory; the non-file part of a request (the operations JSON) is capped too.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# A whole multipart GraphQL request larger than this is refused (413) before it is parsed;
# each file is also capped at 10 MB (marketplace.core.uploads.MAX_UPLOAD_BYTES).
UPLOAD_REQUEST_MAX_BYTES = env.int("UPLOAD_REQUEST_MAX_BYTES", default=32 * 1024 * 1024)

if USE_S3:
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("USE_S3 is on but AWS_STORAGE_BUCKET_NAME is not set.")
    _media_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    # collectstatic writes hashed, compressed copies and a manifest (the Docker image does it
    # at build time; WhiteNoise's storage, source maps left alone: marketplace/core/staticfiles.py);
    # with DEBUG on (the demo) files are served unhashed from the apps.
    "staticfiles": {"BACKEND": "marketplace.core.staticfiles.StaticFilesStorage"},
}

# ---------------------------------------------------------------- the marketplace
DEFAULT_CHANNEL_SLUG = "default-channel"
SHOWCASE_CHANNEL_SLUG = "design-centre"
DEFAULT_COUNTRY = "VN"
SHOP_NAME = env.str("SHOP_NAME", default="Làng Nghề Market")
SHOP_DESCRIPTION = "Sản phẩm làng nghề truyền thống và OCOP của Hà Nội."
# Absolute base for media URLs when no request is at hand (tasks); requests use their host.
PUBLIC_URL = env.str("PUBLIC_URL", default="")
GRAPHQL_PAGINATION_LIMIT = 100
MAX_CHECKOUT_LINE_QUANTITY = 50
# The reservation policy (marketplace.checkout.reservations): a checkout with an email and a
# shipping address or delivery method holds its stock this long, renewed by every change,
# never beyond MAX_MINUTES after its first hold; 0 turns reservations off (stock is then
# checked only when the order is placed). A checkout holds at most MAX_UNITS of a variant,
# one client's checkouts together at most CLIENT_MAX_UNITS.
CHECKOUT_RESERVATION_MINUTES = env.int("CHECKOUT_RESERVATION_MINUTES", default=20)
CHECKOUT_RESERVATION_MAX_MINUTES = env.int("CHECKOUT_RESERVATION_MAX_MINUTES", default=60)
CHECKOUT_RESERVATION_MAX_UNITS = env.int("CHECKOUT_RESERVATION_MAX_UNITS", default=10)
CHECKOUT_RESERVATION_CLIENT_MAX_UNITS = env.int("CHECKOUT_RESERVATION_CLIENT_MAX_UNITS", default=20)
# New checkouts per window from one IP address and for one customer (CHECKOUT_CREATION_DELAYED).
CHECKOUT_CREATE_PER_IP = env.int("CHECKOUT_CREATE_PER_IP", default=30)
CHECKOUT_CREATE_PER_USER = env.int("CHECKOUT_CREATE_PER_USER", default=10)
CHECKOUT_CREATE_WINDOW_SECONDS = env.int("CHECKOUT_CREATE_WINDOW_SECONDS", default=600)
# Who the client is (marketplace.core.clients). TRUSTED_PROXY_IPS: proxies (load balancer,
# or a storefront server that forwards its buyers' addresses) whose X-Forwarded-For names
# the client. STOREFRONT_SERVER_IPS: server-side storefronts calling for many buyers
# without naming them: their requests are not limited per IP address (per-customer,
# per-account and per-checkout limits still apply). IP addresses or networks (CIDR).
TRUSTED_PROXY_IPS = env.list("TRUSTED_PROXY_IPS", default=[])
STOREFRONT_SERVER_IPS = env.list("STOREFRONT_SERVER_IPS", default=[])
# Limits on documents (storefront_api.core.documents checks them in this order, each
# step bounded by the previous ones; README "Limits").
GRAPHQL_MAX_BODY_BYTES = 1024 * 1024  # JSON bodies; multipart uploads use UPLOAD_REQUEST_MAX_BYTES
GRAPHQL_MAX_QUERY_LENGTH = 100_000  # characters of the query text
GRAPHQL_MAX_TOKENS = 5_000  # lexical tokens of the query text (parsing costs ~15 µs a token)
GRAPHQL_MAX_DEPTH = 15  # nesting of fields, introspection excepted
GRAPHQL_MAX_SELECTIONS = 20_000  # fields, inline fragments and spreads, a fragment counted at every spread
GRAPHQL_MAX_DUPLICATE_PAIRS = 5_000  # pairs of fields selected under one response key at one place
GRAPHQL_MAX_ALIASES = 100
GRAPHQL_MAX_MUTATIONS = 5
GRAPHQL_MAX_INTROSPECTION_TYPES = 10  # __type lookups per document
GRAPHQL_MAX_COST = 50_000
SEARCH_MAX_LENGTH = 200

# ---------------------------------------------------------------- payments
VNPAY_TMN_CODE = env.str("VNPAY_TMN_CODE", default="")
VNPAY_HASH_SECRET = env.str("VNPAY_HASH_SECRET", default="")
VNPAY_PAYMENT_URL = env.str("VNPAY_PAYMENT_URL", default="https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")
# Where VNPay sends the buyer back (a storefront page; display only, the IPN confirms).
VNPAY_RETURN_URL = env.str("VNPAY_RETURN_URL", default=f"{STOREFRONT_URL}/checkout/payment-return")
# How long the buyer has to pay (vnp_ExpireDate), and how long after that an unpaid
# order still waits for a late IPN before it expires and releases its stock.
VNPAY_PAYMENT_MINUTES = env.int("VNPAY_PAYMENT_MINUTES", default=15)
VNPAY_GRACE_MINUTES = env.int("VNPAY_GRACE_MINUTES", default=10)
PAYMENT_DUMMY_ENABLED = env.bool("PAYMENT_DUMMY_ENABLED", default=DEBUG)
# VNPay's merchant web API (querydr/refund): refunds of VNPay payments are sent there, signed.
VNPAY_REFUND_URL = env.str(
    "VNPAY_REFUND_URL", default="https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"
)
VNPAY_REFUND_TIMEOUT_SECONDS = env.float("VNPAY_REFUND_TIMEOUT_SECONDS", default=15.0)
# The IP address of this server as VNPay's refund API records it (vnp_IpAddr).
VNPAY_SERVER_IP = env.str("VNPAY_SERVER_IP", default="127.0.0.1")

# ---------------------------------------------------------------- returns
# Days after a part is delivered (fulfilled, or handed over at pickup) its buyer may ask to return it.
RETURN_WINDOW_DAYS = env.int("RETURN_WINDOW_DAYS", default=7)
# Saleor's limit of transaction items per checkout.
TRANSACTION_ITEMS_LIMIT = 100

GRAPHENE = {
    "SCHEMA": "storefront_api.schema.schema",
    "SCHEMA_OUTPUT": "storefront_api/schema.graphql",
    "ATOMIC_MUTATIONS": False,
}

LOG_FORMAT = env.str("LOG_FORMAT", default="plain")  # "json" for one JSON object per line
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "marketplace.core.request_id.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "marketplace.core.log_format.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# ---------------------------------------------------------------- observability (both off by default)
# Sentry: errors of the API and the workers, tagged with the request id (marketplace/core/observability.py).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
SENTRY_RELEASE = env.str("SENTRY_RELEASE", default="") or None
if SENTRY_DSN:
    from marketplace.core.observability import init_sentry

    init_sentry(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
        release=SENTRY_RELEASE,
    )
# OpenTelemetry traces over OTLP/HTTP to this collector (the SDK reads the other OTEL_* variables).
OTEL_EXPORTER_OTLP_ENDPOINT = env.str("OTEL_EXPORTER_OTLP_ENDPOINT", default="")

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^health/"]  # probes speak plain HTTP inside the network
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
