"""A loopback stand-in for the Telegram Bot API, for the benchmark's end-to-end runs.

A `ThreadingHTTPServer` on 127.0.0.1 that answers `/bot<token>/<method>` the way the real
API does for what a polling bot uses: `getMe`, `getUpdates` (long polling over a queue the
benchmark fills, honouring `offset`, `limit` and a capped `timeout`), `sendMessage` (counted
per chat) and `{"ok": true, "result": true}` for anything else. Requests may be JSON or form
data with JSON-encoded values, as python-telegram-bot sends them. Nothing leaves loopback.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import Counter, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

BOT_USER = {
    "id": 123456, "is_bot": True, "first_name": "Bench Bot", "username": "bench_policy_bot",
    "can_join_groups": True, "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
MAX_POLL_WAIT = 0.5  # seconds a getUpdates long poll is held at most: shutdown stays quick


class BotApiDouble:
    """Start with `start()` (or `with`), feed `add_private_messages`, read `replies`."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._queue: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self.replies: Counter[int] = Counter()      # chat id -> sendMessage calls
        self.calls: Counter[str] = Counter()        # method -> calls
        self.reply_count = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # --- life cycle ---------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_BASE_URL."""
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> BotApiDouble:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> BotApiDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- what the benchmark uses --------------------------------------------------------

    def add_private_messages(self, messages: list[tuple[int, str]]) -> None:
        """Queue one private-chat text message update per (chat id, text)."""
        now = int(time.time())
        with self._lock:
            for chat_id, text in messages:
                user = {"id": chat_id, "is_bot": False, "first_name": f"U{chat_id}",
                        "language_code": "zh-hans"}
                self._queue.append({
                    "update_id": next(self._update_ids),
                    "message": {
                        "message_id": next(self._message_ids), "date": now,
                        "chat": {"id": chat_id, "type": "private", "first_name": f"U{chat_id}"},
                        "from": user, "text": text,
                    },
                })
            self._lock.notify_all()

    def wait_for_replies(self, total: int, timeout: float) -> bool:
        """Block until `total` sendMessage calls have arrived, or `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self.reply_count < total:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(min(left, 0.2))
        return True

    def wait_for_poll(self, timeout: float) -> bool:
        """Block until the bot has called getUpdates at least once."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.calls["getUpdates"]:
                return True
            time.sleep(0.05)
        return False

    # --- the API ------------------------------------------------------------------------

    def _call(self, method: str, params: dict[str, Any]) -> Any:
        with self._lock:
            self.calls[method] += 1
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return self._get_updates(params)
        if method == "sendMessage":
            chat_id = _int(params.get("chat_id"))
            with self._lock:
                self.replies[chat_id] += 1
                self.reply_count += 1
                self._lock.notify_all()
            return {
                "message_id": next(self._message_ids), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"}, "from": BOT_USER,
                "text": str(params.get("text", "")),
            }
        if method == "getMyCommands":
            return []
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = _int(params.get("offset", 0))
        limit = max(1, min(100, _int(params.get("limit", 100)) or 100))
        wait = min(float(params.get("timeout", 0) or 0), MAX_POLL_WAIT)
        deadline = time.monotonic() + wait
        with self._lock:
            while self._queue and self._queue[0]["update_id"] < offset:
                self._queue.popleft()  # confirmed by the offset
            while not self._queue and time.monotonic() < deadline:
                self._lock.wait(max(0.0, deadline - time.monotonic()))
            return list(itertools.islice(self._queue, limit))

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        double = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out as separate writes; with Nagle's algorithm on, the
            # second waits for the client's delayed ACK, about 40 ms a request.
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
                payload = json.dumps({"ok": True, "result": double._call(method, params)},
                                     ensure_ascii=False).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the bot hung up mid long poll: shutting down

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the benchmark prints its own summary."""

        return Handler


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _params(query: str, body: bytes, content_type: str) -> dict[str, Any]:
    params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(query).items()}
    if not body:
        return params
    if "json" in content_type:
        try:
            data = json.loads(body)
        except ValueError:
            return params
        if isinstance(data, dict):
            params.update(data)
        return params
    if "x-www-form-urlencoded" in content_type:
        for key, values in parse_qs(body.decode("utf-8", "replace")).items():
            try:
                params[key] = json.loads(values[-1])
            except ValueError:
                params[key] = values[-1]
    return params  # multipart (file uploads) is not needed by the benchmark
