"""Query log and answer feedback, in SQLite.

What is kept is what tuning the knowledge base needs and no more: which entry answered,
with what score and why (the matcher's reason), the kind of chat and when. No user ids
and no message text; chats are kept only as a salted hash, so "how many chats" can be
counted without being able to say which.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS queries (
    id INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    kind TEXT NOT NULL,          -- message | inline | button
    chat_type TEXT NOT NULL,     -- private | group | supergroup | inline | ...
    chat TEXT,                   -- salted hash of the chat id
    entry_id TEXT,               -- NULL when nothing was confident
    score REAL NOT NULL,
    reason TEXT NOT NULL         -- the matcher's reason: answered | no_match | ...
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    chat_type TEXT NOT NULL,
    chat TEXT,
    entry_id TEXT NOT NULL,
    helpful INTEGER NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class Stats:
    queries: int
    answered: int
    by_reason: dict[str, int]
    by_chat_type: dict[str, int]
    chats: int
    helpful: int
    not_helpful: int
    top_entries: list[tuple[str, int]]
    unhelpful_entries: list[tuple[str, int]]


class Store:
    """One SQLite file; every write is its own short transaction."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # Handlers run on one event loop, but /reload and the like use worker threads.
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(SCHEMA)
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
            if row is None:
                salt = secrets.token_hex(16)
                self._conn.execute("INSERT INTO meta (key, value) VALUES ('salt', ?)", (salt,))
            else:
                salt = row[0]
        self._salt = salt.encode()

    def chat_hash(self, chat_id: int | None) -> str | None:
        if chat_id is None:
            return None
        return hashlib.sha256(self._salt + str(chat_id).encode()).hexdigest()[:16]

    def log_query(
        self, *, kind: str, chat_type: str, chat_id: int | None, entry_id: str | None,
        score: float, reason: str,
    ) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO queries (ts, kind, chat_type, chat, entry_id, score, reason)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (time.time(), kind, chat_type, self.chat_hash(chat_id), entry_id,
                 round(score, 4), reason),
            )

    def log_feedback(
        self, *, chat_type: str, chat_id: int | None, entry_id: str, helpful: bool
    ) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO feedback (ts, chat_type, chat, entry_id, helpful)"
                " VALUES (?, ?, ?, ?, ?)",
                (time.time(), chat_type, self.chat_hash(chat_id), entry_id, int(helpful)),
            )

    def stats(self, top: int = 5) -> Stats:
        with self._lock:
            q = self._conn.execute
            queries = q("SELECT COUNT(*) FROM queries").fetchone()[0]
            answered = q("SELECT COUNT(*) FROM queries WHERE entry_id IS NOT NULL").fetchone()[0]
            by_reason = dict(q("SELECT reason, COUNT(*) FROM queries GROUP BY reason").fetchall())
            by_chat_type = dict(
                q("SELECT chat_type, COUNT(*) FROM queries GROUP BY chat_type").fetchall())
            chats = q("SELECT COUNT(DISTINCT chat) FROM queries").fetchone()[0]
            helpful = q("SELECT COUNT(*) FROM feedback WHERE helpful = 1").fetchone()[0]
            not_helpful = q("SELECT COUNT(*) FROM feedback WHERE helpful = 0").fetchone()[0]
            top_entries = q(
                "SELECT entry_id, COUNT(*) AS n FROM queries WHERE entry_id IS NOT NULL"
                " GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ?", (top,)).fetchall()
            unhelpful = q(
                "SELECT entry_id, COUNT(*) AS n FROM feedback WHERE helpful = 0"
                " GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ?", (top,)).fetchall()
        return Stats(queries, answered, by_reason, by_chat_type, chats, helpful, not_helpful,
                     [tuple(r) for r in top_entries], [tuple(r) for r in unhelpful])

    def close(self) -> None:
        with self._lock:
            self._conn.close()
