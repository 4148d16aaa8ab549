"""Handling updates: ordered within a chat, concurrent across chats, a bounded number at once.

`Dispatcher.process(update)` is the one way an update is handled, from polling
(bot/telegram/polling.py) and from a webhook alike: it waits for a free slot (at most `limit`
updates in flight: the back-pressure that leaves the rest with Telegram), runs the update
after every earlier update of the same chat, and returns when the update has been answered.
`submit(update)` does the same but returns once the update holds its slot, for a poller
that wants to fetch the next batch meanwhile.

Flood control (`FloodGate`) runs before an update takes its place in the chat's line, so a
flood costs no slot: beyond `per_minute` questions a minute from one user in one chat, the
bot says once that it is slowing down and drops the rest until the minute has passed.
Dropped updates are counted in the store (shown by /stats) and in
`policybot_flood_drops_total{chat_type}`. User ids live only in memory, for a minute.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application

from bot import metrics

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
SLOWING_DOWN = "你发得有点快，我先放慢一点：这一分钟里接下来的消息我会先略过，稍后再问吧。"
FLOOD_WINDOW = 60.0


class HandledLog(Protocol):
    """Where handled update ids are remembered (the store).

    A redelivery is then not answered twice: Telegram redelivers whatever a crash kept it
    from hearing acknowledged.
    """

    def was_handled(self, update_id: int) -> bool: ...

    def mark_handled(self, update_id: int) -> None: ...


class Verdict(Enum):
    ANSWER = "answer"
    WARN = "warn"  # over the limit for the first time this minute: say so once
    DROP = "drop"


@dataclass
class _Sender:
    stamps: deque[float] = field(default_factory=deque)
    warned: bool = False


class FloodGate:
    """Per user and chat: at most `private`/`group` questions a minute, then one notice."""

    def __init__(self, private: int, group: int, window: float = FLOOD_WINDOW) -> None:
        self.private, self.group, self.window = private, group, window
        self._senders: dict[tuple[int, int], _Sender] = {}

    def check(self, chat_id: int, user_id: int, *, group: bool) -> Verdict:
        limit = self.group if group else self.private
        if limit <= 0:
            return Verdict.ANSWER
        now = time.monotonic()
        if len(self._senders) > 4096:
            self._forget(now)
        sender = self._senders.setdefault((chat_id, user_id), _Sender())
        while sender.stamps and now - sender.stamps[0] >= self.window:
            sender.stamps.popleft()
        if len(sender.stamps) < limit:
            sender.stamps.append(now)
            sender.warned = False
            return Verdict.ANSWER
        if sender.warned:
            return Verdict.DROP
        sender.warned = True
        return Verdict.WARN

    def _forget(self, now: float) -> None:
        for key in [
            k for k, s in self._senders.items() if not s.stamps or now - s.stamps[-1] >= self.window
        ]:
            del self._senders[key]


def chat_key(update: Update) -> int | str:
    """What orders updates: the chat, else the user (inline queries), else the update."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return f"user:{update.effective_user.id}"
    return f"update:{update.update_id}"


def _is_question(message: Message, bot_id: int, username: str) -> bool:
    """A message that may get a reply: anything in private; in groups, what addresses the bot."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    text = message.text or message.caption or ""
    if text.startswith("/") or f"@{username}".lower() in text.lower():
        return True
    reply = message.reply_to_message
    return bool(reply and reply.from_user and reply.from_user.id == bot_id)


class Dispatcher:
    """Runs `application.process_update` for each update, in order per chat, `limit` at once."""

    def __init__(
        self,
        application: App,
        *,
        limit: int,
        flood: FloodGate | None = None,
        on_flood_drop: Callable[[str], Awaitable[None]] | None = None,
        handled: HandledLog | None = None,
    ) -> None:
        self.application = application
        self.handled = handled
        self.limit = limit
        self.flood = flood
        self.on_flood_drop = on_flood_drop
        self._slots = asyncio.Semaphore(limit)
        self._tails: dict[int | str, asyncio.Future[None]] = {}
        self._running: dict[int, asyncio.Task[None]] = {}

    @property
    def free(self) -> int:
        return self.limit - len(self._running)

    @property
    def in_flight(self) -> list[int]:
        """The ids of the updates taken but not yet finished."""
        return sorted(self._running)

    async def wait_for_room(self) -> None:
        """Return once at least one slot is free."""
        async with self._slots:
            pass

    async def process(self, update: Update) -> None:
        """Handle `update` and return once it has been answered.

        It waits for a slot and for the chat's earlier updates. For webhooks: acknowledge
        the request after this.
        """
        task = await self.submit(update)
        if task is not None:
            await asyncio.shield(task)

    async def submit(self, update: Update) -> asyncio.Task[None] | None:
        """Take a slot for `update` and start it; its task.

        None if it was dropped (flood control) or had been handled already (a redelivery
        after a crash).
        """
        if self.handled is not None and self.handled.was_handled(update.update_id):
            log.info("update %s was handled before a restart: not answered again", update.update_id)
            return None
        verdict = self._verdict(update)
        if verdict is Verdict.DROP:
            chat = update.effective_chat
            chat_type = chat.type if chat is not None else "inline"
            metrics.FLOOD_DROPS.labels(chat_type=chat_type).inc()
            if self.on_flood_drop is not None:
                await self.on_flood_drop(chat_type)
            log.debug("flood control dropped update %s", update.update_id)
            return None
        await self._slots.acquire()
        key = chat_key(update)
        before = self._tails.get(key)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._tails[key] = done
        work = self._warn(update) if verdict is Verdict.WARN else self._handle(update)
        task = asyncio.create_task(self._run(update.update_id, key, before, done, work))
        self._running[update.update_id] = task
        return task

    def _verdict(self, update: Update) -> Verdict:
        message, user = update.message, update.effective_user
        if self.flood is None or message is None or user is None or user.is_bot:
            return Verdict.ANSWER
        bot = self.application.bot
        if not _is_question(message, bot.id, bot.username):
            return Verdict.ANSWER
        return self.flood.check(
            message.chat.id, user.id, group=message.chat.type != ChatType.PRIVATE
        )

    async def _run(
        self,
        update_id: int,
        key: int | str,
        before: asyncio.Future[None] | None,
        done: asyncio.Future[None],
        work: Awaitable[None],
    ) -> None:
        try:
            if before is not None:
                await asyncio.wait([before])
            await work
            if self.handled is not None:
                self.handled.mark_handled(update_id)
        finally:
            done.set_result(None)
            if self._tails.get(key) is done:
                del self._tails[key]
            del self._running[update_id]
            self._slots.release()

    async def _handle(self, update: Update) -> None:
        await self.application.process_update(update)

    async def _warn(self, update: Update) -> None:
        message = update.message
        if message is None:
            return
        log.info("flood control: slowing down one %s chat", message.chat.type)
        with contextlib.suppress(TelegramError):
            await message.reply_text(
                html.escape(SLOWING_DOWN), do_quote=message.chat.type != ChatType.PRIVATE
            )

    async def drain(self, grace: float) -> list[int]:
        """Wait up to `grace` seconds for the updates in flight; the ids left unfinished.

        Their tasks are cancelled.
        """
        tasks = list(self._running.values())
        if tasks:
            await asyncio.wait(tasks, timeout=grace)
        left = self.in_flight
        pending = list(self._running.values())
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        return left
