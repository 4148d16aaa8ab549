"""Webhook mode, end to end: a real `policybot run --webhook` replica on PostgreSQL, the
Bot API double, and updates POSTed the way Telegram posts them."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from httpx import Response

from tests.botapi_double import BotApiDouble
from tests.helpers import FAKE_TOKEN, message_update
from tests.paths import REPO
from tests.pg import PostgresServer, free_port
from tests.webhook_delivery import LOCAL, WebhookBot, webhook_env

SECRET = "s3cret-for-tests_only"  # noqa: S105 - a test value
HOOK_PATH = "/telegram/hook"

pytestmark = pytest.mark.timeout(90)


def _replica(
    tmp: Path, double: BotApiDouble, db: Path | str, cache: Path, **extra: str
) -> WebhookBot:
    port = free_port()
    env = webhook_env(
        base_url=double.base_url,
        public_url=f"https://bot.example.org{HOOK_PATH}",
        secret=SECRET,
        listen=port,
        db=db,
        cache=cache,
        **extra,
    )
    return WebhookBot(env, port, tmp / f"replica-{port}.log")


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, postgres: PostgresServer, index_cache: Path
) -> Iterator[tuple[WebhookBot, BotApiDouble]]:
    """One replica for the module, on a fresh PostgreSQL database."""
    double = BotApiDouble().start()
    bot = _replica(
        tmp_path_factory.mktemp("webhook"),
        double,
        postgres.new_database(),
        index_cache,
        TELEGRAM_WEBHOOK_MAX_CONNECTIONS="17",
    ).start()
    bot.wait_ready()
    yield bot, double
    assert bot.stop() == 0, bot.log()
    double.stop()


@pytest.fixture
def live(served: tuple[WebhookBot, BotApiDouble]) -> tuple[WebhookBot, BotApiDouble]:
    bot, double = served
    assert bot.proc is not None and bot.proc.poll() is None, bot.log()
    double.reset()
    double.delays.clear()
    return bot, double


def _post(
    bot: WebhookBot, update: dict[str, Any], secret: str | None = SECRET, timeout: float = 10
) -> Response:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return LOCAL.post(bot.local + HOOK_PATH, json=update, headers=headers, timeout=timeout)


def _chat(n: int) -> int:
    return 5_000_000 + n


def test_start_registers_the_webhook_with_secret_and_limits(
    served: tuple[WebhookBot, BotApiDouble],
) -> None:
    """At start the replica calls setWebhook with the public URL, the secret token, the
    configured max_connections and every update type the bot handles."""
    _, double = served
    [registered] = double.of("setWebhook")
    params = registered.params
    assert params["url"] == f"https://bot.example.org{HOOK_PATH}"
    assert params["secret_token"] == SECRET
    assert int(params["max_connections"]) == 17
    assert {"message", "callback_query", "inline_query"} <= set(params["allowed_updates"])
    assert not double.of("deleteWebhook")
    assert not double.of("getUpdates")  # no polling in webhook mode


@pytest.mark.parametrize(
    "secret", [None, "", "wrong", SECRET + "x"], ids=["missing", "empty", "wrong", "longer"]
)
def test_a_request_without_the_secret_is_refused_and_not_processed(
    live: tuple[WebhookBot, BotApiDouble], secret: str | None
) -> None:
    """Without the right secret header the answer is 403 and the update is not answered;
    the same update with the secret is."""
    bot, double = live
    update = message_update("两业融合是什么", chat_id=_chat(1))
    assert _post(bot, update, secret=secret).status_code == 403
    assert _post(bot, message_update("你好", chat_id=_chat(2))).status_code == 200
    assert double.of("sendMessage", chat_id=_chat(2))
    assert not double.of("sendMessage", chat_id=_chat(1))
    assert _post(bot, update).status_code == 200
    assert len(double.of("sendMessage", chat_id=_chat(1))) == 1


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[1, 2]", b'{"update_id": "x"}'],
    ids=["not-json", "not-an-object", "bad-id"],
)
def test_an_unreadable_update_is_dropped_and_the_next_answered(
    live: tuple[WebhookBot, BotApiDouble], body: bytes
) -> None:
    """A body with the secret that is no readable update is acknowledged (redelivering it
    cannot help) without a reply, and the replica goes on answering."""
    bot, double = live
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    assert LOCAL.post(bot.local + HOOK_PATH, content=body, headers=headers).status_code == 200
    assert _post(bot, message_update("两业融合是什么", chat_id=_chat(10))).status_code == 200
    assert [c.chat_id for c in double.of("sendMessage")] == [_chat(10)]


def test_an_update_is_acknowledged_only_once_it_is_answered(
    live: tuple[WebhookBot, BotApiDouble],
) -> None:
    """With a slow Bot API, the 200 for an update comes after its reply was sent, not before."""
    bot, double = live
    double.delays["sendMessage"] = 0.6
    started = time.monotonic()
    response = _post(bot, message_update("低空经济属于哪一类产业？", chat_id=_chat(3)))
    acked = time.monotonic()
    assert response.status_code == 200
    [reply] = double.of("sendMessage", chat_id=_chat(3))
    assert started + 0.6 <= reply.at <= acked


def test_a_redelivered_update_is_answered_once(live: tuple[WebhookBot, BotApiDouble]) -> None:
    """The same update delivered again (after it was answered, and while it is being
    answered) is acknowledged without a second reply."""
    bot, double = live
    first = message_update("数智化转型", chat_id=_chat(4))
    assert _post(bot, first).status_code == 200
    assert _post(bot, first).status_code == 200
    double.delays["sendMessage"] = 0.5
    second = message_update("绿色化转型", chat_id=_chat(5))
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(_post(bot, second).status_code))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert results == [200, 200]
    assert len(double.of("sendMessage", chat_id=_chat(4))) == 1
    assert len(double.of("sendMessage", chat_id=_chat(5))) == 1


def test_health_readiness_and_metrics_on_the_same_port(
    live: tuple[WebhookBot, BotApiDouble],
) -> None:
    """/healthz and /readyz answer 200 on a serving replica, and /metrics counts the
    questions it answered and refused in the Prometheus text format."""
    bot, _ = live
    assert _post(bot, message_update("两业融合是什么", chat_id=_chat(6))).status_code == 200
    assert _post(bot, message_update("帮我写一首诗", chat_id=_chat(6))).status_code == 200
    assert bot.get("/healthz").status_code == 200
    ready = bot.get("/readyz")
    assert (ready.status_code, ready.text) == (200, "ready\n")
    text = bot.get("/metrics").text
    assert 'policybot_questions_total{outcome="answered",refusal=""}' in text
    assert 'policybot_questions_total{outcome="refused"' in text
    assert "policybot_answer_seconds_bucket" in text
    assert "process_resident_memory_bytes" in text
    assert bot.get("/nothing-here").status_code == 404


def test_readiness_follows_the_database(
    tmp_path: Path, postgres: PostgresServer, index_cache: Path
) -> None:
    """While PostgreSQL is down the replica stays alive but not ready, and refuses updates
    with 503 without answering them; once it is back, it is ready and answers them."""
    double = BotApiDouble().start()
    bot = _replica(tmp_path, double, postgres.new_database(), index_cache).start()
    try:
        bot.wait_ready()
        update = message_update("两业融合是什么", chat_id=_chat(7))
        postgres.pause()
        try:
            assert bot.get("/healthz").status_code == 200
            ready = bot.get("/readyz")
            assert (ready.status_code, ready.text) == (503, "database unreachable\n")
            assert _post(bot, update).status_code == 503
            assert not double.of("sendMessage")
        finally:
            postgres.resume()
        bot.wait_ready(timeout=10)
        assert _post(bot, update).status_code == 200
        assert len(double.of("sendMessage", chat_id=_chat(7))) == 1
    finally:
        assert bot.stop() == 0, bot.log()
        double.stop()


def test_sigterm_finishes_the_update_in_hand_and_keeps_the_webhook(
    tmp_path: Path, index_cache: Path
) -> None:
    """A replica is alive but not ready until it has registered the webhook; on SIGTERM it
    answers the update it holds, acknowledges it, exits 0 and never deletes the webhook."""
    double = BotApiDouble().start()
    double.delays["setWebhook"] = 1.0
    bot = _replica(tmp_path, double, tmp_path / "bot.sqlite3", index_cache).start()
    try:
        deadline = time.monotonic() + 20
        while bot.get("/healthz").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert bot.get("/readyz").status_code == 503  # still registering
        bot.wait_ready()
        double.delays["sendMessage"] = 1.5
        answers: list[int] = []
        posting = threading.Thread(
            target=lambda: answers.append(
                _post(bot, message_update("专精特新", chat_id=_chat(8))).status_code
            )
        )
        posting.start()
        time.sleep(0.5)  # the update is in hand, its reply on the way
        started = time.monotonic()
        assert bot.stop() == 0, bot.log()
        posting.join(10)
        assert answers == [200]
        assert len(double.of("sendMessage", chat_id=_chat(8))) == 1
        assert time.monotonic() - started < 10
        assert not double.of("deleteWebhook")
        assert bot.get("/healthz").status_code == 599  # the port is closed
    finally:
        if bot.proc is not None and bot.proc.poll() is None:
            bot.kill()
        double.stop()


def test_webhook_mode_without_a_secret_refuses_to_start(tmp_path: Path, index_cache: Path) -> None:
    """`run --webhook` with a URL but no secret exits 2 and says how to give one."""
    double = BotApiDouble().start()
    bot = _replica(tmp_path, double, tmp_path / "bot.sqlite3", index_cache)
    del bot.env["TELEGRAM_WEBHOOK_SECRET"]
    bot.start()
    assert bot.proc is not None
    assert bot.proc.wait(30) == 2
    assert "TELEGRAM_WEBHOOK_SECRET" in bot.log()
    assert not double.calls
    double.stop()


def test_container_healthcheck_asks_healthz_in_webhook_mode(
    live: tuple[WebhookBot, BotApiDouble],
) -> None:
    """`python -m bot.healthcheck` (the image's HEALTHCHECK) passes against a serving
    replica, fails when nothing listens on BOT_LISTEN, and passes in polling mode."""
    bot, _ = live

    def check(**env: str) -> int:
        return subprocess.run(
            [sys.executable, "-m", "bot.healthcheck"],
            cwd=REPO,
            env=env,
            capture_output=True,
            check=False,
            timeout=30,
        ).returncode

    webhook = {"TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/hook"}
    assert check(**webhook, BOT_LISTEN=f"0.0.0.0:{bot.listen}") == 0
    assert check(**webhook, BOT_LISTEN=f"127.0.0.1:{free_port()}") == 1
    assert check() == 0


def test_the_log_holds_neither_the_token_nor_the_webhook_secret(
    live: tuple[WebhookBot, BotApiDouble],
) -> None:
    """After a refused request, answered questions and a health check, the replica's log
    names neither the bot token's secret half nor the webhook secret."""
    bot, _ = live
    guess = SECRET[::-1]
    assert _post(bot, message_update("两业融合", chat_id=_chat(9)), secret=guess).status_code == 403
    assert _post(bot, message_update("两业融合", chat_id=_chat(9))).status_code == 200
    log = bot.log(tail=0)
    assert "webhook registered" in log
    assert FAKE_TOKEN.partition(":")[2] not in log
    assert SECRET not in log
