"""Settings, read from the environment through django-environ.

Every value an operator may change is an environment variable; a bad value stops start-up with
a message that names it. See the README's Configuration section for the list.
"""

from datetime import timedelta
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable; anything but the usual words stops start-up, naming the variable."""
    raw = env.str(name, default=str(default)).strip().lower()
    if raw not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(f"{name}={raw!r} is not true or false")
    return raw in TRUE_WORDS


def env_int(name: str, default: int) -> int:
    raw = env.str(name, default=str(default)).strip()
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None


def env_roles(name: str, default: str) -> tuple[str, ...]:
    """A comma-separated list of staff roles ("none" for none); an unknown role stops start-up."""
    known = ("agent", "supervisor", "department staff", "admin")
    raw = env.str(name, default=default).strip()
    found = tuple(part.strip() for part in raw.split(",") if part.strip())
    if found == ("none",):
        return ()
    unknown = [role for role in found if role not in known]
    if unknown:
        raise ImproperlyConfigured(f"{name}={raw!r} names unknown roles: {', '.join(unknown)}")
    return found


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.str("CARE311_DATA_DIR", default=str(Path.cwd() / "data")))

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: export SECRET_KEY to a long random string "
        "(the demo command makes one for itself)."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

CITY_NAME = env.str("CARE311_CITY_NAME", default="Demo City")
TIME_ZONE = env.str("CARE311_TIME_ZONE", default="America/Chicago")
try:
    ZoneInfo(TIME_ZONE)
except (ZoneInfoNotFoundError, ValueError) as error:
    raise ImproperlyConfigured(
        f"CARE311_TIME_ZONE={TIME_ZONE!r} is not an IANA time zone name "
        "(for example America/Chicago)."
    ) from error
USE_TZ = True
USE_I18N = True
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]


def _database() -> dict:
    url = env.str("DATABASE_URL", default="")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA_DIR / 'care311.sqlite3'}"
    try:
        database = environ.Env.db_url_config(url)
    except (ImproperlyConfigured, KeyError, ValueError) as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from error
    engine = database.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        # WAL lets readers work while an import writes; IMMEDIATE takes the write lock at the
        # start of a transaction, so two writers queue instead of failing on lock upgrade.
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    elif engine != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"DATABASE_URL names an unsupported database ({engine}): use sqlite:// or postgres://"
        )
    database["TEST"] = {"NAME": env.str("CARE311_TEST_DATABASE_NAME", default=None)}
    return database


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    # django.contrib.admin, behind the staff sign-in and its second factor.
    "care311.accounts.admin_app.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "care311.accounts",
    "care311.catalog",
    "care311.service_requests",
    "care311.imports",
    "care311.open311",
    "care311.knowledge",
    "care311.notifications",
    "care311.portal",
    "care311.contact_center",
    "care311.desk",
    "care311.analytics",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "care311.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "care311.web.middleware.RefuseNulMiddleware",
    "care311.open311.middleware.Open311Middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "care311.accounts.sessions.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "care311.urls"
WSGI_APPLICATION = "care311.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "care311.portal.context.city",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("CARE311_STATIC_ROOT", default=str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve static files straight from the installed apps, so the demo needs no collectstatic.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(env.str("CARE311_MEDIA_ROOT", default=str(DATA_DIR / "media")))
MEDIA_URL = "/media/"

# HTTPS hardening is on unless an operator turns it off (the demo and tests serve plain HTTP
# on localhost); `care311 check --deploy` is clean with the defaults.
HTTPS = env_bool("CARE311_HTTPS", default=True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("CARE311_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Staff sign-in (care311/accounts): /staff/sign-in/, a TOTP code for the roles listed (and for
# anyone who has set up a device), sessions that end when idle or old, throttled failures.
LOGIN_URL = "/staff/sign-in/"
STAFF_TOTP_ROLES = env_roles("CARE311_STAFF_TOTP_ROLES", default="supervisor,admin")
STAFF_SESSION_HOURS = env_int("CARE311_STAFF_SESSION_HOURS", default=8)
STAFF_IDLE_MINUTES = env_int("CARE311_STAFF_IDLE_MINUTES", default=60)
# Reverse proxies in front of the app whose X-Forwarded-For is trusted (0: use REMOTE_ADDR).
STAFF_PROXY_COUNT = env_int("CARE311_PROXY_COUNT", default=0)
OTP_TOTP_ISSUER = f"{CITY_NAME} 311"
AUTHENTICATION_BACKENDS = [
    "care311.accounts.throttle.SignInThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("CARE311_SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CARE311_SIGN_IN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "care311.accounts.throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "care311.accounts.throttle.client_address"
AXES_SENSITIVE_PARAMETERS = ["password", "code"]
AXES_VERBOSE = False

# The Open311 API (care311/open311): see the README's Open311 section.
OPEN311_JURISDICTION_ID = env.str("CARE311_OPEN311_JURISDICTION_ID", default="")
OPEN311_CONTACT = env.str("CARE311_OPEN311_CONTACT", default="")
OPEN311_KEY_SERVICE = env.str("CARE311_OPEN311_KEY_SERVICE", default="")
OPEN311_RATE_LIMIT = env_int("CARE311_OPEN311_RATE_LIMIT", default=300)  # a minute; 0 is off
OPEN311_MAX_BODY_BYTES = env_int("CARE311_OPEN311_MAX_BODY_BYTES", default=10 * 1024 * 1024)

# Contact-center metrics (care311/contact_center): a call about a request is a repeat when
# it comes within this many days of the first; the wallboard's service-level definition.
CONTACT_CENTER_FCR_DAYS = env_int("CARE311_FCR_DAYS", default=7)
CONTACT_CENTER_WALLBOARD_SERVICE_LEVEL = env.str(
    "CARE311_WALLBOARD_SERVICE_LEVEL", default="service_level_offered"
)


def env_networks(name: str) -> list[IPv4Network | IPv6Network]:
    """A comma-separated list of CIDR networks ("10.0.0.0/8,192.0.2.0/24"); a bad one stops
    start-up, naming it."""
    networks = []
    for part in env.list(name, default=[]):
        try:
            networks.append(ip_network(part.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {part!r} is not a network such as 10.0.0.0/8"
            ) from None
    return networks


# The agent desk (care311/desk): which networks count as the office (a desk session from
# anywhere else is remote), and after how many minutes available without a contact an agent
# shows as idle.
DESK_OFFICE_NETWORKS = env_networks("CARE311_OFFICE_NETWORKS")
DESK_IDLE_MINUTES = env_int("CARE311_DESK_IDLE_MINUTES", default=10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("CARE311_LOG_LEVEL", default="WARNING")},
}

# Open data (care311/analytics): the folder the published export files are written to and
# served from, and the hour (city time) the nightly task regenerates them.
OPEN_DATA_DIR = Path(env.str("CARE311_OPEN_DATA_DIR", default=str(DATA_DIR / "open-data")))
OPEN_DATA_HOUR = env_int("CARE311_OPEN_DATA_HOUR", default=2)
if not 0 <= OPEN_DATA_HOUR <= 23:
    raise ImproperlyConfigured(f"CARE311_OPEN_DATA_HOUR={OPEN_DATA_HOUR} is not an hour 0-23")

# Background work (care311/notifications and later sweeps) through the Django Tasks API.
# "database" queues in the database for `care311 db_worker`; "immediate" runs a task as soon
# as it is enqueued (the tests, and a laptop without a worker).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env.str("CARE311_TASK_BACKEND", default="database")
if _task_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"CARE311_TASK_BACKEND={_task_backend!r} is not one of {', '.join(TASK_BACKENDS)}"
    )
TASKS = {
    "default": {"BACKEND": TASK_BACKENDS[_task_backend], "QUEUES": ["default"]},
    # The database queue by name, whatever the default: the tests drive the worker through it.
    "database": {"BACKEND": TASK_BACKENDS["database"], "QUEUES": ["default"]},
}


def env_box(name: str, default: str) -> tuple[float, float, float, float]:
    """A bounding box "south,west,north,east" in degrees; anything else stops start-up."""
    raw = env.str(name, default=default)
    try:
        south, west, north, east = (float(part) for part in raw.split(","))
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not four numbers south,west,north,east"
        ) from None
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a box south,west,north,east")
    return south, west, north, east


# The resident portal (care311/portal). The service area is the city's bounding box: the
# demo city's default is Tulsa's. A pin outside it is refused beside the map.
SERVICE_AREA = env_box("CARE311_SERVICE_AREA", "35.95,-96.15,36.35,-95.75")
# Map tiles come from a tile server; empty shows the map without a background (the tests).
MAP_TILES_URL = env.str(
    "CARE311_MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
MAP_ATTRIBUTION = env.str("CARE311_MAP_ATTRIBUTION", default="© OpenStreetMap contributors")
PHOTO_MAX_BYTES = env_int("CARE311_PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
PHOTO_MAX_COUNT = 3

# Email through Django's backends (console on a laptop, SMTP in production); SMS through a
# care311.notifications transport: "console", "file" (DATA_DIR/sms.log) or "locmem".
EMAIL_BACKEND = env.str(
    "CARE311_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.str("CARE311_EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("CARE311_EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("CARE311_FROM_EMAIL", default="311@city.example")
SMS_TRANSPORT = env.str("CARE311_SMS_TRANSPORT", default="console")
# Where links in messages sent from the background (updates to followers) point.
SITE_URL = env.str("CARE311_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# SMS_TRANSPORT "twilio": Twilio's REST API with the account's sid, auth token (also checks
# the signature of its status callbacks) and sending number; the API URL is for tests.
TWILIO_ACCOUNT_SID = env.str("CARE311_TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("CARE311_TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM = env.str("CARE311_TWILIO_FROM", default="")
TWILIO_API_URL = env.str("CARE311_TWILIO_API_URL", default="https://api.twilio.com").rstrip("/")
TWILIO_TIMEOUT = env_int("CARE311_TWILIO_TIMEOUT", default=10)
TWILIO_STATUS_CALLBACK = env_bool("CARE311_TWILIO_STATUS_CALLBACK", default=True)
_twilio_missing = [
    f"CARE311_TWILIO_{name}"
    for name, value in (
        ("ACCOUNT_SID", TWILIO_ACCOUNT_SID),
        ("AUTH_TOKEN", TWILIO_AUTH_TOKEN),
        ("FROM", TWILIO_FROM),
    )
    if not value
]
if SMS_TRANSPORT == "twilio" and _twilio_missing:
    raise ImproperlyConfigured(f"CARE311_SMS_TRANSPORT=twilio needs {', '.join(_twilio_missing)}")
# Minutes to wait before each retry of a message that failed for now; then it has failed.
_retry_minutes = env.str("CARE311_NOTIFY_RETRY_MINUTES", default="1,5,30")
try:
    NOTIFY_RETRY_MINUTES = tuple(int(part) for part in _retry_minutes.split(",") if part.strip())
except ValueError:
    raise ImproperlyConfigured(
        f"CARE311_NOTIFY_RETRY_MINUTES={_retry_minutes!r} is not minutes separated by commas"
    ) from None

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def env_business_hours(name: str, default: str) -> tuple[str, str, tuple[int, ...]]:
    """The city's working hours as "HH:MM-HH:MM Mon-Fri" (or days listed "Mon,Wed,Fri");
    returns (opens, closes, weekday numbers with Monday 0). Anything else stops start-up."""
    raw = env.str(name, default=default).strip()
    problem = f"{name}={raw!r} is not working hours like '08:00-17:00 Mon-Fri'"
    try:
        hours, days = raw.split()
        opens, closes = hours.split("-")
        times = [tuple(int(part) for part in clock.split(":")) for clock in (opens, closes)]
    except ValueError:
        raise ImproperlyConfigured(problem) from None
    if any(len(t) != 2 or not (0 <= t[0] <= 23 and 0 <= t[1] <= 59) for t in times):
        raise ImproperlyConfigured(problem)
    if times[0] >= times[1]:
        raise ImproperlyConfigured(f"{name}={raw!r}: the day must open before it closes")
    if "-" in days:
        first, _, last = days.partition("-")
        if first not in WEEKDAYS or last not in WEEKDAYS:
            raise ImproperlyConfigured(problem)
        weekdays = tuple(range(WEEKDAYS.index(first), WEEKDAYS.index(last) + 1))
    else:
        names = days.split(",")
        if not set(names) <= set(WEEKDAYS):
            raise ImproperlyConfigured(problem)
        weekdays = tuple(sorted(WEEKDAYS.index(day) for day in names))
    if not weekdays:
        raise ImproperlyConfigured(f"{name}={raw!r}: no working day")
    return f"{times[0][0]:02}:{times[0][1]:02}", f"{times[1][0]:02}:{times[1][1]:02}", weekdays


# SLA clocks (care311/catalog/sla.py): the working hours business-hour targets count (the
# city's holidays, in the catalog, are skipped), and when the sweep warns before a breach:
# once this share of the target is used, or this many hours of it are left, whichever comes
# first (0 turns either rule off).
BUSINESS_HOURS = env_business_hours("CARE311_BUSINESS_HOURS", "08:00-17:00 Mon-Fri")
SLA_WARN_PERCENT = env_int("CARE311_SLA_WARN_PERCENT", default=80)
SLA_WARN_HOURS = env_int("CARE311_SLA_WARN_HOURS", default=2)
if not 0 <= SLA_WARN_PERCENT <= 100 or SLA_WARN_HOURS < 0:
    raise ImproperlyConfigured(
        "CARE311_SLA_WARN_PERCENT must be 0..100 and CARE311_SLA_WARN_HOURS 0 or more"
    )
