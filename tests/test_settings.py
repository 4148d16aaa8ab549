"""Settings: read once from the environment; bad tokens are a clear exit 2; no token leaks."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import CoreSettings, Settings, SettingsError
from bot.telegram.runtime import RedactToken
from tests.helpers import FAKE_TOKEN

ROOT = Path(__file__).resolve().parent.parent


def test_settings_read_from_environment(tmp_path: Path) -> None:
    """Every setting comes from its environment variable, with the file URL derived."""
    s = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot",
            "BOT_ADMIN_IDS": "1, 2;3",
            "BOT_DB": str(tmp_path / "x.sqlite3"),
            "BOT_RATE_LIMIT": "off",
        }
    )
    assert s.token == FAKE_TOKEN
    assert s.base_file_url == "http://127.0.0.1:8081/file/bot"
    assert s.admin_ids == frozenset({1, 2, 3})
    assert s.db_path == tmp_path / "x.sqlite3"
    assert s.rate_limit is False


def test_defaults() -> None:
    """Without optional variables the public Bot API, a data-dir database and limits apply."""
    s = Settings.from_env({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN})
    assert s.base_url == "https://api.telegram.org/bot"
    assert s.base_file_url == "https://api.telegram.org/file/bot"
    assert s.db_path == Path("data/policybot.sqlite3")
    assert s.rate_limit is True
    assert s.admin_ids == frozenset()


def test_a_postgresql_url_is_kept_whole_and_its_password_hidden() -> None:
    """BOT_DB=postgresql://… is used as given; the settings' repr and the database name
    logged at start leave its password out."""
    url = "postgresql://bot:s3cretpass@db.internal:5432/policybot?sslmode=require"
    s = Settings.from_env({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "BOT_DB": url})
    assert s.db_path == url
    assert "s3cretpass" not in repr(s)
    assert s.database == "postgresql://bot@db.internal:5432/policybot?sslmode=require"


def test_a_database_password_from_a_file_joins_the_url(tmp_path: Path) -> None:
    """BOT_DB_PASSWORD_FILE (a container secret) supplies the password, escaped for the URL,
    and it stays out of the settings' repr."""
    secret = tmp_path / "db_password"
    secret.write_text("p@ss:w/rd\n", encoding="utf-8")
    s = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "BOT_DB": "postgresql://policybot@db:5432/policybot",
            "BOT_DB_PASSWORD_FILE": str(secret),
        }
    )
    assert s.db_path == "postgresql://policybot:p%40ss%3Aw%2Frd@db:5432/policybot"
    assert "ss%3A" not in repr(s)
    assert s.database == "postgresql://policybot@db:5432/policybot"


@pytest.mark.parametrize(
    ("env", "kb_dir", "expected"),
    [
        ({}, None, CoreSettings(cache_dir=Path.home() / ".cache/policybot")),
        (
            {"POLICYBOT_KB": "/srv/kb", "POLICYBOT_CACHE": "/srv/cache", "POLICYBOT_DATA": "/d"},
            None,
            CoreSettings(Path("/srv/kb"), Path("/srv/cache"), Path("/d")),
        ),
        (
            {"POLICYBOT_KB": "/srv/kb", "POLICYBOT_CACHE": "off"},
            "other",
            CoreSettings(kb_dir=Path("other"), cache_dir=None),
        ),
        ({"XDG_CACHE_HOME": "/xdg"}, None, CoreSettings(cache_dir=Path("/xdg/policybot"))),
    ],
    ids=["defaults", "from-environment", "kb-flag-wins-and-cache-off", "xdg-cache-home"],
)
def test_core_settings(env: dict[str, str], kb_dir: str | None, expected: CoreSettings) -> None:
    """Where the base, the index cache and the data live: --kb, then POLICYBOT_*, then the
    shipped base, the user's cache directory and ./data."""
    assert CoreSettings.from_env(env, kb_dir=kb_dir) == expected


def test_the_database_defaults_into_the_data_directory() -> None:
    """Without BOT_DB the query log is a SQLite file in POLICYBOT_DATA."""
    s = Settings.from_env({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "POLICYBOT_DATA": "/var/bot"})
    assert s.db_path == Path("/var/bot/policybot.sqlite3")


def test_the_chat_hash_key_from_a_file(tmp_path: Path) -> None:
    """BOT_CHAT_KEY_FILE (a container secret shared by every replica) gives the chat-hash
    key, and wins over BOT_CHAT_KEY; the key stays out of the settings' repr."""
    key = tmp_path / "chat_key"
    key.write_text("0123456789abcdef-shared-by-replicas\n", encoding="utf-8")
    s = Settings.from_env(
        {"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "BOT_CHAT_KEY": "other", "BOT_CHAT_KEY_FILE": str(key)}
    )
    assert s.chat_key == "0123456789abcdef-shared-by-replicas"
    assert "shared-by-replicas" not in repr(s)
    with pytest.raises(SettingsError, match="BOT_CHAT_KEY_FILE"):
        Settings.from_env(
            {"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "BOT_CHAT_KEY_FILE": str(tmp_path / "missing")}
        )


WEBHOOK_ENV = {
    "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/tg/hook",
    "TELEGRAM_WEBHOOK_SECRET": "abc_DEF-123",
}


def test_webhook_settings_are_read_and_the_secret_kept_out_of_repr() -> None:
    """TELEGRAM_WEBHOOK_URL turns webhook mode on: its path is served on BOT_LISTEN, and the
    secret never shows in the settings' repr."""
    s = Settings.from_env(
        {**WEBHOOK_ENV, "BOT_LISTEN": "127.0.0.1:9000", "TELEGRAM_WEBHOOK_MAX_CONNECTIONS": "20"}
    )
    assert s.webhook is not None
    assert (s.webhook.path, s.webhook.host, s.webhook.port) == ("/tg/hook", "127.0.0.1", 9000)
    assert s.webhook.max_connections == 20
    assert "abc_DEF-123" not in repr(s)
    default = Settings.from_env(WEBHOOK_ENV).webhook
    assert default is not None and (default.host, default.port) == ("0.0.0.0", 8080)
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN}).webhook is None  # polling


def test_webhook_secret_from_a_file(tmp_path: Path) -> None:
    """--webhook-secret-file is read and stripped, and wins over the environment."""
    secret = tmp_path / "secret"
    secret.write_text("from-the-file\n", encoding="utf-8")
    s = Settings.from_env(WEBHOOK_ENV, webhook=True, webhook_secret_file=secret)
    assert s.webhook is not None
    assert s.webhook.secret == "from-the-file"  # noqa: S105 - the test's own value


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"TELEGRAM_WEBHOOK_SECRET": ""}, "needs a secret"),
        ({"TELEGRAM_WEBHOOK_SECRET": "has spaces in it"}, "A-Z a-z 0-9"),
        ({"TELEGRAM_WEBHOOK_SECRET": "x" * 257}, "1-256"),
        ({"TELEGRAM_WEBHOOK_URL": ""}, "needs TELEGRAM_WEBHOOK_URL"),
        ({"TELEGRAM_WEBHOOK_URL": "bot.example.org/hook"}, "https URL"),
        ({"BOT_LISTEN": "8080"}, "host:port"),
        ({"BOT_LISTEN": "0.0.0.0:99999"}, "host:port"),
        ({"TELEGRAM_WEBHOOK_MAX_CONNECTIONS": "500"}, "1-100"),
    ],
    ids=[
        "no-secret",
        "bad-secret",
        "long-secret",
        "no-url",
        "not-a-url",
        "no-port",
        "bad-port",
        "max-connections",
    ],
)
def test_webhook_mode_refuses_incomplete_settings(change: dict[str, str], message: str) -> None:
    """Webhook mode without a usable URL, secret, listen address or limit is a clear error."""
    with pytest.raises(SettingsError, match=message):
        Settings.from_env({**WEBHOOK_ENV, **change}, webhook=True)


def test_token_file(tmp_path: Path) -> None:
    """--token-file is read and stripped, and wins over the environment."""
    token_file = tmp_path / "token"
    token_file.write_text(FAKE_TOKEN + "\n", encoding="utf-8")
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN": "x"}, token_file=token_file).token == FAKE_TOKEN


def test_repr_redacts_the_token() -> None:
    """The settings' repr never shows the token."""
    s = Settings.from_env({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN})
    assert FAKE_TOKEN.partition(":")[2] not in repr(s)
    assert "token=" not in repr(s)


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"TELEGRAM_BOT_TOKEN": "   "},
        {"TELEGRAM_BOT_TOKEN": "not-a-token"},
        {"TELEGRAM_BOT_TOKEN": "123:short"},
        {"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "BOT_ADMIN_IDS": "alice"},
        {"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "BOT_RATE_LIMIT": "sometimes"},
    ],
    ids=["missing", "blank", "malformed", "too-short", "bad-admin-ids", "bad-flag"],
)
def test_invalid_settings_raise(env: dict[str, str]) -> None:
    """A missing or malformed setting raises SettingsError with a message."""
    with pytest.raises(SettingsError):
        Settings.from_env(env)


@pytest.mark.parametrize(
    ("token", "expected"),
    [(None, "TELEGRAM_BOT_TOKEN"), ("12345:oops-this-is-wrong", "does not look like")],
    ids=["missing", "malformed"],
)
def test_run_exits_2_with_clear_message(token: str | None, expected: str) -> None:
    """`python -m bot run` with no or a malformed token exits 2 with a message on stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    if token is not None:
        env["TELEGRAM_BOT_TOKEN"] = token
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    if token:
        assert token not in done.stderr


def test_unreachable_bot_api_is_a_clear_exit_1(tmp_path: Path) -> None:
    """With the Bot API unreachable, `run` says so and exits 1, the token nowhere in output."""
    import socket

    with socket.socket() as probe:  # a loopback port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=FAKE_TOKEN,
        TELEGRAM_BASE_URL=f"http://127.0.0.1:{port}/bot",
        BOT_DB=str(tmp_path / "bot.sqlite3"),
        BOT_LOG_LEVEL="DEBUG",
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "cannot reach the Telegram Bot API" in done.stderr
    assert FAKE_TOKEN not in done.stderr + done.stdout
    assert FAKE_TOKEN.split(":")[1] not in done.stderr + done.stdout


def test_log_filter_redacts_token_in_messages_and_tracebacks() -> None:
    """The root-handler filter replaces the token in messages, arguments and tracebacks."""
    secret = FAKE_TOKEN.partition(":")[2]
    try:
        raise RuntimeError(f"GET https://api.telegram.org/bot{FAKE_TOKEN}/getMe failed")
    except RuntimeError as exc:
        record = logging.LogRecord(
            "x",
            logging.ERROR,
            __file__,
            1,
            "url %s",
            (FAKE_TOKEN,),
            (type(exc), exc, exc.__traceback__),
        )
    assert RedactToken(FAKE_TOKEN).filter(record)
    text = logging.Formatter().format(record)
    assert secret not in text
    assert "[token]" in text


def test_keep_text_settings() -> None:
    """Question text is kept for 30 days by default; BOT_KEEP_TEXT=off and BOT_KEEP_DAYS change that."""
    default = Settings.from_env({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN})
    assert (default.keep_text, default.keep_days) == (True, 30)
    off = Settings.from_env(
        {"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "BOT_KEEP_TEXT": "off", "BOT_KEEP_DAYS": "7"}
    )
    assert (off.keep_text, off.keep_days) == (False, 7)


@pytest.mark.parametrize("days", ["0", "-3", "a month", "9999"])
def test_keep_days_must_be_a_sensible_number(days: str) -> None:
    """BOT_KEEP_DAYS that is not 1-3650 days is refused with a message naming it."""
    with pytest.raises(SettingsError, match="BOT_KEEP_DAYS"):
        Settings.from_env({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "BOT_KEEP_DAYS": days})
