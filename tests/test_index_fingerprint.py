"""The index cache is keyed by the code that builds the index, all of it."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

from bot.index import build_index
from bot.index_cache import _SHAPING_MODULES
from bot.knowledge import KnowledgeBase
from bot.matcher import Matcher
from tests.conftest import THIS_YEAR


def test_every_module_the_index_build_runs_is_in_the_cache_key(kb: KnowledgeBase):
    """A cached index is reused only while the code that built it is the same: every module of
    the bot whose code runs while the index is built (scope.py's vocabulary too) is part of
    the cache key, so changing one of them rebuilds the index."""
    bot_dir = Path(build_index.__code__.co_filename).parent
    ran: set[str] = set()

    def record(frame: FrameType, event: str, arg: Any) -> None:
        path = Path(frame.f_code.co_filename)
        if path.parent == bot_dir:
            ran.add(path.name)
        # None: no line-by-line tracing inside the call, only the calls themselves.

    sys.settrace(record)
    try:
        build_index(kb)
    finally:
        sys.settrace(None)
    assert ran, "the build ran no code of the bot"
    assert ran <= set(_SHAPING_MODULES), sorted(ran - set(_SHAPING_MODULES))


def test_the_cached_index_carries_the_phrases_normalised(
    kb: KnowledgeBase, matcher: Matcher, tmp_path: Path
):
    """A start reads the curated phrases normalised from the index cache rather than
    normalising thousands again; each is exactly what normalising gives (text.py is in the
    key), and a matcher started from the cache answers as one built without it."""
    from bot import text as textmod
    from bot.index_cache import load_or_build

    cached = load_or_build(kb, tmp_path)
    assert len(cached.phrases) > 1000
    assert all(textmod.normalize(p) == n for p, n in cached.phrases.items())
    again = load_or_build(kb, tmp_path)
    assert again.phrases == cached.phrases
    questions = ["两业融合是什么", "低空经济概念股买哪只", "黄埔区在12218里做什么", "12218路"]
    from_cache = Matcher(kb, cache_dir=tmp_path, this_year=THIS_YEAR)
    for q in questions:
        a, b = matcher.match(q), from_cache.match(q)
        assert (a.best and a.best.entry.id, a.reason) == (b.best and b.best.entry.id, b.reason)
