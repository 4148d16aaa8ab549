"""Settings, read once from the environment into frozen dataclasses.

No other module reads the environment for them. `CoreSettings` is what every command
needs (where the knowledge base, the index cache and the data live); `Settings` adds the
Telegram bot's. The token is checked for shape here, so a missing or mistyped token is one
clear message at start-up rather than an `InvalidToken` traceback; `repr` never shows it,
nor a database password.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from bot.knowledge import DEFAULT_KB_DIR
from bot.privacy import DEFAULT_KEEP_DAYS

TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{30,}$")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
DEFAULT_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DATA_DIR = Path("data")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_OFF = {"0", "off", "false", "no"}
_ON = {"1", "on", "true", "yes"}


class SettingsError(ValueError):
    """The environment does not describe a runnable bot; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class CoreSettings:
    """Where the knowledge base, the built index's cache and the bot's data live."""

    kb_dir: Path = DEFAULT_KB_DIR
    cache_dir: Path | None = None  # None: the index is built at every start, never cached
    data_dir: Path = DEFAULT_DATA_DIR

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, kb_dir: str | Path | None = None
    ) -> CoreSettings:
        """Read the paths from `env` (default: os.environ), `kb_dir` (--kb) first.

        The base: `kb_dir`, else POLICYBOT_KB, else the shipped one. The index cache:
        POLICYBOT_CACHE (`off`: none), else $XDG_CACHE_HOME/policybot or
        ~/.cache/policybot. The data: POLICYBOT_DATA, else ./data."""
        env = os.environ if env is None else env
        return cls(
            kb_dir=Path(kb_dir or env.get("POLICYBOT_KB", "").strip() or DEFAULT_KB_DIR),
            cache_dir=_cache_dir(env),
            data_dir=Path(env.get("POLICYBOT_DATA", "").strip() or DEFAULT_DATA_DIR),
        )


def _cache_dir(env: Mapping[str, str]) -> Path | None:
    configured = env.get("POLICYBOT_CACHE", "").strip()
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = env.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "policybot"


@dataclass(frozen=True, slots=True)
class Webhook:
    """Webhook mode: where Telegram posts updates and where this replica listens."""

    url: str
    secret: str = field(repr=False)
    host: str = "0.0.0.0"  # noqa: S104 - a replica behind a load balancer listens on all
    port: int = 8080
    max_connections: int = 40

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"


@dataclass(frozen=True, slots=True)
class Settings:
    token: str = field(repr=False)
    base_url: str = DEFAULT_BASE_URL
    base_file_url: str = "https://api.telegram.org/file/bot"
    admin_ids: frozenset[int] = frozenset()
    # A str is a postgresql:// URL, which may hold a password: see `database` for the log.
    db_path: Path | str = field(default=DEFAULT_DATA_DIR / "policybot.sqlite3", repr=False)
    core: CoreSettings = field(default_factory=CoreSettings)
    rate_limit: bool = True
    drop_pending_updates: bool = False
    log_level: str = "INFO"
    max_in_flight: int = 16  # updates fetched and not yet answered, at most
    stop_grace: float = 8.0  # seconds a stop gives the answers in flight (Docker: 10)
    flood_private: int = 10  # questions a minute from one user in private, then a pause
    flood_group: int = 4  # ... and in a group
    chat_key: str = field(default="", repr=False)  # else a key file in core.data_dir
    webhook: Webhook | None = None  # None: long polling
    keep_text: bool = True  # BOT_KEEP_TEXT: keep masked text of what went wrong
    keep_days: int = DEFAULT_KEEP_DAYS  # BOT_KEEP_DAYS: ...for this many days

    @property
    def database(self) -> str:
        """The database as it may be logged: a URL without its password."""
        from bot import store  # noqa: PLC0415 - the database drivers load only with the bot

        return store.describe(self.db_path)

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        core: CoreSettings | None = None,
        token_file: str | Path | None = None,
        webhook: bool = False,
        webhook_secret_file: str | Path | None = None,
    ) -> Settings:
        """Read the settings from `env` (default: os.environ) or raise SettingsError.

        Webhook mode when `webhook` (`run --webhook`) or TELEGRAM_WEBHOOK_URL is set."""
        env = os.environ if env is None else env
        core = core or CoreSettings.from_env(env)
        token = _read_token(env, token_file)
        base_url = env.get("TELEGRAM_BASE_URL", "").strip() or DEFAULT_BASE_URL
        return cls(
            token=token,
            base_url=base_url,
            base_file_url=file_url_for(base_url),
            admin_ids=_admin_ids(env.get("BOT_ADMIN_IDS", "")),
            db_path=_db(env, core.data_dir),
            core=core,
            rate_limit=_flag(env, "BOT_RATE_LIMIT", default=True),
            drop_pending_updates=_flag(env, "BOT_DROP_PENDING_UPDATES", default=False),
            log_level=_log_level(env.get("BOT_LOG_LEVEL", "")),
            max_in_flight=int(_number(env, "BOT_MAX_IN_FLIGHT", 16, low=1, high=100)),
            stop_grace=_number(env, "BOT_STOP_GRACE", 8.0, low=0, high=60),
            flood_private=int(_number(env, "BOT_FLOOD_PRIVATE", 10, low=0, high=1000)),
            flood_group=int(_number(env, "BOT_FLOOD_GROUP", 4, low=0, high=1000)),
            chat_key=_secret(env, "BOT_CHAT_KEY"),
            webhook=_webhook(env, webhook_secret_file)
            if webhook or env.get("TELEGRAM_WEBHOOK_URL", "").strip()
            else None,
            keep_text=keep_text(env),
            keep_days=keep_days(env),
        )


def _webhook(env: Mapping[str, str], secret_file: str | Path | None) -> Webhook:
    url = env.get("TELEGRAM_WEBHOOK_URL", "").strip()
    if not url:
        raise SettingsError(
            "webhook mode needs TELEGRAM_WEBHOOK_URL, the public https URL"
            " that Telegram posts updates to"
        )
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise SettingsError(f"TELEGRAM_WEBHOOK_URL must be an https URL, got {url!r}")
    if secret_file:
        try:
            secret = Path(secret_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingsError(
                f"cannot read the webhook secret file {secret_file}: {exc.strerror}"
            ) from exc
    else:
        secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip()
    if not secret:
        raise SettingsError(
            "webhook mode needs a secret: set TELEGRAM_WEBHOOK_SECRET or pass"
            " --webhook-secret-file FILE (1-256 of A-Z a-z 0-9 _ -)"
        )
    if not SECRET_PATTERN.match(secret):
        raise SettingsError(
            "the webhook secret must be 1-256 characters of A-Z a-z 0-9 _ -"
            " (Telegram's rule for secret_token)"
        )
    host, port = _listen(env.get("BOT_LISTEN", "").strip() or "0.0.0.0:8080")
    raw_max = env.get("TELEGRAM_WEBHOOK_MAX_CONNECTIONS", "").strip() or "40"
    if not raw_max.isdigit() or not 1 <= int(raw_max) <= 100:
        raise SettingsError(f"TELEGRAM_WEBHOOK_MAX_CONNECTIONS must be 1-100, got {raw_max!r}")
    return Webhook(url=url, secret=secret, host=host, port=port, max_connections=int(raw_max))


def _listen(raw: str) -> tuple[str, int]:
    host, _, port = raw.rpartition(":")
    host = host.strip("[]")  # [::]:8080
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise SettingsError(f"BOT_LISTEN must be host:port, e.g. 0.0.0.0:8080, got {raw!r}")
    return host, int(port)


def keep_text(env: Mapping[str, str]) -> bool:
    """BOT_KEEP_TEXT (default on): whether the text of unanswered questions is kept."""
    return _flag(env, "BOT_KEEP_TEXT", default=True)


def keep_days(env: Mapping[str, str]) -> int:
    """BOT_KEEP_DAYS (default 30): how long kept question text lives."""
    raw = env.get("BOT_KEEP_DAYS", "").strip()
    if not raw:
        return DEFAULT_KEEP_DAYS
    if not raw.isdigit() or not 1 <= int(raw) <= 3650:
        raise SettingsError(f"BOT_KEEP_DAYS must be a number of days from 1 to 3650, got {raw!r}")
    return int(raw)


def db_target(env: Mapping[str, str], core: CoreSettings) -> Path | str:
    """BOT_DB: a SQLite path or a postgresql:// URL (default: a file under the data directory)."""
    return _db(env, core.data_dir)


def _secret(env: Mapping[str, str], name: str) -> str:
    """`name` from the environment, or from the file `name`_FILE names (the file wins).

    The file is how a container secret arrives.
    """
    path = env.get(f"{name}_FILE", "").strip()
    if not path:
        return env.get(name, "").strip()
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SettingsError(f"cannot read {name}_FILE {path}: {exc.strerror}") from exc


def _db(env: Mapping[str, str], data_dir: Path) -> Path | str:
    from bot import store  # noqa: PLC0415 - the database drivers load only with the bot

    raw = env.get("BOT_DB", "").strip()
    if store.is_postgres(raw):
        password_file = env.get("BOT_DB_PASSWORD_FILE", "").strip()
        return _with_password(raw, password_file) if password_file else raw
    return Path(raw) if raw else data_dir / "policybot.sqlite3"


def _with_password(url: str, password_file: str) -> str:
    """The URL with the password read from a file (a container secret) put in."""
    try:
        password = Path(password_file).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SettingsError(
            f"cannot read BOT_DB_PASSWORD_FILE {password_file}: {exc.strerror}"
        ) from exc
    scheme, _, rest = url.partition("://")
    userinfo, at, hostpart = rest.rpartition("@")
    if not at or not userinfo:
        raise SettingsError(
            "BOT_DB_PASSWORD_FILE needs a user in BOT_DB (postgresql://USER@host/db)"
        )
    user = userinfo.partition(":")[0]
    return f"{scheme}://{user}:{quote(password, safe='')}@{hostpart}"


def file_url_for(base_url: str) -> str:
    """The file download URL that goes with a Bot API base URL (…/bot -> …/file/bot)."""
    stripped = base_url.rstrip("/")
    if stripped.endswith("/bot"):
        return stripped[: -len("/bot")] + "/file/bot"
    return stripped + "/file/bot"


def _read_token(env: Mapping[str, str], token_file: str | Path | None) -> str:
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingsError(f"cannot read the token file {token_file}: {exc.strerror}") from exc
        origin = f"the token file {token_file}"
    else:
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        origin = "TELEGRAM_BOT_TOKEN"
    if not token:
        raise SettingsError(
            "no bot token: set TELEGRAM_BOT_TOKEN (from @BotFather) or pass --token-file FILE"
        )
    if not TOKEN_PATTERN.match(token):
        # Do not echo the value: a mistyped token is still mostly a secret.
        raise SettingsError(
            f"{origin} does not look like a bot token (expected '<digits>:<30+ letters, digits,"
            " _ or ->', as given by @BotFather)"
        )
    return token


def _admin_ids(raw: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()  # noqa: PLW2901 - normalising the loop value in place reads best
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise SettingsError(
                f"BOT_ADMIN_IDS must be comma-separated numeric user ids, got {part!r}"
            ) from None
    return frozenset(ids)


def _number(env: Mapping[str, str], name: str, default: float, *, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low:g} and {high:g}, got {raw!r}")
    return value


def _flag(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _OFF:
        return False
    if raw in _ON:
        return True
    raise SettingsError(f"{name} must be on or off, got {raw!r}")


def _log_level(raw: str) -> str:
    level = raw.strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise SettingsError(f"BOT_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {raw!r}")
    return level
