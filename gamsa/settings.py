"""All settings of gamsa, read from environment variables.

Every variable is documented in docs/operations.md. A bad value stops the process with a message that names
the variable, what it got and what it expects; nothing falls back silently.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None else value.strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off); got {raw!r}.")


def env_int(name: str, default: int, minimum: int | None = None, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}.")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}; got {value}.")
    return value


def env_float(name: str, default: float, minimum: float, maximum: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number; got {raw!r}.") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}; got {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = (os.environ.get(name) or default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {value!r}.")
    return value


# --- core ---------------------------------------------------------------------------------------------------
DEBUG = env_bool("GAMSA_DEBUG", False)
SECRET_KEY = env_str("GAMSA_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "GAMSA_SECRET_KEY is not set. Set it to a long random string (python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'); only GAMSA_DEBUG=true runs without one."
        )
    SECRET_KEY = "insecure-debug-only-key-never-used-in-production"  # noqa: S105
elif len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("GAMSA_SECRET_KEY must be at least 32 characters long.")

ALLOWED_HOSTS = env_list("GAMSA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("GAMSA_CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if urlparse(_origin).scheme not in ("http", "https"):
        raise ImproperlyConfigured(
            f"GAMSA_CSRF_TRUSTED_ORIGINS entries must start with http(s)://; got {_origin!r}."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "gamsa.core",
    "gamsa.core.notices",
    "gamsa.core.approvals",
    "gamsa.core.board",
    "gamsa.complaints",
    "gamsa.audits",
    "gamsa.reviews",
    "gamsa.costing",
    "gamsa.patrols",
    "gamsa.open311",
    "gamsa.hotline",
    "gamsa.investigations",
    "gamsa.ethics",
    "gamsa.humanrights",
    "gamsa.integrity",
]

MIDDLEWARE = [
    # First: on the anonymous hotline's reporter routes it strips the address, browser and referrer before any
    # other layer (sessions, axes, logging, error reports) can see them, and sets the strict headers last.
    "gamsa.hotline.privacy.ReporterPrivacyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gamsa.core.inputs.InputCleaningMiddleware",
    "gamsa.core.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gamsa.urls"
WSGI_APPLICATION = "gamsa.wsgi.application"
ASGI_APPLICATION = "gamsa.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gamsa.core.context_processors.gamsa",
            ],
            "builtins": ["gamsa.core.templatetags.krfmt"],
        },
    }
]

# --- database -----------------------------------------------------------------------------------------------
if os.environ.get("GAMSA_VAR_DIR") is None and "site-packages" in PROJECT_DIR.parts:
    raise ImproperlyConfigured(
        "GAMSA_VAR_DIR is not set. When gamsa is installed as a package, set it to the folder for the SQLite "
        "database, uploads and backups (for example /var/lib/gamsa)."
    )
VAR_DIR = Path(env_str("GAMSA_VAR_DIR", str(PROJECT_DIR / "var")))
_default_db = f"sqlite:///{VAR_DIR / 'gamsa.sqlite3'}"
_db_url = env_str("DATABASE_URL", _default_db) or _default_db
try:
    _db = dj_database_url.parse(_db_url, conn_max_age=env_int("GAMSA_DB_CONN_MAX_AGE", 60, minimum=0))
except Exception as exc:  # dj-database-url raises several kinds of errors
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a valid database URL ({exc}); got {_db_url!r}."
    ) from None
if _db["ENGINE"] not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
    raise ImproperlyConfigured(f"DATABASE_URL must be sqlite:// or postgres://; got engine {_db['ENGINE']}.")
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    if _db["NAME"] != ":memory:":
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
else:
    _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- people and login ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Staff roles must pass TOTP 2FA. GAMSA_OTP_REQUIRED=false relaxes it (the local demo only).
GAMSA_OTP_REQUIRED = env_bool("GAMSA_OTP_REQUIRED", True)
OTP_TOTP_ISSUER = env_str("GAMSA_OTP_ISSUER", "gamsa 감사담당관")
# The admin never sees a staff member's TOTP secret or QR code (that would let it copy their second factor); the
# two django-otp admin pages answer 403 instead (they also answered 500 for an unknown device).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Enrolling the authenticator needs a one-time code an administrator issues (`gamsa otp-code`); it expires.
GAMSA_ENROLMENT_CODE_HOURS = env_int("GAMSA_ENROLMENT_CODE_HOURS", 72, minimum=1, maximum=24 * 30)
# Personal API tokens skip the second factor: they expire (default and longest lifetime, days).
GAMSA_API_TOKEN_DAYS = env_int("GAMSA_API_TOKEN_DAYS", 30, minimum=1, maximum=365)

# The citizen's status lookup (receipt number + PIN + last four digits of the phone): failed tries per client
# address in 15 minutes, and per receipt number before it is locked for GAMSA_STATUS_LOCK_HOURS.
GAMSA_STATUS_CLIENT_LIMIT = env_int("GAMSA_STATUS_CLIENT_LIMIT", 10, minimum=1, maximum=1000)
GAMSA_STATUS_RECEIPT_LIMIT = env_int("GAMSA_STATUS_RECEIPT_LIMIT", 10, minimum=1, maximum=100)
GAMSA_STATUS_LOCK_HOURS = env_int("GAMSA_STATUS_LOCK_HOURS", 24, minimum=1, maximum=24 * 30)
# The number a locked-out citizen calls (empty: the complaint team's unit, else the audit office, else the district).
GAMSA_COMPLAINT_PHONE = env_str("GAMSA_COMPLAINT_PHONE", "")

# django-axes: lock an account+address after repeated failures.
AXES_FAILURE_LIMIT = env_int("GAMSA_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = env_int("GAMSA_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False  # no usernames/addresses in an extra table beyond axes' own

# Sessions live in the database. With a shared cache (Redis) they are read through it, one query less per request.
# Not with the per-process memory cache: a logout in one web process would leave the session alive in the others'.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env_str("GAMSA_REDIS_URL")
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_AGE = env_int("GAMSA_SESSION_HOURS", 9, minimum=1, maximum=72) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the meta tag; the cookie stays SameSite=Lax
CSRF_FAILURE_VIEW = "gamsa.core.views.csrf_failure"

# --- HTTPS --------------------------------------------------------------------------------------------------
GAMSA_HTTPS = env_bool("GAMSA_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = GAMSA_HTTPS
CSRF_COOKIE_SECURE = GAMSA_HTTPS
SECURE_SSL_REDIRECT = GAMSA_HTTPS and env_bool("GAMSA_SSL_REDIRECT", True)
GAMSA_BEHIND_PROXY = env_bool("GAMSA_BEHIND_PROXY", False)
# The address of the reverse proxy whose X-Forwarded-For/-Proto headers `gamsa serve` (waitress) trusts.
GAMSA_TRUSTED_PROXY = env_str("GAMSA_TRUSTED_PROXY", "127.0.0.1")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if GAMSA_BEHIND_PROXY else None
SECURE_HSTS_SECONDS = env_int("GAMSA_HSTS_SECONDS", 31536000, minimum=0) if GAMSA_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = GAMSA_HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = (
    [] if GAMSA_HTTPS else ["security.W004", "security.W008", "security.W012", "security.W016"]
)
# The field-complaint board's covering indexes (INCLUDE) are for PostgreSQL; SQLite builds them without the extra
# columns, which is what the laptop demo wants, so its warning on every start-up says nothing to act on.
SILENCED_SYSTEM_CHECKS += ["models.W040"]

# --- Content-Security-Policy (django-csp 4): no inline script, nothing from other origins ---------------------
_tile_host = env_str("GAMSA_MAP_TILE_URL", "") or ""
_img_src = [SELF, "data:", "blob:"]
if _tile_host:
    _parsed = urlparse(
        _tile_host.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")
    )
    if _parsed.scheme not in ("http", "https") or not _parsed.netloc:
        raise ImproperlyConfigured(f"GAMSA_MAP_TILE_URL must be an http(s) URL template; got {_tile_host!r}.")
    _img_src.append(
        f"{_parsed.scheme}://{_parsed.netloc.replace('a.', '*.', 1) if '{s}' in _tile_host else _parsed.netloc}"
    )
GAMSA_MAP_TILE_URL = _tile_host
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],  # KRDS and htmx set style attributes at run time
        "img-src": _img_src,
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- language and time --------------------------------------------------------------------------------------
LANGUAGE_CODE = "ko-kr"
LANGUAGES = [("ko", "한국어")]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["gamsa.formats"]
USE_THOUSAND_SEPARATOR = False  # numbers get separators explicitly (|comma, |won); years must not

# --- files --------------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("GAMSA_STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "gamsa.core.storage.StaticStorage"
    },
}
MEDIA_ROOT = Path(env_str("GAMSA_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # media is never served directly: downloads go through a permission check
GAMSA_ATTACHMENT_MAX_BYTES = env_int("GAMSA_ATTACHMENT_MAX_MB", 20, minimum=1, maximum=500) * 1024 * 1024
# Spreadsheets and archives are checked before any reader opens them (gamsa.core.filecheck): the size their contents
# inflate to, their compression ratio, and the rows and cells of each sheet. A year of one district's field
# complaints is 66,228 rows × 13 columns, 59 MB inflated at a ratio of 9; the defaults leave three times that room.
GAMSA_IMPORT_MAX_ROWS = env_int("GAMSA_IMPORT_MAX_ROWS", 200_000, minimum=100, maximum=10_000_000)
GAMSA_IMPORT_MAX_CELLS = env_int("GAMSA_IMPORT_MAX_CELLS", 4_000_000, minimum=1_000, maximum=200_000_000)
GAMSA_IMPORT_MAX_UNCOMPRESSED_BYTES = (
    env_int("GAMSA_IMPORT_MAX_UNCOMPRESSED_MB", 300, minimum=1, maximum=20_000) * 1024 * 1024
)
GAMSA_IMPORT_MAX_RATIO = env_int("GAMSA_IMPORT_MAX_RATIO", 100, minimum=10, maximum=1100)
GAMSA_IMAGE_MAX_PIXELS = env_int(
    "GAMSA_IMAGE_MAX_PIXELS", 80_000_000, minimum=1_000_000, maximum=1_000_000_000
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- logs and retention -------------------------------------------------------------------------------------
# The personal-data access log must be kept at least two years (개인정보의 안전성 확보조치 기준 제8조).
GAMSA_ACCESS_LOG_RETENTION_DAYS = env_int("GAMSA_ACCESS_LOG_RETENTION_DAYS", 730, minimum=730)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "gamsa.core.logfilters.PersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_personal_data"]}
    },
    "root": {
        "handlers": ["console"],
        "level": env_choice("GAMSA_LOG_LEVEL", "info", ("debug", "info", "warning", "error")).upper(),
    },
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.server": {"level": "WARNING"},
        # WeasyPrint's step-by-step progress and fontTools' subsetting notes; their warnings still show.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- background work (Tasks API) ----------------------------------------------------------------------------
_tasks_backend = env_choice("GAMSA_TASKS_BACKEND", "database", ("database", "immediate", "rq", "dummy"))
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "rq": "django_tasks_rq.RQBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_tasks_backend], "QUEUES": ["default", "imports", "reports"]}}
GAMSA_TASKS_BACKEND = _tasks_backend
# Background work that survives faults (docs/operations.md, "작업 처리기"). The worker beats every
# HEARTBEAT seconds; a job or worker silent for LEASE seconds is taken for dead: its job is queued again (up to
# MAX_ATTEMPTS runs in all) or marked failed. On SIGTERM/SIGINT a running job gets SHUTDOWN_GRACE seconds to end
# before it is handed back to the queue.
GAMSA_JOB_HEARTBEAT_SECONDS = env_float("GAMSA_JOB_HEARTBEAT_SECONDS", 5.0, 0.1, 300.0)
GAMSA_JOB_LEASE_SECONDS = env_float("GAMSA_JOB_LEASE_SECONDS", 60.0, 1.0, 86400.0)
GAMSA_JOB_MAX_ATTEMPTS = env_int("GAMSA_JOB_MAX_ATTEMPTS", 2, minimum=1, maximum=10)
GAMSA_SHUTDOWN_GRACE_SECONDS = env_float("GAMSA_SHUTDOWN_GRACE_SECONDS", 30.0, 0.0, 3600.0)
# 청렴공한문: the merged PDF is rendered in chunks by this many worker processes (0: one per CPU core, at most 4).
GAMSA_LETTERS_PROCESSES = env_int("GAMSA_LETTERS_PROCESSES", 0, minimum=0, maximum=32)
# An import check's upload waits this long for the user's confirmation before the sweep removes it.
GAMSA_IMPORT_UPLOAD_KEEP_HOURS = env_int("GAMSA_IMPORT_UPLOAD_KEEP_HOURS", 24, minimum=1, maximum=24 * 30)
if _tasks_backend == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        name: {"URL": env_str("GAMSA_REDIS_URL", "redis://127.0.0.1:6379/0")}
        for name in TASKS["default"]["QUEUES"]
    }

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_str("GAMSA_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("GAMSA_REDIS_URL"),
        }
    }

# --- notices: e-mail, SMS and 카카오 알림톡 (gamsa.core.notices, docs/adr/0022-notice-channels.md) ----------------
# E-mail goes through Django's mail framework: "console" prints mails (the demo), "smtp" sends them.
_email_backend = env_choice("GAMSA_EMAIL_BACKEND", "console", ("console", "smtp", "locmem"))
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}[_email_backend]
EMAIL_HOST = env_str("GAMSA_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GAMSA_EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("GAMSA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("GAMSA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GAMSA_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("GAMSA_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("GAMSA_EMAIL_USE_TLS and GAMSA_EMAIL_USE_SSL cannot both be true; choose one.")
EMAIL_TIMEOUT = env_int("GAMSA_EMAIL_TIMEOUT", 20, minimum=1, maximum=300)
DEFAULT_FROM_EMAIL = env_str("GAMSA_EMAIL_FROM", "gamsa@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# SMS and 알림톡 go through one provider interface: "console" logs that a message went (never its text or number),
# "solapi" sends through SOLAPI's SDK. GAMSA_SOLAPI_BASE_URL points it elsewhere (the tests' local fake server).
GAMSA_SMS_BACKEND = env_choice("GAMSA_SMS_BACKEND", "console", ("console", "solapi"))
GAMSA_SOLAPI_API_KEY = env_str("GAMSA_SOLAPI_API_KEY", "")
GAMSA_SOLAPI_API_SECRET = env_str("GAMSA_SOLAPI_API_SECRET", "")
GAMSA_SOLAPI_BASE_URL = (env_str("GAMSA_SOLAPI_BASE_URL", "https://api.solapi.com") or "").rstrip("/")
if urlparse(GAMSA_SOLAPI_BASE_URL).scheme not in ("http", "https"):
    raise ImproperlyConfigured(
        f"GAMSA_SOLAPI_BASE_URL must be an http(s) URL; got {GAMSA_SOLAPI_BASE_URL!r}."
    )
GAMSA_SMS_SENDER = env_str("GAMSA_SMS_SENDER", "")  # the registered 발신번호
GAMSA_KAKAO_PF_ID = env_str("GAMSA_KAKAO_PF_ID", "")  # the 카카오톡 채널's 발신프로필 ID (pfId)
if GAMSA_SMS_BACKEND == "solapi" and not (
    GAMSA_SOLAPI_API_KEY and GAMSA_SOLAPI_API_SECRET and GAMSA_SMS_SENDER
):
    raise ImproperlyConfigured(
        "GAMSA_SMS_BACKEND=solapi needs GAMSA_SOLAPI_API_KEY, GAMSA_SOLAPI_API_SECRET and GAMSA_SMS_SENDER."
    )
# A notice that fails is tried again after these minutes (the last repeats) until it has had MAX_ATTEMPTS tries.
GAMSA_NOTICE_MAX_ATTEMPTS = env_int("GAMSA_NOTICE_MAX_ATTEMPTS", 4, minimum=1, maximum=20)
try:
    GAMSA_NOTICE_RETRY_MINUTES = [int(x) for x in env_list("GAMSA_NOTICE_RETRY_MINUTES", ["1", "5", "25"])]
except ValueError:
    raise ImproperlyConfigured(
        "GAMSA_NOTICE_RETRY_MINUTES must be whole minutes, comma-separated (1,5,25)."
    ) from None
if not GAMSA_NOTICE_RETRY_MINUTES or min(GAMSA_NOTICE_RETRY_MINUTES) < 0:
    raise ImproperlyConfigured(
        "GAMSA_NOTICE_RETRY_MINUTES must list at least one number of minutes, none negative."
    )
# The public address citizens follow from a notice to the status page (empty: no link in the notice).
GAMSA_PUBLIC_BASE_URL = (env_str("GAMSA_PUBLIC_BASE_URL", "") or "").rstrip("/")

# --- the office ---------------------------------------------------------------------------------------------
GAMSA_SITE_NAME = env_str("GAMSA_SITE_NAME", "감사담당관 업무시스템")
# The district's recommended maximum length of one call or visit with a complainant (영 제4조①7). Minutes.
GAMSA_RECOMMENDED_CALL_MINUTES = env_int("GAMSA_RECOMMENDED_CALL_MINUTES", 20, minimum=5, maximum=120)
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
# Score from which an earlier complaint is proposed as the same matter (법 제23조). Tune on confirmed pairs.
GAMSA_REPEAT_THRESHOLD = env_float("GAMSA_REPEAT_THRESHOLD", 0.65, 0.0, 1.0)
# Other residents' complaints about the same matter and place within this many days are proposed as 중복민원
# (joint handling; never counted toward 법 제23조). A default from the benchmark, not a legal number.
GAMSA_DUPLICATE_WINDOW_DAYS = env_int("GAMSA_DUPLICATE_WINDOW_DAYS", 90, minimum=1, maximum=3650)
# The review answer period and the field evaluation's minimum count are editable data with an effective date
# (audit_reviews.AnswerPeriod, patrols.EvaluationRule; issue 16 item 6), no longer environment variables.
# Open311 GeoReport v2: jurisdiction_id (empty: the agency's own, else "ydp.seoul.kr"), POSTs per key per minute
# (0 = no limit), and optional contact / key-service texts for the discovery document.
GAMSA_OPEN311_JURISDICTION = env_str("GAMSA_OPEN311_JURISDICTION", "")
GAMSA_OPEN311_POSTS_PER_MINUTE = env_int("GAMSA_OPEN311_POSTS_PER_MINUTE", 60, minimum=0, maximum=10000)
GAMSA_OPEN311_CONTACT = env_str("GAMSA_OPEN311_CONTACT", "")
GAMSA_OPEN311_KEY_SERVICE = env_str("GAMSA_OPEN311_KEY_SERVICE", "")

# --- 청렴톡 (the anonymous hotline, ADR 0023) ------------------------------------------------------------------------
# The pepper: a secret outside the database that every receipt lookup mixes in, so a database dump alone cannot be
# searched for receipts. At least 32 characters; required unless GAMSA_DEBUG is on or the test suite runs. Losing
# it locks reporters out of their reports (the office keeps its keys); changing it does the same.
_pepper = env_str("GAMSA_HOTLINE_PEPPER", "") or ""
_under_tests = "pytest" in __import__("sys").modules
if not _pepper:
    if not (DEBUG or _under_tests):
        raise ImproperlyConfigured(
            "GAMSA_HOTLINE_PEPPER is not set. The anonymous hotline needs a secret of at least 32 characters kept "
            "outside the database (python -c 'import secrets; print(secrets.token_urlsafe(48))'); only "
            "GAMSA_DEBUG=true and the test suite run without one."
        )
    _pepper = "insecure-debug-or-test-only-hotline-pepper-0123456789"
elif len(_pepper) < 32:
    raise ImproperlyConfigured("GAMSA_HOTLINE_PEPPER must be at least 32 characters long.")
GAMSA_HOTLINE_PEPPER = _pepper
# Global budgets (no addresses): reports per hour with a solved proof of work (script on) and without (no script),
# receipt lookups per minute likewise. Proof-of-work difficulty in leading zero bits of SHA-256.
GAMSA_HOTLINE_REPORTS_PER_HOUR = env_int("GAMSA_HOTLINE_REPORTS_PER_HOUR", 120, minimum=1, maximum=100000)
GAMSA_HOTLINE_NOSCRIPT_REPORTS_PER_HOUR = env_int(
    "GAMSA_HOTLINE_NOSCRIPT_REPORTS_PER_HOUR", 30, minimum=1, maximum=100000
)
GAMSA_HOTLINE_LOOKUPS_PER_MINUTE = env_int("GAMSA_HOTLINE_LOOKUPS_PER_MINUTE", 60, minimum=1, maximum=100000)
GAMSA_HOTLINE_NOSCRIPT_LOOKUPS_PER_MINUTE = env_int(
    "GAMSA_HOTLINE_NOSCRIPT_LOOKUPS_PER_MINUTE", 20, minimum=1, maximum=100000
)
GAMSA_HOTLINE_POW_BITS = env_int("GAMSA_HOTLINE_POW_BITS", 16, minimum=0, maximum=28)
GAMSA_HOTLINE_MAX_FILE_MB = env_int("GAMSA_HOTLINE_MAX_FILE_MB", 20, minimum=1, maximum=500)
GAMSA_HOTLINE_MAX_FILES = env_int("GAMSA_HOTLINE_MAX_FILES", 10, minimum=1, maximum=100)
# How long an unlocked hotline key stays usable in a staff session, and an identity grant by default.
GAMSA_HOTLINE_KEY_MINUTES = env_int("GAMSA_HOTLINE_KEY_MINUTES", 30, minimum=1, maximum=600)
GAMSA_HOTLINE_IDENTITY_GRANT_DAYS = env_int("GAMSA_HOTLINE_IDENTITY_GRANT_DAYS", 7, minimum=1, maximum=90)
