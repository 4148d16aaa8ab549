"""Match a message against the knowledge base: ranked entries with scores and reasons.

The index is built once per base. Its vocabulary is every jieba token of the base (jieba's
dictionary extended with all titles, keywords and aliases, so 低空经济 and 专精特新 stay
whole) plus those named terms themselves. A query is scanned for vocabulary terms by
substring lookup, longest match first, so the work per query depends on its length and
on the entries that share a term with it, not on the size of the base.

Signals, combined into one score per candidate entry:
- named terms (title, keyword, alias) found in the query, weighted by how few entries
  carry them; a term nested in a longer match does not count (新材料 in 绿色石化与新材料),
  and the plan's own names (12218, 两业融合) yield to a more specific term beside them;
- the same terms found by fuzzy pinyin, for typos from pinyin input (两业荣合 -> 两业融合);
- BM25 over all vocabulary terms, as the share of the query's information an entry
  explains (words the base has never seen count against every entry);
- rapidfuzz similarity to the entry's own example questions.

Before any of that, messages the bot should not answer from the base are recognised:
empty or emoji-only text, greetings, questions about the bot, instructions aimed at it,
errands for a general assistant, and other places' plans.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from bot import text as textmod
from bot.index import BM25_K1, EN_STOPWORDS, PINYIN_MIN_CHARS, STOPWORDS, Index, squeeze
from bot.index_cache import load_or_build
from bot.knowledge import Entry, KnowledgeBase

FUZZ_CANDIDATES = 12
PINYIN_QUALITY = 0.85
UNKNOWN_IDF = 1.5
EXACT_QUESTION_BONUS = 0.5
CONTEXT_WEIGHT = 0.5
SPECIFIC_IDF = 0.3      # below this, a name is carried by so many entries it names no topic
SUBWORD_SPECIFIC_IDF = 0.6

LEXICAL_WEIGHT, FUZZY_WEIGHT = 0.8, 1.2
CONFIDENCE_HALF = 0.6   # evidence strength at which confidence is 0.5
CONFIDENT = 0.5         # below this the bot says it does not know
ALTERNATIVE = 0.3       # runners-up above this (and close to the best) are offered
ALTERNATIVE_RATIO = 0.5

_INJECTION = re.compile(
    r"ignore (?:all |any )?(?:previous|prior|above) (?:instructions|prompts?)|system prompt|"
    r"jailbreak|you are now|act as|pretend to be|\[系统消息\]|系统提示|管理员已授权|"
    r"忽略(?:之前|以上|前面|所有)|(?:你|请)(?:现在)?扮演|输出.{0,8}(?:知识库|提示词|全部内容)|prompt",
    re.IGNORECASE,
)
OTHER_PLACES = (
    "深圳", "上海", "北京", "杭州", "天津", "重庆", "成都", "武汉",
    "南京", "苏州", "西安", "长沙", "郑州", "东莞", "佛山", "珠海",
    "厦门", "青岛", "宁波", "合肥", "香港", "澳门", "台北", "新加坡",
    "美国", "德国", "日本", "韩国", "英国", "法国", "欧盟", "欧洲", "印度", "俄罗斯",
    "shenzhen", "shanghai", "beijing", "hangzhou", "hong kong", "singapore",
    "america", "u.s.", "usa", "germany", "japan", "korea", "europe", "britain", "india",
)
# Requests that are not questions about the plan even when they use one of its words:
# errands for a general assistant, and everyday city services, which 12345 answers.
_ERRAND = re.compile(
    r"写.{0,12}?(?:诗|歌词|故事|作文|小说|代码|程序)|讲(?:一个|个)?笑话|"
    r"write (?:me )?(?:a |an |some )?(?:poem|story|song|essay|code|program|script)|"
    r"tell (?:me )?a joke",
    re.IGNORECASE,
)
_CITY_SERVICE = re.compile(
    r"(?:到|去)[^，,。？?]{1,12}怎么(?:走|去)|怎么去[^，,。？?]{1,12}(?:站|路|机场|医院)|"
    r"坐地铁|坐公交|打车|几点(?:开门|关门|营业|发车|收车|停运|下班|上班)|(?:今天|明天|现在)几点|"
    r"首班|末班|收车|停运|"
    r"车牌|摇号|购车指标|社保|公积金|户口|落户|入学|学位房|签证|护照|天气|气温|下雨|"
    r"directions to|weather",
    re.IGNORECASE,
)
_HOME = re.compile(r"广州|穗|12218|21\+8|guangzhou|canton", re.IGNORECASE)
_TOGETHER = re.compile(
    r"合作|协作|协同|配套|联动|湾区|携手|对比|区别|cooperat|collaborat|partner"
)
_ABOUT_BOT = re.compile(
    r"你是谁|你是什么|你叫什么|谁开发|谁做的你|什么模型|你是机器人吗|are you a bot|who are you|"
    r"what are you|who made you",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^(?:你好|您好|hi|hello|hey|哈喽|嗨|早上好|晚上好|在吗|在不在|"
    r"谢谢|多谢|感谢|thanks?|thank you|ok|好的|收到|bye|再见)[!！~。.？?]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float          # 0-1 confidence
    why: tuple[str, ...]  # the terms that matched, best first


@dataclass(frozen=True, slots=True)
class Result:
    query: str                   # the message as given
    cleaned: str                 # what was matched: no command, mention or markup
    matches: tuple[Match, ...]   # best first; empty when nothing is related at all
    confident: bool
    # answered | empty | no_text | greeting | about_bot | city_service | out_of_scope | no_match
    reason: str
    traditional: bool = False
    english: bool = False

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches and self.confident else None

    @property
    def alternatives(self) -> tuple[Match, ...]:
        return self.matches[1:] if self.confident else self.matches


@dataclass(slots=True)
class _Evidence:
    """One query's evidence per candidate entry (index into the base's entries)."""

    named: dict[int, float] = field(default_factory=dict)     # named terms found
    context: dict[int, float] = field(default_factory=dict)   # ... of which only context
    pillar_context: dict[str, float] = field(default_factory=dict)  # part name -> its pillar
    lexical: dict[int, float] = field(default_factory=dict)   # BM25
    query_info: float = 0.0                                   # the query's total idf
    spans: list[tuple[str, float]] = field(default_factory=list)


class Matcher:
    """Answers queries against one knowledge base. Build once; `match` is cheap."""

    def __init__(self, kb: KnowledgeBase, *, cache_dir: Path | None = None) -> None:
        """Load the index of `kb` from `cache_dir` (None: no cache), or build it there."""
        self.kb = kb
        self._index: Index = load_or_build(kb, cache_dir)
        self._entries = [kb.by_id[eid] for eid in self._index.entry_ids]

    # --- matching -------------------------------------------------------------------

    def match(self, message: str, top: int = 4, *, closeness: float = ALTERNATIVE_RATIO) -> Result:
        """The best entries for `message`, at most `top`. Runners-up are kept while their
        evidence is at least `closeness` times the best's (0 keeps every related entry,
        for look-up lists such as inline mode)."""
        cleaned = textmod.clean(message)
        traditional = textmod.is_traditional(cleaned)
        norm = textmod.normalize(cleaned)
        english = not textmod.has_cjk(norm) and bool(re.search(r"[a-z]{2}", norm))

        def result(reason: str, matches: tuple[Match, ...] = (), confident: bool = False) -> Result:
            return Result(message.strip(), cleaned, matches, confident, reason, traditional,
                          english)

        if not norm:
            return result("empty")
        if not (textmod.has_cjk(norm) or re.search(r"[a-z0-9]", norm)):
            return result("no_text")
        if _GREETING.match(norm):
            return result("greeting")
        if _ABOUT_BOT.search(norm):
            return result("about_bot")
        if _CITY_SERVICE.search(norm):
            return result("city_service")
        if _INJECTION.search(norm) or _ERRAND.search(norm) or self._about_another_place(norm):
            return result("out_of_scope")

        ev = self._score(norm)
        compact = squeeze(norm)
        # A message that is one of an entry's own example questions is about that entry.
        exact = self._index.exact_questions.get(compact)
        candidates = ev.named.keys() | ev.lexical.keys()
        if exact is not None:
            candidates.add(exact)
        if not candidates:
            return result("no_match")

        def evidence(idx: int, similarity: float = 0.0, *, ranking: bool = True) -> float:
            """How strongly the query points at entry `idx`. A name that only sets the
            context (两业融合 in "两业融合的用地政策") counts less for choosing among entries
            and fully for deciding to answer; entries of the part it names share in it."""
            name = ev.named.get(idx, 0.0)
            own_context = ev.context.get(idx, 0.0)
            if ev.pillar_context and not own_context:
                own_context = ev.pillar_context.get(self._entries[idx].pillar, 0.0)
                name += own_context
            if ranking:
                name -= (1 - CONTEXT_WEIGHT) * own_context
            return _strength(name, ev.lexical.get(idx, 0.0), similarity, ev.query_info)

        shortlist = heapq.nlargest(max(FUZZ_CANDIDATES, top), candidates, key=evidence)
        if exact is not None and exact not in shortlist:
            shortlist.append(exact)
        scored: list[tuple[int, float, float]] = []
        for idx in shortlist:
            similarity = max((fuzz.ratio(compact, q) for q in self._index.questions[idx]),
                             default=0.0)
            scored.append((idx, evidence(idx, similarity),
                           evidence(idx, similarity, ranking=False)))
        # Runners-up are judged against the best evidence, not against the exact-question lift.
        best_rank = max(rank for _, rank, _ in scored)
        if exact is not None:
            lift = best_rank + EXACT_QUESTION_BONUS
            scored = [(idx, lift, max(full, lift)) if idx == exact else (idx, rank, full)
                      for idx, rank, full in scored]
        scored.sort(key=lambda item: item[1], reverse=True)

        matches: list[Match] = []
        for idx, rank, full in scored:
            confidence = full / (full + CONFIDENCE_HALF)
            if matches and (rank < best_rank * closeness or confidence < ALTERNATIVE):
                break
            matches.append(
                Match(self._entries[idx], round(confidence, 3), self._why(idx, ev.spans)))
            if len(matches) >= top:
                break
        confident = matches[0].score >= CONFIDENT
        if not confident:
            matches = [m for m in matches if m.score >= ALTERNATIVE][:3]
        return result("answered" if confident else "no_match", tuple(matches), confident)

    def _about_another_place(self, norm: str) -> bool:
        """A question about another place's plans, not about its cooperation with Guangzhou."""
        mentions_other = any(city in norm for city in OTHER_PLACES)
        return mentions_other and not _HOME.search(norm) and not _TOGETHER.search(norm)

    def _score(self, norm: str) -> _Evidence:
        """What the query's terms say about each candidate entry."""
        index = self._index
        ev = _Evidence()
        ev.spans, uncovered = self._find_spans(norm)
        # Words the base has never seen still belong to the question: each unknown pair of
        # characters counts as a rare term, so "地铁几点停运" is not explained by 地铁 alone.
        ev.query_info = uncovered / 2 * UNKNOWN_IDF
        # The plan's name (12218) or a part's name (两业融合) beside a more specific term sets
        # the context of the question; the more specific term says what it is about.
        levels = [self._specificity(term) for term, _ in ev.spans]
        most_specific = max(levels, default=0)
        for (term, quality), level in zip(ev.spans, levels, strict=True):
            named_idf = index.named_idf.get(term)
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

    def _specificity(self, term: str) -> int:
        """0 not a name worth the word, 1 the plan's name, 2 a part's name, 3 a topic's."""
        context = self._index.context_terms.get(term)
        if context is not None:
            return context
        # A piece of a longer name must be rarer to name a topic by itself: 用地 of
        # 用地政策 does, 要求 of 总体要求 does not.
        needed = SUBWORD_SPECIFIC_IDF if term in self._index.subwords else SPECIFIC_IDF
        return 3 if self._index.named_idf.get(term, 0.0) >= needed else 0

    def _why(self, idx: int, spans: list[tuple[str, float]]) -> tuple[str, ...]:
        """The query's terms that count for entry `idx`, strongest first."""
        index = self._index
        gains: dict[str, float] = {}
        for term, quality in spans:
            weight = _weight_of(index.named.get(term), idx)
            gain = 2 * weight * index.named_idf[term] * quality if weight else 0.0
            gain += quality * _weight_of(index.postings.get(term), idx) / (BM25_K1 + 1) / 4
            if gain:
                gains[term] = gains.get(term, 0.0) + gain
        return tuple(sorted(gains, key=lambda t: -gains[t]))[:6]

    def _find_spans(self, norm: str) -> tuple[list[tuple[str, float]], int]:
        """Vocabulary and named terms in the query, longest first, then pinyin matches for
        the rest; and how many content characters no term explains."""
        index = self._index
        found: list[tuple[int, int, str, float]] = []
        for run in textmod.CJK_RUN.finditer(norm):
            s, start = run.group(), run.start()
            n = len(s)
            for i in range(n):
                for j in range(min(n, i + index.max_term), i + 1, -1):
                    piece = s[i:j]
                    if _splits_number(s, i, j):
                        continue
                    if piece in index.idf or piece in index.named_idf:
                        found.append((start + i, start + j, piece, 1.0))
        words = list(re.finditer(textmod.LATIN_WORD, norm))
        stems = [textmod.stem(w.group()) for w in words]
        for i in range(len(words)):
            for n_words in range(min(index.english_named_max, len(words) - i), 0, -1):
                phrase = " ".join(stems[i : i + n_words])
                # A number alone was found above, with the Chinese text around it.
                if n_words == 1 and (phrase in EN_STOPWORDS or len(phrase) < 2
                                     or phrase[0].isdigit()):
                    continue
                if phrase in index.named_idf or (n_words == 1 and phrase in index.idf):
                    found.append((words[i].start(), words[i + n_words - 1].end(), phrase, 1.0))

        kept = _longest(found)
        covered = [False] * len(norm)
        for s0, e0, _, _ in kept:
            for k in range(s0, e0):
                covered[k] = True
        pinyin = self._pinyin_spans(norm, covered)
        for s0, e0, _, _ in pinyin:
            for k in range(s0, e0):
                covered[k] = True
        # A typo's corrected term replaces the exact pieces inside it (智能 in 具生智能).
        kept = _longest(kept + pinyin)
        uncovered = sum(
            1 for k, ch in enumerate(norm)
            if not covered[k] and textmod.CJK.match(ch) and ch not in STOPWORDS
        )
        return [(term, quality) for _, _, term, quality in kept], uncovered

    def _pinyin_spans(self, norm: str, covered: list[bool]) -> list[tuple[int, int, str, float]]:
        index = self._index
        found: list[tuple[int, int, str, float]] = []
        # covered_before[k]: how many of the first k characters some term already explains.
        covered_before = list(itertools.accumulate(covered, initial=0))
        for run in re.finditer(r"[\u3400-\u9fff]{3,}", norm):
            s, start = run.group(), run.start()
            keys = [index.char_pinyin.get(c, c) for c in s]
            n = len(s)
            for i in range(n):
                for j in range(min(n, i + index.max_term), i + PINYIN_MIN_CHARS - 1, -1):
                    if covered_before[start + j] - covered_before[start + i] == j - i:
                        continue  # every character already explained
                    for term in index.pinyin_named.get(" ".join(keys[i:j]), ()):
                        if term != s[i:j]:
                            found.append((start + i, start + j, term, PINYIN_QUALITY))
        return found


def _strength(named: float, lexical: float, similarity: float, query_info: float) -> float:
    """One evidence score: named terms count most; BM25 counts as the share of the query's
    information the entry explains; a near-copy of an example question counts too."""
    lexical_share = lexical / ((BM25_K1 + 1) * query_info) if query_info else 0.0
    fuzzy = max(0.0, similarity - 50.0) / 50.0
    return named + LEXICAL_WEIGHT * min(lexical_share, 1.0) + FUZZY_WEIGHT * fuzzy


def _phrase_bonus(term: str) -> float:
    """A phrase of several English words is stronger evidence than one word."""
    return 1.0 + 0.2 * term.count(" ")


def _weight_of(postings: tuple[tuple[int, float], ...] | None, idx: int) -> float:
    """The weight entry `idx` has in a posting list sorted by entry (0 when absent)."""
    if not postings:
        return 0.0
    at = bisect.bisect_left(postings, (idx, -math.inf))
    return postings[at][1] if at < len(postings) and postings[at][0] == idx else 0.0



def _splits_number(s: str, i: int, j: int) -> bool:
    """True when s[i:j] starts or ends inside a number: "21" is not found in "2218"."""
    return (i > 0 and s[i].isdigit() and s[i - 1].isdigit()) or (
        j < len(s) and s[j - 1].isdigit() and s[j].isdigit()
    )


def _longest(found: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Drop every match that lies inside a longer one (matches of the same span all stay).

    Sorted by start, then longest first, a match lies inside a longer kept one exactly when
    the kept matches reach past its end, or reach its end from an earlier start."""
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str, float]] = []
    reach, reach_start = -1, -1
    for m in found:
        start, end = m[0], m[1]
        if reach > end or (reach == end and reach_start < start):
            continue
        kept.append(m)
        if end > reach:
            reach, reach_start = end, start
    return kept


