"""Delivery (retries, 429 waits), the dispatcher (order, concurrency, bound) and flood control,
offline: each property a user would notice, without a process or a socket."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import warnings
from typing import Any

import httpx
import pytest
from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBDeprecationWarning

from bot.telegram.delivery import Delivery, RetryPolicy, kind_of
from bot.telegram.dispatch import Dispatcher, FloodGate, Verdict
from bot.telegram.runtime import WithholdLibraryArguments
from tests.helpers import GROUP_ID, message_update

FAST = RetryPolicy(tries=3, budget=5.0, base=0.01)


def retry_after(seconds: int) -> RetryAfter:
    with warnings.catch_warnings():  # PTB 22 warns on construction about the type it will take
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return RetryAfter(dt.timedelta(seconds=seconds))


def _caused(exc: Exception, cause: Exception) -> Exception:
    exc.__cause__ = cause
    return exc


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (retry_after(3), "retry_after"),
        (Forbidden("Forbidden: bot was blocked by the user"), "blocked"),
        (BadRequest("Bad Request: query is too old and response timeout expired"), "stale"),
        (BadRequest("Bad Request: message is not modified"), "stale"),
        (BadRequest("Bad Request: can't parse entities"), "bad_request"),
        (NetworkError("Bad Gateway (502)"), "server"),
        (_caused(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")), "unreachable"),
        (
            _caused(
                NetworkError("httpx.RemoteProtocolError"),
                httpx.RemoteProtocolError("Server disconnected"),
            ),
            "dropped",
        ),
        (_caused(TimedOut(), httpx.ReadTimeout("late")), "timeout"),
        (_caused(TimedOut(), httpx.PoolTimeout("busy")), "unreachable"),
    ],
    ids=lambda v: v if isinstance(v, str) else type(v).__name__,
)
def test_failures_are_told_apart(error: Exception, kind: str) -> None:
    """Each Bot API failure gets the kind that decides whether it is retried."""
    assert kind_of(error) == kind


class Flaky:
    """A Bot API call that fails with the given errors first, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls: list[float] = []

    async def __call__(self, *_: Any) -> dict[str, Any]:
        self.calls.append(time.monotonic())
        if self.errors:
            raise self.errors.pop(0)
        return {"ok": True}


async def _send(
    delivery: Delivery, call: Flaky, method: str = "sendMessage", chat_id: int = 1
) -> Any:
    return await delivery.process_request(call, (), {}, method, {"chat_id": chat_id}, None)


async def test_a_server_error_is_retried_until_it_works() -> None:
    """Two 502s then success: the call succeeds on the third try."""
    call = Flaky(NetworkError("Bad Gateway (502)"), NetworkError("Bad Gateway (502)"))
    assert await _send(Delivery(pace=False, policy=FAST), call) == {"ok": True}
    assert len(call.calls) == 3


async def test_retries_are_bounded() -> None:
    """Failing every time: three tries, then the error reaches the handler."""
    call = Flaky(*[NetworkError("Bad Gateway (502)")] * 5)
    with pytest.raises(NetworkError):
        await _send(Delivery(pace=False, policy=FAST), call)
    assert len(call.calls) == 3


async def test_a_late_message_is_not_sent_again_but_an_edit_is() -> None:
    """A read time-out is not retried for sendMessage (it was probably sent), but is for an edit."""
    late = _caused(TimedOut(), httpx.ReadTimeout("late"))
    message = Flaky(late)
    with pytest.raises(TimedOut):
        await _send(Delivery(pace=False, policy=FAST), message)
    assert len(message.calls) == 1
    edit = Flaky(_caused(TimedOut(), httpx.ReadTimeout("late")))
    assert await _send(Delivery(pace=False, policy=FAST), edit, "editMessageText") == {"ok": True}


@pytest.mark.parametrize("error", [Forbidden("blocked"), BadRequest("query is too old")])
async def test_what_cannot_succeed_is_tried_once(error: Exception) -> None:
    """403 and stale 400s are not retried."""
    call = Flaky(error)
    with pytest.raises(type(error)):
        await _send(Delivery(pace=False, policy=FAST), call)
    assert len(call.calls) == 1


async def test_a_429_waits_only_in_its_own_chat() -> None:
    """A 429 (retry_after 1) in one chat delays that chat by a second; another chat's call
    goes through at once."""
    delivery = Delivery(pace=True, policy=FAST)
    limited = Flaky(retry_after(1))
    other = Flaky()
    started = time.monotonic()
    first = asyncio.create_task(_send(delivery, limited, chat_id=1))
    await asyncio.sleep(0.05)
    await _send(delivery, other, chat_id=2)
    assert other.calls[0] - started < 0.5
    await first
    assert limited.calls[1] - limited.calls[0] >= 1.0


def _update(text: str, chat_id: int = 1, user_id: int = 10) -> Update:
    payload = message_update(text, chat_id=chat_id)
    payload["message"]["from"]["id"] = user_id
    return Update.de_json(payload, None)


class SlowApp:
    """Stands in for the Application: each update takes the time its text says."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str, float]] = []
        self.bot = type("Bot", (), {"id": 1, "username": "policy12218_bot"})()

    async def process_update(self, update: Update) -> None:
        assert update.message is not None and update.message.text is not None
        self.log.append(("start", update.message.text, time.monotonic()))
        await asyncio.sleep(float(update.message.text.split()[-1]))
        self.log.append(("end", update.message.text, time.monotonic()))


async def test_updates_of_one_chat_keep_their_order() -> None:
    """A slow first message in a chat is answered before the quick second one."""
    app = SlowApp()
    dispatcher = Dispatcher(app, limit=4)  # type: ignore[arg-type]
    await dispatcher.submit(_update("a 0.2"))
    await dispatcher.process(_update("b 0"))
    ends = [text for what, text, _ in app.log if what == "end"]
    assert ends == ["a 0.2", "b 0"]


async def test_one_slow_chat_holds_up_no_other() -> None:
    """While one chat's update takes 0.5 s, another chat's update finishes at once."""
    app = SlowApp()
    dispatcher = Dispatcher(app, limit=4)  # type: ignore[arg-type]
    started = time.monotonic()
    await dispatcher.submit(_update("slow 0.5", chat_id=1))
    await dispatcher.process(_update("quick 0", chat_id=2))
    assert time.monotonic() - started < 0.3
    assert await dispatcher.drain(2.0) == []


async def test_no_more_than_the_limit_is_in_flight() -> None:
    """With a limit of 2, a third update waits for a free slot before it is taken."""
    app = SlowApp()
    dispatcher = Dispatcher(app, limit=2)  # type: ignore[arg-type]
    await dispatcher.submit(_update("a 0.3", chat_id=1))
    await dispatcher.submit(_update("b 0.3", chat_id=2))
    assert dispatcher.free == 0
    third = asyncio.create_task(dispatcher.submit(_update("c 0", chat_id=3)))
    await asyncio.sleep(0.1)
    assert not third.done()
    await asyncio.wait_for(third, 1.0)
    await dispatcher.drain(1.0)


async def test_drain_reports_what_the_grace_period_cut_off() -> None:
    """An update still running when the grace period ends is named, so it can be left to
    Telegram."""
    app = SlowApp()
    dispatcher = Dispatcher(app, limit=2)  # type: ignore[arg-type]
    slow = _update("slow 5")
    await dispatcher.submit(slow)
    assert await dispatcher.drain(0.1) == [slow.update_id]


def test_flood_gate_warns_once_then_drops() -> None:
    """Beyond the limit: one warning, then drops, until the window has passed."""
    gate = FloodGate(private=3, group=1, window=0.2)
    verdicts = [gate.check(1, 10, group=False) for _ in range(6)]
    assert verdicts == [Verdict.ANSWER] * 3 + [Verdict.WARN, Verdict.DROP, Verdict.DROP]
    assert gate.check(2, 11, group=False) is Verdict.ANSWER  # another user is not affected
    assert [gate.check(GROUP_ID, 10, group=True) for _ in range(2)] == [
        Verdict.ANSWER,
        Verdict.WARN,
    ]
    time.sleep(0.25)
    assert gate.check(1, 10, group=False) is Verdict.ANSWER


def test_library_log_records_lose_their_arguments() -> None:
    """A library's INFO+ record keeps its wording but not the update it was given; ours are
    left alone."""
    update = "Update(message=Message(text='我的秘密问题', from_user=User(id=424242)))"
    record = logging.LogRecord(
        "telegram.ext.Application",
        logging.ERROR,
        __file__,
        1,
        "Error while building CallbackContext for update %s",
        (update,),
        None,
    )
    assert WithholdLibraryArguments().filter(record)
    assert "424242" not in record.getMessage()
    assert "秘密" not in record.getMessage()
    assert record.getMessage().startswith("Error while building CallbackContext")
    ours = logging.LogRecord(
        "bot.telegram.polling", logging.INFO, __file__, 1, "skipped update %d", (7,), None
    )
    WithholdLibraryArguments().filter(ours)
    assert ours.getMessage() == "skipped update 7"
