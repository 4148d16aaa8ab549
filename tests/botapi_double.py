"""The one Bot API double: a loopback stand-in for Telegram, for tests and the benchmark.

A `ThreadingHTTPServer` on 127.0.0.1 answers `/bot<token>/<method>` the way the real API does
for what a polling bot uses: `getMe`, `getUpdates` (long polling over a queue the caller
fills, honouring `offset`, `limit` and a capped `timeout`; acknowledged updates are
forgotten), `sendMessage`, `editMessageText`, the command menu, and `{"ok": true, "result":
true}` for anything else. Requests may be JSON or form data with JSON-encoded values, as
python-telegram-bot sends them. It uses only the standard library, so the benchmark can use
it too, and nothing leaves loopback.

It records every call (method, parameters, time, the status it answered), every message it
"sent" (chat, text, time) and every `getUpdates` offset, i.e. what the bot acknowledged.
Faults are scripted per method: an HTTP error (500, 502, 400, 403, 429 with `retry_after`),
the connection dropped before or after the message is sent, a late answer; `fail_for` makes
a method fail for some seconds (a `getUpdates` outage); `enforce_chat_limits` answers 429
when a chat gets messages faster than Telegram allows; `push_raw` queues an update the bot
cannot parse.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

BOT_ID = 7000000001
BOT_USERNAME = "policy12218_bot"
FAKE_TOKEN = f"{BOT_ID}:AAFakeTokenForTestsOnly_abcdefghijklmnop"
BOT_USER: dict[str, Any] = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "12218 问答",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
MAX_POLL_WAIT = 2.0  # seconds a getUpdates long poll is held at most: stops stay quick

# Fields PTB sends JSON-encoded inside form data.
_JSON_FIELDS = {
    "reply_markup",
    "reply_parameters",
    "results",
    "commands",
    "allowed_updates",
    "link_preview_options",
    "button",
    "scope",
}


def bot_env(base_url: str, *, db: Path | str, cache: Path, **settings: str) -> dict[str, str]:
    """The environment of a bot process run against the double.

    The caller's environment less every Telegram, bot and policybot setting, then the fake
    token, the double's URL, the database, the index cache, unbuffered output and `settings`."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_", "POLICYBOT_"))
    }
    env.update(
        TELEGRAM_BOT_TOKEN=FAKE_TOKEN,
        TELEGRAM_BASE_URL=base_url,
        BOT_DB=str(db),
        POLICYBOT_CACHE=str(cache),
        PYTHONUNBUFFERED="1",
        **settings,
    )
    return env


def chat_of(chat_id: int) -> dict[str, Any]:
    """The chat object Telegram sends for an id: positive ids are private chats."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "Ada"}
    return {"id": chat_id, "type": "supergroup", "title": "产业政策交流群"}


@dataclass(frozen=True, slots=True)
class Fault:
    """What the double does with one call instead of answering it normally.

    `status`: answer with this HTTP error (and `description`, `retry_after`) without doing it.
    `drop`: close the connection without an answer, "before" or "after" doing what was asked.
    `delay`: do it, then hold the answer this many seconds.
    """

    status: int = 200
    description: str = ""
    retry_after: int | None = None
    drop: str | None = None
    delay: float = 0.0


SERVER_ERROR = Fault(500, "Internal Server Error")
BAD_GATEWAY = Fault(502, "Bad Gateway")
BLOCKED = Fault(403, "Forbidden: bot was blocked by the user")
KICKED = Fault(403, "Forbidden: bot was kicked from the supergroup chat")
QUERY_TOO_OLD = Fault(
    400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
NOT_MODIFIED = Fault(
    400,
    "Bad Request: message is not modified: specified new message content "
    "and reply markup are exactly the same as a current content and reply "
    "markup of the message",
)
DROP_BEFORE = Fault(drop="before")
DROP_AFTER = Fault(drop="after")


def too_many_requests(retry_after: int) -> Fault:
    return Fault(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    fault: Fault | None = None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def chat_id(self) -> int | None:
        return _chat_id(self.params)

    @property
    def replies_to(self) -> int | None:
        """The message this call replies to (reply_parameters or reply_to_message_id)."""
        reply = self.params.get("reply_parameters")
        if isinstance(reply, dict):
            return int(reply["message_id"])
        raw = self.params.get("reply_to_message_id")
        return int(raw) if raw is not None else None


@dataclass(frozen=True, slots=True)
class Sent:
    """A message the double delivered: what a user would see in the chat."""

    chat_id: int
    text: str
    at: float
    message_id: int
    replies_to: int | None


@dataclass
class _Window:
    """A failure that applies to every call of a method until `until`."""

    until: float
    fault: Fault


@dataclass
class BotApiDouble:
    """Start with `start()` (or `with`); feed updates with `push`; read `calls` and `sent`."""

    host: str = "127.0.0.1"
    max_poll_wait: float = MAX_POLL_WAIT
    calls: list[ApiCall] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    replies: Counter[int] = field(default_factory=Counter)  # chat id -> messages sent
    counts: Counter[str] = field(default_factory=Counter)  # method -> calls
    _updates: deque[dict[str, Any]] = field(default_factory=deque)
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _scripts: dict[tuple[str, int | None], deque[Fault]] = field(
        default_factory=lambda: defaultdict(deque)
    )
    _windows: dict[str, _Window] = field(default_factory=dict)
    _limits: tuple[float, float, int, float] | None = None
    _buckets: dict[int, list[float]] = field(default_factory=dict)
    _commands: dict[str, Any] = field(default_factory=dict)
    _cond: threading.Condition = field(default_factory=threading.Condition)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    _closed: bool = False
    delays: dict[str, float] = field(default_factory=dict)  # method -> seconds before answering

    # --- life cycle ---------------------------------------------------------------------

    def start(self) -> BotApiDouble:
        self._server = ThreadingHTTPServer((self.host, 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> BotApiDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the double first"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_BASE_URL."""
        return f"http://{self.host}:{self.port}/bot"

    # --- feeding updates ----------------------------------------------------------------

    def push(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue an update (kind = message, callback_query, inline_query, ...); its id."""
        return self.push_raw({kind: payload})

    def push_raw(self, update: dict[str, Any]) -> int:
        """Queue `update` as given (it may be one the bot cannot parse); its update_id."""
        with self._cond:
            update_id = next(self._update_ids)
            self._updates.append({"update_id": update_id, **update})
            self._cond.notify_all()
            return update_id

    def add_private_messages(self, messages: list[tuple[int, str]]) -> None:
        """Queue one private-chat text message per (chat id, text), in order."""
        now = int(time.time())
        with self._cond:
            for chat_id, text in messages:
                user = {
                    "id": chat_id,
                    "is_bot": False,
                    "first_name": f"U{chat_id}",
                    "language_code": "zh-hans",
                }
                self._updates.append(
                    {
                        "update_id": next(self._update_ids),
                        "message": {
                            "message_id": next(self._message_ids),
                            "date": now,
                            "chat": {"id": chat_id, "type": "private", "first_name": f"U{chat_id}"},
                            "from": user,
                            "text": text,
                        },
                    }
                )
            self._cond.notify_all()

    @property
    def pending(self) -> int:
        """Updates Telegram still holds: not yet acknowledged by a later offset."""
        with self._cond:
            return len(self._updates)

    # --- faults -------------------------------------------------------------------------

    def script(self, method: str, *faults: Fault, chat_id: int | None = None) -> None:
        """The next calls of `method` (to `chat_id`, if given) meet these faults, in order."""
        with self._cond:
            self._scripts[(method, chat_id)].extend(faults)

    def fail_next(self, method: str, retry_after: int) -> None:
        """Answer the next call of `method` with 429 and this retry_after."""
        self.script(method, too_many_requests(retry_after))

    def fail_for(self, method: str, seconds: float, fault: Fault) -> None:
        """Every call of `method` meets `fault` for the next `seconds`."""
        with self._cond:
            self._windows[method] = _Window(time.monotonic() + seconds, fault)

    def enforce_chat_limits(
        self, private_burst: int = 3, private_per_s: float = 1.0, group_per_min: int = 20
    ) -> None:
        """Answer 429 (with Telegram-like retry_after) to messages over the per-chat limits."""
        with self._cond:
            self._limits = (float(private_burst), private_per_s, group_per_min, 60.0)

    def reset(self) -> None:
        """Forget the records and every scripted fault (queued updates stay)."""
        with self._cond:
            self.calls.clear()
            self.sent.clear()
            self.offsets.clear()
            self.replies.clear()
            self.counts.clear()
            self._scripts.clear()
            self._windows.clear()
            self._limits = None
            self._buckets.clear()

    # --- reading the records --------------------------------------------------------------

    @property
    def reply_count(self) -> int:
        with self._cond:
            return len(self.sent)

    def count(self, method: str) -> int:
        with self._cond:
            return self.counts[method]

    def of(self, method: str, chat_id: int | None = None) -> list[ApiCall]:
        """Successful calls of `method` (to `chat_id`, if given)."""
        with self._cond:
            return [
                c
                for c in self.calls
                if c.method == method
                and c.status == 200
                and (chat_id is None or c.chat_id == chat_id)
            ]

    def sent_to(self, chat_id: int) -> list[Sent]:
        with self._cond:
            return [s for s in self.sent if s.chat_id == chat_id]

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        """Wait until predicate() holds (it is called under the double's lock); whether it did."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.2))
        return True

    def wait_for(
        self, predicate: Callable[[list[ApiCall]], bool], timeout: float = 5.0
    ) -> list[ApiCall]:
        """Wait until predicate(successful calls) holds; the calls, or AssertionError."""

        def ok() -> list[ApiCall]:
            return [c for c in self.calls if c.status == 200]

        if not self.wait_until(lambda: predicate(ok()), timeout):
            raise AssertionError(
                f"timed out after {timeout}s; calls: {[c.method for c in self.calls][-30:]}"
            )
        with self._cond:
            return list(self.calls)

    def wait_call(
        self, method: str, chat_id: int | None = None, count: int = 1, timeout: float = 5.0
    ) -> list[ApiCall]:
        self.wait_for(
            lambda calls: (
                sum(c.method == method and (chat_id is None or c.chat_id == chat_id) for c in calls)
                >= count
            ),
            timeout,
        )
        return self.of(method, chat_id)

    def wait_sent(self, total: int, timeout: float) -> bool:
        """Block until `total` messages have been sent in all, or `timeout` seconds pass."""
        return self.wait_until(lambda: len(self.sent) >= total, timeout)

    def wait_for_replies(self, total: int, timeout: float) -> bool:
        return self.wait_sent(total, timeout)

    def wait_consumed(self, update_id: int, timeout: float = 5.0) -> None:
        """Wait until the bot has acknowledged `update_id` (fetched past it)."""
        if not self.wait_until(lambda: any(o > update_id for o in self.offsets), timeout):
            raise AssertionError(f"update {update_id} not acknowledged in {timeout}s")

    # --- the API --------------------------------------------------------------------------

    def _fault_for(self, method: str, params: dict[str, Any], now: float) -> Fault | None:
        window = self._windows.get(method)
        if window is not None:
            if now < window.until:
                return window.fault
            del self._windows[method]
        chat_id = _chat_id(params)
        for key in ((method, chat_id), (method, None)):
            queue = self._scripts.get(key)
            if queue:
                return queue.popleft()
        if self._limits is not None and method == "sendMessage" and chat_id is not None:
            return self._over_limit(chat_id, now)
        return None

    def _over_limit(self, chat_id: int, now: float) -> Fault | None:
        """Telegram's flood limits: a burst then about one message a second in a chat,
        and 20 a minute in a group."""
        assert self._limits is not None
        burst, per_s, group_per_min, period = self._limits
        stamps = self._buckets.setdefault(chat_id, [])
        if chat_id < 0:
            stamps[:] = [t for t in stamps if now - t < period]
            if len(stamps) >= group_per_min:
                return too_many_requests(max(1, math.ceil(period - (now - stamps[0]))))
        else:
            # A token bucket kept as [tokens, last refill].
            if not stamps:
                stamps[:] = [burst, now]
            tokens = min(burst, stamps[0] + (now - stamps[1]) * per_s)
            stamps[:] = [tokens, now]
            if tokens < 1:
                return too_many_requests(max(1, math.ceil((1 - tokens) / per_s)))
            stamps[0] = tokens - 1
            return None
        stamps.append(now)
        return None

    def _handle(self, method: str, params: dict[str, Any]) -> tuple[int, Any, Fault | None]:
        """(HTTP status, JSON answer, the fault met); status 0 means "drop the connection"."""
        if method == "getUpdates":
            with self._cond:
                now = time.monotonic()
                fault = self._fault_for(method, params, now)
                self.counts[method] += 1
                if fault is not None and fault.status != 200:
                    self.calls.append(ApiCall(method, params, now, fault.status, fault))
                    self._cond.notify_all()
                    return fault.status, _error(fault), fault
            return 200, {"ok": True, "result": self._get_updates(params)}, None
        with self._cond:
            now = time.monotonic()
            fault = self._fault_for(method, params, now)
            self.counts[method] += 1
            if fault is not None and (fault.status != 200 or fault.drop == "before"):
                status = 0 if fault.drop else fault.status
                self.calls.append(ApiCall(method, params, now, status, fault))
                self._cond.notify_all()
                return (0, None, fault) if fault.drop else (fault.status, _error(fault), fault)
            self.calls.append(ApiCall(method, params, now, 200, fault))
            result = self._result(method, params, now)
            self._cond.notify_all()
        if fault is not None and fault.drop == "after":
            return 0, None, fault
        return 200, {"ok": True, "result": result}, fault

    def _result(self, method: str, params: dict[str, Any], now: float) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "sendMessage":
            chat_id = _chat_id(params) or 0
            message_id = next(self._message_ids)
            call = ApiCall(method, params, now)
            self.sent.append(Sent(chat_id, call.text, now, message_id, call.replies_to))
            self.replies[chat_id] += 1
            return {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": chat_of(chat_id),
                "from": BOT_USER,
                "text": str(params.get("text", "")),
            }
        if method == "editMessageText":
            if "inline_message_id" in params:
                return True
            chat_id = _chat_id(params) or 0
            return {
                "message_id": int(params["message_id"]),
                "date": int(time.time()),
                "chat": chat_of(chat_id),
                "from": BOT_USER,
                "text": str(params.get("text", "")),
            }
        if method == "setMyCommands":
            self._commands[str(params.get("language_code", ""))] = params.get("commands")
            return True
        if method == "getMyCommands":
            return self._commands.get(str(params.get("language_code", "")), [])
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = _int(params.get("offset"))
        limit = max(1, min(100, _int(params.get("limit")) or 100))
        timeout = min(float(params.get("timeout") or 0), self.max_poll_wait)
        deadline = time.monotonic() + timeout
        with self._cond:
            self.calls.append(ApiCall("getUpdates", params, time.monotonic()))
            self.offsets.append(offset)
            # Acknowledged updates (id < offset) are forgotten, as Telegram does.
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
            self._cond.notify_all()
            while not self._updates and not self._closed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            return list(itertools.islice(self._updates, limit))

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        double = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as api.telegram.org
            # Small request/response pairs over keep-alive otherwise wait on Nagle's algorithm
            # and the peer's delayed ACK, about 40 ms a request.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                self._answer(b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._answer(self.rfile.read(length) if length else b"")

            def _answer(self, body: bytes) -> None:
                url = urlsplit(self.path)
                method = url.path.rstrip("/").rsplit("/", 1)[-1]
                params = _params(url.query, body, self.headers.get("Content-Type", ""))
                time.sleep(double.delays.get(method, 0.0))
                status, payload, fault = double._handle(method, params)
                if status == 0:
                    self.close_connection = True  # no answer at all: the connection drops
                    return
                if fault is not None and fault.delay:
                    time.sleep(fault.delay)
                data = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the bot hung up (a time-out or a stop)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests and the benchmark report what matters."""

        return Handler


def _error(fault: Fault) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "ok": False,
        "error_code": fault.status,
        "description": fault.description or f"Error {fault.status}",
    }
    if fault.retry_after is not None:
        answer["parameters"] = {"retry_after": fault.retry_after}
    return answer


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _chat_id(params: dict[str, Any]) -> int | None:
    raw = params.get("chat_id")
    try:
        return int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None


def _params(query: str, body: bytes, content_type: str) -> dict[str, Any]:
    params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(query).items()}
    if not body:
        return params
    if "json" in content_type:
        data = json.loads(body)
        if isinstance(data, dict):
            params.update(data)
        return params
    if "multipart/form-data" in content_type:
        raise AssertionError("the bot uploaded a file; the double does not expect that")
    for key, values in parse_qs(body.decode("utf-8", "replace")).items():
        params[key] = values[-1]
        if key in _JSON_FIELDS:
            params[key] = json.loads(values[-1])
    return params
