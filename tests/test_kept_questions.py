"""Kept questions on both engines: masked text of what went wrong, never who asked,
deleted after BOT_KEEP_DAYS, none at all with BOT_KEEP_TEXT=off."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.review import Nearest
from bot.store import Store, is_postgres
from bot.vocabulary import LogKind


def _raw(target: Path | str, sql: str) -> list[tuple[object, ...]]:
    """Run SQL on the database behind the store's back, as another tool would."""
    if is_postgres(target):
        import psycopg

        with psycopg.connect(str(target), autocommit=True) as conn, conn.cursor() as cur:
            cur.execute(sql)
            return list(cur.fetchall()) if cur.description else []
    with sqlite3.connect(target, isolation_level=None) as db:
        return list(db.execute(sql).fetchall())


def _columns(target: Path | str) -> set[str]:
    if is_postgres(target):
        rows = _raw(
            target,
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = 'kept_questions'",
        )
    else:
        rows = [(r[1],) for r in _raw(target, "PRAGMA table_info(kept_questions)")]
    return {str(r[0]) for r in rows}


def test_kept_text_is_masked_with_outcome_class_and_nearest(db_target: Path | str) -> None:
    """A kept question comes back masked, with its outcome, refusal class and nearest entries;
    the database holds no phone number and no column that could say who asked."""
    store = Store(db_target)
    assert store.keep_question(
        "加氢站建设规划？我电话13812345678",
        outcome="no-answer",
        refusal="no-match",
        nearest=[("clusters-new-energy-storage", 0.4321)],
        kb_version="abc",
    )
    (kept,) = store.kept_questions(7 * 86400)
    assert kept.text == "加氢站建设规划？我电话[电话]"
    assert (kept.outcome, kept.refusal) == ("no-answer", "no-match")
    assert kept.nearest == (Nearest("clusters-new-energy-storage", 0.4321),)
    assert "13812345678" not in repr(_raw(db_target, "SELECT * FROM kept_questions"))
    assert not {c for c in _columns(db_target) if "chat" in c or "user" in c or "name" in c}
    store.close()


def test_old_questions_are_deleted_after_keep_days(db_target: Path | str) -> None:
    """Questions older than BOT_KEEP_DAYS are deleted; --since picks a window of the rest."""
    store = Store(db_target, keep_days=30)
    for text in ("旧问题一", "旧问题二", "近来的问题", "今天的问题"):
        store.keep_question(text, outcome="refused", refusal="other-place", nearest=[])
    day = 86400
    _raw(db_target, "UPDATE kept_questions SET ts = ts - 2678400 WHERE text LIKE '旧%'")  # 31 days
    _raw(db_target, "UPDATE kept_questions SET ts = ts - 864000 WHERE text = '近来的问题'")  # 10
    assert [q.text for q in store.kept_questions(7 * day)] == ["今天的问题"]
    assert [q.text for q in store.kept_questions()] == ["近来的问题", "今天的问题"]
    assert _raw(db_target, "SELECT COUNT(*) FROM kept_questions")[0][0] == 2
    store.close()


def test_keep_text_off_keeps_none(db_target: Path | str) -> None:
    """With BOT_KEEP_TEXT=off nothing is written, and text kept earlier is deleted at start."""
    before = Store(db_target)
    before.keep_question("预制菜产业园在哪", outcome="no-answer", refusal="no-match", nearest=[])
    before.close()
    store = Store(db_target, keep_text=False)
    assert _raw(db_target, "SELECT COUNT(*) FROM kept_questions")[0][0] == 0
    assert not store.keep_question(
        "预制菜产业园在哪", outcome="no-answer", refusal="no-match", nearest=[]
    )
    assert store.kept_questions() == []
    assert _raw(db_target, "SELECT COUNT(*) FROM kept_questions")[0][0] == 0
    store.close()


def test_stats_share_answered_refusals_and_feedback_per_entry(db_target: Path | str) -> None:
    """/stats' figures: share answered, refusals by class, and 👍/👎 per entry, most 👎 first."""
    store = Store(db_target)
    for reason in ("answered", "answered", "answered", "no_match", "out_of_scope", "button"):
        store.log_query(
            kind=LogKind.MESSAGE,
            chat_type="private",
            chat_id=1,
            entry_id="a" if reason == "answered" else None,
            score=0.5,
            reason=reason,
        )
    for entry, helpful in (("a", True), ("a", False), ("b", False), ("b", False), ("c", True)):
        store.log_feedback(chat_type="private", chat_id=1, entry_id=entry, helpful=helpful)
    s = store.stats()
    assert s.answered_share == 3 / 5
    assert s.refused_by_class == {"no_match": 1, "out_of_scope": 1}
    assert s.feedback_by_entry == [("b", 0, 2), ("a", 1, 1)]
    store.close()


def test_the_hourly_purge_runs_while_keeping(db_target: Path | str) -> None:
    """A long-running bot deletes expired questions as it keeps new ones, without a restart."""
    store = Store(db_target, keep_days=1)
    store.keep_question("第一个问题", outcome="no-answer", refusal="no-match", nearest=[])
    _raw(db_target, "UPDATE kept_questions SET ts = ts - 200000")
    store._purged = time.time() - 7200  # the last purge was two hours ago
    store.keep_question("第二个问题", outcome="no-answer", refusal="no-match", nearest=[])
    assert [r[0] for r in _raw(db_target, "SELECT text FROM kept_questions")] == ["第二个问题"]
    store.close()
