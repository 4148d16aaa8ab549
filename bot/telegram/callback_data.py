"""What a button carries: the one place that spells callback data.

Telegram gives a button at most 64 bytes of callback data; entry ids are at most 56
characters, so `f:1:<entry-id>` fits. The strings stay as they were first sent, because
buttons in old chats are pressed long after a release:

  e:<entry-id>            OpenEntry     open an entry in the same message
  f:<1|0>:<entry-id>      Feedback      helpful / not helpful
  b                       Overview      the /pillars browser's top
  g:<n>                   DigitGroup    one digit of the plan (2: fusion and transformation)
  p:<pillar>:<page>       PillarPage    a page of one pillar's entries
  s:<n>:<entry-id>        Sources       an answer with all its sources or only the best;
                                        n = 1 all + 2 English + 4 traditional script
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_BYTES = 64


@dataclass(frozen=True, slots=True)
class OpenEntry:
    entry_id: str


@dataclass(frozen=True, slots=True)
class Feedback:
    entry_id: str
    helpful: bool


@dataclass(frozen=True, slots=True)
class Overview:
    pass


@dataclass(frozen=True, slots=True)
class DigitGroup:
    index: int


@dataclass(frozen=True, slots=True)
class PillarPage:
    pillar_id: str
    page: int = 0


@dataclass(frozen=True, slots=True)
class Sources:
    """Redraw an answer with every source or with only the best one.

    The answer keeps the reply's language and script.
    """

    entry_id: str
    all_sources: bool
    english: bool = False
    traditional: bool = False


Browse = Overview | DigitGroup | PillarPage
Button = OpenEntry | Feedback | Browse | Sources

_GRAMMAR = re.compile(
    r"e:(?P<entry>[a-z0-9-]+)"
    r"|f:(?P<helpful>[01]):(?P<rated>[a-z0-9-]+)"
    r"|(?P<overview>b)"
    r"|g:(?P<group>\d+)"
    r"|p:(?P<pillar>[a-z]+):(?P<page>\d+)"
    r"|s:(?P<flags>[0-7]):(?P<cited>[a-z0-9-]+)"
)


def encode(button: Button) -> str:
    """The callback data for `button`; ValueError if it would not fit in 64 bytes."""
    match button:
        case OpenEntry(entry_id):
            data = f"e:{entry_id}"
        case Feedback(entry_id, helpful):
            data = f"f:{int(helpful)}:{entry_id}"
        case Overview():
            data = "b"
        case DigitGroup(index):
            data = f"g:{index}"
        case PillarPage(pillar_id, page):
            data = f"p:{pillar_id}:{page}"
        case Sources(entry_id, all_sources, english, traditional):
            data = f"s:{int(all_sources) + 2 * int(english) + 4 * int(traditional)}:{entry_id}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def parse(data: object) -> Button | None:
    """The button behind callback `data`, or None for data this version does not know."""
    found = _GRAMMAR.fullmatch(data) if isinstance(data, str) else None
    if found is None:
        return None
    if entry := found["entry"]:
        return OpenEntry(entry)
    if rated := found["rated"]:
        return Feedback(rated, helpful=found["helpful"] == "1")
    if found["overview"]:
        return Overview()
    if group := found["group"]:
        return DigitGroup(int(group))
    if cited := found["cited"]:
        flags = int(found["flags"])
        return Sources(
            cited, all_sources=bool(flags & 1), english=bool(flags & 2), traditional=bool(flags & 4)
        )
    return PillarPage(found["pillar"], int(found["page"]))


def is_a(*kinds: type[Button]) -> Callable[[object], bool]:
    """A CallbackQueryHandler pattern: data that parses as one of `kinds`."""
    return lambda data: isinstance(parse(data), kinds)
