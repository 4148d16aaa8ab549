"""What every handler needs, kept in the Application's bot_data behind one accessor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from bot.conversation import RecentAnswers
from bot.matcher import Matcher
from bot.privacy import RecentQuestions
from bot.settings import Settings
from bot.store import Store


@dataclass(slots=True)
class Services:
    """The bot's settings, matcher (which holds the base) and store.

    /reload swaps the matcher. `recent` is what each conversation was just told, for
    follow-up questions."""

    settings: Settings
    matcher: Matcher
    store: Store
    recent: RecentAnswers = field(default_factory=RecentAnswers)
    # Answered questions waiting, masked and in memory only, for a possible 👎.
    asked: RecentQuestions = field(default_factory=RecentQuestions)
    # Telegram's file id of each /map picture sent, by (base version, language): the
    # picture is uploaded once per version and then sent by reference.
    map_photos: dict[tuple[str, str], str] = field(default_factory=dict)
    # The review's word splitter for the current base (jieba loads once, on the first /gaps).
    words: dict[str, Any] = field(default_factory=dict)


class _HasBotData(Protocol):
    @property
    def bot_data(self) -> Any: ...


def services(holder: _HasBotData) -> Services:
    """The Services of a handler's context (or of the Application itself)."""
    return cast(Services, holder.bot_data["services"])
