"""Curators' review of what went wrong: kept questions grouped by wording, and a draft.

The bot keeps the (masked) text of questions that got no confident answer, were refused,
or whose answer got 👎 (see bot/privacy.py). This module groups them by similar wording,
ranks the groups by how often they were asked, says for each why the base fell short, and
writes a YAML draft: new example questions for entries a group clearly belongs to, and
entry stubs for groups no entry covers. A draft never enters the base by itself; a
curator fills it in and `policybot kb check` validates the result as usual.

Grouping: each question becomes its content words (jieba, its dictionary extended with the
base's titles, keywords and aliases so 低空经济 stays one word; question fillers dropped).
Two questions are alike when rapidfuzz's token-set and token-sort ratios over those words
agree on average (token-set alone would fold every question about 低空经济 into the bare
"低空经济是什么"). Groups are grown around the question with the most alike neighbours.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz

from bot import text as textmod
from bot.index import EN_STOPWORDS, STOPWORDS
from bot.knowledge import PILLAR_IDS, Entry, KnowledgeBase
from bot.scoring import CONFIDENT

log = logging.getLogger(__name__)

# What happened to a kept question.
NO_ANSWER, REFUSED, UNHELPFUL = "no-answer", "refused", "unhelpful"
# Outcomes that keep no text: nothing to learn from an empty message, and small talk
# (hello, thanks, who are you) is chatter, not a question the base could answer.
NOT_KEPT = frozenset(
    {
        "empty",
        "no-text",
        "greeting",
        "pleasantry",
        "chatter",
        "to-member",
        "about-bot",
        "small-talk",
    }
)
# Refusals by design: the base should not grow to answer them, so they are reported but
# never drafted. A number the base does not hold, or no match at all, is a gap to fill.
BY_DESIGN = frozenset(
    {
        "advice",
        "province",
        "national",
        "horizon",
        "write",
        "city-service",
        "other-place",
        "general",
        "instruction",
        "small-talk",
        "out-of-scope",
    }
)
REFUSAL_WORDS = {
    "no-match": "no entry was confident enough",
    "advice": "asks for personal advice",
    "province": "about the province's plans, not Guangzhou's",
    "national": "about national policy",
    "horizon": "about years the plan does not cover",
    "number": "asks for a figure the base does not hold",
    "write": "asks the bot to write something",
    "city-service": "an everyday city service (12345)",
    "other-place": "about another place",
    "general": "general knowledge, not the plan",
    "instruction": "an instruction aimed at the bot",
    "small-talk": "small talk",
    "out-of-scope": "out of scope",
}
SIMILAR = 75.0  # average of token-set and token-sort ratio at which two questions group
MAX_DISTINCT = 2000  # the most frequent distinct wordings grouped; the rest are counted only
BELONGS_SHARE = 0.6  # a group may belong to an entry when this share of it is nearest to it
EXAMPLES = 3
DRAFT_QUESTIONS = 6
# Besides the matcher's stopwords: the city every question is about, and colloquial fillers
# that say nothing about the topic (a word the base lacks otherwise marks a new topic).
GROUP_STOPWORDS = frozenset(
    """
广州 广州市 穗 咋整 咋弄 咋办 咋搞 咋回事 怎么办 怎么弄 怎么搞 这块 那块 这边 那边 啥样 搞啥
要啥 有啥 啥时候 什么时候 时候 一下 到底 具体 情况 咨询 了解 知道 请教 麻烦 谢谢 呀 哦
""".split()
)


def refusal_class(reason: str) -> str:
    """A matcher reason or refusal as one spelling: no_match and no-match are one class."""
    return reason.replace("_", "-")


def outcome_of(confident: bool, refusal: str | None) -> str | None:
    """The outcome under which a question's text is kept, or None when it keeps no text."""
    if confident:
        return None
    cls = refusal_class(refusal or "no-match")
    if cls in NOT_KEPT:
        return None
    return NO_ANSWER if cls == "no-match" else REFUSED


@dataclass(frozen=True, slots=True)
class Nearest:
    entry: str
    score: float


@dataclass(frozen=True, slots=True)
class KeptQuestion:
    """One stored question: masked text, what happened, the entries nearest to it."""

    text: str
    outcome: str
    refusal: str
    nearest: tuple[Nearest, ...]
    ts: float


@dataclass(frozen=True, slots=True)
class Group:
    key: str  # the words of the question the group grew around
    count: int  # how often its questions were asked
    examples: tuple[str, ...]  # distinct wordings, most asked first
    outcomes: tuple[tuple[str, int], ...]
    refusals: tuple[tuple[str, int], ...]
    nearest: tuple[Nearest, ...]  # per entry: its best score in the group
    belongs_to: str | None  # the entry the group clearly belongs to
    why: str  # why the base fell short, in one line
    words: tuple[str, ...]  # the group's most shared content words
    questions: tuple[KeptQuestion, ...] = field(default=(), repr=False)

    @property
    def refusal(self) -> str:
        return self.refusals[0][0] if self.refusals else "no-match"

    @property
    def outcome(self) -> str:
        return self.outcomes[0][0] if self.outcomes else NO_ANSWER

    @property
    def draftable(self) -> bool:
        """A gap the base could fill: not a refusal by design."""
        return self.refusal not in BY_DESIGN or self.outcome == UNHELPFUL

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "examples": list(self.examples),
            "outcome": self.outcome,
            "outcomes": dict(self.outcomes),
            "refusal": self.refusal,
            "refusals": dict(self.refusals),
            "nearest": [{"entry": n.entry, "score": n.score} for n in self.nearest],
            "belongs_to": self.belongs_to,
            "why": self.why,
            "words": list(self.words),
        }


# --- words ------------------------------------------------------------------------------


class Words:
    """Content words of a question, with the base's own terms kept whole."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        import jieba  # noqa: PLC0415 - loads its dictionary (about a second): only for review

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        if kb is not None:
            for entry in kb.entries:
                for term in (entry.title, *entry.keywords, *entry.aliases):
                    norm = textmod.normalize(term)
                    if textmod.has_cjk(norm) and " " not in norm and len(norm) <= 12:
                        self._tokenizer.add_word(norm, freq=50000)

    def __call__(self, question: str) -> list[str]:
        norm = textmod.normalize(textmod.clean(question))
        words = []
        for token in self._tokenizer.lcut(norm, HMM=True):
            token = token.strip()  # noqa: PLW2901 - normalising the loop value reads best
            if not token or not any(c.isalnum() for c in token):
                continue
            if token in STOPWORDS or token in EN_STOPWORDS or token in GROUP_STOPWORDS:
                continue
            words.append(textmod.stem(token) if token.isascii() else token)
        return words


# --- grouping ---------------------------------------------------------------------------


def _pieces(key: str) -> set[str]:
    """Character pairs of each Chinese word, and the other words whole."""
    out: set[str] = set()
    for word in key.split():
        if textmod.has_cjk(word) and len(word) > 1:
            out.update(word[k : k + 2] for k in range(len(word) - 1))
        else:
            out.add(word)
    return out


def _similar(a: str, b: str) -> float:
    return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2


def group(
    questions: Sequence[KeptQuestion], words: Words, kb: KnowledgeBase | None = None
) -> list[Group]:
    """The questions grouped by similar wording, largest group first."""
    by_key: dict[str, list[KeptQuestion]] = {}
    for q in questions:
        key = " ".join(words(q.text)) or textmod.normalize(q.text)
        by_key.setdefault(key, []).append(q)
    keys = sorted(by_key, key=lambda k: (-len(by_key[k]), k))[:MAX_DISTINCT]
    if len(by_key) > MAX_DISTINCT:
        log.info("review: grouping the %d most asked of %d wordings", MAX_DISTINCT, len(by_key))

    # Neighbours: only wordings that share a pair of characters (or an English word) can be
    # alike, so each is compared with those alone: linear in practice, not quadratic.
    sharing: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        for piece in _pieces(key):
            sharing.setdefault(piece, []).append(i)
    neighbours: list[set[int]] = [set() for _ in keys]
    for i, key in enumerate(keys):
        candidates = {j for piece in _pieces(key) for j in sharing[piece] if j > i}
        for j in candidates:
            if _similar(key, keys[j]) >= SIMILAR:
                neighbours[i].add(j)
                neighbours[j].add(i)

    weight = [len(by_key[k]) for k in keys]
    left = set(range(len(keys)))
    groups: list[Group] = []
    while left:
        # The question with the most askings among its remaining neighbours leads a group.
        centre = max(
            left,
            key=lambda i: (weight[i] + sum(weight[j] for j in neighbours[i] & left), weight[i], -i),
        )
        members = [centre, *sorted(neighbours[centre] & left, key=lambda j: (-weight[j], j))]
        left -= set(members)
        groups.append(_summarise(keys[centre], {keys[i]: by_key[keys[i]] for i in members}, kb))
    groups.sort(key=lambda g: (-g.count, g.key))
    return groups


def _entry_text(entry: Entry) -> str:
    return textmod.normalize(
        " ".join(
            [
                entry.title,
                entry.title_en,
                *entry.keywords,
                *entry.aliases,
                *entry.questions,
                entry.passage,
                entry.summary_en,
            ]
        )
    )


def _summarise(key: str, members: dict[str, list[KeptQuestion]], kb: KnowledgeBase | None) -> Group:
    kept = [q for qs in members.values() for q in qs]
    wording = Counter(q.text.strip() for q in kept)
    outcomes = Counter(q.outcome for q in kept).most_common()
    refusals = Counter(refusal_class(q.refusal) for q in kept).most_common()
    best: dict[str, float] = {}
    first_choice: Counter[str] = Counter()
    for q in kept:
        for n in q.nearest:
            best[n.entry] = max(best.get(n.entry, 0.0), n.score)
        if q.nearest:
            top = q.nearest[0]
            first_choice[top.entry] += 1

    def known(entry_id: str) -> bool:
        return kb is None or kb.entry(entry_id) is not None

    nearest = tuple(
        Nearest(e, round(s, 3))
        for e, s in sorted(
            best.items(), key=lambda item: (-first_choice[item[0]], -item[1], item[0])
        )
        if known(e)
    )[:5]
    belongs_to = None
    if first_choice and kb is not None:
        leader, times = first_choice.most_common(1)[0]
        entry = kb.entry(leader)
        # Clearly the entry's topic: most of the group is nearest to it, and every word of
        # the group's question is in the entry already (only the wording kept the matcher
        # from being sure). A word the entry lacks (加氢站 beside 规划) means a new topic.
        if entry is not None and times / len(kept) >= BELONGS_SHARE:
            text = _entry_text(entry)
            needed = [w for w in key.split() if len(w) >= 2]
            if needed and all(w in text for w in needed):
                belongs_to = leader
    word_counts: Counter[str] = Counter()
    for member, qs in members.items():
        for word in dict.fromkeys(member.split()):
            word_counts[word] += len(qs)
    words = tuple(w for w, _ in word_counts.most_common() if len(w) >= 2)[:4]
    group_ = Group(
        key=key,
        count=len(kept),
        examples=tuple(t for t, _ in wording.most_common()),
        outcomes=tuple(outcomes),
        refusals=tuple(refusals),
        nearest=nearest,
        belongs_to=belongs_to,
        why="",
        words=words,
        questions=tuple(kept),
    )
    return replace(group_, why=why_short(group_))


def why_short(g: Group) -> str:
    """Why the base fell short for a group, in one line."""
    top = g.nearest[0] if g.nearest else None
    if g.outcome == UNHELPFUL:
        target = g.belongs_to or (top.entry if top else "an entry")
        return f"answered with {target}, but marked unhelpful"
    if g.refusal == "no-match":
        if top is None:
            return "no entry shares a word with it"
        return (
            f"nearest {top.entry} scored {top.score:.2f}, under the {CONFIDENT:.2f} "
            "needed to answer"
        )
    words = REFUSAL_WORDS.get(g.refusal, g.refusal)
    return f"refused: {words}" + ("" if g.draftable else " (by design)")


# --- reports ----------------------------------------------------------------------------


def parse_since(value: str) -> float:
    """`7d`, `12h`, `30m` or `2w` as seconds."""
    match = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", value.lower())
    if not match:
        raise ValueError(f"expected a duration such as 7d, 12h or 2w, got {value!r}")
    unit = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}[match.group(2)]
    return int(match.group(1)) * unit


def report_text(
    groups: Sequence[Group], *, since: str, kb: KnowledgeBase | None, limit: int | None = None
) -> str:
    """The groups for a terminal: largest first, a few examples, class, nearest, why."""
    total = sum(g.count for g in groups)
    if not groups:
        return f"No kept questions in the last {since}."
    lines = [f"{total} kept question(s) in the last {since}, {len(groups)} group(s):"]
    for i, g in enumerate(groups[:limit], 1):
        lines.append("")
        lines.append(f"{i}. asked {g.count}× · {g.outcome} · {g.refusal}")
        lines += [f"   “{example}”" for example in g.examples[:EXAMPLES]]
        if len(g.examples) > EXAMPLES:
            lines.append(f"   … and {len(g.examples) - EXAMPLES} other wording(s)")
        if g.nearest:
            lines.append(
                "   nearest: "
                + ", ".join(f"{_title(kb, n.entry)} {n.score:.2f}" for n in g.nearest[:3])
            )
        lines.append(f"   why: {g.why}")
    return "\n".join(lines)


def _title(kb: KnowledgeBase | None, entry_id: str) -> str:
    entry = kb.entry(entry_id) if kb is not None else None
    return f"{entry_id} ({entry.title})" if entry is not None else entry_id


def report_json(groups: Sequence[Group], *, since: str) -> dict[str, Any]:
    """The review report as JSON: the period, the count and the groups."""
    return {
        "since": since,
        "questions": sum(g.count for g in groups),
        "groups": [g.to_json() for g in groups],
    }


# --- the draft --------------------------------------------------------------------------


def _q(value: str) -> str:
    """A YAML scalar: JSON's string syntax is valid YAML and quotes whatever needs it."""
    return json.dumps(value, ensure_ascii=False)


def _slug(words: Iterable[str], pillar: str, taken: set[str]) -> str:
    from pypinyin import lazy_pinyin  # noqa: PLC0415 - only for drafts

    parts = []
    for word in words:
        spelled = "".join(lazy_pinyin(word)).lower()
        spelled = re.sub(r"[^a-z0-9]+", "", spelled)
        if spelled:
            parts.append(spelled)
    base = "-".join([pillar, *parts])[:48].rstrip("-") or pillar
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _pillar_guess(g: Group, kb: KnowledgeBase | None) -> str:
    votes: dict[str, float] = {}
    for q in g.questions:
        for n in q.nearest:
            entry = kb.entry(n.entry) if kb is not None else None
            if entry is not None:
                votes[entry.pillar] = votes.get(entry.pillar, 0.0) + n.score
    return max(votes, key=lambda p: (votes[p], p)) if votes else PILLAR_IDS[0]


def draft_yaml(
    groups: Sequence[Group], kb: KnowledgeBase | None, *, since: str, now: float | None = None
) -> str:
    """The curators' draft: example questions for existing entries, then entry stubs."""
    now = time.time() if now is None else now
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(now))
    gaps = [g for g in groups if g.draftable]
    skipped = [g for g in groups if not g.draftable]
    adds = [g for g in gaps if g.belongs_to is not None and g.outcome != UNHELPFUL]
    stubs = [g for g in gaps if g not in adds]
    out = [
        f"# Draft from `policybot review --since {since}`, {stamp}.",
        "# NOT part of the knowledge base: nothing here is read by the bot.",
        "# 1. questions: copy the example questions you agree with into that entry's",
        "#    `questions:` in knowledge/<file>.yaml.",
        "# 2. entries: for each stub worth answering, write the passage (60-350 characters,",
        "#    in our own words), title_en, summary_en, keywords and sources, keep at least 3",
        "#    questions, check the pillar, and move it into knowledge/<pillar>.yaml.",
        "#    Delete the stubs you do not want.",
        "# 3. Run `policybot kb check`: it validates the base as usual.",
    ]
    if skipped:
        out.append(
            f"# {len(skipped)} group(s) refused by design are not drafted "
            f"({sum(g.count for g in skipped)} question(s)); see `policybot review`."
        )
    out += ["", "questions:" + (" []" if not adds else "")]
    for g in adds:
        entry = kb.entry(g.belongs_to) if kb is not None and g.belongs_to else None
        existing = {textmod.normalize(q) for q in entry.questions} if entry else set()
        new = [e for e in g.examples if textmod.normalize(e) not in existing][:DRAFT_QUESTIONS]
        where = f"{entry.file}:{entry.line} · {entry.title}" if entry else ""
        out.append(f"  # asked {g.count}×; {g.why}" + (f"; {where}" if where else ""))
        out.append(f"  - entry: {g.belongs_to}")
        out.append("    add:")
        out += [f"      - {_q(e)}" for e in new] or ["      []"]
    out += ["", "entries:" + (" []" if not stubs else "")]
    taken = set(kb.by_id) if kb is not None else set()
    for g in stubs:
        pillar = _pillar_guess(g, kb)
        chinese = textmod.has_cjk(g.key)
        title = "".join(g.key.split()[:4]) if chinese else ""
        near = [n.entry for n in g.nearest[:3]]
        out.append(f"  # asked {g.count}×; {g.why}")
        out.append(f"  - id: {_slug(g.words or g.key.split()[:3], pillar, taken)}")
        out.append(f"    pillar: {pillar}  # a guess from the nearest entries: check it")
        out.append(f"    title: {_q(title)}  # a guess from the questions' words")
        out.append(f"    title_en: {_q('' if chinese else g.key)}")
        out.append('    passage: ""')
        out.append('    summary_en: ""')
        out.append("    keywords: [" + ", ".join(_q(w) for w in g.words) + "]")
        out.append("    questions:")
        out += [f"      - {_q(e)}" for e in g.examples[:DRAFT_QUESTIONS]]
        if near:
            out.append("    related: [" + ", ".join(near) + "]")
        out.append("    sources: []")
    return "\n".join(out) + "\n"
