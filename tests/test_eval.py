"""Measured accuracy: the dev questions and the team's own set meet the targets, and the
matcher beats a plain BM25 over jieba tokens by a clear margin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bench.baselines import BM25Baseline
from bot.evaluation import Report, evaluate, load_questions
from bot.knowledge import Entry, KnowledgeBase
from bot.matcher import Matcher
from tests.paths import SHARED, TESTS

DEV = SHARED / "eval" / "dev-questions.yaml"
TEAM = TESTS / "eval" / "team-questions.yaml"
BLIND = TESTS / "eval" / "blind-questions.yaml"
BLIND2 = TESTS / "eval" / "blind2-questions.yaml"
HARD_OOS = TESTS / "eval" / "hard-oos-questions.yaml"
BROAD = TESTS / "eval" / "broad-questions.yaml"
HOLDOUT = TESTS / "eval" / "holdout-questions.yaml"
PUBLIC = TESTS / "eval" / "public-questions.yaml"
FINAL = TESTS / "eval" / "final-questions.yaml"
FRESH = TESTS / "eval" / "fresh-questions.yaml"
LAST = TESTS / "eval" / "last-questions.yaml"
STREET = TESTS / "eval" / "street-questions.yaml"
STYLES = TESTS / "eval" / "styles-questions.yaml"
CHECK = TESTS / "eval" / "check-questions.yaml"
FINAL2 = TESTS / "eval" / "final2-questions.yaml"
CLOSING = TESTS / "eval" / "closing-questions.yaml"
AFTER = TESTS / "eval" / "after-questions.yaml"
PRESS = TESTS / "eval" / "press-questions.yaml"
RARE = TESTS / "eval" / "rare-questions.yaml"
TRAFFIC = TESTS / "eval" / "traffic-questions.yaml"
LOOKALIKE = TESTS / "eval" / "lookalike-questions.yaml"
ESTIMATE = TESTS / "eval" / "estimate-questions.yaml"
MIMIC = TESTS / "eval" / "mimic-questions.yaml"
NEWSTYLES = TESTS / "eval" / "newstyles-questions.yaml"
ASKERS = TESTS / "eval" / "askers-questions.yaml"
ONCE = TESTS / "eval" / "once-questions.yaml"
FINALE = TESTS / "eval" / "finale-questions.yaml"
FINAL6 = TESTS / "eval" / "final6-questions.yaml"
DECOYS = TESTS / "eval" / "decoys-questions.yaml"
VOICES = TESTS / "eval" / "voices-questions.yaml"
FORUM = TESTS / "eval" / "forum-questions.yaml"
CROWD = TESTS / "eval" / "crowd-questions.yaml"
CHAT = TESTS / "eval" / "chat-questions.yaml"
WEEK = TESTS / "eval" / "week-questions.yaml"
HARD = TESTS / "eval" / "hard-questions.yaml"
THIRDS = TESTS / "eval" / "thirds-questions.yaml"
ASKERS2 = TESTS / "eval" / "askers2-questions.yaml"
HALVES = TESTS / "eval" / "halves-questions.yaml"
SETS = [
    pytest.param(
        DEV, id="dev", marks=pytest.mark.skipif(not DEV.is_file(), reason="no ../shared/eval")
    ),
    pytest.param(TEAM, id="team"),
    pytest.param(BLIND, id="blind"),
    pytest.param(BLIND2, id="blind2"),
]

HIT, PILLAR, REJECTION, STYLE = 0.90, 0.95, 0.90, 0.80
# The harder sets of issue 8 (hard out-of-scope messages; broad, district, follow-up and
# two-topic questions; sets written later by helpers who saw no code): floors just under
# what the bot does today, so that no change makes them worse. The issue's own target
# (hit >= 0.93 on new styles) is met on the final set only; README.
FLOORS = {
    "hard-oos": {"rejection": 0.98, "hit": 0.94},
    "broad": {"rejection": 0.98, "hit": 0.92},
    "holdout": {"rejection": 0.98, "hit": 0.97},
    # Written in the style of questions asked in public (press, forums, business owners);
    # first sight 0.745 hit / 0.862 rejection, before the changes it then guided.
    "public": {"rejection": 0.98, "hit": 0.90},
    # New styles (voice, Cantonese, long and forwarded messages, traditional script);
    # first sight 0.852 hit / 0.923 rejection.
    "final": {"rejection": 0.98, "hit": 0.93},
    # Written in the third round by a helper who saw no code and no other set: journalists,
    # owners, districts, support, follow-ups, two topics, general knowledge; first sight
    # 0.801 hit / 0.907 rejection.
    "fresh": {"rejection": 0.98, "hit": 0.93},
    # Written last in the third round, measured once on the code as it then stood: first
    # sight 0.879 hit / 0.887 rejection; the look-alike classes it showed were then extended.
    "last": {"rejection": 0.98, "hit": 0.97},
    # Fourth round, two helpers who saw no code and no other set. Questions as posted in
    # public: first sight 0.709 hit / 0.818 rejection.
    "street": {"rejection": 0.98, "hit": 0.84},
    # Rare styles (pinyin, voice, emoji and markup, two topics, follow-ups): first sight
    # 0.795 hit / 0.922 rejection.
    "styles": {"rejection": 0.98, "hit": 0.86},
    # Written late in the fourth round as a final check in real traffic's proportions: first
    # sight 0.794 hit / 0.788 rejection; the look-alike classes it showed were then extended.
    "check": {"rejection": 0.98, "hit": 0.87},
    # The round's last set (owners' group chat, press room, course group): first sight 0.844
    # hit / 0.755 rejection on the round's final matcher.
    "final2": {"rejection": 0.94, "hit": 0.88},
    # Written last, by a helper who did not open the scope lists either, in the three
    # kinds (new styles, hard look-alikes, real public questions): first sight 0.739 hit /
    # 0.910 rejection, below the round's start on hit (0.754); see README.
    "closing": {"rejection": 0.98, "hit": 0.80},
    # Written after the round's matcher was final, measured on it before any change: first
    # sight 0.838 hit / 0.853 rejection; only look-alike words were then added by class.
    "after": {"rejection": 0.96, "hit": 0.86},
    # Fifth round, four helpers who saw no code, no other set and no scope lists. Questions
    # asked in public (press, forums, residents): first sight 0.839 hit / 0.871 rejection.
    "press": {"rejection": 0.98, "hit": 0.88},
    # Rare styles (pinyin, Cantonese, voice, short look-ups, forwarded and long messages):
    # first sight 0.906 hit / 0.745 rejection.
    "rare": {"rejection": 0.92, "hit": 0.95},
    # A day of real traffic, written mid-round: first sight 0.848 hit / 0.783 rejection.
    "traffic": {"rejection": 0.93, "hit": 0.89},
    # Hard look-alikes (60%) and in-scope near misses: first sight 0.946 hit / 0.774
    # rejection.
    "lookalike": {"rejection": 0.96, "hit": 0.95},
    # Written to be run once on the round's last matcher: first sight 0.873 hit / 0.750
    # rejection; after it, look-alike words, 'which three kinds' follow-ups and 靠谱吗 changed.
    "estimate": {"rejection": 0.96, "hit": 0.88},
    # The sixth round's three sets, first sight on c9fc2bc: hard look-alikes 0.875 / 0.887,
    # new styles 0.837 / 0.769, questions asked in public 0.881 / 0.826.
    "mimic": {"rejection": 0.98, "hit": 0.88},
    "newstyles": {"rejection": 0.91, "hit": 0.90},
    "askers": {"rejection": 0.95, "hit": 0.88},
    # Written to be run once on the sixth round's matcher: first sight 0.921 / 0.867.
    "once": {"rejection": 0.95, "hit": 0.93},
    # Written last and run once on the round's final matcher: first sight 0.854 / 0.890.
    "finale": {"rejection": 0.98, "hit": 0.86},
    # A last run-once set on the same final matcher: first sight 0.868 / 0.851.
    "final6": {"rejection": 0.88, "hit": 0.89},
    # The seventh round's three sets, first sight on 9a6ff2c: hard look-alikes and near misses
    # 0.875 / 0.876, new styles 0.897 / 0.903, questions asked in public 0.836 / 0.710.
    "decoys": {"rejection": 0.97, "hit": 0.88},
    "voices": {"rejection": 0.95, "hit": 0.91},
    "forum": {"rejection": 0.88, "hit": 0.84},
    # Two more, written mid-round and run first on 59b011c: the public's messages, most of them
    # out of scope, 0.948 / 0.701; new styles with 49 follow-ups, 0.792 / 0.839.
    "crowd": {"rejection": 0.88, "hit": 0.96},
    "chat": {"rejection": 0.91, "hit": 0.81},
    # Two last ones, run first on 947d0ec: a week of the public's messages, 0.938 / 0.786; a
    # set written to be hard (everyday words, look-alikes sharing the most words), 0.567 / 0.771.
    "week": {"rejection": 0.93, "hit": 0.93},
    "hard": {"rejection": 0.80, "hit": 0.66},
    # Three kept unread all round and run only as a whole (first 9a6ff2c, last d8c0764): the
    # three kinds in thirds 0.878 / 0.885, questions asked in public 0.836 / 0.850, new styles
    # and look-alikes in halves 0.892 / 0.866. The honest estimate for unseen questions.
    "thirds": {"rejection": 0.88, "hit": 0.87},
    "askers2": {"rejection": 0.84, "hit": 0.83},
    "halves": {"rejection": 0.86, "hit": 0.88},
}


def _ours(matcher: Matcher) -> Callable[[str], Entry | None]:
    def answer(question: str) -> Entry | None:
        best = matcher.match(question).best
        return best.entry if best else None

    return answer


def _explain(report: Report) -> str:
    return "\n".join(
        f"  [{q.style}] {q.q!r}: expected {q.pillar}, got {got}" for q, got in report.failures
    )


def _in_context(matcher: Matcher) -> Callable[[str, str], Entry | None]:
    def answer(question: str, previous: str) -> Entry | None:
        told = matcher.match(previous).best
        best = matcher.match(question, context=told.entry if told else None).best
        return best.entry if best else None

    return answer


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("hard-oos", HARD_OOS),
        ("broad", BROAD),
        ("holdout", HOLDOUT),
        ("public", PUBLIC),
        ("final", FINAL),
        ("fresh", FRESH),
        ("last", LAST),
        ("street", STREET),
        ("styles", STYLES),
        ("check", CHECK),
        ("final2", FINAL2),
        ("closing", CLOSING),
        ("after", AFTER),
        ("press", PRESS),
        ("rare", RARE),
        ("traffic", TRAFFIC),
        ("lookalike", LOOKALIKE),
        ("estimate", ESTIMATE),
        ("mimic", MIMIC),
        ("newstyles", NEWSTYLES),
        ("askers", ASKERS),
        ("once", ONCE),
        ("finale", FINALE),
        ("final6", FINAL6),
        ("decoys", DECOYS),
        ("voices", VOICES),
        ("forum", FORUM),
        ("crowd", CROWD),
        ("chat", CHAT),
        ("week", WEEK),
        ("hard", HARD),
        ("thirds", THIRDS),
        ("askers2", ASKERS2),
        ("halves", HALVES),
    ],
)
def test_harder_sets_hold_their_floor(matcher: Matcher, name: str, path: Path):
    """Look-alikes stay declined and broad, district and follow-up questions stay answered
    at least as well as today (second turns are asked after their first)."""
    report = evaluate(_ours(matcher), load_questions(path), _in_context(matcher))
    detail = f"{report.summary()}\n{_explain(report)}"
    assert report.rejection_rate >= FLOORS[name]["rejection"], detail
    assert report.hit_rate >= FLOORS[name]["hit"], detail


@pytest.mark.parametrize("path", SETS)
def test_question_set_meets_targets(matcher: Matcher, path: Path):
    """Hit, pillar and out-of-scope rejection meet the targets, and no style lags behind."""
    report = evaluate(_ours(matcher), load_questions(path))
    detail = f"{report.summary()}\n{_explain(report)}"
    assert report.hit_rate >= HIT, detail
    assert report.pillar_rate >= PILLAR, detail
    assert report.rejection_rate >= REJECTION, detail
    assert min(report.style_rates().values()) >= STYLE, detail


@pytest.mark.skipif(not DEV.is_file(), reason="no ../shared/eval")
def test_beats_plain_bm25_by_15_points(kb: KnowledgeBase, matcher: Matcher):
    """On the dev set, our hit rate is at least 15 points above BM25 over jieba tokens."""
    questions = load_questions(DEV)
    ours = evaluate(_ours(matcher), questions)
    bm25 = evaluate(BM25Baseline(kb).answer, questions)
    assert ours.hit_rate - bm25.hit_rate >= 0.15, (ours.summary(), bm25.summary())
