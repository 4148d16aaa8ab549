"""Callback data and the screens that carry it, without an Application."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.telegram import views
from bot.telegram.callback_data import (
    MAX_BYTES,
    Browse,
    Button,
    DigitGroup,
    Feedback,
    OpenEntry,
    Overview,
    PillarPage,
    Sources,
    encode,
    is_a,
    parse,
)


@pytest.mark.parametrize(
    ("button", "data"),
    [
        (OpenEntry("fusion-overview"), "e:fusion-overview"),
        (Feedback("fusion-overview", helpful=True), "f:1:fusion-overview"),
        (Feedback("fusion-overview", helpful=False), "f:0:fusion-overview"),
        (Overview(), "b"),
        (DigitGroup(1), "g:1"),
        (PillarPage("enablers", 2), "p:enablers:2"),
        (Sources("fusion-overview", all_sources=True), "s:1:fusion-overview"),
        (Sources("fusion-overview", all_sources=False, english=True), "s:2:fusion-overview"),
        (Sources("fusion-overview", all_sources=True, traditional=True), "s:5:fusion-overview"),
    ],
    ids=[
        "entry",
        "helpful",
        "not-helpful",
        "overview",
        "digit-group",
        "pillar-page",
        "all-sources",
        "best-source-english",
        "all-sources-traditional",
    ],
)
def test_buttons_keep_the_strings_old_keyboards_carry(button: Button, data: str) -> None:
    """Each button encodes to the string earlier releases sent, and parses back to itself."""
    assert encode(button) == data
    assert parse(data) == button


@pytest.mark.parametrize(
    "data",
    [
        "",
        "e:",
        "e:Bad_Id",
        "f:2:fusion-overview",
        "f:x",
        "g:",
        "g:-1",
        "p:fusion",
        "p:fusion:x",
        "v1:legacy",
        "b:extra",
        "s:8:fusion-overview",
        "s:1:",
        "s:x:a",
        None,
    ],
)
def test_unknown_data_parses_to_nothing(data: str | None) -> None:
    """Data this version does not know is None, so the handler can say the button is stale."""
    assert parse(data) is None


def test_handler_patterns_select_by_kind() -> None:
    """A handler's pattern accepts exactly the data of its kinds of button."""
    browse = is_a(Overview, DigitGroup, PillarPage)
    assert browse("b") and browse("g:0") and browse("p:fusion:0")
    assert not browse("e:fusion-overview")
    assert is_a(OpenEntry)("e:fusion-overview")
    assert not is_a(OpenEntry)("f:1:fusion-overview")


def test_sources_button_fits_the_longest_entry_id() -> None:
    """The 来源 button's data fits Telegram's limit for an entry id of the longest allowed."""
    from bot.knowledge import MAX_ID_LENGTH

    longest = Sources("x" * MAX_ID_LENGTH, all_sources=True, english=True, traditional=True)
    assert parse(encode(longest)) == longest


def test_data_over_64_bytes_is_refused() -> None:
    """A button whose data would pass Telegram's 64-byte limit cannot be made."""
    with pytest.raises(ValueError, match="64 bytes"):
        encode(Feedback("x" * (MAX_BYTES - 3), helpful=True))


def test_every_button_the_bot_can_show_fits(kb: KnowledgeBase) -> None:
    """Every keyboard of the shipped base (entries, browser pages, feedback) carries data
    within Telegram's 64-byte limit, and the longest entry id still fits a feedback button."""
    longest = max((e.id for e in kb.entries), key=len)
    assert len(encode(Feedback(longest, helpful=True)).encode()) <= MAX_BYTES
    keyboards = [views.entry_keyboard(e, kb) for e in kb.entries]
    targets: list[Browse] = [
        Overview(),
        *(DigitGroup(i) for i in range(len(views.digit_groups(kb)))),
    ]
    targets += [PillarPage(p.id, page) for p in kb.pillars for page in range(4)]
    for target in targets:
        screen = views.browse_screen(kb, target)
        assert screen is not None, target
        keyboards.append(screen.keyboard)
    data = [b.callback_data for k in keyboards for row in k.inline_keyboard for b in row]
    assert all(isinstance(parse(d), Button) for d in data)
    assert max(len(str(d).encode()) for d in data) <= MAX_BYTES
