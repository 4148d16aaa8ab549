"""Handlers, offline: updates go through Application.process_update, Bot API calls are recorded."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from telegram.error import Forbidden

from bot.copy import ERROR_REPLY, MEDIA_ONLY, STALE_BUTTON, UNKNOWN_COMMAND
from bot.knowledge import KnowledgeBase
from bot.matcher import Matcher
from bot.settings import CoreSettings, Settings
from bot.store import Store
from bot.telegram.app import COMMANDS, build_application, post_init
from bot.telegram.delivery import Delivery
from bot.telegram.services import services
from tests.conftest import ADMIN_ID
from tests.helpers import (
    BOT_USER,
    BOT_USERNAME,
    GROUP_ID,
    OTHER_BOT,
    PHOTO,
    STICKER,
    USER,
    USER_ID,
    Call,
    OfflineRequest,
    Recorder,
    callback_update,
    inline_update,
    message_update,
)

App = Any
Feed = Any


def sent(recorder: Recorder, method: str = "sendMessage") -> list[Call]:
    return recorder.of(method)


def buttons(call: Call) -> list[str]:
    markup = call.params.get("reply_markup")
    if markup is None:
        return []
    return [b["callback_data"] for row in markup["inline_keyboard"] for b in row]


# --- private chat ----------------------------------------------------------------------


async def test_private_question_answers_with_pillar_source_and_buttons(
    feed: Feed, recorder: Recorder
) -> None:
    """A private text message is answered with title, pillar label, source link and buttons."""
    await feed(message_update("低空经济属于哪一类产业？"))
    [call] = sent(recorder)
    assert "<b>低空经济与航空航天</b>" in call.text
    assert "【21 · 15个战略性产业集群】" in call.text
    assert '<a href="https://' in call.text
    assert "reply_parameters" not in call.params  # no quoting in a private chat
    data = buttons(call)
    assert "f:1:clusters-low-altitude-aerospace" in data
    assert any(d.startswith("e:") for d in data)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What are the six future industries?", "The six future industries"),
        ("兩業融合是什麼？", "兩業融合"),
    ],
    ids=["english-gets-english-title", "traditional-gets-traditional-script"],
)
async def test_answer_follows_the_askers_language(
    feed: Feed, recorder: Recorder, question: str, expected: str
) -> None:
    """English questions get the English title; traditional-script questions get traditional."""
    await feed(message_update(question))
    [call] = sent(recorder)
    assert expected in call.text


async def test_no_answer_says_so_and_offers_the_browser(feed: Feed, recorder: Recorder) -> None:
    """With nothing confident the reply says so plainly and offers the /pillars browser."""
    await feed(message_update("今天广州天气怎么样，适合去爬白云山吗"))
    [call] = sent(recorder)
    assert "/pillars" in call.text
    assert "b" in buttons(call)
    assert not any(d.startswith("f:") for d in buttons(call))


async def test_no_answer_escapes_user_markup(feed: Feed, recorder: Recorder) -> None:
    """A question containing markup is never echoed raw."""
    await feed(message_update("<script>alert('x')</script><b>hi"))
    [call] = sent(recorder)
    assert "<script>" not in call.text


@pytest.mark.parametrize(
    "media", [{"sticker": STICKER}, {"photo": PHOTO}], ids=["sticker", "photo"]
)
async def test_private_media_gets_text_only_notice(
    feed: Feed, recorder: Recorder, media: dict[str, Any]
) -> None:
    """Stickers and photos in private get the 'text questions only' notice."""
    await feed(message_update(**media))
    [call] = sent(recorder)
    assert call.text == MEDIA_ONLY


# --- commands --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/start", "例如"),
        ("/start fusion-overview", "【2 · 两业融合】"),
        ("/start no-such-entry", "例如"),
        ("/help", f"@{BOT_USERNAME}"),
    ],
    ids=["welcome", "deep-link", "unknown-deep-link", "help"],
)
async def test_start_and_help(feed: Feed, recorder: Recorder, text: str, expected: str) -> None:
    """/start welcomes (or opens a deep-linked entry) and /help explains usage."""
    await feed(message_update(text))
    [call] = sent(recorder)
    assert expected in call.text


async def test_about_names_version_date_and_disclaimer(
    feed: Feed, recorder: Recorder, kb: KnowledgeBase
) -> None:
    """/about gives the knowledge-base version and date and says it is not official."""
    await feed(message_update("/about"))
    [call] = sent(recorder)
    assert kb.version in call.text
    assert kb.updated in call.text
    assert "不是官方解读" in call.text
    assert "12345" in call.text


async def test_post_init_sets_menu_from_command_list(app: App, recorder: Recorder) -> None:
    """post_init sets the menu from COMMANDS in Chinese and in English."""
    await post_init(app)
    calls = sent(recorder, "setMyCommands")
    assert [c.params.get("language_code") for c in calls] == [None, "en"]
    menu = [c.name for c in COMMANDS if c.in_menu]
    for call in calls:
        assert [cmd["command"] for cmd in call.params["commands"]] == menu
    assert "reload" not in menu


# --- groups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["低空经济是什么", "@other_bot 低空经济是什么", "/ask@other_bot 低空经济", "/pillarsx"],
    ids=["chatter", "mention-of-another-bot", "ask-for-another-bot", "unknown-command"],
)
async def test_group_stays_silent_when_not_asked(feed: Feed, recorder: Recorder, text: str) -> None:
    """In a group, messages not addressed to the bot get no reply at all."""
    await feed(message_update(text, chat_id=GROUP_ID))
    assert recorder.calls == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"text": f"/ask@{BOT_USERNAME} 低空经济是什么"},
        {"text": "/ask 低空经济是什么"},
        {"text": f"@{BOT_USERNAME} 低空经济是什么"},
        {
            "text": "低空经济是什么",
            "reply_to": {
                "message_id": 1,
                "date": 0,
                "from": BOT_USER,
                "text": "…",
                "chat": {"id": GROUP_ID, "type": "supergroup", "title": "群"},
            },
        },
    ],
    ids=["ask-at-bot", "ask", "mention", "reply-to-bot"],
)
async def test_group_direct_question_is_answered_as_reply(
    feed: Feed, recorder: Recorder, kwargs: dict[str, Any]
) -> None:
    """Asked directly in a group, the bot answers as a reply to the asker's message."""
    update = message_update(chat_id=GROUP_ID, **kwargs)
    await feed(update)
    [call] = sent(recorder)
    assert call.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert "低空经济" in call.text


async def test_group_direct_question_without_match_says_no_answer(
    feed: Feed, recorder: Recorder
) -> None:
    """Asked directly in a group, the bot says plainly when it has no answer."""
    await feed(message_update(f"@{BOT_USERNAME} 明天会下雨吗", chat_id=GROUP_ID))
    [call] = sent(recorder)
    assert "/pillars" in call.text


async def test_group_ask_without_question_gets_usage(feed: Feed, recorder: Recorder) -> None:
    """`/ask` with no question gets a usage hint."""
    await feed(message_update("/ask", chat_id=GROUP_ID))
    [call] = sent(recorder)
    assert "/ask 你的问题" in call.text


@pytest.mark.parametrize(
    "update",
    [
        message_update(f"@{BOT_USERNAME} 低空经济", chat_id=GROUP_ID, sender=OTHER_BOT),
        message_update("低空经济", sender=OTHER_BOT),
        message_update("低空经济", kind="edited_message", edit_date=1),
        message_update(sticker=STICKER, chat_id=GROUP_ID),
    ],
    ids=["other-bot-in-group", "other-bot-in-private", "edited-message", "group-sticker"],
)
async def test_ignored_on_purpose(feed: Feed, recorder: Recorder, update: dict[str, Any]) -> None:
    """Other bots, edited messages and group media are ignored without a reply or an error."""
    await feed(update)
    assert recorder.calls == []


# --- buttons ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("b", "广州“12218”现代化产业体系"),
        ("g:1", "【2 · 两化转型（数智化、绿色化）】"),
        ("p:enablers:1", "（第 2/"),  # the page count grows with the base
        ("e:fusion-overview", "【2 · 两业融合】"),
    ],
    ids=["overview", "digit-group", "pillar-page", "entry"],
)
async def test_buttons_edit_the_same_message(
    feed: Feed, recorder: Recorder, data: str, expected: str
) -> None:
    """Browser and entry buttons edit the message they belong to instead of sending new ones."""
    await feed(callback_update(data))
    [edit] = sent(recorder, "editMessageText")
    assert expected in edit.text
    assert sent(recorder) == []
    assert len(sent(recorder, "answerCallbackQuery")) == 1


async def test_entry_with_ampersands_reaches_telegram_escaped(
    feed: Feed, recorder: Recorder, kb: KnowledgeBase
) -> None:
    """An entry whose text or source links hold '&' is sent as HTML Telegram can parse, also
    with all its sources listed."""
    entry = next(
        e for e in kb.entries if "&" in e.passage + "".join(r.source.url for r in e.sources)
    )
    await feed(callback_update(f"s:1:{entry.id}"))
    [edit] = sent(recorder, "editMessageText")
    assert "&amp;" in edit.text  # the double refuses unparsable HTML; the fixture reports it


@pytest.mark.parametrize(
    "data",
    ["e:no-such-entry", "p:nosuch:0", "g:99", "v1:legacy", "f:x"],
    ids=["stale-entry", "unknown-pillar", "unknown-group", "foreign", "malformed-feedback"],
)
async def test_unknown_or_stale_buttons_get_a_notice(
    feed: Feed, recorder: Recorder, data: str
) -> None:
    """Unknown or stale callback data is answered with a short notice, never an exception."""
    await feed(callback_update(data))
    [answer] = sent(recorder, "answerCallbackQuery")
    assert answer.params["text"] == STALE_BUTTON
    assert sent(recorder, "editMessageText") == []


async def test_feedback_is_stored_and_thanked(
    app: App, feed: Feed, recorder: Recorder, store: Store
) -> None:
    """A helpful/not-helpful press is stored, thanked, and its buttons are removed."""
    update = callback_update("f:0:fusion-overview")
    update["callback_query"]["message"]["reply_markup"] = {
        "inline_keyboard": [
            [{"text": "📄 两化转型", "callback_data": "e:transformation-overview"}],
            [
                {"text": "👍", "callback_data": "f:1:fusion-overview"},
                {"text": "👎", "callback_data": "f:0:fusion-overview"},
            ],
        ]
    }
    await feed(update)
    stats = store.stats()
    assert (stats.helpful, stats.not_helpful) == (0, 1)
    assert stats.unhelpful_entries == [("fusion-overview", 1)]
    assert "谢谢" in sent(recorder, "answerCallbackQuery")[0].params["text"]
    [edit] = sent(recorder, "editMessageReplyMarkup")
    assert buttons(edit) == ["e:transformation-overview"]


# --- inline mode -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "count"),
    [("低空经济", None), ("", 7), ("完全无关的天气问题qwerty", 0)],
    ids=["matches", "empty-lists-pillars", "nothing"],
)
async def test_inline_query(feed: Feed, recorder: Recorder, query: str, count: int | None) -> None:
    """Inline queries list matching entries (at most 10), or the pillars when empty."""
    await feed(inline_update(query))
    [call] = sent(recorder, "answerInlineQuery")
    results = call.params["results"]
    if count is None:
        assert 1 <= len(results) <= 10
        assert results[0]["title"] == "低空经济与航空航天"
        assert results[0]["description"].startswith("【21 · ")
        assert "【21 · 15个战略性产业集群】" in results[0]["input_message_content"]["message_text"]
    else:
        assert len(results) == count
    if count == 0:
        assert call.params["button"]["start_parameter"] == "inline"


# --- admin -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["/reload", "/stats"], ids=["reload", "stats"])
async def test_admin_commands_refuse_others(feed: Feed, recorder: Recorder, command: str) -> None:
    """Admin commands from a non-admin get a polite refusal."""
    await feed(message_update(command))
    [call] = sent(recorder)
    assert "管理员" in call.text


def admin_update(text: str) -> dict[str, Any]:
    return message_update(text, chat_id=ADMIN_ID, sender={**USER, "id": ADMIN_ID})


async def test_reload_swaps_in_a_fresh_matcher(app: App, feed: Feed, recorder: Recorder) -> None:
    """/reload by an admin reloads the base and rebuilds the matcher."""
    before = services(app).matcher
    await feed(admin_update("/reload"))
    [call] = sent(recorder)
    assert "已重新加载" in call.text
    assert services(app).matcher is not before


async def test_reload_keeps_the_old_base_on_errors(
    app: App, feed: Feed, recorder: Recorder, tmp_path: Path
) -> None:
    """/reload of a broken base keeps the old one and reports the problems."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pillars.yaml").write_text("pillars: [{id: nowhere}]\n", encoding="utf-8")
    svc = services(app)
    svc.settings = Settings(
        token=svc.settings.token, admin_ids=svc.settings.admin_ids, core=CoreSettings(kb_dir=broken)
    )
    old = svc.matcher.kb
    await feed(admin_update("/reload"))
    [call] = sent(recorder)
    assert "未加载" in call.text
    assert "pillars.yaml" in call.text
    assert services(app).matcher.kb is old


async def test_stats_counts_queries(feed: Feed, recorder: Recorder) -> None:
    """/stats shows counts from the query log."""
    await feed(message_update("低空经济"))
    await feed(message_update("今天天气不错"))
    recorder.clear()
    await feed(admin_update("/stats"))
    [call] = sent(recorder)
    assert "提问 2 次" in call.text
    assert "有把握回答 1 次" in call.text


async def test_query_log_keeps_no_text_or_user_ids(
    feed: Feed, settings: Settings, store: Store
) -> None:
    """The query log stores entry, score and reason, but no message text or user id."""
    await feed(message_update("低空经济属于哪一类产业？"))
    dump = "\n".join(sqlite3.connect(settings.db_path).iterdump())
    assert "clusters-low-altitude-aerospace" in dump
    assert "低空经济属于" not in dump
    assert str(USER_ID) not in dump


# --- failures and wiring ---------------------------------------------------------------


async def test_error_handler_logs_and_tells_the_user(
    app: App,
    feed: Feed,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A failing handler is logged with its traceback and the user gets a brief apology."""

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("matcher exploded")

    monkeypatch.setattr(services(app).matcher, "match", boom)
    with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
        await feed(message_update("低空经济"))
    [record] = [r for r in caplog.records if r.name == "bot.telegram.handlers"]
    assert record.exc_info is not None
    assert "低空经济" not in record.getMessage()
    assert sent(recorder)[-1].text == ERROR_REPLY
    app.bot_data["errors"].clear()  # expected here; the fixture fails on unexpected ones


async def test_a_failed_send_gets_one_log_line_and_no_error_reply(
    app: App,
    feed: Feed,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A send refused by Telegram (403: the user blocked the bot) is one INFO line without a
    traceback, and no "something went wrong" follows."""

    async def blocked(*_: object, **__: object) -> None:
        raise Forbidden("Forbidden: bot was blocked by the user")

    monkeypatch.setattr(type(app.bot), "send_message", blocked)
    with caplog.at_level(logging.INFO, logger="bot.telegram.handlers"):
        await feed(message_update("低空经济"))
    records = [
        r
        for r in caplog.records
        if r.name == "bot.telegram.handlers"
        and r.levelno >= logging.INFO
        and "answered" not in r.getMessage()
    ]
    assert [(r.levelno, r.exc_info) for r in records] == [(logging.INFO, None)]
    assert not sent(recorder)
    app.bot_data["errors"].clear()  # expected here; the fixture fails on unexpected ones


async def test_a_caption_is_a_question(feed: Feed, recorder: Recorder) -> None:
    """A photo whose caption asks something is answered, in private and (mentioning the bot)
    in a group."""
    await feed(message_update(photo=PHOTO, caption="低空经济属于哪一类产业？"))
    assert "低空经济" in sent(recorder)[-1].text
    recorder.clear()
    caption = f"@{BOT_USERNAME} 两业融合是什么"
    await feed(
        message_update(
            photo=PHOTO,
            caption=caption,
            chat_id=GROUP_ID,
            caption_entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}],
        )
    )
    assert "两业融合" in sent(recorder)[-1].text


async def test_a_group_photo_caption_not_for_the_bot_is_ignored(
    feed: Feed, recorder: Recorder
) -> None:
    """In a group, a captioned photo that does not mention the bot gets no reply."""
    await feed(message_update(photo=PHOTO, caption="低空经济真不错", chat_id=GROUP_ID))
    assert not sent(recorder)


async def test_an_unknown_command_in_private_points_to_help(feed: Feed, recorder: Recorder) -> None:
    """`/foo bar` in private gets a pointer to /help; in a group it gets silence."""
    await feed(message_update("/foo bar"))
    assert sent(recorder)[-1].text == UNKNOWN_COMMAND
    recorder.clear()
    await feed(message_update("/foo bar", chat_id=GROUP_ID))
    assert not sent(recorder)


async def test_feedback_for_an_unknown_entry_is_not_stored(
    feed: Feed, recorder: Recorder, store: Store
) -> None:
    """A feedback button naming an entry the base does not have is refused, nothing stored."""
    await feed(callback_update("f:1:no-such-entry"))
    assert store.stats().helpful == 0
    [answer] = recorder.of("answerCallbackQuery")
    assert answer.params["text"] == STALE_BUTTON


@pytest.mark.parametrize("rate_limit", [True, False], ids=["on", "off"])
def test_rate_limiter_is_configurable(
    settings: Settings, matcher: Matcher, rate_limit: bool, tmp_path: Path
) -> None:
    """Outgoing calls always go through Delivery (retries); BOT_RATE_LIMIT=off only stops
    its pacing."""
    configured = Settings(
        token=settings.token, db_path=tmp_path / "x.sqlite3", rate_limit=rate_limit
    )
    recorder = Recorder()
    application = build_application(configured, matcher, request=OfflineRequest(recorder))
    limiter = application.bot.rate_limiter
    assert isinstance(limiter, Delivery)
    assert limiter.pace is rate_limit
    services(application).store.close()


async def test_long_entry_opened_by_button_sends_the_rest(
    tmp_path: Path, settings: Settings, recorder: Recorder
) -> None:
    """An entry whose full source list is too long for one message is edited in and the
    remainder sent after it."""
    from bot.knowledge import load

    long_kb = load(Path(__file__).parent / "fixtures" / "longkb" / "knowledge")
    application = build_application(
        settings,
        Matcher(long_kb),
        request=OfflineRequest(recorder),
        get_updates_request=OfflineRequest(recorder),
    )
    async with application:
        from telegram import Update

        await application.process_update(
            Update.de_json(callback_update("s:1:clusters-long-answer"), application.bot)
        )
    services(application).store.close()
    [edit] = recorder.of("editMessageText")
    rest = recorder.of("sendMessage")
    assert len(rest) == 1
    assert len(edit.text) <= 4096
    assert len(rest[0].text) <= 4096
    assert edit.text.count("<a ") == edit.text.count("</a>")


async def test_inline_query_lists_related_entries_not_just_the_best(
    feed: Feed, recorder: Recorder
) -> None:
    """A broad look-up lists several related entries to pick from, best first."""
    await feed(inline_update("两业融合"))
    [call] = sent(recorder, "answerInlineQuery")
    titles = [r["title"] for r in call.params["results"]]
    assert titles[0] == "两业融合"
    assert 5 <= len(titles) <= 10


async def test_private_follow_up_leans_on_the_last_answer(feed: Feed, recorder: Recorder) -> None:
    """In a private chat, "那它的英文名叫什么" after an answer is about that answer's entry."""
    await feed(message_update("低空经济属于哪一类产业？"))
    await feed(message_update("那它的英文名叫什么"))
    first, second = sent(recorder)
    assert "<b>低空经济与航空航天</b>" in first.text
    assert "<b>低空经济与航空航天</b>" in second.text


async def test_group_follow_up_only_in_a_reply_to_the_bot(feed: Feed, recorder: Recorder) -> None:
    """In a group, a follow-up counts only as a reply to the bot's answer, not out of the blue."""
    await feed(message_update("/ask 低空经济属于哪一类产业？", chat_id=GROUP_ID))
    [answer] = sent(recorder)
    await feed(message_update("/ask 那它的英文名叫什么", chat_id=GROUP_ID))
    unrelated = sent(recorder)[-1]
    assert "<b>低空经济与航空航天</b>" not in unrelated.text
    bot_reply = {
        "message_id": answer.result["message_id"],
        "date": 0,
        "from": BOT_USER,
        "text": "…",
        "chat": {"id": GROUP_ID, "type": "supergroup", "title": "群"},
    }
    await feed(message_update("那它的英文名叫什么", chat_id=GROUP_ID, reply_to=bot_reply))
    assert "<b>低空经济与航空航天</b>" in sent(recorder)[-1].text


async def test_refusal_says_why_and_offers_the_topic(feed: Feed, recorder: Recorder) -> None:
    """A stock tip is declined in one line that says why, with the named topic as a button."""
    await feed(message_update("低空经济概念股买哪只"))
    [call] = sent(recorder)
    assert "不提供投资" in call.text
    assert "e:clusters-low-altitude-aerospace" in buttons(call)
