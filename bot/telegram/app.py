"""The composition root: the Application, its services and every handler, registered once.

The command table below feeds both the handlers and the bilingual command menu. Handlers
are registered in commented blocks where their order matters.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
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

from bot.matcher import Matcher
from bot.settings import Settings
from bot.store import Store
from bot.telegram import handlers
from bot.telegram.callback_data import (
    DigitGroup,
    Feedback,
    OpenEntry,
    Overview,
    PillarPage,
    Sources,
    is_a,
)
from bot.telegram.delivery import Delivery
from bot.telegram.dispatch import Dispatcher, FloodGate
from bot.telegram.services import Services, services

log = logging.getLogger(__name__)

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
App = Application[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    zh: str  # the menu's description in Chinese and in English
    en: str
    callback: Handler
    in_menu: bool = True


COMMANDS: tuple[Command, ...] = (
    Command("ask", "提问：/ask 问题", "Ask: /ask question", handlers.ask),
    Command(
        "pillars", "按 1 → 2 → 21 → 8 浏览体系", "Browse the plan: 1 → 2 → 21 → 8", handlers.pillars
    ),
    Command("help", "用法", "How to use this bot", handlers.help_command),
    Command("about", "关于、来源与免责声明", "About, sources and disclaimer", handlers.about),
    Command("map", "体系结构图", "The plan as a picture", handlers.map_command),
    Command(
        "privacy",
        "隐私：保存什么、保存多久",
        "Privacy: what is kept, for how long",
        handlers.privacy_command,
    ),
    Command("start", "开始", "Start", handlers.start),
    Command(
        "reload",
        "管理员：重新加载知识库",
        "Admin: reload the knowledge base",
        handlers.reload_command,
        in_menu=False,
    ),
    Command("stats", "管理员：统计", "Admin: statistics", handlers.stats_command, in_menu=False),
    Command(
        "gaps",
        "管理员：最近未答好的问题",
        "Admin: questions that went wrong lately",
        handlers.gaps_command,
        in_menu=False,
    ),
)


async def post_init(application: App) -> None:
    """Set the command menu in Chinese and English from COMMANDS."""
    menu = [c for c in COMMANDS if c.in_menu]
    await application.bot.set_my_commands([BotCommand(c.name, c.zh) for c in menu])
    await application.bot.set_my_commands(
        [BotCommand(c.name, c.en) for c in menu], language_code="en"
    )
    kb = services(application).matcher.kb
    log.info(
        "ready as @%s: %d entries, knowledge base %s",
        application.bot.username,
        len(kb.entries),
        kb.version,
    )


async def post_shutdown(application: App) -> None:
    """Close the store when the Application stops."""
    services(application).store.close()


def build_application(
    settings: Settings,
    matcher: Matcher,
    *,
    store: Store | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
) -> App:
    """The Application with every handler registered; `request`s replace HTTP in tests."""
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
            )
        )
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    # Pacing fair among chats (30 messages/s overall, 20/min per group; off only for
    # benchmarks), 429 waits for the chat that got it, retries of transient failures.
    # (the builder's generic is typed for "no rate limiter"; Delivery is the real one)
    builder = builder.rate_limiter(Delivery(pace=settings.rate_limit))  # type: ignore[arg-type]
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = builder.build()
    application.bot_data["services"] = Services(
        settings=settings,
        matcher=matcher,
        store=store
        or Store(settings.db_path, keep_text=settings.keep_text, keep_days=settings.keep_days),
    )

    message = filters.UpdateType.MESSAGE  # new messages only: edits are not new questions
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS

    # 1. Ignored on purpose, before anything else can match: other bots (no bot-to-bot
    #    loops), edited messages and channel posts.
    application.add_handler(MessageHandler(handlers.FROM_OTHER_BOT, handlers.ignore))
    application.add_handler(
        MessageHandler(
            filters.UpdateType.EDITED | filters.UpdateType.CHANNEL_POSTS, handlers.ignore
        )
    )

    # 2. Commands, from the same list as the menu. CommandHandler accepts /ask@thisbot and
    #    ignores /ask@otherbot.
    for command in COMMANDS:
        application.add_handler(CommandHandler(command.name, command.callback, filters=message))

    # 3. Free text, and a photo's caption: every private message is a question; in groups
    #    only mentions and replies. An unknown command in private gets a pointer to /help.
    worded = filters.TEXT | filters.CAPTION
    application.add_handler(
        MessageHandler(message & private & worded & ~filters.COMMAND, handlers.private_question)
    )
    application.add_handler(
        MessageHandler(message & groups & worded & ~filters.COMMAND, handlers.group_message)
    )
    application.add_handler(
        MessageHandler(message & private & filters.COMMAND, handlers.unknown_command)
    )

    # 4. Anything else in a private chat (stickers, voice, a photo without a caption): a
    #    hint. Group media and unknown commands in groups fall through to silence.
    application.add_handler(
        MessageHandler(
            message & private & ~worded & ~filters.StatusUpdate.ALL, handlers.media_in_private
        )
    )

    # 5. Buttons, by what their callback data parses as; the last one catches stale or
    #    foreign data.
    application.add_handler(CallbackQueryHandler(handlers.open_entry, pattern=is_a(OpenEntry)))
    application.add_handler(CallbackQueryHandler(handlers.feedback, pattern=is_a(Feedback)))
    application.add_handler(CallbackQueryHandler(handlers.sources, pattern=is_a(Sources)))
    application.add_handler(
        CallbackQueryHandler(handlers.browse, pattern=is_a(Overview, DigitGroup, PillarPage))
    )
    application.add_handler(CallbackQueryHandler(handlers.unknown_callback))

    # 6. Inline mode.
    application.add_handler(InlineQueryHandler(handlers.inline_query))

    application.add_error_handler(handlers.error_handler)
    return application


def build_dispatcher(application: App, *, remember_handled: bool = True) -> Dispatcher:
    """The one way updates are handled, for polling and webhooks.

    Ordered within a chat, concurrent across chats, at most BOT_MAX_IN_FLIGHT at once,
    flood control first.

    `remember_handled`: skip updates the store says were handled (a redelivery after a
    crash); off where the caller checks that itself (the webhook server)."""
    svc = services(application)
    settings = svc.settings

    async def count_drop(chat_type: str) -> None:
        svc.store.log_flood_drop(chat_type)

    return Dispatcher(
        application,
        limit=settings.max_in_flight,
        flood=FloodGate(settings.flood_private, settings.flood_group),
        on_flood_drop=count_drop,
        handled=svc.store if remember_handled else None,
    )
