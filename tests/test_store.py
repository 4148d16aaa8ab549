"""The SQLite store: query log and feedback counts, chats kept only as salted hashes."""

from __future__ import annotations

from pathlib import Path

from bot.store import Store


def test_counts_queries_and_feedback(tmp_path: Path) -> None:
    """stats() counts queries, confident answers, reasons, chats and feedback."""
    store = Store(tmp_path / "s.sqlite3")
    store.log_query(kind="message", chat_type="private", chat_id=1, entry_id="a", score=0.8,
                    reason="answered")
    store.log_query(kind="message", chat_type="group", chat_id=-2, entry_id=None, score=0.1,
                    reason="no_match")
    store.log_feedback(chat_type="private", chat_id=1, entry_id="a", helpful=True)
    s = store.stats()
    assert (s.queries, s.answered, s.chats, s.helpful, s.not_helpful) == (2, 1, 2, 1, 0)
    assert s.by_reason == {"answered": 1, "no_match": 1}
    assert s.top_entries == [("a", 1)]
    store.close()


def test_chat_hash_is_stable_per_database_and_salted(tmp_path: Path) -> None:
    """A chat hashes the same within one database (across reopenings) and differently across."""
    first = Store(tmp_path / "a.sqlite3")
    again = Store(tmp_path / "a.sqlite3")
    other = Store(tmp_path / "b.sqlite3")
    chat = -1001234567890  # a group id: long enough that finding it in a hash is no accident
    assert first.chat_hash(chat) == again.chat_hash(chat)
    assert first.chat_hash(chat) != other.chat_hash(chat)
    assert str(abs(chat)) not in str(first.chat_hash(chat))
    for s in (first, again, other):
        s.close()
