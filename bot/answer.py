"""Turn a match result into an Answer, and render it as plain text, Telegram HTML or JSON.

Rendering lives here, not in the front ends, so the terminal chat and Telegram say the
same thing and both can be tested without Telegram.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from bot import text as textmod
from bot.knowledge import Entry, KnowledgeBase, Pillar, Source
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
    "about_bot": ("我是广州“12218”现代化产业体系问答机器人：根据项目整理的知识库"
                  "（每条都注明来源）回答问题，不是官方解读，也不使用大模型生成答案。"
                  "发送 /about 了解详情。",
                  "I am a bot that answers questions about Guangzhou's 12218 plan from a curated, "
                  "sourced knowledge base. It is not an official interpretation. Send /about."),
    "city_service": (f"这类日常办事和生活服务问题不在我的范围内，请咨询{OFFICIAL_CHANNELS}。"
                     "我解答广州“12218”现代化产业体系的问题，发送 /pillars 看看我能回答什么。",
                     "Everyday city services are outside what I cover: please call the 12345 "
                     "hotline or see www.gz.gov.cn. I answer questions about the 12218 plan; "
                     "send /pillars to see what I can answer."),
    "out_of_scope": ("这个问题不在我的范围内：我只解答广州“12218”现代化产业体系"
                     "（产业集群、未来产业、现代服务业、两业融合、两化转型及相关举措）的问题。"
                     "发送 /pillars 看看我能回答什么。",
                     "That is outside what I cover: I only answer questions about Guangzhou's "
                     "12218 modern industrial system. Send /pillars to see what I can answer."),
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
            "sources": [source_json(r.source) for r in entry.sources_best_first]
                        if entry else [],
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


def source_json(source: Source) -> dict[str, Any]:
    """One source in `--json`: the contract's title and url, then its grade and, for a
    repost, where the text first appeared."""
    data: dict[str, Any] = {
        "title": source.title, "url": source.url, "publisher": source.publisher,
        "date": source.date, "kind": source.kind, "authority": source.authority,
    }
    if source.original is not None:
        data["original"] = {"publisher": source.original.publisher,
                            "title": source.original.title, "url": source.original.url}
    return data


def source_label(source: Source) -> str:
    """Publisher, title and date; a repost is named by its original publisher and marked
    转载, so a reader knows whose report the link carries and that the page is a copy."""
    if source.original is not None:
        original = source.original
        return f"{original.publisher}《{original.title}》（{source.date}，转载）"
    kind = ("官方文件" if source.is_official
            else "评论" if source.kind == "commentary" else "报道")
    return f"{source.publisher}《{source.title}》（{source.date}，{kind}）"


def source_lines(entry: Entry) -> list[tuple[str, str]]:
    """(label, url) per source, best first: official, major outlet, commercial, commentary,
    repost; equal grades keep the order the curator gave."""
    return [(source_label(ref.source), ref.source.url) for ref in entry.sources_best_first]


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

# --- helpers for the structure browser and inline mode (front ends stay thin) ----------

MEDIA_ONLY = ("我只能回答文字问题，看不懂贴纸、图片和语音。试试问：“12218是什么？”"
              "或发送 /pillars 浏览全部内容。")


def first_line(entry: Entry, limit: int = 80) -> str:
    """The passage's first sentence, cut to `limit` characters: a preview line."""
    sentence = entry.passage.split("。", 1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def digit_groups(kb: KnowledgeBase) -> list[tuple[str, tuple[Pillar, ...]]]:
    """The pillars grouped by digit in the plan's order: 1, 2, 21, 8, then the rest."""
    groups: dict[str, list[Pillar]] = {}
    for p in kb.pillars:
        groups.setdefault(p.digit, []).append(p)
    return [(digit, tuple(ps)) for digit, ps in groups.items()]


def overview_html(kb: KnowledgeBase) -> str:
    """The top of the /pillars browser: the plan in one screen."""
    esc = html.escape
    lines = ["<b>广州“12218”现代化产业体系</b>", ""]
    for p in kb.pillars:
        lines.append(f"<b>{esc(pillar_label(p))}</b> {esc(p.name_en)} · "
                     f"{len(kb.entries_of(p.id))} 条")
    lines += ["", "点按钮逐级浏览，或直接输入问题。"]
    return "\n".join(lines)


def pillar_html(pillar: Pillar, kb: KnowledgeBase) -> str:
    """One pillar's page: its label, summary in Chinese and English, and entry count."""
    esc = html.escape
    return "\n\n".join([
        f"<b>{esc(pillar_label(pillar))}</b>",
        esc(pillar.summary),
        f"<i>{esc(pillar.name_en)}</i> — {esc(pillar.summary_en)}",
        f"共 {len(kb.entries_of(pillar.id))} 条，点按钮查看：",
    ])
