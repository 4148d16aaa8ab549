"""The index cache is keyed by the code that builds the index, all of it."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

from bot.index import build_index
from bot.index_cache import _SHAPING_MODULES
from bot.knowledge import KnowledgeBase


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
