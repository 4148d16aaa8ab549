"""The lists inside answers, and the entries they name.

An answer that lists things ("6个未来产业：具身智能、智能无人系统、…") lets the next message
point into it: "第三个展开说说" is the third item's entry, "那另一个呢" the other of a pair,
and two parts compared are answered by the entry that lists both. Lists are read from the
passages, so a curator writes them as text (see knowledge/README.md); only a list whose
items are the names of entries counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Generic, Protocol, TypeVar

from bot.index import compact
from bot.knowledge import Entry

_LIST_HEADING = re.compile(
    r"(?:^|[。；;])\s*([^。；;：:，,]{2,12}?)[0-9一二三四五六七八九十]+个[：:]"
)
_COUNTED_ITEM = re.compile(r"[一二三四五六七八九十]是([^，,；;。：:（(]{2,20})")
_LIST_LEAD = re.compile(r"[：:，,]|有|是|为|即|包括")  # what comes before a list's first item
_LIST_TAIL = re.compile(r"[，,]")  # ...and after its last
_ASIDE = re.compile(r"（[^）]*）|\([^)]*\)")  # "(由…合设)" inside a list


# "具体是哪八个", "能列全吗", "都有哪些": the members of what the last answer counted.
_WHICH_ONES = re.compile(
    r"(?:哪([0-9]+|[一二两三四五六七八九十]+)[个项类种条]|哪几个|列全|列出来|全部列|都有哪些|都有啥|都是哪些|"
    r"which ones|list them)(?![区县镇街部局企公行产园城])"  # not "哪些区在搞": that asks where
)
_CJK_COUNT = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# ...and in English: "the other three".
_EN_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_EN_COUNT |= {"nine": 9, "ten": 10}


class Found(Protocol):
    """What a search for an item returns: at least the entry it found."""

    @property
    def entry(self) -> Entry: ...


F = TypeVar("F", bound=Found)


def listed_items(passage: str) -> list[str]:
    """The items of the first list in a passage, in order.

    Three or more sentences that each head a list ("新兴支柱产业6个：…") are the list; else
    items counted off ("一是…；二是…"); else "A、B、C" with three or more items; else the
    quoted names (“…”) after the colon of the sentence that quotes most, when there are
    three or more."""
    headings = _LIST_HEADING.findall(passage)
    if len(headings) >= 3:
        return headings
    counted = _COUNTED_ITEM.findall(passage)  # "一是两业融合……；二是两化转型……"
    if len(counted) >= 2:
        return counted
    for clause in re.split(r"[。；;]", _ASIDE.sub("", passage)):
        items = clause.split("、")
        if len(items) >= 3:
            items[0] = _LIST_LEAD.split(items[0])[-1]
            items[-1] = _LIST_TAIL.split(items[-1])[0]
            return [item.strip() for item in items if item.strip()]
    quoted = [
        re.findall(r"“([^”]+)”", re.split(r"[：:]", sentence, maxsplit=1)[-1])
        for sentence in passage.split("。")
    ]
    most = max(quoted, key=len, default=[])
    return most if len(most) >= 3 else []


def lists_what_is_counted(passage: str, norm: str) -> bool:
    """Whether a message asks which are the things a passage counts and then lists.

    "里面的4个未来产业是哪些" of a passage saying "4个未来产业是未来网络与量子科技、…": the count
    and the word it counts stand in the passage just before the list."""
    counted = _COUNTED_KIND.search(norm)
    if counted is None or not _WHICH_ASKED.search(norm):
        return False
    return re.search(re.escape(counted.group(1)) + r"(?:是|为|[：:]|包括)", passage) is not None


def listed_kind_asked(passage: str, norm: str) -> str:
    """What a passage counts and lists that a message asks for without the count, or "".

    "具体哪些未来产业" of a passage saying "4个未来产业是…" asks for 未来产业."""
    if not _WHICH_ASKED.search(norm) or _COUNTED_KIND.search(norm):
        return ""
    return next((k.group(1) for k in _LISTED_KIND.finditer(passage) if k.group(1) in norm), "")


# A count and what it counts, as the message names them ("4个未来产业", "8个集群"), and the
# words that ask which they are.
_COUNTED_KIND = re.compile(r"([0-9]+个[\u4e00-\u9fff]{2,8}?)(?=是|系|有|都|分别|包括|[，,？?]|$)")
# What a passage counts and then lists: "4个未来产业是…" -> 未来产业.
_LISTED_KIND = re.compile(
    r"(?:[0-9]+|[一二两三四五六七八九十]+)个([\u4e00-\u9fff]{2,8}?)(?:是|为|[：:]|包括)"
)
_WHICH_ASKED = re.compile(r"哪些|哪几|是什么|是啥|系边|系咩|边几|都有|分别|which|what are")


def which_ones(norm: str) -> tuple[int, str] | None:
    """What a "which ones?" message asks: the count and the rest of the message, or None.

    "具体是哪八个" asks for 8 (0 when no count is given)."""
    asked = _WHICH_ONES.search(norm)
    if asked is None:
        # ...or counted with the word the message counts them by: "时尚六品是哪六品".
        echoed = next(
            (
                m
                for m in _ECHOED_COUNT.finditer(norm)
                if m.group(1) + m.group(2) in norm[: m.start()]
            ),
            None,
        )
        if echoed is None:
            return None
        return count_of(echoed.group(1)), norm[: echoed.start()] + " " + norm[echoed.end() :]
    # ...or the count pointed at before it: "这8个都有哪些".
    pointed = _POINTED_COUNT.search(norm)
    count = asked.group(1) or (pointed.group(1) if pointed else "")
    return count_of(count), _WHICH_ONES.sub(" ", norm)


_ECHOED_COUNT = re.compile(r"哪([0-9]+|[一二两三四五六七八九十]+)([\u4e00-\u9fff])")
_POINTED_COUNT = re.compile(r"(?:这|那|呢|嗰)([0-9]+|[一二两三四五六七八九十]+)个")


def count_of(word: str) -> int:
    """8 for "8", "八" or "eight", 15 for "十五"; 0 when no count is given ("几")."""
    if word.isdigit():
        return int(word)
    if "十" in word:
        tens, _, ones = word.partition("十")
        return _CJK_COUNT.get(tens, 1) * 10 + _CJK_COUNT.get(ones, 0)
    return _CJK_COUNT.get(word) or _EN_COUNT.get(word, 0)


class AnswerLists(Generic[F]):
    """The entries each answer's list names, read once per entry and kept.

    `find` searches the base for one item ("具身智能") and returns its best entry or None;
    `all_names` is each entry's names, squeezed, to tell a name from a description."""

    def __init__(
        self,
        entries: Sequence[Entry],
        all_names: Mapping[str, str],
        find: Callable[[str], F | None],
    ) -> None:
        self._entries = entries
        self._all_names = all_names
        self._find = find
        self._parts_of: dict[str, list[F | None]] = {}
        self._listed_in: dict[str, set[str]] | None = None

    def parts(self, entry: Entry) -> list[F | None]:
        """The entries for the items of an entry's first list, in order (None: no entry).

        Only a list of things the base has entries for counts: "能打破行业壁垒、催生新业态、
        带动上下游协同创新" lists effects, not parts, and gives no list at all."""
        if entry.id not in self._parts_of:
            parts: list[F | None] = []
            for item in listed_items(entry.passage):
                best = self._find(item)
                if best is not None and best.entry.id == entry.id:
                    continue  # the entry's own name again
                parts.append(best if best is not None and self._names(best, item) else None)
            named = sum(p is not None for p in parts)
            self._parts_of[entry.id] = parts if 2 * named >= len(parts) else []
        return self._parts_of[entry.id]

    def nth(self, entry: Entry, index: int) -> F | None:
        """The entry for item `index` of the entry's list (-1: the last), or None."""
        parts = self.parts(entry)
        return parts[index] if -len(parts) <= index < len(parts) else None

    def other_of_pair(self, entry: Entry, near: Sequence[F]) -> F | None:
        """Among the `near` entries, one that lists `entry` with one other: that other."""
        for found in near:
            pair = [p for p in self.parts(found.entry) if p is not None]
            ids = [p.entry.id for p in pair]
            if found.entry.id != entry.id and len(set(ids)) == 2 and entry.id in ids:
                return next(p for p in pair if p.entry.id != entry.id)
        return None

    def listing_both(self, first: str, second: str) -> Entry | None:
        """The first entry whose list names both entries, or None."""
        return self._first_of(self._listing(first) & self._listing(second))

    def listing(self, entry_id: str) -> Entry | None:
        """The first entry whose list names the entry, or None."""
        return self._first_of(self._listing(entry_id))

    def _first_of(self, ids: set[str]) -> Entry | None:
        return next((e for e in self._entries if e.id in ids), None)

    def _listing(self, entry_id: str) -> set[str]:
        """The entries whose list has `entry_id` among its items (worked out once)."""
        if self._listed_in is None:
            listed_in: dict[str, set[str]] = {}  # built whole, then published in one step
            for entry in self._entries:
                for part in self.parts(entry):
                    if part is not None:
                        listed_in.setdefault(part.entry.id, set()).add(entry.id)
            self._listed_in = listed_in
        return self._listed_in.get(entry_id, set())

    def _names(self, found: F, item: str) -> bool:
        """Whether a list's item is the entry's name, or holds its title ("新兴支柱产业6个")."""
        key = compact(item)
        return key in self._all_names[found.entry.id] or compact(found.entry.title) in key
