"""Replies show an entry's best source first and say plainly when a link is a repost."""

from __future__ import annotations

import pytest

from bot.answer import answer_for_entry, render_html, render_text, source_lines
from bot.knowledge import AUTHORITIES, load

SHIPPED = load()


@pytest.mark.parametrize("entry", SHIPPED.entries, ids=lambda e: e.id)
def test_sources_come_best_first_and_ties_keep_the_curated_order(entry):
    """An answer's sources run official, major outlet, commercial, commentary, repost, and
    two sources of the same grade stay in the order the curator wrote them."""
    json_sources = answer_for_entry(entry, SHIPPED).to_json()["sources"]
    assert len(json_sources) == len(entry.sources)
    ranks = [AUTHORITIES.index(s["authority"]) for s in json_sources]
    assert ranks == sorted(ranks)
    curated = [ref.source.url for ref in entry.sources]
    for rank in set(ranks):
        same = [s["url"] for s in json_sources if AUTHORITIES.index(s["authority"]) == rank]
        assert same == [u for u in curated if u in same]


def test_a_better_source_written_later_is_shown_first():
    """An entry whose curator listed a repost first still shows the major outlet first, in
    the terminal and on Telegram."""
    entry = SHIPPED.by_id["enablers-district-overview"]
    assert entry.sources[0].source.is_repost
    answer = answer_for_entry(entry, SHIPPED)
    first_label, first_url = source_lines(entry)[0]
    assert "广州日报新花城" in first_label and "huacheng.gz-cmc.com" in first_url
    text = render_text(answer)
    assert text.index("huacheng.gz-cmc.com") < text.index("yxiu.cn")
    html_text = render_html(answer)
    assert html_text.index("huacheng.gz-cmc.com") < html_text.index("yxiu.cn")


def test_a_repost_is_labelled_with_its_original_publisher():
    """A repost's line names the original publisher and says 转载, not the copying site."""
    entry = SHIPPED.by_id["clusters-intelligent-construction"]  # both of its sources are reposts
    text = render_text(answer_for_entry(entry, SHIPPED))
    line = next(line for line in text.splitlines() if line.startswith("来源："))
    assert "人民日报" in line and "转载" in line
    assert "vcaptcha" not in line


def test_a_title_that_names_a_document_nests_its_marks():
    """A source titled after a document (《…》政策解读) reads 《〈…〉政策解读》 in a reply, not
    with doubled marks."""
    entry = SHIPPED.by_id["enablers-low-altitude-policies"]
    text = render_text(answer_for_entry(entry, SHIPPED))
    assert "《〈广州市低空经济发展实施方案〉政策解读》" in text
    assert "《《" not in text and "》》" not in text
