"""The shipped knowledge base: complete, findable, sourced and in our own words."""

from __future__ import annotations

import re

import pytest

from bot.knowledge import AUTHORITIES, load
from tests.paths import SHARED

SHIPPED = load()

CLUSTERS = [
    "智能网联与新能源汽车",
    "超高清视频与新型显示",
    "生物医药与健康",
    "绿色石化与新材料",
    "软件与互联网",
    "智能装备与机器人",
    "人工智能",
    "半导体与集成电路",
    "新能源与新型储能",
    "低空经济与航空航天",
    "生物制造",
    "时尚消费品",
    "轨道交通",
    "船舶与海洋工程",
    "智能建造与工业化建筑",
]
FUTURE = ["智能无人系统", "具身智能", "未来网络与量子科技", "前沿新材料", "细胞与基因", "深海深空"]
# Only these six of the eight services are named in the sources we hold (see services-overview).
SERVICES = ["现代金融", "科技服务", "专业服务", "现代商贸", "文化创意", "旅游休闲"]


@pytest.mark.parametrize(
    ("pillar", "name"),
    [("clusters", n) for n in CLUSTERS]
    + [("future", n) for n in FUTURE]
    + [("services", n) for n in SERVICES],
)
def test_each_named_industry_has_its_own_entry(pillar, name):
    """Each cluster, future industry and named service has an entry titled with its name."""
    titles = [e.title for e in SHIPPED.entries_of(pillar)]
    assert any(name in t for t in titles), titles


def test_overview_entries_exist_for_every_part():
    """Every pillar with members has an overview a user can ask for as a whole."""
    for entry_id in (
        "overall-what-is-12218",
        "fusion-overview",
        "transformation-overview",
        "clusters-overview",
        "future-overview",
        "services-overview",
        "enablers-four-major-measures",
        "enablers-support-system-3531",
        "enablers-key-industry-offices",
    ):
        assert SHIPPED.entry(entry_id) is not None, entry_id


@pytest.mark.parametrize(
    ("entry_id", "question"),
    [(e.id, q) for e in SHIPPED.entries for q in e.questions],
    ids=lambda v: v if isinstance(v, str) and v.isascii() else None,
)
def test_entry_is_found_by_its_own_questions(matcher, entry_id, question):
    """Asking one of an entry's own example questions answers with that entry."""
    result = matcher.match(question)
    assert result.best is not None, (question, [m.entry.id for m in result.matches])
    assert result.best.entry.id == entry_id, (question, [m.entry.id for m in result.matches])


def test_unconfirmed_lists_say_so():
    """The future-industry and service overviews say the official item list is unconfirmed."""
    for entry_id in ("future-overview", "services-overview"):
        passage = SHIPPED.entry(entry_id).passage  # type: ignore[union-attr]
        assert re.search(r"未见|未检得|尚未|待核实|未公布|未能", passage), passage


def test_official_marking_matches_the_source_kind():
    """Only sources recorded as official documents are marked official."""
    kinds = {s.kind for s in SHIPPED.sources.values()}
    assert kinds <= {"official document", "news", "commentary"}
    commentary = SHIPPED.sources["gzdaily-2025-01-13-commentary"]
    assert commentary.kind == "commentary" and not commentary.is_official


TRUSTED = {"official", "major-outlet"}
# Share of the sources that entries cite which are official or a major outlet. Issue 9 sets
# 0.60. Originals of most reposts could not be found in the pages we can search, but the third
# sweep added official and major-outlet pages that state the same or further facts: 85 of the
# 140 cited sources are trusted (0.607), so the floor is now the target.
TRUSTED_SHARE_FLOOR = 0.60


def test_every_source_is_graded_and_reposts_name_their_original():
    """Each source carries an authority grade; every repost names its original publisher and
    title and says in its note why the repost stays."""
    for source in SHIPPED.sources.values():
        assert source.authority in AUTHORITIES, source.id
        if source.is_repost:
            assert source.original and source.original.publisher and source.original.title, (
                source.id
            )
            assert "repost stays" in source.note or source.original.url, source.id


def test_cited_sources_are_mostly_trustworthy():
    """At least the floor share of the distinct sources cited by entries are official
    documents and sites or major outlets."""
    cited = {ref.source.id: ref.source for e in SHIPPED.entries for ref in e.sources}
    trusted = [s for s in cited.values() if s.authority in TRUSTED]
    assert len(trusted) / len(cited) >= TRUSTED_SHARE_FLOOR, sorted(
        (s.authority, s.id) for s in cited.values()
    )


def test_no_answer_leads_with_a_repost_when_a_better_source_is_at_hand():
    """An entry's best-first sources open with a repost only when the entry has nothing but
    reposts, and never when the base holds the original itself as a non-repost source."""
    by_title = {s.title: s for s in SHIPPED.sources.values() if not s.is_repost}
    for entry in SHIPPED.entries:
        first = entry.sources_best_first[0].source
        if not first.is_repost:
            continue
        assert all(ref.source.is_repost for ref in entry.sources), entry.id
        assert first.original is not None
        assert first.original.title not in by_title, (entry.id, first.id)


def _runs(text: str, size: int) -> set[str]:
    compact = re.sub(r"\s+", "", text)
    return {compact[i : i + size] for i in range(len(compact) - size + 1)}


@pytest.mark.skipif(
    not (SHARED / "seeds").is_dir(), reason="../shared/seeds is not beside the repo"
)
def test_no_passage_copies_the_founding_commentary():
    """No run of 20 characters of any passage appears in the source text."""
    seed_runs: set[str] = set()
    for path in (SHARED / "seeds").glob("*.txt"):
        seed_runs |= _runs(path.read_text(encoding="utf-8"), 20)
    copied = {e.id: sorted(_runs(e.passage, 20) & seed_runs)[:1] for e in SHIPPED.entries}
    assert not {k: v for k, v in copied.items() if v}
