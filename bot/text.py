"""Text normalisation shared by the index and the queries.

Both sides go through the same steps, so a question typed in full-width characters,
traditional script or with a bot mention finds the same terms as the knowledge base:
NFKC (full-width -> half-width), traditional -> simplified, lower case, commands,
mentions and reply prefixes dropped, digits and "+" kept ("12218", "3+5+3+1").
"""

from __future__ import annotations

import itertools
import json
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc

MAX_QUERY_CHARS = 500  # longer messages are cut: no real question needs more

_T2S = opencc.OpenCC("t2s")

_COMMAND = re.compile(r"^/[a-z_]+(?:@\w+)?\s*", re.IGNORECASE)
_MENTION = re.compile(r"@[A-Za-z][A-Za-z0-9_]{3,}")
# A mention by display name ("@广州12218助手 …", "@政策小助手，"): up to the space or
# punctuation after it, so a name's "12218" is not read as the plan asked about.
_NAME_MENTION = re.compile(
    r"(?:(?<=\s)|^)@[^\s@,，。.:：!！?？;；、]{1,16}(?=[\s,，。.:：!！?？;；、]|$)"
)
# "回复 @张处：…" / "Reply to Bob:" — the prefix of a line quoted into a group message.
_REPLY_PREFIX = re.compile(r"^(?:回复|回覆|reply(?: to)?)\s*@?[^：:\n]{0,20}[：:]\s*", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Invisible characters that keyboards and copy-paste leave inside words (zero-width spaces
# and joiners, direction marks, the word joiner, soft hyphens, BOMs): removed, not spaced,
# so 两\u200b业\u200b融\u200b合 is still 两业融合.
# ...and an emoji's variation selector and keycap frame: 1️⃣2️⃣2️⃣1️⃣8️⃣ is 12218.
_INVISIBLE = re.compile(
    r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufe0e\ufe0f\u20e3]"
)
_HTML_TAG = re.compile(r"</?[a-z][^>]{0,200}>", re.I)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9+]+")
LATIN_WORD = re.compile(r"[a-z][a-z0-9\-']*|[0-9]+(?:\+[0-9]+)*")


# Markdown pasted with a question: emphasis, code ticks, headings, quotes, list bullets.
_MARKDOWN = re.compile(r"\*\*|__|~~|`+|^\s*(?:#{1,6}|>|[-*+])\s+", re.MULTILINE)


def clean(message: str) -> str:
    """Strip what is not part of the question: commands, mentions, reply prefixes, markup.

    A quoted reply ("回复 @老李：广州有35个工业大类？") often holds what "属实吗" asks
    about, so its text is kept, after the asking line."""
    text = _INVISIBLE.sub("", message[: MAX_QUERY_CHARS * 4])
    text = _CONTROL.sub(" ", text)
    text = _MARKDOWN.sub(" ", _HTML_TAG.sub(" ", text))
    asking: list[str] = []
    quoted: list[str] = []
    for line in (ln.strip() for ln in text.splitlines() if ln.strip()):
        prefix = _REPLY_PREFIX.match(line)
        if prefix:
            quoted.append(line[prefix.end() :])
        else:
            asking.append(line)
    text = _COMMAND.sub("", "\n".join(asking + quoted))
    text = _NAME_MENTION.sub(" ", _MENTION.sub(" ", text))
    return " ".join(text.split())[:MAX_QUERY_CHARS]


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def normalize(text: str) -> str:
    """Full-width to half-width, traditional to simplified, lower case, one space.

    Spoken numbers are written as digits (一二二一八 and 幺二二幺八 -> 12218,
    二十一加八 -> 21+8, 十一个区 -> 11个区)."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    text = text.translate(_APOSTROPHES)  # phones type ’ for ' ("Guangzhou’s")
    text = str(_T2S.convert(text))
    text = spoken_numbers(_unspaced(text))
    text = _LATIN_PLUS.sub(r"\1 plus ", text)  # "AI+" is said "AI plus", as its aliases write it
    text = _DAY_SAID.sub(r"\1月\2日", text)  # "2月6号" is written 2月6日
    return " ".join(text.lower().split())


def _unspaced(text: str) -> str:
    """A message typed with a space after every character ("8 个 现 代 服 务 业"), closed up.

    Only when single characters are most of it: "12218 里面 那个 一 是啥" keeps its words."""
    tokens = text.split()
    singles = sum(1 for t in tokens if len(t) == 1 and CJK.match(t))
    if singles < _SPACED_MIN or singles * 2 < len(tokens):
        return text
    out = tokens[0]
    for before, token in itertools.pairwise(tokens):
        out += token if len(before) == 1 or len(token) == 1 else f" {token}"
    return out


_SPACED_MIN = 4  # single characters, at least, in a message typed character by character
_DAY_SAID = re.compile(r"(?<![0-9])([0-9]{1,2})月([0-9]{1,2})号")
# A day of the year ("2月6日"): a term of its own, which passages that name it state.
DATE = re.compile(r"(?<![0-9])[0-9]{1,2}月[0-9]{1,2}日")
_LATIN_PLUS = re.compile(r"([A-Za-z])\s*\+(?![0-9])")


_DIGIT_OF = {
    c: str(i)
    for i, chars in enumerate(
        ("零〇洞", "一幺壹", "二两贰", "三叁", "四肆", "五伍", "六陆", "七柒", "八捌", "九玖")
    )
    for c in chars
}
_SPELLED = re.compile(f"[{''.join(_DIGIT_OF)}]{{4,}}")  # 一二二一八: a number read digit by digit
_SMALL = r"(?:[一二两三四五六七八九]?十[一二三四五六七八九]?|[零一二两三四五六七八九幺]|[0-9]{1,3})"
# 二十一加八, 3加5加3加1; the first number may be read digit by digit too ("二一加八").
_SUM = re.compile(
    f"(?:{_SMALL}|[一二三四五六七八九][零一二三四五六七八九])(?=\\s*(?:加|\\+))"
    f"(?:\\s*(?:加|\\+)\\s*{_SMALL})+"
)


def _small_number(word: str) -> str:
    if word.isdigit():
        return word
    if "十" not in word:
        return "".join(_DIGIT_OF[c] for c in word)
    tens, _, ones = word.partition("十")
    return str(int(_DIGIT_OF.get(tens, "1")) * 10 + int(_DIGIT_OF.get(ones, "0")))


_D = "[一二两三四五六七八九]"
# A number read out in full, with 万 and at least one smaller unit (一万两千二百一十八):
# voice input writes the plan's name so. Not a bare magnitude (三千亿, 万亿).
_READ_OUT = re.compile(
    f"(?<![一二两三四五六七八九十百千万])({_D})万(?:({_D})千)?(?:零?({_D})百)?(?:零?({_D})?十)?(?:零?({_D}))?"
    f"(?![亿万千百十])"
)


def _read_out_value(m: re.Match[str]) -> str:
    ten_thousands, thousands, hundreds, tens, ones = m.groups()
    if not (thousands or hundreds or m.group().endswith(("十", *"一二三四五六七八九"))):
        return m.group()  # 三万, 一万: a round amount, left as written
    if ones and not (thousands or hundreds or "十" in m.group() or "零" in m.group()):
        thousands, ones = ones, None  # 一万二: twelve thousand, as it is said
    tens_value = int(_DIGIT_OF[tens]) if tens else (1 if "十" in m.group() else 0)
    value = int(_DIGIT_OF[ten_thousands]) * 10000 + (
        int(_DIGIT_OF[thousands]) * 1000 if thousands else 0
    )
    value += (int(_DIGIT_OF[hundreds]) * 100 if hundreds else 0) + tens_value * 10
    value += int(_DIGIT_OF[ones]) if ones else 0
    return str(value)


# A year read out in full (两千零四十五年, 二千零三十五年): voice input writes years so.
_YEAR_READ_OUT = re.compile(
    f"(?<![一二两三四五六七八九十百千万])([一二两])千(?:零?({_D})百)?(?:零?({_D})?(十))?(?:零?({_D}))?(?=年)"
)


def _year_value(m: re.Match[str]) -> str:
    thousands, hundreds, tens, ten, ones = m.groups()
    if not (hundreds or ten or ones):
        return m.group()  # 两千年: as likely two thousand years as the year 2000
    value = int(_DIGIT_OF[thousands]) * 1000 + (int(_DIGIT_OF[hundreds]) * 100 if hundreds else 0)
    value += (int(_DIGIT_OF[tens]) if tens else 1 if ten else 0) * 10
    return str(value + (int(_DIGIT_OF[ones]) if ones else 0))


# A count of things written in characters (十一个区, 十五个集群, 六个未来产业), as the base
# writes it in digits. Not 一 (一个办公室 stays a phrase), nor 第三个 (an ordinal).
_COUNTED = re.compile(
    r"(?<![一二两三四五六七八九十百千万第几])"
    r"([二两三四五六七八九]?十[一二三四五六七八九]?|[二两三四五六七八九])"
    r"(?=[个家项类条种位])"
)


# A digit of the plan's name asked about ("12218里的二是指什么", "一二二一八它那个2"): written
# as the base's entries on each digit are named, "12218的2".
_PLAN_DIGIT = re.compile(
    r"12218\s*(?:的|里的|里面的|里面嘅|里嘅|里边的|中的|当中的|之中的|里头的|入面嘅|入面的|当中嘅|嘅|里面\s?那个|里\s?那个|"
    r"那个|嗰个|𠮶个|它那个|个)\s*[「“\"‘']?"
    r"(二十一|廿一|21|[一二两八幺128])[」”\"’']?(?=[是指值代呢讲说系係咩啥什呀啊到究即就又具，,。？?！!\s]|$)"
)


def _plan_digit(m: re.Match[str]) -> str:
    digit = m.group(1)
    if digit in ("二十一", "廿一"):
        digit = "21"
    return "12218的" + _DIGIT_OF.get(digit, digit)


# The plan's number typed digit by digit with spaces between ("1 2 2 1 8", "1、2、2、1、8",
# "一 二 二 一 八"), its digits in any groups ("12 2 18"), or romanised as it is said in
# Mandarin or Cantonese ("yi er er yi ba", "yat yi yi yat baat").
_SEP = r"[\s、,，\-]+"
_PLAN_NUMBER_SPACED = re.compile(
    rf"(?<![0-9.])[1一幺壹]{_SEP}[2二两贰]{_SEP}[2二两贰]{_SEP}[1一幺壹]{_SEP}[8八捌](?![0-9.])"
    r"|(?<![0-9.])1\s*2\s*2\s*1\s*8(?![0-9.])"  # digits grouped any way: "12 2 18", "122 18"
    # ...and grouped as it is said: 十二 二 幺八 (12 2 18), 十二 二 十八, 一二二 十八.
    r"|十二\s*[二两]\s*(?:[一幺]\s*八|十八)|[一幺]\s*[二两]\s*[二两]\s*十八"
    r"|\b(?:yi|yao|yat|jat)[\s-]*(?:er|yi|ji)[\s-]*(?:er|yi|ji)[\s-]*(?:yi|yao|yat|jat)[\s-]*"
    r"(?:ba|baat|bat)\b",
    re.IGNORECASE,
)


def _counted_number(m: re.Match[str]) -> str:
    """A count in characters as digits, kept apart from digits before it.

    "12218五个数字" is 12218 and 5个, not 122185个."""
    after_a_digit = m.string[m.start() - 1 : m.start()].isdigit()
    return (" " if after_a_digit else "") + _small_number(m.group())


def spoken_numbers(text: str) -> str:
    """Numbers read aloud or typed as characters, as the digits the base writes."""
    text = _PLAN_NUMBER_SPACED.sub("12218", text)
    text = _SPELLED.sub(lambda m: "".join(_DIGIT_OF[c] for c in m.group()), text)
    text = _READ_OUT.sub(_read_out_value, text)
    text = _YEAR_READ_OUT.sub(_year_value, text)
    text = _COUNTED.sub(_counted_number, text)
    text = _PLAN_DIGIT.sub(_plan_digit, text)

    def total(m: re.Match[str]) -> str:
        parts = re.split(r"\s*(?:加|\+)\s*", m.group())
        return "+".join(_small_number(p) for p in parts)

    return _english_numbers(_SUM.sub(total, text))


_ENGLISH_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen"
).split()
_ENGLISH_TENS = {
    w: 10 * i
    for i, w in enumerate("- - twenty thirty forty fifty sixty seventy eighty ninety".split())
    if w != "-"
}
_ENGLISH_NUMBER = "(?:(?:{tens})(?:[- ](?:{ones}))?|{units})".format(
    tens="|".join(_ENGLISH_TENS),
    ones="|".join(_ENGLISH_UNITS[1:10]),
    units="|".join(sorted(_ENGLISH_UNITS, key=len, reverse=True)),  # eighteen before eight
)
# Three number words in a row are a number read aloud ("twelve two eighteen", "one two two one
# eight"); two or more joined by "plus" a sum ("twenty-one plus eight"). Fewer are words.
_ENGLISH_SPOKEN = re.compile(
    rf"\b{_ENGLISH_NUMBER}(?:(?:[\s,-]+{_ENGLISH_NUMBER}){{2,}}|(?:\s+plus\s+{_ENGLISH_NUMBER})+)\b",
    re.IGNORECASE,
)


def _english_value(word: str) -> str:
    word = word.lower()
    if word in _ENGLISH_UNITS:
        return str(_ENGLISH_UNITS.index(word))
    tens, _, ones = word.replace(" ", "-").partition("-")
    return str(_ENGLISH_TENS[tens] + (_ENGLISH_UNITS.index(ones) if ones else 0))


# A year read out in English: "two thousand twenty-nine", "two thousand and thirty-five".
_ENGLISH_YEAR = re.compile(
    rf"\btwo thousand(?: and)?[\s-]+({_ENGLISH_NUMBER})\b"
    rf"(?![\s-]+(?:{_ENGLISH_NUMBER}|hundred|thousand|million|billion)\b)",
    re.IGNORECASE,
)


def _english_numbers(text: str) -> str:
    text = _ENGLISH_YEAR.sub(lambda m: str(2000 + int(_english_value(m.group(1)))), text)

    def digits(m: re.Match[str]) -> str:
        terms = re.split(r"\s+plus\s+", m.group(), flags=re.IGNORECASE)
        read = [
            "".join(_english_value(w) for w in re.findall(_ENGLISH_NUMBER, t, re.I)) for t in terms
        ]
        return "+".join(read)

    return _ENGLISH_SPOKEN.sub(digits, text)


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


HK_PHRASES = Path(__file__).with_name("s2hk_phrases.txt")
_OPENCC_DATA = Path(opencc.__file__).parent / "clib" / "share" / "opencc"


@lru_cache(maxsize=1)
def _s2hk() -> opencc.OpenCC:
    return s2hk_lite(HK_PHRASES)


def s2hk_lite(phrases_file: Path | None) -> opencc.OpenCC:
    """OpenCC's simplified-to-Hong-Kong converter with a short phrase list (bot/hk_phrases.py).

    The full one holds 43 MB of phrases for the rest of the process's life; this one 4 MB."""
    characters = {"type": "ocd2", "file": str(_OPENCC_DATA / "STCharacters.ocd2")}
    words = [{"type": "text", "file": str(phrases_file)}] if phrases_file else []
    config = json.loads((_OPENCC_DATA / "s2hk.json").read_text(encoding="utf-8"))
    config["normalization"][0]["dict"]["file"] = str(
        _OPENCC_DATA / "CJK_Compatibility_Ideographs.ocd2"
    )
    config["segmentation"]["dict"] = {
        "type": "group",
        "match_policy": "union",
        "dicts": [*words, characters],
    }
    config["conversion_chain"][0]["dict"] = {
        "type": "group",
        "match_policy": "short_circuit",
        "dicts": [*words, characters],
    }
    for variants in config["conversion_chain"][1]["dict"]["dicts"]:
        variants["file"] = str(_OPENCC_DATA / variants["file"])
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "s2hk-lite.json"
        path.write_text(json.dumps(config), encoding="utf-8")
        return opencc.OpenCC(str(path))


def has_cjk(text: str) -> bool:
    """Whether `text` holds any Chinese character."""
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
    """A loose pinyin key for one character; the character itself when it has no pinyin.

    The key is its first reading, tones dropped, easily confused sounds folded."""
    readings = _pinyin_readings().get(ord(char)) if CJK.match(char) else None
    if not readings:
        return char
    return fold_syllable(_toneless(readings.split(",")[0]))


def _toneless(reading: str) -> str:
    """A pinyin reading as typed on a keyboard: no tone marks, ü as v."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_syllable(syllable: str) -> str:
    """A toneless pinyin syllable with easily confused sounds folded together."""
    for long, short in _FUZZY_INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long) :]
            break
    for long, short in _FUZZY_FINALS:
        if syllable.endswith(long):
            syllable = syllable[: -len(long)] + short
            break
    return syllable


def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable of the common hanzi (index build only)."""
    return frozenset(
        _toneless(reading)
        for code, readings in _pinyin_readings().items()
        if 0x4E00 <= code <= 0x9FA5
        for reading in readings.split(",")
    )


def split_pinyin(word: str, syllables: frozenset[str]) -> tuple[str, ...] | None:
    """A Latin word read as pinyin in the fewest syllables, or None when it is not pinyin.

    "dikongjingji" -> di kong jing ji."""
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in syllables:
                candidate = (*head, word[start:end])
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[len(word)]


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
