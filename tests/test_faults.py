"""The fault suite: the real `python -m bot run` against the Bot API double, one fault at a time.

Each test injects one row of issue 10's table (a transient Bot API error, a restart or a
crash, a flood, an odd update) and checks what a user would notice: no answer lost, none sent
twice, no misleading error message, and how long the other users wait. After every test the
bot's log is checked: no traceback, no user id, name or message text at INFO or above, no
token. Timings are kept short through the bot's settings (grace period, flood limits).
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.botapi_double import (
    BAD_GATEWAY,
    BLOCKED,
    BOT_USER,
    BOT_USERNAME,
    DROP_AFTER,
    DROP_BEFORE,
    FAKE_TOKEN,
    KICKED,
    NOT_MODIFIED,
    QUERY_TOO_OLD,
    SERVER_ERROR,
    BotApiDouble,
    Fault,
    Sent,
    bot_env,
    too_many_requests,
)

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0
IN_FLIGHT = 8  # BOT_MAX_IN_FLIGHT for these runs: at most this many lost on a crash
GRACE = 3.0  # BOT_STOP_GRACE: a stop finishes in-flight answers within this
NAME = "Adalovelace"  # every simulated user's first name: must never reach an INFO+ log line
LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (DEBUG|INFO|WARNING|ERROR|CRITICAL) ")
ERROR_REPLY = "出了点问题"  # the generic "something went wrong" reply

pytestmark = pytest.mark.timeout(60)

_ids = iter(range(9_100_000_001, 9_200_000_000))
_message_ids = iter(range(50_000, 10**9))


def new_user() -> int:
    """A fresh user id (also the private chat id), distinctive enough to find in a log."""
    return next(_ids)


def new_group() -> int:
    return -(next(_ids) + 1_000_000_000_000)


def user(uid: int) -> dict[str, Any]:
    return {"id": uid, "is_bot": False, "first_name": NAME, "language_code": "zh-hans"}


def chat(chat_id: int) -> dict[str, Any]:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": NAME}
    return {"id": chat_id, "type": "supergroup", "title": "产业政策交流群"}


@dataclass
class Bot:
    """One `policybot run` process and what it was sent, for the log checks."""

    double: BotApiDouble
    tmp: Path
    cache: Path
    env_extra: dict[str, str]
    proc: subprocess.Popen[bytes] | None = None
    runs: int = 0
    log_from: int = 0
    users: set[int] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)

    @property
    def log_path(self) -> Path:
        return self.tmp / f"bot-{self.runs}.log"

    @property
    def db(self) -> Path:
        return self.tmp / "policybot.sqlite3"

    def start(self) -> Bot:
        env = bot_env(
            self.double.base_url,
            db=self.db,
            cache=self.cache,
            POLICYBOT_DATA=str(self.tmp),
            BOT_LOG_LEVEL="INFO",
            BOT_ADMIN_IDS="99",
            BOT_MAX_IN_FLIGHT=str(IN_FLIGHT),
            BOT_STOP_GRACE=str(GRACE),
        )
        env.update(self.env_extra)
        self.runs += 1
        polls = self.double.count("getUpdates")
        with self.log_path.open("wb") as log_file:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=ROOT,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        if not self.double.wait_until(
            lambda: self.double.counts["getUpdates"] > polls, START_TIMEOUT
        ):
            self.kill()
            raise AssertionError(f"the bot did not start polling:\n{self.log()[-3000:]}")
        return self

    def stop(self, timeout: float = 10.0) -> float:
        """SIGTERM; how long the bot took to exit (it must exit 0)."""
        assert self.proc is not None
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"no exit {timeout}s after SIGTERM") from None
        assert code == 0, self.log()[-3000:]
        return time.monotonic() - started

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def log(self) -> str:
        """Everything the bot's runs logged since `mark()`."""
        whole = "\n".join(
            (self.tmp / f"bot-{i}.log").read_text(encoding="utf-8", errors="replace")
            for i in range(1, self.runs + 1)
        )
        return whole[self.log_from :]

    def mark(self) -> None:
        """From now on `log()` and `check_log()` see only what is logged after this."""
        self.log_from = 0
        self.log_from = len(self.log())

    # --- users ------------------------------------------------------------------------

    def say(
        self, text: str | None, *, uid: int | None = None, chat_id: int | None = None, **extra: Any
    ) -> dict[str, Any]:
        """Queue a message from user `uid` in `chat_id` (default: their private chat)."""
        uid = uid or new_user()
        chat_id = chat_id or uid
        self.users.add(uid)
        message: dict[str, Any] = {
            "message_id": next(_message_ids),
            "date": int(time.time()),
            "chat": chat(chat_id),
            "from": user(uid),
            **extra,
        }
        if text is not None:
            self.texts.add(text)
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        self.double.push("message", message)
        return message

    def press(self, data: str, *, uid: int | None = None) -> int:
        """Press a button with this callback data on an old bot message; the user id."""
        uid = uid or new_user()
        self.users.add(uid)
        self.double.push(
            "callback_query",
            {
                "id": f"cb-{uid}",
                "from": user(uid),
                "chat_instance": "ci",
                "data": data,
                "message": {
                    "message_id": next(_message_ids),
                    "date": int(time.time()),
                    "from": BOT_USER,
                    "chat": chat(uid),
                    "text": "旧",
                },
            },
        )
        return uid

    def sent(self, chat_id: int, count: int = 1, timeout: float = 5.0) -> list[Sent]:
        """Wait until `count` messages reached `chat_id`; all that did."""
        self.double.wait_until(lambda: self.double.replies[chat_id] >= count, timeout)
        return self.double.sent_to(chat_id)

    def check_log(self) -> None:
        """No traceback, no token, no user id, name or message text at INFO or above."""
        log = self.log()
        assert "Traceback" not in log, log[-4000:]
        assert FAKE_TOKEN.partition(":")[2] not in log
        leaks = []
        for line in info_records(log):
            leaks += [f"user id in: {line}" for u in self.users if str(u) in line]
            leaks += [f"name in: {line}" for _ in [1] if NAME in line]
            leaks += [f"text in: {line}" for t in self.texts if len(t) >= 4 and t in line]
        assert not leaks, "\n".join(leaks[:10])


def info_records(log: str) -> list[str]:
    """The log's records at INFO or above, each with its continuation lines."""
    records: list[str] = []
    keep = False
    for line in log.splitlines():
        match = LOG_RECORD.match(line)
        if match:
            keep = match.group(1) != "DEBUG"
            if keep:
                records.append(line)
        elif keep and records:
            records[-1] += "\n" + line
        elif not match:
            records.append(line)  # output not from logging (print, a crash) counts as well
    return records


@pytest.fixture(scope="module")
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("index-cache")


def _bot(tmp_path: Path, cache: Path) -> Iterator[Bot]:
    double = BotApiDouble(max_poll_wait=1.0).start()
    bot = Bot(double, tmp_path, cache, {"BOT_FLOOD_PRIVATE": "6", "BOT_FLOOD_GROUP": "3"})
    try:
        yield bot
    finally:
        bot.kill()
        double.stop()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory, index_cache: Path) -> Iterator[Bot]:
    """One bot for the rows that need no restart; each test uses its own users."""
    yield from _bot(tmp_path_factory.mktemp("faults"), index_cache)


@pytest.fixture
def live(shared: Bot) -> Bot:
    if shared.proc is None:
        shared.start()
    assert shared.proc is not None and shared.proc.poll() is None, shared.log()[-3000:]
    shared.double.reset()
    shared.mark()
    return shared


@pytest.fixture
def own(tmp_path: Path, index_cache: Path) -> Iterator[Bot]:
    """A bot of the test's own, for restarts, crashes, outages and floods."""
    yield from _bot(tmp_path, index_cache)


@pytest.fixture
def alone(own: Bot) -> Bot:
    """A bot of the test's own, started."""
    return own.start()


def texts(sent: list[Sent]) -> list[str]:
    return [s.text for s in sent]


def no_error_reply(bot: Bot) -> None:
    assert not [s for s in bot.double.sent if ERROR_REPLY in s.text]


# --- transient Bot API errors --------------------------------------------------------------


@pytest.mark.parametrize(
    "fault", [SERVER_ERROR, BAD_GATEWAY, DROP_BEFORE], ids=["500", "502", "dropped-before-sent"]
)
def test_a_failed_send_is_retried_and_the_answer_arrives_once(live: Bot, fault: Fault) -> None:
    """sendMessage failing once (500, 502, connection dropped) is retried: one answer, no error."""
    uid = new_user()
    live.double.script("sendMessage", fault, chat_id=uid)
    live.say("两业融合是什么", uid=uid)
    sent = live.sent(uid, timeout=8)
    time.sleep(0.5)
    assert len(live.double.sent_to(uid)) == 1, texts(live.double.sent_to(uid))
    assert "两业融合" in sent[0].text
    no_error_reply(live)
    live.check_log()


def test_a_late_answer_is_not_followed_by_an_error_and_holds_no_one_up(live: Bot) -> None:
    """A sendMessage answered 6 s late: sent once, no error after it, another chat answered fast."""
    slow, other = new_user(), new_user()
    live.double.script("sendMessage", Fault(delay=6.0), chat_id=slow)
    live.say("两业融合是什么", uid=slow)
    live.double.wait_until(lambda: live.double.replies[slow] >= 1, 5)
    asked = time.monotonic()
    live.say("低空经济属于哪一类产业？", uid=other)
    [answer] = live.sent(other, timeout=5)
    assert answer.at - asked < 2.0
    time.sleep(6.5)
    assert len(live.double.sent_to(slow)) == 1
    no_error_reply(live)
    live.check_log()


def test_a_connection_dropped_after_sending_gets_no_error_message(live: Bot) -> None:
    """The connection drops after Telegram sent the answer: no error message follows it.

    The bot cannot tell this drop from one before sending (the same socket error), and it
    retries both, so the answer may arrive twice: at most twice, never an error instead.
    """
    uid = new_user()
    live.double.script("sendMessage", DROP_AFTER, chat_id=uid)
    live.say("两业融合是什么", uid=uid)
    live.sent(uid, timeout=8)
    time.sleep(1.0)
    assert 1 <= len(live.double.sent_to(uid)) <= 2
    no_error_reply(live)
    live.check_log()


def test_a_429_storm_loses_no_answer(live: Bot) -> None:
    """Four seconds of 429 (retry_after 1) on every send: every question still answered once."""
    users = [new_user() for _ in range(6)]
    live.double.fail_for("sendMessage", 4.0, too_many_requests(1))
    for uid in users:
        live.say("两业融合是什么", uid=uid)
    assert live.double.wait_until(lambda: all(live.double.replies[u] >= 1 for u in users), 15)
    time.sleep(0.5)
    assert all(live.double.replies[u] == 1 for u in users)

    # --- what cannot succeed is handled quietly ------------------------------------------------
    live.check_log()


def test_a_button_on_an_old_message_is_quiet(live: Bot) -> None:
    """answerCallbackQuery refused with 'query is too old': one call, no traceback, no error."""
    uid = new_user()
    live.double.script("answerCallbackQuery", QUERY_TOO_OLD)
    live.press("e:fusion-overview", uid=uid)
    live.double.wait_until(lambda: live.double.counts["editMessageText"] >= 1, 5)
    after = new_user()
    live.say("两业融合是什么", uid=after)
    live.sent(after)
    assert live.double.count("answerCallbackQuery") == 1
    no_error_reply(live)
    live.check_log()


def test_an_unchanged_edit_is_quiet(live: Bot) -> None:
    """editMessageText refused with 'message is not modified': no traceback, no second call."""
    uid = new_user()
    live.double.script("editMessageText", NOT_MODIFIED)
    live.press("e:fusion-overview", uid=uid)
    after = new_user()
    live.say("两业融合是什么", uid=after)
    live.sent(after)
    live.double.wait_until(lambda: live.double.counts["editMessageText"] >= 1, 5)
    time.sleep(0.5)
    assert live.double.count("editMessageText") == 1
    no_error_reply(live)
    live.check_log()


@pytest.mark.parametrize("fault", [BLOCKED, KICKED], ids=["blocked", "kicked"])
def test_a_chat_that_is_gone_is_quiet(live: Bot, fault: Fault) -> None:
    """A 403 (blocked, removed from the group): one sendMessage, no error reply, no traceback."""
    uid = new_user()
    live.double.script("sendMessage", fault, chat_id=uid)
    live.say("两业融合是什么", uid=uid)
    after = new_user()
    live.say("低空经济是什么", uid=after)
    live.sent(after)
    time.sleep(0.5)
    assert (
        len([c for c in live.double.calls if c.method == "sendMessage" and c.chat_id == uid]) == 1
    )

    # --- fairness ------------------------------------------------------------------------------
    live.check_log()


def test_a_private_flood_does_not_delay_other_users(alone: Bot) -> None:
    """One user sends 40 questions while Telegram limits each chat: 20 others answered in 5 s."""
    alone.double.enforce_chat_limits()
    flooder = new_user()
    for i in range(40):
        alone.say(f"两业融合是什么{i}", uid=flooder)
    others = [new_user() for _ in range(20)]
    asked = time.monotonic()
    for uid in others:
        alone.say("低空经济属于哪一类产业？", uid=uid)
    assert alone.double.wait_until(lambda: all(alone.double.replies[u] >= 1 for u in others), 5), (
        f"{sum(alone.double.replies[u] >= 1 for u in others)} of 20 answered"
    )
    waits = [alone.double.sent_to(u)[0].at - asked for u in others]
    assert max(waits) < 5.0
    # The flooder's own answers come at the pace Telegram allows in one chat.
    alone.double.wait_until(lambda: any("慢" in s.text for s in alone.double.sent_to(flooder)), 15)
    time.sleep(1.0)
    flooded = alone.double.sent_to(flooder)
    assert len(flooded) <= 8  # a few answers and one "slowing down" note; the rest dropped
    assert sum("慢" in s.text for s in flooded) == 1
    with sqlite3.connect(alone.db) as conn:  # what /stats shows as dropped
        dropped = conn.execute(
            "SELECT SUM(n) FROM flood_drops WHERE chat_type = 'private'"
        ).fetchone()[0]
    assert dropped == 40 - len(flooded)
    alone.check_log()


def test_a_group_flood_does_not_delay_the_other_members(alone: Bot) -> None:
    """One member floods a group with /ask; another member's /ask is answered within 5 s."""
    alone.double.enforce_chat_limits()
    group, flooder, member = new_group(), new_user(), new_user()
    for i in range(30):
        alone.say(f"/ask 两业融合是什么{i}", uid=flooder, chat_id=group)
    time.sleep(0.3)
    asked = time.monotonic()
    question = alone.say("/ask 低空经济属于哪一类产业？", uid=member, chat_id=group)
    assert alone.double.wait_until(
        lambda: any(s.replies_to == question["message_id"] for s in alone.double.sent_to(group)), 5
    )
    [answer] = [s for s in alone.double.sent_to(group) if s.replies_to == question["message_id"]]
    assert answer.at - asked < 5.0
    other_group = new_group()
    alone.say("/ask 两业融合是什么", uid=new_user(), chat_id=other_group)
    alone.sent(other_group, timeout=3)

    # --- odd input -----------------------------------------------------------------------------
    alone.check_log()


def test_an_unparsable_update_is_skipped_once(alone: Bot) -> None:
    """An update the library cannot parse is skipped (no tight re-read loop); the next is answered."""
    secret_uid = new_user()
    alone.users.add(secret_uid)
    alone.texts.add("机密问题内容XYZ")
    polls = alone.double.count("getUpdates")
    alone.double.push_raw({"message": {"text": "机密问题内容XYZ", "from": user(secret_uid)}})
    uid = new_user()
    alone.say("两业融合是什么", uid=uid)
    alone.sent(uid, timeout=5)
    assert alone.double.count("getUpdates") - polls < 20
    alone.check_log()


def test_zero_width_characters_inside_a_term_are_ignored(live: Bot) -> None:
    """`两\\u200b业\\u200b融\\u200b合是什么` gets the 两业融合 answer the clean text gets."""
    uid = new_user()
    live.say("两\u200b业\u200b融\u200b合是什么", uid=uid)
    [answer] = live.sent(uid)
    assert "【2 · 两业融合】" in answer.text
    live.check_log()


def test_a_photo_caption_is_a_question_in_private(live: Bot) -> None:
    """A photo whose caption is the question is answered, not told 'text only'."""
    uid = new_user()
    live.say(
        None,
        uid=uid,
        photo=[{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}],
        caption="低空经济属于哪一类产业？",
    )
    [answer] = live.sent(uid)
    assert "低空经济" in answer.text
    live.check_log()


def test_a_caption_mentioning_the_bot_in_a_group_is_answered(live: Bot) -> None:
    """In a group, a photo captioned `@bot question` is answered as a reply."""
    group = new_group()
    caption = f"@{BOT_USERNAME} 低空经济是什么"
    question = live.say(
        None,
        uid=new_user(),
        chat_id=group,
        photo=[{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}],
        caption=caption,
        caption_entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}],
    )
    [answer] = live.sent(group)
    assert answer.replies_to == question["message_id"]
    assert "低空经济" in answer.text
    live.check_log()


def test_an_unknown_command_in_private_points_to_help(live: Bot) -> None:
    """`/foo bar` in a private chat gets a pointer to /help rather than silence."""
    uid = new_user()
    live.say("/foo bar", uid=uid)
    [answer] = live.sent(uid)
    assert "/help" in answer.text
    live.check_log()


def test_feedback_for_an_unknown_entry_is_not_stored(live: Bot) -> None:
    """A feedback button naming an entry that does not exist stores nothing."""
    uid = live.press("f:1:no-such-entry-anywhere")
    live.double.wait_call("answerCallbackQuery")
    live.say("两业融合是什么", uid=uid)
    live.sent(uid)
    with sqlite3.connect(live.db) as conn:
        rows = conn.execute(
            "SELECT COUNT(*) FROM feedback WHERE entry_id = ?", ("no-such-entry-anywhere",)
        ).fetchone()[0]
    assert rows == 0
    live.check_log()


def test_the_query_log_cannot_be_reversed_from_the_database_alone(live: Bot) -> None:
    """The key that hashes chats is not in the database: hashing ids with what it holds fails."""
    import hashlib

    uid = new_user()
    live.say("两业融合是什么", uid=uid)
    live.sent(uid)
    with sqlite3.connect(live.db) as conn:
        hashes = {h for (h,) in conn.execute("SELECT chat FROM queries WHERE chat IS NOT NULL")}
        values = [
            str(v)
            for row in conn.execute("SELECT * FROM sqlite_master WHERE type = 'table'")
            for v in row
        ]
        stored: list[str] = []
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            if table not in {"queries", "feedback"}:
                stored += [
                    str(v)
                    for row in conn.execute(f"SELECT * FROM {table}")  # noqa: S608
                    for v in row
                ]
    assert hashes
    guesses = {
        hashlib.sha256(s.encode() + str(uid).encode()).hexdigest()[:16] for s in stored + values
    }
    assert not guesses & hashes

    # --- restarts and crashes ------------------------------------------------------------------
    live.check_log()


def _backlog(bot: Bot, n: int) -> list[int]:
    users = [new_user() for _ in range(n)]
    for uid in users:
        bot.say("两业融合是什么", uid=uid)
    return users


def test_sigterm_in_a_backlog_finishes_in_flight_and_leaves_the_rest(own: Bot) -> None:
    """SIGTERM mid-backlog: exit within the grace period; the next start answers the rest once."""
    own.start()
    own.double.fail_for("sendMessage", 15.0, Fault(delay=0.5))
    users = _backlog(own, 30)
    own.double.wait_until(lambda: len(own.double.sent) >= 2, 10)
    took = own.stop()
    assert took < GRACE + 2.0
    left = own.double.pending
    assert left >= 30 - len(own.double.sent) - IN_FLIGHT
    own.start()
    assert own.double.wait_until(lambda: all(own.double.replies[u] >= 1 for u in users), 20), (
        f"{sum(own.double.replies[u] >= 1 for u in users)} of 30 answered"
    )
    time.sleep(0.5)
    assert Counter(own.double.replies[u] for u in users) == {1: 30}
    own.stop()
    own.check_log()


def test_a_crash_in_a_backlog_loses_at_most_the_updates_in_flight(own: Bot) -> None:
    """SIGKILL mid-backlog: after a restart every question is answered once except at most
    BOT_MAX_IN_FLIGHT, each of which is lost or (when the kill caught its send under way)
    answered twice."""
    own.start()
    own.double.fail_for("sendMessage", 15.0, Fault(delay=0.5))
    users = _backlog(own, 30)
    own.double.wait_until(lambda: len(own.double.sent) >= 2, 10)
    own.kill()
    own.start()
    own.double.wait_until(lambda: own.double.pending == 0, 20)
    time.sleep(2.0)
    answered = Counter(own.double.replies[u] for u in users)
    assert answered[0] + answered[2] <= IN_FLIGHT, answered
    assert set(answered) <= {0, 1, 2}, answered
    own.stop()


def test_a_getupdates_outage_is_logged_once_each_way(own: Bot) -> None:
    """getUpdates failing for 4 s: the question asked meanwhile is answered soon after, with
    no traceback and one WARNING line when the outage starts and one when it ends."""
    own.start()
    own.double.fail_for("getUpdates", 4.0, BAD_GATEWAY)
    ends = time.monotonic() + 4.0
    time.sleep(own.double.max_poll_wait + 0.5)  # the poll already waiting ends first
    uid = new_user()
    own.say("两业融合是什么", uid=uid)
    [answer] = own.sent(uid, timeout=12)
    assert ends <= answer.at < ends + 6.0
    own.stop()
    own.check_log()
    lines = [r for r in info_records(own.log()) if " WARNING " in r or " ERROR " in r]
    assert len(lines) == 2, lines


# --- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize("how", ["argument", "stdin"])
def test_the_cli_reads_text_that_is_not_utf8(how: str) -> None:
    """`policybot ask` given bytes that are not UTF-8 answers without a traceback."""
    junk = "低空经济".encode("gbk")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    args = [sys.executable, "-m", "bot", "ask", "--json"]
    if how == "argument":
        done = subprocess.run(
            [*args, junk], cwd=ROOT, env=env, capture_output=True, timeout=60, check=False
        )
    else:
        done = subprocess.run(
            [*args, "-"],
            input=junk + b"\n",
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == 0
    assert b'"query"' in done.stdout
