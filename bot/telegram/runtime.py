"""Running the bot: settings, logging with the token redacted, start-up and polling.

`main` is what `policybot run` calls; it returns the command's exit code and prints one
plain line for every start-up failure instead of a traceback.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from telegram.error import InvalidToken, TelegramError

from bot.index_cache import freeze_heap
from bot.knowledge import KnowledgeBaseError, load
from bot.matcher import Matcher
from bot.settings import CoreSettings, Settings, SettingsError
from bot.store import Store, StoreError, chat_key
from bot.telegram.app import build_application, build_dispatcher
from bot.telegram.polling import serve
from bot.vocabulary import ExitCode

log = logging.getLogger(__name__)

CHAT_KEY_FILE = "chat-hash.key"


class RedactToken(logging.Filter):
    """Replace the bot token (and its secret half) in any log record with "[token]"."""

    def __init__(self, token: str) -> None:
        super().__init__()
        secret = token.partition(":")[2]
        self._needles = [s for s in (token, secret) if len(s) >= 8]

    def _redact(self, text: str) -> str:
        for needle in self._needles:
            text = text.replace(needle, "[token]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place; never drops it."""
        message = record.getMessage()
        redacted = self._redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)
        return True


class WithholdLibraryArguments(logging.Filter):
    """Libraries' records at INFO and above keep their wording but not their arguments.

    Their arguments may be a whole update (user ids, names, message text), e.g. PTB's
    "Error while building CallbackContext for update %s"; our own records never carry any.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace each argument of a library's INFO+ record by "…"; never drops it."""
        if (
            record.levelno >= logging.INFO
            and record.args
            and not (record.name == "bot" or record.name.startswith("bot."))
        ):
            count = len(record.args) if isinstance(record.args, tuple) else 1
            try:
                record.msg = str(record.msg) % (("…",) * count)
            except (TypeError, ValueError):
                record.msg = f"{record.msg} (arguments withheld)"
            record.args = None
        return True


def configure_logging(settings: Settings) -> None:
    """Log to stderr at the configured level, with the token redacted from every record."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        level=settings.log_level,
        stream=sys.stderr,
        force=True,
    )
    # At INFO and below httpx logs each request URL, and the URL contains the token.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    redact = RedactToken(settings.token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(WithholdLibraryArguments())
        handler.addFilter(redact)


def main(
    core: CoreSettings | None = None,
    token_file: str | None = None,
    *,
    webhook: bool = False,
    webhook_secret_file: str | None = None,
) -> int:
    """`policybot run`: poll Telegram (or serve the webhook) until SIGINT/SIGTERM.

    Returns the command's exit code."""
    try:
        settings = Settings.from_env(
            core=core,
            token_file=token_file,
            webhook=webhook,
            webhook_secret_file=webhook_secret_file,
        )
    except SettingsError as exc:
        print(f"policybot run: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    configure_logging(settings)
    log.info("starting with %r, database %s", settings, settings.database)
    try:
        kb = load(settings.core.kb_dir, settings.core.cache_dir)
    except KnowledgeBaseError as exc:
        print(f"policybot run: {exc.report(settings.core.kb_dir)}", file=sys.stderr)
        return ExitCode.ERROR
    try:
        key = chat_key(settings.chat_key, settings.core.data_dir / CHAT_KEY_FILE)
        store = Store(
            settings.db_path,
            keep_text=settings.keep_text,
            keep_days=settings.keep_days,
            chat_key=key,
        )
    except StoreError as exc:
        print(f"policybot run: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    except OSError as exc:  # the chat-hash key file could not be written
        print(
            f"policybot run: cannot keep the chat-hash key in {settings.core.data_dir}:"
            f" {exc.strerror} (set POLICYBOT_DATA to a writable directory, or BOT_CHAT_KEY)",
            file=sys.stderr,
        )
        return ExitCode.ERROR
    matcher = Matcher(kb, cache_dir=settings.core.cache_dir, isolate_build=True)
    freeze_heap()
    application = build_application(settings, matcher, store=store)
    # The webhook server checks and records handled update ids around each update itself.
    dispatcher = build_dispatcher(application, remember_handled=settings.webhook is None)
    if settings.webhook is not None:
        from bot.telegram import webhook as webhook_mode  # noqa: PLC0415 - its server only here

        return webhook_mode.run(settings, application, store, process=dispatcher.process)
    try:
        asyncio.run(
            serve(
                application,
                dispatcher,
                grace=settings.stop_grace,
                drop_pending_updates=settings.drop_pending_updates,
            )
        )
    except InvalidToken:
        log.error("Telegram refused the bot token; check TELEGRAM_BOT_TOKEN")
        return ExitCode.ERROR
    except TelegramError as exc:
        # Start-up failed (e.g. the Bot API is unreachable): say so plainly, without the
        # traceback, whose request URLs would carry the token.
        reason = str(exc).replace(settings.token, "[token]")
        print(
            f"policybot run: cannot reach the Telegram Bot API at {settings.base_url}: {reason}",
            file=sys.stderr,
        )
        return ExitCode.ERROR
    log.info("stopped")
    return ExitCode.OK
