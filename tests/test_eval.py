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
SHADOWS = TESTS / "eval" / "shadows-questions.yaml"
MODES = TESTS / "eval" / "modes-questions.yaml"
ASKED = TESTS / "eval" / "asked-questions.yaml"
NEWSDESK = TESTS / "eval" / "newsdesk-questions.yaml"
UNSEEN = TESTS / "eval" / "unseen-questions.yaml"
UNSEEN2 = TESTS / "eval" / "unseen2-questions.yaml"
RESERVE = TESTS / "eval" / "reserve-questions.yaml"
RESERVE2 = TESTS / "eval" / "reserve2-questions.yaml"
ONEDAY = TESTS / "eval" / "oneday-questions.yaml"
PRESSLINE = TESTS / "eval" / "pressline-questions.yaml"
WEEKDESK = TESTS / "eval" / "weekdesk-questions.yaml"
TERM = TESTS / "eval" / "term-questions.yaml"
BROADVIEW = TESTS / "eval" / "broadview-questions.yaml"
TURNS = TESTS / "eval" / "turns-questions.yaml"
DECOYS2 = TESTS / "eval" / "decoys2-questions.yaml"
OWNERS = TESTS / "eval" / "owners-questions.yaml"
GROUPDAY = TESTS / "eval" / "groupday-questions.yaml"
MIXED = TESTS / "eval" / "mixed-questions.yaml"
PODIUM = TESTS / "eval" / "podium-questions.yaml"
GUISE = TESTS / "eval" / "guise-questions.yaml"
TRIAD = TESTS / "eval" / "triad-questions.yaml"
HELPDESK = TESTS / "eval" / "helpdesk-questions.yaml"
THREADS = TESTS / "eval" / "threads-questions.yaml"
PLAINWORDS = TESTS / "eval" / "plainwords-questions.yaml"
TRAPS = TESTS / "eval" / "traps-questions.yaml"
SQUARE = TESTS / "eval" / "square-questions.yaml"
GROUPWEEK = TESTS / "eval" / "groupweek-questions.yaml"
DIALECTS = TESTS / "eval" / "dialects-questions.yaml"
EVERYONE = TESTS / "eval" / "everyone-questions.yaml"
HALFKNOWN = TESTS / "eval" / "halfknown-questions.yaml"
PHONE = TESTS / "eval" / "phone-questions.yaml"
TWINS = TESTS / "eval" / "twins-questions.yaml"
PRESSER = TESTS / "eval" / "presser-questions.yaml"
LASTCALL = TESTS / "eval" / "lastcall-questions.yaml"
PUBLICWEEK = TESTS / "eval" / "publicweek-questions.yaml"
HEARSAY = TESTS / "eval" / "hearsay-questions.yaml"
NEWSTURNS = TESTS / "eval" / "newsturns-questions.yaml"
FOUNDERS = TESTS / "eval" / "founders-questions.yaml"
CITYWEEK = TESTS / "eval" / "cityweek-questions.yaml"
ABROAD = TESTS / "eval" / "abroad-questions.yaml"
NEWVOICES = TESTS / "eval" / "newvoices-questions.yaml"
OPENFLOOR = TESTS / "eval" / "openfloor-questions.yaml"
BYLINES = TESTS / "eval" / "bylines-questions.yaml"
CLASSROOM = TESTS / "eval" / "classroom-questions.yaml"
LURES = TESTS / "eval" / "lures-questions.yaml"
POCKET = TESTS / "eval" / "pocket-questions.yaml"
CHATROOM = TESTS / "eval" / "chatroom-questions.yaml"
ACCENTS = TESTS / "eval" / "accents-questions.yaml"
TOWNHALL = TESTS / "eval" / "townhall-questions.yaml"
TERSE = TESTS / "eval" / "terse-questions.yaml"
SHOPFLOOR = TESTS / "eval" / "shopfloor-questions.yaml"
BANTER = TESTS / "eval" / "banter-questions.yaml"
EXCHANGES = TESTS / "eval" / "exchanges-questions.yaml"
GRAPEVINE = TESTS / "eval" / "grapevine-questions.yaml"
WORRIES = TESTS / "eval" / "worries-questions.yaml"
VERDICT = TESTS / "eval" / "verdict-questions.yaml"
WHISPERS = TESTS / "eval" / "whispers-questions.yaml"
DATELINE = TESTS / "eval" / "dateline-questions.yaml"
FEINTS = TESTS / "eval" / "feints-questions.yaml"
REGISTERS = TESTS / "eval" / "registers-questions.yaml"
CITYWIDE = TESTS / "eval" / "citywide-questions.yaml"
NOTICEBOARD = TESTS / "eval" / "noticeboard-questions.yaml"
STREETWISE = TESTS / "eval" / "streetwise-questions.yaml"
TRIPWIRES = TESTS / "eval" / "tripwires-questions.yaml"
RIPPLES = TESTS / "eval" / "ripples-questions.yaml"
INFLECTIONS = TESTS / "eval" / "inflections-questions.yaml"
AGORA = TESTS / "eval" / "agora-questions.yaml"
SNARES = TESTS / "eval" / "snares-questions.yaml"
CROSSROADS = TESTS / "eval" / "crossroads-questions.yaml"
LASTLIGHT = TESTS / "eval" / "lastlight-questions.yaml"
FRONTDOOR = TESTS / "eval" / "frontdoor-questions.yaml"
HUBBUB = TESTS / "eval" / "hubbub-questions.yaml"
MURMURS = TESTS / "eval" / "murmurs-questions.yaml"
ECHOES = TESTS / "eval" / "echoes-questions.yaml"
LANTERNS = TESTS / "eval" / "lanterns-questions.yaml"
HARBOUR = TESTS / "eval" / "harbour-questions.yaml"
BULWARK = TESTS / "eval" / "bulwark-questions.yaml"
EVENTIDE = TESTS / "eval" / "eventide-questions.yaml"
COURTYARD = TESTS / "eval" / "courtyard-questions.yaml"
HANDWRITING = TESTS / "eval" / "handwriting-questions.yaml"
RUMOURMILL = TESTS / "eval" / "rumourmill-questions.yaml"
WHARF = TESTS / "eval" / "wharf-questions.yaml"
RAMPARTS = TESTS / "eval" / "ramparts-questions.yaml"
DUSK = TESTS / "eval" / "dusk-questions.yaml"
BOROUGHS = TESTS / "eval" / "boroughs-questions.yaml"
LEDGER = TESTS / "eval" / "ledger-questions.yaml"
RELAY = TESTS / "eval" / "relay-questions.yaml"
SATCHEL = TESTS / "eval" / "satchel-questions.yaml"
COUNTER = TESTS / "eval" / "counter-questions.yaml"
TIDELINE = TESTS / "eval" / "tideline-questions.yaml"
LAMPLIGHT = TESTS / "eval" / "lamplight-questions.yaml"
CROSSING = TESTS / "eval" / "crossing-questions.yaml"
COPYDESK = TESTS / "eval" / "copydesk-questions.yaml"
STREETFAIR = TESTS / "eval" / "streetfair-questions.yaml"
AFTERHOURS = TESTS / "eval" / "afterhours-questions.yaml"
MIRRORS = TESTS / "eval" / "mirrors-questions.yaml"
COMPASS = TESTS / "eval" / "compass-questions.yaml"
INKSTONE = TESTS / "eval" / "inkstone-questions.yaml"
TATTLE = TESTS / "eval" / "tattle-questions.yaml"
PLAZA = TESTS / "eval" / "plaza-questions.yaml"
SIEVE = TESTS / "eval" / "sieve-questions.yaml"
QUILT = TESTS / "eval" / "quilt-questions.yaml"
LOOM = TESTS / "eval" / "loom-questions.yaml"
KIOSK = TESTS / "eval" / "kiosk-questions.yaml"
TURNSTILE = TESTS / "eval" / "turnstile-questions.yaml"
FERRY = TESTS / "eval" / "ferry-questions.yaml"
CINDER = TESTS / "eval" / "cinder-questions.yaml"
MOSAIC = TESTS / "eval" / "mosaic-questions.yaml"
HEARTH = TESTS / "eval" / "hearth-questions.yaml"
ORCHARD = TESTS / "eval" / "orchard-questions.yaml"
QUARRY = TESTS / "eval" / "quarry-questions.yaml"
LATTICE = TESTS / "eval" / "lattice-questions.yaml"
BEACON = TESTS / "eval" / "beacon-questions.yaml"
TETHER = TESTS / "eval" / "tether-questions.yaml"
SUNDIAL = TESTS / "eval" / "sundial-questions.yaml"
ANVIL = TESTS / "eval" / "anvil-questions.yaml"
BELLOWS = TESTS / "eval" / "bellows-questions.yaml"
CANOPY = TESTS / "eval" / "canopy-questions.yaml"
GAZETTE = TESTS / "eval" / "gazette-questions.yaml"
FOUNDRY = TESTS / "eval" / "foundry-questions.yaml"
HARVEST = TESTS / "eval" / "harvest-questions.yaml"
JETTY = TESTS / "eval" / "jetty-questions.yaml"
EMBERS = TESTS / "eval" / "embers-questions.yaml"
ISTHMUS = TESTS / "eval" / "isthmus-questions.yaml"
DRIFTWOOD = TESTS / "eval" / "driftwood-questions.yaml"
MARLIN = TESTS / "eval" / "marlin-questions.yaml"
NETTLE = TESTS / "eval" / "nettle-questions.yaml"
ORIEL = TESTS / "eval" / "oriel-questions.yaml"
PEBBLE = TESTS / "eval" / "pebble-questions.yaml"
QUIVER = TESTS / "eval" / "quiver-questions.yaml"
RAFTER = TESTS / "eval" / "rafter-questions.yaml"
SADDLE = TESTS / "eval" / "saddle-questions.yaml"
TRELLIS = TESTS / "eval" / "trellis-questions.yaml"
UMBER = TESTS / "eval" / "umber-questions.yaml"
VELLUM = TESTS / "eval" / "vellum-questions.yaml"
WILLOW = TESTS / "eval" / "willow-questions.yaml"
ALCOVE = TESTS / "eval" / "alcove-questions.yaml"
BRAMBLE = TESTS / "eval" / "bramble-questions.yaml"
COBALT = TESTS / "eval" / "cobalt-questions.yaml"
DAPPLE = TESTS / "eval" / "dapple-questions.yaml"
FENNEL = TESTS / "eval" / "fennel-questions.yaml"
GABLE = TESTS / "eval" / "gable-questions.yaml"
HOLLOW = TESTS / "eval" / "hollow-questions.yaml"
INGOT = TESTS / "eval" / "ingot-questions.yaml"
JASPER = TESTS / "eval" / "jasper-questions.yaml"
KESTREL = TESTS / "eval" / "kestrel-questions.yaml"
LUMEN = TESTS / "eval" / "lumen-questions.yaml"
MEADOW = TESTS / "eval" / "meadow-questions.yaml"
NIMBUS = TESTS / "eval" / "nimbus-questions.yaml"
OCHRE = TESTS / "eval" / "ochre-questions.yaml"
PRISM = TESTS / "eval" / "prism-questions.yaml"
RIVET = TESTS / "eval" / "rivet-questions.yaml"
QUAY = TESTS / "eval" / "quay-questions.yaml"
SABLE = TESTS / "eval" / "sable-questions.yaml"
TINDER = TESTS / "eval" / "tinder-questions.yaml"
UPLAND = TESTS / "eval" / "upland-questions.yaml"
VESPER = TESTS / "eval" / "vesper-questions.yaml"
WARREN = TESTS / "eval" / "warren-questions.yaml"
YARROW = TESTS / "eval" / "yarrow-questions.yaml"
ZEPHYR = TESTS / "eval" / "zephyr-questions.yaml"
ALDER = TESTS / "eval" / "alder-questions.yaml"
BIRCH = TESTS / "eval" / "birch-questions.yaml"
CEDAR = TESTS / "eval" / "cedar-questions.yaml"
DUNLIN = TESTS / "eval" / "dunlin-questions.yaml"
EGRET = TESTS / "eval" / "egret-questions.yaml"
FLINT = TESTS / "eval" / "flint-questions.yaml"
GARNET = TESTS / "eval" / "garnet-questions.yaml"
HERON = TESTS / "eval" / "heron-questions.yaml"
JUNIPER = TESTS / "eval" / "juniper-questions.yaml"
KELP = TESTS / "eval" / "kelp-questions.yaml"
LARCH = TESTS / "eval" / "larch-questions.yaml"
MAPLE = TESTS / "eval" / "maple-questions.yaml"
NECTAR = TESTS / "eval" / "nectar-questions.yaml"
OSPREY = TESTS / "eval" / "osprey-questions.yaml"
PLOVER = TESTS / "eval" / "plover-questions.yaml"
QUINCE = TESTS / "eval" / "quince-questions.yaml"
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
# what the bot does today, so that no change makes them worse (raised at the end of each
# round to just under its final matcher). The issue's own target
# (hit >= 0.93 on new styles) is met on the final set only; README.
FLOORS = {
    "hard-oos": {"rejection": 1.00, "hit": 0.97},
    "broad": {"rejection": 1.00, "hit": 0.93},
    "holdout": {"rejection": 1.00, "hit": 0.98},
    # Written in the style of questions asked in public (press, forums, business owners);
    # first sight 0.745 hit / 0.862 rejection, before the changes it then guided.
    "public": {"rejection": 1.00, "hit": 0.92},
    # New styles (voice, Cantonese, long and forwarded messages, traditional script);
    # first sight 0.852 hit / 0.923 rejection.
    "final": {"rejection": 1.00, "hit": 0.96},
    # Written in the third round by a helper who saw no code and no other set: journalists,
    # owners, districts, support, follow-ups, two topics, general knowledge; first sight
    # 0.801 hit / 0.907 rejection.
    "fresh": {"rejection": 1.00, "hit": 0.96},
    # Written last in the third round, measured once on the code as it then stood: first
    # sight 0.879 hit / 0.887 rejection; the look-alike classes it showed were then extended.
    "last": {"rejection": 1.00, "hit": 0.99},
    # Fourth round, two helpers who saw no code and no other set. Questions as posted in
    # public: first sight 0.709 hit / 0.818 rejection.
    "street": {"rejection": 1.00, "hit": 0.91},
    # Rare styles (pinyin, voice, emoji and markup, two topics, follow-ups): first sight
    # 0.795 hit / 0.922 rejection.
    "styles": {"rejection": 0.98, "hit": 0.90},
    # Written late in the fourth round as a final check in real traffic's proportions: first
    # sight 0.794 hit / 0.788 rejection; the look-alike classes it showed were then extended.
    "check": {"rejection": 1.00, "hit": 0.89},
    # The round's last set (owners' group chat, press room, course group): first sight 0.844
    # hit / 0.755 rejection on the round's final matcher.
    "final2": {"rejection": 0.97, "hit": 0.93},
    # Written last, by a helper who did not open the scope lists either, in the issue's three
    # kinds (new styles, hard look-alikes, real public questions): first sight 0.739 hit /
    # 0.910 rejection, below the round's start on hit (0.754); see README.
    "closing": {"rejection": 1.00, "hit": 0.85},
    # Written after the round's matcher was final, measured on it before any change: first
    # sight 0.838 hit / 0.853 rejection; only look-alike words were then added by class.
    "after": {"rejection": 0.97, "hit": 0.90},
    # Fifth round, four helpers who saw no code, no other set and no scope lists. Questions
    # asked in public (press, forums, residents): first sight 0.839 hit / 0.871 rejection.
    "press": {"rejection": 1.00, "hit": 0.93},
    # Rare styles (pinyin, Cantonese, voice, short look-ups, forwarded and long messages):
    # first sight 0.906 hit / 0.745 rejection.
    "rare": {"rejection": 0.96, "hit": 0.98},
    # A day of real traffic, written mid-round: first sight 0.848 hit / 0.783 rejection.
    "traffic": {"rejection": 0.96, "hit": 0.91},
    # Hard look-alikes (60%) and in-scope near misses: first sight 0.946 hit / 0.774
    # rejection.
    "lookalike": {"rejection": 0.99, "hit": 0.99},
    # Written to be run once on the round's last matcher: first sight 0.873 hit / 0.750
    # rejection; after it, look-alike words, 'which three kinds' follow-ups and 靠谱吗 changed.
    "estimate": {"rejection": 0.98, "hit": 0.92},
    # The sixth round's three sets, first sight on c9fc2bc: hard look-alikes 0.875 / 0.887,
    # new styles 0.837 / 0.769, questions asked in public 0.881 / 0.826.
    "mimic": {"rejection": 0.99, "hit": 0.94},
    "newstyles": {"rejection": 0.94, "hit": 0.95},
    "askers": {"rejection": 0.97, "hit": 0.92},
    # Written to be run once on the sixth round's matcher: first sight 0.921 / 0.867.
    "once": {"rejection": 0.97, "hit": 0.96},
    # Written last and run once on the round's final matcher: first sight 0.854 / 0.890.
    # Round 25: one refusal less, a 链长制 question now answered by its sourced entry.
    "finale": {"rejection": 0.97, "hit": 0.90},
    # A last run-once set on the same final matcher: first sight 0.868 / 0.851.
    "final6": {"rejection": 0.94, "hit": 0.93},
    # The seventh round's three sets, first sight on 9a6ff2c: hard look-alikes and near misses
    # 0.875 / 0.876, new styles 0.897 / 0.903, questions asked in public 0.836 / 0.710.
    "decoys": {"rejection": 0.97, "hit": 0.92},
    "voices": {"rejection": 1.00, "hit": 0.94},
    "forum": {"rejection": 0.95, "hit": 0.88},
    # Two more, written mid-round and run first on 59b011c: the public's messages, most of them
    # out of scope, 0.948 / 0.701; new styles with 49 follow-ups, 0.792 / 0.839.
    "crowd": {"rejection": 0.93, "hit": 0.97},
    "chat": {"rejection": 0.96, "hit": 0.89},
    # Two last ones, run first on 947d0ec: a week of the public's messages, 0.938 / 0.786; a
    # set written to be hard (everyday words, look-alikes sharing the most words), 0.567 / 0.771.
    "week": {"rejection": 0.96, "hit": 0.97},
    "hard": {"rejection": 0.92, "hit": 0.78},
    # Three kept unread all round and run only as a whole (first 9a6ff2c, last d8c0764): the
    # three kinds in thirds 0.878 / 0.885, questions asked in public 0.836 / 0.850, new styles
    # and look-alikes in halves 0.892 / 0.866. The honest estimate for unseen questions.
    "thirds": {"rejection": 0.96, "hit": 0.93},
    "askers2": {"rejection": 0.94, "hit": 0.89},
    "halves": {"rejection": 0.90, "hit": 0.94},
    # The eighth round's four guiding sets, first sight on e5464e2: hard look-alikes 0.824 /
    # 0.762, new styles 0.881 / 0.882, questions asked in public 0.918 / 0.780, journalists,
    # broad questions and two topics 0.815 / 0.548.
    "shadows": {"rejection": 0.94, "hit": 0.92},
    "modes": {"rejection": 1.00, "hit": 0.93},
    "asked": {"rejection": 0.95, "hit": 0.95},
    "newsdesk": {"rejection": 0.84, "hit": 0.91},
    # Four kept unread all round and run only as a whole (e5464e2 to b17c69c).
    "unseen": {"rejection": 0.91, "hit": 0.93},
    "unseen2": {"rejection": 0.93, "hit": 0.88},
    "reserve": {"rejection": 0.94, "hit": 0.94},
    "reserve2": {"rejection": 0.94, "hit": 0.95},
    # Two run once on 7330b5f (0.779 / 0.838, 0.885 / 0.770) that guided the last changes,
    # and two run once on the final matcher (0.896 / 0.895, 0.882 / 0.842).
    "oneday": {"rejection": 0.95, "hit": 0.82},
    "pressline": {"rejection": 0.88, "hit": 0.92},
    "weekdesk": {"rejection": 0.94, "hit": 0.91},
    "term": {"rejection": 0.88, "hit": 0.90},
    # The ninth round's four guiding sets, first sight on 007b25c: broad questions without the
    # plan's name 0.726 / 0.873, conversations 0.831 / 0.774, hard look-alikes 0.848 / 0.746,
    # business owners and foreign investors 0.732 / 0.742.
    "broadview": {"rejection": 0.94, "hit": 0.87},
    "turns": {"rejection": 0.95, "hit": 0.88},
    "decoys2": {"rejection": 0.94, "hit": 0.92},
    "owners": {"rejection": 0.95, "hit": 0.87},
    # Two kept unread (007b25c: 0.929 / 0.855, 0.868 / 0.711) and two run once on the final
    # matcher (0.868 / 0.808, 0.908 / 0.815).
    "groupday": {"rejection": 0.92, "hit": 0.94},
    "mixed": {"rejection": 0.78, "hit": 0.91},
    "podium": {"rejection": 0.89, "hit": 0.89},
    "guise": {"rejection": 0.91, "hit": 0.93},
    # Two written once the round's matcher was final, run once on it (86d403a): the three
    # kinds in thirds 0.920 / 0.810, a district help desk 0.852 / 0.880.
    "triad": {"rejection": 0.84, "hit": 0.92},
    "helpdesk": {"rejection": 0.93, "hit": 0.90},
    # The tenth round's guiding sets. First sight on a29f8dd: conversations 0.888 / 0.855,
    # parts described in plain words and investors 0.712 / 0.774, hard look-alikes 0.826 /
    # 0.845, questions asked in public 0.869 / 0.659; three written mid-round (first sight on
    # 8f8564d): phone messages 0.921 / 0.851, near-twins 0.951 / 0.833, the press and the
    # public 0.894 / 0.851.
    "threads": {"rejection": 0.98, "hit": 0.92},
    "plainwords": {"rejection": 0.93, "hit": 0.82},
    "traps": {"rejection": 0.97, "hit": 0.89},
    "square": {"rejection": 0.81, "hit": 0.90},
    "phone": {"rejection": 0.94, "hit": 0.94},
    "twins": {"rejection": 0.99, "hit": 0.97},
    "presser": {"rejection": 0.98, "hit": 0.91},
    # Two kept unread (a29f8dd: 0.918 / 0.829, 0.881 / 0.812) and four run once on the final
    # matcher 146f476 (0.961 / 0.920, 0.838 / 0.657, 0.902 / 0.867, 0.844 / 0.874).
    "groupweek": {"rejection": 0.93, "hit": 0.93},
    "dialects": {"rejection": 0.88, "hit": 0.93},
    # Round 25: one refusal less, a 链长制 question now answered by its sourced entry.
    "everyone": {"rejection": 0.92, "hit": 0.96},
    "halfknown": {"rejection": 0.81, "hit": 0.86},
    "lastcall": {"rejection": 0.90, "hit": 0.94},
    "publicweek": {"rejection": 0.89, "hit": 0.87},
    # Eleventh round's sets: floors just under what the final matcher does (first sight in
    # each file's header and in the README).
    "hearsay": {"rejection": 0.83, "hit": 0.91},
    "newsturns": {"rejection": 0.86, "hit": 0.86},
    "founders": {"rejection": 0.97, "hit": 0.89},
    "cityweek": {"rejection": 0.92, "hit": 0.88},
    "abroad": {"rejection": 0.97, "hit": 0.91},
    "newvoices": {"rejection": 0.98, "hit": 0.92},
    "openfloor": {"rejection": 0.94, "hit": 0.88},
    # Twelfth round's sets: floors just under what the final matcher does (first sight in
    # each file's header and in the README).
    # bylines lowered by one answer in round 26: "番禺那边怎么定位它" after the vehicles
    # cluster now gets Panyu's 2104 (its two 100-billion industries), where the set expects
    # the cluster's entry; two other sets expect the district's entry for the same shape.
    "bylines": {"rejection": 0.98, "hit": 0.86},
    "classroom": {"rejection": 0.94, "hit": 0.94},
    "lures": {"rejection": 0.86, "hit": 0.96},
    "pocket": {"rejection": 0.86, "hit": 0.86},
    "chatroom": {"rejection": 0.86, "hit": 0.92},
    "accents": {"rejection": 0.94, "hit": 0.92},
    "townhall": {"rejection": 0.89, "hit": 0.92},
    # Round 25: one refusal less, a 链长制 question now answered by its sourced entry.
    "terse": {"rejection": 0.91, "hit": 0.87},
    "shopfloor": {"rejection": 1.00, "hit": 0.90},
    "banter": {"rejection": 0.91, "hit": 0.92},
    "exchanges": {"rejection": 0.97, "hit": 0.90},
    "grapevine": {"rejection": 0.62, "hit": 0.85},
    "worries": {"rejection": 0.90, "hit": 0.84},
    "verdict": {"rejection": 0.96, "hit": 0.93},
    "whispers": {"rejection": 0.72, "hit": 0.83},
    "dateline": {"rejection": 0.83, "hit": 0.92},
    "feints": {"rejection": 0.92, "hit": 0.94},
    "registers": {"rejection": 0.95, "hit": 0.87},
    "citywide": {"rejection": 0.91, "hit": 0.93},
    "noticeboard": {"rejection": 0.95, "hit": 0.93},
    "streetwise": {"rejection": 0.93, "hit": 0.93},
    "tripwires": {"rejection": 0.91, "hit": 0.95},
    # Fourteenth round (header line 4 of each file gives its role and first sight).
    # Round 25: one refusal less, a 链长制 question now answered by its sourced entry.
    "ripples": {"rejection": 0.90, "hit": 0.86},
    "inflections": {"rejection": 1.00, "hit": 0.96},
    "agora": {"rejection": 0.95, "hit": 0.90},
    "snares": {"rejection": 0.94, "hit": 0.93},
    "crossroads": {"rejection": 0.95, "hit": 0.91},
    "lastlight": {"rejection": 0.92, "hit": 0.91},
    "frontdoor": {"rejection": 0.86, "hit": 0.90},
    "hubbub": {"rejection": 0.90, "hit": 0.91},
    # Fifteenth round (header line 4 of each file gives its role and first sight).
    "murmurs": {"rejection": 0.93, "hit": 0.94},
    "echoes": {"rejection": 0.85, "hit": 0.85},
    "lanterns": {"rejection": 1.00, "hit": 0.93},
    "harbour": {"rejection": 0.95, "hit": 0.93},
    "bulwark": {"rejection": 0.95, "hit": 0.96},
    "eventide": {"rejection": 0.87, "hit": 0.91},
    "courtyard": {"rejection": 0.93, "hit": 0.99},
    "handwriting": {"rejection": 0.96, "hit": 0.92},
    "rumourmill": {"rejection": 0.81, "hit": 0.87},
    "wharf": {"rejection": 0.94, "hit": 0.92},
    "ramparts": {"rejection": 0.97, "hit": 0.92},
    "dusk": {"rejection": 0.94, "hit": 0.92},
    "boroughs": {"rejection": 0.90, "hit": 0.84},
    # Seventeenth round (header line 4 of each file gives its role and first sight).
    "ledger": {"rejection": 0.84, "hit": 0.80},
    "relay": {"rejection": 0.96, "hit": 0.95},
    "satchel": {"rejection": 0.97, "hit": 0.95},
    "counter": {"rejection": 0.93, "hit": 0.93},
    "tideline": {"rejection": 0.92, "hit": 0.91},
    "lamplight": {"rejection": 0.88, "hit": 0.94},
    "crossing": {"rejection": 0.87, "hit": 0.89},
    "copydesk": {"rejection": 0.95, "hit": 0.89},
    "streetfair": {"rejection": 0.96, "hit": 0.94},
    "afterhours": {"rejection": 0.95, "hit": 0.95},
    # Eighteenth round (header line 4 of each file gives its role and first sight).
    "mirrors": {"rejection": 0.96, "hit": 0.97},
    "compass": {"rejection": 0.74, "hit": 0.85},
    "inkstone": {"rejection": 0.95, "hit": 0.91},
    "tattle": {"rejection": 0.93, "hit": 0.94},
    "plaza": {"rejection": 0.92, "hit": 0.91},
    "sieve": {"rejection": 0.84, "hit": 0.95},
    "quilt": {"rejection": 0.92, "hit": 0.95},
    "loom": {"rejection": 0.90, "hit": 0.87},
    "kiosk": {"rejection": 0.95, "hit": 0.90},
    "turnstile": {"rejection": 0.93, "hit": 0.95},
    "ferry": {"rejection": 0.94, "hit": 0.94},
    "cinder": {"rejection": 0.97, "hit": 0.95},
    "mosaic": {"rejection": 0.93, "hit": 0.93},
    "hearth": {"rejection": 0.97, "hit": 0.94},
    "orchard": {"rejection": 0.96, "hit": 0.91},
    "quarry": {"rejection": 0.85, "hit": 0.83},
    "lattice": {"rejection": 0.97, "hit": 0.91},
    "beacon": {"rejection": 0.84, "hit": 0.85},
    "tether": {"rejection": 0.96, "hit": 0.85},
    "sundial": {"rejection": 0.88, "hit": 0.92},
    # Twentieth round (header line 4 of each file gives its role and first sight).
    "anvil": {"rejection": 0.96, "hit": 0.98},
    "bellows": {"rejection": 0.98, "hit": 0.93},
    "canopy": {"rejection": 0.89, "hit": 0.84},
    "gazette": {"rejection": 0.98, "hit": 0.90},
    "foundry": {"rejection": 0.95, "hit": 0.96},
    "harvest": {"rejection": 0.95, "hit": 0.79},
    "jetty": {"rejection": 0.96, "hit": 0.84},
    "embers": {"rejection": 0.88, "hit": 0.98},
    "isthmus": {"rejection": 0.91, "hit": 0.90},
    "driftwood": {"rejection": 0.98, "hit": 0.91},
    # Twenty-first round (header line 4 of each file gives its role and first sight).
    "marlin": {"rejection": 0.96, "hit": 0.95},
    "nettle": {"rejection": 0.98, "hit": 0.95},
    "oriel": {"rejection": 0.96, "hit": 0.85},
    "pebble": {"rejection": 1.00, "hit": 0.89},
    "quiver": {"rejection": 1.00, "hit": 0.94},
    "rafter": {"rejection": 0.95, "hit": 0.93},
    "saddle": {"rejection": 0.92, "hit": 0.80},
    "trellis": {"rejection": 0.86, "hit": 0.92},
    "umber": {"rejection": 0.96, "hit": 0.92},
    "vellum": {"rejection": 0.87, "hit": 0.85},
    "willow": {"rejection": 0.88, "hit": 0.78},
    # Twenty-second round (header line 4 of each file gives its role and first sight).
    "alcove": {"rejection": 0.95, "hit": 0.84},
    "bramble": {"rejection": 0.98, "hit": 0.88},
    "cobalt": {"rejection": 0.98, "hit": 0.93},
    "dapple": {"rejection": 0.94, "hit": 0.90},
    "fennel": {"rejection": 0.89, "hit": 0.86},
    "gable": {"rejection": 0.92, "hit": 0.86},
    "hollow": {"rejection": 0.80, "hit": 0.87},
    "ingot": {"rejection": 0.91, "hit": 0.91},
    # Twenty-third round (header line 4 of each file gives its role and first sight).
    "jasper": {"rejection": 0.93, "hit": 0.90},
    "kestrel": {"rejection": 0.98, "hit": 0.82},
    "lumen": {"rejection": 0.95, "hit": 0.86},
    "meadow": {"rejection": 0.92, "hit": 0.83},
    "nimbus": {"rejection": 0.92, "hit": 0.89},
    "ochre": {"rejection": 0.85, "hit": 0.90},
    "prism": {"rejection": 0.96, "hit": 0.92},
    "rivet": {"rejection": 0.84, "hit": 0.82},
    # Twenty-fourth round (header line 4 of each file gives its role and first sight).
    "quay": {"rejection": 0.94, "hit": 0.91},
    "sable": {"rejection": 0.93, "hit": 0.82},
    "tinder": {"rejection": 1.00, "hit": 0.93},
    "upland": {"rejection": 0.96, "hit": 0.92},
    "vesper": {"rejection": 0.96, "hit": 0.94},
    "warren": {"rejection": 0.84, "hit": 0.93},
    "yarrow": {"rejection": 0.81, "hit": 0.92},
    "zephyr": {"rejection": 0.95, "hit": 0.83},
    # Twenty-fifth round (header line 4 of each file gives its role and first sight).
    "alder": {"rejection": 0.88, "hit": 0.87},
    "birch": {"rejection": 0.93, "hit": 0.85},
    "cedar": {"rejection": 0.98, "hit": 0.93},
    "dunlin": {"rejection": 0.94, "hit": 0.79},
    "egret": {"rejection": 0.96, "hit": 0.86},
    "flint": {"rejection": 0.90, "hit": 0.85},
    "garnet": {"rejection": 0.95, "hit": 0.84},
    "heron": {"rejection": 0.85, "hit": 0.86},
    # Twenty-sixth round (header line 4 of each file gives its role and first sight).
    "juniper": {"rejection": 0.95, "hit": 0.83},
    "kelp": {"rejection": 1.00, "hit": 0.89},
    "larch": {"rejection": 0.97, "hit": 0.90},
    "maple": {"rejection": 0.96, "hit": 0.85},
    "nectar": {"rejection": 0.93, "hit": 0.93},
    "osprey": {"rejection": 0.96, "hit": 0.92},
    "plover": {"rejection": 0.98, "hit": 0.81},
    "quince": {"rejection": 0.91, "hit": 0.87},
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
        ("shadows", SHADOWS),
        ("modes", MODES),
        ("asked", ASKED),
        ("newsdesk", NEWSDESK),
        ("unseen", UNSEEN),
        ("unseen2", UNSEEN2),
        ("reserve", RESERVE),
        ("reserve2", RESERVE2),
        ("oneday", ONEDAY),
        ("pressline", PRESSLINE),
        ("weekdesk", WEEKDESK),
        ("term", TERM),
        ("broadview", BROADVIEW),
        ("turns", TURNS),
        ("decoys2", DECOYS2),
        ("owners", OWNERS),
        ("groupday", GROUPDAY),
        ("mixed", MIXED),
        ("podium", PODIUM),
        ("guise", GUISE),
        ("triad", TRIAD),
        ("helpdesk", HELPDESK),
        ("threads", THREADS),
        ("plainwords", PLAINWORDS),
        ("traps", TRAPS),
        ("square", SQUARE),
        ("groupweek", GROUPWEEK),
        ("dialects", DIALECTS),
        ("everyone", EVERYONE),
        ("halfknown", HALFKNOWN),
        ("phone", PHONE),
        ("twins", TWINS),
        ("presser", PRESSER),
        ("lastcall", LASTCALL),
        ("publicweek", PUBLICWEEK),
        ("hearsay", HEARSAY),
        ("newsturns", NEWSTURNS),
        ("founders", FOUNDERS),
        ("cityweek", CITYWEEK),
        ("abroad", ABROAD),
        ("newvoices", NEWVOICES),
        ("openfloor", OPENFLOOR),
        ("bylines", BYLINES),
        ("classroom", CLASSROOM),
        ("lures", LURES),
        ("pocket", POCKET),
        ("chatroom", CHATROOM),
        ("accents", ACCENTS),
        ("townhall", TOWNHALL),
        ("terse", TERSE),
        ("shopfloor", SHOPFLOOR),
        ("banter", BANTER),
        ("exchanges", EXCHANGES),
        ("grapevine", GRAPEVINE),
        ("worries", WORRIES),
        ("verdict", VERDICT),
        ("whispers", WHISPERS),
        ("dateline", DATELINE),
        ("feints", FEINTS),
        ("registers", REGISTERS),
        ("citywide", CITYWIDE),
        ("noticeboard", NOTICEBOARD),
        ("streetwise", STREETWISE),
        ("tripwires", TRIPWIRES),
        ("ripples", RIPPLES),
        ("inflections", INFLECTIONS),
        ("agora", AGORA),
        ("snares", SNARES),
        ("crossroads", CROSSROADS),
        ("lastlight", LASTLIGHT),
        ("frontdoor", FRONTDOOR),
        ("hubbub", HUBBUB),
        ("murmurs", MURMURS),
        ("echoes", ECHOES),
        ("lanterns", LANTERNS),
        ("harbour", HARBOUR),
        ("bulwark", BULWARK),
        ("eventide", EVENTIDE),
        ("courtyard", COURTYARD),
        ("handwriting", HANDWRITING),
        ("rumourmill", RUMOURMILL),
        ("wharf", WHARF),
        ("ramparts", RAMPARTS),
        ("dusk", DUSK),
        ("boroughs", BOROUGHS),
        ("ledger", LEDGER),
        ("relay", RELAY),
        ("satchel", SATCHEL),
        ("counter", COUNTER),
        ("tideline", TIDELINE),
        ("lamplight", LAMPLIGHT),
        ("crossing", CROSSING),
        ("copydesk", COPYDESK),
        ("streetfair", STREETFAIR),
        ("afterhours", AFTERHOURS),
        ("mirrors", MIRRORS),
        ("compass", COMPASS),
        ("inkstone", INKSTONE),
        ("tattle", TATTLE),
        ("plaza", PLAZA),
        ("sieve", SIEVE),
        ("quilt", QUILT),
        ("loom", LOOM),
        ("kiosk", KIOSK),
        ("turnstile", TURNSTILE),
        ("ferry", FERRY),
        ("cinder", CINDER),
        ("mosaic", MOSAIC),
        ("hearth", HEARTH),
        ("orchard", ORCHARD),
        ("quarry", QUARRY),
        ("lattice", LATTICE),
        ("beacon", BEACON),
        ("tether", TETHER),
        ("sundial", SUNDIAL),
        ("anvil", ANVIL),
        ("bellows", BELLOWS),
        ("canopy", CANOPY),
        ("gazette", GAZETTE),
        ("foundry", FOUNDRY),
        ("harvest", HARVEST),
        ("jetty", JETTY),
        ("embers", EMBERS),
        ("isthmus", ISTHMUS),
        ("driftwood", DRIFTWOOD),
        ("marlin", MARLIN),
        ("nettle", NETTLE),
        ("oriel", ORIEL),
        ("pebble", PEBBLE),
        ("quiver", QUIVER),
        ("rafter", RAFTER),
        ("saddle", SADDLE),
        ("trellis", TRELLIS),
        ("umber", UMBER),
        ("vellum", VELLUM),
        ("willow", WILLOW),
        ("alcove", ALCOVE),
        ("bramble", BRAMBLE),
        ("cobalt", COBALT),
        ("dapple", DAPPLE),
        ("fennel", FENNEL),
        ("gable", GABLE),
        ("hollow", HOLLOW),
        ("ingot", INGOT),
        ("jasper", JASPER),
        ("kestrel", KESTREL),
        ("lumen", LUMEN),
        ("meadow", MEADOW),
        ("nimbus", NIMBUS),
        ("ochre", OCHRE),
        ("prism", PRISM),
        ("rivet", RIVET),
        ("quay", QUAY),
        ("sable", SABLE),
        ("tinder", TINDER),
        ("upland", UPLAND),
        ("vesper", VESPER),
        ("warren", WARREN),
        ("yarrow", YARROW),
        ("zephyr", ZEPHYR),
        ("alder", ALDER),
        ("birch", BIRCH),
        ("cedar", CEDAR),
        ("dunlin", DUNLIN),
        ("egret", EGRET),
        ("flint", FLINT),
        ("garnet", GARNET),
        ("heron", HERON),
        ("juniper", JUNIPER),
        ("kelp", KELP),
        ("larch", LARCH),
        ("maple", MAPLE),
        ("nectar", NECTAR),
        ("osprey", OSPREY),
        ("plover", PLOVER),
        ("quince", QUINCE),
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
