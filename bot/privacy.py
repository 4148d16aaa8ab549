"""What the bot keeps about questions, and masking of personal details before anything is kept.

The text of a question is kept only when it went wrong (no confident answer, refused, or
marked 👎), so that curators can see what people ask and the base does not cover. Before it
is stored, phone numbers, e-mail addresses, ID-card-like numbers and names given as names
(我叫…, 王先生) are replaced by a placeholder; the plan's own numbers (12218, 3+5+3+1,
2035, 12345) stay as they are.
`privacy_html` and `about_line` say this to users (/privacy and the line in /about),
in the words of bot/copy.py.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import re
import secrets
import threading
import time
from collections import OrderedDict

from bot import copy

DEFAULT_KEEP_DAYS = 30
RECENT_HOURS = 24  # how long an answered question waits in memory for a possible 👎
RECENT_SIZE = 5000  # ...and how many such questions at most

EMAIL_MASK, PHONE_MASK, ID_MASK, NUMBER_MASK = "[邮箱]", "[电话]", "[证件号]", "[号码]"
HANDLE_MASK, NAME_MASK = "[用户名]", "[姓名]"

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
# Telegram @usernames (after e-mail addresses, whose @ they would otherwise take).
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z][A-Za-z0-9_]{3,31}\b")
# Anything else that is a long run of digits (bank cards, passports with digits, account
# numbers) identifies someone more often than it asks about the plan.
_LONG_NUMBER = re.compile(r"(?<![\d.])\d(?:[\s-]?\d){8,}(?![\d.])")
# People's names where the message says it gives one: after 我叫, 姓名 or "my name is"; a
# surname with 先生, 经理, 老师 …; 我是 and a surname with one or two more characters
# standing alone ("我是王小明，…", not "我是做小家电的"). Names said any other way are not
# recognised: the masking is a safeguard, and /privacy does not promise more.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤区麦欧关冼岑翁骆温"
)
_NAME = re.compile(
    r"(?:(?<=我叫)|(?<=名字叫)|(?<=名字是)|(?<=姓名[:：])|(?<=姓名)|(?<=联系人[:：])|(?<=联系人))"
    r"\s?[\u4e00-\u9fff]{2,3}"
    rf"|(?<=我是)[{_SURNAMES}][\u4e00-\u9fff]?[^\W\d_a-zA-Z人的区市省镇村](?=[，,。.！!？?\s]|$)"
    rf"|[{_SURNAMES}](?=(?:先生|女士|小姐|经理|老师|主任|律师|医生|师傅|阿姨|叔叔))"
    r"|(?<=my name is )[A-Z][a-z]+(?: [A-Z][a-z]+)?|(?<=I am called )[A-Z][a-z]+"
)


# Full-width ASCII (０-９, ＠, ．) maps one to one onto ASCII, so spans found in the
# folded copy are the same spans in the original, whose punctuation stays as typed.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def mask(text: str) -> str:
    """`text` with personal details replaced by placeholders.

    E-mail addresses, @usernames, ID-card-like numbers, phone numbers, other long digit
    runs, and names the message says it gives (我叫…, 王先生, my name is …)."""
    folded = text.translate(_HALF_WIDTH)
    for pattern, placeholder in (
        (_EMAIL, EMAIL_MASK),
        (_HANDLE, HANDLE_MASK),
        (_ID_CARD, ID_MASK),
        (_PHONE, PHONE_MASK),
        (_LONG_NUMBER, NUMBER_MASK),
        (_NAME, NAME_MASK),
    ):
        spans = [m.span() for m in pattern.finditer(folded)]
        for start, end in reversed(spans):
            text = text[:start] + placeholder + text[end:]
            folded = folded[:start] + placeholder + folded[end:]
    return text


def privacy_html(keep_text: bool, keep_days: int) -> str:
    """The /privacy text, Chinese then English, for the settings the bot runs with."""
    parts = []
    for lang in ("zh", "en"):
        rule = getattr(copy.PRIVACY_TEXT_KEPT if keep_text else copy.PRIVACY_TEXT_NONE, lang)
        rule = rule.format(days=keep_days, hours=RECENT_HOURS)
        parts.append(getattr(copy.PRIVACY_HTML, lang).format(text_rule=html.escape(rule)))
    return "\n\n".join(parts)


def about_line(keep_text: bool, keep_days: int) -> str:
    """The privacy line of /about, in Chinese and English (plain text)."""
    line = copy.ABOUT_PRIVACY if keep_text else copy.ABOUT_PRIVACY_NONE
    return f"{line.zh.format(days=keep_days)}\n{line.en.format(days=keep_days)}"


class RecentQuestions:
    """Answered questions' masked text, in memory for a short while.

    A later 👎 on the answer can then keep the question it answered. Never written
    anywhere; bounded in size and age; keyed by a keyed hash of the bot's reply (chat and
    message id), made anew by every process, so not even memory holds a chat id."""

    def __init__(self, *, size: int = RECENT_SIZE, hours: float = RECENT_HOURS) -> None:
        self._size, self._ttl = size, hours * 3600
        self._key = secrets.token_bytes(16)
        self._items: OrderedDict[str, tuple[float, str, float]] = OrderedDict()
        self._lock = threading.Lock()

    def _slot(self, chat_id: int, message_id: int) -> str:
        raw = f"{chat_id}:{message_id}".encode()
        return hmac.new(self._key, raw, hashlib.sha256).hexdigest()[:24]

    def remember(self, chat_id: int, message_id: int, question: str, score: float) -> None:
        slot = self._slot(chat_id, message_id)
        with self._lock:
            self._items[slot] = (time.monotonic(), mask(question), score)
            self._items.move_to_end(slot)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def recall(self, chat_id: int, message_id: int) -> tuple[str, float] | None:
        """The masked question and its score, once: a second 👎 finds nothing."""
        with self._lock:
            item = self._items.pop(self._slot(chat_id, message_id), None)
        if item is None or time.monotonic() - item[0] > self._ttl:
            return None
        return item[1], item[2]

    def __len__(self) -> int:
        return len(self._items)
