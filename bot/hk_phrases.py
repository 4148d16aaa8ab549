"""Write the phrase list that lets answers be put into traditional script in 4 MB, not 43 MB.

OpenCC's full simplified-to-Hong-Kong converter loads a 48,000-phrase dictionary that takes
about 43 MB once the first traditional-script user is answered. Character by character
conversion needs only 1 MB but gets common words wrong (制造 -> 制造, not 製造; 发布 -> 發布,
not 發佈). `bot/s2hk_phrases.txt` keeps the phrases of everyday Chinese (jieba's dictionary,
frequency >= 20) that the full converter writes differently from the character table; with
it, the shipped knowledge base converts as the full converter does in all but a few dozen
of its 196,000 characters.

Regenerate after upgrading OpenCC or jieba:  python -m bot.hk_phrases
"""

from __future__ import annotations

from pathlib import Path

import jieba
import opencc

from bot.text import HK_PHRASES, s2hk_lite

MIN_FREQUENCY = 20


def phrases() -> dict[str, str]:
    """Everyday words whose full conversion differs from the character-level one."""
    full = opencc.OpenCC("s2hk")
    by_character = s2hk_lite(phrases_file=None)
    found: dict[str, str] = {}
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, frequency = line.split()[:2]
        if len(word) < 2 or int(frequency) < MIN_FREQUENCY:
            continue
        converted = full.convert(word)
        if converted != by_character.convert(word):
            found[word] = converted
    return found


def main() -> None:
    """Write the phrase list next to the code that reads it."""
    found = phrases()
    HK_PHRASES.write_text(
        "".join(f"{word}\t{converted}\n" for word, converted in sorted(found.items())),
        encoding="utf-8",
    )
    print(f"{HK_PHRASES}: {len(found)} phrases")


if __name__ == "__main__":
    main()
