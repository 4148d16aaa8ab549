"""Grouping kept questions for curators, and the YAML draft they fill in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot import review
from bot.knowledge import KnowledgeBase, KnowledgeBaseError, load
from bot.review import NO_ANSWER, REFUSED, UNHELPFUL, KeptQuestion, Nearest

NOW = 1_800_000_000.0


@pytest.fixture(scope="module")
def words(kb: KnowledgeBase) -> review.Words:
    return review.Words(kb)


def kept(
    text: str,
    outcome: str = NO_ANSWER,
    refusal: str = "no-match",
    nearest: tuple[tuple[str, float], ...] = (),
) -> KeptQuestion:
    return KeptQuestion(text, outcome, refusal, tuple(Nearest(e, s) for e, s in nearest), NOW)


HYDROGEN = (("clusters-new-energy-storage", 0.42), ("transformation-green", 0.33))
TALENT = (("future-bay-area-cooperation", 0.45),)
QUESTIONS = [
    kept("加氢站建设规划", nearest=HYDROGEN),
    kept("广州加氢站怎么规划的", nearest=HYDROGEN),
    kept("加氢站的建设规划有哪些", nearest=HYDROGEN),
    kept("加氢站建设规划", nearest=HYDROGEN),
    kept("人才引进补贴多少", nearest=TALENT),
    kept("人才引进有什么补贴", nearest=TALENT),
    kept("深圳的产业政策是什么", REFUSED, "other-place"),
    kept("预制菜产业园在哪"),
]


def test_similar_wordings_group_and_groups_rank_by_count(
    words: review.Words, kb: KnowledgeBase
) -> None:
    """Rewordings of one question form one group; different questions do not; largest first."""
    groups = review.group(QUESTIONS, words, kb)
    counts = [g.count for g in groups]
    assert counts == sorted(counts, reverse=True)
    first = groups[0]
    assert first.count == 4
    assert set(first.examples) == {
        "加氢站建设规划",
        "广州加氢站怎么规划的",
        "加氢站的建设规划有哪些",
    }
    assert first.examples[0] == "加氢站建设规划"  # the most asked wording first
    talent = next(g for g in groups if "人才引进补贴多少" in g.examples)
    assert talent.count == 2 and "人才引进有什么补贴" in talent.examples
    assert len(groups) == 4


def test_group_says_why_the_base_fell_short(words: review.Words, kb: KnowledgeBase) -> None:
    """Each group carries its refusal class, nearest entries with scores and a reason."""
    groups = {g.examples[0]: g for g in review.group(QUESTIONS, words, kb)}
    hydrogen = groups["加氢站建设规划"]
    assert hydrogen.refusal == "no-match"
    assert hydrogen.nearest[0] == Nearest("clusters-new-energy-storage", 0.42)
    assert "clusters-new-energy-storage" in hydrogen.why and "0.42" in hydrogen.why
    assert hydrogen.belongs_to is None  # 加氢站 is in no entry: a new topic, not new wording
    elsewhere = groups["深圳的产业政策是什么"]
    assert elsewhere.refusal == "other-place" and not elsewhere.draftable
    assert "another place" in elsewhere.why
    assert groups["预制菜产业园在哪"].why == "no entry shares a word with it"


def test_unhelpful_answers_are_reported_as_such(words: review.Words, kb: KnowledgeBase) -> None:
    """A 👎 group names the entry that answered and is drafted as a stub, not as examples for it."""
    thumbs = [
        kept(
            "低空经济企业名单有哪些",
            UNHELPFUL,
            "answered",
            (("clusters-low-altitude-aerospace", 0.66),),
        )
    ] * 2
    (g,) = review.group(thumbs, words, kb)
    assert g.outcome == UNHELPFUL and "clusters-low-altitude-aerospace" in g.why
    draft = yaml.safe_load(review.draft_yaml([g], kb, since="7d", now=NOW))
    assert draft["questions"] == []
    assert draft["entries"][0]["questions"] == ["低空经济企业名单有哪些"]


STORAGE = (("clusters-new-energy-storage", 0.46), ("transformation-green", 0.35))
REWORDED = [kept("新型储能到底咋整", nearest=STORAGE), kept("新型储能咋整", nearest=STORAGE)]


def test_draft_adds_questions_to_entries_and_stubs_for_the_rest(
    words: review.Words, kb: KnowledgeBase
) -> None:
    """The draft proposes example questions where a group's words are all in the entry it
    came nearest to, stubs for groups with words no entry has, and leaves refusals by
    design out."""
    groups = review.group(QUESTIONS + REWORDED, words, kb)
    text = review.draft_yaml(groups, kb, since="7d", now=NOW)
    draft = yaml.safe_load(text)
    adds = {a["entry"]: a["add"] for a in draft["questions"]}
    assert adds == {"clusters-new-energy-storage": ["新型储能到底咋整", "新型储能咋整"]}
    stubs = draft["entries"]
    titles = [s["title"] for s in stubs]
    assert any("加氢" in t for t in titles)
    assert any("预制菜" in t for t in titles)
    assert not any("深圳" in q for s in stubs for q in s["questions"])
    for stub in stubs:
        assert stub["passage"] == "" and stub["sources"] == []
        assert stub["pillar"] in {p.id for p in kb.pillars}
        assert stub["id"] not in kb.by_id
    assert "NOT part of the knowledge base" in text
    assert "refused by design are not drafted" in text


def test_a_stub_fails_kb_check_until_filled_in(
    words: review.Words, kb: KnowledgeBase, tmp_path: Path
) -> None:
    """A stub dropped into the base as is is refused; filled in, the base loads with it."""
    base = tmp_path / "knowledge"
    shutil.copytree(kb.directory, base)
    shutil.copytree(kb.directory.parent / "seeds", tmp_path / "seeds")
    groups = review.group([kept("预制菜产业园在哪"), kept("预制菜产业园有哪些")], words, kb)
    stub = yaml.safe_load(review.draft_yaml(groups, kb, since="7d", now=NOW))["entries"][0]
    (base / "drafted.yaml").write_text(
        yaml.safe_dump({"entries": [stub]}, allow_unicode=True), encoding="utf-8"
    )
    with pytest.raises(KnowledgeBaseError) as refused:
        load(base)
    assert any("passage" in str(p) for p in refused.value.problems)
    stub.update(
        title_en="Prepared-food industrial parks",
        summary_en="Where the parks are.",
        passage="预制菜产业园" + "是本项目为测试而写的一段说明文字，" * 5,
        keywords=["预制菜"],
        sources=[{"id": next(iter(kb.sources))}],
        questions=[*stub["questions"], "预制菜产业园在哪个区"],
    )
    (base / "drafted.yaml").write_text(
        yaml.safe_dump({"entries": [stub]}, allow_unicode=True), encoding="utf-8"
    )
    assert load(base).entry(stub["id"]) is not None


@pytest.mark.parametrize(
    ("value", "seconds"), [("7d", 604800), ("12h", 43200), ("2w", 1209600), ("30m", 1800)]
)
def test_since_durations(value: str, seconds: int) -> None:
    """--since takes minutes, hours, days or weeks."""
    assert review.parse_since(value) == seconds


def test_since_rejects_nonsense() -> None:
    """A --since without a unit is an error that says what is expected."""
    with pytest.raises(ValueError, match="7d"):
        review.parse_since("7")
