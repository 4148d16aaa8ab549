"""Turn a match result into an Answer, and render it as plain text, Telegram HTML or JSON.

Rendering lives here, not in the front ends, so the terminal chat and Telegram say the
same thing and both can be tested without Telegram.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from bot import copy
from bot import text as textmod
from bot.knowledge import Entry, KnowledgeBase, Pillar, Source
from bot.matcher import Result
from bot.scoring import Match
from bot.vocabulary import Style

TELEGRAM_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class Answer:
    query: str
    matched: bool
    reason: str  # answered, or the refusal class
    entry: Entry | None
    pillar: Pillar | None
    score: float
    why: tuple[str, ...]
    alternatives: tuple[Match, ...]
    style: Style = Style.ZH_HANS
    rule: str = ""  # which small-talk rule declined it (greeting, about-bot)

    @property
    def refusal(self) -> str | None:
        """The refusal class (DESIGN.md's JSON contract); None when answered."""
        return None if self.matched else self.reason

    def to_json(self) -> dict[str, Any]:
        """The object of `policybot ask --json` (DESIGN.md contract)."""
        entry = self.entry
        return {
            "query": self.query,
            "matched": self.matched,
            "pillar": self.pillar.id if self.pillar else None,
            "pillar_name": self.pillar.name if self.pillar else None,
            "entry": entry.id if entry else None,
            "title": entry.title if entry else None,
            "passage": entry.passage if entry else None,
            "score": self.score,
            "sources": [source_json(r.source) for r in entry.sources_best_first] if entry else [],
            "alternatives": [
                {
                    "entry": m.entry.id,
                    "title": m.entry.title,
                    "pillar": m.entry.pillar,
                    "score": m.score,
                }
                for m in self.alternatives
            ],
            "why": list(self.why),
            "refusal": self.refusal,
        }


def build_answer(result: Result, kb: KnowledgeBase) -> Answer:
    """The Answer for a match result: its best entry, or why there is none."""
    best = result.best
    entry = best.entry if best else None
    return Answer(
        query=result.query,
        matched=best is not None,
        reason=result.reason,
        entry=entry,
        pillar=kb.pillar(entry.pillar) if entry else None,
        score=best.score if best else (result.matches[0].score if result.matches else 0.0),
        why=best.why if best else (),
        alternatives=result.alternatives,
        style=Style.of(traditional=result.traditional, english=result.english),
        rule=result.unstated or (result.understanding.rule if result.understanding else ""),
    )


def answer_for_entry(entry: Entry, kb: KnowledgeBase) -> Answer:
    """An answer that opens one entry directly (a button, a deep link, inline mode)."""
    return Answer(
        query=entry.title,
        matched=True,
        reason="answered",
        entry=entry,
        pillar=kb.pillar(entry.pillar),
        score=1.0,
        why=(),
        alternatives=(),
    )


def pillar_label(pillar: Pillar) -> str:
    """A pillar as replies name it: 【digit · name】."""
    return f"【{pillar.digit} · {pillar.name}】"


def _script(answer: Answer, s: str) -> str:
    return textmod.to_traditional(s) if answer.style is Style.ZH_HANT else s


def no_answer_text(answer: Answer) -> str:
    """Why there is no answer, in one line fitted to the refusal class."""
    wording = copy.NO_ANSWER.get(answer.rule) or copy.NO_ANSWER.get(
        answer.reason, copy.NO_ANSWER["no-match"]
    )
    return wording.en if answer.style is Style.EN else _script(answer, wording.zh)


def did_you_mean(answer: Answer) -> str:
    """The line above the entries offered instead of an answer.

    "Did you mean" for no match, "related entries" for a declined question that named a
    plan topic."""
    if answer.reason == "horizon":
        return ""  # the refusal line itself introduces the 2035 goals
    wording = copy.DID_YOU_MEAN if answer.reason == "no-match" else copy.OFFERED
    return wording.en if answer.style is Style.EN else _script(answer, wording.zh)


def source_json(source: Source) -> dict[str, Any]:
    """One source in `--json`: the contract's title and url, then its grade.

    A repost also says where the text first appeared."""
    data: dict[str, Any] = {
        "title": source.title,
        "url": source.url,
        "publisher": source.publisher,
        "date": source.date,
        "kind": source.kind,
        "authority": source.authority,
    }
    if source.original is not None:
        data["original"] = {
            "publisher": source.original.publisher,
            "title": source.original.title,
            "url": source.original.url,
        }
    return data


def source_label(source: Source) -> str:
    """Publisher, title, date and kind of one source, as a reply names it.

    A repost is named by its original publisher and marked 转载, so a reader knows whose
    report the link carries and that the page is a copy."""
    if source.original is not None:
        original = source.original
        return copy.SOURCE_LINE.format(
            publisher=original.publisher,
            title=_nested_title(original.title),
            date=source.date,
            kind=copy.SOURCE_KIND_REPOST,
        )
    kind = (
        copy.SOURCE_KIND_OFFICIAL
        if source.is_official
        else copy.SOURCE_KIND_COMMENTARY
        if source.kind == "commentary"
        else copy.SOURCE_KIND_REPORT
    )
    return copy.SOURCE_LINE.format(
        publisher=source.publisher, title=_nested_title(source.title), date=source.date, kind=kind
    )


def _nested_title(title: str) -> str:
    """A title set inside the line's 《》, its own 《》 written 〈〉.

    Chinese typesetting nests them so: 《〈广州市低空经济发展实施方案〉政策解读》, not
    《《…》政策解读》."""
    return title.replace("《", "〈").replace("》", "〉")


def source_lines(entry: Entry) -> list[tuple[str, str]]:
    """(label, url) per source, best first.

    Official, major outlet, commercial, commentary, repost; equal grades keep the order
    the curator gave."""
    return [(source_label(ref.source), ref.source.url) for ref in entry.sources_best_first]


def render_text(answer: Answer) -> str:
    """Plain text for the terminal chat."""
    if not answer.matched or answer.entry is None or answer.pillar is None:
        out = [no_answer_text(answer)]
        if answer.alternatives:
            out += [did_you_mean(answer)] if did_you_mean(answer) else []
            out += [
                f"  · {_script(answer, m.entry.title)} ({m.entry.title_en})"
                for m in answer.alternatives
            ]
        return "\n".join(out)
    e = answer.entry
    out = [_script(answer, f"{e.title}  {pillar_label(answer.pillar)}")]
    if answer.style is Style.EN:
        out.append(f"{e.title_en}: {e.summary_en}")
    out += ["", _script(answer, e.passage), ""]
    out += [
        _script(answer, f"{copy.SOURCES_LABEL}{label}") + f"\n  {url}"
        for label, url in source_lines(e)
    ]
    if answer.alternatives:
        out.append(
            _script(answer, copy.RELATED_LABEL)
            + "；".join(_script(answer, m.entry.title) for m in answer.alternatives)
        )
    return "\n".join(out)


def render_html(answer: Answer, *, all_sources: bool = True) -> str:
    """Telegram HTML. Every knowledge- and user-derived string is escaped.

    A no-answer with alternatives ends in 'did you mean'; the front end shows the
    alternatives themselves as buttons. With `all_sources` every source is listed,
    numbered, best first; without, only the best one is linked (Telegram offers the rest
    behind a button, to stay short on a phone).
    """
    esc = html.escape
    if not answer.matched or answer.entry is None or answer.pillar is None:
        text = esc(no_answer_text(answer))
        if answer.alternatives and did_you_mean(answer):
            text += "\n\n" + esc(did_you_mean(answer))
        return text
    e = answer.entry
    parts = [
        f"<b>{esc(_script(answer, e.title))}</b>",
        f"<i>{esc(_script(answer, pillar_label(answer.pillar)))}</i>",
    ]
    if answer.style is Style.EN:
        parts.append(f"<b>{esc(e.title_en)}</b> — {esc(e.summary_en)}")
    parts.append(esc(_script(answer, e.passage)))
    links = [
        f'<a href="{esc(url, quote=True)}">{esc(_script(answer, label))}</a>'
        for label, url in source_lines(e)
    ]
    if all_sources and len(links) > 1:
        heading = esc(_script(answer, copy.SOURCES_HEADING.format(count=len(links))))
        parts.append(heading + "\n" + "\n".join(f"{i}. {link}" for i, link in enumerate(links, 1)))
    else:
        parts.append(esc(_script(answer, copy.SOURCES_LABEL)) + links[0])
    return "\n\n".join(parts)


_OPEN_TAG = re.compile(r"<([a-z]+)\b[^>]*>")
_CLOSE_TAG = re.compile(r"</([a-z]+)>")


def _balanced(html_text: str) -> bool:
    """No tag left open and no '<' unclosed: a safe place to end a message part."""
    if html_text.rfind("<") > html_text.rfind(">"):
        return False
    return sorted(_OPEN_TAG.findall(html_text)) == sorted(_CLOSE_TAG.findall(html_text))


def _cut(para: str, limit: int) -> int:
    """Where to cut an over-long paragraph: a line, clause or word boundary outside any tag."""
    for sep in ("\n", "；", "。", " "):
        pos = para.rfind(sep, 0, limit)
        while pos > limit // 2:
            cut = pos + (len(sep) if sep != "\n" else 0)
            if _balanced(para[:cut]):
                return cut
            pos = para.rfind(sep, 0, pos)
    cut = limit
    while cut > limit // 2 and not _balanced(para[:cut]):
        cut -= 1
    return cut if cut > limit // 2 else limit


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split at paragraph, then line or clause boundaries (never inside a tag) to fit Telegram."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for para in text.split("\n\n"):
        candidate = f"{current}\n\n{para}" if current else para
        if len(candidate) <= limit:
            current = candidate
            continue
        if len(para) <= limit:
            parts.append(current)
            current = para
            continue
        # An over-long paragraph fills up the current part and continues in the next.
        rest = candidate
        while len(rest) > limit:
            cut = _cut(rest, limit)
            parts.append(rest[:cut].rstrip("\n"))
            rest = rest[cut:].lstrip("\n")
        current = rest
    if current:
        parts.append(current)
    return parts


# --- the plan's structure: one view model, rendered as text and as HTML ---------------------


@dataclass(frozen=True, slots=True)
class PillarSummary:
    """One line of the overview: a pillar and how many entries it holds."""

    pillar: Pillar
    entries: int

    @property
    def label(self) -> str:
        return pillar_label(self.pillar)


def overview(kb: KnowledgeBase) -> list[PillarSummary]:
    """The plan in one screen: every pillar in the plan's order with its entry count."""
    return [PillarSummary(p, len(kb.entries_of(p.id))) for p in kb.pillars]


def overview_text(summaries: list[PillarSummary]) -> str:
    """The overview for the terminal: label, English name, count and the pillar's summary."""
    lines = [f"{copy.PLAN_NAME}："]
    for s in summaries:
        count = copy.ENTRY_COUNT.format(count=s.entries)
        lines += [f"{s.label} {s.pillar.name_en} — {count}", f"    {s.pillar.summary}"]
    return "\n".join(lines)


def overview_html(summaries: list[PillarSummary]) -> str:
    """The overview for Telegram: the top of the /pillars browser."""
    esc = html.escape
    lines = [f"<b>{esc(copy.PLAN_NAME)}</b>", ""]
    lines += [
        f"<b>{esc(s.label)}</b> {esc(s.pillar.name_en)} · "
        f"{esc(copy.ENTRY_COUNT.format(count=s.entries))}"
        for s in summaries
    ]
    lines += ["", esc(copy.OVERVIEW_HINT)]
    return "\n".join(lines)


def first_line(entry: Entry, limit: int = 80) -> str:
    """The passage's first sentence, cut to `limit` characters: a preview line."""
    sentence = entry.passage.split("。", 1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
