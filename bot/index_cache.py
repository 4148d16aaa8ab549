"""The built index on disk, so a fresh process starts in a fraction of a second.

A cache file is keyed by the base's content and by the code of every module that shapes
the index, so editing an entry or the tokeniser can never serve a stale index.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
from pathlib import Path

from bot import index as index_module
from bot.index import INDEX_FORMAT, Index
from bot.knowledge import KnowledgeBase

log = logging.getLogger(__name__)

# The modules whose code decides what the index holds.
_SHAPING_MODULES = ("index.py", "text.py", "knowledge.py")


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


def load_or_build(kb: KnowledgeBase, cache_dir: Path | None) -> Index:
    """The index of `kb`: read from the cache when it holds it, else built (and cached)."""
    path = cache_path(kb, cache_dir) if cache_dir else None
    if path and path.is_file():
        try:
            with path.open("rb") as fh:
                cached: Index = pickle.load(fh)  # noqa: S301 - our own cache file
            if cached.entry_ids == [e.id for e in kb.entries]:
                return cached
        except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
            log.warning("index cache %s unreadable; rebuilding", path.name)
    built = index_module.build_index(kb)
    # jieba's dictionary and the tokenisation leave tens of megabytes of garbage behind.
    gc.collect()
    if path:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError as exc:
            log.info("index cache not written (%s)", exc.strerror)
    return built


def freeze_heap() -> None:
    """Keep the garbage collector from rescanning a long-lived index (pauses of 100 ms at
    10,000 entries). Called by the entry points once the index is loaded, never by a library."""
    gc.collect()
    gc.freeze()

