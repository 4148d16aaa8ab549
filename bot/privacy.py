"""What the bot keeps about questions, and masking of personal details before anything is kept.

The text of a question is kept only when it went wrong (no confident answer, refused, or
marked 👎), so that curators can see what people ask and the base does not cover. Before it
is stored, phone numbers, e-mail addresses and ID-card-like numbers are replaced by a
placeholder; the plan's own numbers (12218, 3+5+3+1, 2035, 12345) stay as they are.
`PRIVACY_ZH` / `PRIVACY_EN` say this to users (/privacy and the line in /about).
"""

from __future__ import annotations

import re

DEFAULT_KEEP_DAYS = 30

EMAIL_MASK, PHONE_MASK, ID_MASK, NUMBER_MASK = "[邮箱]", "[电话]", "[证件号]", "[号码]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
# Mainland ID cards: 18 characters (17 digits and a digit or X), or the old 15 digits.
_ID_CARD = re.compile(r"(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{15})(?![\dA-Za-z])")
# Mobile numbers (1[3-9] and 9 digits, with optional +86 and spaces or dashes in 3-4-4),
# landlines (0 and a 2-3 digit area code, then 7-8 digits), 400/800 service numbers.
_PHONE = re.compile(
    r"(?<![\d+])(?:"
    r"(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}"
    r"|\(?0\d{2,3}\)?[\s-]?\d{3,4}[\s-]?\d{4}"
    r"|[48]00[\s-]?\d{3}[\s-]?\d{4}"
    r")(?!\d)"
)
# Anything else that is a long run of digits (bank cards, passports with digits, account
# numbers) identifies someone more often than it asks about the plan.
_LONG_NUMBER = re.compile(r"(?<![\d.])\d(?:[\s-]?\d){8,}(?![\d.])")


# Full-width ASCII (０-９, ＠, ．) maps one to one onto ASCII, so spans found in the
# folded copy are the same spans in the original, whose punctuation stays as typed.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def mask(text: str) -> str:
    """`text` with e-mail addresses, ID-card-like numbers, phone numbers and other long
    digit runs replaced by placeholders."""
    folded = text.translate(_HALF_WIDTH)
    for pattern, placeholder in ((_EMAIL, EMAIL_MASK), (_ID_CARD, ID_MASK),
                                 (_PHONE, PHONE_MASK), (_LONG_NUMBER, NUMBER_MASK)):
        spans = [m.span() for m in pattern.finditer(folded)]
        for start, end in reversed(spans):
            text = text[:start] + placeholder + text[end:]
            folded = folded[:start] + placeholder + folded[end:]
    return text


def privacy_zh(keep_text: bool, keep_days: int) -> str:
    """The /privacy text in Chinese, for the settings the bot runs with."""
    lines = [
        "<b>隐私说明</b>",
        "",
        "我不保存你的用户 ID、聊天 ID、姓名或用户名。",
        "对每个问题，我只记录：匹配到的条目、分数、结果类别、聊天类型（私聊、群组等）和时间；"
        "聊天只以加盐哈希计数，无法还原是哪个聊天。",
    ]
    if keep_text:
        lines.append(
            "得到可靠回答的问题不保存原文。"
            "没有可靠回答、被判定超出范围、或回答被你点了 👎 的问题，"
            "会保存问题文字（手机号、电话、邮箱和身份证号等号码先替换为占位符），连同结果、"
            f"拒答类别和最接近的条目及分数，供维护者补充知识库；{keep_days} 天后自动删除。")
    else:
        lines.append("本机器人已设置为不保存任何问题原文。")
    lines.append("请不要在问题里发送个人信息。")
    return "\n".join(lines)


def privacy_en(keep_text: bool, keep_days: int) -> str:
    """The /privacy text in English, for the settings the bot runs with."""
    lines = [
        "<b>Privacy</b>",
        "",
        "I keep no user id, chat id, name or username.",
        "For each question I record only the matched entry, its score, the kind of outcome, "
        "the chat type (private, group…) and the time; chats are counted only as a salted "
        "hash that cannot be turned back into the chat.",
    ]
    if keep_text:
        lines.append(
            "Questions that got a confident answer keep no text. The text of a question "
            "that got no confident answer, was refused as out of scope, or whose answer you "
            "marked 👎 is kept (phone numbers, e-mail addresses and ID-card numbers replaced "
            "by placeholders first), with the outcome, the refusal class and the nearest "
            "entries and their scores, so curators can improve the knowledge base; it is "
            f"deleted after {keep_days} days.")
    else:
        lines.append("This bot is set to keep no question text at all.")
    lines.append("Please do not put personal details in your questions.")
    return "\n".join(lines)


def about_line(keep_text: bool, keep_days: int) -> str:
    """The privacy line of /about, in Chinese and English."""
    if keep_text:
        return ("隐私：不保存用户身份；只保存未能可靠回答、超出范围或被点 👎 的问题文字"
                f"（号码和邮箱已遮盖），{keep_days} 天后删除。/privacy 查看详情。\n"
                f"Privacy: no user identities; only the text of questions that went unanswered, "
                f"were refused or got 👎 is kept (numbers and e-mails masked), deleted after "
                f"{keep_days} days. See /privacy.")
    return ("隐私：不保存用户身份，也不保存任何问题原文。/privacy 查看详情。\n"
            "Privacy: no user identities and no question text are kept. See /privacy.")
