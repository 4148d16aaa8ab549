"""The built index on disk, so a fresh process starts in a fraction of a second.

A cache file is keyed by the base's content and by the code of every module that shapes
the index, so editing an entry or the tokeniser can never serve a stale index.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import pickle
import subprocess
import sys
from pathlib import Path

from bot import index as index_module
from bot.cache_files import write_pickle
from bot.index import INDEX_FORMAT, Index
from bot.knowledge import KnowledgeBase
from bot.understanding import normalised_phrases

log = logging.getLogger(__name__)

# The modules whose code decides what the index holds.
_SHAPING_MODULES = ("index.py", "text.py", "knowledge.py", "scope.py")


def code_fingerprint() -> str:
    """A short hash of the code that shapes the index."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _SHAPING_MODULES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:10]


def cache_path(kb: KnowledgeBase, cache_dir: Path) -> Path:
    """Where the index of `kb` is cached under `cache_dir`."""
    key = f"{kb.version}-{code_fingerprint()}-{INDEX_FORMAT}-{len(kb.entries)}"
    return cache_dir / f"index-{key}.pickle"


BUILD_SECONDS = 300


def _read(kb: KnowledgeBase, path: Path) -> Index | None:
    try:
        with path.open("rb") as fh:
            cached: Index = pickle.load(fh)  # noqa: S301 - our own cache file
    except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
        log.warning("index cache %s unreadable; rebuilding", path.name)
        return None
    return cached if cached.entry_ids == [e.id for e in kb.entries] else None


def _build_in_child(kb: KnowledgeBase, cache_dir: Path) -> None:
    """Build and cache the index in a short-lived process.

    jieba's dictionary and the tokenising take over a hundred megabytes that a
    long-running bot should never hold."""
    command = [sys.executable, "-m", "bot.index_cache", str(kb.directory), str(cache_dir)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=BUILD_SECONDS, check=False)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("index build in a child process failed (%s); building here", exc)
        return
    if done.returncode != 0:
        log.warning("index build in a child process exited %d; building here", done.returncode)


def load_or_build(
    kb: KnowledgeBase, cache_dir: Path | None, *, isolate_build: bool = False
) -> Index:
    """The index of `kb`: read from the cache when it holds it, else built (and cached).

    With `isolate_build`, a missing cache is built by a child process and then read, so
    the caller's memory stays at what the index itself needs."""
    path = cache_path(kb, cache_dir) if cache_dir else None
    if path and path.is_file() and (cached := _read(kb, path)) is not None:
        return cached
    if path and cache_dir and isolate_build:
        _build_in_child(kb, cache_dir)
        if path.is_file() and (cached := _read(kb, path)) is not None:
            return cached
    built = index_module.build_index(kb)
    # jieba's dictionary and the tokenisation leave tens of megabytes of garbage behind.
    gc.collect()
    if path:
        built.phrases = _phrases_normalised(kb, built)
        try:
            write_pickle(path, built)
        except OSError as exc:
            log.info("index cache not written (%s)", exc.strerror)
    return built


def _phrases_normalised(kb: KnowledgeBase, built: Index) -> dict[str, str]:
    """The curated phrases a matcher of `kb` normalises when it starts, normalised."""
    from bot.matcher import Matcher  # noqa: PLC0415 - the matcher reads the index cache

    Matcher(kb, index=built)
    return normalised_phrases()


def freeze_heap() -> None:
    """Keep the garbage collector from rescanning a long-lived index.

    Rescans pause the process for 100 ms at 10,000 entries. Called by the entry points once
    the index is loaded, never by a library."""
    gc.collect()
    gc.freeze()


def _main(argv: list[str]) -> int:
    """`python -m bot.index_cache KB_DIR CACHE_DIR`: build the index of a base and cache it."""
    from bot.knowledge import load  # noqa: PLC0415 - only the child process needs it

    kb = load(argv[0])
    load_or_build(kb, Path(argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
