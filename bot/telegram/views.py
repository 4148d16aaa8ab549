"""Screens and keyboards: pure functions of the knowledge base and an Answer.

Nothing here sends anything, so every screen can be tested without an Application.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from typing import NamedTuple

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)

from bot import answer as answers
from bot import copy, planmap, privacy, review
from bot import text as textmod
from bot.knowledge import BaseDiff, Entry, KnowledgeBase, KnowledgeBaseError, Pillar
from bot.scoring import CONFIDENT, Match
from bot.store import Stats
from bot.telegram.callback_data import (
    Browse,
    Button,
    DigitGroup,
    Feedback,
    OpenEntry,
    Overview,
    PillarPage,
    Sources,
    encode,
    parse,
)
from bot.vocabulary import Style

PAGE_SIZE = 8
MAX_BUTTON_LABEL = 32
MAX_ALTERNATIVE_BUTTONS = 3
MAX_ENTRY_BUTTONS = 6  # alternatives and related entries together, above the feedback row
MAX_PROBLEMS_SHOWN = 20
MAX_IDS_SHOWN = 10


class Screen(NamedTuple):
    text: str  # Telegram HTML
    keyboard: InlineKeyboardMarkup


def button(label: str, target: Button) -> InlineKeyboardButton:
    """A button that sends `target` back as its callback data."""
    return InlineKeyboardButton(label, callback_data=encode(target))


def label(entry: Entry, style: Style = Style.ZH_HANS) -> str:
    """The entry's title in the reply's language and script, cut to fit a button."""
    match style:
        case Style.EN:
            title = entry.title_en
        case Style.ZH_HANT:
            title = textmod.to_traditional(entry.title)
        case _:
            title = entry.title
    return title if len(title) <= MAX_BUTTON_LABEL else title[: MAX_BUTTON_LABEL - 1] + "…"


def _feedback_row(entry: Entry) -> list[InlineKeyboardButton]:
    return [
        button(copy.BUTTON_HELPFUL, Feedback(entry.id, helpful=True)),
        button(copy.BUTTON_NOT_HELPFUL, Feedback(entry.id, helpful=False)),
    ]


# --- answers ------------------------------------------------------------------------------


def _sources_row(answer: answers.Answer, *, all_sources: bool) -> list[InlineKeyboardButton]:
    """The 来源（N） button, or once opened the one that folds the list away.

    None when the entry has a single source, which the answer already links.
    """
    entry = answer.entry
    if entry is None or len(entry.sources) < 2:
        return []
    text = (
        copy.BUTTON_SOURCES_FEWER
        if all_sources
        else copy.BUTTON_SOURCES.format(count=len(entry.sources))
    )
    return [
        button(
            text,
            Sources(
                entry.id,
                all_sources=not all_sources,
                english=answer.style is Style.EN,
                traditional=answer.style is Style.ZH_HANT,
            ),
        )
    ]


def answer_keyboard(answer: answers.Answer, kb: KnowledgeBase) -> InlineKeyboardMarkup:
    """Did-you-mean alternatives and related entries as buttons, then feedback or browse."""
    rows: list[list[InlineKeyboardButton]] = []
    shown: set[str] = set()
    for m in answer.alternatives[:MAX_ALTERNATIVE_BUTTONS]:
        shown.add(m.entry.id)
        rows.append(
            [
                button(
                    copy.BUTTON_ALTERNATIVE.format(title=label(m.entry, answer.style)),
                    OpenEntry(m.entry.id),
                )
            ]
        )
    if answer.entry is not None:
        shown.add(answer.entry.id)
        for rid in answer.entry.related:
            related = kb.entry(rid)
            if related is not None and rid not in shown and len(rows) < MAX_ENTRY_BUTTONS:
                shown.add(rid)
                rows.append(
                    [
                        button(
                            copy.BUTTON_RELATED.format(title=label(related, answer.style)),
                            OpenEntry(rid),
                        )
                    ]
                )
        if sources := _sources_row(answer, all_sources=False):
            rows.append(sources)
        rows.append(_feedback_row(answer.entry))
    else:
        rows.append([button(copy.BUTTON_BROWSE, Overview())])
    return InlineKeyboardMarkup(rows)


def entry_screen(entry: Entry, kb: KnowledgeBase) -> Screen:
    """An entry opened directly (button, deep link): the entry and its keyboard.

    Only the best source is linked; the rest wait behind 来源（N）.
    """
    answer = answers.answer_for_entry(entry, kb)
    return Screen(answers.render_html(answer, all_sources=False), entry_keyboard(entry, kb))


def entry_keyboard(entry: Entry, kb: KnowledgeBase) -> InlineKeyboardMarkup:
    """An entry opened from a button: related entries, the way back, sources, feedback."""
    rows = [
        [button(copy.BUTTON_RELATED.format(title=label(r)), OpenEntry(r.id))]
        for r in (kb.entry(rid) for rid in entry.related)
        if r is not None
    ]
    pillar = kb.pillar(entry.pillar)
    if pillar is not None:
        rows.append(
            [
                button(
                    copy.BUTTON_BACK_TO_PILLAR.format(label=answers.pillar_label(pillar)),
                    PillarPage(pillar.id),
                )
            ]
        )
    if sources := _sources_row(answers.answer_for_entry(entry, kb), all_sources=False):
        rows.append(sources)
    rows.append(_feedback_row(entry))
    return InlineKeyboardMarkup(rows)


def sources_screen(
    kb: KnowledgeBase, target: Sources, keyboard: InlineKeyboardMarkup | None
) -> Screen | None:
    """The answer redrawn with all its sources, or folded back to the best one.

    It keeps the language and script it was given in, and the message's other buttons stay
    as they were. None when the entry is no longer in the base.
    """
    entry = kb.entry(target.entry_id)
    if entry is None:
        return None
    answer = dataclasses.replace(
        answers.answer_for_entry(entry, kb),
        style=Style.of(traditional=target.traditional, english=target.english),
    )
    toggle = _sources_row(answer, all_sources=target.all_sources)
    if keyboard is None:
        keyboard = entry_keyboard(entry, kb)
    rows = [
        toggle if any(isinstance(parse(b.callback_data), Sources) for b in row) else list(row)
        for row in keyboard.inline_keyboard
    ]
    return Screen(
        answers.render_html(answer, all_sources=target.all_sources),
        InlineKeyboardMarkup([row for row in rows if row]),
    )


def without_feedback(keyboard: InlineKeyboardMarkup) -> InlineKeyboardMarkup | None:
    """The keyboard with its feedback row dropped (None when nothing is left)."""
    rows = [
        list(row)
        for row in keyboard.inline_keyboard
        if not any(isinstance(parse(b.callback_data), Feedback) for b in row)
    ]
    return InlineKeyboardMarkup(rows) if rows else None


# --- the /pillars browser -------------------------------------------------------------


def digit_groups(kb: KnowledgeBase) -> list[tuple[str, tuple[Pillar, ...]]]:
    """The pillars grouped by digit in the plan's order: 1, 2, 21, 8, then the rest."""
    groups: dict[str, list[Pillar]] = {}
    for p in kb.pillars:
        groups.setdefault(p.digit, []).append(p)
    return [(digit, tuple(ps)) for digit, ps in groups.items()]


def pillar_html(pillar: Pillar, kb: KnowledgeBase) -> str:
    """One pillar's page: its label, summary in Chinese and English, and entry count."""
    esc = html.escape
    return "\n\n".join(
        [
            f"<b>{esc(answers.pillar_label(pillar))}</b>",
            esc(pillar.summary),
            f"<i>{esc(pillar.name_en)}</i> — {esc(pillar.summary_en)}",
            esc(copy.PILLAR_ENTRIES.format(count=len(kb.entries_of(pillar.id)))),
        ]
    )


def browse_screen(kb: KnowledgeBase, target: Browse) -> Screen | None:
    """The browser screen for `target`, or None when it names nothing in this base."""
    groups = digit_groups(kb)
    match target:
        case Overview():
            rows = []
            for i, (digit, pillars) in enumerate(groups):
                to: Browse = PillarPage(pillars[0].id) if len(pillars) == 1 else DigitGroup(i)
                names = " / ".join(p.name for p in pillars)
                rows.append([button(f"{digit} · {names}", to)])
            return Screen(answers.overview_html(answers.overview(kb)), InlineKeyboardMarkup(rows))
        case DigitGroup(index) if index < len(groups):
            digit, pillars = groups[index]
            text = "\n\n".join(
                [f"<b>{html.escape(digit)}</b>"]
                + [
                    f"<b>{html.escape(answers.pillar_label(p))}</b>\n{html.escape(p.summary)}"
                    for p in pillars
                ]
            )
            rows = [[button(answers.pillar_label(p), PillarPage(p.id))] for p in pillars]
            rows.append([button(copy.BUTTON_BACK_TO_OVERVIEW, Overview())])
            return Screen(text, InlineKeyboardMarkup(rows))
        case PillarPage(pillar_id, page):
            pillar = kb.pillar(pillar_id)
            return None if pillar is None else _pillar_page(kb, pillar, page, groups)
    return None


def _pillar_page(
    kb: KnowledgeBase, pillar: Pillar, page: int, groups: Sequence[tuple[str, tuple[Pillar, ...]]]
) -> Screen:
    entries = kb.entries_of(pillar.id)
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    page = min(page, pages - 1)
    rows = [
        [button(label(e), OpenEntry(e.id))]
        for e in entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ]
    nav = []
    if page > 0:
        nav.append(button(copy.BUTTON_PREVIOUS_PAGE, PillarPage(pillar.id, page - 1)))
    if page < pages - 1:
        nav.append(button(copy.BUTTON_NEXT_PAGE, PillarPage(pillar.id, page + 1)))
    if nav:
        rows.append(nav)
    group = next((i for i, (_, ps) in enumerate(groups) if pillar in ps and len(ps) > 1), None)
    if group is not None:
        rows.append([button(copy.BUTTON_BACK_UP, DigitGroup(group))])
    else:
        rows.append([button(copy.BUTTON_BACK_TO_OVERVIEW, Overview())])
    text = pillar_html(pillar, kb)
    if pages > 1:
        text += copy.PAGE_OF.format(page=page + 1, pages=pages)
    return Screen(text, InlineKeyboardMarkup(rows))


# --- inline mode -----------------------------------------------------------------------


def pillar_articles(kb: KnowledgeBase) -> list[InlineQueryResultArticle]:
    """An empty inline query: one result per pillar."""
    return [
        InlineQueryResultArticle(
            id=f"pillar-{p.id}",
            title=answers.pillar_label(p),
            description=p.name_en,
            input_message_content=InputTextMessageContent(pillar_html(p, kb)),
        )
        for p in kb.pillars
    ]


def entry_articles(matches: Sequence[Match], kb: KnowledgeBase) -> list[InlineQueryResultArticle]:
    """Inline results for `matches`, best first: each inserts the entry's answer."""
    results = []
    for m in matches:
        pillar = kb.pillar(m.entry.pillar)
        pillar_label = answers.pillar_label(pillar) if pillar else ""
        body = answers.render_html(answers.answer_for_entry(m.entry, kb))
        results.append(
            InlineQueryResultArticle(
                id=m.entry.id,
                title=m.entry.title,
                description=f"{pillar_label}\n{answers.first_line(m.entry)}",
                input_message_content=InputTextMessageContent(answers.split_message(body)[0]),
            )
        )
    return results


# --- /about, /stats, /reload --------------------------------------------------------------


def about_html(
    kb: KnowledgeBase, *, keep_text: bool = True, keep_days: int = privacy.DEFAULT_KEEP_DAYS
) -> str:
    """/about: what the bot is, the base's size, version and date, and what it keeps.

    It also says that the bot is not official."""
    esc = html.escape
    return (
        copy.ABOUT_HTML.format(
            entries=len(kb.entries),
            sources=len(kb.sources),
            official=sum(1 for s in kb.sources.values() if s.is_official),
            version=esc(kb.version),
            updated=esc(kb.updated),
            disclaimer=esc(copy.DISCLAIMER),
            channels=esc(copy.OFFICIAL_CHANNELS),
        )
        + "\n\n"
        + esc(privacy.about_line(keep_text, keep_days))
    )


def stats_html(stats: Stats) -> str:
    """Counts from the query log and feedback."""

    def pairs(items: dict[str, int] | list[tuple[str, int]]) -> str:
        seq = items.items() if isinstance(items, dict) else items
        return "，".join(f"{html.escape(str(k))} {v}" for k, v in seq) or "—"

    refused = sorted(stats.refused_by_class.items(), key=lambda kv: (-kv[1], kv[0]))
    feedback = (
        "，".join(
            f"{html.escape(entry)} {up}/{down}" for entry, up, down in stats.feedback_by_entry
        )
        or "—"
    )
    return (
        copy.STATS_HTML.format(
            queries=stats.queries,
            answered=stats.answered,
            chats=stats.chats,
            by_reason=pairs(stats.by_reason),
            by_chat_type=pairs(stats.by_chat_type),
            helpful=stats.helpful,
            not_helpful=stats.not_helpful,
            top_entries=pairs(stats.top_entries),
            unhelpful_entries=pairs(stats.unhelpful_entries),
            flood_drops=pairs(stats.flood_drops),
        )
        + "\n"
        + copy.STATS_MORE_HTML.format(
            share=f"{stats.answered_share:.0%}", refused=pairs(refused), feedback=feedback
        )
    )


def reloaded_html(kb: KnowledgeBase, old_version: str, change: BaseDiff | None = None) -> str:
    """/reload worked: the new size and version, and the one it replaced.

    Then which entries were added, removed and edited."""
    text = copy.RELOADED_HTML.format(
        entries=len(kb.entries), version=html.escape(kb.version), old=html.escape(old_version)
    )
    if change is None:
        return text
    if not change:
        return f"{text}\n{html.escape(copy.RELOAD_NO_CHANGES)}"

    def ids(items: tuple[str, ...]) -> str:
        if not items:
            return copy.RELOAD_NONE
        shown = "、".join(items[:MAX_IDS_SHOWN])
        more = copy.RELOAD_MORE_IDS.format(count=len(items)) if len(items) > MAX_IDS_SHOWN else ""
        return f"{len(items)}：{shown}{more}"

    lines = [
        text,
        html.escape(
            copy.RELOAD_CHANGES.format(
                added=ids(change.added), removed=ids(change.removed), edited=ids(change.edited)
            )
        ),
    ]
    if change.other:
        lines.append(html.escape(copy.RELOAD_OTHER_CHANGES.format(what="、".join(change.other))))
    return "\n".join(lines)


def gaps_html(groups: Sequence[review.Group], kb: KnowledgeBase, top: int = 10) -> str:
    """/gaps: the largest groups of kept questions, each with examples, class, nearest, why."""
    esc = html.escape
    if not groups:
        return esc(copy.GAPS_EMPTY)
    lines = [
        copy.GAPS_TITLE_HTML.format(
            questions=sum(g.count for g in groups), groups=len(groups), shown=min(top, len(groups))
        )
    ]
    for n, g in enumerate(groups[:top], 1):
        examples = " / ".join(f"“{esc(e)}”" for e in g.examples[:2])
        lines.append(
            copy.GAPS_GROUP_HTML.format(
                n=n,
                count=g.count,
                refusal=esc(g.refusal),
                examples=examples,
                why=esc(_why_zh(g, kb)),
            )
        )
    lines.append(esc(copy.GAPS_FOOTER))
    return "\n".join(lines)


def _why_zh(g: review.Group, kb: KnowledgeBase) -> str:
    """Why the base fell short for a group, in Chinese, for /gaps."""
    top = g.nearest[0] if g.nearest else None
    entry = kb.entry(top.entry) if top else None
    title = entry.title if entry else (top.entry if top else "")
    title = title if title.startswith("《") else f"《{title}》"  # a document's title has them
    if g.outcome == review.UNHELPFUL:
        return copy.GAPS_WHY_UNHELPFUL.format(title=title)
    if g.refusal == "no-match":
        if top is None:
            return copy.GAPS_WHY_NOTHING
        return copy.GAPS_WHY_NEAREST.format(title=title, score=top.score, bar=CONFIDENT)
    wording = copy.GAPS_WHY_GAP if g.draftable else copy.GAPS_WHY_BY_DESIGN
    return wording.format(refusal=g.refusal)


def map_text_html(kb: KnowledgeBase, lang: str) -> str:
    """/map where no picture can be drawn: the same structure as text."""
    return f"<pre>{html.escape(planmap.map_text(planmap.plan_map(kb, lang)))}</pre>"


def reload_refused_html(error: KnowledgeBaseError, kept_version: str) -> str:
    """/reload found problems: the first of them, and the version still in use."""
    problems = error.problems
    shown = "\n".join(html.escape(str(p)) for p in problems[:MAX_PROBLEMS_SHOWN])
    more = (
        copy.RELOAD_MORE_PROBLEMS.format(count=len(problems) - MAX_PROBLEMS_SHOWN)
        if len(problems) > MAX_PROBLEMS_SHOWN
        else ""
    )
    return copy.RELOAD_REFUSED_HTML.format(
        count=len(problems), version=html.escape(kept_version), shown=shown, more=more
    )
