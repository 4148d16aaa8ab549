"""Score the entries of a base against a text: the ranking the matcher decides with.

The index is built once per base. Its vocabulary is every jieba token of the base (jieba's
dictionary extended with all titles, keywords and aliases, so 低空经济 and 专精特新 stay
whole) plus those named terms themselves. A text is scanned for vocabulary terms by
substring lookup, longest match first, so the work per text depends on its length and
on the entries that share a term with it, not on the size of the base.

Signals, combined into one score per candidate entry:
- named terms (title, keyword, alias) found in the text, weighted by how few entries
  carry them; a term nested in a longer match does not count (新材料 in 绿色石化与新材料),
  and the plan's own names (12218, 两业融合) yield to a more specific term beside them;
- the same terms found by fuzzy pinyin, for typos from pinyin input (两业荣合 -> 两业融合);
- BM25 over all vocabulary terms, as the share of the text's information an entry
  explains (words the base has never seen count against every entry);
- rapidfuzz similarity to the entry's own example questions.

This module knows nothing of what a message asks; `bot.matcher` reads the ranking with that.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot import text as textmod
from bot.index import (
    BM25_K1,
    EN_STOPWORDS,
    ONE_OFF_CHARS,
    PINYIN_MIN_CHARS,
    STOPWORDS,
    Index,
    squeeze,
)
from bot.knowledge import Entry

# A word typed as pinyin initials ("rgzn"), not part of a longer run of letters or digits.
# No vowel: English words have them, initials seldom do ("bet" is no 白鹅潭).
_INITIALS_WORD = re.compile(r"(?<![a-z0-9])[b-df-hj-np-tv-z]{3,6}(?![a-z0-9])")
# Initials as the index keeps them, with easily confused sounds folded (l as n, h as f).
_FOLDED_INITIALS = str.maketrans("lh", "nf")

FUZZ_CANDIDATES = 12
PINYIN_QUALITY = 0.85
PINYIN_SHARE = 0.75  # of a message's Latin words, for it to be read as pinyin
UNKNOWN_IDF = 1.5
EXACT_QUESTION_BONUS = 0.5
CONTEXT_WEIGHT = 0.5
SPECIFIC_IDF = 0.3  # below this, a name is carried by so many entries it names no topic
SUBWORD_SPECIFIC_IDF = 0.6
LEXICAL_WEIGHT, FUZZY_WEIGHT = 0.8, 1.2
CONFIDENCE_HALF = 0.6  # evidence strength at which confidence is 0.5
CONFIDENT = 0.5  # below this the bot says it does not know
ALTERNATIVE = 0.3  # runners-up above this (and close to the best) are offered
ALTERNATIVE_RATIO = 0.5
NEAR_TIE = 0.05  # entries this close in score are told apart by the topic the message names


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float  # 0-1 confidence
    why: tuple[str, ...]  # the terms that matched, best first


@dataclass(frozen=True, slots=True)
class Ranking:
    """The scored entries for one text, before the decision to answer."""

    matches: tuple[Match, ...]
    confident: bool
    topics: tuple[str, ...] = ()  # the specific topics the text names itself
    parts: tuple[str, ...] = ()  # the names of the plan's parts it names (两业融合)
    plan_named: bool = False  # it names the plan itself, a part or a topic (12218 counts)
    exact: bool = False  # the text is an entry's title or one of its example questions

    @property
    def own_topic(self) -> bool:
        return bool(self.topics)


@dataclass(slots=True)
class _Evidence:
    """One query's evidence per candidate entry (index into the base's entries)."""

    named: dict[int, float] = field(default_factory=dict)  # named terms found
    context: dict[int, float] = field(default_factory=dict)  # ... of which only context
    pillar_context: dict[str, float] = field(default_factory=dict)  # part name -> its pillar
    lexical: dict[int, float] = field(default_factory=dict)  # BM25
    query_info: float = 0.0  # the query's total idf
    spans: list[tuple[str, float]] = field(default_factory=list)


class Scorer:
    """Scores entries against a normalised text, from one base's index."""

    def __init__(
        self, index: Index, entries: list[Entry], is_question_word: Callable[[str], bool]
    ) -> None:
        self.index = index
        self._entries = entries
        self._is_question_word = is_question_word
        # Two characters in a row of a name found with one wrong: a wrong character has such a
        # pair on one side, or no name is near it.
        self._last_exact: tuple[str, list[tuple[int, int, str, float]], list[bool]] | None = None
        self._one_off_pairs = frozenset(
            name[i : i + 2] for name in set(index.one_off.values()) for i in range(len(name) - 1)
        )

    def own_topics(self, topics: tuple[str, ...]) -> tuple[str, ...]:
        """The topics a message names, less follow-up and question words ("哪几", "哪些区")."""
        return tuple(t for t in topics if not self._is_question_word(t))

    def rank(self, norm: str, top: int, closeness: float) -> Ranking:
        """Score every entry that shares a term with `norm`; best first."""
        ev = self.evidence(norm)
        topics = tuple(term for term, _ in ev.spans if self.specificity(term) >= 3)
        parts = tuple(term for term, _ in ev.spans if self.specificity(term) == 2)
        plan_named = any(self.specificity(term) >= 1 for term, _ in ev.spans)
        compact = squeeze(norm)
        # A message that is one of an entry's own example questions is about that entry.
        exact = self.index.exact_questions.get(compact)
        coarse = self._coarse_evidence(ev)
        if exact is not None:
            coarse.setdefault(exact, 0.0)
        if not coarse:
            return Ranking((), False, topics, parts, plan_named)

        def own_context(idx: int) -> float:
            """What names that only set the context give entry `idx`.

            两业融合 in "两业融合的用地政策" counts less for choosing among entries and fully
            for deciding to answer; entries of the part it names share in it."""
            own = ev.context.get(idx, 0.0)
            if ev.pillar_context and not own:
                own = ev.pillar_context.get(self._entries[idx].pillar, 0.0)
            return own

        shortlist = heapq.nlargest(max(FUZZ_CANDIDATES, top), coarse, key=coarse.__getitem__)
        if exact is not None and exact not in shortlist:
            shortlist.append(exact)
        scored: list[tuple[int, float, float]] = []
        for idx in shortlist:
            closest = process.extractOne(compact, self.index.questions[idx], scorer=fuzz.ratio)
            similarity = closest[1] if closest else 0.0
            rank = coarse[idx] + FUZZY_WEIGHT * max(0.0, similarity - 50.0) / 50.0
            scored.append((idx, rank, rank + (1 - CONTEXT_WEIGHT) * own_context(idx)))
        # Runners-up are judged against the best evidence, not against the exact-question lift.
        best_rank = max(rank for _, rank, _ in scored)
        if exact is not None:
            lift = best_rank + EXACT_QUESTION_BONUS
            scored = [
                (idx, lift, max(full, lift)) if idx == exact else (idx, rank, full)
                for idx, rank, full in scored
            ]
        scored.sort(key=lambda item: item[1], reverse=True)

        matches: list[Match] = []
        for idx, rank, full in scored:
            confidence = full / (full + CONFIDENCE_HALF)
            if matches and (rank < best_rank * closeness or confidence < ALTERNATIVE):
                break
            matches.append(
                Match(self._entries[idx], round(confidence, 3), self._why(idx, ev.spans))
            )
            if len(matches) >= top:
                break
        if exact is None:  # an entry's own example question is already decided
            # A question word that is some entry's keyword ("哪几") breaks no tie.
            matches = topic_breaks_tie(matches, self.own_topics(topics))
        confident = matches[0].score >= CONFIDENT
        if not confident:
            matches = [m for m in matches if m.score >= ALTERNATIVE][:3]
        return Ranking(tuple(matches), confident, topics, parts, plan_named, exact is not None)

    def _coarse_evidence(self, ev: _Evidence) -> dict[int, float]:
        """How strongly the query points at each candidate, before closeness to examples.

        Named terms (less those that only set the context) plus BM25 as the share of the
        query's information the entry explains. Worked out in bulk: on a large base a query
        shares a common word with thousands of entries, and this is most of its time."""
        scale = LEXICAL_WEIGHT / ((BM25_K1 + 1) * ev.query_info) if ev.query_info else 0.0
        coarse = {idx: min(gain * scale, LEXICAL_WEIGHT) for idx, gain in ev.lexical.items()}
        keep = 1 - CONTEXT_WEIGHT
        for idx, gain in ev.named.items():
            coarse[idx] = coarse.get(idx, 0.0) + gain - keep * ev.context.get(idx, 0.0)
        if ev.pillar_context:
            entries, own = self._entries, ev.context
            for idx in coarse:
                if not own.get(idx):
                    coarse[idx] += CONTEXT_WEIGHT * ev.pillar_context.get(entries[idx].pillar, 0.0)
        return coarse

    def evidence(self, norm: str) -> _Evidence:
        """What the query's terms say about each candidate entry."""
        index = self.index
        ev = _Evidence()
        ev.spans, uncovered = self.spans(norm)
        # Words the base has never seen still belong to the question: each unknown pair of
        # characters counts as a rare term, so "地铁几点停运" is not explained by 地铁 alone.
        ev.query_info = uncovered / 2 * UNKNOWN_IDF
        # The plan's name (12218) or a part's name (两业融合) beside a more specific term sets
        # the context of the question; the more specific term says what it is about.
        levels = [self.specificity(term) for term, _ in ev.spans]
        most_specific = max(levels, default=0)
        plan_named = False
        for (term, quality), level in zip(ev.spans, levels, strict=True):
            named_idf = index.named_idf.get(term)
            # The plan is named once however many of its names overlap ("Guangzhou's 12218
            # strategy" holds "guangzhou 12218" and "12218 strategy").
            if level == 1 and plan_named:
                named_idf = None
            plan_named = plan_named or level == 1
            if named_idf is not None:
                factor = named_idf * quality * _phrase_bonus(term)
                sets_context = term in index.context_terms and level < most_specific
                for idx, field_weight in index.named[term]:
                    gain = field_weight * factor
                    ev.named[idx] = ev.named.get(idx, 0.0) + gain
                    if sets_context:
                        ev.context[idx] = ev.context.get(idx, 0.0) + gain
                pillar = index.context_pillar.get(term)
                if sets_context and pillar:
                    ev.pillar_context[pillar] = max(ev.pillar_context.get(pillar, 0.0), factor)
            term_idf = index.idf.get(term)
            if term_idf is None:
                continue
            ev.query_info += term_idf * quality
            for idx, gain in index.postings[term]:
                ev.lexical[idx] = ev.lexical.get(idx, 0.0) + gain * quality
        return ev

    def specificity(self, term: str) -> int:
        """0 not a name worth the word, 1 the plan's name, 2 a part's name, 3 a topic's."""
        context = self.index.context_terms.get(term)
        if context is not None:
            return context
        # A piece of a longer name must be rarer to name a topic by itself: 用地 of
        # 用地政策 does, 要求 of 总体要求 does not.
        needed = SUBWORD_SPECIFIC_IDF if term in self.index.subwords else SPECIFIC_IDF
        return 3 if self.index.named_idf.get(term, 0.0) >= needed else 0

    def _why(self, idx: int, spans: list[tuple[str, float]]) -> tuple[str, ...]:
        """The query's terms that count for entry `idx`, strongest first."""
        index = self.index
        gains: dict[str, float] = {}
        for term, quality in spans:
            weight = _weight_of(index.named.get(term), idx)
            gain = 2 * weight * index.named_idf[term] * quality if weight else 0.0
            gain += quality * _weight_of(index.postings.get(term), idx) / (BM25_K1 + 1) / 4
            if gain:
                gains[term] = gains.get(term, 0.0) + gain
        return tuple(sorted(gains, key=lambda t: -gains[t]))[:6]

    def spans(self, norm: str) -> tuple[list[tuple[str, float]], int]:
        """Vocabulary and named terms in the query, longest first, then pinyin matches.

        Also returns how many content characters no term explains."""
        kept, covered = self._exact_spans(norm)
        covered = covered.copy()  # the scan's own list is kept for the next call
        pinyin = self._pinyin_spans(norm, covered)
        for s0, e0, _, _ in pinyin:
            for k in range(s0, e0):
                covered[k] = True
        # A typo's corrected term replaces the exact pieces inside it (智能 in 具生智能).
        kept = _longest(kept + pinyin)
        uncovered = sum(
            1
            for k, ch in enumerate(norm)
            if not covered[k] and textmod.CJK.match(ch) and ch not in STOPWORDS
        )
        return [(term, quality) for _, _, term, quality in kept], uncovered

    def names_topic(self, norm: str) -> bool:
        """Whether `norm` names a topic of the base (a term specific enough to find one)."""
        terms, _ = self.spans(norm)
        return any(self.specificity(term) >= 3 for term, _ in terms)

    def read_misspelt(self, norm: str) -> str:
        """`norm` with the names written with one wrong character spelt right.

        "末来产业有哪几个" -> "未来产业有哪几个", so every later step reads the name."""
        _, covered = self._exact_spans(norm)
        spans = _longest(self._one_off_spans(norm, covered))
        for start, end, term, _ in sorted(spans, reverse=True):
            norm = norm[:start] + term + norm[end:]
        return norm

    def _exact_spans(self, norm: str) -> tuple[list[tuple[int, int, str, float]], list[bool]]:
        """The terms the query holds as written, longest first, and which characters they cover.

        The last message's scan is kept: reading a message for misspelt names and scoring it
        scan the same text, unless a name was spelt right in between."""
        last = self._last_exact  # one read: another thread may replace it meanwhile
        if last is not None and last[0] == norm:
            return last[1], last[2]
        kept, covered = self._scan_exact(norm)
        self._last_exact = (norm, kept, covered)
        return kept, covered

    def _scan_exact(self, norm: str) -> tuple[list[tuple[int, int, str, float]], list[bool]]:
        index = self.index
        found: list[tuple[int, int, str, float]] = []
        for run in textmod.CJK_RUN.finditer(norm):
            s, start = run.group(), run.start()
            n = len(s)
            for i in range(n):
                for j in range(i + 2, min(n, i + index.max_term) + 1):
                    piece = s[i:j]
                    if piece not in index.term_starts:
                        break
                    if not (piece in index.idf or piece in index.named_idf):
                        continue  # most pieces name nothing: checked before their edges
                    if not (_splits_number(s, i, j) or _splits_word(s, i, j)):
                        found.append((start + i, start + j, piece, 1.0))
        words = list(re.finditer(textmod.LATIN_WORD, norm))
        stems = [textmod.stem(w.group()) for w in words]
        for i in range(len(words)):
            for n_words in range(min(index.english_named_max, len(words) - i), 0, -1):
                phrase = " ".join(stems[i : i + n_words])
                # A number alone was found above, with the Chinese text around it.
                if n_words == 1 and (
                    phrase in EN_STOPWORDS or len(phrase) < 2 or phrase[0].isdigit()
                ):
                    continue
                if phrase in index.named_idf or (n_words == 1 and phrase in index.idf):
                    found.append((words[i].start(), words[i + n_words - 1].end(), phrase, 1.0))

        kept = _longest(found)
        covered = [False] * len(norm)
        for s0, e0, _, _ in kept:
            for k in range(s0, e0):
                covered[k] = True
        return kept, covered

    def _pinyin_spans(self, norm: str, covered: list[bool]) -> list[tuple[int, int, str, float]]:
        index = self.index
        found: list[tuple[int, int, str, float]] = []
        # covered_before[k]: how many of the first k characters some term already explains.
        covered_before = list(itertools.accumulate(covered, initial=0))
        for run in re.finditer(r"[\u3400-\u9fff]{3,}", norm):
            s, start = run.group(), run.start()
            keys = [index.char_pinyin.get(c, c) for c in s]
            n = len(s)
            for i in range(n):
                key = keys[i]
                for j in range(i + 1, min(n, i + index.max_term) + 1):
                    if j > i + 1:
                        key += " " + keys[j - 1]
                    if key not in index.pinyin_starts:
                        break
                    if j - i < PINYIN_MIN_CHARS:
                        continue
                    if covered_before[start + j] - covered_before[start + i] == j - i:
                        continue  # every character already explained
                    terms = index.pinyin_named.get(key, ())
                    # "增长几多" asks how much: 几 begins 几多, it is no 极 of 增长极 misheard.
                    if not terms or (j < n and s[j - 1 : j + 1] in _ASKING_WORDS):
                        continue
                    for term in terms:
                        if term != s[i:j]:
                            found.append((start + i, start + j, term, PINYIN_QUALITY))
        return found

    def _one_off_spans(self, norm: str, covered: list[bool]) -> list[tuple[int, int, str, float]]:
        """Names written with one character wrong ("末来产业", "两业融台", "人工只能").

        Only where that character is one no term explains: the rest of the name is read."""
        one_off, named, pairs = self.index.one_off, self.index.named, self._one_off_pairs
        low, high = ONE_OFF_CHARS
        found: list[tuple[int, int, str, float]] = []
        for k, ch in enumerate(norm):
            if covered[k] or not textmod.CJK.match(ch) or ch in _FUNCTION_CHARS:
                continue
            if norm[max(0, k - 2) : k] not in pairs and norm[k + 1 : k + 3] not in pairs:
                continue
            for size in range(low, high + 1):
                for start in range(max(0, k - size + 1), min(k, len(norm) - size) + 1):
                    window = norm[start : start + size]
                    term = one_off.get(window[: k - start] + "\0" + window[k - start + 1 :])
                    if term is None or window in named:
                        continue
                    # A wrong first or last character stands apart from the text beyond it
                    # (末 of "周末来产业园" belongs to 周末), and is no word after a name written
                    # right (低空经济 in "低空经济喺").
                    edge = k in (start, start + size - 1)
                    rest = window[1:] if k == start else window[:-1]
                    outer = k - 1 if k == start else k + 1
                    if not edge or (rest not in named and not _joins_word(norm, outer)):
                        found.append((start, start + size, term, PINYIN_QUALITY))
        return found

    def read_initials(self, norm: str) -> str:
        """Names typed by their pinyin initials, in hanzi: "zjtx 怎么申请" -> "专精特新 怎么申请".

        Only a word of three to six letters without a vowel (so no pinyin syllable, and seldom
        English) that is no word the base knows."""
        index = self.index

        def spelt(found: re.Match[str]) -> str:
            word = found.group()
            name = index.initials.get(word.translate(_FOLDED_INITIALS))
            if (
                name is None
                or word in EN_STOPWORDS
                or word in index.postings
                or word in index.named
            ):
                return word
            return name

        return _INITIALS_WORD.sub(spelt, norm) if index.initials else norm

    def read_pinyin(self, norm: str) -> str:
        """A message typed (partly) in pinyin, with the words the base knows in hanzi.

        "dikong jingji gupiao mai na zhi" -> "低空经济 股票 mai na zhi".

        Only when nearly every Latin word is pinyin, so English is left alone."""
        index = self.index
        words = list(re.finditer(r"[a-z]+", norm))
        split = [textmod.split_pinyin(w.group(), index.syllables) for w in words]
        pinyin = [s for s in split if s is not None]
        # Two syllables are enough when they are the whole message ("xinpian"): a name alone.
        least = 2 if len(words) == 1 and words[0].group() == norm.strip() else PINYIN_MIN_CHARS
        if len(pinyin) < PINYIN_SHARE * len(words) or sum(map(len, pinyin)) < least:
            return norm
        # (folded syllable, the span of its word, whether it starts and ends that word)
        syllables: list[tuple[str, int, int, bool, bool]] = []
        end = 0
        for word, parts in zip(words, split, strict=True):
            if norm[end : word.start()].strip():  # "guangzhou 12218 shi": not one phrase
                syllables.append(("", end, end, True, True))
            end = word.end()
            if parts is None:
                syllables.append(("", word.start(), word.end(), True, True))
                continue
            for k, part in enumerate(parts):
                key = textmod.fold_syllable(part)
                syllables.append((key, word.start(), word.end(), k == 0, k == len(parts) - 1))
        out: list[str] = []
        cursor = i = 0
        while i < len(syllables):
            for j in range(min(len(syllables), i + index.max_term), i + 1, -1):
                chunk = syllables[i:j]
                if not (chunk[0][3] and chunk[-1][4]) or any(not key for key, *_ in chunk):
                    continue  # a word is read whole or not at all
                hanzi = index.pinyin_words.get(" ".join(key for key, *_ in chunk))
                if hanzi is not None:
                    out += [norm[cursor : chunk[0][1]], hanzi]
                    cursor, i = chunk[-1][2], j
                    break
            else:
                i += 1
        return "".join([*out, norm[cursor:]])


def tied(matches: tuple[Match, ...]) -> bool:
    """Whether the best two entries are too close to choose between."""
    return len(matches) > 1 and matches[0].score - matches[1].score <= NEAR_TIE


def topic_breaks_tie(matches: list[Match], topics: tuple[str, ...]) -> list[Match]:
    """Among near-equal entries, the one the message's topic names goes first.

    "Is the low-altitude economy one of Guangzhou's strategic clusters?" reads like the
    example questions of every cluster; only one of them is the low-altitude economy's."""
    if not topics or len(matches) < 2 or any(t in matches[0].why for t in topics):
        return matches
    for i, m in enumerate(matches[1:], 1):
        if matches[0].score - m.score > NEAR_TIE:
            break
        if any(t in m.why for t in topics):
            return [m, *matches[:i], *matches[i + 1 :]]
    return matches


def _phrase_bonus(term: str) -> float:
    """A phrase of several English words is stronger evidence than one word."""
    return 1.0 + 0.2 * term.count(" ")


def _weight_of(postings: tuple[tuple[int, float], ...] | None, idx: int) -> float:
    """The weight entry `idx` has in a posting list sorted by entry (0 when absent)."""
    if not postings:
        return 0.0
    at = bisect.bisect_left(postings, (idx, -math.inf))
    return postings[at][1] if at < len(postings) and postings[at][0] == idx else 0.0


# Characters that end or begin no word with a neighbour: 的, 是, 在, 吗 and Cantonese 嘅, 系.
# Not STOPWORDS' single characters: those hold 能, 会, 多, which begin words (能源, 会展).
_FUNCTION_CHARS = frozenset("的是在和与跟及或有要吗呢啊了把被给对从为让说讲问嘅系喺同就都也还")


def _joins_word(text: str, at: int) -> bool:
    """Whether text[at] is a character that may make a word with its neighbour."""
    return (
        0 <= at < len(text)
        and bool(textmod.CJK.match(text[at]))
        and (text[at] not in _FUNCTION_CHARS)
    )


def _splits_number(s: str, i: int, j: int) -> bool:
    """True when s[i:j] starts or ends inside a number: "21" is not found in "2218"."""
    return (i > 0 and s[i].isdigit() and s[i - 1].isdigit()) or (
        j < len(s) and s[j - 1].isdigit() and s[j].isdigit()
    )


# Words that ask (多少, 几多, 几时): a name heard by its sound never ends inside one.
_ASKING_WORDS = STOPWORDS | frozenset({"几多", "几大", "几耐", "几时", "几点", "几家", "几间"})


def _splits_word(s: str, i: int, j: int) -> bool:
    """True when a two-character s[i:j] starts inside a common word before it.

    体要 (of 总体要求) is not found in 具体要: its first character ends 具体. (Not the other
    way round: 区里 stays in 区里面.)"""
    return j - i == 2 and i > 0 and s[i - 1 : i + 1] in STOPWORDS and s[i - 1 : j] not in STOPWORDS


_PLACE_SUFFIXES = frozenset("市区省县镇")


def _longest(found: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Drop every match that lies inside a longer one (matches of the same span all stay).

    Sorted by start, then longest first, a match lies inside a longer kept one exactly when
    the kept matches reach past its end, or reach its end from an earlier start."""
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str, float]] = []
    reach, reach_start, reach_text = -1, -1, ""
    for m in found:
        start, end = m[0], m[1]
        if reach > end or (reach == end and reach_start < start):
            continue
        # ...and a two-character match that begins inside a longer name: 业主 is not found
        # in 服务业主要 (服务业 + 主要). A place's suffix may begin a word, though: 广州市长 is
        # 广州 + 市长, 黄埔区委 is 黄埔 + 区委.
        if (
            end - start == 2
            and reach_start < start < reach
            and reach - reach_start >= 3
            and reach_text[-1] not in _PLACE_SUFFIXES
        ):
            continue
        kept.append(m)
        if end > reach:
            reach, reach_start, reach_text = end, start, m[2]
    return kept
