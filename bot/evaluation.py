"""Score a matcher on a question set: hit, pillar and out-of-scope rejection, per style.

A question set is YAML: a list of {q, pillar, any, style}, with `context` for the second
turn of a conversation (the question asked just before `q`) and `refusal` for the class
of an out-of-scope item. `pillar: null` means the bot should say it has no answer. A hit
is the right pillar with one of `any` in the answer's title or passage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge import Entry

# A system under test: question -> the entry it answers with, or None for "no answer".
Answerer = Callable[[str], Entry | None]
# One that follows a conversation: (question, the question asked just before) -> entry.
FollowUpAnswerer = Callable[[str, str], Entry | None]


@dataclass(frozen=True, slots=True)
class Question:
    q: str
    pillar: str | None
    any: tuple[str, ...]
    style: str
    context: str | None = None
    refusal: str | None = None


@dataclass(slots=True)
class Report:
    total: int = 0
    in_scope: int = 0
    hits: int = 0
    pillar_hits: int = 0
    out_of_scope: int = 0
    rejected: int = 0
    by_style: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    failures: list[tuple[Question, str | None]] = field(default_factory=list)

    @property
    def hit_rate(self) -> float:
        return self.hits / self.in_scope if self.in_scope else 0.0

    @property
    def pillar_rate(self) -> float:
        return self.pillar_hits / self.in_scope if self.in_scope else 0.0

    @property
    def rejection_rate(self) -> float:
        return self.rejected / self.out_of_scope if self.out_of_scope else 0.0

    @property
    def accuracy(self) -> float:
        """Right over all questions: in-scope hits and out-of-scope refusals together."""
        return (self.hits + self.rejected) / self.total if self.total else 0.0

    def style_rates(self) -> dict[str, float]:
        return {style: ok / n for style, (ok, n) in sorted(self.by_style.items()) if n}

    def summary(self) -> dict[str, Any]:
        return {
            "questions": self.total,
            "accuracy": round(self.accuracy, 3),
            "hit": round(self.hit_rate, 3),
            "pillar": round(self.pillar_rate, 3),
            "oos_rejection": round(self.rejection_rate, 3),
            "styles": {k: round(v, 3) for k, v in self.style_rates().items()},
        }


def load_questions(path: Path | str) -> list[Question]:
    """The questions of one eval set (YAML)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [
        Question(
            str(item["q"]),
            item.get("pillar"),
            tuple(str(t) for t in item.get("any") or ()),
            str(item.get("style", "")),
            item.get("context"),
            item.get("refusal"),
        )
        for item in data
    ]


def is_hit(question: Question, entry: Entry | None) -> bool:
    """Whether `entry` is right for `question`; for an out-of-scope one, no entry is."""
    if question.pillar is None:
        return entry is None
    if entry is None or entry.pillar != question.pillar:
        return False
    return any(term in entry.title or term in entry.passage for term in question.any)


def evaluate(
    answerer: Answerer, questions: list[Question], follow_up: FollowUpAnswerer | None = None
) -> Report:
    """Score `answerer` on `questions`; second turns go to `follow_up` when it is given."""
    report = Report()
    for question in questions:
        if question.context and follow_up is not None:
            entry = follow_up(question.q, question.context)
        else:
            entry = answerer(question.q)
        report.total += 1
        ok = is_hit(question, entry)
        if question.pillar is None:
            report.out_of_scope += 1
            report.rejected += ok
        else:
            report.in_scope += 1
            report.hits += ok
            report.pillar_hits += entry is not None and entry.pillar == question.pillar
        style = report.by_style[question.style]
        style[0] += ok
        style[1] += 1
        if not ok:
            report.failures.append((question, entry.id if entry else None))
    return report
