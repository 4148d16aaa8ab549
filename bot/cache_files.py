"""Cache files on disk, written whole or not at all."""

from __future__ import annotations

import os
import pickle
from pathlib import Path


def write_pickle(path: Path, value: object) -> None:
    """Pickle `value` to `path` through a temporary file, so no reader sees half of it.

    Raises OSError when the cache directory cannot be written (the caller decides whether
    that matters)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
