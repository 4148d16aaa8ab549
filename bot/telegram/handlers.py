"""The handlers: each takes the text from an update, asks the core, and replies.

Shaped like python-telegram-bot's examples: `async def name(update, context) -> None`,
an early return when the update lacks what the handler needs, nothing about matching.
Which update reaches which handler is decided in app.py.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    InlineQueryResultsButton,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes, filters

from bot import answer as answers
from bot import copy, metrics, planmap, privacy, review
from bot.conversation import RecentAnswers
from bot.knowledge import KnowledgeBaseError, diff, load
from bot.matcher import Matcher
from bot.telegram import delivery, views
from bot.telegram.callback_data import Browse, Feedback, OpenEntry, Overview, Sources, parse
from bot.telegram.services import Services, services
from bot.vocabulary import LogKind

log = logging.getLogger(__name__)

INLINE_RESULTS = 10
INLINE_CACHE_SECONDS = 60
GAPS_SINCE = 7 * 86400


# --- sending ------------------------------------------------------------------------------


async def send_html(
    message: Message, text: str, markup: InlineKeyboardMarkup | None = None, *, quote: bool = False
) -> list[Message]:
    """Reply with `text` split under the limit; the first part quotes, the last has buttons."""
    parts = answers.split_message(text)
    sent = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        sent.append(
            await message.reply_text(
                part, reply_markup=markup if last else None, do_quote=quote and i == 0
            )
        )
    return sent


async def edit_html(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
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


def _chat_type(update: Update) -> str:
    chat = update.effective_chat
    return chat.type if chat else "inline"


def _chat_id(update: Update) -> int | None:
    chat = update.effective_chat
    return chat.id if chat else None


# --- answering a question (private chat, /ask, mentions and replies) ----------------------


async def answer_question(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, *, quote: bool
) -> None:
    """Match `question`, log the outcome, and reply with the answer and its buttons."""
    message = update.effective_message
    if message is None:
        return
    started = time.perf_counter()
    svc = services(context)
    kb = svc.matcher.kb
    asked_in, follows = _conversation(svc.recent, message, context.bot.id)
    last_told = svc.recent.recall(follows) if follows else None
    result = svc.matcher.match(question, context=kb.entry(last_told) if last_told else None)
    answer = answers.build_answer(result, kb)
    svc.store.log_query(
        kind=LogKind.MESSAGE,
        chat_type=_chat_type(update),
        chat_id=_chat_id(update),
        entry_id=answer.entry.id if answer.entry else None,
        score=answer.score,
        reason=answer.reason,
        update_id=update.update_id,
    )
    log.info(
        "answered chat_type=%s entry=%s score=%.3f reason=%s",
        _chat_type(update),
        answer.entry.id if answer.entry else None,
        answer.score,
        answer.reason,
    )
    # What went wrong keeps its (masked) text for curators; who asked is never passed on.
    outcome = review.outcome_of(result.confident, answer.reason)
    if outcome is not None:
        svc.store.keep_question(
            result.cleaned,
            outcome=outcome,
            refusal=answer.reason,
            nearest=[(m.entry.id, m.score) for m in result.matches],
            kb_version=kb.version,
        )
    sent = await send_html(
        message,
        answers.render_html(answer, all_sources=False),
        views.answer_keyboard(answer, kb),
        quote=quote,
    )
    if answer.entry is not None:
        # A private chat follows on from its last answer; a group only in a reply to it.
        if asked_in is not None:
            svc.recent.remember(asked_in, answer.entry.id)
        for reply in sent:
            svc.recent.remember(
                svc.recent.conversation(message.chat_id, reply.message_id), answer.entry.id
            )
    if answer.entry is not None and svc.store.keep_text and sent:
        svc.asked.remember(sent[-1].chat_id, sent[-1].message_id, result.cleaned, answer.score)
    metrics.record_question(
        answered=answer.entry is not None,
        reason=answer.reason,
        seconds=time.perf_counter() - started,
    )


def _conversation(
    recent: RecentAnswers, message: Message, bot_id: int
) -> tuple[str | None, str | None]:
    """Where this message's answer is remembered, and what it may follow on from.

    The chat in private; in a group, only the bot's own message that it replies to."""
    if message.chat.type == ChatType.PRIVATE:
        key = recent.conversation(message.chat_id)
        return key, key
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        return None, recent.conversation(message.chat_id, reply.message_id)
    return None, None


def addressed_to_bot(message: Message, bot_id: int, username: str) -> bool:
    """A group message that mentions the bot or replies to one of its messages."""
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        return True
    wanted = f"@{username}".lower()
    mentions = (
        message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
        if message.text
        else message.parse_caption_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    )
    for entity, value in mentions.items():
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


# --- commands ---------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome with example questions; `/start <entry-id>` opens that entry."""
    message = update.effective_message
    if message is None:
        return
    svc = services(context)
    kb = svc.matcher.kb
    entry = kb.entry(context.args[0]) if context.args else None
    if entry is None:
        await message.reply_text(copy.WELCOME_HTML)
        return
    _log_opened(svc, update, LogKind.LINK, entry.id)
    await send_html(message, *views.entry_screen(entry, kb))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How to ask in private, in groups and inline."""
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(copy.HELP_HTML.format(username=html.escape(context.bot.username)))


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the bot is, its sources and knowledge-base version, and that it is unofficial."""
    message = update.effective_message
    if message is None:
        return
    svc = services(context)
    await message.reply_text(
        views.about_html(
            svc.matcher.kb, keep_text=svc.settings.keep_text, keep_days=svc.settings.keep_days
        )
    )


async def pillars(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Open the structure browser; its buttons edit this one message."""
    message = update.effective_message
    if message is None:
        return
    screen = views.browse_screen(services(context).matcher.kb, Overview())
    if screen is not None:
        await message.reply_text(screen.text, reply_markup=screen.keyboard)


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/ask <question>` in any chat; with no question, a usage hint."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    quote = _chat_type(update) != ChatType.PRIVATE
    if not context.args:
        await message.reply_text(copy.ASK_USAGE_HTML, do_quote=quote)
        return
    await answer_question(update, context, message.text, quote=quote)


# --- free text and media ------------------------------------------------------------------


async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a private chat every text message (or a photo's caption) is a question."""
    message = update.effective_message
    question = (message.text or message.caption) if message else None
    if question is None:
        return
    await answer_question(update, context, question, quote=False)


async def group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups, answer mentions and replies to the bot; stay silent on everything else."""
    message = update.effective_message
    question = (message.text or message.caption) if message else None
    if message is None or question is None:
        return
    if not addressed_to_bot(message, context.bot.id, context.bot.username):
        return
    await answer_question(update, context, question, quote=True)


async def unknown_command(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have, in a private chat: point to /help."""
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(html.escape(copy.UNKNOWN_COMMAND))


async def media_in_private(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice and the like in a private chat: say only text is understood."""
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(html.escape(copy.MEDIA_ONLY))


async def ignore(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    """Updates the bot leaves alone on purpose (edits, channel posts, other bots)."""
    log.debug("ignored update %s", update.update_id)


# --- buttons ------------------------------------------------------------------------------


async def open_entry(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An entry button: show that entry in the same message."""
    query = update.callback_query
    target = parse(query.data) if query else None
    if query is None or not isinstance(target, OpenEntry):
        return
    svc = services(context)
    entry = svc.matcher.kb.entry(target.entry_id)
    if entry is None:
        await query.answer(copy.STALE_BUTTON)
        return
    await query.answer()
    _log_opened(svc, update, LogKind.BUTTON, entry.id)
    await edit_html(query, *views.entry_screen(entry, svc.matcher.kb))


def _log_opened(svc: Services, update: Update, kind: LogKind, entry_id: str) -> None:
    """Log an entry opened without a question (a deep link or a button) at full score."""
    svc.store.log_query(
        kind=kind,
        chat_type=_chat_type(update),
        chat_id=_chat_id(update),
        entry_id=entry_id,
        score=1.0,
        reason=str(kind),
        update_id=update.update_id,
    )


async def browse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /pillars browser button: redraw the same message one level up or down."""
    query = update.callback_query
    target = parse(query.data) if query else None
    if query is None or not isinstance(target, Browse):
        return
    screen = views.browse_screen(services(context).matcher.kb, target)
    if screen is None:
        await query.answer(copy.STALE_BUTTON)
        return
    await query.answer()
    await edit_html(query, *screen)


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """来源（N）: redraw the answer in place with every source, best first, or fold back.

    Folding back leaves only the best source linked.
    """
    query = update.callback_query
    target = parse(query.data) if query else None
    if query is None or not isinstance(target, Sources):
        return
    keyboard = query.message.reply_markup if isinstance(query.message, Message) else None
    screen = views.sources_screen(services(context).matcher.kb, target, keyboard)
    if screen is None:
        await query.answer(copy.STALE_BUTTON)
        return
    await query.answer()
    await edit_html(query, *screen)


async def feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Helpful / not helpful: record it, thank, and drop the feedback row."""
    query = update.callback_query
    target = parse(query.data) if query else None
    if query is None or not isinstance(target, Feedback):
        return
    svc = services(context)
    if svc.matcher.kb.entry(target.entry_id) is None:
        await query.answer(copy.STALE_BUTTON)  # forged or from a base that lost the entry
        return
    svc.store.log_feedback(
        chat_type=_chat_type(update),
        chat_id=_chat_id(update),
        entry_id=target.entry_id,
        helpful=target.helpful,
        update_id=update.update_id,
    )
    log.info("feedback entry=%s helpful=%s", target.entry_id, target.helpful)
    if not target.helpful and isinstance(query.message, Message):
        asked = svc.asked.recall(query.message.chat_id, query.message.message_id)
        if asked is not None:
            svc.store.keep_question(
                asked[0],
                outcome=review.UNHELPFUL,
                refusal="answered",
                nearest=[(target.entry_id, asked[1])],
                kb_version=svc.matcher.kb.version,
            )
    await query.answer(copy.THANKS_HELPFUL if target.helpful else copy.THANKS_NOT_HELPFUL)
    message = query.message
    if isinstance(message, Message) and message.reply_markup is not None:
        try:
            await query.edit_message_reply_markup(views.without_feedback(message.reply_markup))
        except BadRequest as exc:
            log.debug("feedback buttons not removed: %s", exc.message)


async def unknown_callback(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    """Callback data this version does not know (an old keyboard): a short notice."""
    query = update.callback_query
    if query is None:
        return
    await query.answer(copy.STALE_BUTTON)


# --- inline mode --------------------------------------------------------------------------


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`@bot 低空经济`: up to 10 matching entries; an empty query lists the pillars."""
    query = update.inline_query
    if query is None:
        return
    svc = services(context)
    kb = svc.matcher.kb
    text = query.query.strip()
    if not text:
        results = views.pillar_articles(kb)
    else:
        result = svc.matcher.match(text, top=INLINE_RESULTS, closeness=0.0)
        best = result.matches[0] if result.matches else None
        svc.store.log_query(
            kind=LogKind.INLINE,
            chat_type="inline",
            chat_id=None,
            entry_id=best.entry.id if best else None,
            score=best.score if best else 0.0,
            reason=result.reason,
            update_id=update.update_id,
        )
        results = views.entry_articles(result.matches[:INLINE_RESULTS], kb)
    button = (
        None
        if results
        else InlineQueryResultsButton(text=copy.INLINE_NOTHING_FOUND, start_parameter="inline")
    )
    await query.answer(results, cache_time=INLINE_CACHE_SECONDS, button=button)


# --- admin --------------------------------------------------------------------------------


async def _require_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user, message = update.effective_user, update.effective_message
    if user is not None and user.id in services(context).settings.admin_ids:
        return True
    if message is not None:
        await message.reply_text(html.escape(copy.ADMIN_ONLY))
    return False


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admin: reload the knowledge base and rebuild the matcher; keep the old one on errors."""
    message = update.effective_message
    if message is None or not await _require_admin(update, context):
        return
    svc = services(context)
    old = svc.matcher.kb.version
    try:
        core = svc.settings.core
        kb = await asyncio.to_thread(load, core.kb_dir)
        matcher = await asyncio.to_thread(Matcher, kb, cache_dir=core.cache_dir, isolate_build=True)
    except KnowledgeBaseError as exc:
        log.warning("reload refused: %d problem(s)", len(exc.problems))
        await send_html(message, views.reload_refused_html(exc, old))
        return
    change = diff(svc.matcher.kb, kb)
    svc.matcher = matcher
    log.info(
        "knowledge base reloaded: %s -> %s, %d entries (+%d -%d ~%d)",
        old,
        kb.version,
        len(kb.entries),
        len(change.added),
        len(change.removed),
        len(change.edited),
    )
    await send_html(message, views.reloaded_html(kb, old, change))


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admin: counts from the query log and feedback."""
    message = update.effective_message
    if message is None or not await _require_admin(update, context):
        return
    stats = await asyncio.to_thread(services(context).store.stats)
    await message.reply_text(views.stats_html(stats))


async def gaps_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admin: the ten largest groups of questions that went wrong in the last week."""
    message = update.effective_message
    if message is None or not await _require_admin(update, context):
        return
    svc = services(context)
    if not svc.store.keep_text:
        await message.reply_text(html.escape(copy.GAPS_OFF))
        return
    kb = svc.matcher.kb

    def grouped() -> list[review.Group]:
        if kb.version not in svc.words:
            svc.words = {kb.version: review.Words(kb)}  # one base's splitter at a time
        return review.group(svc.store.kept_questions(GAPS_SINCE), svc.words[kb.version], kb)

    groups = await asyncio.to_thread(grouped)
    await send_html(message, views.gaps_html(groups, kb))


async def map_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The plan as a picture, or as text when no picture can be drawn here.

    `/map en` draws it in English; English users get that by default."""
    message = update.effective_message
    if message is None:
        return
    user = update.effective_user
    if context.args:
        lang = "en" if context.args[0].lower().startswith("en") else "zh"
    else:
        lang = "en" if user is not None and (user.language_code or "").startswith("en") else "zh"
    svc = services(context)
    kb = svc.matcher.kb
    caption = getattr(copy.MAP_CAPTION, lang)
    cached = svc.map_photos.get((kb.version, lang))
    if cached is not None:
        await message.reply_photo(cached, caption=html.escape(caption))
        return
    png = await asyncio.to_thread(planmap.map_png, kb, lang)
    if png is None:
        await send_html(message, views.map_text_html(kb, lang))
        return
    sent = await message.reply_photo(png, caption=html.escape(caption))
    if sent.photo:
        svc.map_photos[(kb.version, lang)] = sent.photo[-1].file_id


async def privacy_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the bot keeps and for how long, in Chinese and English."""
    message = update.effective_message
    if message is None:
        return
    settings = services(context).settings
    await message.reply_text(privacy.privacy_html(settings.keep_text, settings.keep_days))


# --- errors -------------------------------------------------------------------------------


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A failed Bot API call: one line. A bug: its traceback, then a brief word to the user."""
    update_id = update.update_id if isinstance(update, Update) else None
    error = context.error
    if isinstance(error, TelegramError):
        # Sending failed after the retries that made sense (bot/telegram/delivery.py). No generic
        # reply: it would take the same failing path, and the answer may well have arrived.
        level = logging.INFO if delivery.quiet(error) else logging.WARNING
        log.log(level, "update %s: %s", update_id, delivery.describe(error))
        return
    log.error("error while handling update %s", update_id, exc_info=error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(copy.ERROR_REPLY)
        elif update.effective_message is not None and update.inline_query is None:
            await update.effective_message.reply_text(html.escape(copy.ERROR_REPLY))
    except TelegramError:
        log.warning("could not tell the user about the error", exc_info=True)
