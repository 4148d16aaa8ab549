"""Polling Telegram with back-pressure, and the run loop of `policybot run` in polling mode.

`Poller` asks `getUpdates` for no more updates than the dispatcher has free slots, so what
the bot cannot answer soon stays with Telegram. Telegram forgets an update once a later
`getUpdates` offset passes it; so at any moment at most `BOT_MAX_IN_FLIGHT` updates have
been fetched and not yet answered, and a crash (SIGKILL, power loss) loses at most those.
An outage is logged once when it starts and once when it ends, without a traceback; an
update the library cannot read is skipped with one line naming only its id.

`serve` is the whole life of the bot: start (with a couple of retries for a Bot API that
is not reachable yet), poll until SIGTERM or SIGINT, then stop fetching, give the answers in
flight up to `BOT_STOP_GRACE` seconds, and acknowledge exactly what was answered: anything
not yet fetched, and anything cut off by the grace period, is answered by the next start.
"""

from __future__ import annotations

import asyncio
import logging
import random
import signal
import time
from typing import Any, cast

from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from bot.telegram.delivery import describe
from bot.telegram.dispatch import Dispatcher

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
POLL_TIMEOUT = 10  # seconds a getUpdates long poll may be held by Telegram
MAX_BACKOFF = 5.0  # seconds between polls while the Bot API is unreachable
BOOTSTRAP_TRIES = 3  # a network blip at start-up is retried; a dead end is reported


class Poller:
    """Fetches updates into a `Dispatcher`, never more than it has room for."""

    def __init__(self, application: App, dispatcher: Dispatcher) -> None:
        self.application = application
        self.dispatcher = dispatcher
        self.offset = 0  # the next update id wanted: everything before it is taken
        self._down_since: float | None = None
        self._failures = 0

    async def run(self) -> None:
        """Poll until cancelled."""
        while True:
            await self.dispatcher.wait_for_room()
            try:
                batch = await self._get_updates(self.dispatcher.free, POLL_TIMEOUT)
            except InvalidToken:
                raise
            except TelegramError as exc:
                await self._outage(exc)
                continue
            self._up()
            for raw in batch:
                update = self._read(raw)
                if update is not None:
                    await self.dispatcher.submit(update)

    async def acknowledge(self, offset: int) -> None:
        """Tell Telegram every update before `offset` is done, taking no new one."""
        if offset <= 0:
            return
        try:
            await self._get_updates(1, 0, offset=offset)
        except TelegramError as exc:
            log.info(
                "could not acknowledge the last updates (%s); the next start may answer "
                "up to %d again",
                describe(exc),
                self.dispatcher.limit,
            )

    async def _get_updates(
        self, limit: int, hold: int, *, offset: int | None = None
    ) -> list[dict[str, Any]]:
        bot = self.application.bot
        data = {
            "offset": self.offset if offset is None else offset,
            "limit": max(1, min(100, limit)),
            "timeout": hold,
            "allowed_updates": Update.ALL_TYPES,
        }
        read_timeout = (bot.request.read_timeout or 5.0) + hold
        # The raw JSON, not Bot.get_updates: one update the library cannot read must not
        # stop the others, nor be logged with its content.
        result = await bot._post("getUpdates", data, read_timeout=read_timeout)
        return cast(list[dict[str, Any]], result)

    def _read(self, raw: dict[str, Any]) -> Update | None:
        update_id = raw.get("update_id")
        if not isinstance(update_id, int):
            log.warning("skipped an update without an id")
            return None
        self.offset = max(self.offset, update_id + 1)
        try:
            return Update.de_json(raw, self.application.bot)
        except Exception as exc:  # any parse failure means: skip this one
            log.warning(
                "skipped update %d: it could not be read (%s)", update_id, type(exc).__name__
            )
            return None

    async def _outage(self, exc: TelegramError) -> None:
        self._failures += 1
        if self._down_since is None:
            self._down_since = time.monotonic()
            log.warning("getUpdates failed: %s; retrying quietly until it works", describe(exc))
        delay = min(MAX_BACKOFF, 0.5 * 2 ** min(self._failures, 8))
        await asyncio.sleep(random.uniform(delay / 2, delay))  # jitter, not security

    def _up(self) -> None:
        if self._down_since is not None:
            log.warning("getUpdates works again after %.0f s", time.monotonic() - self._down_since)
            self._down_since = None
        self._failures = 0


async def start(application: App, *, drop_pending_updates: bool = False) -> None:
    """Initialise (getMe), clear any webhook, run post_init and start the application."""
    for attempt in range(1, BOOTSTRAP_TRIES + 1):
        try:
            await application.initialize()
            await application.bot.delete_webhook(drop_pending_updates=drop_pending_updates)
            break
        except InvalidToken:
            raise
        except TelegramError as exc:
            if attempt == BOOTSTRAP_TRIES:
                raise
            log.warning("start-up: %s; trying again", describe(exc))
            await asyncio.sleep(attempt)
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()


async def stop(application: App) -> None:
    """Stop and shut down the application, running post_stop and post_shutdown."""
    if application.running:
        await application.stop()
    if application.post_stop is not None:
        await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


async def serve(
    application: App, dispatcher: Dispatcher, *, grace: float, drop_pending_updates: bool = False
) -> None:
    """Poll until SIGTERM/SIGINT, then finish what is in flight within `grace` seconds."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    await start(application, drop_pending_updates=drop_pending_updates)
    try:
        poller = Poller(application, dispatcher)
        polling = asyncio.create_task(poller.run())
        waiting = asyncio.create_task(stopping.wait())
        done, _ = await asyncio.wait([polling, waiting], return_when=asyncio.FIRST_COMPLETED)
        waiting.cancel()
        if polling in done:
            polling.result()  # polling only ends by itself on a fatal error: raise it
        polling.cancel()
        await asyncio.gather(polling, return_exceptions=True)
        log.info(
            "stopping: %d update(s) in flight, up to %.0f s to finish them",
            len(dispatcher.in_flight),
            grace,
        )
        unfinished = await dispatcher.drain(grace)
        # Updates cut off by the grace period stay with Telegram for the next start.
        if unfinished:
            log.warning(
                "stopping: %d update(s) not finished in %.0f s; the next start answers them",
                len(unfinished),
                grace,
            )
        await poller.acknowledge(min(unfinished) if unfinished else poller.offset)
    finally:
        await stop(application)
