"""End to end: the real `python -m bot run` process against the Bot API double on 127.0.0.1.

Only what needs a real process is here: the start-up menu, one answer, a 429 waited out, the
token absent from the logs, a long answer split and SIGTERM. What handlers do with each kind
of update is tested offline (test_telegram_handlers.py); faults are in test_faults.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.botapi_double import ApiCall, BotApiDouble, bot_env
from tests.helpers import (
    BOT_USER,
    FAKE_TOKEN,
    USER_ID,
    message_payload,
)

ROOT = Path(__file__).resolve().parent.parent
LONG_KB = Path(__file__).resolve().parent / "fixtures" / "longkb" / "knowledge"
START_TIMEOUT = 30.0  # first start builds the matcher index (~1.5 s), later ones load it
SECRET = FAKE_TOKEN.partition(":")[2]

pytestmark = pytest.mark.timeout(90)


@dataclass
class LiveBot:
    proc: subprocess.Popen[bytes]
    double: BotApiDouble
    log_path: Path
    startup: list[ApiCall]

    def say(
        self, text: str | None = None, *, chat_id: int = USER_ID, **extra: Any
    ) -> dict[str, Any]:
        """Queue a message from a user; the message payload (with its message_id)."""
        payload = message_payload(text, chat_id=chat_id, **extra)
        self.double.push("message", payload)
        return payload

    def replies(self, chat_id: int, count: int = 1, timeout: float = 5.0) -> list[ApiCall]:
        return self.double.wait_call("sendMessage", chat_id=chat_id, count=count, timeout=timeout)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _start(tmp: Path, double: BotApiDouble, cache: Path, *args: str) -> LiveBot:
    env = bot_env(
        double.base_url,
        db=tmp / "policybot.sqlite3",
        cache=cache,
        BOT_LOG_LEVEL="DEBUG",
        BOT_ADMIN_IDS="99",
        POLICYBOT_DATA=str(tmp),
        BOT_FLOOD_PRIVATE="0",
        BOT_FLOOD_GROUP="0",
    )
    log_path = tmp / "bot.log"
    with log_path.open("wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", *args, "run"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    bot = LiveBot(proc, double, log_path, [])
    try:
        double.wait_call("getUpdates", timeout=START_TIMEOUT)
    except AssertionError:
        proc.kill()
        proc.wait()
        raise AssertionError(f"the bot did not start polling:\n{bot.log()[-3000:]}") from None
    bot.startup = list(double.calls)
    return bot


def _stop(bot: LiveBot, timeout: float = 10.0) -> int:
    if bot.proc.poll() is None:
        bot.proc.send_signal(signal.SIGTERM)
        try:
            return bot.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            bot.proc.kill()
            bot.proc.wait()
            raise
    return bot.proc.returncode


@pytest.fixture(scope="module")
def index_cache(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Matcher index cache shared between runs, so only the first start builds it."""
    cache = getattr(pytestconfig, "cache", None)  # absent under -p no:cacheprovider
    if cache is None:
        return tmp_path_factory.mktemp("index-cache")
    return Path(cache.mkdir("policybot-index"))


@pytest.fixture(scope="module")
def live_bot(tmp_path_factory: pytest.TempPathFactory, index_cache: Path) -> Iterator[LiveBot]:
    """One bot process for the module, on the shipped knowledge base."""
    double = BotApiDouble().start()
    bot = _start(tmp_path_factory.mktemp("e2e"), double, index_cache)
    yield bot
    _stop(bot)
    double.stop()


@pytest.fixture
def live(live_bot: LiveBot) -> LiveBot:
    """The module's bot with the double's records cleared."""
    assert live_bot.proc.poll() is None, f"the bot died:\n{live_bot.log()[-3000:]}"
    live_bot.double.reset()
    return live_bot


def _keyboard(call: ApiCall) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row]


def test_startup_sets_the_command_menu_in_chinese_and_english(live: LiveBot) -> None:
    """At start-up the bot sets its command menu twice: default (Chinese) and language_code=en."""
    menus = [c for c in live.startup if c.method == "setMyCommands"]
    languages = sorted(str(c.params.get("language_code", "")) for c in menus)
    assert languages == ["", "en"]
    names = {cmd["command"] for cmd in menus[0].params["commands"]}
    assert {"ask", "pillars", "help", "about", "start"} <= names


def test_private_question_gets_pillar_label_source_link_and_buttons(live: LiveBot) -> None:
    """A private question is answered with the pillar label, a source link and entry buttons."""
    live.say("低空经济属于哪一类产业？")
    [reply] = live.replies(USER_ID)
    assert "【21 · 15个战略性产业集群】" in reply.text
    assert '<a href="http' in reply.text
    assert reply.params["parse_mode"] == "HTML"
    data = _keyboard(reply)
    assert any(d.startswith("e:") for d in data)
    assert any(d.startswith("f:1:") for d in data)
    assert all(len(d.encode()) <= 64 for d in data)


def test_retry_after_429_still_delivers_the_reply(live: LiveBot) -> None:
    """A 429 with retry_after on sendMessage is waited out and the reply still arrives."""
    live.double.fail_next("sendMessage", retry_after=2)
    live.say("两业融合是什么")
    [reply] = live.replies(USER_ID, timeout=10)
    refused = [c for c in live.double.calls if c.method == "sendMessage" and c.status == 429]
    assert len(refused) == 1
    assert reply.at - refused[0].at >= 2.0
    assert "两业融合" in reply.text


def test_token_never_appears_in_the_logs(live: LiveBot) -> None:
    """With logging at DEBUG, the bot's output contains no trace of the token."""
    live.say("12218是什么")
    live.replies(USER_ID)
    log = live.log()
    assert "DEBUG" in log  # the test is only meaningful at the most verbose level
    assert FAKE_TOKEN not in log
    assert SECRET not in log


def test_long_answer_is_split_and_sigterm_exits_cleanly(tmp_path: Path, index_cache: Path) -> None:
    """An answer with 28 sources arrives short, its best source linked and a 来源（28）
    button; pressing it edits in all 28 (over 6,000 characters) and sends what does not fit
    as a second message. SIGTERM then stops the bot with 0."""
    double = BotApiDouble().start()
    try:
        bot = _start(tmp_path, double, index_cache, "--kb", str(LONG_KB))
        bot.say("超长来源测试是什么")
        [reply] = bot.replies(USER_ID, count=1)
        assert "这是一个测试条目" in reply.text and reply.text.count("<a ") == 1
        assert "s:1:clusters-long-answer" in _keyboard(reply)
        double.push(
            "callback_query",
            {
                "id": "cb-long",
                "from": {"id": USER_ID, "is_bot": False, "first_name": "Ada"},
                "chat_instance": "ci",
                "data": "s:1:clusters-long-answer",
                "message": {
                    "message_id": 91,
                    "date": int(time.time()),
                    "from": BOT_USER,
                    "chat": {"id": USER_ID, "type": "private"},
                    "text": reply.text,
                },
            },
        )
        [edit] = double.wait_call("editMessageText")
        time.sleep(0.3)
        rest = double.of("sendMessage", USER_ID)[1:]
        assert len(rest) == 1
        assert all(len(p.text) <= 4096 for p in (edit, *rest))
        assert len(edit.text) + len(rest[0].text) > 6000
        assert "这是一个测试条目" in edit.text
        assert edit.params.get("reply_markup")  # the edited message keeps its buttons
        started = time.monotonic()
        assert _stop(bot) == 0
        assert time.monotonic() - started < 5
        log = bot.log()
        assert FAKE_TOKEN not in log
        assert SECRET not in log
    finally:
        double.stop()


def test_what_went_wrong_reaches_the_curators_review(live: LiveBot) -> None:
    """Questions the running bot could not answer are in `policybot review` of its database,
    masked; answered ones are not."""
    fresh_chat = 770001  # a private chat of its own: nothing said before to follow on from
    for text in (
        "加氢站建设规划",
        "加氢站的建设规划有哪些",
        "预制菜产业园找谁？电话13812345678",
        "低空经济属于哪一类产业？",
    ):
        live.say(text, chat_id=fresh_chat)
    live.replies(fresh_chat, count=4)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "review",
            "--json",
            "--db",
            str(live.log_path.parent / "policybot.sqlite3"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    examples = [e for g in json.loads(done.stdout)["groups"] for e in g["examples"]]
    assert "加氢站建设规划" in examples and "加氢站的建设规划有哪些" in examples
    assert "预制菜产业园找谁？电话[电话]" in examples
    assert "低空经济属于哪一类产业？" not in examples
    assert "13812345678" not in done.stdout
