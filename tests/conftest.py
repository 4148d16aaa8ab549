"""Shared fixtures: the shipped knowledge base, a matcher, and an offline Application."""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.knowledge import KnowledgeBase, load
from bot.matcher import Matcher
from bot.settings import CoreSettings, Settings
from bot.store import Store
from bot.telegram.app import build_application
from tests.helpers import FAKE_TOKEN, USER_ID, OfflineRequest, Recorder
from tests.pg import PostgresServer, find_bindir

ADMIN_ID = 99
THIS_YEAR = 2026  # what "今年" means in tests (the year these questions were written)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load()


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    # "今年" is read against a fixed year, so answers do not change with the clock.
    return Matcher(kb, cache_dir=CoreSettings.from_env().cache_dir, this_year=THIS_YEAR)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole run (a temp data dir, a free loopback port)."""
    bindir = find_bindir()
    if bindir is None:
        why = (
            "PostgreSQL's initdb/pg_ctl/postgres are not installed"
            " (.ci/run installs Debian's postgresql package)"
        )
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    server = PostgresServer(bindir).start()
    yield server
    server.destroy()


@pytest.fixture(scope="session")
def index_cache(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Matcher index cache shared between bot processes (and runs), so only the first start
    builds it."""
    cache = getattr(pytestconfig, "cache", None)  # absent under -p no:cacheprovider
    if cache is None:
        return tmp_path_factory.mktemp("index-cache")
    return Path(cache.mkdir("policybot-index"))


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Path | str]:
    """Makes empty databases of one engine: SQLite files, or fresh PostgreSQL databases."""
    if request.param == "sqlite":
        numbers = itertools.count(1)
        return lambda: tmp_path / f"store{next(numbers)}.sqlite3"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database


@pytest.fixture
def db_target(new_db: Callable[[], Path | str]) -> Path | str:
    """An empty database, once on each engine."""
    return new_db()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        token=FAKE_TOKEN,
        admin_ids=frozenset({ADMIN_ID}),
        db_path=tmp_path / "bot.sqlite3",
        rate_limit=False,
    )


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def store(settings: Settings) -> Store:
    return Store(settings.db_path)


@pytest.fixture
async def app(
    settings: Settings, matcher: Matcher, store: Store, recorder: Recorder
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """An initialised Application whose Bot API calls are answered offline and recorded."""
    application = build_application(
        settings,
        matcher,
        store=store,
        request=OfflineRequest(recorder),
        get_updates_request=OfflineRequest(recorder),
    )
    errors: list[BaseException] = []

    async def collect(_: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error or RuntimeError("error handler called without error"))

    application.add_error_handler(collect)
    application.bot_data["errors"] = errors
    async with application:
        recorder.clear()  # getMe is not what the tests are about
        yield application
    store.close()
    assert not errors, f"handlers raised: {errors!r}"


@pytest.fixture
def feed(app: Application[Any, Any, Any, Any, Any, Any]) -> Any:
    """Process one update payload as if it came from getUpdates."""

    async def _feed(payload: dict[str, Any]) -> None:
        await app.process_update(Update.de_json(payload, app.bot))

    return _feed


@pytest.fixture
def user_id() -> int:
    return USER_ID


@pytest.fixture
def tiny_base(tmp_path: Path) -> Path:
    """A copy of the two-entry fixture base; returns its knowledge directory."""
    import shutil

    from tests.paths import TINY

    shutil.copytree(TINY, tmp_path / "tiny")
    return tmp_path / "tiny" / "knowledge"
