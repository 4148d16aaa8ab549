"""Outgoing Bot API calls: fair pacing, retries of what may succeed, quiet ends of what cannot.

python-telegram-bot sends every call except getUpdates through a rate limiter; this one
(`Delivery`) decides, per call:

- **Pacing, fair among chats.** At most `overall_per_s` calls a second overall and
  `group_per_min` messages a minute to any one group. Calls wait in one first-come queue
  for the overall budget; a group over its budget waits *before* joining that queue, so it
  never holds up other chats. Handling is ordered within a chat (bot/telegram/dispatch.py), so a
  chat has at most one call waiting here: first come is round robin among chats.
- **429 always waits its `retry_after`**, and only the chat that got it waits: other
  chats keep sending. A call is given up after `max_wait_429` seconds of such waiting.
- **Transient failures are retried**: a 5xx answer, a connection that could not be made or
  that dropped without an answer, a time-out waiting for a free connection. Exponential
  back-off with full jitter, at most `tries` tries within `retry_budget` seconds.
- **A read time-out is not retried for a message**: the request reached Telegram, which
  may well have sent it, and a duplicate is worse than waiting. Edits and callback
  answers are idempotent and are retried.
- **What cannot succeed** (403: blocked or removed from the chat; 400: `message is not
  modified`, `query is too old`) is not retried; the handler's error path logs it as one
  INFO line (see `describe`).

Each give-up counts in `policybot_botapi_errors_total{method,kind}`, each retry in
`policybot_botapi_retries_total{method}`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import httpx
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseRateLimiter

from bot import metrics

log = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]
Callback = Callable[..., Coroutine[Any, Any, JSON]]

# Calls that may be repeated without a second visible effect.
IDEMPOTENT = frozenset(
    {
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
        "answerInlineQuery",
        "setMyCommands",
        "deleteWebhook",
        "getMe",
        "getMyCommands",
        "getWebhookInfo",
        "deleteMessage",
    }
)
# httpx failures that mean the request never reached Telegram's application.
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.WriteError,
    httpx.WriteTimeout,
)
# A connection that closed with no answer at all: most often a keep-alive connection the far
# end had already closed, so the request was not handled. Retried (see README: the one case
# where a message may arrive twice).
_DROPPED = (httpx.RemoteProtocolError, httpx.ReadError)
_STALE = (
    "message is not modified",
    "query is too old",
    "query id is invalid",
    "message to edit not found",
    "message can't be edited",
)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    tries: int = 3  # attempts in all, the first included
    budget: float = 15.0  # seconds from the first attempt after which no retry starts
    base: float = 0.5  # the first back-off's upper bound; doubles each time
    max_wait_429: float = 120.0  # seconds of retry_after waits after which a call gives up


def kind_of(exc: BaseException) -> str:
    """A small closed vocabulary for a Bot API failure (the metric's `kind` label).

    retry_after, blocked (403), stale (400 for an old button or an unchanged message),
    bad_request (other 400), timeout (no answer in time), dropped (connection closed with
    no answer), unreachable (no connection), server (5xx), other.
    """
    if isinstance(exc, RetryAfter):
        return "retry_after"
    if isinstance(exc, Forbidden):
        return "blocked"
    if isinstance(exc, BadRequest):
        text = exc.message.lower()
        return "stale" if any(s in text for s in _STALE) else "bad_request"
    cause = exc.__cause__
    if isinstance(exc, TimedOut):
        return "unreachable" if isinstance(cause, _NOT_SENT) else "timeout"
    if isinstance(exc, NetworkError):
        if isinstance(cause, _NOT_SENT):
            return "unreachable"
        if isinstance(cause, _DROPPED):
            return "dropped"
        if isinstance(cause, httpx.HTTPError):
            return "other"
        return "server"  # a 5xx (or otherwise failed) HTTP answer from the Bot API
    return "other"


def retryable(kind: str, method: str) -> bool:
    """Whether a failure of this kind may succeed if `method` is called again."""
    if kind in {"unreachable", "dropped", "server"}:
        return True
    return kind == "timeout" and method in IDEMPOTENT


def quiet(exc: BaseException) -> bool:
    """Failures that are no bug and no outage: a user left, a button was old."""
    return kind_of(exc) in {"blocked", "stale"}


def describe(exc: BaseException) -> str:
    """One line for the log about a failed call, without the request or any user data."""
    kind = kind_of(exc)
    return {
        "blocked": "the chat is gone (the bot was blocked or removed)",
        "stale": "the button or message is too old to change",
        "timeout": "no answer from the Bot API in time (the message may have been sent)",
        "dropped": "the connection dropped with no answer",
        "unreachable": "the Bot API could not be reached",
        "server": "the Bot API answered with a server error",
        "retry_after": "still rate-limited after waiting",
    }.get(kind, f"{type(exc).__name__}")


class _Bucket:
    """A token bucket whose waiters are served first come, first served."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.burst = rate, burst
        self.tokens, self.stamp = burst, time.monotonic()
        self._lock = asyncio.Lock()  # FIFO among waiters

    async def take(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
                self.stamp = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await asyncio.sleep((1 - self.tokens) / self.rate)


class _Window:
    """At most `limit` events in any `period` seconds (Telegram's per-group limit)."""

    def __init__(self, limit: int, period: float) -> None:
        self.limit, self.period = limit, period
        self.stamps: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def take(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                while self.stamps and now - self.stamps[0] >= self.period:
                    self.stamps.popleft()
                if len(self.stamps) < self.limit:
                    self.stamps.append(now)
                    return
                await asyncio.sleep(self.period - (now - self.stamps[0]))

    def idle(self) -> bool:
        return not self.stamps and not self._lock.locked()


class Delivery(BaseRateLimiter[int]):
    """The rate limiter given to python-telegram-bot: pacing, retries, per-chat 429 waits."""

    def __init__(
        self,
        *,
        pace: bool = True,
        overall_per_s: float = 30.0,
        group_per_min: int = 20,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.pace = pace
        self.policy = policy or RetryPolicy()
        self._overall = _Bucket(overall_per_s, overall_per_s)
        self._group_per_min = group_per_min
        self._groups: dict[int | str, _Window] = {}
        self._blocked_until: dict[int | str | None, float] = {}  # chat -> end of its 429 wait

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def _group(self, chat: int | str) -> _Window:
        if len(self._groups) > 1024:  # forget idle groups so the table stays small
            for key in [k for k, w in self._groups.items() if w.idle()]:
                del self._groups[key]
        if chat not in self._groups:
            self._groups[chat] = _Window(self._group_per_min, 60.0)
        return self._groups[chat]

    async def _paced(
        self, chat: int | str | None, callback: Callback, args: Any, kwargs: dict[str, Any]
    ) -> JSON:
        wait = self._blocked_until.get(chat, 0.0) - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        if self.pace and chat is not None:
            if isinstance(chat, str) or chat < 0:
                await self._group(chat).take()
            await self._overall.take()
        return await callback(*args, **kwargs)

    async def process_request(  # noqa: PLR0917 - BaseRateLimiter's signature
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSON:
        chat = data.get("chat_id")
        if isinstance(chat, str) and chat.lstrip("-").isdigit():
            chat = int(chat)
        started = time.monotonic()
        waited_429 = 0.0
        tries = 0
        while True:
            tries += 1
            try:
                return await self._paced(chat, callback, args, kwargs)
            except RetryAfter as exc:
                # The public attribute warns (it changes type in PTB 23); the timedelta does not.
                seconds = exc._retry_after.total_seconds()
                if waited_429 + seconds > self.policy.max_wait_429:
                    metrics.BOTAPI_ERRORS.labels(method=endpoint, kind="retry_after").inc()
                    raise
                waited_429 += seconds
                now = time.monotonic()
                if len(self._blocked_until) > 1024:  # forget waits that are over
                    self._blocked_until = {k: t for k, t in self._blocked_until.items() if t > now}
                self._blocked_until[chat] = now + seconds
                metrics.BOTAPI_RETRIES.labels(method=endpoint).inc()
                log.debug("%s: 429, waiting %.1f s", endpoint, seconds)
            except TelegramError as exc:
                kind = kind_of(exc)
                backoff = random.uniform(0, self.policy.base * 2 ** (tries - 1))
                if (
                    not retryable(kind, endpoint)
                    or tries >= self.policy.tries
                    or time.monotonic() - started + backoff > self.policy.budget
                ):
                    metrics.BOTAPI_ERRORS.labels(method=endpoint, kind=kind).inc()
                    raise
                metrics.BOTAPI_RETRIES.labels(method=endpoint).inc()
                log.debug("%s: %s, retry %d in %.2f s", endpoint, kind, tries, backoff)
                await asyncio.sleep(backoff)
