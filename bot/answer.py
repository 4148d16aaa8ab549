"""Turn a match result into an Answer, and render it as plain text, Telegram HTML or JSON.

Rendering lives here, not in the front ends, so the terminal chat and Telegram say the
same thing and both can be tested without Telegram.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from bot import text as textmod
from bot.knowledge import Entry, KnowledgeBase, Pillar
from bot.matcher import Match, Result

TELEGRAM_LIMIT = 4096
DISCLAIMER = "本回答由项目依据公开报道整理，不是官方解读；以政府部门发布的文件为准。"
OFFICIAL_CHANNELS = "广州市人民政府门户网站 (www.gz.gov.cn)、12345政务服务便民热线"

_NO_ANSWER = {
    "empty": ("请直接输入你想了解的问题，例如：“低空经济属于哪一类产业？”",
              "Please type a question, for example: What is 12218?"),
    "no_text": ("我只看得懂文字问题😊 试试问：“12218是什么？”或发送 /pillars 浏览全部内容。",
                "I can only read text questions. Try: What is 12218? Or send /pillars."),
    "greeting": ("你好！我可以解答广州“12218”现代化产业体系的相关问题，例如：“两业融合是什么？”"
                 "“15个战略性产业集群有哪些？”发送 /pillars 浏览全部内容。",
                 "Hello! Ask me about Guangzhou's 12218 modern industrial system, e.g. "
                 "What are the 15 strategic clusters? Send /pillars to browse."),
    "out_of_scope": ("这个问题不在我的范围内：我只解答广州“12218”现代化产业体系（产业集群、未来产业、"
                     "现代服务业、两业融合、两化转型及相关举措）的问题。发送 /pillars 看看我能回答什么。",
                     "That is outside what I cover: I only answer questions about Guangzhou's 12218 "
                     "modern industrial system. Send /pillars to see what I can answer."),
    "no_match": ("抱歉，我的资料里没有能可靠回答这个问题的内容。可以换个说法，或发送 /pillars "
                 "按体系结构浏览。",
                 "Sorry, I have nothing that reliably answers that. Try other words, or send "
                 "/pillars to browse the plan."),
}


@dataclass(frozen=True, slots=True)
class Answer:
    query: str
    matched: bool
    reason: str
    entry: Entry | None
    pillar: Pillar | None
    score: float
    why: tuple[str, ...]
    alternatives: tuple[Match, ...]
    traditional: bool = False
    english: bool = False

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
            "sources": [{"title": r.source.title, "url": r.source.url}
                        for r in entry.sources] if entry else [],
            "alternatives": [
                {"entry": m.entry.id, "title": m.entry.title, "pillar": m.entry.pillar,
                 "score": m.score}
                for m in self.alternatives
            ],
            "why": list(self.why),
        }


def build_answer(result: Result, kb: KnowledgeBase) -> Answer:
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
        traditional=result.traditional,
        english=result.english,
    )


def answer_for_entry(entry: Entry, kb: KnowledgeBase) -> Answer:
    """An answer that opens one entry directly (a button, a deep link, inline mode)."""
    return Answer(query=entry.title, matched=True, reason="answered", entry=entry,
                  pillar=kb.pillar(entry.pillar), score=1.0, why=(), alternatives=())


def pillar_label(pillar: Pillar) -> str:
    return f"【{pillar.digit} · {pillar.name}】"


def _script(answer: Answer, s: str) -> str:
    return textmod.to_traditional(s) if answer.traditional else s


def no_answer_text(answer: Answer) -> str:
    zh, en = _NO_ANSWER.get(answer.reason, _NO_ANSWER["no_match"])
    return en if answer.english else _script(answer, zh)


def source_lines(entry: Entry) -> list[tuple[str, str]]:
    """(label, url) per source: publisher, title and date, official documents marked."""
    lines = []
    for ref in entry.sources:
        s = ref.source
        kind = "官方文件" if s.is_official else ("评论" if s.kind == "commentary" else "报道")
        label = f"{s.publisher}《{s.title}》（{s.date}，{kind}）"
        lines.append((label, s.url))
    return lines


def render_text(answer: Answer) -> str:
    """Plain text for the terminal chat."""
    if not answer.matched or answer.entry is None or answer.pillar is None:
        out = [no_answer_text(answer)]
        if answer.alternatives:
            out.append("你可能想问：" if not answer.english else "Did you mean:")
            out += [f"  · {_script(answer, m.entry.title)} ({m.entry.title_en})"
                    for m in answer.alternatives]
        return "\n".join(out)
    e = answer.entry
    out = [_script(answer, f"{e.title}  {pillar_label(answer.pillar)}")]
    if answer.english:
        out.append(f"{e.title_en}: {e.summary_en}")
    out += ["", _script(answer, e.passage), ""]
    out += [_script(answer, f"来源：{label}") + f"\n  {url}" for label, url in source_lines(e)]
    if answer.alternatives:
        out.append(_script(answer, "相关：") + "；".join(
            _script(answer, m.entry.title) for m in answer.alternatives))
    return "\n".join(out)


def render_html(answer: Answer) -> str:
    """Telegram HTML. Every knowledge- and user-derived string is escaped."""
    esc = html.escape
    if not answer.matched or answer.entry is None or answer.pillar is None:
        return esc(no_answer_text(answer))
    e = answer.entry
    parts = [f"<b>{esc(_script(answer, e.title))}</b>",
             f"<i>{esc(_script(answer, pillar_label(answer.pillar)))}</i>"]
    if answer.english:
        parts.append(f"<b>{esc(e.title_en)}</b> — {esc(e.summary_en)}")
    parts.append(esc(_script(answer, e.passage)))
    sources = [f'<a href="{esc(url, quote=True)}">{esc(_script(answer, label))}</a>'
               for label, url in source_lines(e)]
    parts.append(esc(_script(answer, "来源：")) + "；".join(sources))
    return "\n\n".join(parts)


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split at paragraph, then line, then hard boundaries so each part fits Telegram."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for para in text.split("\n\n"):
        candidate = f"{current}\n\n{para}" if current else para
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(para) > limit:
            cut = para.rfind("\n", 0, limit)
            cut = cut if cut > limit // 2 else limit
            parts.append(para[:cut])
            para = para[cut:].lstrip("\n")
        current = para
    if current:
        parts.append(current)
    return parts
