"""English questions from investors and journalists: the plain English names of the plan's
parts, industries, places and offices (knowledge/aliases.yaml, entry aliases) reach the
right entry, and English look-alikes stay declined (knowledge/scope.yaml)."""

from __future__ import annotations

import re

import pytest

from bot.knowledge import KnowledgeBase
from bot.matcher import Matcher

ANSWERS = {
    # id: (question, the entries that answer it)
    "factories-saving-energy": (
        "how does guangzhou make factories save energy",
        {"transformation-energy-saving-tech"},
    ),
    "green-for-factories": (
        "what does 12218 say about green for factories",
        {"transformation-green"},
    ),
    "clusters": (
        "Which industries does Guangzhou treat as its strategic clusters?",
        {"clusters-overview"},
    ),
    "general-clusters": ("industrial clusters in Guangzhou", {"clusters-overview"}),
    "one-cluster": (
        "Does Guangzhou have an AI industry cluster?",
        {"clusters-artificial-intelligence"},
    ),
    "electric-vehicles": (
        "How is Guangzhou supporting electric vehicles?",
        {"clusters-intelligent-connected-nev"},
    ),
    "car-industry": (
        "Is the car industry a priority in Guangzhou?",
        {"clusters-intelligent-connected-nev"},
    ),
    "drones": (
        "What is Guangzhou doing on drones and flying cars?",
        {"clusters-low-altitude-aerospace"},
    ),
    "synthetic-biology": ("synthetic biology in Guangzhou", {"clusters-biomanufacturing"}),
    "display-panels": (
        "Where does the display panel industry stand?",
        {"clusters-uhd-video-new-display"},
    ),
    "pharma": ("Guangzhou's pharmaceutical industry", {"clusters-biomedicine-health"}),
    "prefab": (
        "prefabricated buildings and smart construction",
        {"clusters-intelligent-construction"},
    ),
    "humanoids": ("humanoid robots in Guangzhou", {"future-embodied-ai"}),
    "eight-services": ("Which modern service industries make up the 8?", {"services-overview"}),
    "retail": ("What is Guangzhou doing on trade and retail?", {"services-modern-commerce"}),
    "digitalised-factories": (
        "How are factories being digitalized?",
        {"transformation-digital-intelligent"},
    ),
    "cloud": ("cloud adoption for companies", {"transformation-cloud-plan"}),
    "work-report": (
        "Was the industrial system mentioned in the city's work report?",
        {"overall-government-work-reports"},
    ),
    "announced": ("When was 12218 first announced?", {"overall-when-proposed"}),
    "which-bureau-for-a-topic": (
        "Which bureau leads the low-altitude economy work?",
        {"enablers-low-altitude-policies"},
    ),
    "dedicated-office": (
        "Is there a dedicated office for the low-altitude economy?",
        {"enablers-key-industry-offices", "clusters-low-altitude-aerospace"},
    ),
    "each-district": ("What role does each district play?", {"enablers-district-overview"}),
    "tianhe": (
        "What is Tianhe district's role?",
        {"enablers-tianhe-12126", "services-tianhe-emphasis"},
    ),
    "knowledge-city": ("Tell me about Knowledge City", {"enablers-knowledge-city"}),
    "tech-upgrading": (
        "technical upgrading subsidies for factories",
        {"enablers-tech-upgrade-measures"},
    ),
    "biomedicine-policies": ("biomedicine support policies", {"enablers-biomedicine-policies"}),
    "policy-documents": (
        "Where can I find the policy documents?",
        {"enablers-where-to-find-policies"},
    ),
}


@pytest.mark.parametrize(("question", "expected"), ANSWERS.values(), ids=ANSWERS.keys())
def test_english_question_reaches_its_entry(matcher: Matcher, question: str, expected: set[str]):
    """An English question in everyday words gets a confident answer from the right entry."""
    result = matcher.match(question)
    got = [m.entry.id for m in result.matches]
    assert result.best is not None, (result.reason, got)
    assert result.best.entry.id in expected, got
    assert result.english


DECLINED = {
    # id: (question, the refusal it must get)
    "rent-a-car": ("Can I rent a car in Guangzhou?", "city-service"),
    "phone-battery": ("Which battery brand is best for my phone?", "advice"),
    "fix-drone": ("How do I fix my drone's battery?", "city-service"),
    "sell-clothes": ("What's the best e-commerce platform to sell my clothes?", "advice"),
    "hotel": ("What is the best hotel in Tianhe?", "city-service"),
    "metro-fare": ("How much does the metro cost in Guangzhou?", "city-service"),
    "other-country": ("Is tourism in Thailand recovering?", "other-place"),
    "national-report": ("What did the national government work report say about AI?", "national"),
    "stock-tip": ("Which semiconductor stock is a buy?", "advice"),
    "apartment": ("How do I rent an apartment in Tianhe?", "city-service"),
    "visa": ("How do I apply for a work visa in Guangzhou?", "city-service"),
    "homework": ("Can you help me with my finance homework?", "write"),
}


@pytest.mark.parametrize(("question", "refusal"), DECLINED.values(), ids=DECLINED.keys())
def test_english_look_alike_is_declined(matcher: Matcher, question: str, refusal: str):
    """An English message that only shares a word with the plan gets no answer, with its reason."""
    result = matcher.match(question)
    assert result.best is None, [m.entry.id for m in result.matches]
    assert str(result.refusal) == refusal


def test_no_variant_is_a_bare_number(kb: KnowledgeBase):
    """A variant written as 10,000 mu without quotes is split by YAML at the comma; a bare
    "10" left behind would send every question with a 10 in it to that term's entries."""
    variants = [v for vs in kb.synonyms.values() for v in vs]
    variants += [a for entry in kb.entries for a in entry.aliases]
    # The two halves of a split "10,000": a number of three digits or fewer, and "000 mu".
    split = [v for v in variants if re.fullmatch(r"\d{1,3}", v) or v.startswith("0")]
    assert split == []


def test_a_question_shaped_like_every_clusters_example_goes_to_the_one_it_names(
    matcher: Matcher,
) -> None:
    """ "Is X one of Guangzhou's strategic clusters?" reads like the examples of every cluster;
    the answer is the cluster the question names."""
    best = matcher.match("Is the low-altitude economy one of Guangzhou's strategic clusters?").best
    assert best is not None and best.entry.id == "clusters-low-altitude-aerospace"


def test_an_english_question_about_a_dedicated_fund_gets_the_industrys_support_entry(
    matcher: Matcher,
) -> None:
    """ "Does Guangzhou have a special fund for biotech companies?" is answered with the
    entry on biomedicine policies."""
    best = matcher.match("Does Guangzhou have a special fund for biotech companies?").best
    assert best is not None and best.entry.id == "enablers-biomedicine-policies"


def test_pinyin_is_read_as_chinese_and_english_is_left_alone(matcher: Matcher):
    """A question typed in pinyin gets its entry in Chinese; English naming Nansha stays English."""
    pinyin = matcher.match("nansha you shenme chanye dingwei")
    assert pinyin.best is not None and not pinyin.english
    assert "南沙" in pinyin.best.entry.title
    english = matcher.match("Tell me about Nansha in the plan")
    assert english.english
