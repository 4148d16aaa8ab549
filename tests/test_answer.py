"""Answers as users see them: every shipped entry rendered in each reply style, no-answers,
did-you-mean and the JSON contract."""

from __future__ import annotations

import dataclasses
import html

import pytest

from bot import text as textmod
from bot.answer import (
    Answer,
    answer_for_entry,
    overview,
    overview_html,
    overview_text,
    render_html,
    render_text,
    split_message,
)
from bot.knowledge import KnowledgeBase
from bot.scoring import Match
from bot.vocabulary import Style
from tests.helpers import CONTRACT_KEYS, telegram_html_errors

REASONS = (
    "empty",
    "no-text",
    "small-talk",
    "instruction",
    "write",
    "number",
    "advice",
    "city-service",
    "horizon",
    "province",
    "national",
    "other-place",
    "general",
    "no-match",
)


def styled(answer: Answer, style: Style) -> Answer:
    return dataclasses.replace(answer, style=style)


@pytest.fixture(params=list(Style), ids=str)
def style(request: pytest.FixtureRequest) -> Style:
    return Style(request.param)


def test_every_entry_renders_as_valid_telegram_html(kb: KnowledgeBase, style: Style) -> None:
    """Each entry's HTML uses only Telegram's tags, escapes its text and links every source."""
    for entry in kb.entries:
        rendered = render_html(styled(answer_for_entry(entry, kb), style))
        assert telegram_html_errors(rendered) == [], entry.id
        title = textmod.to_traditional(entry.title) if style is Style.ZH_HANT else entry.title
        assert f"<b>{html.escape(title)}</b>" in rendered, entry.id
        for ref in entry.sources:
            assert f'<a href="{html.escape(ref.source.url, quote=True)}">' in rendered, entry.id
        if style is Style.EN:
            assert html.escape(entry.summary_en) in rendered, entry.id


def test_split_parts_stay_valid_html(kb: KnowledgeBase, style: Style) -> None:
    """Split well below Telegram's limit, every part of every entry is still valid HTML that
    fits (a shipped entry's longest single link is far shorter than half of 600)."""
    for entry in kb.entries:
        rendered = render_html(styled(answer_for_entry(entry, kb), style))
        parts = split_message(rendered, limit=600)
        assert all(len(p) <= 600 and telegram_html_errors(p) == [] for p in parts), entry.id
        assert "".join(parts).replace("\n", "") == rendered.replace("\n", ""), entry.id


def test_every_entry_renders_as_plain_text(kb: KnowledgeBase, style: Style) -> None:
    """The terminal text carries the passage and source URLs as written, with no HTML escapes."""
    for entry in kb.entries:
        rendered = render_text(styled(answer_for_entry(entry, kb), style))
        passage = textmod.to_traditional(entry.passage) if style is Style.ZH_HANT else entry.passage
        assert passage in rendered, entry.id
        for ref in entry.sources:
            assert ref.source.url in rendered, entry.id
        assert "&amp;" not in rendered, entry.id
        assert "<b>" not in rendered, entry.id


def _declined(reason: str, style: Style, rule: str = "") -> Answer:
    """An answer with no entry: declined as `reason`, or for what no entry states (`rule`)."""
    return Answer(
        query="?",
        matched=False,
        reason=reason,
        entry=None,
        pillar=None,
        score=0.0,
        why=(),
        alternatives=(),
        style=style,
        rule=rule,
    )


@pytest.mark.parametrize("reason", REASONS)
def test_no_answer_is_valid_html_in_the_askers_language(reason: str, style: Style) -> None:
    """Each refusal renders as valid HTML, in English for English questions, else in Chinese."""
    answer = _declined(reason, style)
    rendered = render_html(answer)
    assert telegram_html_errors(rendered) == []
    assert textmod.has_cjk(rendered) is (style is not Style.EN)
    assert render_text(answer)


@pytest.mark.parametrize("rule", ["claim", "figure", "firm", "firms", "members", "topic"])
def test_what_no_entry_states_has_its_own_line(rule: str, style: Style) -> None:
    """A question declined because no entry states what it asks (a figure, a list of firms, a
    thing the plan never mentions) says so in its own line, in the asker's language."""
    answer = _declined("no-match", style, rule)
    rendered = render_html(answer)
    assert telegram_html_errors(rendered) == []
    assert textmod.has_cjk(rendered) is (style is not Style.EN)
    assert render_text(answer) != render_text(_declined("no-match", style))


def test_did_you_mean_lists_the_closest_entries(kb: KnowledgeBase, style: Style) -> None:
    """With no confident answer, text and HTML end in 'did you mean' in the asker's script;
    the text lists the close entries (Telegram shows them as buttons)."""
    close = [kb.by_id["transformation-green-finance"], kb.by_id["services-modern-finance"]]
    answer = Answer(
        query="金融",
        matched=False,
        reason="no-match",
        entry=None,
        pillar=None,
        score=0.3,
        why=(),
        alternatives=tuple(Match(e, 0.3, ()) for e in close),
        style=style,
    )
    heading = {
        Style.ZH_HANS: "你可能想问：",
        Style.ZH_HANT: "你可能想問：",
        Style.EN: "Did you mean:",
    }[style]
    rendered = render_text(answer)
    assert heading in rendered
    for e in close:
        title = textmod.to_traditional(e.title) if style is Style.ZH_HANT else e.title
        assert title in rendered
    assert render_html(answer).endswith(heading)
    assert heading not in render_html(dataclasses.replace(answer, alternatives=()))


def test_overview_counts_every_entry_once(kb: KnowledgeBase) -> None:
    """The pillar overview (terminal and /pillars) lists every pillar with its entry count."""
    summaries = overview(kb)
    assert [s.pillar.id for s in summaries] == [p.id for p in kb.pillars]
    assert sum(s.entries for s in summaries) == len(kb.entries)
    text, markup = overview_text(summaries), overview_html(summaries)
    assert telegram_html_errors(markup) == []
    for s in summaries:
        assert f"{s.label} {s.pillar.name_en} — {s.entries} 条" in text
        assert (
            f"<b>{html.escape(s.label)}</b> {html.escape(s.pillar.name_en)} · {s.entries} 条"
            in markup
        )


def test_json_has_the_contract_keys(kb: KnowledgeBase) -> None:
    """`ask --json` objects carry the keys DESIGN.md promises, sources and alternatives too."""
    entry = kb.by_id["clusters-intelligent-connected-nev"]
    related = kb.by_id[entry.related[0]]
    answer = dataclasses.replace(
        answer_for_entry(entry, kb), alternatives=(Match(related, 0.5, ("x",)),)
    )
    data = answer.to_json()
    assert set(data) >= CONTRACT_KEYS
    assert data["entry"] == entry.id
    assert data["refusal"] is None
    assert data["pillar"] == entry.pillar
    assert all({"title", "url"} <= set(s) for s in data["sources"])
    assert data["alternatives"] == [
        {"entry": related.id, "title": related.title, "pillar": related.pillar, "score": 0.5}
    ]


def test_json_of_a_refusal_names_its_class() -> None:
    """A declined question's JSON has no entry and says which class of refusal it was."""
    answer = Answer(
        query="明天股票买什么",
        matched=False,
        reason="advice",
        entry=None,
        pillar=None,
        score=0.0,
        why=(),
        alternatives=(),
    )
    data = answer.to_json()
    assert (data["matched"], data["entry"], data["refusal"]) == (False, None, "advice")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("R&D", "bare &"),
        ("a < b", "bare <"),
        ("<script>x</script>", "not allowed"),
        ("<b>x", "left open"),
        ("<b><i>x</b></i>", "does not close"),
        ("&nbsp;", "bare &"),
        ('<a href="x?a=1&b=2">x</a>', "bare &"),
        ("<span>x</span>", "tg-spoiler"),
    ],
    ids=[
        "ampersand",
        "less-than",
        "unknown-tag",
        "unclosed",
        "crossed",
        "named-entity",
        "href-ampersand",
        "plain-span",
    ],
)
def test_html_check_refuses_what_telegram_refuses(text: str, problem: str) -> None:
    """The test double's HTML check flags what Telegram's parser rejects."""
    errors = telegram_html_errors(text)
    assert any(problem in e for e in errors), errors


def test_html_check_accepts_what_telegram_accepts() -> None:
    """Allowed tags, links and the four named entities pass the check."""
    ok = (
        '<b>R&amp;D</b> <i>&lt;1&gt;</i> <a href="https://x.cn/?a=1&amp;b=2">src</a> '
        '<code>/ask</code> <pre>x</pre> &quot;&#169;&#x4e00; <span class="tg-spoiler">s</span>'
    )
    assert telegram_html_errors(ok) == []


def test_traditional_answers_write_words_as_hong_kong_readers_do(kb: KnowledgeBase) -> None:
    """Answers in traditional script convert whole words, not only characters: 制造 is 製造 and
    发布 is 發佈, as OpenCC's full converter writes them, on all but a handful of the shipped
    base's characters, though the converter keeps only a short phrase list in memory."""
    import opencc

    assert textmod.to_traditional("广州发布先进制造业布局") == "廣州發佈先進製造業佈局"
    full = opencc.OpenCC("s2hk")
    texts = [t for e in kb.entries for t in (e.title, e.passage, *e.questions)]
    total = sum(len(t) for t in texts)
    differing = sum(
        a != b
        for t in texts
        for a, b in zip(textmod.to_traditional(t), full.convert(t), strict=True)
    )
    assert differing <= total / 2000, f"{differing} of {total} characters differ"


def test_thanks_with_a_remark_is_not_greeted_back(style: Style) -> None:
    """Thanks with a remark ("谢谢，讲得挺清楚的") is small talk, but the reply neither says
    hello again nor tells the asker off for chatting."""
    thanks = render_text(_declined("small-talk", style, "pleasantry"))
    assert thanks not in (
        render_text(_declined("small-talk", style, "greeting")),
        render_text(_declined("small-talk", style)),
    )
    assert "你好" not in thanks and "Hello" not in thanks


def test_a_joke_gets_a_light_reply_not_a_telling_off(style: Style) -> None:
    """A laugh at a plan word ("我钱包很低空😂") is chatter: the reply invites a question,
    without saying hello again or refusing small talk."""
    joke = render_text(_declined("small-talk", style, "chatter"))
    assert joke not in (
        render_text(_declined("small-talk", style, "greeting")),
        render_text(_declined("small-talk", style)),
    )
    assert "12218" in joke


def test_a_statement_to_the_group_is_not_told_off(style: Style) -> None:
    """A notice or an opinion told to the group ("宣讲会后天2点开始") gets a reply that steps
    aside, neither a greeting nor "no small talk"."""
    aside = render_text(_declined("small-talk", style, "statement"))
    assert aside not in (
        render_text(_declined("small-talk", style, "greeting")),
        render_text(_declined("small-talk", style)),
    )
    assert "12218" in aside
