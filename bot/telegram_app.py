"""The Telegram front end: one composition root and thin handlers.

Handlers extract the text, ask the core (matcher, answer), render and reply; nothing
here knows how matching works. `build_application` registers every handler in one
place, in commented blocks where order matters; `main` is what `policybot run` calls.

Callback data (each under Telegram's 64 bytes; entry ids are at most 56 characters):
  e:<entry-id>            open an entry in the same message
  f:<1|0>:<entry-id>      helpful / not helpful
  b | g:<n> | p:<pillar>:<page>   the /pillars browser: top, digit group, pillar page
"""

from __future__ import annotations

import asyncio
import html
import logging
import sys
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, cast

from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import answer as answers
from bot import text as textmod
from bot.index_cache import default_cache_dir, freeze_heap
from bot.knowledge import Entry, KnowledgeBase, KnowledgeBaseError, Pillar, load
from bot.matcher import Matcher
from bot.settings import Settings, SettingsError
from bot.store import Store, StoreError

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
PAGE_SIZE = 8
MAX_BUTTON_LABEL = 32
INLINE_RESULTS = 10
BOOTSTRAP_RETRIES = 2  # a network blip at start-up is retried; a dead end is reported

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]

WELCOME = (
    "<b>你好！我解答广州“12218”现代化产业体系的问题。</b>\n\n"
    "直接发问即可，例如：\n"
    "• 12218是什么意思？\n"
    "• 低空经济属于哪一类产业？\n"
    "• 两业融合是什么？\n"
    "• What are the six future industries?\n\n"
    "/pillars 按结构浏览 · /help 用法 · /about 关于与来源"
)
HELP = (
    "<b>怎么用</b>\n\n"
    "• 私聊：直接发送问题，每条消息都当作一个问题。\n"
    "• 群组：发送 <code>/ask 问题</code>，或 @我，或回复我的消息；其他聊天我不插话。\n"
    "• 任意聊天：输入 <code>@{username} 关键词</code>，从列表里挑一条发出去。\n\n"
    "回答附有所属部分（如【21 · 15个战略性产业集群】）和来源链接；下面的按钮可以看相关条目，"
    "也请告诉我回答有没有帮助。\n\n"
    "/pillars 按 1 → 2 → 21 → 8 浏览 · /about 关于、来源与免责声明"
)
ASK_USAGE = "用法：<code>/ask 你的问题</code>，例如 <code>/ask 低空经济属于哪一类产业？</code>"
ERROR_REPLY = "抱歉，处理这条消息时出了点问题，请稍后再试。"
STALE_BUTTON = "这个按钮已失效，请重新提问或发送 /pillars。"
ADMIN_ONLY = "抱歉，这个命令只供管理员使用。"
DID_YOU_MEAN = {False: "你可能想问：", True: "Did you mean:"}


# --- shared services ---------------------------------------------------------------------


@dataclass(slots=True)
class Services:
    """What every handler needs; kb and matcher are swapped together by /reload."""

    settings: Settings
    kb: KnowledgeBase
    matcher: Matcher
    store: Store


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return cast(Services, context.bot_data["services"])


# --- small helpers -----------------------------------------------------------------------


def _label(entry: Entry, *, english: bool = False, traditional: bool = False) -> str:
    title = entry.title_en if english else (
        textmod.to_traditional(entry.title) if traditional else entry.title)
    return title if len(title) <= MAX_BUTTON_LABEL else title[: MAX_BUTTON_LABEL - 1] + "…"


def _chat_type(update: Update) -> str:
    chat = update.effective_chat
    return chat.type if chat else "inline"


def _chat_id(update: Update) -> int | None:
    chat = update.effective_chat
    return chat.id if chat else None


async def send_html(
    message: Message, text: str, markup: InlineKeyboardMarkup | None = None, *, quote: bool = False
) -> list[Message]:
    """Reply with `text` split under the limit; the first part quotes, the last has buttons."""
    parts = answers.split_message(text)
    sent = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        sent.append(await message.reply_text(
            part, reply_markup=markup if last else None, do_quote=quote and i == 0))
    return sent


async def _edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit the button's message in place; what does not fit goes out as new messages."""
    parts = answers.split_message(text)
    try:
        await query.edit_message_text(parts[0], reply_markup=markup)
    except BadRequest as exc:
        # Pressing the button that shows what is already shown is not an error.
        if "not modified" not in exc.message.lower():
            raise
    if len(parts) > 1 and isinstance(query.message, Message):
        for part in parts[1:]:
            await query.message.reply_text(part)


def _feedback_row(entry: Entry) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton("👍 有帮助", callback_data=f"f:1:{entry.id}"),
            InlineKeyboardButton("👎 没帮助", callback_data=f"f:0:{entry.id}")]


def answer_keyboard(answer: answers.Answer, kb: KnowledgeBase) -> InlineKeyboardMarkup:
    """Did-you-mean alternatives and related entries as buttons, then feedback or browse."""
    style = {"english": answer.english, "traditional": answer.traditional}
    rows: list[list[InlineKeyboardButton]] = []
    shown: set[str] = set()
    for m in answer.alternatives[:3]:
        shown.add(m.entry.id)
        rows.append([InlineKeyboardButton(f"🔎 {_label(m.entry, **style)}",
                                          callback_data=f"e:{m.entry.id}")])
    if answer.entry is not None:
        shown.add(answer.entry.id)
        for rid in answer.entry.related:
            related = kb.entry(rid)
            if related is not None and rid not in shown and len(rows) < 6:
                shown.add(rid)
                rows.append([InlineKeyboardButton(f"📄 {_label(related, **style)}",
                                                  callback_data=f"e:{rid}")])
        rows.append(_feedback_row(answer.entry))
    else:
        rows.append([InlineKeyboardButton("📚 浏览 12218 体系", callback_data="b")])
    return InlineKeyboardMarkup(rows)


def entry_keyboard(entry: Entry, kb: KnowledgeBase) -> InlineKeyboardMarkup:
    """An entry opened from a button: its related entries, the way back, feedback."""
    rows = [[InlineKeyboardButton(f"📄 {_label(r)}", callback_data=f"e:{r.id}")]
            for r in (kb.entry(rid) for rid in entry.related) if r is not None]
    pillar = kb.pillar(entry.pillar)
    if pillar is not None:
        rows.append([InlineKeyboardButton(f"⬅️ {answers.pillar_label(pillar)}",
                                          callback_data=f"p:{pillar.id}:0")])
    rows.append(_feedback_row(entry))
    return InlineKeyboardMarkup(rows)


def answer_html(answer: answers.Answer) -> str:
    text = answers.render_html(answer)
    if not answer.matched and answer.alternatives:
        text += "\n\n" + DID_YOU_MEAN[answer.english]
    return text


# --- the /pillars browser (pure functions of the base: easy to test) ---------------------


def browse_view(kb: KnowledgeBase, data: str) -> tuple[str, InlineKeyboardMarkup] | None:
    """The browser screen for callback data `b`, `g:<n>` or `p:<pillar>:<page>`."""
    groups = answers.digit_groups(kb)
    if data == "b":
        rows = []
        for i, (digit, pillars) in enumerate(groups):
            target = f"p:{pillars[0].id}:0" if len(pillars) == 1 else f"g:{i}"
            names = " / ".join(p.name for p in pillars)
            rows.append([InlineKeyboardButton(f"{digit} · {names}", callback_data=target)])
        return answers.overview_html(kb), InlineKeyboardMarkup(rows)
    kind, _, rest = data.partition(":")
    if kind == "g" and rest.isdigit() and int(rest) < len(groups):
        digit, pillars = groups[int(rest)]
        text = "\n\n".join(
            [f"<b>{html.escape(digit)}</b>"]
            + [f"<b>{html.escape(answers.pillar_label(p))}</b>\n{html.escape(p.summary)}"
               for p in pillars])
        rows = [[InlineKeyboardButton(answers.pillar_label(p), callback_data=f"p:{p.id}:0")]
                for p in pillars]
        rows.append([InlineKeyboardButton("⬅️ 返回总览", callback_data="b")])
        return text, InlineKeyboardMarkup(rows)
    if kind == "p":
        pillar_id, _, page_text = rest.partition(":")
        pillar = kb.pillar(pillar_id)
        if pillar is None or not page_text.isdigit():
            return None
        return _pillar_page(kb, pillar, int(page_text), groups)
    return None


def _pillar_page(
    kb: KnowledgeBase, pillar: Pillar, page: int, groups: Sequence[tuple[str, tuple[Pillar, ...]]]
) -> tuple[str, InlineKeyboardMarkup]:
    entries = kb.entries_of(pillar.id)
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    page = min(page, pages - 1)
    rows = [[InlineKeyboardButton(_label(e), callback_data=f"e:{e.id}")]
            for e in entries[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("◀️ 上一页", callback_data=f"p:{pillar.id}:{page - 1}"))
    if page < pages - 1:
        nav.append(InlineKeyboardButton("下一页 ▶️", callback_data=f"p:{pillar.id}:{page + 1}"))
    if nav:
        rows.append(nav)
    group = next((i for i, (_, ps) in enumerate(groups) if pillar in ps and len(ps) > 1), None)
    back = ("⬅️ 返回上一级", f"g:{group}") if group is not None else ("⬅️ 返回总览", "b")
    rows.append([InlineKeyboardButton(back[0], callback_data=back[1])])
    text = answers.pillar_html(pillar, kb)
    if pages > 1:
        text += f"（第 {page + 1}/{pages} 页）"
    return text, InlineKeyboardMarkup(rows)


# --- answering a question (shared by private chat, /ask, mentions and replies) -----------


async def answer_question(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, *, quote: bool
) -> None:
    message = update.effective_message
    if message is None:
        return
    svc = services(context)
    answer = answers.build_answer(svc.matcher.match(question), svc.kb)
    svc.store.log_query(kind="message", chat_type=_chat_type(update), chat_id=_chat_id(update),
                        entry_id=answer.entry.id if answer.entry else None,
                        score=answer.score, reason=answer.reason)
    log.info("answered chat_type=%s entry=%s score=%.3f reason=%s", _chat_type(update),
             answer.entry.id if answer.entry else None, answer.score, answer.reason)
    await send_html(message, answer_html(answer), answer_keyboard(answer, svc.kb), quote=quote)


def _addressed_to_bot(message: Message, bot_id: int, username: str) -> bool:
    """A group message that mentions the bot or replies to one of its messages."""
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        return True
    wanted = f"@{username}".lower()
    for entity, value in message.parse_entities(
            [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if entity.type == MessageEntity.MENTION and value.lower() == wanted:
            return True
        if entity.user is not None and entity.user.id == bot_id:
            return True
    return False


class _FromOtherBot(filters.MessageFilter):
    """Messages sent by bots, except anonymous group admins (who post as a bot)."""

    def filter(self, message: Message) -> bool:
        user = message.from_user
        if user is None or not user.is_bot:
            return False
        return not (message.sender_chat is not None and message.sender_chat.id == message.chat.id)


FROM_OTHER_BOT = _FromOtherBot(name="FROM_OTHER_BOT")


# --- handlers ----------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome with example questions; `/start <entry-id>` opens that entry."""
    message = update.effective_message
    if message is None:
        return
    svc = services(context)
    entry = svc.kb.entry(context.args[0]) if context.args else None
    if entry is not None:
        svc.store.log_query(kind="link", chat_type=_chat_type(update), chat_id=_chat_id(update),
                            entry_id=entry.id, score=1.0, reason="link")
        answer = answers.answer_for_entry(entry, svc.kb)
        await send_html(message, answers.render_html(answer), entry_keyboard(entry, svc.kb))
        return
    await message.reply_text(WELCOME)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How to ask in private, in groups and inline."""
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(HELP.format(username=html.escape(context.bot.username)))


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the bot is, its sources and knowledge-base version, and that it is unofficial."""
    message = update.effective_message
    if message is None:
        return
    kb = services(context).kb
    official = [s for s in kb.sources.values() if s.is_official]
    lines = [
        "<b>关于本机器人</b>",
        "",
        "我根据一份人工整理的知识库，解答广州“12218”现代化产业体系（1个总体要求、2个主攻方向、"
        "21个重点产业、8个现代服务业及重大举措）的问题，每条回答都附所属部分和来源链接。",
        "",
        f"知识库：{len(kb.entries)} 条，引用 {len(kb.sources)} 份公开来源（其中官方文件 "
        f"{len(official)} 份）；版本 <code>{html.escape(kb.version)}</code>，"
        f"资料截至 {html.escape(kb.updated)}。",
        "",
        f"<b>声明</b>：{html.escape(answers.DISCLAIMER)}",
        f"官方咨询渠道：{html.escape(answers.OFFICIAL_CHANNELS)}",
    ]
    await message.reply_text("\n".join(lines))


async def pillars(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Open the structure browser; its buttons edit this one message."""
    message = update.effective_message
    if message is None:
        return
    view = browse_view(services(context).kb, "b")
    if view is not None:
        await message.reply_text(view[0], reply_markup=view[1])


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/ask <question>` in any chat; with no question, a usage hint."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    quote = _chat_type(update) != ChatType.PRIVATE
    if not context.args:
        await message.reply_text(ASK_USAGE, do_quote=quote)
        return
    await answer_question(update, context, message.text, quote=quote)


async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a private chat every text message is a question."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    await answer_question(update, context, message.text, quote=False)


async def group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups, answer mentions and replies to the bot; stay silent on everything else."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    if not _addressed_to_bot(message, context.bot.id, context.bot.username):
        return
    await answer_question(update, context, message.text, quote=True)


async def media_in_private(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice and the like in a private chat: say only text is understood."""
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(html.escape(answers.MEDIA_ONLY))


async def ignore(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    """Updates the bot leaves alone on purpose (edits, channel posts, other bots)."""
    log.debug("ignored update %s", update.update_id)


async def open_entry(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An entry button: show that entry in the same message."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    svc = services(context)
    entry = svc.kb.entry(query.data.removeprefix("e:"))
    if entry is None:
        await query.answer(STALE_BUTTON)
        return
    await query.answer()
    svc.store.log_query(kind="button", chat_type=_chat_type(update), chat_id=_chat_id(update),
                        entry_id=entry.id, score=1.0, reason="button")
    answer = answers.answer_for_entry(entry, svc.kb)
    await _edit(query, answers.render_html(answer), entry_keyboard(entry, svc.kb))


async def browse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /pillars browser button: redraw the same message one level up or down."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    view = browse_view(services(context).kb, query.data)
    if view is None:
        await query.answer(STALE_BUTTON)
        return
    await query.answer()
    await _edit(query, *view)


async def feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Helpful / not helpful: record it, thank, and drop the feedback row."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    _, helpful, entry_id = query.data.split(":", 2)
    svc = services(context)
    svc.store.log_feedback(chat_type=_chat_type(update), chat_id=_chat_id(update),
                           entry_id=entry_id, helpful=helpful == "1")
    log.info("feedback entry=%s helpful=%s", entry_id, helpful == "1")
    await query.answer("谢谢反馈！" if helpful == "1" else "谢谢，我们会改进这条回答。")
    message = query.message
    if isinstance(message, Message) and message.reply_markup is not None:
        rows = [list(row) for row in message.reply_markup.inline_keyboard
                if not any(str(b.callback_data).startswith("f:") for b in row)]
        try:
            await query.edit_message_reply_markup(InlineKeyboardMarkup(rows) if rows else None)
        except BadRequest as exc:
            log.debug("feedback buttons not removed: %s", exc.message)


async def unknown_callback(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    """Callback data this version does not know (an old keyboard): a short notice."""
    query = update.callback_query
    if query is None:
        return
    await query.answer(STALE_BUTTON)


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`@bot 低空经济`: up to 10 matching entries; an empty query lists the pillars."""
    query = update.inline_query
    if query is None:
        return
    svc = services(context)
    text = query.query.strip()
    results: list[InlineQueryResultArticle] = []
    if not text:
        for p in svc.kb.pillars:
            results.append(InlineQueryResultArticle(
                id=f"pillar-{p.id}", title=answers.pillar_label(p), description=p.name_en,
                input_message_content=InputTextMessageContent(answers.pillar_html(p, svc.kb)),
            ))
    else:
        result = svc.matcher.match(text, top=INLINE_RESULTS, closeness=0.0)
        best = result.matches[0] if result.matches else None
        svc.store.log_query(kind="inline", chat_type="inline", chat_id=None,
                            entry_id=best.entry.id if best else None,
                            score=best.score if best else 0.0, reason=result.reason)
        for m in result.matches[:INLINE_RESULTS]:
            pillar = svc.kb.pillar(m.entry.pillar)
            label = answers.pillar_label(pillar) if pillar else ""
            body = answers.render_html(answers.answer_for_entry(m.entry, svc.kb))
            results.append(InlineQueryResultArticle(
                id=m.entry.id, title=m.entry.title,
                description=f"{label}\n{answers.first_line(m.entry)}",
                input_message_content=InputTextMessageContent(answers.split_message(body)[0]),
            ))
    button = None if results else InlineQueryResultsButton(
        text="没有找到，打开机器人提问", start_parameter="inline")
    await query.answer(results, cache_time=60, button=button)


async def _require_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user, message = update.effective_user, update.effective_message
    if user is not None and user.id in services(context).settings.admin_ids:
        return True
    if message is not None:
        await message.reply_text(ADMIN_ONLY)
    return False


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admin: reload the knowledge base and rebuild the matcher; keep the old one on errors."""
    message = update.effective_message
    if message is None or not await _require_admin(update, context):
        return
    svc = services(context)
    try:
        kb = await asyncio.to_thread(load, svc.settings.kb_dir)
        matcher = await asyncio.to_thread(Matcher, kb, cache_dir=default_cache_dir())
    except KnowledgeBaseError as exc:
        log.warning("reload refused: %d problem(s)", len(exc.problems))
        shown = "\n".join(html.escape(str(p)) for p in exc.problems[:20])
        more = f"\n…另有 {len(exc.problems) - 20} 处" if len(exc.problems) > 20 else ""
        await send_html(message, (
            f"知识库有 {len(exc.problems)} 处错误，未加载，继续使用版本 "
            f"<code>{html.escape(svc.kb.version)}</code>：\n<pre>{shown}</pre>{more}"))
        return
    old = svc.kb.version
    svc.kb, svc.matcher = kb, matcher
    log.info("knowledge base reloaded: %s -> %s, %d entries", old, kb.version, len(kb.entries))
    await message.reply_text(
        f"已重新加载：{len(kb.entries)} 条，版本 <code>{html.escape(kb.version)}</code>"
        f"（原 <code>{html.escape(old)}</code>）。")


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admin: counts from the query log and feedback."""
    message = update.effective_message
    if message is None or not await _require_admin(update, context):
        return
    s = await asyncio.to_thread(services(context).store.stats)

    def pairs(items: dict[str, int] | list[tuple[str, int]]) -> str:
        seq = items.items() if isinstance(items, dict) else items
        return "，".join(f"{html.escape(str(k))} {v}" for k, v in seq) or "—"

    await message.reply_text("\n".join([
        "<b>统计</b>",
        f"提问 {s.queries} 次，有把握回答 {s.answered} 次，来自 {s.chats} 个聊天",
        f"按结果：{pairs(s.by_reason)}",
        f"按聊天类型：{pairs(s.by_chat_type)}",
        f"反馈：👍 {s.helpful} · 👎 {s.not_helpful}",
        f"最常回答：{pairs(s.top_entries)}",
        f"被评没帮助：{pairs(s.unhelpful_entries)}",
    ]))


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its traceback, then tell the user briefly."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(ERROR_REPLY)
        elif update.effective_message is not None and update.inline_query is None:
            await update.effective_message.reply_text(ERROR_REPLY)
    except TelegramError:
        log.warning("could not tell the user about the error", exc_info=True)


# --- commands: one list for the handlers and the menu ------------------------------------


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    zh: str
    en: str
    callback: Handler
    in_menu: bool = True


COMMANDS: tuple[Command, ...] = (
    Command("ask", "提问：/ask 问题", "Ask: /ask question", ask),
    Command("pillars", "按 1 → 2 → 21 → 8 浏览体系", "Browse the plan: 1 → 2 → 21 → 8", pillars),
    Command("help", "用法", "How to use this bot", help_command),
    Command("about", "关于、来源与免责声明", "About, sources and disclaimer", about),
    Command("start", "开始", "Start", start),
    Command("reload", "管理员：重新加载知识库", "Admin: reload the knowledge base",
            reload_command, in_menu=False),
    Command("stats", "管理员：统计", "Admin: statistics", stats_command, in_menu=False),
)


async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Set the command menu in Chinese and English from COMMANDS."""
    menu = [c for c in COMMANDS if c.in_menu]
    await application.bot.set_my_commands([BotCommand(c.name, c.zh) for c in menu])
    await application.bot.set_my_commands([BotCommand(c.name, c.en) for c in menu],
                                          language_code="en")
    svc = application.bot_data["services"]
    log.info("ready as @%s: %d entries, knowledge base %s", application.bot.username,
             len(svc.kb.entries), svc.kb.version)


async def post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.bot_data["services"].store.close()


# --- composition root --------------------------------------------------------------------


def build_application(
    settings: Settings,
    kb: KnowledgeBase,
    *,
    matcher: Matcher | None = None,
    store: Store | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The Application with every handler registered; `request`s replace HTTP in tests."""
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if settings.rate_limit:
        # 30 messages/s overall, 20/min per group; a 429 is retried after its retry_after.
        # (the builder's generic is typed for "no rate limiter"; AIORateLimiter is the real one)
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = builder.build()
    application.bot_data["services"] = Services(
        settings=settings, kb=kb, matcher=matcher or Matcher(kb, cache_dir=default_cache_dir()),
        store=store or Store(settings.db_path))

    message = filters.UpdateType.MESSAGE  # new messages only: edits are not new questions
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS

    # 1. Ignored on purpose, before anything else can match: other bots (no bot-to-bot
    #    loops), edited messages and channel posts.
    application.add_handler(MessageHandler(FROM_OTHER_BOT, ignore))
    application.add_handler(MessageHandler(
        filters.UpdateType.EDITED | filters.UpdateType.CHANNEL_POSTS, ignore))

    # 2. Commands, from the same list as the menu. CommandHandler accepts /ask@thisbot and
    #    ignores /ask@otherbot.
    for command in COMMANDS:
        application.add_handler(CommandHandler(command.name, command.callback, filters=message))

    # 3. Free text: every private message is a question; in groups only mentions and replies.
    application.add_handler(MessageHandler(
        message & private & filters.TEXT & ~filters.COMMAND, private_question))
    application.add_handler(MessageHandler(
        message & groups & filters.TEXT & ~filters.COMMAND, group_message))

    # 4. Anything else in a private chat (stickers, photos, voice): a hint. Group media and
    #    unknown commands fall through to silence.
    application.add_handler(MessageHandler(
        message & private & ~filters.TEXT & ~filters.StatusUpdate.ALL, media_in_private))

    # 5. Buttons, by callback data; the last one catches stale or foreign data.
    application.add_handler(CallbackQueryHandler(open_entry, pattern=r"^e:[a-z0-9-]+$"))
    application.add_handler(CallbackQueryHandler(feedback, pattern=r"^f:[01]:[a-z0-9-]+$"))
    application.add_handler(CallbackQueryHandler(
        browse, pattern=r"^(?:b|g:\d+|p:[a-z]+:\d+)$"))
    application.add_handler(CallbackQueryHandler(unknown_callback))

    # 6. Inline mode.
    application.add_handler(InlineQueryHandler(inline_query))

    application.add_error_handler(error_handler)
    return application


# --- logging and main --------------------------------------------------------------------


class RedactToken(logging.Filter):
    """Replace the bot token (and its secret half) in any log record with "[token]"."""

    def __init__(self, token: str) -> None:
        super().__init__()
        secret = token.partition(":")[2]
        self._needles = [s for s in (token, secret) if len(s) >= 8]

    def _redact(self, text: str) -> str:
        for needle in self._needles:
            text = text.replace(needle, "[token]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self._redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)
        return True


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        level=settings.log_level, stream=sys.stderr, force=True)
    # At INFO and below httpx logs each request URL, and the URL contains the token.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    redact = RedactToken(settings.token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)


def main(kb_dir: str | None = None, token_file: str | None = None) -> int:
    """`policybot run`: poll Telegram until SIGINT/SIGTERM; the exit code of the command."""
    try:
        settings = Settings.from_env(token_file=token_file, kb_dir=kb_dir)
    except SettingsError as exc:
        print(f"policybot run: {exc}", file=sys.stderr)
        return EXIT_USAGE
    configure_logging(settings)
    log.info("starting with %r", settings)
    try:
        kb = load(settings.kb_dir)
    except KnowledgeBaseError as exc:
        print("policybot run: the knowledge base is invalid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_ERROR
    try:
        store = Store(settings.db_path)
    except StoreError as exc:
        print(f"policybot run: {exc}", file=sys.stderr)
        return EXIT_ERROR
    matcher = Matcher(kb, cache_dir=default_cache_dir())
    freeze_heap()
    application = build_application(settings, kb, matcher=matcher, store=store)
    try:
        application.run_polling(allowed_updates=Update.ALL_TYPES,
                                drop_pending_updates=settings.drop_pending_updates,
                                bootstrap_retries=BOOTSTRAP_RETRIES)
    except InvalidToken:
        log.error("Telegram refused the bot token; check TELEGRAM_BOT_TOKEN")
        return EXIT_ERROR
    except TelegramError as exc:
        # Start-up failed (e.g. the Bot API is unreachable): say so plainly, without the
        # traceback, whose request URLs would carry the token.
        reason = str(exc).replace(settings.token, "[token]")
        print(f"policybot run: cannot reach the Telegram Bot API at {settings.base_url}: "
              f"{reason}", file=sys.stderr)
        return EXIT_ERROR
    log.info("stopped")
    return EXIT_OK

