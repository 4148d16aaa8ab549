"""What every handler needs, kept in the Application's bot_data behind one accessor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from bot.conversation import RecentAnswers
from bot.matcher import Matcher
from bot.settings import Settings
from bot.store import Store


@dataclass(slots=True)
class Services:
    """The bot's settings, matcher (which holds the base) and store; /reload swaps the matcher.
    `recent` is what each conversation was just told, for follow-up questions."""

    settings: Settings
    matcher: Matcher
    store: Store
    recent: RecentAnswers = field(default_factory=RecentAnswers)


class _HasBotData(Protocol):
    @property
    def bot_data(self) -> Any: ...


def services(holder: _HasBotData) -> Services:
    """The Services of a handler's context (or of the Application itself)."""
    return cast(Services, holder.bot_data["services"])
