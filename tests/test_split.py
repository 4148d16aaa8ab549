"""split_message: long Telegram HTML is cut under the limit, at boundaries, never in a tag."""

from __future__ import annotations

import pytest

from bot.answer import split_message
from tests.helpers import telegram_html_errors


def test_short_text_is_one_part() -> None:
    """Text within the limit is returned unchanged as one part."""
    assert split_message("a\n\nb", limit=10) == ["a\n\nb"]


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("\n\n".join(["段落" * 30] * 10), 100),
        (
            "来源："
            + "；".join(f'<a href="https://e.org/{i}">来源{i}很长的标题</a>' for i in range(60)),
            300,
        ),
        ("<b>x</b>" + "字" * 1000, 200),
        (
            "Sources: "
            + "; ".join(
                f'<a href="https://e.org/{i}">Guangzhou Daily report {i}</a>' for i in range(40)
            ),
            300,
        ),
    ],
    ids=["paragraphs", "one-long-source-paragraph", "no-boundary", "spaces-inside-links"],
)
def test_parts_fit_and_keep_tags_whole(text: str, limit: int) -> None:
    """Every part fits the limit, tags stay balanced, and no content is lost."""
    parts = split_message(text, limit=limit)
    assert len(parts) > 1
    assert all(len(p) <= limit for p in parts)
    for p in parts:
        assert telegram_html_errors(p) == []
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")
