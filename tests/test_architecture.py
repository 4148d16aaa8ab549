"""Architecture rules that keep the core usable without Telegram."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_does_not_import_telegram() -> None:
    """Every module at the top of bot/ loads without telegram: Telegram lives in bot/telegram/."""
    modules = sorted(
        p.stem for p in (ROOT / "bot").glob("*.py") if p.stem not in {"__main__", "telegram_app"}
    )
    assert {"knowledge", "matcher", "answer", "understanding", "store"} <= set(modules)
    code = (
        f"import sys; import {', '.join('bot.' + m for m in modules)}; "
        "print('telegram' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "False"


def test_every_test_states_its_behaviour() -> None:
    """Every test function carries a docstring: the behaviour it checks, in a sentence."""
    import ast

    missing = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and node.name.startswith("test_")
                and not ast.get_docstring(node)
            ):
                missing.append(f"{path.name}:{node.lineno} {node.name}")
    assert missing == []


def test_the_old_telegram_module_still_imports() -> None:
    """`bot.telegram_app`, DESIGN.md's name for the front end, still offers its entry points."""
    from bot import telegram_app
    from bot.telegram import app, runtime

    assert telegram_app.build_application is app.build_application
    assert telegram_app.main is runtime.main


def test_a_sqlite_bot_never_loads_the_postgresql_driver() -> None:
    """The default bot (SQLite) starts without psycopg and libpq: memory it would never use."""
    code = (
        "import sys, tempfile, pathlib; import bot.telegram.runtime; from bot.store import Store; "
        "Store(pathlib.Path(tempfile.mkdtemp()) / 'q.sqlite3').close(); "
        "print('psycopg' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "False"
