"""Text normalisation shared by the index and the queries.

Both sides go through the same steps, so a question typed in full-width characters,
traditional script or with a bot mention finds the same terms as the knowledge base:
NFKC (full-width -> half-width), traditional -> simplified, lower case, commands,
mentions and reply prefixes dropped, digits and "+" kept ("12218", "3+5+3+1").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

MAX_QUERY_CHARS = 500  # longer messages are cut: no real question needs more

_T2S = opencc.OpenCC("t2s")

_COMMAND = re.compile(r"^/[a-z_]+(?:@\w+)?\s*", re.IGNORECASE)
_MENTION = re.compile(r"@[A-Za-z][A-Za-z0-9_]{3,}")
# "回复 @张处：…" / "Reply to Bob:" — the prefix of a line quoted into a group message.
_REPLY_PREFIX = re.compile(r"^(?:回复|回覆|reply(?: to)?)\s*@?[^：:\n]{0,20}[：:]\s*", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_HTML_TAG = re.compile(r"</?[a-z][^>]{0,200}>", re.I)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9+]+")
LATIN_WORD = re.compile(r"[a-z][a-z0-9\-']*|[0-9]+(?:\+[0-9]+)*")


def clean(message: str) -> str:
    """Strip what is not part of the question: commands, mentions, reply prefixes, markup.

    A quoted reply ("回复 @老李：广州有35个工业大类？") often holds what "属实吗" asks
    about, so its text is kept, after the asking line."""
    text = _CONTROL.sub(" ", message[: MAX_QUERY_CHARS * 4])
    text = _HTML_TAG.sub(" ", text)
    asking: list[str] = []
    quoted: list[str] = []
    for line in (ln.strip() for ln in text.splitlines() if ln.strip()):
        prefix = _REPLY_PREFIX.match(line)
        if prefix:
            quoted.append(line[prefix.end():])
        else:
            asking.append(line)
    text = _COMMAND.sub("", "\n".join(asking + quoted))
    text = _MENTION.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def normalize(text: str) -> str:
    """Full-width to half-width, traditional to simplified, lower case, one space."""
    text = unicodedata.normalize("NFKC", text)
    text = str(_T2S.convert(text))
    return " ".join(text.lower().split())


def is_traditional(text: str) -> bool:
    """True when the text uses traditional characters that simplified script writes otherwise."""
    hanzi = "".join(CJK.findall(text))
    if not hanzi:
        return False
    simplified: str = _T2S.convert(hanzi)
    changed = sum(a != b for a, b in zip(hanzi, simplified, strict=False))
    return changed >= max(1, len(hanzi) // 12)


def to_traditional(text: str) -> str:
    """Simplified to traditional (Hong Kong standard), for answers to traditional-script users."""
    return str(_s2hk().convert(text))


@lru_cache(maxsize=1)
def _s2hk() -> opencc.OpenCC:
    return opencc.OpenCC("s2hk")


def has_cjk(text: str) -> bool:
    return CJK.search(text) is not None


# Pinyin initials and finals that pinyin-input users most often confuse, folded together
# so that 两业荣合 and 两业融合, 视屏 and 视频 get the same key.
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("h", "f"))
_FUZZY_FINALS = (("ing", "in"), ("eng", "en"), ("ang", "an"))


@lru_cache(maxsize=1)
def _pinyin_readings() -> dict[int, str]:
    """pypinyin's table of readings per code point (0.2 s to import: index build only)."""
    from pypinyin.pinyin_dict import pinyin_dict  # noqa: PLC0415

    readings: dict[int, str] = pinyin_dict
    return readings


@lru_cache(maxsize=65536)
def fuzzy_syllable(char: str) -> str:
    """A loose pinyin key for one character (its first reading, tones dropped, easily
    confused sounds folded); the character itself when it has no pinyin."""
    readings = _pinyin_readings().get(ord(char)) if CJK.match(char) else None
    if not readings:
        return char
    first = unicodedata.normalize("NFD", readings.split(",")[0])
    syllable = "".join(c for c in first if not unicodedata.combining(c))
    for long, short in _FUZZY_INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long):]
            break
    for long, short in _FUZZY_FINALS:
        if syllable.endswith(long):
            syllable = syllable[: -len(long)] + short
            break
    return syllable


def stem(word: str) -> str:
    """A light English stemmer: enough to match "industries" with "industry"."""
    word = word.strip("'").removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def english_tokens(text: str) -> list[str]:
    """Stemmed latin words and numbers of already normalised text."""
    return [stem(w) for w in LATIN_WORD.findall(text)]
