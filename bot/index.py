"""The search index of a knowledge base: every term that can point at an entry, built once.

Its vocabulary is every jieba token of the base (jieba's dictionary extended with all
titles, keywords and aliases, so 低空经济 and 专精特新 stay whole) plus those named terms
themselves, with BM25 gains per entry, how specific each name is, pinyin keys for typos
and the entries' own example questions. The index is plain data, so it can be cached
(`bot.index_cache`) and loaded without jieba or pypinyin.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from bot import text as textmod
from bot.knowledge import Entry, KnowledgeBase

INDEX_FORMAT = 8
MAX_TERM_CHARS = 16
PLAN_NUMBER = "12218"  # the plan's own name
PLAN_DIGITS = "21|1|2|8"  # its parts as digits, longest first: an alternation for patterns
PINYIN_MIN_CHARS = 3

# Field weights: how much a term found in that field says about the entry.
TITLE, KEYWORD, ALIAS, TITLE_PART, SYNONYM, SUBWORD = 1.0, 0.9, 0.85, 0.8, 0.75, 0.5
BM25_FIELDS = {
    "title": 3.0,
    "keywords": 2.0,
    "aliases": 2.0,
    "questions": 1.5,
    "passage": 1.0,
    "title_en": 3.0,
    "summary_en": 1.0,
}
BM25_K1, BM25_B = 1.2, 0.5
TITLE_PARTS_MAX = 12  # characters: a longer title is a description, not a name
POSTINGS_CAP = 400  # entries kept per term; only matters on bases of thousands

STOPWORDS = frozenset(
    """
不是 算不算 是否是 属实 核实 帮忙 帮我
的 了 吗 呢 啊 吧 嘛 哦 呀 啦 哈 哈哈 么 呗 咯 喔 嗯 噢 哇 是 有 在 和 与 及 或 这 那
这个 那个 哪个 什么 怎么 怎样 如何 为什么 为何 哪些 哪里 多少 几个 是否 是不是 有没有
能不能 可以 可不可以 请问 请 一下 介绍 讲讲 说说 具体 主要 就是 还是 以及 我们 我 你 你们
他们 它 他 她 大家 一个 一些 这些 那些 里面 其中 关于 对于 通过 进行 相关 方面 问题 情况
东西 到底 究竟 意思 指 指的是 包括 包含 哪 谁 咩 嘅 係 系 喺 唔 啲 咗 佢 點 点样 乜 乜嘢
同埋 咁 而家 冇 会 能 要 想 让 给 把 被 跟 从 对 向 都 也 还 又 就 才 只 很 太 更 最 多
少 好 哟 嗨 喂 诶 欸 么样 怎么样 咋 啥 咋样 啥子 干嘛 搞 弄 啥意思 什么意思 是啥 是什么
有啥 有什么 干啥 回事 一回事 分别 哪一类 哪类 哪几个 怎么回事 请教 知道 了解 一下子 听说
感觉 觉得 好像 真的 现在 今年 目前 正式 作为
""".split()
)
EN_STOPWORDS = frozenset(
    """
a an the of and or to in on for is are was were be been what which who whom whose how why when
where does do did can could should would will shall may might there their this that these those
it its i we you he she they me us them my our your about with by from as at into under over any
some all more most than then so such not no yes please tell explain meaning mean guangzhou
guangzhou's city plan
""".split()
)
_COUNT = re.compile(r"[0-9一二三四五六七八九十两]+[个大项类条]?")  # 八个, 八大: a count, no name


@dataclass(slots=True)
class Index:
    """Plain data, so it can be pickled and loaded without jieba or pypinyin."""

    entry_ids: list[str]
    named: dict[str, tuple[tuple[int, float], ...]]  # named term -> (entry, field weight)
    named_idf: dict[str, float]
    postings: dict[str, tuple[tuple[int, float], ...]]  # term -> (entry, BM25 gain)
    idf: dict[str, float]
    pinyin_named: dict[str, list[str]]  # fuzzy pinyin key -> named terms
    char_pinyin: dict[str, str]
    questions: list[tuple[str, ...]]
    exact_questions: dict[str, int]  # compact title or example question -> entry
    max_term: int
    english_named_max: int = 1
    context_terms: dict[str, int] = field(default_factory=dict)  # name -> 1 plan, 2 part
    context_pillar: dict[str, str] = field(default_factory=dict)  # a part's name -> pillar
    subwords: frozenset[str] = frozenset()  # named terms that are only pieces
    syllables: frozenset[str] = frozenset()  # every toneless pinyin syllable
    pinyin_words: dict[str, str] = field(default_factory=dict)  # "di kon" -> 低空
    initials: dict[str, str] = field(default_factory=dict)  # "rgzn" -> 人工智能
    # Every beginning of a term (two characters up) and of a pinyin key (one syllable up): a
    # scan of a message stops as soon as no term can begin with what it has read.
    term_starts: frozenset[str] = frozenset()
    pinyin_starts: frozenset[str] = frozenset()
    # A name of four to six characters with one of them blanked ("未来\0业" -> 未来产业): a name
    # written with one wrong character by handwriting input (末来产业, 两业融台) is found.
    one_off: dict[str, str] = field(default_factory=dict)
    # The base's curated phrases (scope, aliases' descriptions, everyday words), normalised:
    # reading them again took a tenth of a second at every start. Filled by the index cache.
    phrases: dict[str, str] = field(default_factory=dict)


def squeeze(norm: str) -> str:
    """Already normalised text without spaces or punctuation."""
    return re.sub(r"[^\w+]+", "", norm)


def compact(s: str) -> str:
    """Normalised text without spaces or punctuation, for substring and fuzzy comparison."""
    return squeeze(textmod.normalize(s))


def english_key(s: str) -> str:
    """The English words of `s`, normalised, as one space-separated key."""
    return " ".join(textmod.english_tokens(textmod.normalize(s)))


def is_latin(term: str) -> bool:
    """Whether `term` has no Chinese characters."""
    return not textmod.has_cjk(term)


def name_key(name: str) -> str:
    """How a name is keyed in the index: its English words, or its compact Chinese."""
    return english_key(name) if is_latin(name) else compact(name)


def _title_parts(title: str) -> list[str]:
    # Only names are split (智能装备与机器人); a descriptive title's pieces name nothing.
    if len(compact(title)) > TITLE_PARTS_MAX:
        return []
    parts = re.split(r"[与和及、：:（）()/·]+", title)
    return [p for p in parts if len(compact(p)) >= 3 and p != title]


def _capped(pairs: list[tuple[int, float]]) -> tuple[tuple[int, float], ...]:
    """The POSTINGS_CAP heaviest (entry, weight) pairs, sorted by entry for bisection."""
    if len(pairs) > POSTINGS_CAP:
        pairs = heapq.nlargest(POSTINGS_CAP, pairs, key=lambda pair: pair[1])
    return tuple(sorted(pairs))


def _named_terms(entry: Entry, synonyms: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """Terms that name this entry, with the weight of the field they come from."""
    terms: dict[str, float] = {}

    def add(raw: str, weight: float) -> None:
        key = name_key(raw)
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
        weight = terms.get(compact(canonical))
        if weight is not None:
            for variant in variants:
                add(variant, min(weight, SYNONYM))
    return terms


def build_index(kb: KnowledgeBase) -> Index:
    """Tokenise every entry and build the lookup tables (about a second: jieba loads here)."""
    import jieba  # noqa: PLC0415 - heavy; only needed when the cached index is stale

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    synonyms = {textmod.normalize(k): v for k, v in kb.synonyms.items()}
    named_per_entry = [_named_terms(e, synonyms) for e in kb.entries]
    for terms in named_per_entry:
        for term in terms:
            if not is_latin(term):
                tokenizer.add_word(term, freq=50000)

    def tokens(s: str) -> list[str]:
        norm = textmod.normalize(s)
        out = [t for t in tokenizer.lcut_for_search(norm, HMM=False) if len(t.strip()) >= 2]
        cjk = [t for t in out if textmod.has_cjk(t) and t not in STOPWORDS]
        cjk += textmod.DATE.findall(norm)
        latin = [textmod.stem(w) for w in textmod.LATIN_WORD.findall(norm)]
        return cjk + [w for w in latin if w not in EN_STOPWORDS and len(w) >= 2]

    n_entries = len(kb.entries)
    postings: dict[str, dict[int, float]] = defaultdict(dict)
    doc_len: list[float] = []
    for idx, entry in enumerate(kb.entries):
        fields = {
            "title": [entry.title],
            "keywords": list(entry.keywords),
            "aliases": list(entry.aliases),
            "questions": list(entry.questions),
            "passage": [entry.passage],
            "title_en": [entry.title_en],
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
    full_names = {term for terms in named_per_entry for term in terms if is_latin(term)}
    subwords: set[str] = set()
    for terms in named_per_entry:
        for term, weight in list(terms.items()):
            if is_latin(term):
                # Two words of a longer English name: "emerging pillar" of its title.
                words = term.split()
                for pair in itertools.pairwise(words):
                    phrase = " ".join(pair)
                    if len(words) > 2 and not set(pair) & EN_STOPWORDS and phrase not in full_names:
                        terms.setdefault(phrase, weight * SUBWORD)
                        subwords.add(phrase)
                continue
            if len(term) < 4:
                continue
            for word in tokenizer.lcut_for_search(term, HMM=False):
                if (
                    len(word) >= 2
                    and word != term
                    and word not in STOPWORDS
                    and word not in terms
                    and not _COUNT.fullmatch(word)
                ):
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
    questions = [tuple(compact(q) for q in e.questions) for e in kb.entries]
    context_levels, context_pillars = _context_terms(kb, set(named))
    all_terms = [*final_postings, *named]
    return Index(
        entry_ids=[e.id for e in kb.entries],
        named=named,
        named_idf=named_idf,
        postings=final_postings,
        idf=idf_table,
        pinyin_named=pinyin_named,
        char_pinyin=char_pinyin,
        questions=questions,
        # A message that is an entry's title or one of its examples is about that entry.
        exact_questions={
            **{compact(e.title): idx for idx, e in enumerate(kb.entries)},
            **{q: idx for idx, qs in enumerate(questions) for q in qs},
        },
        max_term=min(
            MAX_TERM_CHARS, max((len(t) for t in all_terms if not is_latin(t)), default=2)
        ),
        english_named_max=max((t.count(" ") + 1 for t in named if is_latin(t)), default=1),
        context_terms=context_levels,
        context_pillar=context_pillars,
        subwords=frozenset(
            subwords - {t for terms in named_per_entry for t, w in terms.items() if w >= TITLE_PART}
        ),
        syllables=textmod.pinyin_syllables(),
        pinyin_words=_pinyin_words([*named, *sorted(kb.scope.vocabulary())], char_pinyin),
        initials=_initials(named, char_pinyin),
        term_starts=frozenset(
            t[:k] for t in (*idf_table, *named_idf) for k in range(2, len(t) + 1)
        ),
        pinyin_starts=frozenset(
            " ".join(keys[:k])
            for keys in map(str.split, pinyin_named)
            for k in range(1, len(keys) + 1)
        ),
        one_off=_one_off(named, {*kb.synonyms, *context_levels}),
    )


ONE_OFF_CHARS = (4, 6)  # the lengths of names found with one character wrong


def _one_off(named: dict[str, tuple[tuple[int, float], ...]], proper: set[str]) -> dict[str, str]:
    """Each proper name of four to six hanzi with one character blanked, to that name.

    Proper names are those of an industry or a part of the plan (`proper`), not the phrases
    entries are also found by (主要在哪, 配套体系), which a message may write with one other
    word. A blank that two names share (智能建造, 智能制造) finds neither."""
    low, high = ONE_OFF_CHARS
    found: dict[str, set[str]] = defaultdict(set)
    for term in named:
        if low <= len(term) <= high and all(textmod.CJK.match(c) for c in term):
            for i in range(len(term)):
                found[term[:i] + "\0" + term[i + 1 :]].add(term)
    return {
        key: term
        for key, terms in found.items()
        if len(terms) == 1 and (term := next(iter(terms))) in proper
    }


# Words that, all together, only name the plan ("guangzhou 12218", "modern industrial system").
PLAN_NAME_WORDS = frozenset(
    {"guangzhou", "canton", "12218", "modern", "industrial", "industry", "system", "plan"}
)


def _context_terms(kb: KnowledgeBase, named: set[str]) -> tuple[dict[str, int], dict[str, str]]:
    """The names of the plan (level 1) and of its parts (level 2), with their pillars.

    Returns each name's level, and the pillar each part's name stands for."""
    levels = {
        PLAN_NUMBER: 1,
        "现代化产业体系": 1,
        "12218现代化产业体系": 1,
        "21": 2,
        "21+8": 2,
        "15+6": 2,
        "重点产业": 2,
    }
    pillars: dict[str, str] = {}
    for pillar in kb.pillars:
        for name in (pillar.name, pillar.name_en, *re.split(r"[：:、（）()]+", pillar.name)):
            for variant in (name, re.sub(r"^[0-9]+个", "", name)):  # 6个未来产业 -> 未来产业
                key = name_key(variant)
                if key and key in named and key not in levels:
                    levels[key] = 2
                    pillars[key] = pillar.id
    keys = {name_key(n): level for n, level in levels.items()}
    # The variants of a part's name in aliases.yaml ("future industries") name the part too.
    for canonical, variants in kb.synonyms.items():
        level = keys.get(compact(canonical))
        if level is None:
            continue
        for variant in variants:
            key = name_key(variant)
            keys.setdefault(key, level)
            if compact(canonical) in pillars:
                pillars.setdefault(key, pillars[compact(canonical)])
    # The plan's own entry (the one keyed by its number) names the plan wherever its names
    # hold the number: "12218产业体系", "12218 strategy".
    for entry in kb.entries:
        if PLAN_NUMBER in entry.keywords:
            for name in (*entry.keywords, *entry.aliases):
                if PLAN_NUMBER in name:
                    keys.setdefault(name_key(name), 1)
    # An English name that only says "Guangzhou's modern industrial system" names the plan.
    for key in named:
        words = key.split()
        if is_latin(key) and len(words) > 1 and all(w in PLAN_NAME_WORDS for w in words):
            keys.setdefault(key, 1)
    return {key: level for key, level in keys.items() if key in named}, pillars


def _bm25_postings(
    postings: dict[str, dict[int, float]], doc_len: list[float], idf: Callable[[int], float]
) -> tuple[dict[str, tuple[tuple[int, float], ...]], dict[str, float]]:
    """Each term's BM25 gain per entry, computed once here: it depends only on the entry.

    Terms in more than half the entries carry no information and only cost time; of
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
            (
                idx,
                term_idf
                * tf
                * (BM25_K1 + 1)
                / (tf + BM25_K1 * (1 - BM25_B + BM25_B * doc_len[idx] / avg_len)),
            )
            for idx, tf in per_entry.items()
        ]
        final[term] = _capped(gains)
        idf_table[term] = term_idf
    return final, idf_table


def _pinyin_words(words: list[str], char_pinyin: dict[str, str]) -> dict[str, str]:
    """The words a message typed in pinyin can be read as, by their loose pinyin keys.

    The base's names come first, then the scope's words (股票, 买哪只); the first keeps a key."""
    table: dict[str, str] = {}
    for word in words:
        if 2 <= len(word) <= MAX_TERM_CHARS and all(c in char_pinyin for c in word):
            table.setdefault(_pinyin_key(word, char_pinyin), word)
    return table


def _initials(
    named: dict[str, tuple[tuple[int, float], ...]], char_pinyin: dict[str, str]
) -> dict[str, str]:
    """The names a message may type by their pinyin initials ("zjtx" -> 专精特新).

    Names of three to six characters, none read with a vowel first (鹅 e); initials that
    names of different entries share are left out. Names of the same entries (两化转型 and
    its typo 两化转行) are one name: the one weighed most, a title's before an alias."""
    found: dict[str, set[str]] = defaultdict(set)
    for term in named:
        if 3 <= len(term) <= 6 and all(textmod.CJK.match(c) and c in char_pinyin for c in term):
            key = "".join(char_pinyin[c][0] for c in term)
            if not re.search("[aeiou]", key):
                found[key].add(term)

    def entries(term: str) -> frozenset[int]:
        return frozenset(idx for idx, _ in named[term])

    def weight(term: str) -> tuple[float, str]:
        return (-sum(w for _, w in named[term]), term)

    return {
        key: min(terms, key=weight)
        for key, terms in found.items()
        if len({entries(t) for t in terms}) == 1
    }


def _pinyin_tables(
    named: dict[str, tuple[tuple[int, float], ...]],
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """A loose pinyin key for every common hanzi, and the named terms under each key."""
    char_pinyin = {chr(code): textmod.fuzzy_syllable(chr(code)) for code in range(0x4E00, 0x9FA6)}
    pinyin_named: dict[str, list[str]] = defaultdict(list)
    for term in named:
        if not is_latin(term) and len(term) >= PINYIN_MIN_CHARS and textmod.CJK.match(term):
            pinyin_named[_pinyin_key(term, char_pinyin)].append(term)
    return char_pinyin, dict(pinyin_named)


def _pinyin_key(word: str, char_pinyin: dict[str, str]) -> str:
    """A word's loose pinyin key: one folded syllable per character ("低空" -> "di kon")."""
    return " ".join(char_pinyin.get(c, c) for c in word)
