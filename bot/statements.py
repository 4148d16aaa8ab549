"""What an entry states: whether it answers the figure, firm, claim or subject asked.

The matcher finds the entry a question is about; these checks say whether that entry
states what was asked. "低空经济今年产值多少" is about the low-altitude economy, but its
entry gives no output figure, so the bot says so instead of answering as if it did.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from bot import text as textmod
from bot.index import EN_STOPWORDS, STOPWORDS, Index
from bot.knowledge import Entry, KnowledgeBase
from bot.understanding import Understanding, amounts_claimed


@dataclass(frozen=True, slots=True)
class EntryText:
    """An entry's texts, normalised once when a base is loaded (normalising is slow)."""

    title: str
    names: str  # title and keywords
    all_names: str  # ... and aliases
    passage: str
    lead: str  # title and first keywords: what a follow-up is read with

    @classmethod
    def of(cls, e: Entry) -> EntryText:
        def norm(*texts: str) -> str:
            return textmod.normalize("\n".join(texts))

        return cls(
            norm(e.title),
            norm(e.title, *e.keywords),
            norm(e.title, *e.keywords, *e.aliases),
            norm(e.passage),
            textmod.normalize(" ".join((e.title, *e.keywords[:2]))),
        )


# How an entry states a rank: "第一", "居全国前列", "位居第3", "top".
_RANK_STATED = re.compile(
    r"第[0-9一二三四五六七八九十两]+|排名|排行|位居|位列|居全国|居全省|首位|榜首|前列|前[0-9一二三四五六七八九十]+|"
    r"领先|最大|最多|最高|最强|(?<![a-z])(?:top|first|largest|biggest|rank\w*)(?![a-z])"
)
# How an amount asked in a unit is stated: a number before the unit (15个, 1000家), money
# as 亿 or 万 (元) or by saying what amounts there are (the entry that gives none says
# so: 补贴金额), a day as 月…日 or the lunar 初九.
_NUMBER = r"[0-9一二两三四五六七八九十百千万]\s*(?:多|余)?"
_STATED_IN = {
    "钱": _NUMBER + r"(?:万|亿)|[0-9]\s*元|金额",
    "日": r"[0-9一二三四五六七八九十]\s*月\s*[0-9一二三四五六七八九十]+\s*[日号]|正月初",
    "间": _NUMBER + r"(?:间|家)",
    "%": r"[0-9.]+\s*%|[一二三四五六七八九十]成|百分之",
}
# What money is said to be for, in the sentence that states it.
_FUNDING = re.compile(
    r"投入|投资|资金|补贴|补助|奖励|扶持|资助|拨|基金|预算|金额|贷款|融资|授信|出资|支持"
)
# An amount in a sentence: a number with a unit, a share, a multiple (翻一番).
_AMOUNT = re.compile(
    r"[0-9.]+\s*(?:%|万|亿|家|个|倍|元)|[一二两三四五六七八九十百千]+\s*(?:万|亿|倍)|翻一番|翻番"
)
# A passage saying what it does not hold: "名单本库未收录", "完整名单仍未见公布".
_NOT_HELD = re.compile(r"未收录|未见公布|尚未公布|未公布|未披露")
# A number as a passage writes one: 421.74万, 三成, 一半, 翻一番.
_A_NUMBER = re.compile(r"[0-9]|[一二两三四五六七八九十百千]+\s*(?:万|亿|倍|成)|一半|翻一番|翻番")
# An unknown run that can be a subject: two or more characters, no pronoun or particle.
_UNKNOWN_SUBJECT = re.compile(r"[^我你他她它咱们这那呢咁佢啲嘅咗喺冇乜边]{2,}")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
# Common words, and the words of time a claim is told in ("已经过2200亿了" is stated by
# "已超2200亿元"): neither is a word the claim must find in an entry.
_COMMON_WORDS = re.compile(
    "|".join(
        re.escape(w)
        for w in sorted(
            {*STOPWORDS, "已经", "已", "将要", "就要", "快要", "马上", "正在"},
            key=len,
            reverse=True,
        )
        if textmod.has_cjk(w)
    )
)


class Statements:
    """Checks an entry against what a question asks it to state."""

    def __init__(
        self,
        kb: KnowledgeBase,
        index: Index,
        texts: Mapping[str, EntryText],
        district_names: Mapping[str, tuple[str, ...]],
        without_asking_words: Callable[[str], str],
    ) -> None:
        self.kb = kb
        self._index = index
        self._texts = texts
        self._district_names = district_names
        self._without_asking_words = without_asking_words
        self._names: dict[str, tuple[str, ...]] = {}
        # A figure is stated under any of its names (GDP, 地区生产总值, 经济总量).
        self._figure_names = _name_groups(kb.synonyms, kb.scope.figure_words)

    def unstated(self, entry: Entry, understanding: Understanding) -> str:
        """What the question asks that `entry` never states: "figure", "firm", "claim" or ""."""
        asked = (*understanding.figures, *understanding.firms, understanding.asked_head)
        if not (any(asked) or understanding.asked_unit or understanding.claim) and not (
            understanding.weighs_elsewhere
            or understanding.asks_rank
            or understanding.asks_firms
            or understanding.asks_target
        ):
            return ""
        text = self._texts[entry.id]
        # Rarely asked, so the English is normalised here rather than kept for every entry.
        says = "\n".join((text.title, text.passage, textmod.normalize(entry.summary_en)))
        if understanding.claim and not self._states_claim(understanding.claim, entry, says):
            return "claim"
        # "深圳今年GDP增速多少，广州差它多少": an entry that never names Shenzhen answers
        # nothing about it.
        place = understanding.elsewhere
        if understanding.weighs_elsewhere and place and place not in says.lower():
            return "place"
        # "示范企业第一批是哪些公司": an entry that names no firm does not answer it.
        if understanding.asks_firms and not any(firm in says for firm in self.kb.scope.firms):
            return "firms"
        if self._figure_unstated(understanding, text, says):
            return "figure"
        if any(firm not in says for firm in understanding.firms):
            return "firm"
        return ""

    def says_not_held(self, entry: Entry, understanding: Understanding) -> bool:
        """Whether `entry` says that what the message asks is not held (see below)."""
        return self._says_not_held(understanding, self._texts[entry.id])

    @staticmethod
    def _says_not_held(understanding: Understanding, text: EntryText) -> bool:
        """Whether the entry itself says that what is asked is not held.

        "汽车集群的链长是谁" of the entry that ends "各链链长和链主名单本库未收录"."""
        head = understanding.asked_head.rsplit("的", 1)[-1]
        return len(head) >= 2 and any(
            head in sentence and _NOT_HELD.search(sentence) for sentence in _passage_sentences(text)
        )

    def _figure_unstated(self, understanding: Understanding, text: EntryText, says: str) -> bool:
        """Whether an entry (`text`; `says`: with its English summary) fails to state the figure."""
        if self._counted_elsewhere(understanding, text) or self._says_not_held(understanding, text):
            return True
        # "广州GDP在全国排第几": an entry that ranks nothing does not answer it.
        if understanding.asks_rank and not _RANK_STATED.search(says):
            return True
        # "两业融合示范企业认定了多少家": an entry that counts nothing in 家 does not answer it.
        if _unit_unstated(understanding.asked_unit, text, says):
            return True
        # "组长的手机号是多少": what is asked ends like a figure, and the entry never states it.
        head = understanding.asked_head[-2:]
        if len(head) == 2 and head[-1] in self.kb.scope.figure_endings:
            forms = self.kb.scope.figure_forms
            stated_as = [m for m, words in forms.items() if any(w[-2:] == head for w in words)]
            if head not in says and not any(m in says for m in stated_as):
                return True
        years = understanding.years
        period = understanding.period
        sentences = _passage_sentences(text)
        if _goal_year_unstated(understanding, text, sentences) or any(
            not any(name in says for name in self._figure_names.get(figure, (figure,)))
            for figure in understanding.figures
        ):
            return True
        if not (understanding.figures or (understanding.asks_figure and years)):
            return False
        names = self._names_of_figures(understanding)
        # "白云区常住人口多少万": an amount is stated by a number in a sentence naming the
        # figure (人口第一大区 gives none). With a year asked, the check below is stricter.
        # An entry titled with the figure (补贴金额与申报条件) says what there is to say of it.
        if (
            understanding.figures
            and understanding.asks_amount
            and not years
            and not any(n in text.title for n in names)
            and not any(
                any(n in sentence for n in names) and _A_NUMBER.search(sentence)
                for sentence in sentences
            )
        ):
            return True
        # ...for the year asked: Huangpu's 2024 GDP is not its 2027 GDP.
        # ...and in the same sentence as the figure: a source dated 2025 states no 2025 output;
        # nor does a year's target state a quarter's growth (今年第三季度GDP增速).
        if understanding.figures and (years or period):
            marks = [str(y) for y in years] or [""]
            if not any(
                mark in sentence and any(n in sentence for n in names) and period in sentence
                for sentence in sentences
                for mark in marks
            ):
                return True
        # "低空经济2031年能到多少": an amount asked for a year, with no figure named, is
        # stated only by a sentence that names the year and an amount. (Not how much two
        # lists share: "跟广州那6个重合多少" is answered by setting them side by side.)
        if (
            understanding.asks_figure
            and not (understanding.figures or understanding.compares)
            and years
        ):
            marks = [str(y) for y in years]
            if not any(
                any(mark in sentence for mark in marks) and _AMOUNT.search(sentence)
                for sentence in sentences
            ):
                return True
        return False

    @cached_property
    def _known_words(self) -> frozenset[str]:
        """Every word the base uses, for telling a thing it never mentions (元宇宙).

        Gathered when a message first asks whether the plan covers something."""
        return frozenset(
            w
            for w in (*self._index.postings, *self._index.named)
            if len(w) >= 2 and textmod.has_cjk(w)
        )

    @cached_property
    def _known_longest(self) -> int:
        return max(map(len, self._known_words), default=2)

    def unknown_subject(self, message: str) -> str:
        """A thing the message asks the plan to cover that no entry ever mentions, or "".

        "12218有冇提元宇宙": 元宇宙 is in no entry, so the overview (found by 12218 alone) does
        not answer it. Words of the question itself and of the asker are no subject."""
        norm = self._without_asking_words(textmod.normalize(message))
        for run in _CJK_RUN.findall(norm):
            i, unknown = 0, ""
            while i < len(run):
                size = next(
                    (
                        n
                        for n in range(min(self._known_longest, len(run) - i), 1, -1)
                        if run[i : i + n] in self._known_words
                    ),
                    0,
                )
                if size:
                    if _UNKNOWN_SUBJECT.fullmatch(unknown):
                        return unknown
                    unknown, i = "", i + size
                else:
                    unknown, i = unknown + run[i], i + 1
            if _UNKNOWN_SUBJECT.fullmatch(unknown):
                return unknown
        # "Does the plan mention the metaverse?": an English word no entry uses.
        # (Not how it is asked: an adverb or a past participle, "usually explained".)
        for word in textmod.LATIN_WORD.findall(norm):
            stem = textmod.stem(word)
            if word.endswith(("ly", "ed")):
                continue
            if len(stem) >= 4 and stem not in EN_STOPWORDS and stem not in self._known_english:
                return str(word)
        return ""

    @cached_property
    def _known_english(self) -> frozenset[str]:
        """Every English word the base uses (stemmed).

        The words that ask ("does … mention", "anything about") are `coverage` cues in
        scope.yaml and are gone before this is read."""
        words = {w for name in (*self._index.postings, *self._index.named) for w in name.split()}
        return frozenset(w for w in words if w.isascii())

    def _counted_elsewhere(self, understanding: Understanding, text: EntryText) -> bool:
        """Whether a count asked of a district is stated only for somewhere else.

        "越秀一共有多少家生物医药企业": the city's 6,800 firms are not Yuexiu's. An entry titled
        with the district states its figures; any other must count them in a sentence that
        names the district."""
        district = understanding.district
        if district is None or not (understanding.figures or understanding.asked_unit):
            return False
        names = self._district_names[district]
        if any(n in text.title for n in names):
            return False
        counted = self._names_of_figures(understanding) or [understanding.asked_unit]
        return not any(
            any(n in sentence for n in names) and any(c in sentence for c in counted)
            for sentence in _passage_sentences(text)
        )

    def _names_of_figures(self, understanding: Understanding) -> list[str]:
        """Every name of the figures asked (GDP: 地区生产总值, 经济总量 …)."""
        return [n for f in understanding.figures for n in self._figure_names.get(f, (f,))]

    def names_of(self, entry: Entry) -> tuple[str, ...]:
        """An entry's title, keywords and aliases, each normalised.

        Once, when first needed: normalising is slow, and few messages need them."""
        names = self._names.get(entry.id)
        if names is None:
            names = tuple(
                textmod.normalize(n) for n in (entry.title, *entry.keywords, *entry.aliases)
            )
            self._names[entry.id] = names
        return names

    def _states_claim(self, claim: str, entry: Entry, says: str) -> bool:
        """Whether an entry states the hearsay a message asks to be confirmed.

        Most of the claim's own words (not the entry's names, which only say what it is
        about) and every number in it must be in its passage: "南沙要整体划给深圳管了" is
        stated by no entry about Nansha."""
        text = self._texts[entry.id]
        home = self.kb.scope.place_words("home")
        names = "\n".join((text.all_names, *home))
        # Its words are what is left between the names and the common words: "广州要在2027年把
        # 新型储能做成千亿级集群" says 做成千亿级集群 (not 州要, 年把).
        unnamed = _without_names(claim, [n for n in (*self.names_of(entry), *home) if len(n) >= 2])
        # An entry that says what is known of hearsay on its topic ("网上流传的一则规模说法…
        # 未予采用") answers hearsay that names it.
        if unnamed != claim and any(a in text.passage for a in self.kb.scope.rumour_addressed):
            return True
        # A year is its own word: "2024年数字经济" holds no pair "年数".
        said = _COMMON_WORDS.sub(" ", re.sub(r"[0-9]+\s*年", " ", unnamed))
        pairs = {
            run[i : i + 2]
            for run in _CJK_RUN.findall(said)
            for i in range(len(run) - 1)
            if run[i : i + 2] not in names
        }
        pairs |= {
            w
            for w in re.findall(r"[a-z]{4,}", claim)
            if w not in EN_STOPWORDS and w not in names.lower()
        }
        figures = re.findall(r"[0-9]+(?:\.[0-9]+)?", claim)
        if any(f not in text.passage for f in figures) or not all(
            _amount_stated(a, text.passage) for a in amounts_claimed(unnamed)
        ):
            return False
        # Quotation marks in a passage are its typography: “十四五”末 says 十四五末.
        unquoted = _QUOTES.sub("", says)
        if not pairs:  # what is left is single characters: each must be said ("撤" of 要撤番禺区)
            return all(c in unquoted for c in "".join(re.findall(r"[\u3400-\u9fff]", said)))
        return sum(p in unquoted for p in pairs) * 2 >= len(pairs)


_QUOTES = re.compile(r"[“”‘’「」『』《》\"']")


def _amount_stated(amount: str, passage: str) -> bool:
    """Whether a passage states a claimed amount to the claim's own precision.

    "4470亿" is stated by "4470.30亿元"."""
    found = re.fullmatch(r"([0-9]+)(?:\.[0-9]+)?(.*)", amount)
    if found is None:
        return amount in passage
    number, unit = found.groups()
    return re.search(rf"(?<![0-9]){number}(?:\.[0-9]+)?\s*{re.escape(unit)}", passage) is not None


def _goal_year_unstated(
    understanding: Understanding, text: EntryText, sentences: list[str]
) -> bool:
    """Whether a goal is asked for years no sentence of the passage names.

    "12218的2027年阶段性目标是什么": the 2035 goals are not 2027's. (A figure's year is
    checked with the figure.) Amounts the asker gives that the passage states ("占GDP 15%，
    这是2030年的目标？") make it the answer: it says for which year they are."""
    years = understanding.years
    given = understanding.target_amounts
    return (
        understanding.asks_target
        and not understanding.figures
        and not (given and all(_amount_stated(a, text.passage) for a in given))
        and not any(str(year) in sentence for sentence in sentences for year in years)
    )


def _unit_unstated(unit: str, text: EntryText, says: str) -> bool:
    """Whether an amount asked in `unit` ("两业融合示范企业认定了多少家") goes unstated.

    Money is stated by a sentence of money spent or given: "白云每年投多少钱扶持产业" is not
    answered by the district's GDP in 亿元."""
    if not unit:
        return False
    if not re.search(_STATED_IN.get(unit, _NUMBER + unit), says):
        return True
    return unit == "钱" and not any(
        re.search(_STATED_IN["钱"], sentence) and _FUNDING.search(sentence)
        for sentence in _passage_sentences(text)
    )


def _passage_sentences(text: EntryText) -> list[str]:
    """An entry's title and its passage's sentences, the English summary left out.

    A figure is stated where the passage states it: the summary's "issued in May 2024 … 15%
    of GDP by 2025" joins two years the passage keeps apart."""
    return re.split(r"[。\n]", f"{text.title}\n{text.passage}")


def _without_names(text: str, names: list[str]) -> str:
    """`text` with `names` blanked out (万亩千亿 is a name, not an amount of 千亿)."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def _name_groups(
    synonyms: Mapping[str, tuple[str, ...]], words: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    """Each of `words` that aliases.yaml names, with every other name of its term."""
    wanted = {textmod.normalize(w) for w in words}
    groups: dict[str, tuple[str, ...]] = {}
    for canonical, variants in synonyms.items():
        names = tuple(dict.fromkeys(textmod.normalize(n) for n in (canonical, *variants)))
        for name in wanted.intersection(names):
            groups[name] = groups.get(name, ()) + names
    return groups
