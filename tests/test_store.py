"""The store on both engines: query log and feedback counts, chats kept only as salted
hashes, versioned migrations, redeliveries logged once, several writers at once."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    SchemaTooNew,
    Store,
    StoreError,
    Tx,
    describe,
    is_postgres,
    migrate,
)
from bot.vocabulary import LogKind
from tests.pg import PostgresServer

NewDb = Callable[[], Path | str]


def _raw(target: Path | str, sql: str) -> list[tuple[object, ...]]:
    """Run SQL on the database behind the store's back, as another tool would."""
    if is_postgres(target):
        import psycopg

        with psycopg.connect(str(target), autocommit=True) as conn, conn.cursor() as cur:
            cur.execute(sql)
            return list(cur.fetchall()) if cur.description else []
    with sqlite3.connect(target, isolation_level=None) as db:
        return list(db.execute(sql).fetchall())


def test_counts_queries_and_feedback(db_target: Path | str) -> None:
    """stats() counts queries, confident answers, reasons, chats and feedback."""
    store = Store(db_target)
    store.log_query(
        kind=LogKind.MESSAGE,
        chat_type="private",
        chat_id=1,
        entry_id="a",
        score=0.8,
        reason="answered",
    )
    store.log_query(
        kind=LogKind.MESSAGE,
        chat_type="group",
        chat_id=-2,
        entry_id=None,
        score=0.1,
        reason="no_match",
    )
    store.log_query(
        kind=LogKind.INLINE,
        chat_type="inline",
        chat_id=None,
        entry_id="a",
        score=0.5,
        reason="answered",
    )
    store.log_feedback(chat_type="private", chat_id=1, entry_id="a", helpful=True)
    store.log_feedback(chat_type="private", chat_id=1, entry_id="b", helpful=False)
    s = store.stats()
    assert (s.queries, s.answered, s.chats, s.helpful, s.not_helpful) == (3, 2, 2, 1, 1)
    assert s.by_reason == {"answered": 2, "no_match": 1}
    assert s.by_chat_type == {"private": 1, "group": 1, "inline": 1}
    assert s.top_entries == [("a", 2)]
    assert s.unhelpful_entries == [("b", 1)]
    store.close()


def test_chat_hash_is_stable_per_key_and_keyed(new_db: NewDb) -> None:
    """A chat hashes the same under one key (across reopenings) and differently under another."""
    a, b = new_db(), new_db()
    first, again, other = Store(a, chat_key=b"k1"), Store(a, chat_key=b"k1"), Store(b)
    chat = -1001234567890  # a group id: long enough that finding it in a hash is no accident
    assert first.chat_hash(chat) == again.chat_hash(chat)
    assert first.chat_hash(chat) != other.chat_hash(chat)
    assert str(abs(chat)) not in str(first.chat_hash(chat))
    for s in (first, again, other):
        s.close()


def test_no_chat_id_or_text_is_stored(db_target: Path | str) -> None:
    """What reaches the database holds the chat's hash, never the chat id."""
    store = Store(db_target)
    chat = -1009876543210
    store.log_query(
        kind=LogKind.MESSAGE,
        chat_type="group",
        chat_id=chat,
        entry_id="a",
        score=0.9,
        reason="answered",
        update_id=5,
    )
    store.log_feedback(chat_type="group", chat_id=chat, entry_id="a", helpful=True)
    rows = _raw(db_target, "SELECT * FROM queries") + _raw(db_target, "SELECT * FROM feedback")
    assert str(abs(chat)) not in repr(rows)
    hashed = store.chat_hash(chat)
    assert hashed is not None and hashed in repr(rows)
    store.close()


def test_flood_drops_are_counted_by_chat_type(db_target: Path | str) -> None:
    """Questions dropped by flood control are counted per chat type, for /stats."""
    store = Store(db_target)
    for chat_type in ("private", "private", "supergroup"):
        store.log_flood_drop(chat_type)
    assert store.stats().flood_drops == {"private": 2, "supergroup": 1}
    store.close()


def test_a_redelivered_update_is_logged_once(db_target: Path | str) -> None:
    """The same update logged twice (a redelivery after a crash) counts once; others all count."""
    store = Store(db_target)
    for update_id in (10, 10, 11):
        store.log_query(
            kind=LogKind.MESSAGE,
            chat_type="private",
            chat_id=1,
            entry_id="a",
            score=0.9,
            reason="answered",
            update_id=update_id,
        )
    store.log_feedback(chat_type="private", chat_id=1, entry_id="a", helpful=False, update_id=12)
    store.log_feedback(chat_type="private", chat_id=1, entry_id="a", helpful=False, update_id=12)
    s = store.stats()
    assert (s.queries, s.not_helpful) == (2, 1)
    assert not store.was_handled(10)
    store.mark_handled(10)
    store.mark_handled(10)
    assert store.was_handled(10)
    assert not store.was_handled(11)
    store.close()


def test_old_handled_marks_are_forgotten(db_target: Path | str) -> None:
    """Update ids older than the cut-off are dropped; recent ones stay."""
    store = Store(db_target)
    store.mark_handled(1)
    _raw(db_target, "UPDATE handled_updates SET ts = ts - 100000 WHERE update_id = 1")
    store.mark_handled(2)
    assert store.forget_handled(older_than_s=86400) == 1
    assert (store.was_handled(1), store.was_handled(2)) == (False, True)
    store.close()


def test_a_new_database_gets_every_migration_once(db_target: Path | str) -> None:
    """A fresh database is at the newest schema, with one version row per migration,
    and reopening it applies nothing again."""
    Store(db_target).close()
    store = Store(db_target)
    assert store.schema_version() == SCHEMA_VERSION
    rows = _raw(db_target, "SELECT version FROM schema_version ORDER BY version")
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    store.close()


def test_a_newer_schema_is_refused(db_target: Path | str) -> None:
    """A database migrated by a newer release is refused with a message naming both versions,
    and nothing is written to it."""
    Store(db_target).close()
    newer = SCHEMA_VERSION + 1
    insert = f"INSERT INTO schema_version VALUES ({newer}, 0, 'from the future')"  # noqa: S608
    _raw(db_target, insert)
    with pytest.raises(SchemaTooNew, match=rf"version {newer}.*up to version {SCHEMA_VERSION}"):
        Store(db_target)
    assert _raw(db_target, "SELECT COUNT(*) FROM queries") == [(0,)]


def test_adding_a_migration_is_one_entry(db_target: Path | str) -> None:
    """A migration appended to the list (typed columns and a data step) is applied once, on
    a database already at the current version, and its version recorded."""
    Store(db_target).close()

    def fill(tx: Tx) -> None:
        tx("INSERT INTO kept (ts, text) VALUES (?, ?)", (1.5, "masked"))

    extra = (
        *MIGRATIONS,
        Migration(
            SCHEMA_VERSION + 1,
            "kept texts",
            """
        CREATE TABLE kept (id {id}, ts {real} NOT NULL, text TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS kept_ts ON kept (ts)
    """,
            step=fill,
        ),
    )
    store = Store(db_target)
    assert migrate(store._conn, store.engine, extra) == SCHEMA_VERSION
    assert migrate(store._conn, store.engine, extra) == SCHEMA_VERSION + 1
    assert _raw(db_target, "SELECT id, ts, text FROM kept") == [(1, 1.5, "masked")]
    store.close()
    with pytest.raises(SchemaTooNew):
        Store(db_target)  # this code's own list now lags the database


def test_a_failing_migration_changes_nothing(db_target: Path | str) -> None:
    """A migration that fails half-way leaves neither its tables nor its version behind."""
    store = Store(db_target)
    broken = (
        *MIGRATIONS,
        Migration(
            SCHEMA_VERSION + 1,
            "broken",
            """
        CREATE TABLE half (id {id});
        INSERT INTO no_such_table VALUES (1)
    """,
        ),
    )
    with pytest.raises(Exception, match="no_such_table"):
        migrate(store._conn, store.engine, broken)
    store.close()
    store = Store(db_target)  # still usable, still at the version it was
    assert store.schema_version() == SCHEMA_VERSION
    with pytest.raises(Exception, match="half"):
        _raw(db_target, "SELECT * FROM half")
    store.close()


def test_replicas_starting_together_migrate_once_and_all_writes_land(
    db_target: Path | str,
) -> None:
    """Four replicas open one empty database at the same moment and write at once: one
    migration each, every write kept, and with one key one hash per chat."""
    barrier = threading.Barrier(4)
    stores: list[Store] = []
    errors: list[BaseException] = []

    def replica(n: int) -> None:
        try:
            barrier.wait()
            store = Store(db_target, chat_key=b"shared key")
            stores.append(store)
            for i in range(50):
                store.log_query(
                    kind=LogKind.MESSAGE,
                    chat_type="private",
                    chat_id=i,
                    entry_id="a",
                    score=0.5,
                    reason="answered",
                    update_id=n * 1000 + i,
                )
        except BaseException as exc:  # collected so the test names it
            errors.append(exc)

    threads = [threading.Thread(target=replica, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert stores[0].stats().queries == 200
    assert _raw(db_target, "SELECT COUNT(*) FROM schema_version") == [(len(MIGRATIONS),)]
    assert _raw(db_target, "SELECT COUNT(*) FROM meta WHERE key = 'salt'") == [(0,)]
    assert len({s.chat_hash(7) for s in stores}) == 1
    for s in stores:
        s.close()


def test_an_unversioned_sqlite_file_is_adopted(tmp_path: Path) -> None:
    """A SQLite file written before the schema had versions is migrated in place, keeping its
    rows but not its salt (which made every chat hash reversible from the file alone)."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE queries (id INTEGER PRIMARY KEY, ts REAL NOT NULL, kind TEXT NOT NULL,
                chat_type TEXT NOT NULL, chat TEXT, entry_id TEXT, score REAL NOT NULL,
                reason TEXT NOT NULL);
            CREATE TABLE feedback (id INTEGER PRIMARY KEY, ts REAL NOT NULL,
                chat_type TEXT NOT NULL, chat TEXT, entry_id TEXT NOT NULL,
                helpful INTEGER NOT NULL);
            INSERT INTO meta VALUES ('salt', 'oldsalt');
            INSERT INTO queries (ts, kind, chat_type, chat, entry_id, score, reason)
                VALUES (1, 'message', 'private', 'h', 'a', 0.9, 'answered');
        """)
    conn.close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.stats().queries == 1
    assert _raw(path, "SELECT COUNT(*) FROM meta WHERE key = 'salt'") == [(0,)]
    store.close()


def test_readiness_follows_the_database(postgres: PostgresServer) -> None:
    """ping() is false while PostgreSQL is down and true again once it is back, on the same
    Store (the connection is reopened), and writes resume."""
    store = Store(postgres.new_database())
    assert store.ping()
    postgres.pause()
    try:
        assert not store.ping()
        with pytest.raises(Exception):  # noqa: B017, PT011 - any driver error will do
            store.log_query(
                kind=LogKind.MESSAGE,
                chat_type="private",
                chat_id=1,
                entry_id="a",
                score=0.5,
                reason="answered",
            )
    finally:
        postgres.resume()
    assert store.ping()
    store.log_query(
        kind=LogKind.MESSAGE,
        chat_type="private",
        chat_id=1,
        entry_id="a",
        score=0.5,
        reason="answered",
    )
    assert store.stats().queries == 1
    store.close()


def test_an_unreachable_database_is_one_clear_error(tmp_path: Path) -> None:
    """A PostgreSQL URL nobody listens on fails at start with the database named, password
    hidden."""
    from tests.pg import free_port

    url = f"postgresql://bot:hunter2secret@127.0.0.1:{free_port()}/policybot"
    with pytest.raises(StoreError, match="cannot open the database") as caught:
        Store(url)
    assert "hunter2secret" not in str(caught.value)
    assert describe(url) == f"postgresql://bot@127.0.0.1:{url.rsplit(':', 1)[1]}"
