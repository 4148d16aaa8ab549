"""Decide the answer to a message from the knowledge base: an entry, or a reasoned refusal.

Before any scoring, `bot.understanding` decides what the message asks and whether to
decline it (from `knowledge/scope.yaml`); `bot.scoring` ranks the entries for the words
of the message; then the decision reads that ranking with the understanding: a follow-up
against the chat's last answer, a district question for what it asks besides the
district, a where-and-whom question by the support entry on its topic, a broad question
about the city by the overview, and a figure, firm or claim asked only from an entry that
states it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from pathlib import Path

from bot import text as textmod
from bot.answer_lists import (
    AnswerLists,
    count_of,
    listed_items,
    listed_kind_asked,
    lists_what_is_counted,
    which_ones,
)
from bot.index import (
    PINYIN_MIN_CHARS,
    PLAN_DIGITS,
    PLAN_NUMBER,
    STOPWORDS,
    Index,
    compact,
    name_key,
    squeeze,
)
from bot.index_cache import load_or_build
from bot.knowledge import Entry, KnowledgeBase
from bot.scoring import (
    ALTERNATIVE,
    ALTERNATIVE_RATIO,
    CONFIDENT,
    FUZZ_CANDIDATES,
    Match,
    Ranking,
    Scorer,
    tied,
)
from bot.statements import EntryText, Statements
from bot.understanding import (
    LONG_MESSAGE,
    RELATION,
    Intent,
    Place,
    Understander,
    Understanding,
    clauses,
    final_sentence,
    last_clause_question,
    last_sentence,
    phrases_pattern,
    remember_normalised,
    without_ordinal,
    without_preamble,
)
from bot.vocabulary import Refusal

_SUBJECTLESS_SHARE = re.compile(
    r"\s*(?:那|那么|它|这个|这|那个)?\s*(?:占|占了|占到)"
    r"|\s*(?:and )?(?:what )?(?:share|percentage) of"
)
_SHARE_OF = re.compile(r"(?:占|占了|占到)(?:全市|全省|全国)?(?:gdp|地区生产总值|经济总量)")
# What comes before the thing a share is asked of: a year, and the verbs of a target.
_SHARE_LEAD = re.compile(r"^(?:那|那么)?(?:到|在)?(?:[0-9]{4}年)?(?:底|末)?|(?:要|会|能|将|得)$")
# One of the plan's digits set in quotation marks: "12218的“8”".
_QUOTED_PLAN_DIGIT = re.compile(rf"[“\"「『‘']({PLAN_DIGITS})[”\"」』’']")
# The plan's digits (1, 2, 21, 8) as numbers of their own, in a message that names the plan.
_PLAN_DIGIT_ALONE = re.compile(rf"(?<![0-9.+])({PLAN_DIGITS})(?![0-9.+])")
# The plan's number read digit by digit (1-2-2-1-8), which it is not (1-2-21-8): "第一个2" is
# the 2; "第二个2" or "第二个1" asks how the number splits, which the overview says.
_NTH_PLAN_DIGIT = re.compile(r"第([一二两2])个[“\"]?([12])(?![0-9])[”\"]?")
_DIGITS_FOR_WHOLE = 2
_QUOTED_FOR_WHOLE = 3


def _nth_plan_digit(found: re.Match[str]) -> str:
    """ "第一个2" -> 2; "第一个1" stays (an ordinal of its own); a second one asks them all."""
    nth, digit = found.groups()
    if nth == "一":
        return digit if digit == "2" else found.group()
    return f"{PLAN_NUMBER}的每个数字"


def _plan_digits_named(norm: str) -> int:
    """How many of the plan's digits a message that names the plan speaks of."""
    if PLAN_NUMBER not in norm:
        return 0
    rest = norm.replace(PLAN_NUMBER, " ")
    return len({found.group(1) for found in _PLAN_DIGIT_ALONE.finditer(rest)})


# A part of the plan said to be something: "两业融合就是…", "两化转型=…", "…是不是数字化加…"
# (not a property asked: "是不是有专门的用地政策", "是不是要求…").
_DEFINED_AS = (
    r"\s*(?:是不是|就是|=|等于|即是|即係|係咪|系咪|就系|就係)(?![有要会能在还也只已都算属])"
)
_CITY_WIDE = re.compile(r"全市|全广州|整个广州|city-?wide|city wide|whole city")
_MEMBERS_ASKED = re.compile(
    r"具体是哪(?:几|些|[0-9一二两三四五六七八九十]+)|分别叫什么|哪几家.{0,6}叫什么"
)
# A count and what it counts ("4个计划"), and the measure words a count may be said with.
_MEASURE_WORDS = "个项条类种"
_LISTED_BEFORE = 20  # characters before a count in which the items it counts may be listed
_COUNT_OF = re.compile(rf"([0-9]+)([{_MEASURE_WORDS}])([\u4e00-\u9fff]{{2,6}})")
# A rank among the city's districts ("经济总量排全市第几"): the district's figure, not the city's.
_RANK_IN_CITY = re.compile(r"(?:排|在)全市(?:的)?(?:第|排)|全市(?:排|第)")
_WORD_REST = re.compile(r"[a-z0-9-]*")  # the rest of an English word a phrase ends inside
MIN_LISTED = 3  # "哪八个": a count this large asks for a list

ALTERNATIVES_READ = 10  # the nearest entries looked at for the pair a follow-up points into
LISTING_REST = 6  # characters besides "哪几个" that still leave a bare "which ones?"
QUOTED_DF = 6  # a quoted name found in more entries than this names no one topic

BOTH_TOPICS_RATIO = 0.8  # of the best's score, for an entry found by both topics named
BROAD_SCORE = 0.55  # a broad question's overview: an answer, but not a close match
CLOSE_MATCH = 0.65  # a broad question this close to an entry is that entry's question
PLAIN_LEAD = 0.05  # a named topic's entry this far ahead of the next is the one meant
DISTRICT_SCORE = 0.55  # a district's own entry for a question about that district
MAX_OFFERS = 3
YEAR_LEAD = 0.1  # an entry named for the year asked may trail the best by this much
# Declined without looking at the entries: nothing in them could be offered.
_UNSCORED = frozenset({Refusal.EMPTY, Refusal.NO_TEXT, Refusal.SMALL_TALK})
# ...but a statement to the group ("我觉得量子科技离我哋太远喇") is scored, so that the
# entries it names are offered beside the refusal.
_OFFERING_RULES = frozenset({"statement"})
_PLACE_REFUSALS = frozenset({Refusal.PROVINCE, Refusal.NATIONAL, Refusal.OTHER_PLACE})


# A follow-up opening on what the last answer is set beside: "跟12218有啥关系", "它和两业融合…".
_RELATION_OPENING = re.compile(r"(?:它|佢)?(?:跟|和|与|同)")


# A number of three digits or more: a code (12306) or a district's system (1283).
_LONG_NUMBER = re.compile(r"(?<![0-9.])[0-9]{3,}(?![0-9.])")


def _second_asked(asides: tuple[str, ...]) -> re.Pattern[str]:
    """A second question tacked on after a first one: "？还有…", "；…又是啥", "? and …".

    After the question mark, one of scope.yaml's `asides` (另外, 顺便, btw) or a word that
    adds a question (还有, 以及, and, also)."""
    opening = "|".join(map(re.escape, sorted(asides, key=len, reverse=True)))
    return re.compile(
        rf"[？?；;]\s*(?:{opening + '|' if opening else ''}还有|再问|以及|and\b|also\b|plus\b"
        r"|[^，,。？?；;]{1,12}又(?:是|算|属于|有|跟|和))",
        re.IGNORECASE,
    )


def _first_of_two(message: str, second_asked: re.Pattern[str]) -> str | None:
    """The first of two questions asked in one message, or None when it asks one."""
    second = second_asked.search(message)
    if second is None:
        return None
    first = message[: second.start() + 1].strip()
    return first if len(first) >= 4 else None


@dataclass(frozen=True, slots=True)
class Result:
    query: str  # the message as given
    cleaned: str  # what was matched: no command, mention or markup
    matches: tuple[Match, ...]  # best first; empty when nothing is related at all
    confident: bool
    refusal: Refusal | None  # why it got no answer; None when answered
    understanding: Understanding | None = None
    traditional: bool = False
    english: bool = False
    follow_up: bool = False  # answered by reading it against the chat's last answer
    broad: bool = False  # a broad question answered with the plan's overview
    # What was asked is stated in no entry that fits: "figure" ("产值多少"), "firm" ("宁德时代"),
    # "claim" (hearsay of a change: "听说南沙要划给深圳，真的假的"), "firms" (a list of firms
    # no entry names), "members" (the members of what an entry only counts: "具体是哪几块地"),
    # "topic" (a thing the base never mentions: "12218有冇提元宇宙").
    unstated: str = ""

    @property
    def reason(self) -> str:
        """`answered`, or the refusal class (for logs and statistics)."""
        return "answered" if self.confident else str(self.refusal or Refusal.NO_MATCH)

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches and self.confident else None

    @property
    def alternatives(self) -> tuple[Match, ...]:
        return self.matches[1:] if self.confident else self.matches


@dataclass(frozen=True, slots=True)
class _Asked:
    """A message as the matcher read it, before any entry is scored."""

    message: str
    cleaned: str
    understanding: Understanding
    traditional: bool
    english: bool
    plan_digits: int = 0  # how many of the plan's digits it names beside 12218 ("1、2、21、8")


class Matcher:
    """Answers queries against one knowledge base. Build once; `match` is cheap."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        cache_dir: Path | None = None,
        isolate_build: bool = False,
        this_year: int | None = None,
        index: Index | None = None,
    ) -> None:
        """Load the index of `kb` from `cache_dir` (None: no cache), or build it there.

        With `isolate_build` a missing index is built by a child process, so a long-running
        bot never holds the builder's memory. `this_year` is what "今年" means (None: the
        clock's). `index`: one just built, to use as it is."""
        self.kb = kb
        self._second_asked = _second_asked(kb.scope.asides)
        self._on_list_asked = phrases_pattern(kb.scope.lists_asked)
        self._listed_pillars = {e.pillar for e in map(kb.entry, kb.scope.lists) if e is not None}
        self._index: Index = (
            index
            if index is not None
            else load_or_build(kb, cache_dir, isolate_build=isolate_build)
        )
        remember_normalised(self._index.phrases)
        self._entries = [kb.by_id[eid] for eid in self._index.entry_ids]
        # A variant's canonical names (ai -> 人工智能), as they stand in the entries' names.
        self._canonical: dict[str, list[str]] = {}
        for canonical, variants in kb.synonyms.items():
            for variant in variants:
                self._canonical.setdefault(name_key(variant), []).append(compact(canonical))
        self._understander = Understander(kb.scope, this_year, frozenset(self._index.named_idf))
        self._scorer = Scorer(self._index, self._entries, self._understander.is_follow_up_word)
        self._described = [
            (textmod.normalize(term), pattern)
            for term, phrases in kb.described.items()
            if (pattern := phrases_pattern(phrases)) is not None
        ]
        # ...and all of them at once: most messages describe nothing, and one search says so.
        self._any_described = phrases_pattern(
            tuple(p for phrases in kb.described.values() for p in phrases)
        )
        # everyday.yaml's words by term (each compiled when a message first could hold one).
        self._everyday = [
            (textmod.normalize(term), pattern)
            for term, phrases in kb.everyday.items()
            if (pattern := phrases_pattern(phrases)) is not None
        ]
        self._facet_entries = {rule.entry for rule in kb.scope.facets}
        self._facets_for_named_topics = {
            rule.entry for rule in kb.scope.facets if rule.only_topics_it_names
        }
        self._texts = {e.id: EntryText.of(e) for e in kb.entries}
        self._names_in_order: list[str] | None = None  # for completing look-ups (lazily)
        self._entries_saying: dict[str, int] = {}  # name -> how many entries say it (lazily)
        # Each pillar's overview: the entry in it titled with (part of) the pillar's name.
        self._overviews = {
            p.id: e
            for p in kb.pillars
            for e in kb.entries
            if e.pillar == p.id and compact(e.title) in compact(p.name)
        }
        self._lists: AnswerLists[Match] = AnswerLists(
            self._entries,
            {eid: squeeze(t.all_names) for eid, t in self._texts.items()},
            self._item_entry,
        )
        # Which entries name each district (in the title; anywhere in their names; anywhere
        # at all), worked out once here rather than per question.
        self._district_names = {
            d: tuple(textmod.normalize(n) for n in names) for d, names in kb.scope.districts.items()
        }
        self._district_entries = _entries_naming(self._texts, self._district_names)
        self._statements = Statements(
            kb,
            self._index,
            self._texts,
            self._district_names,
            self._understander.without_asking_words,
        )
        self._broad_over_parts = {r.entry for r in kb.scope.broad_rules if r.over_parts}
        # A district's full name by its sound (黄埔区: huang pu qu), for names typed with a
        # homophone; only the full names, which end in 区.
        self._district_by_sound = {
            " ".join(self._index.char_pinyin.get(c, c) for c in n): n
            for names in self._district_names.values()
            for n in names
            if len(n) >= PINYIN_MIN_CHARS and n.endswith("区")
        }
        self._district_by_sound_sizes = sorted({len(k.split()) for k in self._district_by_sound})
        self._district_first_sounds = {k.split()[0] for k in self._district_by_sound}
        # The pillars of the support entries hold the plan's measures and mechanisms.
        self._support_entries = [
            e for e in (kb.entry(eid) for eid in kb.scope.support_entries) if e is not None
        ]
        self._measure_pillars = {e.pillar for e in kb.entries if e.id in kb.scope.support_entries}
        # The district's own names (番禺区, panyu), not the places inside it (知识城).
        self._district_own_names = {
            d: tuple(
                m
                for n in names
                if n.startswith(d) or n.isascii()
                for m in ((n, f"{n} district") if n.isascii() else (n,))
            )
            for d, names in self._district_names.items()
        }

    # --- matching -------------------------------------------------------------------

    def match(
        self,
        message: str,
        top: int = 4,
        *,
        closeness: float = ALTERNATIVE_RATIO,
        context: Entry | None = None,
    ) -> Result:
        """The best entries for `message`, at most `top`.

        Runners-up are kept while their evidence is at least `closeness` times the best's
        (0 keeps every related entry, for look-up lists such as inline mode). `context` is
        the entry this chat was just told about: a follow-up with no topic of its own
        ("那它2035年目标呢") is read against it; a question that stands alone never is.
        """
        found = self._match_one(message, top, closeness=closeness, context=context)
        # "低空经济算未来产业还是集群？还有具身智能呢": the first question is what is asked; the
        # one tacked on after it is offered beside it.
        first = _first_of_two(found.cleaned, self._second_asked) if found.best is not None else None
        # (How two things relate is answered by the entry on both, whichever is asked first.)
        if first is None or RELATION.search(first) is not None:
            return found
        alone = self._match_one(first, top, closeness=closeness, context=context)
        # ...when the whole message found its answer too, as a runner-up.
        if alone.best is None or alone.best.entry.id not in {m.entry.id for m in found.matches[1:]}:
            return found
        rest = tuple(m for m in found.matches if m.entry.id != alone.best.entry.id)
        return replace(found, matches=(alone.best, *rest)[:top] if top else (alone.best, *rest))

    def _match_one(
        self,
        message: str,
        top: int,
        *,
        closeness: float,
        context: Entry | None,
    ) -> Result:
        """`match` for one question."""
        asked, norm = self._read(message)
        understanding = asked.understanding

        def result(ranking: Ranking | None, refusal: Refusal | None, **flags: bool) -> Result:
            return self._result(asked, ranking, refusal, **flags)

        refusal = understanding.refusal
        if refusal in _UNSCORED and understanding.rule not in _OFFERING_RULES:
            return result(None, refusal)
        in_district = self._its_district_asked(asked, norm, context, top, closeness)
        if in_district is not None:
            return in_district
        ranking, norm = self._in_everyday_words(
            *self._rank_question(norm, top, closeness, understanding.asker_is_in),
            top,
            closeness,
            declined=refusal is not None,
        )
        early = self._declined_or_followed(
            asked, ranking, norm, context, top=top, closeness=closeness
        )
        if early is not None:  # declined, or a follow-up read against the last answer
            return early
        ranking, placed = self._whole_or_list(ranking, asked.plan_digits, norm)
        if understanding.district is not None:
            # A long message's story (时尚产业、汽车产业) is not what it asks of the district
            # ("番禺在这套产业体系里是什么定位？"): its last sentence is, when it names it.
            last = last_sentence(norm)
            names = self._district_names.get(understanding.district, ())
            if last != norm and any(n in last for n in names):
                ranking = self._scorer.rank(last, top, closeness)
                norm = last
            ranking = self._about_district(ranking, understanding.district, norm)
            placed = True
        if understanding.intent is Intent.APPLY and (
            understanding.names_home or ranking.topics or ranking.parts
        ):
            ranking = self._about_support(ranking, norm)
            placed = True
        elif understanding.asks_policies and ranking.topics and ranking.confident:
            # "低空经济有哪些政策": the support entry on that topic's policies, when there is one.
            ranking = self._about_support(ranking, norm, on_topic_only=True)
        # An entry's own example question is that entry's ("哪个区把生物医药当主攻方向？").
        if (
            understanding.facet_entry is not None
            and (ranking.topics or ranking.parts)
            and not ranking.exact
        ):
            ranking, norm = self._facet_asked(
                ranking, understanding.facet_entry, norm, top, closeness, placed=placed
            )
            placed = True
        if not placed and not ranking.exact:
            defined = self._part_defined(ranking, norm)
            ranking, placed = (
                (_lead_with(ranking, defined, CONFIDENT), True)
                if defined is not None
                else self._what_is_asked(self._quoted(ranking, norm), norm, top, closeness)
            )
        if understanding.compares and not understanding.elsewhere and not placed:
            ranking, placed = self._compared_within(ranking, understanding, norm)
        elif len(set(ranking.parts)) >= 2 and _EACH.search(norm) and not placed:
            ranking = self._parent_of_pair(ranking)  # "两业融合和两化转型分别管什么"
        if understanding.compares and understanding.elsewhere and not placed:
            compared = self._compared_with(ranking, understanding.elsewhere, norm)
            if compared is None:  # "北京亦庄的机器人与广州相比": the base has only one side
                return result(self._offers(ranking, Refusal.OTHER_PLACE), Refusal.OTHER_PLACE)
            ranking, placed = compared, True
        exact = ranking.exact  # an entry's title or example question is that entry's
        broad = None if placed or exact else self._as_broad(ranking, understanding, norm, top)
        if broad is not None:
            return result(broad, None, broad=True)
        if ranking.confident and not (placed or exact):
            ranking = self._settled(ranking, understanding, norm)
        if ranking.confident:
            return result(ranking, None)
        plain = (
            self._named_plainly(ranking)
            if understanding.names_home
            and not self._district_for_the_city(ranking, understanding, norm)
            else None
        )
        if plain is not None:
            # "广州汽车是不是不行了，广汽都卖不动了": Guangzhou and one topic are named; the
            # chatter around them is not a reason to say nothing.
            return result(_lead_with(ranking, plain, CONFIDENT), None)
        # "广州经济到底靠什么撑着？是不是还得靠工厂": 工厂 found no entry of its own, so
        # the broad question stands, and gets the overview rather than nothing.
        # Not when it asks a figure or a name: "链长是哪位市领导" is no broad question.
        vague = (
            None
            if placed or exact or understanding.asks_figure
            else self._as_broad(ranking, understanding, norm, top, vague=True)
        )
        if vague is not None:
            return result(vague, None, broad=True)
        return result(ranking, Refusal.NO_MATCH)

    def _its_district_asked(
        self, asked: _Asked, norm: str, context: Entry | None, top: int, closeness: float
    ) -> Result | None:
        """A follow-up asking of the last answer's topic in a district it names, or None.

        "天河给它定了多大的产值目标" after the software cluster: the question with the last
        answer's name for 它 ("天河给软件与互联网定了…"), read on its own, since the place
        it names decides the entry; None when that is the last answer again."""
        understanding = asked.understanding
        if context is None or not understanding.pronoun or understanding.district is None:
            return None
        named = self._understander.with_pronoun_named(norm, self._texts[context.id].title)
        if named == norm:
            return None
        alone = self._match_one(named, top, closeness=closeness, context=None)
        if alone.best is None or alone.best.entry.id == context.id:
            return None
        return replace(alone, query=asked.message.strip(), follow_up=True)

    def _whole_or_list(self, ranking: Ranking, digits: int, norm: str) -> tuple[Ranking, bool]:
        """`ranking` led by the entry on the plan's whole number or on a list, when asked.

        Also whether such an entry now leads it."""
        whole_number = self._whole_number_asked(digits)
        if whole_number is not None:
            return _lead_with(ranking, whole_number, CONFIDENT), True
        on_list = self._list_asked(ranking, norm)
        if on_list is not None:
            return replace(_lead_with(ranking, on_list, CONFIDENT), topics=on_list.why), True
        return ranking, False

    def _list_asked(self, ranking: Ranking, norm: str) -> Match | None:
        """The entry giving one of the plan's lists, when a message asks if a thing is on it.

        "会展算唔算8个现代服务业之一": the services' list, which says how complete it is. Not
        when the best entry is of a listed part of the plan ("智能网联汽车算唔算6个未来产业":
        the cluster's own entry says what it is) or is titled with a topic asked ("五大制造服务业
        跟那8个现代服务业是不是一回事")."""
        named = {
            entry_id: found
            for entry_id, names in self.kb.scope.lists.items()
            if (found := next((n for n in names if n in norm), None)) is not None
        }
        # Two lists named say what a number is made of ("21是不是15个集群加6个未来产业").
        if len(named) != 1 or self._on_list_asked is None or not self._on_list_asked.search(norm):
            return None
        ((entry_id, name),) = named.items()
        listing = self.kb.entry(entry_id)
        best = ranking.matches[0].entry if ranking.matches else None
        if listing is None or (
            best is not None
            and (
                best.pillar in self._listed_pillars
                or any(t in self._texts[best.id].title for t in ranking.topics if t not in name)
            )
        ):
            return None
        return Match(listing, CONFIDENT, (name,))

    def _declined_or_followed(
        self,
        asked: _Asked,
        ranking: Ranking,
        norm: str,
        context: Entry | None,
        *,
        top: int,
        closeness: float,
    ) -> Result | None:
        """A declined message's result, or a follow-up's read against the last answer.

        None when the message is answered on its own."""
        understanding = asked.understanding
        refusal = understanding.refusal
        if understanding.new_topic:  # "问个题外话，…": nothing leans on the last answer
            context = None
        # "唔係兩個主攻方向，我問嘅係2月6號嗰個大會": what was meant is found on its own, and
        # is not the last answer, which was not meant: nothing leans on that answer. (With a
        # pronoun it does: "不是，我问的是它在15个集群里算哪一档".)
        if (
            context is not None
            and understanding.corrects
            and not understanding.pronoun
            and ranking.confident
            and ranking.matches[0].entry.id != context.id
        ):
            context = None
        # "Does the plan say anything about pet food?" names its own subject, one no entry
        # mentions: it asks that of the plan, not of the last answer.
        if (
            context is not None
            and understanding.asks_coverage
            and not ranking.topics
            and self._statements.unknown_subject(norm)
        ):
            context = None
        # "那12306呢" after the plan's number asks the same of a number no entry knows.
        if context is not None and understanding.instead and self._numbers_unknown(norm):
            context = None
        # ...and so does a rule or handout said to come with the plan ("听说12218要发纪念币"):
        # the last answer's topic is not what the rumour is about.
        if context is not None and understanding.decreed and not understanding.follow_up:
            context = None

        def result(ranking: Ranking | None, refusal: Refusal | None, **flags: bool) -> Result:
            return self._result(asked, ranking, refusal, **flags)

        # "那国家层面是怎么归类的" right after an answer compares that answer with the
        # nation's: a follow-up, not a national question.
        # ...but "那上海是怎么搞的" asks about the other place alone: declined as another place's.
        comparing = (
            refusal in _PLACE_REFUSALS
            and context is not None
            and (not ranking.own_topic or self._sets_level_beside(ranking, understanding, norm))
            and (
                refusal is not Refusal.OTHER_PLACE
                or understanding.compares
                or understanding.instead
            )
        )
        # "两业融合有国家级示范区吗": a national title a part of the plan strives for is ours.
        if (
            refusal is Refusal.NATIONAL
            and ranking.parts
            and self._understander.national_only_by_title(norm)
        ):
            refusal = None
        # "十四五末国家级小巨人482家，这个数能用吗": a national title beside figures (or a
        # quoted phrase) the best entry states is that entry's fact, checked.
        if (
            refusal is Refusal.NATIONAL
            and ranking.matches
            and self._understander.national_only_by_title(norm)
            and self._quotes_entry(ranking.matches[0].entry, norm)
        ):
            refusal = None
        # "这跟新质生产力是啥关系" right after an answer on the plan: the entry that sets the
        # national idea beside the plan (its title names both) answers it.
        if (
            refusal is Refusal.NATIONAL
            and context is not None
            and (understanding.follow_up or norm.startswith(("这", "那")))
            and (understanding.together or RELATION.search(norm) is not None)
            and ranking.matches
            and self._understander.speaks_of_home(self._texts[ranking.matches[0].entry.id].title)
        ):
            refusal = None
        # "国家级小巨人呢" after the entry counting them: the last answer's, not the nation's.
        if (
            refusal is Refusal.NATIONAL
            and context is not None
            and understanding.instead
            and self._understander.national_only_by_title(norm)
            and self._named_in_last(context, norm)
        ):
            return result(Ranking((Match(context, CONFIDENT, ()),), True), None, follow_up=True)
        if refusal is Refusal.OTHER_PLACE and context is not None and understanding.follow_up:
            beside = self._place_beside_last(context, ranking, understanding, norm)
            if beside is not None:  # "那深圳是几个" after Guangzhou's future industries
                return result(beside, None, follow_up=True)
        # "它跟香港有啥合作方向" after cell and gene therapy: the last answer, which speaks of
        # working with that place.
        # ...and "深圳那边有没有合作" after the deep sea and space, which no entry answers alone.
        if (
            (refusal is Refusal.OTHER_PLACE or (refusal is None and not ranking.confident))
            and context is not None
            and self._relates_last_to_place(context, understanding, norm)
        ):
            return result(Ranking((Match(context, CONFIDENT, ()),), True), None, follow_up=True)
        if refusal is not None and not (comparing and understanding.follow_up):
            return result(self._offers(ranking, refusal), refusal)
        if context is not None:
            followed = self._in_conversation(
                ranking, understanding, context, norm, top=top, closeness=closeness
            )
            if followed is not None:
                unstated = self._unstated_in_follow_up(followed, understanding, refusal)
                # "那广东省的呢" after 两业融合: an answer from another part of the plan sets
                # nothing of the province's beside the last one; declined as the province's, the
                # last answer offered first.
                if comparing and followed.matches[0].entry.pillar != context.pillar:
                    unstated = unstated or refusal
                    ranking = _lead_with(ranking, Match(context, ALTERNATIVE, ()), ALTERNATIVE)
                if unstated is Refusal.NO_MATCH:
                    return result(followed, unstated)
                if unstated is not None:
                    return result(self._offers(ranking, unstated), unstated)
                return result(followed, None, follow_up=True)
        if refusal is not None and self._titled_with_level(ranking, understanding.place):
            # "那这个跟广东省的双十是一个东西吗" after the clusters: the base's entry setting the
            # province's beside Guangzhou's answers it.
            return result(ranking, None)
        if refusal is not None:  # a comparison the last answer could not carry ("那深圳呢")
            return result(self._offers(ranking, refusal), refusal)
        return None

    def _unstated_in_follow_up(
        self, followed: Ranking, understanding: Understanding, refusal: Refusal | None
    ) -> Refusal | None:
        """Why a follow-up's answer says nothing of what it asks, or None when it does.

        "2027年呢" after the 2026 growth target: an answer that never names 2027 (no-match);
        "全国平均是多少" after Guangzhou's share, "那广东省层面有没有对应的产业体系" after the
        21+8: an answer that never speaks of the nation or the province says nothing of theirs
        (declined as theirs)."""
        if not followed.matches:
            return None
        text = self._texts[followed.matches[0].entry.id]
        years = understanding.years
        if len(years) == 1 and self._year_unnamed_in(followed.matches[0].entry, years):
            return Refusal.NO_MATCH
        if refusal in (Refusal.PROVINCE, Refusal.NATIONAL) and not self._understander.names_level(
            text.passage, understanding.place
        ):
            return refusal
        return None

    def _quotes_entry(self, entry: Entry, norm: str) -> bool:
        """Whether the message gives figures or a quoted phrase that the entry's passage states."""
        passage = self._texts[entry.id].passage
        figures = [n for n in _FIGURE.findall(norm) if not _YEAR_ONLY.fullmatch(n)]
        quoted = [q for q in _QUOTED.findall(norm) if len(q) >= 4]
        return bool(figures or quoted) and all(x in passage for x in (*figures, *quoted))

    def _sets_level_beside(self, ranking: Ranking, understanding: Understanding, norm: str) -> bool:
        """Whether a message naming a topic of its own sets another level beside Guangzhou's.

        The best entry's title names the province or the nation, and the message compares,
        relates, or names that entry's own keyword ("那全国政府工作报告里的未来产业呢").

        "广东省那20个战略性产业集群是哪些" after Guangzhou's clusters does none of these: it
        asks the province's own list."""
        return (
            understanding.compares
            or RELATION.search(norm) is not None
            or self._keyword_named(ranking.matches[0].entry, norm)
        ) and self._titled_with_level(ranking, understanding.place)

    def _numbers_unknown(self, norm: str) -> bool:
        """Whether `norm` names a number (three digits or more) that no entry mentions.

        (Read in the entries' texts: the index keeps 2025年 whole, which mentions 2025.)"""
        return any(
            not any(n in t.all_names or n in t.passage for t in self._texts.values())
            for n in _LONG_NUMBER.findall(norm)
        )

    def _keyword_named(self, entry: Entry, norm: str) -> bool:
        """Whether `norm` names one of `entry`'s keywords (not title or aliases) verbatim."""
        keywords = self._statements.names_of(entry)[1 : 1 + len(entry.keywords)]
        return any(len(k) >= 4 and k in norm for k in keywords)

    def _titled_with_level(self, ranking: Ranking, level: Place) -> bool:
        """Whether the best entry's title names the province or the nation asked about.

        "那全省的高质量发展大会又讲了啥" after Guangzhou's conference: the base has an entry
        setting the province's beside the city's, which the chat's last answer leads to."""
        if level not in (Place.PROVINCE, Place.NATIONAL) or not ranking.matches:
            return False
        title = self._texts[ranking.matches[0].entry.id].title
        return self._understander.names_level(title, level)

    def _read(self, message: str) -> tuple[_Asked, str]:
        """The message as read before scoring, and its normalised text."""
        cleaned = textmod.clean(message)
        traditional = textmod.is_traditional(cleaned)
        norm = self._understander.without_addressing(
            textmod.normalize(cleaned), self._scorer.names_topic
        )
        corrected = self._understander.corrected(norm)
        corrects = corrected != norm
        norm = self._understander.without_quiz_label(corrected)
        # The words that turn to a new question lead into it too: read before they go.
        led = norm
        norm = self._understander.without_lead_in(norm)
        turns = norm != led and self._understander.turns_from_last(led)
        norm = self._scorer.read_initials(self._scorer.read_pinyin(norm))
        norm = self._scorer.read_misspelt(norm)
        norm = self._with_district_spelt(norm)
        # Three of the plan's digits quoted at once ("“1”指什么，“21”和“8”分别是什么") ask
        # about the plan's number, named or not (the quotation marks go in the next step).
        quoted = len(set(_QUOTED_PLAN_DIGIT.findall(norm)))
        norm = self._with_plan_number_spelt(norm)
        english = not textmod.has_cjk(norm) and bool(re.search(r"[a-z]{2}", norm))
        norm = self._with_described_named(self._with_count_named(norm))
        norm = self._without_excepted(norm)
        # Another member @mentioned at the opening ("@陈姐 你…"): cleaning took the mention away.
        spoken_to = textmod.normalize(message) if message.lstrip().startswith("@") else ""
        understanding = self._understander.understand(norm, spoken_to)
        norm = understanding.asked_text  # what is set aside is not ranked either
        completed = None if understanding.refusal else self._completed(norm)
        if completed is not None:  # "具身" typed on a phone: 具身智能, in a chat too
            norm, understanding = completed, self._understander.understand(completed)
        if turns and not understanding.new_topic:
            understanding = replace(understanding, new_topic=True)
        if corrects:
            understanding = replace(understanding, corrects=True)
        # "今年的大会" is ranked as "2026年的大会": the entry named for that year.
        norm = self._understander.with_years_named(norm)
        digits = _plan_digits_named(norm) or (quoted if quoted >= _QUOTED_FOR_WHOLE else 0)
        return _Asked(message, cleaned, understanding, traditional, english, digits), norm

    def _without_excepted(self, norm: str) -> str:
        """A message asking for the others without the one it sets aside.

        "除了现代金融，还有哪些现代服务业" asks for the services, not for finance; kept whole
        when the rest names nothing ("除了金融还有啥" after an answer leans on that answer)."""
        found = _EXCEPTED.search(norm)
        if found is None:
            return norm
        rest = f"{norm[: found.start()]} {norm[found.end() :]}".strip()
        if textmod.has_cjk(norm) and not _OTHERS_ASKED.search(rest):
            return norm
        ranked = self._scorer.rank(rest, 1, 0.0)
        return rest if ranked.own_topic or ranked.parts else norm

    def _with_plan_number_spelt(self, norm: str) -> str:
        """The plan's number as typed, read as 12218 and its digits.

        Its digits swapped ("12128体系讲的啥") are 12218, unless the base names that number
        (天河's 12126, 增城's 12613); a digit in quotation marks ("12218的“8”") is that digit;
        "第一个2" is the plan's 2 (see `_nth_plan_digit`)."""

        def spelt(found: re.Match[str]) -> str:
            number = found.group()
            swapped = sorted(number) == sorted(PLAN_NUMBER) and number not in self._index.named_idf
            return PLAN_NUMBER if swapped else number

        # "12218的“8”" is 12218的8: the quotation marks only set the digit apart.
        norm = _QUOTED_PLAN_DIGIT.sub(r"\1", _FIVE_DIGITS.sub(spelt, norm))
        return _NTH_PLAN_DIGIT.sub(_nth_plan_digit, norm)

    def _items_listed(self, counted: str, before: str) -> bool:
        """Whether the things a counted name stands for are named just before the count.

        "智造定制上云赋能四个计划": the four plans are named; 4项计划 adds nothing to them."""
        titles = {self._entries[idx].title for idx, _ in self._index.named.get(counted, ())}
        return sum(textmod.normalize(title)[:2] in before for title in titles) >= 2

    def _names(self, term: str) -> bool:
        """Whether `term` is a name or a word of the base."""
        return term in self._index.named_idf or term in self._index.idf

    def _with_count_named(self, norm: str) -> str:
        """A count said with another measure word, as the base names it ("4个计划": 4项计划)."""

        def named(found: re.Match[str]) -> str:
            number, word, rest = found.groups()
            before = norm[max(0, found.start() - _LISTED_BEFORE) : found.start()]
            for size in range(len(rest), 1, -1):
                if self._names(f"{number}{word}{rest[:size]}"):
                    return found.group()
                for other in _MEASURE_WORDS.replace(word, ""):
                    counted = f"{number}{other}{rest[:size]}"
                    if self._names(counted) and not self._items_listed(counted, before):
                        return f"{number}{other}{rest}"
            return found.group()

        return _COUNT_OF.sub(named, norm)

    def _with_described_named(self, norm: str) -> str:
        """A term the message describes without naming it, named after its description.

        "广州的服务业跟制造业以后会怎么结合起来" describes 两业融合 (aliases.yaml, `described`)."""
        if self._any_described is None or not self._any_described.search(norm):
            return norm
        for term, pattern in self._described:
            if term in norm:
                continue
            found = pattern.search(norm)
            if found is not None:
                rest = _WORD_REST.match(norm, found.end())
                end = rest.end() if rest else found.end()
                norm = f"{norm[:end]} {term} {norm[end:]}"
        return norm

    def _in_everyday_words(
        self, ranking: Ranking, norm: str, top: int, closeness: float, *, declined: bool
    ) -> tuple[Ranking, str]:
        """The ranking with the parts of the plan the message names in everyday words.

        "写APP做游戏做网站的那种公司算哪一类" names no part of the plan; its everyday words
        (everyday.yaml) name 软件与互联网. Only for a message that names nothing itself, so
        "我做外贸的，广交会跟12218有啥关系" stays a question about the Canton Fair (and so does
        one whose own words answer clearly)."""
        if declined or (ranking.confident and (ranking.topics or ranking.parts)):
            return ranking, norm
        named = norm
        for term, pattern in self._everyday:
            if term not in named and pattern.search(norm):
                named = f"{named} {term}"
        if named == norm:
            return ranking, norm
        ranked = self._scorer.rank(named, top, closeness)
        return (ranked, named) if ranked.confident else (ranking, norm)

    def _with_district_spelt(self, norm: str) -> str:
        """A district's name typed with a homophone (黄浦区 for 黄埔区), as the base writes it.

        So the message is read as that district's."""
        if "区" not in norm or any(n in norm for ns in self._district_names.values() for n in ns):
            return norm
        sound = self._index.char_pinyin
        for i, char in enumerate(norm):
            if sound.get(char) not in self._district_first_sounds:
                continue  # most characters begin no district's name
            for size in self._district_by_sound_sizes:
                key = " ".join(sound.get(c, c) for c in norm[i : i + size])
                name = self._district_by_sound.get(key)
                if name is not None and not self._understander.names_elsewhere(norm):
                    return norm[:i] + name + norm[i + size :]  # 上海黄浦区 stays Shanghai's
        return norm

    def _completed(self, norm: str) -> str | None:
        """A look-up of a few characters that begin a name: the shortest such name.

        Only for a message that is nothing but those characters, and no word of its own."""
        typed = squeeze(norm)
        if not 2 <= len(typed) <= _LOOKUP_CHARS or not textmod.CJK_RUN.fullmatch(typed):
            return None
        if typed in self._index.idf or typed in self._index.named_idf:
            return None  # a word of its own ("广州", "产业"), not the start of one
        if self._names_in_order is None:
            self._names_in_order = sorted(n for n in self._index.named_idf if not n.isascii())
        names = self._names_in_order
        at = bisect.bisect_left(names, typed)
        longer = [n for n in names[at : at + _COMPLETIONS] if n.startswith(typed) and n != typed]
        return min(longer, key=len) if longer else None

    def _result(
        self, asked: _Asked, ranking: Ranking | None, refusal: Refusal | None, **flags: bool
    ) -> Result:
        """The answer to `asked`: `ranking` unless declined with `refusal`."""
        understanding = asked.understanding
        # "低空经济今年产值多少": the cluster's passage is not that figure; it is offered.
        unstated = ""
        if ranking and ranking.confident and refusal is None:
            # "听说12218强制所有企业上云": the topic's entry says what the plan does about it.
            checked = understanding
            best = ranking.matches[0]
            named = tuple(t for t in ranking.topics if t in best.why)
            if understanding.decreed and self._understander.decrees_on(understanding.claim, named):
                checked = replace(understanding, claim="", decreed=False)
            unstated = self._statements.unstated(best.entry, checked)
            # A wrong reading of the plan's digits ("“1”是一个千亿龙头，“2”是两个自贸片区…靠谱吗")
            # is corrected by the overview, which says what each digit is.
            if (
                unstated == "claim"
                and ranking.matches[0].entry.id == self.kb.scope.broad_default
                and asked.plan_digits >= _DIGITS_FOR_WHOLE
            ):
                unstated = ""
            if unstated == "figure":
                ranking, unstated = self._stating_figure(ranking, checked)
            if unstated == "place":  # another place's question, however it was put
                refusal, unstated = Refusal.OTHER_PLACE, ""
            elif (
                not unstated
                and _MEMBERS_ASKED.search(asked.cleaned)
                and not self._lists_members(best.entry, ranking)
            ):
                unstated = "members"
            elif not unstated and understanding.asks_coverage and not ranking.topics:
                unstated = "topic" if self._statements.unknown_subject(asked.cleaned) else ""
        matches = ranking.matches if ranking else ()
        confident = ranking.confident if ranking and refusal is None and not unstated else False
        return Result(
            asked.message.strip(),
            asked.cleaned,
            matches,
            confident,
            None if confident else (refusal or Refusal.NO_MATCH),
            understanding,
            asked.traditional,
            asked.english,
            unstated=unstated,
            **flags,
        )

    def _lists_members(self, entry: Entry, ranking: Ranking) -> bool:
        """Whether `entry`, or an entry ranked beside it or pointed to on its own topic, lists.

        "“6+4”具体是哪几项": the 6+4 entry lists nothing, but points to the one that does."""
        topic = entry.keywords[0] if entry.keywords else entry.title
        near = [self.kb.by_id[i] for i in entry.related if i in self.kb.by_id]
        near = [e for e in near if topic in e.title]
        near += [m.entry for m in ranking.matches[:3]]
        return any(listed_items(e.passage) for e in (entry, *near))

    def _stating_figure(
        self, ranking: Ranking, understanding: Understanding
    ) -> tuple[Ranking, str]:
        """The ranking led by an entry that states the figure asked for, and what it lacks.

        "黄埔一年GDP多少" routes to Huangpu's own entry, which gives no GDP; the entry it
        lists as related, on Huangpu's 2024 figures, does. Only related entries: the
        runners-up may be another place's ("广州GDP" for a district's question)."""
        best = ranking.matches[0]
        # ...unless the best says it is not held: no other entry holds it either.
        if self._statements.says_not_held(best.entry, understanding):
            return ranking, "figure"
        topics = [t for t in ranking.topics if t not in understanding.figures]
        district = self._district_names.get(understanding.district or "", ())
        related = (self.kb.entry(eid) for eid in best.entry.related)
        for entry in (e for e in related if e is not None):
            # ...and of the same topic or place: its names say it (黄埔 for Huangpu's figures).
            names = self._texts[entry.id].all_names
            if not any(t in names for t in (*topics, *district)):
                continue
            if not self._statements.unstated(entry, understanding):
                return _lead_with(ranking, Match(entry, best.score, best.why), CONFIDENT), ""
        return ranking, "figure"

    def _district_part_asked(self, context: Entry, ranking: Ranking, norm: str) -> bool:
        """Whether a message asks a topic's part of the last answer's district.

        "低空那块具体建啥" after Haizhu's plans, whose passage speaks of low-altitude: Haizhu's
        part, not the city's low-altitude entry (unless that entry is the district's too)."""
        if not (
            ranking.topics
            and self._understander.points_at_a_part(norm)
            and self._district_in_title(context)
        ):
            return False
        best = ranking.matches[0].entry if ranking.matches else None
        passage = self._texts[context.id].passage
        return any(t in passage for t in ranking.topics) and (
            best is None or not self._district_in_title(best)
        )

    def _in_conversation(
        self,
        ranking: Ranking,
        understanding: Understanding,
        context: Entry,
        norm: str,
        *,
        top: int,
        closeness: float,
    ) -> Ranking | None:
        """The answer to a message read against the chat's last answer.

        None when the message stands on its own."""
        # A follow-up word that is also an entry's keyword ("哪些区": where industries are) is no
        # topic of its own when that entry never speaks of the last answer's topic (两业融合).
        if self._only_follow_up_words(ranking) and not self._speaks_of_entry(
            ranking.matches[0].entry, context
        ):
            ranking = replace(ranking, topics=())
        # "这个说法出自哪里", "链接发我一下": the last answer again, which carries its source.
        # The words that ask it may be an entry's own (原文, 会议): the rest must name nothing.
        # Where a policy's own text is ("去哪查原文") is the support entries' to say.
        if understanding.asks_source and understanding.intent is not Intent.APPLY:
            rest = self._scorer.rank(self._understander.without_source_words(norm), 1, 0.0)
            if not (rest.own_topic or rest.parts):
                return Ranking((Match(context, CONFIDENT, ()),), True)
        # "全市2035年的目标" after a district's answer asks the city's own, which stands alone.
        if (
            _CITY_WIDE.search(norm)
            and not _RANK_IN_CITY.search(norm)
            and (ranking.own_topic or ranking.parts)
            and self._district_in_title(context)
        ):
            return None
        # "里面的4个未来产业是哪些" after Tianhe's 12126, which lists "4个未来产业是…": that answer;
        # "低空那块具体建啥" after Haizhu's plans: Haizhu's part on it, which its entry holds.
        if (
            self._lists_what_is_counted(context, understanding, norm)
            or self._lists_kind_asked(context, understanding, norm)
            or self._district_part_asked(context, ranking, norm)
        ):
            return Ranking((Match(context, CONFIDENT, ()),), True)
        # The same facet of another topic, or another entry of the last answer's district.
        beside_last = self._same_facet_of(context, ranking, understanding, norm) or (
            self._district_entry_titled(context, ranking, understanding, norm)
        )
        if beside_last is not None:
            return beside_last
        # "它跟两化转型是什么关系" after 两业融合: the entry listing the two side by side.
        related = self._related_to_last(context, ranking, understanding, norm)
        if related is not None:
            return related
        pointed = self._pointed_into(context, ranking, understanding, norm)
        if pointed is not None:
            return pointed if isinstance(pointed, Ranking) else Ranking((pointed,), True)
        # A message that alone names nothing and answers nothing leans on the chat's last
        # answer even without a word that points back ("广州现在有几多间？"); a broad question
        # about the city ("广州还能翻身吗") stands on its own.
        # Several entries equally likely ("有专门的政策吗": the AI, biomedicine and low-altitude
        # ones) are not an answer either: the last answer says which.
        # ...but not one asking of a year the last answer never names ("2026年的大会主题又换成
        # 什么了" after the 2025 conference's).
        undecided = not ranking.confident or tied(ranking.matches)
        elliptical = (
            undecided
            and understanding.asks
            and not (ranking.own_topic or ranking.parts or understanding.broad_entry)
            and not self._year_unnamed_in(context, understanding.years)
        )
        if not (understanding.follow_up or elliptical):
            return None
        # "去年GDP涨了多少" after a district's entry asks that district's figure, as "它去年GDP
        # 多少" would: a figure asked with no place of its own is the last answer's place's.
        of_its_place = (
            understanding.asks_figure
            and not understanding.names_home
            and understanding.elsewhere is None
            and (not _CITY_WIDE.search(norm) or _RANK_IN_CITY.search(norm) is not None)
            and self._district_in_title(context)
        )
        # "占GDP多少" after the emerging industries' size: GDP is what it is a share of, not
        # a subject of its own.
        share_of_last = _SUBJECTLESS_SHARE.match(norm) is not None or self._share_of_its_own(
            context, norm
        )
        followed = self._follow(
            ranking,
            context,
            norm,
            top,
            closeness,
            pronoun=understanding.pronoun or of_its_place or share_of_last,
            district=understanding.district,
            instead=understanding.instead,
        )
        if followed is None:
            return None
        with_context = self._with_context(context, norm)
        # "那它有专门的扶持政策吗", "有什么政策" after the AI cluster: its support entry
        if understanding.intent is Intent.APPLY or understanding.asks_policies:
            followed = self._about_support(followed, with_context)
        followed = self._about_facet(followed, understanding.facet_entry, in_conversation=True)
        # "那省里的清单呢" after the future industries: the entry setting Guangzhou's beside
        # the province's (or the nation's), when one of the same part of the plan does.
        beside = self._beside_level(context.pillar, understanding.place, with_context)
        if beside is not None:
            followed = _lead_with(followed, beside, CONFIDENT)
        # "和深圳比呢", or just "那深圳呢": the entry that sets that place beside the last
        # answer's topic. Asked "instead" with no such entry ("那上海呢"), it is the other
        # place's question, not the last answer again.
        if understanding.elsewhere:
            compared = self._compared_with(
                followed, understanding.elsewhere, with_context, on_topic=not understanding.compares
            )
            if compared is None and not understanding.compares:
                return None
            followed = compared or followed
        return followed

    def _year_unnamed_in(self, entry: Entry, years: tuple[int, ...]) -> bool:
        """Whether a year is asked and `entry` names none of the years asked."""
        text = self._texts[entry.id]
        return bool(years) and not any(str(y) in f"{text.title}{text.passage}" for y in years)

    def _share_of_its_own(self, context: Entry, norm: str) -> bool:
        """Whether a share asked ("…占GDP多少") is of a thing the last answer names.

        "到2025年核心产业要占GDP多少" after the digital-economy plan: 核心产业 is the end of
        its 数字经济核心产业, so GDP is what that is a share of, not a subject of its own."""
        share = _SHARE_OF.search(norm)
        if share is None:
            return False
        subject = _SHARE_LEAD.sub("", norm[: share.start()]).strip()
        return len(subject) >= 2 and subject in self._texts[context.id].names

    def _citywide_of(self, context: Entry, top: int, closeness: float) -> Match | None:
        """The city's counterpart of the last answer.

        The answer itself, or for a district's entry the best entry on the same topic that
        is no district's."""
        if not self._district_in_title(context):
            return Match(context, CONFIDENT, ())
        lead = self._texts[context.id].lead
        for district in self._district_names:
            lead = self._without_district(lead, district)
        ranked = self._scorer.rank(lead, top + 2, closeness)
        return next(
            (m for m in ranked.matches if not self._district_in_title(m.entry)),
            None,
        )

    def _lists_what_is_counted(
        self, context: Entry, understanding: Understanding, norm: str
    ) -> bool:
        """Whether a follow-up asks which are the things the last answer counts and lists.

        "里面的4个未来产业是哪些" after a passage saying "4个未来产业是未来网络与量子科技、…";
        not when it asks the same of another district ("番禺的4个…")."""
        district = understanding.district
        own = self._district_own_names.get(district or "", ())
        return lists_what_is_counted(context.passage, norm) and (
            district is None or any(n in self._texts[context.id].title for n in own)
        )

    def _same_facet_asked(
        self, context: Entry, ranking: Ranking, understanding: Understanding, norm: str
    ) -> bool:
        """Whether a topic asked instead, alone, after a facet's entry asks that facet of it.

        "半导体那块呢" after "低空经济有专门的办公室吗": the offices again. Not for a facet
        that speaks only of the topics it names (the digest of districts), nor of a place, nor
        for a body of the plan ("领导小组"), which is no industry with a facet of its own."""
        return (
            self._one_topic_instead(ranking, understanding, norm)
            and ranking.matches[0].entry.pillar not in _PLAN_WIDE_PILLARS
            and context.id in self._facet_entries
            and context.id not in self._facets_for_named_topics
        )

    def _one_topic_instead(self, ranking: Ranking, understanding: Understanding, norm: str) -> bool:
        """Whether a message asks "instead" of one topic it names and little else ("低空经济呢")."""
        return (
            understanding.instead
            and self._only_names(ranking, norm)
            and len(self._scorer.own_topics(ranking.topics)) == 1
            and understanding.district is None
            and understanding.elsewhere is None
        )

    def _same_facet_of(
        self, context: Entry, ranking: Ranking, understanding: Understanding, norm: str
    ) -> Ranking | None:
        """The same facet asked of a topic named alone instead, or None.

        "半导体那块呢" after the offices: the offices again; "低空经济呢" after a topic's
        support entry: the low-altitude economy's support entry, when it has one."""
        if self._same_facet_asked(context, ranking, understanding, norm):
            return _lead_with(ranking, Match(context, CONFIDENT, ranking.topics), CONFIDENT)
        if not (
            context.id in self.kb.scope.support_entries
            and self._one_topic_instead(ranking, understanding, norm)
        ):
            return None
        supported = self._about_support(ranking, norm, on_topic_only=True)
        on_topic = (
            supported.matches and supported.matches[0].entry.id in self.kb.scope.support_entries
        )
        return supported if on_topic else None

    def _district_entry_titled(
        self, context: Entry, ranking: Ranking, understanding: Understanding, norm: str
    ) -> Ranking | None:
        """Another entry of the last answer's district, titled with what a follow-up asks.

        "那它的目标呢" after Tianhe's 12126 system: 天河区2035年产值目标与投入. Only for a
        follow-up with no topic or district of its own, and only one such entry."""
        district = self._district_of(context)
        if (
            district is None
            or not understanding.follow_up
            or understanding.district is not None
            or understanding.names_home
            or ranking.own_topic
            or ranking.parts
        ):
            return None
        own_title = self._texts[context.id].title
        pairs = {
            w[i : i + 2]
            for w in _HAN_RUN.findall(norm)
            for i in range(len(w) - 1)
            if w[i : i + 2] not in own_title
            and self._index.idf.get(w[i : i + 2], 0.0) >= _TITLE_WORD_IDF
        }
        titled = [
            eid
            for eid in sorted(self._district_entries[district][0] - {context.id})
            if any(p in self._texts[eid].title for p in pairs)
        ]
        entry = self.kb.entry(titled[0]) if len(titled) == 1 else None
        return Ranking((Match(entry, CONFIDENT, ()),), True) if entry is not None else None

    def _only_names(self, ranking: Ranking, norm: str) -> bool:
        """Whether a message says little besides the topics it names ("那新能源与新型储能有吗")."""
        rest = squeeze(self._understander.without_markers(norm))
        for topic in sorted(ranking.topics, key=len, reverse=True):
            rest = rest.replace(squeeze(topic), "")
        return len(rest) <= _FEW_WORDS

    def _lists_kind_asked(self, context: Entry, understanding: Understanding, norm: str) -> bool:
        """Whether a follow-up asks, without their count, for things a district's answer lists.

        "具体哪些未来产业" after Tianhe's 12126, which lists its 4 future industries."""
        return (
            understanding.district is None
            and self._district_of(context) is not None
            and bool(listed_kind_asked(context.passage, norm))
        )

    def _district_in_title(self, entry: Entry) -> bool:
        """Whether an entry is a district's: its title names one (南沙五港联动)."""
        return self._district_of(entry) is not None

    def _within_district(self, ranking: Ranking, context: Entry, norm: str) -> Ranking | None:
        """Another topic asked instead after a district's entry ("生物医药呢"), asked of it.

        The last answer or another of the district's entries when it names the topic, else
        what a question naming the district and the topic gets; None after any other entry."""
        district = self._district_of(context)
        if not (district and ranking.own_topic and ranking.confident) or _CITY_WIDE.search(norm):
            return None
        named = self._district_entries[district][1]
        topic_entry = ranking.matches[0].entry
        # "那1283呢" after Panyu's 2104 names Liwan's own system by its number.
        if _LONG_NUMBER.search(norm) and self._district_of(topic_entry) not in (None, district):
            return None
        naming = self._district_entry_on({context.id}, topic_entry, ranking.topics) or (
            self._district_entry_on(named, topic_entry, ranking.topics)
        )
        if naming:
            return _lead_with(ranking, Match(naming[0], CONFIDENT, ranking.topics), CONFIDENT)
        return self._about_district(ranking, district, norm)

    def _district_of(self, entry: Entry) -> str | None:
        """The district an entry's title names (南沙五港联动 -> 南沙), if one."""
        title = self._texts[entry.id].title
        return next(
            (d for d, names in self._district_own_names.items() if any(n in title for n in names)),
            None,
        )

    def _pointed_into(
        self, context: Entry, ranking: Ranking, understanding: Understanding, norm: str
    ) -> Ranking | Match | None:
        """The entry a follow-up points at within or beside the last answer, or None.

        An item of its list ("第三个展开说说"), another place beside its topic ("那深圳是几个"),
        the same for another year ("那2035年呢"), a broad cue within its part of the plan
        ("哪几个已经上千亿"), the entry listing what it counted ("具体是哪八个"), a piece of it
        named by a word ("绿色那一半"), or the other of its pair ("那另一个呢")."""
        if understanding.ordinal is not None:
            part = self._nth_part(context, understanding.ordinal, norm)
            if part is not None:
                return part
        beside_place = self._place_beside_last(context, ranking, understanding, norm)
        if beside_place is not None:
            return beside_place
        found = (
            self._same_for_another_year(context, ranking, understanding.years)
            or self._cued_in_conversation(context, norm, ranking, understanding)
            or (self._piece_named(context, norm) if understanding.follow_up else None)
            or self._listing(context, norm, ranking)
        )
        if found is None and understanding.follow_up and _THE_OTHER.search(norm):
            found = self._the_other_part(context, norm)
        if (
            found is None
            and understanding.instead
            and understanding.elsewhere is None
            and self._named_in_last(context, norm)
        ):
            found = Match(context, CONFIDENT, ())
        others = _THE_OTHERS.search(norm) if found is None else None
        if others is not None:
            # "那另外几个是啥" after one of a list: the entry listing them all, and with a count
            # ("其他三个系咩" after one of four measures) one that lists one more than that.
            parent = self._lists.listing(context.id)
            counted = count_of(others.group(1) or others.group(2) or "")
            if parent is not None and counted and len(listed_items(parent.passage)) != counted + 1:
                parent = None
            found = Match(parent, CONFIDENT, ()) if parent is not None else None
        return found

    def _relates_last_to_place(
        self, context: Entry, understanding: Understanding, norm: str
    ) -> bool:
        """Whether a follow-up asks how the last answer's topic relates to a place it names."""
        place = understanding.elsewhere
        return (
            place is not None
            and not understanding.instead
            and (understanding.follow_up or _RELATION_OPENING.match(norm) is not None)
            and (understanding.together or RELATION.search(norm) is not None)
            and place in self._texts[context.id].passage
        )

    def _place_beside_last(
        self, context: Entry, ranking: Ranking, understanding: Understanding, norm: str
    ) -> Ranking | None:
        """Another place asked about right after an answer: the entry setting it beside that topic.

        "那深圳是几个" after Guangzhou's future industries is the entry on Shenzhen's eight beside
        Guangzhou's six. None when no entry's title speaks of both."""
        place = understanding.elsewhere
        # "那深圳呢" alone asks about the other place, not about it beside the last answer.
        if not place or understanding.instead:
            return None
        if any(not self._understander.names_no_topic(t, None) for t in ranking.topics):
            return None
        with_context = self._with_context(context, norm)
        compared = self._compared_with(ranking, place, with_context, on_topic=True)
        if compared is None or compared.matches[0].entry.id == context.id:
            return None
        # ...its title speaking of that topic (未来产业), not merely its passage.
        title = self._texts[compared.matches[0].entry.id].title
        spans = self._scorer.spans(self._texts[context.id].lead)[0]
        if not any(t in title for t, _ in spans if self._scorer.specificity(t) >= 2):
            return None
        return compared

    def _same_for_another_year(
        self, context: Entry, ranking: Ranking, years: tuple[int, ...]
    ) -> Match | None:
        """The entry like the last answer's, for the one other year the message names.

        After the future industries' 2029 targets, "那到2035年呢" is their 2035 targets, and
        so it is after the opinions that set both (their related entry titled with that year);
        after an entry that holds several years' figures the entry itself answers (None)."""
        title = context.title
        in_title = re.findall(r"(?<![0-9])(?:19|20|21)[0-9]{2}(?![0-9])", title)
        asked = [str(y) for y in years]
        own = [t for t in self._scorer.own_topics(ranking.topics) if not re.search(r"[0-9]{4}", t)]
        if len(asked) != 1 or len(in_title) > 1:
            return None
        if not in_title:  # the future-industry opinions: their related entry for 2035
            related = [self.kb.entry(eid) for eid in context.related]
            of_year = [e for e in related if e is not None and asked[0] in e.title]
            # ...with what it asks of that year in it ("它到2029年要建几个先导区").
            if len(of_year) != 1 or any(t not in self._texts[of_year[0].id].passage for t in own):
                return None
            return Match(of_year[0], CONFIDENT, ())
        if asked[0] == in_title[0]:
            return None
        found = self._scorer.rank(title.replace(in_title[0], asked[0]), 1, ALTERNATIVE_RATIO)
        best = found.matches[0] if found.confident else None
        if best is None or best.entry.id == context.id or asked[0] not in best.entry.title:
            return None
        # ...with what it asks of that year in it ("那2035年呢，有没有量化指标").
        if any(t not in self._texts[best.entry.id].passage for t in own):
            return None
        return best

    def _named_in_last(self, context: Entry, norm: str) -> bool:
        """Whether what a follow-up names is the last answer's own name and no other's title.

        "三都呢" after the plan naming 五区三都三城; "国家级小巨人呢" after the entry on
        specialised SMEs, which counts them."""
        subject = squeeze(self._understander.without_markers(norm))
        if len(subject) < 2 or not textmod.has_cjk(subject):
            return False
        names = [squeeze(n) for n in (context.title, *context.keywords)]
        # The name holds what is asked (三都 in 五区三都三城), or what is asked is the name and
        # a few characters more (国家级小巨人 for 小巨人; not 上海的未来产业, another's).
        shared = [subject for n in names if subject in n] + [
            n for n in names if len(n) >= 2 and n in subject and len(subject) - len(n) <= 3
        ]
        return any(
            not any(
                word in squeeze(self._texts[e.id].title)
                for e in self._entries
                if e.id != context.id
            )
            for word in shared
        )

    def _piece_named(self, context: Entry, norm: str) -> Match | None:
        """The entry for the piece of the last answer a follow-up points at by a word of it.

        After 两化转型, "绿色那一半具体要干啥" is 绿色化转型; after the eight services,
        "现代金融这一项" is modern finance: of the entries the answer lists as related and those
        of its part of the plan, one whose title holds the word (the shortest when several do).
        After the 21, "其中6个未来的是哪几个" is the future industries."""
        pointed = _POINTED.search(norm)
        if pointed is None:
            return None
        word = pointed.group(1) or pointed.group(2)
        near = [self.kb.entry(eid) for eid in context.related]
        near += [e for e in self._entries if e.pillar == context.pillar]
        found = {
            e.id: e
            for e in near
            if e is not None and e.id != context.id and word in squeeze(self._texts[e.id].title)
        }
        if not found:
            return None
        best = min(found.values(), key=lambda e: len(e.title))
        return Match(best, CONFIDENT, (word,))

    def _without_district(self, norm: str, district: str) -> str:
        """The message less the district's names.

        "我在白云开了家化妆品厂，算不算重点产业": where the asker is says nothing of what he
        asks, so the district's own entries get no pull from its name."""
        for name in sorted(self._district_names[district], key=len, reverse=True):
            norm = norm.replace(name, " ")
        return norm

    def _rank_question(
        self, norm: str, top: int, closeness: float, asker_is_in: str | None = None
    ) -> tuple[Ranking, str]:
        """The ranking for a message, and the text it was ranked on.

        "请问市发改委：…", "第一财经：…": the line that introduces a question is not what it
        asks; the rest is ranked alone when it names a topic and clearly answers by itself
        ("低空经济：有没有专门的扶持政策" does not: its topic is before the colon). The
        district the asker says he is in is left out."""
        if asker_is_in:
            norm = self._without_district(norm, asker_is_in)
        ranking = self._scorer.rank(norm, top, closeness)
        # A lead-in before a comma ("我们社区要组织学习，…") may name a topic (社区) that is not
        # what is asked: when the whole is unsure and its last clause asks about the plan or
        # one of its parts by itself, that clause is the question.
        last = None if ranking.confident else last_clause_question(norm)
        if last is not None:
            alone = self._scorer.rank(last, top, closeness)
            if alone.confident and any(
                self._scorer.specificity(t) in (1, 2) for t, _ in self._scorer.spans(last)[0]
            ):
                return alone, last
        # "…正式部署的？稿子里要写准确日期": what the answer is for is not what is asked.
        if not ranking.confident:
            parts = clauses(norm)
            kept = [c for c in parts if not _PURPOSE.search(c)]
            if kept and len(kept) < len(parts):
                alone = self._scorer.rank("，".join(kept), top, closeness)
                if alone.confident:
                    return alone, "，".join(kept)
        question = without_preamble(norm)
        if question == norm:
            return ranking, norm
        alone = self._scorer.rank(question, top, closeness)
        names_own = alone.topics or alone.parts or alone.plan_named
        clearer = not tied(alone.matches) or not ranking.confident
        if alone.confident and names_own and clearer:
            return alone, question
        return ranking, norm

    def _as_broad(
        self,
        ranking: Ranking,
        understanding: Understanding,
        norm: str,
        top: int,
        *,
        vague: bool = False,
    ) -> Ranking | None:
        """The answer to a broad question about the city, or None when this is not one.

        "广州还能翻身吗" is answered by the overview (or its cue's entry), not by whichever
        entry shares its common words. `vague`: the topics found led to no entry."""
        broad = self.kb.entry(understanding.broad_entry or "")
        # A cue that names its own subject ("为什么…制造业") answers though a part is named.
        over_parts = understanding.broad_entry in self._broad_over_parts
        if broad is None or (ranking.parts and not over_parts):
            return None
        topics = self._scorer.own_topics(ranking.topics)
        if over_parts and topics:
            # ...and though a topic is, in a clause of what used to be: "點解廣州要講製造業立市？
            # 以前唔係靠商貿咩" asks why manufacturing; trade is what it is set against.
            said = clauses(norm)
            past = self._understander.tells_the_past
            topics = tuple(t for t in topics if any(t in c and not past(c) for c in said))
        # ...and then it is what is asked, however close another entry comes, unless a topic is.
        if not (over_parts and not topics):
            if not vague and any(
                not self._understander.names_no_topic(t, understanding.broad_entry)
                for t in ranking.topics
            ):
                return None
            # A close match counts, unless it is close only on the broad question's own cue
            # (2035年 for the 2035 goals).
            if (
                ranking.confident
                and ranking.matches[0].score >= CLOSE_MATCH
                and not any(
                    self._understander.is_broad_cue(t, understanding.broad_entry)
                    for t in ranking.topics
                )
            ):
                return None
        ahead = [m for m in ranking.matches if m.entry.id == broad.id]
        best = ahead[0] if ahead else Match(broad, BROAD_SCORE, ranking.parts[:1] or ("广州",))
        best = Match(broad, max(best.score, BROAD_SCORE), best.why)
        rest = tuple(m for m in ranking.matches if m.entry.id != broad.id)[: top - 1]
        return Ranking((best, *rest), True)

    def _whole_number_asked(self, plan_digits: int) -> Match | None:
        """The plan's overview when the message asks what the whole number means.

        Several of the plan's digits at once do: "12218的1、2、21、8分别指什么", "12 districts,
        2 airports, 21 industries and 8 ports?"."""
        overview = self.kb.entry(self.kb.scope.broad_default or "")
        if overview is not None and plan_digits >= _DIGITS_FOR_WHOLE:
            return Match(overview, CONFIDENT, (PLAN_NUMBER,))
        return None

    def _part_defined(self, ranking: Ranking, norm: str) -> Match | None:
        """The overview of a part the message says what it is, or None.

        A part said to be something ("两化转型=工业化+信息化，没错吧"), told rightly or wrongly,
        is answered by that part's overview, whatever the claim names."""
        if self._understander.asks_same_or_not(norm):  # "…跟广州15个集群是不是一回事"
            return None
        topics_at = [norm.find(t) for t in self._scorer.own_topics(ranking.topics) if t in norm]
        for part in ranking.parts:
            said = re.search(re.escape(part) + _DEFINED_AS, norm)
            # ...the part being what the message is about, before any topic it names.
            if said is None or any(at < said.start() for at in topics_at):
                continue
            # Its part's overview when that is titled with it (两业融合), else the entry titled
            # with it (绿色化 is a half of 两化转型, with an entry of its own).
            overview = self._overviews.get(self._index.context_pillar.get(part, ""))
            titled = [m for m in ranking.matches if part in self._texts[m.entry.id].title]
            if overview is not None and (part in self._texts[overview.id].title or not titled):
                found = next((m for m in ranking.matches if m.entry.id == overview.id), None)
                return found or Match(overview, CONFIDENT, (part,))
            if titled:
                return titled[0]
        return None

    def _named_plainly(self, ranking: Ranking) -> Match | None:
        """The entry of the one topic (or part) the message names amid chatter, or None.

        A topic's entry must lead the next one clearly; a part named alone ("广州的服务业往
        什么方向发展") is answered by that part's overview."""
        if not ranking.matches:
            return None
        # "哪几" is a question word, not a topic: "广州服务业以后重点发展哪几个" names a part.
        if ranking.parts and not self._scorer.own_topics(ranking.topics):
            overview = self._overviews.get(self._index.context_pillar.get(ranking.parts[0], ""))
            if overview is not None:
                found = next((m for m in ranking.matches if m.entry.id == overview.id), None)
                return found or Match(overview, CONFIDENT, ranking.parts[:1])
        named = ranking.topics or ranking.parts
        best = ranking.matches[0]
        if not named or not any(t in self._texts[best.entry.id].all_names for t in named):
            return None
        runner_up = ranking.matches[1].score if len(ranking.matches) > 1 else 0.0
        if best.score >= ALTERNATIVE and best.score - runner_up >= PLAIN_LEAD:
            return best
        return None

    def _follow(
        self,
        ranking: Ranking,
        context: Entry,
        norm: str,
        top: int,
        closeness: float,
        *,
        pronoun: bool,
        district: str | None,
        instead: bool = False,
    ) -> Ranking | None:
        """A follow-up read against the entry the chat was just told about, or None.

        None when the message stands on its own. With no topic of its own
        ("具体哪些区在做") or a pronoun
        ("十五五建议里对它怎么说") it is read with that entry's name; with a topic of its
        own ("那番禺呢") the message keeps its own answer; the context only lends confidence when
        both point at the same entry. Asked "instead" ("那8呢" after the 21), it is the same
        question about something else: the best entry other than the last one."""
        own_place = district is not None
        followed = self._scorer.rank(self._with_context(context, norm), top + 1, closeness)
        # After one district's own entry, "那越秀呢" asks for the other district's own entry
        # ("那科学城呢" names a place, not a district).
        district_entries = self.kb.scope.district_entries
        if (
            instead
            and district
            and context.id in district_entries.values()
            and any(n in norm for n in self._district_own_names[district])
        ):
            entry = self.kb.entry(district_entries.get(district, ""))
            # ...its system (体系) after another's system: 黄埔's 12136 after 番禺's 2104.
            if _SYSTEM.search(context.title) and entry and not _SYSTEM.search(entry.title):
                systems = [
                    e
                    for e in map(self.kb.entry, sorted(self._district_entries[district][0]))
                    if e is not None and _SYSTEM.search(e.title)
                ]
                entry = systems[0] if len(systems) == 1 else entry
            if entry is not None:
                return _lead_with(followed, Match(entry, CONFIDENT, (district,)), CONFIDENT)
        # After another of a district's entries ("天河挑了哪6个服务业" -> its services), "越秀的
        # 呢" asks for the other district's entry of the same part of the plan.
        if instead and district and self._district_in_title(context):
            its_own = sorted(self._district_entries[district][0])
            same = [e for e in map(self.kb.entry, its_own) if e and e.pillar == context.pillar]
            if len(same) == 1 and context.id not in district_entries.values():
                return _lead_with(followed, Match(same[0], CONFIDENT, (district,)), CONFIDENT)
        within = self._within_district(ranking, context, norm) if instead and not district else None
        if within is not None:
            return within
        if instead and _CITY_WIDE.search(norm) and not (ranking.own_topic or ranking.parts):
            # "全市的呢" after an answer: the city's own, which the last answer is unless it
            # was a district's ("天河挑了哪几个未来产业" -> the city's six).
            city = self._citywide_of(context, top, closeness)
            if city is not None:
                return _lead_with(followed, city, CONFIDENT)
        if instead:
            new = squeeze(self._understander.without_markers(norm))
            # "那服务业这块呢" after the plan's overview: the entry titled with what it names.
            titled = [
                m
                for m in ranking.matches
                if m.entry.id != context.id and len(new) >= 2 and new in squeeze(m.entry.title)
            ]
            if titled and not own_place:
                best = titled[0]
                return _lead_with(ranking, Match(best.entry, CONFIDENT, best.why), CONFIDENT)
            swapped = self._scorer.rank(self._swap_into(context, norm), top + 1, 0.0)
            for candidates in (swapped, followed):
                others = [m for m in candidates.matches if m.entry.id != context.id]
                # A place of its own ("那科学城呢" after 南沙) must be in the title.
                if own_place:
                    others = [m for m in others if new in squeeze(m.entry.title)]
                if others and others[0].score >= CONFIDENT:
                    return Ranking(tuple(others[:top]), True, candidates.topics, candidates.parts)
        if pronoun and ranking.topics:
            followed = self._both_named(followed, ranking.topics, norm, context)
        followed = replace(followed, matches=followed.matches[:top])
        if not followed.confident:
            return None
        # A part of the plan other than the last answer's ("两业融合具体怎么做" after the
        # plan's overview) is a subject of the message's own, as a topic is.
        own_part = any(
            self._index.context_pillar.get(part) not in (None, context.pillar)
            for part in ranking.parts
        )
        if not (ranking.own_topic or own_place or own_part) or pronoun:
            return followed
        # "那个低空经济岛在哪" after Haizhu: the last answer names the topic and the message
        # points at it ("那个"), so it asks about what it was just told (not when the answer
        # lists many: "那8呢"). Without the pointing word it stands on its own.
        own = self._scorer.own_topics(ranking.topics)
        names = self._texts[context.id].all_names
        if (
            own
            and not own_place
            and not own_part
            and all(t in names for t in own)
            and any(
                re.search(rf"(?:那个|这个|嗰个|呢个|that|this)\s*{re.escape(t)}", norm) for t in own
            )
            and not self._lists.parts(context)
            and followed.matches[0].entry.id == context.id
        ):
            return followed
        agrees = ranking.matches and followed.matches[0].entry.id == ranking.matches[0].entry.id
        return followed if agrees and not ranking.confident else None

    def _what_is_asked(
        self, ranking: Ranking, norm: str, top: int, closeness: float
    ) -> tuple[Ranking, bool]:
        """After the asker's story, the clause he says he wants to know about (想知道, 请问).

        With whether that clause decided the answer. "我们公司做 SaaS for factories，想知道
        数字化转型在12218里是怎么定位的" asks about the digital transformation, not about the
        software cluster his firm is in."""
        found = _ASKS_HERE.search(norm)
        if found is None or not _ASKERS_STORY.search(norm[: found.start()]):
            return ranking, False
        asked = self._scorer.rank(norm[found.end() :], top, closeness)
        own = self._scorer.own_topics(asked.topics)
        if not (asked.confident and (own or asked.parts)) or not ranking.matches:
            return ranking, False
        if asked.matches[0].entry.id == ranking.matches[0].entry.id:
            return ranking, False
        return _lead_with(ranking, asked.matches[0], CONFIDENT), True

    def _settled(self, ranking: Ranking, understanding: Understanding, norm: str) -> Ranking:
        """A confident ranking read once more for what the message asks of it.

        The entry of the year asked, the entry listing what a "which N" counts, a thing's own
        entry for whether it belongs to a group."""
        of_the_year = self._of_the_year(ranking, understanding.years, norm)
        # A long message's topics may be its story's ("【转发】…大会…产业第一… 跟我们有啥关系").
        if not understanding.compares and len(norm) <= LONG_MESSAGE:
            of_the_year = self._both_topics(of_the_year)
        settled = self._member_not_list(self._fuller_list(of_the_year, norm), norm)
        # "广州工业投资怎么样": the city asked, a district's entry (荔湾's) is not its answer.
        if self._district_for_the_city(settled, understanding, norm):
            settled = replace(settled, confident=False)
        # "12218跟老百姓有啥关系": the entry found by 关系 of its title ("新质生产力与12218的
        # 关系") relates the plan to something the message never names. Not "那它跟12218是
        # 什么关系": its other side is a pronoun, which may well be that entry's.
        if (
            len(settled.matches) > 1
            and self._only_related(settled.matches[0])
            and not _RELATION_OPENING.match(norm.lstrip("那咁"))
        ):
            settled = replace(settled, matches=settled.matches[1:])
        return self._stating_quoted(settled, norm) if understanding.asks_source else settled

    def _district_for_the_city(
        self, ranking: Ranking, understanding: Understanding, norm: str
    ) -> bool:
        """Whether a figure asked of the city (named, no district nor 区) got a district's entry."""
        return (
            understanding.names_home
            and understanding.asks_figure
            and understanding.district is None
            and "区" not in norm
            and bool(ranking.matches)
            and self._district_in_title(ranking.matches[0].entry)
        )

    def _stating_quoted(self, ranking: Ranking, norm: str) -> Ranking:
        """Where a figure the asker quotes comes from: the entry that states it.

        "培育1000家未来产业引领型企业，这个数字是哪份文件说的" is the opinions' targets, which
        state 1000家, not the future industries' overview, which only names them."""
        figures = _FIGURE_WITH_UNIT.findall(norm)
        best = ranking.matches[0].entry
        if not figures or all(f in self._texts[best.id].passage for f in figures):
            return ranking
        stating = [e for e in self._entries if all(f in self._texts[e.id].passage for f in figures)]
        if not stating:
            return ranking
        near = {m.entry.id: m.score for m in self._scorer.rank(norm, FUZZ_CANDIDATES, 0.0).matches}
        source = max(stating, key=lambda e: near.get(e.id, 0.0))
        return _lead_with(ranking, Match(source, CONFIDENT, ()), CONFIDENT)

    def _both_topics(self, ranking: Ranking) -> Ranking:
        """The entry named for both topics a message names, before one found by only one.

        "低空经济搞了条例？" names the cluster and a regulation: the regulation's entry, named
        for both, answers it, not the cluster's, found by 低空经济 alone."""
        own = self._scorer.own_topics(ranking.topics)
        best = ranking.matches[0]
        if len(own) != 2 or all(t in best.why for t in own):
            return ranking
        for m in ranking.matches[1:]:
            names = self._texts[m.entry.id].all_names
            if m.score >= BOTH_TOPICS_RATIO * best.score and all(t in names for t in own):
                return _lead_with(ranking, m, max(m.score, CONFIDENT))
        return ranking

    def _member_not_list(self, ranking: Ranking, norm: str) -> Ranking:
        """Whether a thing belongs to a group: the thing's own entry, which says where it belongs.

        "人工智能属于新兴支柱产业吗" is answered by the AI cluster's entry (a strategic leading
        industry), not by the emerging pillars' list, which only leaves it out."""
        if not _MEMBERSHIP.search(norm) or not ranking.matches:
            return ranking
        lister = ranking.matches[0].entry
        if not self._lists.parts(lister):
            return ranking
        title = self._texts[lister.id].title
        others = [t for t in self._scorer.own_topics(ranking.topics) if t not in title]
        if len(others) != 1:
            return ranking
        for m in ranking.matches[1:]:
            if others[0] in self._texts[m.entry.id].title:
                return _lead_with(ranking, m, CONFIDENT)
        return ranking

    def _quoted(self, ranking: Ranking, norm: str) -> Ranking:
        """A name the message puts in quotes is what it asks about.

        "这时候再提“制造业立市”，现实基础在哪里" is about the overall requirement, however
        many words it shares with the entry on the city's GDP."""
        # A name only one entry has, and rare enough to say what is asked ("12218" or "十五五"
        # say little).
        keys = [name_key(q) for q in _QUOTED.findall(norm)]
        owners = [(key, self._index.named.get(key, ())) for key in keys]
        quoted = {
            self._entries[pairs[0][0]]
            for key, pairs in owners
            if len(pairs) == 1 and self._entries_that_say(key) <= QUOTED_DF
        }
        if len(quoted) != 1:
            return ranking
        entry = quoted.pop()
        if ranking.matches and ranking.matches[0].entry.id == entry.id:
            return ranking
        # ...unless the best names a longer part of it ("「21+8」里面那个8": 8个现代服务业).
        if ranking.matches and any(
            len(term) > max(map(len, keys)) and self._scorer.specificity(term) >= 2
            for term in ranking.matches[0].why
        ):
            return ranking
        found = next((m for m in ranking.matches if m.entry.id == entry.id), None)
        return _lead_with(ranking, found or Match(entry, CONFIDENT, ()), CONFIDENT)

    def _entries_that_say(self, key: str) -> int:
        if key not in self._entries_saying:
            self._entries_saying[key] = sum(
                key in t.all_names or key in t.passage for t in self._texts.values()
            )
        return self._entries_saying[key]

    def _compared_with(
        self, ranking: Ranking, place: str, text: str, *, on_topic: bool = False
    ) -> Ranking | None:
        """Guangzhou compared with another place: the entry that compares them, or None.

        "广州跟深圳在产业上走的路有啥不一样" gets the entry on Shenzhen's 20+8 beside
        Guangzhou's 12218; "和深圳比呢" after the future industries gets the one on their
        future industries: an entry that names the place and a topic of the question (or of
        the last answer) first, else the place's own comparison entry. With `on_topic`
        ("那深圳呢" after low-altitude), only an entry on the topic counts."""
        found = self._scorer.rank(text, FUZZ_CANDIDATES, 0.0)
        # ...in its title: an entry that merely lists the place (广佛同城) compares nothing.
        naming = [
            m
            for m in found.matches
            if place in self._texts[m.entry.id].title or place in m.entry.title_en.lower()
        ]
        if not naming:
            return None
        topics = [t for t in (*found.topics, *found.parts) if t != place]
        on_topic_entries = [m for m in naming if any(t in m.why for t in topics)]
        own = self.kb.entry(self.kb.scope.comparisons.get(place, ""))
        if on_topic_entries:
            best = on_topic_entries[0]
        elif on_topic and topics:
            return None
        elif own is not None:
            best = next((m for m in naming if m.entry.id == own.id), Match(own, 0.0, ()))
        else:
            best = naming[0]
        return _lead_with(ranking, best, CONFIDENT)

    def _nth_part(self, context: Entry, index: int, norm: str) -> Match | None:
        """The entry for an item of the list in the last answer, or None.

        "第三个" after the four major measures is the third measure's entry. None when there
        is no such item, or when the message names a topic of its own ("第三类集群有哪些")."""
        rest = without_ordinal(norm)
        # ...or names it by its number ("最后那个8呢": the 8 of 12218, not the last cluster).
        if re.search(r"[0-9]", rest) or self._scorer.rank(rest, 1, ALTERNATIVE_RATIO).own_topic:
            return None
        found = self._lists.nth(context, index)
        if found is None and not listed_items(context.passage):
            # "第二个呢" after the first measure's own entry, which lists nothing: the second
            # of the list it is in.
            parent = self._lists.listing(context.id)
            found = self._lists.nth(parent, index) if parent is not None else None
            if found is not None and found.entry.id == context.id:
                return None
        return found

    def _cued_in_conversation(
        self, context: Entry, norm: str, ranking: Ranking, understanding: Understanding
    ) -> Match | None:
        """The entry a broad cue picks, asked of the last answer's part of the plan.

        Only for a follow-up that names nothing of its own, and only within the last
        answer's pillar (or after the plan itself, whose parts are all its own)."""
        asks_own = ranking.own_topic or ranking.parts or understanding.asks_figure
        if not understanding.follow_up or asks_own:  # "那今年的增长目标定了多少": a figure
            return None
        eid = self._understander.cue_entry(norm)
        entry = self.kb.entry(eid) if eid else None
        if entry is None or entry.id == context.id:
            return None
        if context.pillar not in (entry.pillar, "overall"):
            return None
        return Match(entry, CONFIDENT, ())

    def _compared_within(
        self, ranking: Ranking, understanding: Understanding, norm: str
    ) -> tuple[Ranking, bool]:
        """Two things of Guangzhou's compared: the entry that sets them side by side.

        Two parts of the plan ("两业融合和两化转型有啥区别") get the entry listing both; a part
        set beside the province's or the nation's ("广州的未来产业和广东省的清单对不上") the
        entry comparing them (then the ranking is placed)."""
        ranking = self._parent_of_pair(ranking)
        level = self._understander.level_named(norm) if understanding.names_home else None
        pillar = ranking.matches[0].entry.pillar if ranking.matches else ""
        beside = self._beside_level(pillar, level, norm)
        if beside is None:
            subject = self._subject_of_two(ranking, norm)
            if subject.matches and self._only_related(subject.matches[0]):  # "IRR和NPV有什么区别"
                subject = replace(subject, confident=False)
            return subject, False
        return _lead_with(ranking, beside, CONFIDENT), True

    def _only_related(self, match: Match) -> bool:
        """Whether an entry was found by relating words alone ("关系", "区别"), or with 12218."""
        relating = [t for t in match.why if self._relating(t)]
        return bool(relating) and all(t == PLAN_NUMBER or t in relating for t in match.why)

    def _relating(self, term: str) -> bool:
        """Whether a term found only relates or compares two things ("关系", "区别")."""
        return RELATION.fullmatch(term) is not None or self._understander.is_compare_word(term)

    def _subject_of_two(self, ranking: Ranking, norm: str) -> Ranking:
        """Two topics compared: the first named is asked about, the second set beside it.

        "绿色金融和现代金融是不是一回事" is answered by green finance's own entry (one that
        speaks of modern finance too, when there is one), not by modern finance's."""
        topics = tuple(
            t
            for t in self._scorer.own_topics(ranking.topics)
            if not self._understander.is_compare_word(t)
        )
        topics = tuple(t for t in topics if not any(t != o and t in o for o in topics))
        if len(topics) != 2 or not ranking.matches:
            return ranking
        subject, beside = topics
        # An entry that sets both side by side under a name of its own answers as it is
        # ("新兴支柱产业和战略先导产业有什么区别": the clusters' overview).
        top = self._texts[ranking.matches[0].entry.id]
        if not any(t in top.title for t in topics) and all(self._speaks_of(top, t) for t in topics):
            return ranking
        wide = self._scorer.rank(norm, FUZZ_CANDIDATES, 0.0).matches
        # The subject's own entry (its title names it) before one that merely names it.
        titled = [m for m in wide if subject in self._texts[m.entry.id].title]
        named = [m for m in wide if subject in self._texts[m.entry.id].all_names]
        for found in (titled, named):
            both = [m for m in found if self._speaks_of(self._texts[m.entry.id], beside)]
            if both or found:
                return _lead_with(ranking, (both or found)[0], CONFIDENT)
        return ranking

    def _beside_level(self, pillar: str, level: Place | None, text: str) -> Match | None:
        """The entry setting Guangzhou's beside the province's or the nation's, or None.

        Of that part of the plan (`pillar`); its title names that level (scope.yaml's
        province or national words: 省级, 广东, 国家)."""
        if level not in (Place.PROVINCE, Place.NATIONAL):
            return None
        wide = self._scorer.rank(text, FUZZ_CANDIDATES, 0.0).matches
        return next(
            (
                m
                for m in wide
                if m.entry.pillar == pillar
                and self._understander.names_level(self._texts[m.entry.id].title, level)
            ),
            None,
        )

    def _listing(self, context: Entry, norm: str, ranking: Ranking) -> Match | None:
        """The entry that lists what the last answer counted, or None.

        "具体是哪八个，能列全吗" after an answer that counts more than it lists: its first
        related entry that has a list; after one that lists them, that answer again."""
        asked = which_ones(norm)
        if asked is None:
            return None
        count, rest = asked
        # Only when that is all it asks: "哪几个有专门的办公室盯着" asks something else, and
        # "其中未来产业是哪几个" names a part the last answer does not.
        if len(squeeze(self._understander.without_markers(rest))) > LISTING_REST:
            return None
        names = self._texts[context.id].names
        # ...of what it counted: "那8个集群具体是哪8个" after Tianhe's "8个战略性产业集群".
        counted_as = _counted(context.passage, count)
        if any(
            t not in names and not any(t in c for c in counted_as)
            for t in (*ranking.topics, *ranking.parts)
            if t in rest
        ):
            return None
        # A passage that lists the things it counts answers "which ones" itself, whether or
        # not each of them has an entry (the five ports).
        listed = listed_items(context.passage)
        if listed and count <= max(len(self._lists.parts(context)), len(listed)):
            return Match(context, CONFIDENT, ())
        # "那个8具体是哪八个" after the overview, which counts "8个现代服务业": the entry that
        # lists the eight it counted.
        lister = self._listing_of(counted_as, context, count)
        if lister is not None:
            return lister
        # ...else its first related entry with a list, one of as many items as asked first
        # ("那特色优势的是哪四个" after the three groups of clusters: the group of four).
        listing = [
            entry
            for entry in map(self.kb.entry, context.related)
            if entry is not None and listed_items(entry.passage)
        ]
        as_many = [e for e in listing if len(listed_items(e.passage)) == count]
        return Match((as_many or listing)[0], CONFIDENT, ()) if listing else None

    def _listing_of(self, counted: list[str], context: Entry, count: int) -> Match | None:
        """The entry listing the `count` things an answer's passage counts ("8个现代服务业")."""
        if count < MIN_LISTED:
            return None
        for thing in counted:
            ranking = self._scorer.rank(thing, 1, ALTERNATIVE_RATIO)
            best = ranking.matches[0] if ranking.confident else None
            if (
                best is not None
                and best.entry.id != context.id
                and len(listed_items(best.entry.passage)) >= MIN_LISTED
            ):
                return Match(best.entry, CONFIDENT, ())
        return None

    def _fuller_list(self, ranking: Ranking, norm: str) -> Ranking:
        """The entry that lists what a "which N" question counts ("12218的8是哪八个服务业").

        Of the best entry and its related entries that are runners-up or name what is asked
        (服务业), the one whose passage lists more."""
        asked = which_ones(norm)
        if asked is None or asked[0] < MIN_LISTED:
            return ranking
        best = ranking.matches[0]
        listed = len(listed_items(best.entry.passage))
        if listed >= asked[0]:  # it lists them all itself
            return ranking
        named = (*ranking.topics, *ranking.parts)
        runners_up = {m.entry.id: m for m in ranking.matches[1:]}
        for eid in best.entry.related:
            entry = self.kb.entry(eid)
            if entry is None or len(listed_items(entry.passage)) <= listed:
                continue
            title = self._texts[eid].title
            if eid in runners_up or any(name in title for name in named):
                match = runners_up.get(eid) or Match(entry, CONFIDENT, named[:1])
                return _lead_with(ranking, match, CONFIDENT)
        return ranking

    def _parent_of_pair(self, ranking: Ranking) -> Ranking:
        """Two parts compared: the entry that lists both, when one does.

        "两业融合和两化转型有啥区别" is answered by the entry on the two main directions,
        which sets them side by side, not by either one's own entry."""
        named = self._overviews_of(ranking.parts)
        if len(named) >= 2:  # two parts named: their overviews are the pair
            first, second = named[0], named[1]
        elif ranking.confident and len(ranking.matches) >= 2:
            first, second = ranking.matches[0].entry.id, ranking.matches[1].entry.id
        else:
            return ranking
        parent = self._lists.listing_both(first, second)
        # A district's system lists the city's parts too (荔湾's 1283: 1个总体要求、2个主攻方向):
        # it is not what sets the city's two side by side.
        pair = [e for e in map(self.kb.entry, (first, second)) if e is not None]
        if parent is None or (
            self._district_in_title(parent) and not any(map(self._district_in_title, pair))
        ):
            return ranking
        # ...found by the two names the message gives them.
        return _lead_with(ranking, Match(parent, CONFIDENT, tuple(ranking.parts[:2])), CONFIDENT)

    def _overviews_of(self, parts: tuple[str, ...]) -> list[str]:
        """The overview entries of the parts of the plan named, once each, in order."""
        pillars = dict.fromkeys(self._index.context_pillar.get(p, "") for p in parts)
        return [o.id for o in map(self._overviews.get, pillars) if o is not None]

    def _related_to_last(
        self, context: Entry, ranking: Ranking, understanding: Understanding, norm: str
    ) -> Ranking | None:
        """How the last answer relates to a thing asked, or None when no relation is asked.

        The entry listing the two, or the last answer when it names that thing itself."""
        if not (understanding.compares or RELATION.search(norm)) or understanding.elsewhere:
            return None
        pair = self._pair_with_last(context, ranking)
        if pair is not None:
            return _lead_with(ranking, pair, CONFIDENT)
        if understanding.place in (Place.NONE, Place.GUANGZHOU) and (
            self._relation_to_what_last_names(context, ranking, norm)
        ):
            return Ranking((Match(context, CONFIDENT, ()),), True)
        return None

    def _relation_to_what_last_names(self, context: Entry, ranking: Ranking, norm: str) -> bool:
        """Whether a subjectless follow-up asks how the last answer relates to what it names.

        "跟两业融合有啥关系" after service-oriented manufacturing, whose passage sets it
        inside 两业融合; "跟12218有啥关系" after 再造新广州."""
        if not _RELATION_OPENING.match(norm):
            return False
        # 关系 names nothing; a comparing word (区别) does count, so "跟X有什么区别" is no relation
        # to what the last answer names unless that answer speaks of differences too.
        named = [t for t in (*ranking.topics, *ranking.parts) if not RELATION.fullmatch(t)] or (
            [PLAN_NUMBER] if PLAN_NUMBER in norm else []
        )
        text = self._texts[context.id]
        return bool(named) and all(self._speaks_of(text, t) for t in named)

    def _pair_with_last(self, context: Entry, ranking: Ranking) -> Match | None:
        """The entry listing the last answer's part beside the one other part named, or None."""
        named = [o for o in self._overviews_of(ranking.parts) if o != context.id]
        if len(named) != 1 or context.id not in {o.id for o in self._overviews.values()}:
            return None
        parent = self._lists.listing_both(context.id, named[0])
        return Match(parent, CONFIDENT, ranking.parts[:1]) if parent is not None else None

    def _the_other_part(self, context: Entry, norm: str) -> Match | None:
        """ "那另一个呢" after one of a pair: the other of the two, or None.

        After 两业融合, the entry listing the two main directions names it beside 两化转型;
        so does "and the other main direction, what is it about?", which asks no short
        "instead" question."""
        near = self._scorer.rank(self._with_context(context, norm), ALTERNATIVES_READ, 0.0).matches
        return self._lists.other_of_pair(context, near)

    def _item_entry(self, item: str) -> Match | None:
        """The entry a list's item names, when the base is confident of one."""
        text = textmod.normalize(item)
        # A digit of the plan's number ("“2”为2个主攻方向") names that digit's entry.
        if _PLAN_DIGIT_ALONE.fullmatch(text):
            text = f"{PLAN_NUMBER}的{text}"
        found = self._scorer.rank(text, 1, ALTERNATIVE_RATIO)
        return found.matches[0] if found.confident else None

    def _both_named(
        self, followed: Ranking, topics: tuple[str, ...], norm: str, context: Entry
    ) -> Ranking:
        """A pronoun follow-up that asks what the last answer does not say.

        After the entry on Huangpu's 12136 system, "它去年GDP多少" is for the entry that
        names both Huangpu and GDP, not for the 12136 entry again."""
        if not followed.matches or any(t in followed.matches[0].why for t in topics):
            return followed
        text = self._texts[context.id]
        if any(self._speaks_of(text, t) for t in topics):
            return followed
        said = {term for term, _ in self._scorer.evidence(norm).spans}
        wide = self._scorer.rank(self._with_context(context, norm), FUZZ_CANDIDATES, 0.0).matches
        # ...an entry found by the new topic that also names the last answer's, in its match
        # or in its own text ("who leads it?" after 12218: the leading group's passage).
        both = [
            m
            for m in wide
            if any(t in m.why for t in topics)
            and (any(t not in said for t in m.why) or self._speaks_of_entry(m.entry, context))
        ]
        if not both:
            return followed
        # Within the part of the plan the chat was in, when one there names both.
        m = next((m for m in both if m.entry.pillar == context.pillar), both[0])
        return _lead_with(followed, m, CONFIDENT)

    def _only_follow_up_words(self, ranking: Ranking) -> bool:
        """Whether every topic the message names is a follow-up word ("哪些区")."""
        return bool(ranking.matches and ranking.topics) and not self._scorer.own_topics(
            ranking.topics
        )

    def _speaks_of_entry(self, entry: Entry, context: Entry) -> bool:
        """Whether `entry` speaks of the last answer's topic (its title or first keywords)."""
        text = self._texts[entry.id]
        return any(self._speaks_of(text, n) for n in (context.title, *context.keywords[:2]))

    def _speaks_of(self, text: EntryText, term: str) -> bool:
        """Whether an entry's names or passage speak of `term` or of its canonical name.

        A short word may stand inside it: "十五五建议" in "十五五”规划建议"."""
        whole = squeeze(f"{text.all_names}\n{text.passage}")
        forms = (term, *self._canonical.get(name_key(term), ()))
        return any(re.search(".{0,2}".join(map(re.escape, squeeze(form))), whole) for form in forms)

    def _with_context(self, context: Entry, norm: str) -> str:
        """A follow-up read with the name of the entry the chat was just told about."""
        return f"{self._texts[context.id].lead} {norm}"

    def _swap_into(self, context: Entry, norm: str) -> str:
        """The last answer's title with its own term swapped for what the message names.

        After "“12218”里的“21”指什么", "那8呢" asks "“12218”里的“8”指什么"."""
        title = self._texts[context.id].title
        new = self._understander.without_markers(norm)
        if not new:
            return title
        if new.isdigit() and new in PLAN_NUMBER and PLAN_NUMBER in title:
            return f"{PLAN_NUMBER}的{new}"  # "那8呢" after the plan itself: the plan's 8
        spans = self._scorer.spans(title)[0]
        own = [t for t, _ in spans if self._scorer.specificity(t) >= 2 and t in title]
        if not own:
            return f"{title} {new}"
        term = max(own, key=lambda t: self._index.named_idf.get(t, 0.0))
        # Not inside a longer number: the 21 of "“12218”里的“21”", not of 12218.
        return re.sub(rf"(?<![0-9]){re.escape(term)}(?![0-9])", lambda _: new, title, count=1)

    def _about_support(
        self, ranking: Ranking, norm: str, *, on_topic_only: bool = False
    ) -> Ranking:
        """Where-and-whom questions get the entry on where firms find support.

        "低空经济有什么扶持政策，找哪个部门" is answered by the support entry for that
        topic, else by an answer that already says who or where, else by the general support
        entry; the topic's own entry comes after it. With `on_topic_only`, only a support
        entry on the topic changes the answer."""
        scope = self.kb.scope
        support = scope.support_entries
        top = ranking.matches[0].entry if ranking.confident else None
        if top is not None and top.id in support and ranking.exact:
            return ranking  # asked in the words of a support entry's own example
        # A district's own channels answer only a message that names a district.
        names_district = any(n in norm for names in self._district_names.values() for n in names)

        def usable(entry_id: str) -> bool:
            return names_district or entry_id not in scope.support_district_only

        wide = self._scorer.rank(norm, FUZZ_CANDIDATES, 0.0).matches  # every related entry
        named = [
            m
            for m in wide
            if m.entry.id in support and usable(m.entry.id) and m.score >= ALTERNATIVE
        ]
        topics = [t for t in ranking.topics if t not in scope.support_words]

        def rarest_topic(m: Match) -> float:
            """The rarest of the question's topics the entry names (0: none of them).

            A topic's variant names it too: "AI" names the entry on AI policies."""
            names = self._texts[m.entry.id].all_names
            return max(
                (
                    self._index.named_idf.get(t, 0.0)
                    for t in topics
                    if any(name in names for name in (t, *self._canonical.get(name_key(t), ())))
                ),
                default=0,
            )

        # Any support entry that names the question's topic, however weak its own evidence:
        # "做低空经济的公司该找哪个部门" is for the entry on the low-altitude policies.
        scored = {m.entry.id: m for m in wide}
        every = [
            scored.get(e.id) or Match(e, 0.0, ()) for e in self._support_entries if usable(e.id)
        ]
        on_topic = sorted(
            (m for m in every if rarest_topic(m) > 0),
            key=lambda m: (rarest_topic(m), m.score),
            reverse=True,
        )
        if on_topic:
            best = on_topic[0]
        elif on_topic_only or (top is not None and top.id in support):
            return ranking
        elif top is not None and (
            top.pillar in self._measure_pillars
            or any(cue in top.passage for cue in scope.support_cues)
        ):
            # A measure one takes part in ("场景开放行动，企业怎么参与"), or an answer that
            # itself says who or where ("由市发展改革委牵头"), answers the question itself.
            return ranking
        elif named:
            best = named[0]
        else:
            entry = self.kb.entry(scope.support_default or "")
            if entry is None:
                return ranking
            best = Match(entry, 0.0, ())
        return _lead_with(ranking, best, BROAD_SCORE)

    def _of_the_year(self, ranking: Ranking, years: tuple[int, ...], norm: str) -> Ranking:
        """A question about one year's event goes to the entry named for that year.

        "2026年全市高质量发展大会的主题" is the 2026 conference's entry, not the entry on the
        2025 conference that first proposed 12218, however many words they share."""
        top = ranking.matches[0]
        named = [str(y) for y in years]
        if not named or any(y in self._texts[top.entry.id].all_names for y in named):
            return ranking
        wide = self._scorer.rank(norm, FUZZ_CANDIDATES, 0.0).matches
        for m in wide:
            if top.score - m.score > YEAR_LEAD:
                break
            # ...and it must count every topic the best one counts.
            kept = all(t in m.why for t in ranking.topics if t in top.why and t not in named)
            if kept and any(y in self._texts[m.entry.id].all_names for y in named):
                return _lead_with(ranking, m, CONFIDENT)
        return ranking

    def _facet_asked(
        self,
        ranking: Ranking,
        facet_entry: str,
        norm: str,
        top: int,
        closeness: float,
        *,
        placed: bool,
    ) -> tuple[Ranking, str]:
        """What is asked of a topic, read of what the message's last sentence names.

        Not of the story before it: "我们做植保无人机……广州低空经济主要是哪几个区在搞？",
        "刚毕业学微电子的，想留广州做芯片，哪几个区芯片企业比较集中"."""
        last = final_sentence(norm)
        clause = last == norm
        if clause:
            last = last_clause_question(norm) or norm
        if last != norm and not placed:
            in_last = self._scorer.rank(last, top, closeness)
            named = [
                t
                for t in self._scorer.own_topics(in_last.topics)
                if not self._understander.is_facet_cue(t, facet_entry)
                # A last clause that names only districts ("广州主要喺边几个区做") asks where,
                # of what the clause before it names ("搞新能源汽车配套").
                and not (clause and t.endswith("区"))
            ]
            if named or in_last.parts:
                ranking, norm = in_last, last
        return self._about_facet(ranking, facet_entry), norm

    def _about_facet(
        self, ranking: Ranking, facet_entry: str | None, *, in_conversation: bool = False
    ) -> Ranking:
        """What is asked of a topic, when one entry answers it for every topic.

        "低空经济和航空航天有专门的办公室吗" is answered by the entry on the offices; the
        topic's own entry comes after it."""
        entry = self.kb.entry(facet_entry or "")
        if entry is None or (ranking.matches and ranking.matches[0].entry.id == entry.id):
            return ranking
        # ...for some facets only when it speaks of a topic asked: the digest of districts
        # says nothing of 两业融合 (a word beside the topic, 芯片的园区, need not be in it).
        # In a follow-up "哪些区" is read by the follow-up rule, against the last answer's topic.
        if entry.id in self._facets_for_named_topics:
            if in_conversation:
                return ranking
            text = self._texts[entry.id]
            topics = [
                t
                for t in self._scorer.own_topics(ranking.topics)
                if t not in text.names and not self._understander.is_facet_cue(t, entry.id)
            ]
            if not topics or not any(self._speaks_of(text, t) for t in topics):
                return ranking
        named = (*ranking.topics, *ranking.parts)[:1]
        found = next(
            (m for m in ranking.matches if m.entry.id == entry.id), Match(entry, 0.0, named)
        )
        return _lead_with(ranking, found, BROAD_SCORE)

    def _about_district(self, ranking: Ranking, district: str, norm: str) -> Ranking:
        """A question that names a district is about that district.

        What it asks besides the district's name decides: an entry on the district that
        answers that ("天河产值目标", "增城也要做具身智能"), else a topic's entry that speaks
        of the district; when the rest asks nothing an entry of the district answers
        ("番禺在12218里扮演什么角色"), the district's own entry."""
        _, named, spoken_of = self._district_entries.get(district, (set(), set(), set()))
        top = ranking.matches[0] if ranking.confident else None
        several = sum(any(n in norm for n in ns) for ns in self._district_names.values()) > 1
        if (
            top is not None
            and top.entry.id in spoken_of
            and (ranking.parts or several or self._topic_first(norm, top.entry, district))
        ):
            # "增城的旅游休闲算不算8个现代服务业" asks about the city's plan, and
            # "番禺和天河对汽车产业提了什么目标" about a topic across districts.
            return ranking
        own_names = self._district_own_names.get(district, ())
        # A name that holds the district's ("越秀3+3", "nansha science city") names its entry.
        compound = [t for t in ranking.topics if any(n in t for n in own_names)]
        if top is not None and top.entry.id in named and any(t not in own_names for t in compound):
            return ranking
        rest = norm
        for name in sorted(own_names, key=len, reverse=True):
            rest = rest.replace(name, " ")
        own_entry = self.kb.entry(self.kb.scope.district_entries.get(district, ""))
        if own_entry is not None and self._asks_only_role(rest):  # "南沙到底定位是啥"
            own = next((m for m in ranking.matches if m.entry.id == own_entry.id), None)
            return self._put_first(ranking, own or Match(own_entry, DISTRICT_SCORE, ()), district)
        asked = self._scorer.rank(rest, FUZZ_CANDIDATES, 0.0)
        related = [m for m in asked.matches if m.score >= ALTERNATIVE]
        on_district = [m for m in related if m.entry.id in named]
        # "番禺那个时尚六品是哪六品": the topic's entry that speaks of the district answers
        # what is asked better than the district's entry that only names the topic.
        topic_speaks = asked.confident and asked.topics and related[0].entry.id in spoken_of
        if on_district and not (
            topic_speaks
            and related[0].entry.id not in named
            and self._lists_asked(related[0].entry, norm)
        ):
            # An entry on the district answered the whole question best: it stays.
            best = top if top is not None and top.entry.id in named else on_district[0]
        elif topic_speaks:
            # A topic's entry that speaks of the district, unless the district's part is asked
            # ("越秀是不是主攻生物医药") and its own entry names the topic.
            speaking = (
                self._district_entry_on(named, related[0].entry, asked.topics)
                if self._understander.asks_role(rest)
                else []
            )
            best = Match(speaking[0], DISTRICT_SCORE, asked.topics) if speaking else related[0]
        else:
            best = None
        if best is not None:
            scored = next((m for m in ranking.matches if m.entry.id == best.entry.id), best)
            return self._put_first(ranking, scored, district)
        if own_entry is None:
            return ranking
        own = next((m for m in ranking.matches if m.entry.id == own_entry.id), None)
        return self._put_first(ranking, own or Match(own_entry, DISTRICT_SCORE, ()), district)

    def _district_entry_on(
        self, named: set[str], topic_entry: Entry, topics: tuple[str, ...]
    ) -> list[Entry]:
        """The district's own entries whose passage names the topic of `topic_entry` asked.

        The topics asked that its title holds ("生物医药" of 生物医药与健康, not "大方向")."""
        title = self._texts[topic_entry.id].title
        its_own = [t for t in topics if t in title]
        found = [self.kb.entry(entry_id) for entry_id in sorted(named)]
        return [
            e
            for e in found
            if e is not None and its_own and all(t in self._texts[e.id].passage for t in its_own)
        ]

    def _lists_asked(self, entry: Entry, norm: str) -> bool:
        """Whether `entry` lists the items a "which N" message asks for ("是哪六品")."""
        asked = which_ones(norm)
        return asked is not None and asked[0] >= 2 and len(listed_items(entry.passage)) == asked[0]

    def _asks_only_role(self, rest: str) -> bool:
        """Whether what a message asks of a district, its name taken out, is only its role."""
        understander = self._understander
        terms = [t for t, _ in self._scorer.spans(rest)[0] if self._scorer.specificity(t) != 1]
        return understander.asks_role(rest) and all(
            understander.asks_role(t, whole=True) or t in STOPWORDS for t in terms
        )

    def _topic_first(self, norm: str, entry: Entry, district: str) -> bool:
        """True when the message names `entry`'s topic before the district.

        Chinese puts what a sentence is about first: "软件产业在天河有什么目标" asks about
        the industry."""
        title = self._texts[entry.id].title
        names = self._district_names.get(district, ())
        place_at = min((norm.find(n) for n in names if n in norm), default=len(norm))
        for term, _ in self._scorer.spans(norm)[0]:
            at = norm.find(term)
            if 0 <= at < place_at and term in title and self._scorer.specificity(term) >= 3:
                return True
        return False

    @staticmethod
    def _put_first(ranking: Ranking, best: Match, district: str) -> Ranking:
        named = Match(best.entry, best.score, best.why or (district,))
        return _lead_with(ranking, named, DISTRICT_SCORE)

    def _offers(self, ranking: Ranking, refusal: Refusal) -> Ranking:
        """What a declined message is offered as buttons.

        The closest plan topic it named, the entries the scope offers with that class, then
        the other topics it named."""
        # A place refusal offers Guangzhou's counterpart; others only a topic the message named.
        offer_any = refusal in _PLACE_REFUSALS or ranking.plan_named
        named = [m for m in ranking.matches if m.score >= ALTERNATIVE] if offer_any else []
        if not (ranking.topics or ranking.parts or refusal in _PLACE_REFUSALS):
            named = named[:1]  # only the plan's name: its overview, not every entry naming it
        # The closest topic first, then what the scope offers with this class (for advice:
        # where firms find support), then the other topics.
        offered = named[:1]
        for entry_id in self.kb.scope.offers.get(str(refusal), ()):
            entry = self.kb.entry(entry_id)
            if entry is not None:
                offered.append(Match(entry, 0.0, ()))
        offered += named[1:]
        unique = {m.entry.id: m for m in reversed(offered)}  # first occurrence wins
        ordered = [m for m in offered if unique.get(m.entry.id) is m]
        return Ranking(tuple(ordered[:MAX_OFFERS]), False, ranking.topics)


def _entries_naming(
    texts: dict[str, EntryText], districts: dict[str, tuple[str, ...]]
) -> dict[str, tuple[set[str], set[str], set[str]]]:
    """Per district, the ids of entries that name it: in the title, in any name, in the passage."""
    found: dict[str, tuple[set[str], set[str], set[str]]] = {}
    for district, names in districts.items():

        def mentions(text: str, names: tuple[str, ...] = names) -> bool:
            return any(n in text for n in names)

        found[district] = (
            {eid for eid, t in texts.items() if mentions(t.title)},
            {eid for eid, t in texts.items() if mentions(t.all_names)},
            {eid for eid, t in texts.items() if mentions(t.passage)},
        )
    return found


def _lead_with(ranking: Ranking, best: Match, floor: float) -> Ranking:
    """`ranking` with `best` first, scored at least `floor`, and the rest after it."""
    best = Match(best.entry, max(best.score, floor), best.why)
    rest = tuple(m for m in ranking.matches if m.entry.id != best.entry.id)
    return Ranking((best, *rest), True, ranking.topics, ranking.parts)


_PLAN_WIDE_PILLARS = ("overall", "enablers")
# What a message sets aside to ask for the others: "除了现代金融，…", "besides finance, …".
_EXCEPTED = re.compile(
    r"(?:除了|除咗|除开|除去)[^，,。？?！!]{1,16}?(?:之外|以外)?(?=[，,、\s]|还|也|仲)"
    r"|\b(?:besides|apart from|other than|except for|except)\s+[^,?.]{1,30}?"
    r"(?=\s*[,?？]|\s+(?:what|which|are|is|do|does|there)\b|$)"
)
_OTHERS_ASKED = re.compile(r"还|仲|其他|其它|别的|另外")
# A figure with its unit, as a passage would state it: "1000家", "50个", "3.2万亿".
# (Two digits at least: "4个计划" is a count that many passages hold.)
_FIGURE_WITH_UNIT = re.compile(
    r"(?<![0-9.])(?:[0-9]{2,}|[0-9]+\.[0-9]+)(?:万亿|亿|万)?(?:家|个|项|亿元|万元|元|%|亩)"
)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_TITLE_WORD_IDF = 1.0  # a word of a title rarer than this says what the entry is about
_FEW_WORDS = 3  # characters besides a follow-up's topics: "有吗", "又点"
_LOOKUP_CHARS = 3  # a look-up this short may be the start of a name ("具身")
_COMPLETIONS = 50  # names looked at after it, in sorted order
# Where the asker says what he asks, after telling his story ("…，想知道…").
_ASKS_HERE = re.compile(
    r"想知道|想问一下|想问下|想问问|想问|想了解|请问|问下|问一下|i want to know|i'd like to know"
)
# ...when what comes before it is his own story ("我们公司做…", "我爸在增城开厂").
# ...or news he passes on ("【转发】广州日报：…——请问这里说的两业融合具体指什么").
_ASKERS_STORY = re.compile(
    r"我们|我司|我家|我爸|我妈|我是|本人|我[^，,。]{0,6}(?:公司|厂|店)|"
    r"转发|转载|转自|【|——|"
    r"we are|we're|our company|i run"
)
_FIVE_DIGITS = re.compile(r"(?<![0-9.])[0-9]{5}(?![0-9.])")
_MEMBERSHIP = re.compile(r"属于|属|算不算|算是|算|是不是|归在|归|定系|还是|在不在|有冇|有没有")
_THE_OTHER = re.compile(r"另一个|另外一个|另一|the other")
# What a passage counts: "8个现代服务业", "六个未来产业".
_COUNTED = re.compile(
    r"([0-9]+|[一二两三四五六七八九十]+)个([\u4e00-\u9fff]{2,8}?)(?=[，,。；;、）)加和与及]|$)"
)


def _counted(passage: str, count: int) -> list[str]:
    """What a passage counts `count` of: 8 -> ["现代服务业"] for "…8个现代服务业"."""
    return [c.group(2) for c in _COUNTED.finditer(passage) if count_of(c.group(1)) == count]


# ...counted or not: "其他三个系咩", "the other three".
_THE_OTHERS = re.compile(
    r"(?:另外|其他|其它|其余|剩下的?|剩低)(?:嗰|的)?([0-9一二两三四五六七八九十]+|几)(?:个|项|条|大|样|只)|"
    r"其他的呢|其余的呢|剩下的呢|其他嗰啲|"
    r"the others|the other ones|the rest of them|what are the rest|"
    r"the other (two|three|four|five|six|seven|eight|nine|ten)\b"
)
# A clause saying what the answer is for: for a draft, a thesis, slides, a report.
_PURPOSE = re.compile(
    r"(?:稿子|稿件|论文|报告|文章|材料|ppt|作业|汇报|课件|毕业设计|讲稿|发言)里?"
    r"(?:要|想|需要|得)?(?:写|用|引用|提到)"
)
# "绿色那一半", "金融那个", "现代金融这一项": a piece of the last answer pointed at by a word.
_POINTED = re.compile(
    r"([\u4e00-\u9fff]{2,6}?)(?:那一半|那个|那一项|这一项|那块|那一块|那部分)"
    r"|其中(?:[0-9一二两三四五六七八九十]+个)?([\u4e00-\u9fff]{2,6}?)的"  # "其中6个未来的"
)


_EACH = re.compile(r"分别|各自|各是|各管|respectively")  # two parts asked of one by one
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]")
# A district's own system of industries, named by its number in its entry's title.
_SYSTEM = re.compile(r"“[0-9+]+”[^，]*体系")
_FIGURE = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:万|亿)?")
_YEAR_ONLY = re.compile(r"(?:19|20)[0-9]{2}")
