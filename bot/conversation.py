"""What each conversation was just told, so a follow-up ("那它2035年目标呢") can be read.

Only the id of the last entry answered is kept, in memory, under a key that is a keyed
hash of the conversation (the key is made anew by every process and never stored), for
at most `ttl` seconds, and for at most `max_size` conversations: nothing here outlives
the process or identifies anyone.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable

FOLLOW_UP_SECONDS = 600.0
MAX_CONVERSATIONS = 10_000


class RecentAnswers:
    """The last entry answered per conversation: bounded, forgotten after `ttl` seconds."""

    def __init__(
        self,
        *,
        max_size: int = MAX_CONVERSATIONS,
        ttl: float = FOLLOW_UP_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_size = max_size
        self._ttl = ttl
        self._clock = clock
        self._key = secrets.token_bytes(16)
        self._last: OrderedDict[str, tuple[float, str]] = OrderedDict()

    def conversation(self, *parts: object) -> str:
        """An opaque key for a conversation (a chat, or a chat and the bot's message in it)."""
        raw = ":".join(str(p) for p in parts).encode()
        return hmac.new(self._key, raw, hashlib.sha256).hexdigest()[:24]

    def remember(self, conversation: str, entry_id: str) -> None:
        """`entry_id` is what `conversation` was just told."""
        self._last[conversation] = (self._clock(), entry_id)
        self._last.move_to_end(conversation)
        while len(self._last) > self._max_size:
            self._last.popitem(last=False)

    def recall(self, conversation: str) -> str | None:
        """The entry `conversation` was told within the last `ttl` seconds, if any."""
        item = self._last.get(conversation)
        if item is None:
            return None
        told_at, entry_id = item
        if self._clock() - told_at > self._ttl:
            del self._last[conversation]
            return None
        return entry_id

    def __len__(self) -> int:
        return len(self._last)
