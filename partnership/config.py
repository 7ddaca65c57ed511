"""Configuration layers: these defaults, then instance/config.py, then the
environment, then the mapping a caller (a test) passes to ``create_app``."""

import os

LANGUAGES = {"en": "English", "ru": "Русский", "uz": "Oʻzbekcha"}


class Defaults:
    SECRET_KEY = None  # filled from the environment or instance/config.py
    SQLALCHEMY_DATABASE_URI = None  # None: SQLite file in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    BOOTSTRAP_SERVE_LOCAL = True
    BOOTSTRAP_BTN_STYLE = "primary"
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Asia/Tashkent"
    LANGUAGES = LANGUAGES
    # Agreements whose expiry falls within this many days are "expiring soon".
    AGREEMENT_EXPIRY_WINDOW_DAYS = 90
    # Signed scans: the form refuses larger files with a message beside the field;
    # a request far larger than that is cut off by Flask with the 413 page.
    ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    PAGE_SIZE = 20
    PARTICIPANTS_PAGE_SIZE = 100  # a delegation's people on one page, a large visit's in pages
    LIAISON_OPEN_VISITS = 10  # open visits on a liaison's start page, the soonest first ("N more" links the list)
    LIAISON_CLOSED_VISITS = 5  # visits that are over on a liaison's start page
    EXCERPT_SIZE = 10  # related rows a detail page shows before "all N"
    CALENDAR_DAY_SHOWN = 4  # visits a day of the month's calendar lists before "N more" (the week shows all)
    SUMMARY_TOP_PARTNERS = 30  # partners the summary lists by name; the rest are one "others" row
    # Sign-in throttling (accounts/throttle.py) keeps its counts in Flask-Limiter's storage:
    # memory serves one process (make run); production sets RATELIMIT_STORAGE_URI to Redis
    # (redis://host:6379/0) so that every worker and app server counts the same failures.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_KEY_PREFIX = "partnership"
    SIGN_IN_ACCOUNT_LIMIT = "5 per 15 minutes"  # failures for one account from one address
    SIGN_IN_ADDRESS_LIMIT = "30 per 15 minutes"  # failures from one address over all accounts
    # Redis down: sign-in goes on, counting failures in each process's memory (off: not counting),
    # and tries Redis again this often.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    SIGN_IN_STORAGE_RETRY_SECONDS = 30
    # Behind a reverse proxy: how many proxies set X-Forwarded-For (and X-Forwarded-Proto) in
    # front of the app, so that the throttle, the audit trail and the sessions page see the
    # client's address (werkzeug's ProxyFix). 0: no proxy, the headers are ignored (they could be forged).
    PROXY_FIX_X_FOR = 0
    PROXY_FIX_X_PROTO = 0
    # Sessions the server knows (accounts/sessions.py): ended after this long without a
    # request, and this long after sign-in whatever happens.
    SESSION_IDLE_TIMEOUT_MINUTES = 30
    SESSION_ABSOLUTE_TIMEOUT_HOURS = 12
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # The cookie is Secure over HTTPS requests, and always with SESSION_COOKIE_SECURE or
    # PREFERRED_URL_SCHEME = "https".
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session
    # Where people reach the app, for links printed on badges; unset, a download
    # uses the request's own address and the command line http://localhost:5000.
    BASE_URL = None
    # Visit photos: refused beyond this many bytes or pixels. Baseline JPEGs are checked at a
    # reduced scale; PNGs and progressive JPEGs are decoded whole, so they stop at 16 million pixels.
    PHOTO_MAX_BYTES = 8 * 1024 * 1024
    PHOTO_MAX_PIXELS = 40_000_000
    # Participant files (CSV or XLSX): refused beyond any of these before they take a worker's time
    # or memory. An .xlsx is a zip of XML parts: its parts are inflated through a counting stream
    # and its XML read by a streaming parser that refuses DTDs and entities.
    IMPORT_MAX_BYTES = 5 * 1024 * 1024  # the file as uploaded
    IMPORT_MAX_ROWS = 10_000  # participants in one file
    IMPORT_MAX_COLUMNS = 50
    IMPORT_MAX_CELLS = 150_000  # cells of the sheet (or CSV fields) in all
    IMPORT_MAX_CELL_CHARS = 10_000  # characters in one cell
    XLSX_MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024  # all parts of the workbook, inflated
    XLSX_MAX_PARTS = 1000  # files inside the workbook
    XLSX_MAX_XML_ELEMENTS = 600_000  # XML elements read (cells, strings and their formatting)
    FEEDBACK_LINK_DAYS = 30
    INDUCTION_MAX_ATTEMPTS = 3  # failed online attempts at one site's induction; then a coordinator decides
    # `flask retention` clears participants' document numbers and dates of birth this many days
    # after their visit is completed (the visit's end date).
    PARTICIPANT_RETENTION_DAYS = 365
    # The host company's letterhead on invitation letters and reports: a string,
    # or one text per language.
    COMPANY_NAME = {
        "en": "Almalyk Mining and Metallurgical Complex JSC",
        "ru": "АО «Алмалыкский горно-металлургический комбинат»",
        "uz": "«Olmaliq kon-metallurgiya kombinati» AJ",
    }
    COMPANY_SHORT_NAME = {"en": "AMMC", "ru": "АГМК", "uz": "OKMK"}
    COMPANY_ADDRESS = {
        "en": "53 Amir Temur Street, Almalyk, Tashkent Region, 110100, Uzbekistan",
        "ru": "Узбекистан, 110100, Ташкентская область, г. Алмалык, ул. Амира Темура, 53",
        "uz": "Oʻzbekiston, 110100, Toshkent viloyati, Olmaliq sh., Amir Temur koʻchasi, 53",
    }
    # Invitation letters support a visa application: none is made for a citizen of the host
    # country, and each is addressed to the host country's embassy or consulate in the person's
    # country (their nationality, else their organisation's), one line per language. A country
    # not listed gets the general line naming it.
    HOST_COUNTRY = "UZ"
    INVITATION_ADDRESSEES: dict = {
        "MN": {
            "en": "To the Consular Section of the Embassy of the Republic of Uzbekistan in Mongolia",
            "ru": "В консульский отдел Посольства Республики Узбекистан в Монголии",
            "uz": "Oʻzbekiston Respublikasining Mongoliyadagi elchixonasi konsullik boʻlimiga",
        },
        "KG": {
            "en": "To the Consular Section of the Embassy of the Republic of Uzbekistan in the Kyrgyz Republic",
            "ru": "В консульский отдел Посольства Республики Узбекистан в Кыргызской Республике",
            "uz": "Oʻzbekiston Respublikasining Qirgʻiz Respublikasidagi elchixonasi konsullik boʻlimiga",
        },
        "KZ": {
            "en": "To the Consular Section of the Embassy of the Republic of Uzbekistan in the Republic of Kazakhstan",
            "ru": "В консульский отдел Посольства Республики Узбекистан в Республике Казахстан",
            "uz": "Oʻzbekiston Respublikasining Qozogʻiston Respublikasidagi elchixonasi konsullik boʻlimiga",
        },
        "TJ": {
            "en": "To the Consular Section of the Embassy of the Republic of Uzbekistan in the Republic of Tajikistan",
            "ru": "В консульский отдел Посольства Республики Узбекистан в Республике Таджикистан",
            "uz": "Oʻzbekiston Respublikasining Tojikiston Respublikasidagi elchixonasi konsullik boʻlimiga",
        },
        "RU": {
            "en": "To the Consular Section of the Embassy of the Republic of Uzbekistan in the Russian Federation",
            "ru": "В консульский отдел Посольства Республики Узбекистан в Российской Федерации",
            "uz": "Oʻzbekiston Respublikasining Rossiya Federatsiyasidagi elchixonasi konsullik boʻlimiga",
        },
        "TR": {
            "en": "To the Consular Section of the Embassy of the Republic of Uzbekistan in the Republic of Türkiye",
            "ru": "В консульский отдел Посольства Республики Узбекистан в Турецкой Республике",
            "uz": "Oʻzbekiston Respublikasining Turkiya Respublikasidagi elchixonasi konsullik boʻlimiga",
        },
        "CN": {
            "en": "To the Consular Section of the Embassy of the Republic of Uzbekistan "
            "in the People’s Republic of China",
            "ru": "В консульский отдел Посольства Республики Узбекистан в Китайской Народной Республике",
            "uz": "Oʻzbekiston Respublikasining Xitoy Xalq Respublikasidagi elchixonasi konsullik boʻlimiga",
        },
    }
    # The task queue (partnership/tasks.py): Redis in production (redis://host:6379/1); unset, a
    # folder in the instance folder (kombu's filesystem transport), so `make run` needs no server.
    CELERY_BROKER_URL = None
    CELERY_RESULT_BACKEND = None
    CELERY: dict = {}  # any other Celery setting, by its lowercase name
    # Mail (notifications/delivery.py). No MAIL_SERVER: messages are "delivered" to the console
    # log, and every message is on the outbox page either way.
    MAIL_SERVER = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = "partnership@localhost"
    MAIL_TIMEOUT_SECONDS = 30
    # A message that could not be sent is tried again after 1, 2, 4 … minutes (at most an hour
    # apart) and given up (failed, resendable from the outbox page) after this many attempts.
    OUTBOX_MAX_ATTEMPTS = 10
    # Long work as jobs (partnership/jobs): a document or export at least this large is prepared by
    # the worker, its progress shown, the file kept for its owner JOB_KEEP_HOURS; smaller ones stay
    # instant downloads.
    JOB_THRESHOLD_PEOPLE = 300  # badges, invitation letters, participant lists
    JOB_THRESHOLD_VISITS = 2000  # the partnership summary's visits in its period
    JOB_THRESHOLD_ROWS = 5000  # rows of an export
    JOB_KEEP_HOURS = 24
    JOB_MAX_ATTEMPTS = 3  # a worker killed mid-way: the job is run again, at most this many times
    # Coordinators are told of an agreement's expiry this many days before, once each.
    AGREEMENT_REMINDER_DAYS = (90, 30, 7)
    COMPANY_PHONE = ""
    COMPANY_EMAIL = ""
    COMPANY_WEBSITE = "www.agmk.uz"
    COMPANY_SIGNATORY = ""
    COMPANY_SIGNATORY_TITLE = {
        "en": "Head of the International Relations Department",
        "ru": "Начальник отдела международных связей",
        "uz": "Xalqaro aloqalar boʻlimi boshligʻi",
    }


# Settings the environment passes as they are, as whole numbers, or as flags ("1" is on).
TEXT_SETTINGS = (
    "SECRET_KEY",
    "BASE_URL",
    "RATELIMIT_STORAGE_URI",
    "PREFERRED_URL_SCHEME",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "MAIL_SERVER",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_DEFAULT_SENDER",
)
NUMBER_SETTINGS = (
    "AGREEMENT_EXPIRY_WINDOW_DAYS",
    "SESSION_IDLE_TIMEOUT_MINUTES",
    "SESSION_ABSOLUTE_TIMEOUT_HOURS",
    "PROXY_FIX_X_FOR",
    "PROXY_FIX_X_PROTO",
    "PARTICIPANT_RETENTION_DAYS",
    "MAIL_PORT",
    "JOB_THRESHOLD_PEOPLE",
    "JOB_THRESHOLD_VISITS",
    "JOB_THRESHOLD_ROWS",
    "JOB_KEEP_HOURS",
    "JOB_MAX_ATTEMPTS",
    "INDUCTION_MAX_ATTEMPTS",
)
FLAG_SETTINGS = ("SESSION_COOKIE_SECURE", "MAIL_USE_TLS")


def from_environment() -> dict:
    """Settings that production passes through the environment."""
    settings: dict[str, object] = {}
    present = {name: value for name, value in os.environ.items() if value}
    for name in TEXT_SETTINGS:
        if name in present:
            settings[name] = present[name]
    for name in NUMBER_SETTINGS:
        if name in present:
            settings[name] = int(present[name])
    for name in FLAG_SETTINGS:
        if name in present:
            settings[name] = present[name] == "1"
    if "DATABASE_URL" in present:
        settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(present["DATABASE_URL"])
    if "AGREEMENT_REMINDER_DAYS" in present:
        settings["AGREEMENT_REMINDER_DAYS"] = tuple(int(d) for d in present["AGREEMENT_REMINDER_DAYS"].split(","))
    return settings


def normalise_database_url(url: str) -> str:
    """Accept the usual ``postgres://`` / ``postgresql://`` forms and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
