"""Webhook mode: each update is answered before Telegram's POST is acknowledged.

Telegram posts each update to this replica over HTTPS (through a load balancer).

python-telegram-bot's own webhook server acknowledges an update as soon as it is queued,
so an update in the queue of a replica that dies is lost. Here the POST is answered 200
only once the update has been processed (answered, or deliberately dropped); a replica
that dies mid-answer leaves the POST unanswered, and Telegram (or the load balancer, on
the connection error) delivers it again to a replica that lives. The update ids that were
handled are kept in the shared database, so a redelivery of an update that was answered
but not acknowledged in time is acknowledged without a second answer.

One port serves four things: the webhook path (POST, secret checked first), and
GET /healthz (the process serves), /readyz (knowledge base loaded, database reachable,
webhook registered; 503 otherwise) and /metrics (Prometheus text). Stopping (SIGTERM)
stops accepting, finishes the updates in hand within GRACE_S, and never deletes the
webhook: the other replicas still serve it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import signal
from collections.abc import Awaitable, Callable
from json import JSONDecodeError
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot import metrics
from bot.settings import Settings, Webhook
from bot.store import Store
from bot.telegram.services import services

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
GRACE_S = 20  # finish the updates in hand; deploy/compose.yaml stops after 30 s
STARTUP_ATTEMPTS = 3
FORGET_AFTER_S = 26 * 3600  # Telegram stops redelivering an update after 24 hours
FORGET_EVERY_S = 3600

App = Application[Any, Any, Any, Any, Any, Any]
Process = Callable[[Update], Awaitable[Any]]


class WebhookServer:
    """The ASGI app and the replica's lifecycle around one initialised Application."""

    def __init__(
        self, application: App, settings: Settings, store: Store, process: Process | None = None
    ) -> None:
        if settings.webhook is None:
            raise ValueError("WebhookServer needs settings.webhook")
        self.application = application
        self.settings = settings
        self.config: Webhook = settings.webhook
        self.store = store
        self.process: Process = process or application.process_update
        self.ready = False
        self.failure: str | None = None
        self._in_hand: dict[int, asyncio.Future[int]] = {}
        self.app = Starlette(
            routes=[
                Route(self.config.path, self.receive, methods=["POST"]),
                Route("/healthz", self.healthz, methods=["GET"]),
                Route("/readyz", self.readyz, methods=["GET"]),
                Route("/metrics", self.metrics, methods=["GET"]),
            ]
        )

    # --- the webhook ----------------------------------------------------------------

    async def receive(self, request: Request) -> Response:
        """One update: 403 without the secret; 200 once it is answered or dropped."""
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.config.secret.encode()):
            log.warning("webhook request without the right secret token: refused")
            return PlainTextResponse("forbidden", status_code=403)
        if not self.ready:
            return PlainTextResponse("starting", status_code=503, headers={"Retry-After": "1"})
        try:
            update = Update.de_json(await request.json(), self.application.bot)
            if not isinstance(update.update_id, int):
                raise TypeError("update_id")
        except (JSONDecodeError, ValueError, TypeError, KeyError, AttributeError):
            # It came with the secret, so from Telegram: delivering it again cannot help.
            log.warning("an update that cannot be read was dropped")
            return PlainTextResponse("dropped")
        uid = update.update_id
        if uid in self._in_hand:  # the same update again while this replica works on it
            status = await asyncio.shield(self._in_hand[uid])
            return PlainTextResponse("ok" if status == 200 else "failed", status_code=status)
        done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._in_hand[uid] = done
        status = 500
        try:
            status = await self._handle(update)
        finally:
            del self._in_hand[uid]
            done.set_result(status)
        return PlainTextResponse("ok" if status == 200 else "not now", status_code=status)

    async def _handle(self, update: Update) -> int:
        """Answer one update unless a replica already did; the HTTP status for Telegram."""
        uid = update.update_id
        try:
            if await asyncio.to_thread(self.store.was_handled, uid):
                log.info("update %s was already handled by a replica: acknowledged", uid)
                return 200
        except Exception:  # the database is down: let Telegram try again later
            log.warning("cannot check update %s against the database", uid, exc_info=True)
            return 503
        try:
            await self.process(update)
        except Exception:
            log.exception("update %s failed; Telegram will deliver it again", uid)
            return 500
        try:
            # On the loop itself, not in a worker thread: under load the hop to a thread
            # costs tens of milliseconds, and until the mark is in, a replica that dies
            # leaves an update that is answered but would be answered again.
            self.store.mark_handled(uid)
        except Exception:  # answered all the same: a 5xx now would answer it twice
            log.warning("could not record update %s as handled", uid, exc_info=True)
        return 200

    # --- health, readiness, metrics -------------------------------------------------

    async def healthz(self, _: Request) -> Response:
        return PlainTextResponse("ok")

    async def readyz(self, _: Request) -> Response:
        problems = []
        if not self.ready:
            problems.append(self.failure or "starting: webhook not registered yet")
        kb = services(self.application).matcher.kb
        if not kb.entries:
            problems.append("knowledge base empty")
        if not await asyncio.to_thread(self.store.ping):
            problems.append("database unreachable")
        if problems:
            return PlainTextResponse("\n".join(problems) + "\n", status_code=503)
        return PlainTextResponse("ready\n")

    async def metrics(self, _: Request) -> Response:
        return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE)

    # --- lifecycle ------------------------------------------------------------------

    async def start(self) -> None:
        """Initialise the bot (getMe), set the command menu and register the webhook."""
        app, cfg = self.application, self.config
        for attempt in range(1, STARTUP_ATTEMPTS + 1):
            try:
                if not app._initialized:
                    await app.initialize()
                await app.bot.set_webhook(
                    cfg.url,
                    secret_token=cfg.secret,
                    allowed_updates=Update.ALL_TYPES,
                    max_connections=cfg.max_connections,
                    drop_pending_updates=self.settings.drop_pending_updates,
                )
                break
            except NetworkError:
                if attempt == STARTUP_ATTEMPTS:
                    raise
                await asyncio.sleep(attempt)
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        self.ready = True
        log.info("webhook registered; serving %s on %s:%s", cfg.path, cfg.host, cfg.port)

    async def _forget_old_updates(self) -> None:
        while True:
            try:
                forgotten = await asyncio.to_thread(self.store.forget_handled, FORGET_AFTER_S)
                log.debug("forgot %d handled update ids", forgotten)
            except Exception:
                log.warning("could not prune handled update ids", exc_info=True)
            await asyncio.sleep(FORGET_EVERY_S)

    async def serve(self) -> int:
        """Serve until SIGTERM/SIGINT; the exit code."""
        server = uvicorn.Server(
            uvicorn.Config(
                self.app,
                host=self.config.host,
                port=self.config.port,
                lifespan="off",
                log_config=None,
                access_log=False,
                timeout_graceful_shutdown=GRACE_S,
                timeout_keep_alive=75,
            )
        )  # longer than nginx's upstream keepalive_timeout
        # uvicorn re-raises the signal it stopped on once it is done; with Python's default
        # handlers that would end the process before the bot is shut down below.
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: None)
        exit_code = 0

        async def start_or_stop() -> None:
            nonlocal exit_code
            try:
                await self.start()
            except Exception as exc:
                exit_code = 1
                self.failure = _describe_failure(exc, self.settings)
                log.error("%s", self.failure)
                server.should_exit = True

        starting = asyncio.create_task(start_or_stop())
        pruning = asyncio.create_task(self._forget_old_updates())
        try:
            await server.serve()
        except SystemExit:  # uvicorn exits this way when the port cannot be bound
            exit_code = 1
        self.ready = False
        for task in (starting, pruning):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.shutdown()
        return exit_code

    async def shutdown(self) -> None:
        """Stop the bot; the webhook stays registered for the other replicas."""
        app = self.application
        if app.running:
            await app.stop()
        if app._initialized:
            await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        log.info("stopped; the webhook stays registered")


def _describe_failure(exc: BaseException, settings: Settings) -> str:
    if isinstance(exc, InvalidToken):
        return "Telegram refused the bot token; check TELEGRAM_BOT_TOKEN"
    if not isinstance(exc, TelegramError):
        return f"cannot start: {exc!r}".replace(settings.token, "[token]")
    reason = str(exc).replace(settings.token, "[token]")
    return f"cannot register the webhook with the Bot API at {settings.base_url}: {reason}"


def run(settings: Settings, application: App, store: Store, process: Process | None = None) -> int:
    """`policybot run` in webhook mode: serve until stopped; the exit code."""
    return asyncio.run(WebhookServer(application, settings, store, process).serve())
