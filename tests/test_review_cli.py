"""`policybot review` as a curator runs it, against a real database on each engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.knowledge import KnowledgeBase
from bot.matcher import Matcher
from bot.review import outcome_of, refusal_class
from bot.store import Store

ASKED = [
    "加氢站建设规划",
    "广州加氢站怎么规划的",
    "加氢站的建设规划有哪些",
    "加氢站建设规划",
    "预制菜产业园在哪",
    "预制菜产业园有哪些",
    "深圳的产业政策是什么",
    "深圳有什么产业政策",
    "我的电话13812345678，预制菜产业园找谁",
    "两业融合是什么",  # answered: keeps no text
]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    environment.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )


def ask_all(target: Path | str, matcher: Matcher) -> None:
    """What the bot does per question: keep the text only when the answer went wrong."""
    store = Store(target)
    for question in ASKED:
        result = matcher.match(question)
        outcome = outcome_of(result.confident, result.reason)
        if outcome is not None:
            store.keep_question(
                question,
                outcome=outcome,
                refusal=result.reason,
                nearest=[(m.entry.id, m.score) for m in result.matches],
            )
    store.close()


def test_review_groups_ranks_and_explains(db_target: Path | str, matcher: Matcher) -> None:
    """The report groups rewordings, largest first, with examples, class, nearest and why;
    answered questions and phone numbers are nowhere in it."""
    ask_all(db_target, matcher)
    done = run("review", "--since", "7d", "--db", str(db_target))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "1. asked 4×" in out and "加氢站建设规划" in out
    assert out.index("加氢站") < out.index("预制菜") < out.index("深圳")
    elsewhere = refusal_class(matcher.match("深圳的产业政策是什么").reason)
    assert f"refused · {elsewhere}" in out and "nearest:" in out and "why:" in out
    assert "两业融合是什么" not in out
    assert "13812345678" not in out and "[电话]" in out


def test_review_json_and_draft(matcher: Matcher, kb: KnowledgeBase, tmp_path: Path) -> None:
    """--json gives the groups as data; --draft writes YAML with example questions and stubs.
    (What is read is the same on both engines: the test above reads each; this one SQLite.)"""
    db = tmp_path / "bot.sqlite3"
    ask_all(db, matcher)
    draft = tmp_path / "draft.yaml"
    done = run("review", "--json", "--db", str(db), "--draft", str(draft))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["questions"] == 9
    first = report["groups"][0]
    assert first["count"] == 4 and first["refusal"] in {"no_match", "no-match"}
    assert {"examples", "nearest", "why", "belongs_to", "outcome"} <= set(first)
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    stubs = data["entries"]
    assert any("预制菜" in q for s in stubs for q in s["questions"])
    assert not any("深圳" in q for s in stubs for q in s["questions"])
    assert all(s["passage"] == "" and s["id"] not in kb.by_id for s in stubs)


def test_review_refuses_a_draft_inside_the_base(tmp_path: Path) -> None:
    """A draft is never written into the knowledge directory, where it could be loaded."""
    db = tmp_path / "bot.sqlite3"
    Store(db).close()
    from tests.paths import REPO

    done = run("review", "--db", str(db), "--draft", str(REPO / "knowledge" / "draft.yaml"))
    assert done.returncode == 2
    assert "outside the knowledge directory" in done.stderr
    assert not (REPO / "knowledge" / "draft.yaml").exists()


def test_review_reads_bot_db_and_reports_a_missing_one(tmp_path: Path) -> None:
    """Without --db it reads BOT_DB; a database that does not exist is an error, not created."""
    missing = tmp_path / "nowhere.sqlite3"
    done = run("review", env={"BOT_DB": str(missing)})
    assert done.returncode == 1 and "no database" in done.stderr
    assert not missing.exists()
    Store(missing).close()
    done = run("review", env={"BOT_DB": str(missing)})
    assert done.returncode == 0 and "No kept questions" in done.stdout


@pytest.mark.parametrize("since", ["7"])
def test_review_rejects_a_bad_since(since: str, tmp_path: Path) -> None:
    """--since needs a unit; a wrong one is a usage error that says what is expected."""
    done = run("review", "--since", since, "--db", str(tmp_path / "x.sqlite3"))
    assert done.returncode == 2 and "7d" in done.stderr
