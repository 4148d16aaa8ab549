"""A question the bot answers keeps its answer however it is wrapped on a phone or in a group."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.evaluation import load_questions
from bot.matcher import Matcher
from tests.paths import TESTS

# Single questions of the twenty-third round's guided sets, in Chinese (the wrappings below
# are Chinese typing habits).
SOURCES = [
    TESTS / "eval" / f"{name}-questions.yaml" for name in ("jasper", "kestrel", "lumen", "meadow")
]
_LATIN_WORD = re.compile(r"[A-Za-z]{2}")  # English spaced out letter by letter is another matter
KEPT = 0.98  # of the questions answered plainly, the share that must keep their answer

WRAPPINGS: dict[str, Callable[[str], str]] = {
    "asked-politely": lambda q: f"请问{q}",
    "led-in": lambda q: f"我想问一下，{q}",
    "can-you-tell-me": lambda q: f"能不能告诉我{q}",
    "hey-bot": lambda q: f"hey bot, {q}",
    "pasted-as-markdown": lambda q: f"**{q}**",
    "a-space-after-every-character": " ".join,
}


def _plain_answers(matcher: Matcher) -> list[tuple[str, str]]:
    answered = []
    for question in (q for source in SOURCES for q in load_questions(source)):
        if question.pillar is None or question.context or _LATIN_WORD.search(question.q):
            continue
        best = matcher.match(question.q).best
        if best is not None:
            answered.append((question.q, best.entry.id))
    return answered


@pytest.mark.parametrize("wrap", WRAPPINGS.values(), ids=WRAPPINGS.keys())
def test_a_wrapped_question_keeps_its_answer(matcher: Matcher, wrap: Callable[[str], str]):
    """Polite lead-ins, a greeting to the bot, Markdown and spaced typing change no answer."""
    answered = _plain_answers(matcher)
    assert len(answered) >= 200
    changed = [
        (q, entry_id)
        for q, entry_id in answered
        if (best := matcher.match(wrap(q)).best) is None or best.entry.id != entry_id
    ]
    assert len(changed) <= (1 - KEPT) * len(answered), changed[:5]
