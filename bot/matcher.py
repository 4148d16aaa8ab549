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
import gc
import hashlib
import heapq
import itertools
import logging
import math
import os
import pickle
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from bot import text as textmod
from bot.knowledge import Entry, KnowledgeBase

log = logging.getLogger(__name__)

INDEX_FORMAT = 3
MAX_TERM_CHARS = 16
PINYIN_MIN_CHARS = 3
FUZZ_CANDIDATES = 12

# Field weights: how much a term found in that field says about the entry.
TITLE, KEYWORD, ALIAS, TITLE_PART, SYNONYM, SUBWORD = 1.0, 0.9, 0.85, 0.8, 0.75, 0.5
BM25_FIELDS = {"title": 3.0, "keywords": 2.0, "aliases": 2.0, "questions": 1.5, "passage": 1.0,
               "title_en": 3.0, "summary_en": 1.0}
BM25_K1, BM25_B = 1.2, 0.5
PINYIN_QUALITY = 0.85
UNKNOWN_IDF = 1.5
EXACT_QUESTION_BONUS = 0.5
CONTEXT_WEIGHT = 0.5
SPECIFIC_IDF = 0.3      # below this, a name is carried by so many entries it names no topic
SUBWORD_SPECIFIC_IDF = 0.6
TITLE_PARTS_MAX = 12    # characters: a longer title is a description, not a name
POSTINGS_CAP = 400      # entries kept per term; only matters on bases of thousands

LEXICAL_WEIGHT, FUZZY_WEIGHT = 0.8, 1.2
CONFIDENCE_HALF = 0.6   # evidence strength at which confidence is 0.5
CONFIDENT = 0.5         # below this the bot says it does not know
ALTERNATIVE = 0.3       # runners-up above this (and close to the best) are offered
ALTERNATIVE_RATIO = 0.5

STOPWORDS = frozenset("""
不是 算不算 是否是 属实 核实 帮忙 帮我
的 了 吗 呢 啊 吧 嘛 哦 呀 啦 哈 哈哈 么 呗 咯 喔 嗯 噢 哇 是 有 在 和 与 及 或 这 那
这个 那个 哪个 什么 怎么 怎样 如何 为什么 为何 哪些 哪里 多少 几个 是否 是不是 有没有
能不能 可以 可不可以 请问 请 一下 介绍 讲讲 说说 具体 主要 就是 还是 以及 我们 我 你 你们
他们 它 他 她 大家 一个 一些 这些 那些 里面 其中 关于 对于 通过 进行 相关 方面 问题 情况
东西 到底 究竟 意思 指 指的是 包括 包含 哪 谁 咩 嘅 係 系 喺 唔 啲 咗 佢 點 点样 乜 乜嘢
同埋 咁 而家 冇 会 能 要 想 让 给 把 被 跟 从 对 向 都 也 还 又 就 才 只 很 太 更 最 多
少 好 哟 嗨 喂 诶 欸 么样 怎么样 咋 啥 咋样 啥子 干嘛 搞 弄 啥意思 什么意思 是啥 是什么
有啥 有什么 干啥 回事 一回事 分别 哪一类 哪类 哪几个 怎么回事 请教 知道 了解 一下子 听说
感觉 觉得 好像 真的 现在 今年 目前
""".split())
EN_STOPWORDS = frozenset("""
a an the of and or to in on for is are was were be been what which who whom whose how why when
where does do did can could should would will shall may might there their this that these those
it its i we you he she they me us them my our your about with by from as at into under over any
some all more most than then so such not no yes please tell explain meaning mean guangzhou
guangzhou's city plan
""".split())

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
_COUNT = re.compile(r"[0-9一二三四五六七八九十两]+个?")
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


@dataclass(slots=True)
class _Index:
    """Plain data, so it can be pickled and loaded without jieba or pypinyin."""

    entry_ids: list[str]
    named: dict[str, tuple[tuple[int, float], ...]]   # named term -> (entry, field weight)
    named_idf: dict[str, float]
    postings: dict[str, tuple[tuple[int, float], ...]]  # term -> (entry, BM25 gain)
    idf: dict[str, float]
    pinyin_named: dict[str, list[str]]                # fuzzy pinyin key -> named terms
    char_pinyin: dict[str, str]
    questions: list[tuple[str, ...]]
    exact_questions: dict[str, int]                   # compact example question -> entry
    max_term: int
    english_named_max: int = 1
    context_terms: dict[str, int] = field(default_factory=dict)  # name -> 1 plan, 2 part
    context_pillar: dict[str, str] = field(default_factory=dict)  # a part's name -> pillar
    subwords: frozenset[str] = frozenset()            # named terms that are only pieces


def _squeeze(norm: str) -> str:
    """Already normalised text without spaces or punctuation."""
    return re.sub(r"[^\w+]+", "", norm)


def _compact(s: str) -> str:
    """Normalised text without spaces or punctuation, for substring and fuzzy comparison."""
    return _squeeze(textmod.normalize(s))


def _english_key(s: str) -> str:
    return " ".join(textmod.english_tokens(textmod.normalize(s)))


def _is_latin(term: str) -> bool:
    return not textmod.has_cjk(term)


def _title_parts(title: str) -> list[str]:
    # Only names are split (智能装备与机器人); a descriptive title's pieces name nothing.
    if len(_compact(title)) > TITLE_PARTS_MAX:
        return []
    parts = re.split(r"[与和及、：:（）()/·]+", title)
    return [p for p in parts if len(_compact(p)) >= 3 and p != title]


def _code_fingerprint() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("matcher.py", "text.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:10]


def _cache_dir() -> Path | None:
    configured = os.environ.get("POLICYBOT_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "policybot"


class Matcher:
    """Answers queries against one knowledge base. Build once; `match` is cheap."""

    def __init__(self, kb: KnowledgeBase, *, use_cache: bool = True) -> None:
        self.kb = kb
        self._index = self._load_or_build(use_cache)
        self._entries = [kb.by_id[eid] for eid in self._index.entry_ids]
        # The index lives as long as the process: keep the garbage collector from rescanning
        # its millions of objects on a large base (pauses of 100 ms at 10,000 entries).
        gc.collect()
        gc.freeze()

    # --- building -------------------------------------------------------------------

    def _load_or_build(self, use_cache: bool) -> _Index:
        cache_dir = _cache_dir() if use_cache else None
        key = f"{self.kb.version}-{_code_fingerprint()}-{INDEX_FORMAT}-{len(self.kb.entries)}"
        path = cache_dir / f"index-{key}.pickle" if cache_dir else None
        if path and path.is_file():
            try:
                with path.open("rb") as fh:
                    index: _Index = pickle.load(fh)  # noqa: S301 - our own cache file
                if index.entry_ids == [e.id for e in self.kb.entries]:
                    return index
            except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
                log.warning("index cache %s unreadable; rebuilding", path.name)
        index = build_index(self.kb)
        if path:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                with tmp.open("wb") as fh:
                    pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(path)
            except OSError as exc:
                log.info("index cache not written (%s)", exc.strerror)
        return index

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
        compact = _squeeze(norm)
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


def _capped(pairs: list[tuple[int, float]]) -> tuple[tuple[int, float], ...]:
    """The POSTINGS_CAP heaviest (entry, weight) pairs, sorted by entry for bisection."""
    if len(pairs) > POSTINGS_CAP:
        pairs = heapq.nlargest(POSTINGS_CAP, pairs, key=lambda pair: pair[1])
    return tuple(sorted(pairs))


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


# --- index construction -----------------------------------------------------------------


def _named_terms(entry: Entry, synonyms: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """Terms that name this entry, with the weight of the field they come from."""
    terms: dict[str, float] = {}

    def add(raw: str, weight: float) -> None:
        key = _english_key(raw) if _is_latin(raw) else _compact(raw)
        if len(key) >= 2 and key not in EN_STOPWORDS and weight > terms.get(key, 0.0):
            terms[key] = weight

    add(entry.title, TITLE)
    for part in _title_parts(textmod.normalize(entry.title)):
        add(part, TITLE_PART)
    add(entry.title_en, TITLE)
    for part in re.split(r",|;|:| and | - |\(|\)", entry.title_en):
        if len(part.split()) >= 2:
            add(part, TITLE_PART)
    for kw in entry.keywords:
        add(kw, KEYWORD)
    for alias in entry.aliases:
        add(alias, ALIAS)
    for canonical, variants in synonyms.items():
        weight = terms.get(_compact(canonical))
        if weight is not None:
            for variant in variants:
                add(variant, min(weight, SYNONYM))
    return terms


def build_index(kb: KnowledgeBase) -> _Index:
    """Tokenise every entry and build the lookup tables (about a second: jieba loads here)."""
    import jieba  # noqa: PLC0415 - heavy; only needed when the cached index is stale

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    synonyms = {textmod.normalize(k): v for k, v in kb.synonyms.items()}
    named_per_entry = [_named_terms(e, synonyms) for e in kb.entries]
    for terms in named_per_entry:
        for term in terms:
            if not _is_latin(term):
                tokenizer.add_word(term, freq=50000)

    def tokens(s: str) -> list[str]:
        norm = textmod.normalize(s)
        out = [t for t in tokenizer.lcut_for_search(norm, HMM=False) if len(t.strip()) >= 2]
        cjk = [t for t in out if textmod.has_cjk(t) and t not in STOPWORDS]
        latin = [textmod.stem(w) for w in textmod.LATIN_WORD.findall(norm)]
        return cjk + [w for w in latin if w not in EN_STOPWORDS and len(w) >= 2]

    n_entries = len(kb.entries)
    postings: dict[str, dict[int, float]] = defaultdict(dict)
    doc_len: list[float] = []
    for idx, entry in enumerate(kb.entries):
        fields = {
            "title": [entry.title], "keywords": list(entry.keywords),
            "aliases": list(entry.aliases), "questions": list(entry.questions),
            "passage": [entry.passage], "title_en": [entry.title_en],
            "summary_en": [entry.summary_en],
        }
        length = 0.0
        for name, texts in fields.items():
            weight = BM25_FIELDS[name]
            for t in texts:
                for token in tokens(t):
                    postings[token][idx] = postings[token].get(idx, 0.0) + weight
                    length += weight
        doc_len.append(length)

    def idf(df: int) -> float:
        return math.log(1 + (n_entries - df + 0.5) / (df + 0.5))

    final_postings, idf_table = _bm25_postings(postings, doc_len, idf)

    # Words inside a longer name count a little, so 量子 still points at 量子科技; how
    # specific such a word is comes from the whole text (规划 is everywhere, 量子 is not).
    # An English phrase that is the full name of some entry stays that entry's alone.
    full_names = {term for terms in named_per_entry for term in terms if _is_latin(term)}
    subwords: set[str] = set()
    for terms in named_per_entry:
        for term, weight in list(terms.items()):
            if _is_latin(term):
                # Two words of a longer English name: "emerging pillar" of its title.
                words = term.split()
                for pair in itertools.pairwise(words):
                    phrase = " ".join(pair)
                    if len(words) > 2 and not set(pair) & EN_STOPWORDS \
                            and phrase not in full_names:
                        terms.setdefault(phrase, weight * SUBWORD)
                        subwords.add(phrase)
                continue
            if len(term) < 4:
                continue
            for word in tokenizer.lcut_for_search(term, HMM=False):
                if len(word) >= 2 and word != term and word not in STOPWORDS \
                        and word not in terms and not _COUNT.fullmatch(word):
                    terms[word] = weight * SUBWORD
                    subwords.add(word)
    named_lists: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for idx, terms in enumerate(named_per_entry):
        for term, weight in terms.items():
            named_lists[term].append((idx, weight))
    max_idf = idf(1)
    named_idf = {
        t: idf(max(len(p), len(postings.get(t, ())) if t in subwords else 0)) / max_idf
        for t, p in named_lists.items()
    }
    named = {t: _capped(p) for t, p in named_lists.items()}

    char_pinyin, pinyin_named = _pinyin_tables(named)
    questions = [tuple(_compact(q) for q in e.questions) for e in kb.entries]
    context_levels, context_pillars = _context_terms(kb, set(named))
    all_terms = [*final_postings, *named]
    return _Index(
        entry_ids=[e.id for e in kb.entries],
        named=named, named_idf=named_idf,
        postings=final_postings, idf=idf_table,
        pinyin_named=pinyin_named, char_pinyin=char_pinyin,
        questions=questions,
        exact_questions={q: idx for idx, qs in enumerate(questions) for q in qs},
        max_term=min(MAX_TERM_CHARS, max((len(t) for t in all_terms if not _is_latin(t)),
                                          default=2)),
        english_named_max=max((t.count(" ") + 1 for t in named if _is_latin(t)), default=1),
        context_terms=context_levels, context_pillar=context_pillars,
        subwords=frozenset(subwords - {t for terms in named_per_entry for t, w in terms.items()
                                       if w >= TITLE_PART}),
    )


def _context_terms(kb: KnowledgeBase, named: set[str]) -> tuple[dict[str, int], dict[str, str]]:
    """The name of the plan (level 1) and of its parts (level 2), as named terms; and the
    pillar each part's name stands for."""
    levels = {"12218": 1, "现代化产业体系": 1, "12218现代化产业体系": 1,
              "21": 2, "21+8": 2, "15+6": 2, "重点产业": 2}
    pillars: dict[str, str] = {}
    for pillar in kb.pillars:
        for name in (pillar.name, pillar.name_en, *re.split(r"[：:、（）()]+", pillar.name)):
            for variant in (name, re.sub(r"^[0-9]+个", "", name)):  # 6个未来产业 -> 未来产业
                key = _english_key(variant) if _is_latin(variant) else _compact(variant)
                if key and key in named and key not in levels:
                    levels[key] = 2
                    pillars[key] = pillar.id
    keys = {(_english_key(n) if _is_latin(n) else _compact(n)): level
            for n, level in levels.items()}
    return {key: level for key, level in keys.items() if key in named}, pillars


def _bm25_postings(
    postings: dict[str, dict[int, float]], doc_len: list[float], idf: Callable[[int], float]
) -> tuple[dict[str, tuple[tuple[int, float], ...]], dict[str, float]]:
    """Each term's BM25 gain per entry, computed once here since it depends only on the
    entry. Terms in more than half the entries carry no information and only cost time; of
    a common term only the entries it matters most to are kept, which bounds the work per
    query on a large base."""
    n_entries = len(doc_len)
    limit = max(2, n_entries // 2)
    avg_len = sum(doc_len) / n_entries if n_entries else 1.0
    final: dict[str, tuple[tuple[int, float], ...]] = {}
    idf_table: dict[str, float] = {}
    for term, per_entry in postings.items():
        if len(per_entry) > limit:
            continue
        term_idf = idf(len(per_entry))
        gains = [
            (idx, term_idf * tf * (BM25_K1 + 1)
             / (tf + BM25_K1 * (1 - BM25_B + BM25_B * doc_len[idx] / avg_len)))
            for idx, tf in per_entry.items()
        ]
        final[term] = _capped(gains)
        idf_table[term] = term_idf
    return final, idf_table


def _pinyin_tables(
    named: dict[str, tuple[tuple[int, float], ...]]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """A loose pinyin key for every common hanzi, and the named terms under each key."""
    char_pinyin = {chr(code): textmod.fuzzy_syllable(chr(code)) for code in range(0x4E00, 0x9FA6)}
    pinyin_named: dict[str, list[str]] = defaultdict(list)
    for term in named:
        if not _is_latin(term) and len(term) >= PINYIN_MIN_CHARS and textmod.CJK.match(term):
            pinyin_named[" ".join(char_pinyin.get(c, c) for c in term)].append(term)
    return char_pinyin, dict(pinyin_named)
