"""Curation in Telegram, offline: what goes wrong is kept masked and anonymous, 👎 keeps its
question, admins see /gaps and /stats, /reload says what changed, /map draws the plan,
/privacy says what is kept."""

from __future__ import annotations

import html
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot import planmap
from bot.knowledge import KnowledgeBase
from bot.matcher import Matcher
from bot.settings import CoreSettings, Settings
from bot.store import Store, is_postgres
from bot.telegram.app import build_application
from bot.telegram.services import services
from tests.conftest import ADMIN_ID
from tests.helpers import (
    FAKE_TOKEN,
    USER,
    USER_ID,
    OfflineRequest,
    Recorder,
    callback_update,
    message_update,
)

App = Any
Feed = Any
PHONE = "13812345678"


def admin_update(text: str) -> dict[str, Any]:
    return message_update(text, chat_id=ADMIN_ID, sender={**USER, "id": ADMIN_ID})


def dump(target: Path | str) -> str:
    """Everything in the database, as text, read behind the bot's back."""
    if is_postgres(target):
        import psycopg

        with psycopg.connect(str(target), autocommit=True) as conn, conn.cursor() as cur:
            rows = []
            for query in (
                "SELECT * FROM queries",
                "SELECT * FROM feedback",
                "SELECT * FROM kept_questions",
                "SELECT * FROM meta",
            ):
                cur.execute(query)
                rows += cur.fetchall()
            return repr(rows)
    return "\n".join(sqlite3.connect(target).iterdump())


async def start_app(
    settings: Settings, matcher: Matcher, store: Store, recorder: Recorder
) -> AsyncIterator[App]:
    application = build_application(
        settings,
        matcher,
        store=store,
        request=OfflineRequest(recorder),
        get_updates_request=OfflineRequest(recorder),
    )
    async with application:
        recorder.clear()
        yield application
    store.close()


@pytest.fixture
async def engine_app(
    db_target: Path | str, matcher: Matcher, recorder: Recorder
) -> AsyncIterator[App]:
    """The bot on a real database of each engine, keeping text as by default."""
    settings = Settings(
        token=FAKE_TOKEN, admin_ids=frozenset({ADMIN_ID}), db_path=db_target, rate_limit=False
    )
    async for application in start_app(settings, matcher, Store(db_target), recorder):
        yield application


def feeder(application: App) -> Feed:
    from telegram import Update

    async def feed(payload: dict[str, Any]) -> None:
        await application.process_update(Update.de_json(payload, application.bot))

    return feed


async def ask_and_thumbs_down(feed: Feed, recorder: Recorder, question: str) -> str:
    """Ask in private, then press 👎 on the answer; the entry that answered."""
    await feed(message_update(question))
    reply = recorder.of("sendMessage")[-1]
    feedback = next(
        b["callback_data"]
        for row in reply.params["reply_markup"]["inline_keyboard"]
        for b in row
        if b["callback_data"].startswith("f:0:")
    )
    update = callback_update(feedback)
    update["callback_query"]["message"]["message_id"] = reply.result["message_id"]
    await feed(update)
    return str(feedback.removeprefix("f:0:"))


async def test_what_went_wrong_is_kept_masked_and_anonymous(
    engine_app: App, db_target: Path | str, recorder: Recorder
) -> None:
    """An unanswered question keeps its masked text, class and nearest entries; an answered
    one keeps none; the database holds no user id, chat id, name or phone number."""
    feed = feeder(engine_app)
    await feed(message_update("加氢站建设规划怎么样"))
    await feed(message_update(f"预制菜产业园找谁？我电话{PHONE}"))
    await feed(message_update("低空经济属于哪一类产业？"))
    first, second = services(engine_app).store.kept_questions(86400)
    assert first.text == "加氢站建设规划怎么样"
    assert first.outcome == "no-answer" and first.refusal == "no-match"
    assert first.nearest  # the entries it came closest to, with scores
    assert second.text == "预制菜产业园找谁？我电话[电话]"
    everything = dump(db_target)
    assert PHONE not in everything and "低空经济属于" not in everything
    assert str(USER_ID) not in everything and str(USER["first_name"]) not in everything


async def test_thumbs_down_keeps_the_question_it_answered(
    engine_app: App, recorder: Recorder
) -> None:
    """👎 on an answer keeps the question that answer was for, with the entry that answered."""
    feed = feeder(engine_app)
    entry = await ask_and_thumbs_down(feed, recorder, "低空经济有哪些重点企业")
    (kept,) = services(engine_app).store.kept_questions(86400)
    assert kept.text == "低空经济有哪些重点企业"
    assert kept.outcome == "unhelpful" and kept.nearest[0].entry == entry


async def test_keep_text_off_keeps_nothing_even_on_thumbs_down(
    tmp_path: Path, matcher: Matcher, recorder: Recorder
) -> None:
    """With BOT_KEEP_TEXT=off neither unanswered questions nor 👎 leave any text behind."""
    db = tmp_path / "off.sqlite3"
    settings = Settings(
        token=FAKE_TOKEN,
        admin_ids=frozenset({ADMIN_ID}),
        db_path=db,
        rate_limit=False,
        keep_text=False,
    )
    async for application in start_app(settings, matcher, Store(db, keep_text=False), recorder):
        feed = feeder(application)
        await feed(message_update("加氢站建设规划"))
        await ask_and_thumbs_down(feed, recorder, "低空经济有哪些重点企业")
        assert services(application).store.kept_questions() == []
        assert len(services(application).asked) == 0
        await feed(admin_update("/gaps"))
        assert "BOT_KEEP_TEXT=off" in recorder.of("sendMessage")[-1].text
    assert "加氢站" not in dump(db) and "重点企业" not in dump(db)


async def test_gaps_shows_the_largest_groups_to_admins(feed: Feed, recorder: Recorder) -> None:
    """/gaps lists last week's groups largest first, with examples, class and why; others
    are refused."""
    for question in (
        "加氢站建设规划",
        "加氢站的建设规划有哪些",
        "广州加氢站怎么规划的",
        "预制菜产业园在哪",
        "深圳的产业政策是什么",
    ):
        await feed(message_update(question))
    await feed(message_update("/gaps"))
    assert "管理员" in recorder.of("sendMessage")[-1].text
    recorder.clear()
    await feed(admin_update("/gaps"))
    [call] = recorder.of("sendMessage")
    text = call.text
    assert "5 条" in text and "1. <b>3×</b>" in text
    assert text.index("加氢站") < text.index("预制菜")
    assert "no-match" in text and "other-place" in text
    assert "最接近《" in text and "按设计不回答" in text


async def test_stats_adds_share_refusals_and_feedback_per_entry(
    feed: Feed, recorder: Recorder
) -> None:
    """/stats adds the share answered, refusals by class and 👍/👎 per entry."""
    await feed(message_update("低空经济属于哪一类产业？"))
    await feed(message_update("深圳的产业政策是什么"))
    entry = await ask_and_thumbs_down(feed, recorder, "两业融合是什么")
    recorder.clear()
    await feed(admin_update("/stats"))
    [call] = recorder.of("sendMessage")
    assert "有把握回答的比例：67%" in call.text
    assert "other-place 1" in call.text
    assert f"{entry} 0/1" in call.text


NEW_ENTRY = """\
  - id: clusters-test-extra
    pillar: clusters
    title: 测试用新增条目
    title_en: A test entry
    passage: 这是一段只供测试使用的文字，长度足够通过知识库的校验规则，不代表任何真实政策内容，只用来确认重新加载时能说出新增了哪个条目。
    summary_en: A test entry.
    keywords: [测试用新增条目]
    questions: [测试用新增条目是什么, 测试用新增条目有什么, 讲讲测试用新增条目]
    sources: [{source}]
"""


async def test_reload_says_what_changed(
    app: App, feed: Feed, recorder: Recorder, kb: KnowledgeBase, tmp_path: Path
) -> None:
    """/reload names the entries added, removed and edited."""
    base = tmp_path / "knowledge"
    shutil.copytree(kb.directory, base)
    shutil.copytree(kb.directory.parent / "seeds", tmp_path / "seeds")
    # Remove an entry nothing else points at or names, edit one title, add one entry.
    pointed = {r for e in kb.entries for r in e.related} | {
        i for p in kb.pillars for b in p.map for i in (b.heading, *b.items)
    }
    terms = {*kb.described, *kb.everyday}
    gone = next(
        e
        for e in reversed(kb.entries)
        if e.id not in pointed and not terms & {e.title, *e.keywords, *e.aliases}
    )
    path = base / gone.file
    body = path.read_text(encoding="utf-8")
    start = body.index(f"  - id: {gone.id}\n")
    end = body.find("\n  - id: ", start + 1)
    path.write_text(body[:start] + (body[end + 1 :] if end != -1 else ""), encoding="utf-8")
    clusters = base / "clusters.yaml"
    text = clusters.read_text(encoding="utf-8").replace(
        "title: 轨道交通\n", "title: 轨道交通装备\n"
    )
    source = kb.by_id["clusters-rail-transit"].sources[0].source.id
    clusters.write_text(
        text.rstrip("\n") + "\n" + NEW_ENTRY.format(source=source), encoding="utf-8"
    )
    svc = services(app)
    svc.settings = Settings(
        token=svc.settings.token, admin_ids=svc.settings.admin_ids, core=CoreSettings(kb_dir=base)
    )
    await feed(admin_update("/reload"))
    [call] = recorder.of("sendMessage")
    assert "已重新加载" in call.text, call.text
    assert "新增 1：clusters-test-extra" in call.text
    assert f"删除 1：{gone.id}" in call.text
    assert "修改 1：clusters-rail-transit" in call.text


async def test_reload_refuses_a_broken_base_with_file_and_line(
    app: App, feed: Feed, recorder: Recorder, kb: KnowledgeBase, tmp_path: Path
) -> None:
    """A broken base is refused with its first errors as file:line, and the old one stays."""
    shutil.copytree(kb.directory, tmp_path / "knowledge")
    shutil.copytree(kb.directory.parent / "seeds", tmp_path / "seeds")
    clusters = tmp_path / "knowledge" / "clusters.yaml"
    clusters.write_text(
        clusters.read_text(encoding="utf-8").replace("pillar: clusters\n", "pillar: housing\n", 1),
        encoding="utf-8",
    )
    svc = services(app)
    old = svc.matcher
    svc.settings = Settings(
        token=svc.settings.token,
        admin_ids=svc.settings.admin_ids,
        core=CoreSettings(kb_dir=tmp_path / "knowledge"),
    )
    await feed(admin_update("/reload"))
    [call] = recorder.of("sendMessage")
    assert "未加载" in call.text
    assert re.search(r"clusters\.yaml:\d+: unknown pillar 'housing'", html.unescape(call.text))
    assert services(app).matcher is old


async def test_map_sends_the_picture_once_then_by_reference(
    app: App, feed: Feed, recorder: Recorder
) -> None:
    """/map uploads a PNG of the plan with a caption, then reuses Telegram's copy; English
    users get the English picture."""
    if planmap.find_font() is None:
        pytest.skip("no Chinese font here (CI installs fonts-wqy-microhei)")
    await feed(message_update("/map"))
    [first] = recorder.of("sendPhoto")
    (png,) = first.files.values()
    assert png.startswith(b"\x89PNG") and "12218" in first.params["caption"]
    await feed(message_update("/map"))
    second = recorder.of("sendPhoto")[-1]
    assert not second.files and second.params["photo"] == first.result["photo"][-1]["file_id"]
    await feed(message_update("/map", sender={**USER, "language_code": "en"}))
    english = recorder.of("sendPhoto")[-1]
    (png_en,) = english.files.values()
    assert png_en != png and "plan" in english.params["caption"]


async def test_map_without_a_font_sends_the_structure_as_text(
    feed: Feed, recorder: Recorder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where no picture can be drawn, /map sends the same structure as text."""
    monkeypatch.setenv("POLICYBOT_FONT", str(tmp_path / "none.ttc"))
    monkeypatch.setattr(planmap, "_cache", {})
    await feed(message_update("/map"))
    assert recorder.of("sendPhoto") == []
    [call] = recorder.of("sendMessage")
    assert "1 → 2 → 21 (15 + 6) → 8" in call.text and "低空经济与航空航天" in call.text


async def test_privacy_and_about_say_what_is_kept(feed: Feed, recorder: Recorder) -> None:
    """/privacy says in Chinese and English what is kept and for how long; /about has the line."""
    await feed(message_update("/privacy"))
    await feed(message_update("/about"))
    privacy, about = recorder.of("sendMessage")
    assert "30 天后自动删除" in privacy.text and "deleted after 30 days" in privacy.text
    assert "用户 ID" in privacy.text and "user id" in privacy.text
    assert "/privacy" in about.text and "30 天后删除" in about.text
