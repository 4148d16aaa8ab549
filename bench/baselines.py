"""The two matchers anyone would write first, to measure ours against.

Both take a `KnowledgeBase`, do their preparation once in `__init__` and answer with
`.answer(question) -> Entry | None` (the top entry, or None for "no answer"), the same
shape as `bot.evaluation.Answerer`, so tests and the benchmark score them alike.
"""

from __future__ import annotations

import logging
import re

from bot.knowledge import Entry, KnowledgeBase

FUZZ_CUTOFF = 60.0  # WRatio below this is "no answer"
_WORD = re.compile(r"\w")


class FuzzBaseline:
    """rapidfuzz `process.extractOne` with `WRatio` over every entry's example questions."""

    name = "rapidfuzz extractOne (WRatio)"

    def __init__(self, kb: KnowledgeBase, cutoff: float = FUZZ_CUTOFF) -> None:
        from rapidfuzz import fuzz, process

        self._extract_one = process.extractOne
        self._scorer = fuzz.WRatio
        self.cutoff = cutoff
        # The choice list is built once: one string per question, and who owns it.
        self._choices: list[str] = []
        self._owners: list[Entry] = []
        for entry in kb.entries:
            for question in entry.questions:
                self._choices.append(question)
                self._owners.append(entry)

    def answer(self, question: str) -> Entry | None:
        best = self._extract_one(
            question, self._choices, scorer=self._scorer, score_cutoff=self.cutoff
        )
        return self._owners[best[2]] if best is not None else None


class BM25Baseline:
    """rank_bm25 `BM25Okapi` over jieba tokens of title, keywords, questions and passage."""

    name = "BM25Okapi (jieba tokens)"

    def __init__(self, kb: KnowledgeBase) -> None:
        import jieba
        from rank_bm25 import BM25Okapi

        jieba.setLogLevel(logging.WARNING)
        self._cut = jieba.lcut
        self._entries = list(kb.entries)
        corpus = [
            self.tokens(" ".join((e.title, *e.keywords, *e.questions, e.passage)))
            for e in self._entries
        ]
        self._bm25 = BM25Okapi(corpus)

    def tokens(self, text: str) -> list[str]:
        """jieba's words of the lower-cased text, without spaces and punctuation."""
        return [t for t in self._cut(text.lower()) if _WORD.search(t)]

    def answer(self, question: str) -> Entry | None:
        query = self.tokens(question)
        if not query:
            return None
        scores = self._bm25.get_scores(query)
        best = int(scores.argmax())
        return self._entries[best] if scores[best] > 0 else None
