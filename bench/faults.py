"""The benchmark's "faults" section: what users notice when the Bot API or the process fails.

Each scenario runs the real `policybot run` against the loopback Bot API double
(tests/botapi_double.py) with one kind of fault injected, the same kinds as the fault suite
(tests/test_faults.py), and counts what reached the simulated users: answered once, lost,
answered twice, and how long the others waited. Every wait is bounded.
"""

from __future__ import annotations

import signal
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.botapi_double import (
    BAD_GATEWAY,
    DROP_AFTER,
    DROP_BEFORE,
    SERVER_ERROR,
    BotApiDouble,
    Fault,
    bot_env,
    too_many_requests,
)

IN_FLIGHT = 16  # the bot's default BOT_MAX_IN_FLIGHT
GRACE = 8.0  # the bot's default BOT_STOP_GRACE
QUESTION = "两业融合是什么"


@dataclass
class Row:
    scenario: str
    users: int
    once: int = 0
    lost: int = 0
    twice: int = 0
    wait: str = ""
    note: str = ""

    def line(self) -> str:
        return (
            f"| {self.scenario} | {self.users} | {self.once} | {self.lost} | {self.twice} | "
            f"{self.wait} | {self.note} |"
        )


@dataclass
class Runner:
    command: list[str]
    tmp: Path
    cache: Path
    double: BotApiDouble
    proc: subprocess.Popen[bytes] | None = None
    last_message_id: int = 0
    logs: list[Path] = field(default_factory=list)
    _ids: Iterator[int] = field(default_factory=lambda: iter(range(8_000_000_001, 9 * 10**9)))

    def start(self) -> None:
        env = bot_env(
            self.double.base_url,
            db=self.tmp / "faults.sqlite3",
            cache=self.cache,
            POLICYBOT_DATA=str(self.tmp),
        )
        log = self.tmp / f"faults-{len(self.logs)}.log"
        self.logs.append(log)
        polls = self.double.count("getUpdates")
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [*self.command, "run"], env=env, stdout=out, stderr=subprocess.STDOUT
            )
        if not self.double.wait_until(lambda: self.double.counts["getUpdates"] > polls, 60):
            tail = log.read_text(errors="replace")[-1500:]
            raise RuntimeError(f"the bot did not start polling within 60 s; its log ends:\n{tail}")

    def stop(self) -> float:
        assert self.proc is not None
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.kill()
        return time.monotonic() - started

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def users(self, n: int) -> list[int]:
        return [next(self._ids) for _ in range(n)]

    def ask(self, uid: int, text: str = QUESTION, chat_id: int | None = None) -> float:
        """Queue a message; when it was queued (`last_message_id` is its id)."""
        chat_id = chat_id or uid
        chat = (
            {"id": chat_id, "type": "private", "first_name": "U"}
            if chat_id > 0
            else {"id": chat_id, "type": "supergroup", "title": "群"}
        )
        message: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": uid, "is_bot": False, "first_name": "U"},
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split(maxsplit=1)[0])}
            ]
        self.double.push("message", message)
        self.last_message_id = int(message["message_id"])
        return time.monotonic()

    def settle(self, done: Callable[[], bool], timeout: float) -> None:
        self.double.wait_until(done, timeout)
        time.sleep(1.0)  # let late duplicates show

    def all_answered(self, chats: list[int]) -> Callable[[], bool]:
        return lambda: all(self.double.replies[c] for c in chats)

    def count(self, chats: list[int], row: Row) -> Row:
        tally = Counter(min(self.double.replies[c], 2) for c in chats)
        row.once, row.lost, row.twice = tally[1], tally[0], tally[2]
        return row

    def waits(self, chats: list[int], asked: float) -> str:
        firsts = [s.at - asked for c in chats for s in self.double.sent_to(c)[:1]]
        if not firsts:
            return "—"
        return f"p50 {statistics.median(firsts):.1f} s, max {max(firsts):.1f} s"

    def tracebacks(self) -> int:
        return sum(
            p.read_text(encoding="utf-8", errors="replace").count("Traceback") for p in self.logs
        )


@contextmanager
def runner(command: list[str], tmp: Path, cache: Path) -> Iterator[Runner]:
    """A Runner on a fresh Bot API double, killed and stopped at the end."""
    double = BotApiDouble(max_poll_wait=1.0).start()
    run = Runner(command, tmp, cache, double)
    try:
        yield run
    finally:
        run.kill()
        double.stop()


def send_failures(run: Runner, *, quick: bool) -> list[Row]:
    """One fault on each of 10 chats' first send, per kind; then a 429 storm."""
    rows = []
    faults = [
        ("sendMessage 500 once", SERVER_ERROR),
        ("sendMessage 502 once", BAD_GATEWAY),
        ("connection dropped before sending", DROP_BEFORE),
        ("connection dropped after sending", DROP_AFTER),
    ]
    if not quick:
        faults.append(("answer 7 s late", Fault(delay=7.0)))
    for label, fault in faults:
        run.double.reset()
        chats = run.users(10)
        for uid in chats:
            run.double.script("sendMessage", fault, chat_id=uid)
        asked = min(run.ask(uid) for uid in chats)
        run.settle(run.all_answered(chats), 20)
        rows.append(run.count(chats, Row(label, len(chats), wait=run.waits(chats, asked))))
    if quick:
        return rows
    run.double.reset()
    chats = run.users(20)
    run.double.fail_for("sendMessage", 5.0, too_many_requests(1))
    asked = min(run.ask(uid) for uid in chats)
    run.settle(lambda: all(run.double.replies[u] for u in chats), 30)
    rows.append(
        run.count(
            chats, Row("429 storm: 5 s of retry_after 1", len(chats), wait=run.waits(chats, asked))
        )
    )
    return rows


def floods(run: Runner) -> list[Row]:
    """One user floods a private chat, then a group, while Telegram enforces its limits."""
    run.double.reset()
    run.double.enforce_chat_limits()
    [flooder] = run.users(1)
    for i in range(50):
        run.ask(flooder, f"{QUESTION}{i}")
    others = run.users(50)
    began = min(run.ask(uid) for uid in others)
    run.settle(lambda: all(run.double.replies[u] for u in others), 30)
    private = run.count(
        others,
        Row(
            "one user sends 50 in private; 50 others ask",
            len(others),
            wait=run.waits(others, began),
            note=f"by then the flooder had {run.double.replies[flooder]}"
            " messages (at Telegram's pace in one chat)",
        ),
    )
    run.double.reset()
    run.double.enforce_chat_limits()
    group = -next(run._ids)
    [flooder] = run.users(1)
    for i in range(30):
        run.ask(flooder, f"/ask {QUESTION}{i}", chat_id=group)
    members = run.users(5)
    asked: dict[int, float] = {}
    for uid in members:
        at = run.ask(uid, f"/ask {QUESTION}", chat_id=group)
        asked[run.last_message_id] = at

    def answers() -> Counter[int]:
        return Counter(
            s.replies_to
            for s in run.double.sent_to(group)
            if s.replies_to is not None and s.replies_to in asked
        )

    run.settle(lambda: len(answers()) == len(asked), 30)
    tally = Counter(min(n, 2) for n in (answers().get(m, 0) for m in asked))
    firsts: dict[int, float] = {}
    for s in run.double.sent_to(group):
        if s.replies_to is not None and s.replies_to in asked and s.replies_to not in firsts:
            firsts[s.replies_to] = s.at - asked[s.replies_to]
    wait = (
        f"p50 {statistics.median(firsts.values()):.1f} s, max {max(firsts.values()):.1f} s"
        if firsts
        else "—"
    )
    group_row = Row(
        "one member sends 30 /ask in a group; 5 others ask",
        len(asked),
        once=tally[1],
        lost=tally[0],
        twice=tally[2],
        wait=wait,
        note=f"{len(run.double.sent_to(group))} messages in the group in all",
    )
    return [private, group_row]


def restarts(run: Runner) -> list[Row]:
    """SIGTERM, then SIGKILL, with a backlog of slow sends; restarted each time."""
    rows = []
    for label, crash in (("SIGTERM with 60 waiting", False), ("SIGKILL with 60 waiting", True)):
        run.double.reset()
        run.double.fail_for("sendMessage", 20.0, Fault(delay=0.3))
        chats = run.users(60)
        for uid in chats:
            run.ask(uid)
        run.double.wait_until(lambda: len(run.double.sent) >= 5, 20)
        took = 0.0
        if crash:
            run.kill()
        else:
            took = run.stop()
        run.start()
        run.settle(run.all_answered(chats), 40)
        note = f"stopped in {took:.1f} s" if not crash else "killed"
        rows.append(run.count(chats, Row(label, len(chats), note=note + "; restarted")))
    return rows


def outage(run: Runner) -> Row:
    """getUpdates fails for 10 s while questions wait."""
    run.double.reset()
    run.double.fail_for("getUpdates", 10.0, BAD_GATEWAY)
    ended = time.monotonic() + 10.0
    time.sleep(run.double.max_poll_wait + 0.5)  # the poll already waiting ends first
    chats = run.users(10)
    for uid in chats:
        run.ask(uid)
    run.settle(lambda: all(run.double.replies[u] for u in chats), 30)
    firsts = [run.double.sent_to(u)[0].at for u in chats if run.double.sent_to(u)]
    after = f"{max(firsts) - ended:.1f} s after it ended" if firsts else "—"
    return run.count(chats, Row("getUpdates fails for 10 s", len(chats), wait=after))


def fault_lines(command: list[str], tmp: Path, cache: Path, *, quick: bool) -> list[str]:
    """The faults section: one row per scenario (a quick run does the send failures only)."""
    rows: list[Row] = []
    warnings = 0
    with runner(command, tmp, cache) as run:
        run.start()
        rows += send_failures(run, quick=quick)
        if not quick:
            rows += floods(run)
            rows.append(outage(run))
            rows += restarts(run)
        run.stop()
        tracebacks = run.tracebacks()
        for path in run.logs:
            text = path.read_text(encoding="utf-8", errors="replace")
            warnings += sum(" WARNING " in line or " ERROR " in line for line in text.splitlines())
    return [
        "The real `policybot run` (defaults: BOT_MAX_IN_FLIGHT 16, BOT_STOP_GRACE 8 s, flood "
        "limits 10/min in private and 4/min in groups) against the Bot API double, which "
        "injects one fault per scenario; every user asks once unless said otherwise. "
        "*Once / lost / twice* count the users' chats.",
        "",
        "| scenario | users | once | lost | twice | wait for the answer | note |",
        "|---|---:|---:|---:|---:|---|---|",
        *[r.line() for r in rows],
        "",
        f"Tracebacks in the bot's logs: {tracebacks}; WARNING or ERROR lines: {warnings}.",
    ]
