"""Telegram's side of a webhook, for tests: deliver updates to the bot's URL and redeliver;
and a real `policybot run --webhook` replica to deliver them to.

Like Telegram, it POSTs each update as JSON with the X-Telegram-Bot-Api-Secret-Token
header that setWebhook registered, over at most `max_connections` connections at once,
and counts an update delivered only on a 2xx answer: a non-2xx answer, a refused or reset
connection, or no answer within `timeout` means the update is delivered again after a
short pause. Every attempt is recorded, so a test can tell what was acknowledged when.
"""

from __future__ import annotations

import queue
import signal
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.botapi_double import BotApiDouble, bot_env
from tests.paths import REPO


@dataclass
class Attempt:
    update_id: int
    status: int | None  # None: no HTTP answer (refused, reset, timed out)
    started: float
    ended: float
    error: str = ""


@dataclass
class Deliverer:
    url: str
    secret: str
    max_connections: int = 40
    timeout: float = 10.0
    retry_delay: float = 0.2
    verify: ssl.SSLContext | bool = True
    attempts: list[Attempt] = field(default_factory=list)
    _queue: queue.Queue[dict[str, Any] | None] = field(default_factory=queue.Queue)
    _pending: set[int] = field(default_factory=set)
    _cond: threading.Condition = field(default_factory=threading.Condition)
    _threads: list[threading.Thread] = field(default_factory=list)

    @classmethod
    def from_set_webhook(cls, double: BotApiDouble, **overrides: Any) -> Deliverer:
        """A deliverer for the last webhook the bot registered with the double."""
        registered = double.of("setWebhook")[-1].params
        settings: dict[str, Any] = {
            "url": registered["url"],
            "secret": registered["secret_token"],
            "max_connections": int(registered.get("max_connections") or 40),
        }
        settings.update(overrides)
        return cls(**settings)

    def start(self) -> Deliverer:
        for _ in range(self.max_connections):
            thread = threading.Thread(target=self._work, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(self.timeout + 5)

    def push(self, update: dict[str, Any]) -> None:
        with self._cond:
            self._pending.add(int(update["update_id"]))
        self._queue.put(update)

    def wait_delivered(self, timeout: float) -> None:
        """Wait until every pushed update was acknowledged; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"{len(self._pending)} updates never acknowledged, e.g."
                        f" {sorted(self._pending)[:5]}; last attempts: {self.attempts[-5:]}"
                    )
                self._cond.wait(remaining)

    def acknowledged(self) -> dict[int, Attempt]:
        """The first 2xx attempt of each update."""
        with self._cond:
            acks: dict[int, Attempt] = {}
            for a in self.attempts:
                if a.status is not None and 200 <= a.status < 300:
                    acks.setdefault(a.update_id, a)
            return acks

    def _work(self) -> None:
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.secret}
        with httpx.Client(verify=self.verify, timeout=self.timeout) as client:
            while (update := self._queue.get()) is not None:
                uid = int(update["update_id"])
                started = time.monotonic()
                status: int | None = None
                error = ""
                try:
                    status = client.post(self.url, json=update, headers=headers).status_code
                except httpx.HTTPError as exc:
                    error = type(exc).__name__
                ok = status is not None and 200 <= status < 300
                with self._cond:
                    self.attempts.append(Attempt(uid, status, started, time.monotonic(), error))
                    if ok:
                        self._pending.discard(uid)
                        self._cond.notify_all()
                if not ok:
                    time.sleep(self.retry_delay)
                    self._queue.put(update)


# --- a real `policybot run --webhook` process -------------------------------------------

# One client for plain-HTTP calls on loopback: a new client per call costs ~0.3 s (TLS setup).
LOCAL = httpx.Client(verify=False)  # noqa: S501 - plain HTTP on 127.0.0.1 only


@dataclass
class WebhookBot:
    """One replica: `python -m bot run --webhook` with its log in a file."""

    env: dict[str, str]
    listen: int
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def local(self) -> str:
        return f"http://127.0.0.1:{self.listen}"

    def start(self, *args: str) -> WebhookBot:
        with self.log_path.open("ab") as log_file:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", "--webhook", *args],
                cwd=REPO,
                env=self.env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        return self

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise AssertionError(f"the replica exited {self.proc.returncode}:\n{self.log()}")
            if self.get("/readyz").status_code == 200:
                return
            time.sleep(0.05)
        self.kill()  # a replica that failed its test must not outlive it
        raise AssertionError(f"the replica never became ready:\n{self.log()}")

    def get(self, path: str) -> httpx.Response:
        """GET on the replica's own port; a refused connection reads as 599."""
        try:
            return LOCAL.get(self.local + path, timeout=5)
        except httpx.HTTPError:
            return httpx.Response(599)

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM, and the exit code once it has stopped."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise
        return int(self.proc.returncode)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()

    def log(self, tail: int = 4000) -> str:
        """The end of the replica's log (all of it with tail=0)."""
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return text[-tail:] if tail else text


def webhook_env(
    *,
    base_url: str,
    public_url: str,
    secret: str,
    listen: int,
    db: Path | str,
    cache: Path,
    **extra: str,
) -> dict[str, str]:
    """The environment of a replica: only what the test sets, none of the caller's bot
    settings."""
    return bot_env(
        base_url,
        db=db,
        cache=cache,
        TELEGRAM_WEBHOOK_URL=public_url,
        TELEGRAM_WEBHOOK_SECRET=secret,
        BOT_LISTEN=f"127.0.0.1:{listen}",
        BOT_RATE_LIMIT="off",
        BOT_LOG_LEVEL="INFO",
        # Replicas of one bot share the chat-hash key (and write no key file anywhere).
        BOT_CHAT_KEY="replicas-share-this-test-key",
        # One test user asks many questions in each chat: flood control would drop some.
        BOT_FLOOD_PRIVATE="0",
        BOT_FLOOD_GROUP="0",
        **extra,
    )
