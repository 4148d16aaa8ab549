"""What is in scope, as data: `knowledge/scope.yaml` read into frozen dataclasses.

The file holds word lists a curator can extend without Python (see its header and
knowledge/README.md); `bot.understanding` turns them into the decision to answer or
decline. Every problem is reported as `file:line: what is wrong` by the knowledge loader.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

# The refusal classes a scope file may hold rules for, in the order they are checked.
RULE_CLASSES = (
    "greeting",
    "about-bot",
    "small-talk",
    "instruction",
    "write",
    "number",
    "advice",
    "city-service",
    "horizon",
    "general",
    "technology",
    "company",
    "unpublished",
)
OFFER_CLASSES = (
    "advice",
    "province",
    "national",
    "horizon",
    "number",
    "write",
    "city-service",
    "other-place",
    "instruction",
    "small-talk",
    "general",
)
PLACE_LISTS = (
    "home",
    "province",
    "national",
    "national_designations",
    "national_topics",
    "other",
    "together",
    "compare",
    "same_or_not",
    "like",
    "district_role",
)
MAX_WITHIN = 60

Report = Callable[[int, str], None]  # (line, message) -> records a problem


@dataclass(frozen=True, slots=True)
class Pair:
    """A word of `first` followed, within `within` characters, by a word of `then`."""

    first: tuple[str, ...]
    then: tuple[str, ...]
    within: int


@dataclass(frozen=True, slots=True)
class Rule:
    """What makes a message one of a class: phrases, whole messages, ordered pairs."""

    phrases: tuple[str, ...] = ()
    whole: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()
    unless: tuple[str, ...] = ()  # ...but not when one of these is in the message


@dataclass(frozen=True, slots=True)
class CueRule:
    """A message with one of `cues` is answered by `entry`."""

    cues: tuple[str, ...]
    entry: str
    # A facet only for topics the entry speaks of ("哪些区" and the digest of districts).
    only_topics_it_names: bool = False
    # A broad cue that names its own subject ("为什么…制造业"): it answers even when a part of
    # the plan is named beside it (服务业).
    over_parts: bool = False


@dataclass(frozen=True, slots=True)
class Scope:
    """The data behind the understanding step; empty lists decline nothing."""

    horizon_year: int = 2035
    places: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    districts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    district_entries: Mapping[str, str] = field(default_factory=dict)  # a district's own entry
    # Another place's comparison with Guangzhou as a whole ("广州跟深圳有啥不一样").
    comparisons: Mapping[str, str] = field(default_factory=dict)
    rules: Mapping[str, Rule] = field(default_factory=dict)
    offers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    broad_topics: tuple[str, ...] = ()
    broad_default: str | None = None
    broad_rules: tuple[CueRule, ...] = ()
    follow_up_markers: tuple[str, ...] = ()
    follow_up_pronouns: tuple[str, ...] = ()
    follow_up_instead: tuple[str, ...] = ()  # "那8呢": the same question about something else
    support_words: tuple[str, ...] = ()  # how to apply, where to look, whom to ask
    # ...and, after an answer on a topic, what policies it has ("有什么政策")
    support_after_an_answer: tuple[str, ...] = ()
    support_entries: tuple[str, ...] = ()  # the entries that answer that
    support_default: str | None = None
    support_cues: tuple[str, ...] = ()  # an entry whose passage has one answers it itself
    # Support entries for a district's own channels: only for a message that names a district.
    support_district_only: tuple[str, ...] = ()
    # What is asked about a topic, when one entry answers it for every topic ("…有专门的
    # 办公室吗" is answered by the offices entry, whichever industry is named).
    facets: tuple[CueRule, ...] = ()
    # Figures the base holds only where an entry states them ("产值", "失业率"), and the
    # words that ask for an amount ("多少", "how much").
    figure_words: tuple[str, ...] = ()
    figure_cues: tuple[str, ...] = ()
    # A figure foretold for a year ("明年GDP能不能到6%", "will it beat 5% next year"): asked
    # for as an amount is, once the message names a year.
    figure_foretold: tuple[str, ...] = ()
    # What is asked right before the amount is a figure too when it ends in one of these
    # ("手机号是多少", "工业投资增速是多少"); `figure_forms` says how an entry may state such a
    # figure without naming it: "%" states a 比重, "号" a 文号.
    figure_endings: tuple[str, ...] = ()
    figure_forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    firms: tuple[str, ...] = ()  # answered only by an entry that names the firm
    # Hearsay to confirm ("听说…真的假的"): answered only by an entry that states the claim.
    rumour_heard: tuple[str, ...] = ()
    rumour_check: tuple[str, ...] = ()
    rumour_changes: tuple[str, ...] = ()  # ...of a change to a place or a firm (合并, 撤区, 迁走)
    rumour_decrees: tuple[str, ...] = ()  # ...or a rule or handout, on no topic (纪念币, 禁止)
    # What a passage says of hearsay on its own topic (网上流传…未予采用): it answers it.
    rumour_addressed: tuple[str, ...] = ()
    # "题外话", "off topic": the message turns from the last answer, whatever else it says.
    follow_up_new_topic: tuple[str, ...] = ()
    # "出自哪里", "链接发我": where the last answer comes from, which that answer's source says.
    follow_up_source: tuple[str, ...] = ()
    # A correction ("不是，我问的是全市那五个", "I meant the city-wide goal, not Tianhe's"):
    # what follows a `meant` word is the question, once a `not_meant` word says one is made.
    follow_up_meant: tuple[str, ...] = ()
    follow_up_not_meant: tuple[str, ...] = ()
    # "低空那块具体建啥" after a district's answer: a topic's part of that district's plan.
    follow_up_part: tuple[str, ...] = ()
    # A rank asked ("排第几", "排名"): answered only by an entry that states a rank.
    figure_ranks: tuple[str, ...] = ()
    # Firms asked to be named ("第一批是哪些公司"): answered only by an entry that names one.
    firms_asked: tuple[str, ...] = ()
    # Whether the plan covers something ("12218有冇提元宇宙"): see Statements.unknown_subject.
    coverage_cues: tuple[str, ...] = ()
    # The bot addressed by what it is ("你这个机器人", "小机器人"): its name, not a topic.
    addressing: tuple[str, ...] = ()
    # What a group calls the bot ("机器人", "小助手"): its name when it opens a message before a
    # pause or "你", "请", "帮" ("机器人 荔湾做什么", "小助手你好"), not the robotics cluster.
    called: tuple[str, ...] = ()
    # Whether one of the plan's lists holds a thing ("8个现代服务业里面有房地产？"): the thing
    # may be a cue of a refusal class (房地产, 美食); the question is the plan's.
    membership: tuple[str, ...] = ()
    # An aside after a question of the plan ("另外", "顺便"): an errand in it is no refusal.
    asides: tuple[str, ...] = ()
    # A quiz item's label opening a message ("简答题：…"): read past, the item's answer asked.
    quiz_labels: tuple[str, ...] = ()
    # Words that only lead into a question ("请问…", "hey bot, …"): read past before scoring.
    lead_ins: tuple[str, ...] = ()
    # What makes a message that asks nothing a remark, not a look-up: a laugh, venting, a
    # notice ("我钱包很低空😂", "又开会讲12218，累死", "请大家准时参加").
    remarks: tuple[str, ...] = ()
    # What makes a message that asks nothing a statement to a group, not a look-up: a notice,
    # an opinion, news of one's own firm, the group addressed ("宣讲会后天2点开始", "我觉得…").
    statements: tuple[str, ...] = ()
    # What "people say" or the asker saw, told as a question's premise ("都说…", "我看到…"):
    # a place or a comparison in it is not what the question asks.
    premises: tuple[str, ...] = ()
    # Words of what used to be ("以前", "一直"): a topic only in their clause is a contrast.
    past: tuple[str, ...] = ()
    # Another member of a group called, then spoken to ("阿强 你…", "@陈姐 你…"): a name is an
    # opening and one character, or one or two characters and a title; not the bot's names.
    member_openings: tuple[str, ...] = ()
    member_titles: tuple[str, ...] = ()
    member_not_names: tuple[str, ...] = ()
    # Whether a thing is on one of the plan's lists ("会展算唔算8个现代服务业之一"): the words
    # that ask it, and by entry id the names of the list that entry gives.
    lists_asked: tuple[str, ...] = ()
    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # What the asker sets aside ("唔使讲广州", "2035以后的事我不问", "我都知道了"): see scope.yaml.
    set_aside_before: tuple[str, ...] = ()
    set_aside_after: tuple[str, ...] = ()
    set_aside_known: tuple[str, ...] = ()
    set_aside_english: tuple[str, ...] = ()
    set_aside_forget: tuple[str, ...] = ()
    # Years before this are history the plan does not cover ("1978年广州工业是什么样的").
    earliest_year: int = 2000
    # The cues among them that ask an amount ("多少万", "how many"): a number answers it, so the
    # entry must give one beside the figure's name (人口第一大区 states no population).
    figure_amounts: tuple[str, ...] = ()

    def place_words(self, name: str) -> tuple[str, ...]:
        return self.places.get(name, ())

    def vocabulary(self) -> set[str]:
        """Every word the scope lists, for reading messages typed in pinyin."""
        words: set[str] = {
            w for ws in (*self.places.values(), *self.districts.values()) for w in ws
        }
        for rule in self.rules.values():
            words.update(rule.phrases, rule.whole, rule.unless)
            for pair in rule.pairs:
                words.update(pair.first, pair.then)
        for cue_rule in (*self.broad_rules, *self.facets):
            words.update(cue_rule.cues)
        words.update(
            *(self.broad_topics, self.follow_up_markers, self.follow_up_pronouns),
            *(self.follow_up_instead, self.support_words, self.support_cues),
            self.support_after_an_answer,
            *(
                self.figure_words,
                self.figure_cues,
                self.figure_amounts,
                self.figure_foretold,
                self.firms,
                *self.figure_forms.values(),
            ),
            *(self.rumour_heard, self.rumour_check, self.rumour_changes, self.rumour_decrees),
            self.follow_up_new_topic,
            self.follow_up_source,
            self.follow_up_part,
            self.follow_up_meant,
            self.follow_up_not_meant,
            self.figure_ranks,
            self.firms_asked,
            self.coverage_cues,
            self.addressing,
            self.called,
            self.membership,
            self.asides,
            self.quiz_labels,
            self.lead_ins,
            self.remarks,
            self.statements,
            self.premises,
            self.past,
            self.member_openings,
            self.member_titles,
            self.member_not_names,
            self.lists_asked,
            *self.lists.values(),
            self.set_aside_before,
            self.set_aside_after,
            self.set_aside_known,
            self.set_aside_english,
            self.set_aside_forget,
        )
        return words

    def entry_ids(self) -> list[str]:
        """Every entry id the scope names (offers and broad answers)."""
        ids = [eid for ids in self.offers.values() for eid in ids]
        ids += [rule.entry for rule in (*self.broad_rules, *self.facets)]
        ids += [*self.support_entries, *self.support_district_only]
        ids += [*self.district_entries.values(), *self.comparisons.values(), *self.lists]
        defaults = (self.broad_default, self.support_default)
        return ids + [d for d in defaults if d]


def _line(item: Any, key: str) -> int:
    line_of = getattr(item, "line_of", None)
    return int(line_of(key)) if line_of else int(getattr(item, "line", 1) or 1)


def _words(item: Any, key: str, report: Report, *, required: bool = False) -> tuple[str, ...]:
    value = item.get(key) if isinstance(item, Mapping) else None
    if value is None:
        if required:
            report(_line(item, key), f"'{key}' is missing")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        report(_line(item, key), f"'{key}' must be a list of words")
        return ()
    words = [str(v).strip() for v in value]
    if any(not w for w in words):
        report(_line(item, key), f"'{key}' has an empty word")
    seen: set[str] = set()
    for word in words:
        if word.lower() in seen:
            report(_line(item, key), f"'{key}' lists '{word}' twice")
        seen.add(word.lower())
    return tuple(dict.fromkeys(w for w in words if w))


def _pairs(item: Any, report: Report) -> tuple[Pair, ...]:
    value = item.get("pairs")
    if value is None:
        return ()
    if not isinstance(value, list):
        report(_line(item, "pairs"), "'pairs' must be a list of {first, then, within}")
        return ()
    pairs = []
    for pair in value:
        if not isinstance(pair, Mapping):
            report(_line(item, "pairs"), "each pair must be a mapping with first, then, within")
            continue
        within = pair.get("within", 12)
        # 0: the words stand side by side ("你" then "是不是").
        if not isinstance(within, int) or not 0 <= within <= MAX_WITHIN:
            report(_line(pair, "within"), f"'within' must be a whole number from 0 to {MAX_WITHIN}")
            within = 12
        first = _words(pair, "first", report, required=True)
        then = _words(pair, "then", report, required=True)
        if first and then:
            pairs.append(Pair(first, then, within))
    return tuple(pairs)


def parse_scope(data: Any, report: Report) -> Scope:
    """The scope in `data` (a scope.yaml read with line numbers); problems go to `report`."""
    if not isinstance(data, Mapping):
        report(1, "expected a mapping with places, refusals, broad and follow_up")
        return Scope()
    known = {
        "horizon_year",
        "earliest_year",
        "places",
        "district_entries",
        "comparisons",
        "refusals",
        "offers",
        "broad",
        "follow_up",
        "support",
        "facets",
        "figures",
        "firms",
        "rumours",
        "coverage",
        "addressing",
        "called",
        "membership",
        "asides",
        "quiz_labels",
        "lead_ins",
        "remarks",
        "statements",
        "premises",
        "past",
        "members",
        "lists",
        "set_aside",
    }
    for key in data:
        if key not in known:
            report(_line(data, key), f"unknown key '{key}' (known: {', '.join(sorted(known))})")
    horizon = data.get("horizon_year", 2035)
    if not isinstance(horizon, int) or not 2000 <= horizon <= 2100:
        report(_line(data, "horizon_year"), "'horizon_year' must be a year such as 2035")
        horizon = 2035
    earliest = data.get("earliest_year", 2000)
    if not isinstance(earliest, int) or not 1900 <= earliest < horizon:
        report(_line(data, "earliest_year"), "'earliest_year' must be a year before horizon_year")
        earliest = 2000
    places, districts = _parse_places(data, report)
    support = _section(data, "support", "words, entries and default", report)
    support_default = str(support["default"]).strip() if support.get("default") else None
    broad_topics, broad_default, broad_rules = _parse_broad(data, report)
    figures = _section(data, "figures", "cues and words", report)
    rumours = _section(data, "rumours", "heard, check and changes", report)
    members = _section(data, "members", "openings, titles and not_names", report)
    lists = _section(data, "lists", "asked and entries (an id: its names)", report)
    if not isinstance(lists.get("entries") or {}, Mapping):
        report(_line(data, "lists"), "'lists' must hold asked and entries (an id: its names)")
        lists = {}
    listed = lists.get("entries") or {}
    set_aside = _section(data, "set_aside", "before, after, known, english, forget", report)
    follow_item = _section(data, "follow_up", "markers and pronouns", report)
    sections = {
        "support": (
            support,
            ("words", "after_an_answer", "entries", "default", "cues", "district_only"),
        ),
        "figures": (
            figures,
            ("cues", "amounts", "ranks", "firms_asked", "foretold", "words", "endings", "forms"),
        ),
        "rumours": (rumours, ("heard", "check", "changes", "decrees", "addressed")),
        "follow_up": (
            follow_item,
            ("markers", "pronouns", "instead", "new_topic", "source", "meant", "not_meant", "part"),
        ),
    }
    for name, (section, keys) in sections.items():
        for key in section:
            if key not in keys:
                report(
                    _line(section, key),
                    f"unknown key '{key}' in '{name}' (known: {', '.join(keys)})",
                )
    return Scope(
        horizon,
        places,
        districts,
        _parse_named_entries(data, "district_entries", districts, "places.districts", report),
        _parse_named_entries(data, "comparisons", places["other"], "places.other", report),
        _parse_rules(data, report),
        _parse_offers(data, report),
        broad_topics,
        broad_default,
        broad_rules,
        _words(follow_item, "markers", report),
        _words(follow_item, "pronouns", report),
        _words(follow_item, "instead", report),
        _words(support, "words", report),
        _words(support, "after_an_answer", report),
        _words(support, "entries", report),
        support_default,
        _words(support, "cues", report),
        _words(support, "district_only", report),
        _parse_cue_rules(data.get("facets"), _line(data, "facets"), "facet", report),
        _words(figures, "words", report),
        _words(figures, "cues", report),
        _words(figures, "foretold", report),
        _figure_endings(figures, report),
        _figure_forms(figures, report),
        _words(data, "firms", report),
        _words(rumours, "heard", report),
        _words(rumours, "check", report),
        _words(rumours, "changes", report),
        rumour_decrees=_words(rumours, "decrees", report),
        rumour_addressed=_words(rumours, "addressed", report),
        follow_up_new_topic=_words(follow_item, "new_topic", report),
        follow_up_source=_words(follow_item, "source", report),
        follow_up_part=_words(follow_item, "part", report),
        follow_up_meant=_words(follow_item, "meant", report),
        follow_up_not_meant=_words(follow_item, "not_meant", report),
        figure_ranks=_words(figures, "ranks", report),
        firms_asked=_words(figures, "firms_asked", report),
        figure_amounts=_words(figures, "amounts", report),
        coverage_cues=_words(data, "coverage", report),
        addressing=_words(data, "addressing", report),
        called=_words(data, "called", report),
        membership=_words(data, "membership", report),
        asides=_words(data, "asides", report),
        quiz_labels=_words(data, "quiz_labels", report),
        lead_ins=_words(data, "lead_ins", report),
        remarks=_words(data, "remarks", report),
        statements=_words(data, "statements", report),
        premises=_words(data, "premises", report),
        past=_words(data, "past", report),
        member_openings=_words(members, "openings", report),
        member_titles=_words(members, "titles", report),
        member_not_names=_words(members, "not_names", report),
        lists_asked=_words(lists, "asked", report),
        set_aside_before=_words(set_aside, "before", report),
        set_aside_after=_words(set_aside, "after", report),
        set_aside_known=_words(set_aside, "known", report),
        set_aside_english=_words(set_aside, "english", report),
        set_aside_forget=_words(set_aside, "forget", report),
        lists={str(eid): _words(listed, eid, report) for eid in listed},
        earliest_year=earliest,
    )


def _section(data: Mapping[str, Any], key: str, holds: str, report: Report) -> Mapping[str, Any]:
    """The mapping under `key`, or an empty one (and a problem) when it is not a mapping."""
    section = data.get(key) or {}
    if not isinstance(section, Mapping):
        report(_line(data, key), f"'{key}' must hold {holds}")
        return {}
    return section


def _figure_endings(figures: Mapping[str, Any], report: Report) -> tuple[str, ...]:
    endings = _words(figures, "endings", report)
    for ending in endings:
        if len(ending) != 1:
            report(_line(figures, "endings"), f"'endings' holds single characters, not '{ending}'")
    return tuple(e for e in endings if len(e) == 1)


def _figure_forms(figures: Mapping[str, Any], report: Report) -> dict[str, tuple[str, ...]]:
    item = figures.get("forms") or {}
    if not isinstance(item, Mapping):
        report(_line(figures, "forms"), "'forms' must map a mark ('%') to the figures it states")
        return {}
    return {str(mark): _words(item, mark, report) for mark in item}


def _parse_places(
    data: Mapping[str, Any], report: Report
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    item = data.get("places") or {}
    places: dict[str, tuple[str, ...]] = {}
    districts: dict[str, tuple[str, ...]] = {}
    if not isinstance(item, Mapping):
        report(_line(data, "places"), "'places' must be a mapping")
        return places, districts
    for key in item:
        if key not in (*PLACE_LISTS, "districts"):
            report(
                _line(item, key),
                f"unknown place list '{key}' (known: {', '.join(PLACE_LISTS)}, districts)",
            )
    for name in PLACE_LISTS:
        places[name] = _words(item, name, report)
    district_item = item.get("districts") or {}
    if not isinstance(district_item, Mapping):
        report(_line(item, "districts"), "'districts' must map a name to its aliases")
        return places, districts
    for name in district_item:
        districts[str(name)] = (str(name), *_words(district_item, name, report))
    return places, districts


def _parse_named_entries(
    data: Mapping[str, Any], key: str, names: Collection[str], of: str, report: Report
) -> dict[str, str]:
    """A mapping of a place's name (one of `names`, listed under `of`) to one entry id."""
    item = data.get(key) or {}
    if not isinstance(item, Mapping):
        report(_line(data, key), f"'{key}' must map a place to an entry id")
        return {}
    chosen: dict[str, str] = {}
    for name, entry in item.items():
        if str(name) not in names:
            report(_line(item, name), f"'{name}' is not one of {of}")
        elif not isinstance(entry, str) or not entry.strip():
            report(_line(item, name), f"'{name}' must name one entry id")
        else:
            chosen[str(name)] = entry.strip()
    return chosen


def _parse_rules(data: Mapping[str, Any], report: Report) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    item = data.get("refusals") or {}
    if not isinstance(item, Mapping):
        report(_line(data, "refusals"), "'refusals' must map a class to its rule")
        return rules
    for cls, rule in item.items():
        if cls not in RULE_CLASSES:
            report(
                _line(item, cls),
                f"unknown refusal class '{cls}' (known: {', '.join(RULE_CLASSES)})",
            )
            continue
        if not isinstance(rule, Mapping):
            report(_line(item, cls), f"'{cls}' must hold phrases, whole or pairs")
            continue
        for key in rule:
            if key not in {"phrases", "whole", "pairs", "unless"}:
                report(_line(rule, key), f"unknown key '{key}' in '{cls}'")
        rules[cls] = Rule(
            _words(rule, "phrases", report),
            _words(rule, "whole", report),
            _pairs(rule, report),
            _words(rule, "unless", report),
        )
    return rules


def _parse_offers(data: Mapping[str, Any], report: Report) -> dict[str, tuple[str, ...]]:
    offers: dict[str, tuple[str, ...]] = {}
    item = data.get("offers") or {}
    if not isinstance(item, Mapping):
        report(_line(data, "offers"), "'offers' must map a refusal class to entry ids")
        return offers
    for cls in item:
        if cls not in OFFER_CLASSES:
            report(_line(item, cls), f"unknown refusal class '{cls}' in offers")
            continue
        offers[cls] = _words(item, cls, report)
    return offers


def _parse_broad(
    data: Mapping[str, Any], report: Report
) -> tuple[tuple[str, ...], str | None, tuple[CueRule, ...]]:
    item = data.get("broad") or {}
    if not isinstance(item, Mapping):
        report(_line(data, "broad"), "'broad' must hold topics, default and rules")
        return (), None, ()
    default = item.get("default")
    rules = _parse_cue_rules(item.get("rules"), _line(item, "rules"), "broad rule", report)
    return (_words(item, "topics", report), str(default).strip() if default else None, rules)


def _parse_cue_rules(value: Any, line: int, what: str, report: Report) -> tuple[CueRule, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        report(line, f"expected a list of {{cues, entry}} for each {what}")
        return ()
    rules: list[CueRule] = []
    for rule in value:
        if not isinstance(rule, Mapping) or not rule.get("entry"):
            report(
                _line(rule, "entry") if isinstance(rule, Mapping) else line,
                f"each {what} needs cues and an entry",
            )
            continue
        flags = {}
        for flag in ("only_topics_it_names", "over_parts"):
            flags[flag] = rule.get(flag, False)
            if not isinstance(flags[flag], bool):
                report(_line(rule, flag), f"{flag} must be true or false")
                flags[flag] = False
        rules.append(
            CueRule(
                _words(rule, "cues", report, required=True),
                str(rule["entry"]).strip(),
                flags["only_topics_it_names"],
                flags["over_parts"],
            )
        )
    return tuple(rules)


def entry_lines(data: Any) -> dict[str, int]:
    """The line of every entry id the scope names, for dangling-id errors."""
    lines: dict[str, int] = {}
    if not isinstance(data, Mapping):
        return lines
    offers = data.get("offers")
    if isinstance(offers, Mapping):
        for cls, ids in offers.items():
            for eid in ids or []:
                lines.setdefault(str(eid), _line(offers, cls))
    support = data.get("support")
    if isinstance(support, Mapping):
        for key in ("entries", "default", "district_only"):
            ids = support.get(key)
            for eid in ids if isinstance(ids, list) else [ids] if ids else []:
                lines.setdefault(str(eid), _line(support, key))
    for key in ("district_entries", "comparisons"):
        named = data.get(key)
        if isinstance(named, Mapping):
            for name, eid in named.items():
                if isinstance(eid, str):
                    lines.setdefault(eid.strip(), _line(named, name))
    broad = data.get("broad")
    if isinstance(broad, Mapping):
        if broad.get("default"):
            lines.setdefault(str(broad["default"]), _line(broad, "default"))
        for rule in broad.get("rules") or []:
            if isinstance(rule, Mapping) and rule.get("entry"):
                lines.setdefault(str(rule["entry"]), _line(rule, "entry"))
    facets = data.get("facets")
    for rule in facets if isinstance(facets, list) else []:
        if isinstance(rule, Mapping) and rule.get("entry"):
            lines.setdefault(str(rule["entry"]), _line(rule, "entry"))
    lists = data.get("lists")
    listed = lists.get("entries") if isinstance(lists, Mapping) else None
    if isinstance(listed, Mapping):
        for eid in listed:
            lines.setdefault(str(eid), _line(listed, eid))
    return lines
