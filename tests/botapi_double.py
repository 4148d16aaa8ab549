"""A small Bot API test double on 127.0.0.1, for running the real bot process end to end.

It answers getMe, long-polls getUpdates from a queue the test fills, answers sendMessage,
editMessageText and the rest with plausible JSON, records every call, and can be told to
answer the next call of a method with 429 Too Many Requests.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from tests.helpers import BOT_USER, chat_of

# Fields PTB sends JSON-encoded inside form data.
_JSON_FIELDS = {"reply_markup", "reply_parameters", "results", "commands", "allowed_updates",
                "link_preview_options", "button", "scope"}


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    at: float
    status: int = 200

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def chat_id(self) -> int | None:
        raw = self.params.get("chat_id")
        return int(raw) if raw is not None else None

    @property
    def replies_to(self) -> int | None:
        """The message this call replies to (reply_parameters or reply_to_message_id)."""
        reply = self.params.get("reply_parameters")
        if isinstance(reply, dict):
            return int(reply["message_id"])
        raw = self.params.get("reply_to_message_id")
        return int(raw) if raw is not None else None


@dataclass
class BotApiDouble:
    host: str = "127.0.0.1"
    calls: list[ApiCall] = field(default_factory=list)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _next_update_id: int = 1
    _next_message_id: int = 1000
    _failures: dict[str, list[int]] = field(default_factory=dict)
    _commands: dict[str, Any] = field(default_factory=dict)
    _cond: threading.Condition = field(default_factory=threading.Condition)
    _server: ThreadingHTTPServer | None = None
    _closed: bool = False
    delays: dict[str, float] = field(default_factory=dict)  # method -> seconds before answering

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> BotApiDouble:
        double = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                method = self.path.rstrip("/").rsplit("/", 1)[-1]
                params = _parse(body, self.headers.get("Content-Type", ""))
                time.sleep(double.delays.get(method, 0.0))
                status, payload = double._handle(method, params)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot hung up (shutdown while long-polling)

            do_GET = do_POST  # noqa: N815 - the http.server API

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer((self.host, 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    def stop(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # --- what tests use --------------------------------------------------------------

    def push(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue an update (kind = message, callback_query, inline_query, ...); its id."""
        with self._cond:
            update_id = self._next_update_id
            self._next_update_id += 1
            self._updates.append({"update_id": update_id, kind: payload})
            self._cond.notify_all()
            return update_id

    def fail_next(self, method: str, retry_after: int) -> None:
        """Answer the next call of `method` with 429 and this retry_after."""
        with self._cond:
            self._failures.setdefault(method, []).append(retry_after)

    def reset(self) -> None:
        with self._cond:
            self.calls.clear()
            self._failures.clear()

    def of(self, method: str, chat_id: int | None = None) -> list[ApiCall]:
        with self._cond:
            return [c for c in self.calls if c.method == method and c.status == 200
                    and (chat_id is None or c.chat_id == chat_id)]

    def wait_for(self, predicate: Callable[[list[ApiCall]], bool], timeout: float = 5.0
                 ) -> list[ApiCall]:
        """Wait until predicate(calls) is true; the calls, or AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate([c for c in self.calls if c.status == 200]):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"timed out after {timeout}s; calls: {[c.method for c in self.calls]}")
                self._cond.wait(remaining)
            return list(self.calls)

    def wait_call(self, method: str, chat_id: int | None = None, count: int = 1,
                  timeout: float = 5.0) -> list[ApiCall]:
        self.wait_for(lambda calls: sum(
            c.method == method and (chat_id is None or c.chat_id == chat_id)
            for c in calls) >= count, timeout)
        return self.of(method, chat_id)

    def wait_consumed(self, update_id: int, timeout: float = 5.0) -> None:
        """Wait until the bot has fetched past `update_id` (it acknowledged it)."""
        def acked(calls: list[ApiCall]) -> bool:
            return any(c.method == "getUpdates" and int(c.params.get("offset") or 0) > update_id
                       for c in calls)
        self.wait_for(acked, timeout)

    # --- the API ---------------------------------------------------------------------

    def _handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        with self._cond:
            failures = self._failures.get(method)
            if failures:
                retry_after = failures.pop(0)
                self.calls.append(ApiCall(method, params, time.monotonic(), 429))
                self._cond.notify_all()
                return 429, {"ok": False, "error_code": 429,
                             "description": f"Too Many Requests: retry after {retry_after}",
                             "parameters": {"retry_after": retry_after}}
            self.calls.append(ApiCall(method, params, time.monotonic()))
            result = self._result(method, params)
            self._cond.notify_all()
        return 200, {"ok": True, "result": result}

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in {"sendMessage", "editMessageText"}:
            if method == "editMessageText" and "inline_message_id" in params:
                return True
            if method == "sendMessage":
                self._next_message_id += 1
                message_id = self._next_message_id
            else:
                message_id = int(params["message_id"])
            return {"message_id": message_id, "date": int(time.time()),
                    "chat": chat_of(int(params["chat_id"])), "from": BOT_USER,
                    "text": str(params.get("text", ""))}
        if method == "setMyCommands":
            self._commands[str(params.get("language_code", ""))] = params.get("commands")
            return True
        if method == "getMyCommands":
            return self._commands.get(str(params.get("language_code", "")), [])
        return True

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 10.0)
        deadline = time.monotonic() + timeout
        with self._cond:
            self.calls.append(ApiCall("getUpdates", params, time.monotonic()))
            self._cond.notify_all()
            # Acknowledged updates (id < offset) are forgotten, as Telegram does.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            return list(self._updates)


def _parse(body: bytes, content_type: str) -> dict[str, Any]:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        data: dict[str, Any] = json.loads(body)
        return data
    if content_type.startswith("multipart/form-data"):
        raise AssertionError("the bot uploaded a file; the double does not expect that")
    params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
    for key in _JSON_FIELDS & params.keys():
        params[key] = json.loads(params[key])
    return params
