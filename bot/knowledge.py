"""Load and validate the YAML knowledge base into frozen dataclasses.

A base is a directory with `pillars.yaml`, an optional `aliases.yaml` and one YAML file
of entries per pillar; its sources live in `sources.yaml` beside it or in `../seeds/`.
Every rule broken anywhere is collected and reported together as `file:line: what is
wrong`, so an analyst fixes a whole batch of mistakes in one pass.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from bot.cache_files import write_pickle
from bot.scope import Scope, entry_lines, parse_scope

PILLAR_IDS = ("overall", "fusion", "transformation", "clusters", "future", "services", "enablers")
PASSAGE_MIN, PASSAGE_MAX = 60, 350
MIN_QUESTIONS = 3
# Callback data is limited to 64 bytes by Telegram and carries "e:<id>".
MAX_ID_LENGTH = 56
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_KINDS = ("official document", "news", "commentary")
# How far a reader can trust the page a source links to, best first: replies list an
# entry's sources in this order.
AUTHORITIES = ("official", "major-outlet", "commercial", "commentary", "repost")
AUTHORITY_LABELS = {
    "official": "官方",
    "major-outlet": "主要媒体",
    "commercial": "商业媒体",
    "commentary": "评论",
    "repost": "转载",
}

ENTRY_FIELDS = {
    "id": str,
    "pillar": str,
    "title": str,
    "title_en": str,
    "passage": str,
    "summary_en": str,
    "keywords": list,
    "questions": list,
    "aliases": list,
    "related": list,
    "sources": list,
}
OPTIONAL_ENTRY_FIELDS = {"aliases", "related"}
PILLAR_FIELDS = ("id", "digit", "name", "name_en", "summary", "summary_en")
SOURCE_FIELDS = ("id", "title", "publisher", "date", "url", "kind", "authority", "note")
OPTIONAL_SOURCE_FIELDS = {"original"}
ORIGINAL_FIELDS = ("publisher", "title")
RESERVED_FILES = {"pillars.yaml", "aliases.yaml", "everyday.yaml", "sources.yaml", "scope.yaml"}

DEFAULT_KB_DIR = Path(__file__).resolve().parent.parent / "knowledge"
_DEFAULT_SCOPE = DEFAULT_KB_DIR / "scope.yaml"  # read when a base has no scope.yaml of its own
# The modules whose classes a cached base is made of.
_LOADING_MODULES = tuple(Path(__file__).resolve().parent / m for m in ("knowledge.py", "scope.py"))


@dataclass(frozen=True, slots=True)
class MapGroup:
    """One block of a pillar in the picture of the plan (/map).

    Entries named in order, under the title of an optional heading entry, with an optional
    caveat."""

    heading: str | None
    items: tuple[str, ...]
    note: str = ""
    note_en: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Pillar:
    id: str
    digit: str
    name: str
    name_en: str
    summary: str
    summary_en: str
    map: tuple[MapGroup, ...] = ()


@dataclass(frozen=True, slots=True)
class Original:
    """Where a repost's text first appeared: publisher, title and, where known, its URL."""

    publisher: str
    title: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str
    url: str
    kind: str
    authority: str
    note: str
    original: Original | None = None

    @property
    def is_official(self) -> bool:
        return self.kind == "official document"

    @property
    def rank(self) -> int:
        """0 for the most trustworthy grade; unknown grades sort last."""
        return (
            AUTHORITIES.index(self.authority) if self.authority in AUTHORITIES else len(AUTHORITIES)
        )

    @property
    def is_repost(self) -> bool:
        return self.authority == "repost"


@dataclass(frozen=True, slots=True)
class SourceRef:
    source: Source
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    pillar: str
    title: str
    title_en: str
    passage: str
    summary_en: str
    keywords: tuple[str, ...]
    questions: tuple[str, ...]
    aliases: tuple[str, ...]
    related: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    file: str = ""
    line: int = 0

    @property
    def sources_best_first(self) -> tuple[SourceRef, ...]:
        """The entry's sources by authority, official first.

        Equal grades keep the curated order (`sorted` is stable)."""
        return tuple(sorted(self.sources, key=lambda ref: ref.source.rank))


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    directory: Path
    pillars: tuple[Pillar, ...]
    entries: tuple[Entry, ...]
    sources: Mapping[str, Source]
    # canonical term -> variants users type for it ("人工智能": ("AI", "人工智慧")).
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # canonical term -> phrases that describe it without naming it ("两业融合":
    # ("制造业…服务业…结合",)); `…` is a short gap.
    described: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # canonical term -> the everyday words and descriptions of it ("时尚消费品": ("衣服包包",
    # "卖衣服")), read only when a message names no part of the plan itself.
    everyday: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    version: str = ""
    by_id: Mapping[str, Entry] = field(default_factory=dict)
    scope: Scope = field(default_factory=Scope)

    def __post_init__(self) -> None:
        if not self.by_id:
            object.__setattr__(self, "by_id", {e.id: e for e in self.entries})

    def entry(self, entry_id: str) -> Entry | None:
        return self.by_id.get(entry_id)

    def pillar(self, pillar_id: str) -> Pillar | None:
        return next((p for p in self.pillars if p.id == pillar_id), None)

    def entries_of(self, pillar_id: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.pillar == pillar_id)

    @property
    def updated(self) -> str:
        """The newest source date: how current the base is."""
        return max((s.date for s in self.sources.values()), default="")


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class KnowledgeBaseError(Exception):
    """The base breaks one or more rules; `problems` lists each."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def report(self, directory: Path | str) -> str:
        """The problems as an operator reads them: what is invalid, then one problem a line."""
        return "\n".join(
            [f"the knowledge base at {directory} is invalid:", *(f"  {p}" for p in self.problems)]
        )


# --- YAML with line numbers -------------------------------------------------------------


class _LineMap(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    pass


def _construct_line_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Iterator[_LineMap]:
    data = _LineMap()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if str(key) in data:  # YAML would keep the second silently and lose the first
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"'{key}' appears twice in one mapping (first at line {data.key_lines[str(key)]})",
                key_node.start_mark,
            )
        data[str(key)] = loader.construct_object(value_node, deep=True)
        data.key_lines[str(key)] = key_node.start_mark.line + 1


def _construct_timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    # Dates stay text: an impossible one (2025-25-25) must not crash the loader.
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_line_map)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path.name, 1, f"not UTF-8 text ({exc.reason})"))
        return None
    except OSError as exc:
        problems.append(Problem(path.name, 1, f"cannot read: {exc.strerror}"))
        return None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(path.name, line, f"invalid YAML: {exc.problem or exc}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(path.name, 1, f"invalid YAML: {exc}"))
    return None


# --- validation helpers -----------------------------------------------------------------


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _string_list(item: _LineMap, key: str, where: str, problems: list[Problem]) -> tuple[str, ...]:
    value = item.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        problems.append(Problem(where, item.line_of(key), f"'{key}' must be a list of strings"))
        return ()
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


_CJK_SPACE = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])"
)


def _prose(text: str) -> str:
    """One line of prose: YAML's folded lines joined, with no stray space beside Chinese.

    A `>-` block puts a space at every line break, which Chinese does not have."""
    return _CJK_SPACE.sub("", " ".join(text.split()))


def _passage_length(passage: str) -> int:
    return len(re.sub(r"\s+", "", passage))


# --- loading ---------------------------------------------------------------------------


def _find_sources_file(directory: Path) -> Path | None:
    for candidate in (directory / "sources.yaml", directory.parent / "seeds" / "sources.yaml"):
        if candidate.is_file():
            return candidate
    return None


def _load_sources(path: Path | None, problems: list[Problem]) -> dict[str, Source]:
    if path is None:
        problems.append(Problem("sources.yaml", 1, "no sources file (sources.yaml or ../seeds/)"))
        return {}
    data = _read_yaml(path, problems)
    if data is None:
        return {}
    items = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(items, list):
        problems.append(Problem(path.name, 1, "expected a list under 'sources:'"))
        return {}
    sources: dict[str, Source] = {}
    for item in items:
        if not isinstance(item, _LineMap):
            problems.append(Problem(path.name, 1, "each source must be a mapping"))
            continue
        for key in item:
            if key not in SOURCE_FIELDS and key not in OPTIONAL_SOURCE_FIELDS:
                problems.append(
                    Problem(path.name, item.line_of(key), f"unknown source field '{key}'")
                )
        values = {key: _text(item.get(key)) for key in SOURCE_FIELDS}
        for key in SOURCE_FIELDS:
            if not values[key]:
                problems.append(Problem(path.name, item.line_of(key), f"source is missing '{key}'"))
        if values["kind"] and values["kind"] not in SOURCE_KINDS:
            problems.append(
                Problem(
                    path.name,
                    item.line_of("kind"),
                    f"source kind '{values['kind']}' is not one of {', '.join(SOURCE_KINDS)}",
                )
            )
        if values["authority"] and values["authority"] not in AUTHORITIES:
            problems.append(
                Problem(
                    path.name,
                    item.line_of("authority"),
                    f"source authority '{values['authority']}' is not one of "
                    f"{', '.join(AUTHORITIES)}",
                )
            )
        original = _load_original(item, values["authority"], path.name, problems)
        if values["id"] in sources:
            problems.append(Problem(path.name, item.line, f"duplicate source id '{values['id']}'"))
        elif values["id"]:
            sources[values["id"]] = Source(**values, original=original)
    return sources


def _load_original(
    item: _LineMap, authority: str, where: str, problems: list[Problem]
) -> Original | None:
    """A source's original: required of a repost, refused on anything else.

    The original names its publisher and title, and its URL where known."""
    raw = item.get("original")
    if raw is None:
        if authority == "repost":
            problems.append(
                Problem(
                    where,
                    item.line_of("authority"),
                    "a repost needs 'original' with the original publisher and title",
                )
            )
        return None
    line = item.line_of("original")
    if not isinstance(raw, _LineMap):
        problems.append(Problem(where, line, "'original' must be a mapping: publisher, title, url"))
        return None
    if authority != "repost":
        problems.append(
            Problem(where, line, "only a source with authority 'repost' has 'original'")
        )
    for key in raw:
        if key not in (*ORIGINAL_FIELDS, "url"):
            problems.append(
                Problem(where, raw.line_of(key), f"unknown field '{key}' in 'original'")
            )
    values = {key: _text(raw.get(key)) for key in (*ORIGINAL_FIELDS, "url")}
    missing = [key for key in ORIGINAL_FIELDS if not values[key]]
    for key in missing:
        problems.append(Problem(where, raw.line_of(key), f"'original' is missing '{key}'"))
    return None if missing else Original(**values)


def _load_pillars(path: Path, problems: list[Problem]) -> tuple[Pillar, ...]:
    if not path.is_file():
        problems.append(Problem(path.name, 1, "missing: the base needs pillars.yaml"))
        return ()
    data = _read_yaml(path, problems)
    items = data.get("pillars") if isinstance(data, dict) else data
    if not isinstance(items, list):
        if data is not None:
            problems.append(Problem(path.name, 1, "expected a list of pillars"))
        return ()
    pillars: list[Pillar] = []
    for item in items:
        if not isinstance(item, _LineMap):
            problems.append(Problem(path.name, 1, "each pillar must be a mapping"))
            continue
        values = {key: _prose(_text(item.get(key))) for key in PILLAR_FIELDS}
        missing = [key for key in PILLAR_FIELDS if not values[key]]
        for key in missing:
            problems.append(Problem(path.name, item.line_of(key), f"pillar is missing '{key}'"))
        if values["id"] and values["id"] not in PILLAR_IDS:
            problems.append(
                Problem(
                    path.name,
                    item.line_of("id"),
                    f"unknown pillar '{values['id']}' (pillars are {', '.join(PILLAR_IDS)})",
                )
            )
        elif not missing:
            pillars.append(Pillar(**values, map=_map_groups(item, path.name, problems)))
    order = {pid: i for i, pid in enumerate(PILLAR_IDS)}
    return tuple(sorted(pillars, key=lambda p: order[p.id]))


def _map_groups(item: _LineMap, where: str, problems: list[Problem]) -> tuple[MapGroup, ...]:
    """A pillar's optional `map:` list of {group: entry-id, items: [entry-ids], note, note_en}."""
    raw = item.get("map")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(Problem(where, item.line_of("map"), "'map' must be a list of groups"))
        return ()
    groups = []
    for block in raw:
        line = block.line if isinstance(block, _LineMap) else item.line_of("map")
        if not isinstance(block, _LineMap) or not isinstance(block.get("items", []), list):
            problems.append(Problem(where, line, "each map group needs a list of 'items'"))
            continue
        unknown = set(block) - {"group", "items", "note", "note_en"}
        for key in sorted(unknown):
            problems.append(Problem(where, block.line_of(key), f"unknown map field '{key}'"))
        heading = _text(block.get("group")) or None
        items = tuple(_text(i) for i in block.get("items", []) if _text(i))
        groups.append(
            MapGroup(
                heading,
                items,
                _prose(_text(block.get("note"))),
                _prose(_text(block.get("note_en"))),
                line,
            )
        )
    return tuple(groups)


_TermTable = tuple[dict[str, tuple[str, ...]], dict[str, int]]


def _load_aliases(path: Path, problems: list[Problem]) -> tuple[_TermTable, _TermTable]:
    """aliases.yaml's `synonyms` and its optional `described`, each with the line of each term."""
    if not path.is_file():
        return ({}, {}), ({}, {})
    data = _read_yaml(path, problems)
    if data is None:
        return ({}, {}), ({}, {})
    synonyms = _term_table(
        data.get("synonyms", data) if isinstance(data, dict) else None, "synonyms", path, problems
    )
    described = (
        _term_table(data["described"], "described", path, problems)
        if isinstance(data, dict) and "described" in data
        else ({}, {})
    )
    return synonyms, described


def _term_table(table: Any, section: str, path: Path, problems: list[Problem]) -> _TermTable:
    """A `section:` mapping of term -> phrases, and the line of each term."""
    if not isinstance(table, dict):
        problems.append(Problem(path.name, 1, f"expected '{section}:' mapping term -> phrases"))
        return {}, {}
    terms: dict[str, tuple[str, ...]] = {}
    lines: dict[str, int] = {}
    for term, phrases in table.items():
        line = table.line_of(term) if isinstance(table, _LineMap) else 1
        lines[str(term)] = line
        if not isinstance(phrases, list) or not phrases:
            problems.append(Problem(path.name, line, f"'{term}' needs a list of phrases"))
            continue
        terms[str(term)] = tuple(str(v) for v in phrases)
    return terms, lines


def _load_everyday(
    path: Path,
    entries: list[dict[str, Any]],
    synonyms: Mapping[str, tuple[str, ...]],
    problems: list[Problem],
) -> dict[str, tuple[str, ...]]:
    """everyday.yaml's `words` and `described`, merged term by term; each term a name."""
    return _check_described(_everyday_table(path, problems), entries, synonyms, path, problems)


def _everyday_table(path: Path, problems: list[Problem]) -> _TermTable:
    if not path.is_file():
        return {}, {}
    data = _read_yaml(path, problems)
    if not isinstance(data, dict):
        if data is not None:
            problems.append(Problem(path.name, 1, "expected 'words:' and 'described:' mappings"))
        return {}, {}
    terms: dict[str, tuple[str, ...]] = {}
    lines: dict[str, int] = {}
    for section in ("words", "described"):
        if section not in data:
            continue
        table, table_lines = _term_table(data[section], section, path, problems)
        for term, phrases in table.items():
            terms[term] = (*terms.get(term, ()), *phrases)
            lines.setdefault(term, table_lines[term])
    return terms, lines


def _check_described(
    described: _TermTable,
    entries: list[dict[str, Any]],
    synonyms: Mapping[str, tuple[str, ...]],
    path: Path,
    problems: list[Problem],
) -> dict[str, tuple[str, ...]]:
    """The described terms, each of which must be a name some entry has (or it finds nothing)."""
    terms, lines = described
    names = "\n".join(
        [name for e in entries for name in (e["title"], *e["keywords"], *e["aliases"])]
        + list(synonyms)
    )
    for term in terms:
        if term not in names:
            line = lines.get(term, 1)
            problems.append(Problem(path.name, line, f"'{term}' is named by no entry"))
    return terms


def _parse_entry(
    item: _LineMap,
    where: str,
    problems: list[Problem],
    sources: Mapping[str, Source],
) -> tuple[dict[str, Any], list[tuple[str, int]]] | None:
    """Check one entry's own fields; return its values and the related ids to resolve later."""
    for key in item:
        if key not in ENTRY_FIELDS:
            problems.append(Problem(where, item.line_of(key), f"unknown field '{key}'"))
    values: dict[str, Any] = {}
    ok = True
    for key, kind in ENTRY_FIELDS.items():
        raw = item.get(key)
        if raw is None or (isinstance(raw, str | list) and not raw):
            if key not in OPTIONAL_ENTRY_FIELDS:
                problems.append(Problem(where, item.line_of(key), f"missing or empty '{key}'"))
                ok = False
            continue
        if kind is str and not isinstance(raw, str):
            problems.append(Problem(where, item.line_of(key), f"'{key}' must be text"))
            ok = False
        elif kind is list and not isinstance(raw, list):
            problems.append(Problem(where, item.line_of(key), f"'{key}' must be a list"))
            ok = False
    if not ok:
        return None

    entry_id = item["id"].strip()
    if not ID_PATTERN.match(entry_id) or len(entry_id) > MAX_ID_LENGTH:
        problems.append(
            Problem(
                where,
                item.line_of("id"),
                f"id '{entry_id}' must be a lowercase slug (a-z, 0-9, '-') of at most "
                f"{MAX_ID_LENGTH} characters",
            )
        )
    pillar = item["pillar"].strip()
    if pillar not in PILLAR_IDS:
        problems.append(
            Problem(
                where,
                item.line_of("pillar"),
                f"unknown pillar '{pillar}' (pillars are {', '.join(PILLAR_IDS)})",
            )
        )
    passage = _prose(item["passage"])
    length = _passage_length(passage)
    if not PASSAGE_MIN <= length <= PASSAGE_MAX:
        problems.append(
            Problem(
                where,
                item.line_of("passage"),
                f"passage is {length} characters; it must be {PASSAGE_MIN}-{PASSAGE_MAX}",
            )
        )
    keywords = _string_list(item, "keywords", where, problems)
    questions = _string_list(item, "questions", where, problems)
    if len(questions) < MIN_QUESTIONS:
        problems.append(
            Problem(
                where,
                item.line_of("questions"),
                f"needs at least {MIN_QUESTIONS} questions, has {len(questions)}",
            )
        )
    refs: list[SourceRef] = []
    for ref in item["sources"]:
        source_id, section = (
            (ref.get("id"), ref.get("section")) if isinstance(ref, dict) else (ref, None)
        )
        line = ref.line if isinstance(ref, _LineMap) else item.line_of("sources")
        if not isinstance(source_id, str) or not source_id:
            problems.append(Problem(where, line, "each source needs an 'id'"))
        elif source_id not in sources:
            problems.append(Problem(where, line, f"source '{source_id}' is not in sources.yaml"))
        else:
            refs.append(SourceRef(sources[source_id], _text(section) or None))
    related_ids = _string_list(item, "related", where, problems)
    values.update(
        id=entry_id,
        pillar=pillar,
        title=item["title"].strip(),
        title_en=item["title_en"].strip(),
        passage=passage,
        summary_en=" ".join(item["summary_en"].split()),
        keywords=keywords,
        questions=questions,
        aliases=_string_list(item, "aliases", where, problems),
        related=related_ids,
        sources=tuple(refs),
        file=where,
        line=item.line,
    )
    return values, [(rid, item.line_of("related")) for rid in related_ids]


def _entry_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.glob("*.y*ml")
        if p.name not in RESERVED_FILES and not p.name.startswith(("_", "."))
    )


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def load(directory: Path | str | None = None, cache_dir: Path | None = None) -> KnowledgeBase:
    """Load the base at `directory` (default: the shipped one) or raise KnowledgeBaseError.

    With `cache_dir`, a base loaded before from the very same files (and by the same code) is
    read back from there: parsing the YAML took a fifth of a second at every start."""
    directory = Path(directory) if directory is not None else DEFAULT_KB_DIR
    if cache_dir is None:
        return _load(directory)
    path = cache_dir / f"kb-{_cache_key(directory)}.pickle"
    try:
        with path.open("rb") as fh:
            cached = pickle.load(fh)  # noqa: S301 - our own cache file
        if isinstance(cached, KnowledgeBase):
            return cached
    except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError, ImportError):
        pass  # not there yet, or unreadable: loaded from the YAML and written again
    kb = _load(directory)  # a broken base raises here and is never cached
    with contextlib.suppress(OSError):  # a read-only cache only costs the parsing again
        write_pickle(path, kb)
    return kb


def _cache_key(directory: Path) -> str:
    """A hash of every file a load reads, where the base is, and the code that loads it."""
    sources = _find_sources_file(directory)
    scope = directory / "scope.yaml"
    files = [*_version_files(directory, sources), scope if scope.is_file() else _DEFAULT_SCOPE]
    digest = hashlib.sha256(str(directory.resolve()).encode())
    for code in _LOADING_MODULES:
        digest.update(code.read_bytes())
    for file in files:
        digest.update(str(file).encode())
        digest.update(file.read_bytes() if file.is_file() else b"")
    return digest.hexdigest()[:16]


def _version_files(directory: Path, sources: Path | None) -> list[Path]:
    """The files whose content is the base's version."""
    named = ("pillars.yaml", "aliases.yaml", "everyday.yaml", "scope.yaml")
    files = [*_entry_files(directory), *(directory / name for name in named)]
    return [*files, sources] if sources else files


def _load(directory: Path) -> KnowledgeBase:
    problems: list[Problem] = []
    if not directory.is_dir():
        raise KnowledgeBaseError([Problem(str(directory), 0, "not a directory")])
    sources_path = _find_sources_file(directory)
    sources = _load_sources(sources_path, problems)
    pillars = _load_pillars(directory / "pillars.yaml", problems)
    (synonyms, _), described_table = _load_aliases(directory / "aliases.yaml", problems)

    files = _entry_files(directory)
    if not files:
        problems.append(Problem(directory.name, 0, "no entry files (<pillar>.yaml) found"))
    parsed: list[dict[str, Any]] = []
    pending_related: list[tuple[str, str, int]] = []
    seen: dict[str, str] = {}
    for path in files:
        data = _read_yaml(path, problems)
        if data is None:
            continue
        items = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(items, list):
            problems.append(Problem(path.name, 1, "expected a list under 'entries:'"))
            continue
        for item in items:
            if not isinstance(item, _LineMap):
                problems.append(Problem(path.name, 1, "each entry must be a mapping"))
                continue
            result = _parse_entry(item, path.name, problems, sources)
            if result is None:
                continue
            values, related = result
            if values["id"] in seen:
                problems.append(
                    Problem(
                        path.name,
                        item.line_of("id"),
                        f"duplicate id '{values['id']}' (first at {seen[values['id']]})",
                    )
                )
                continue
            seen[values["id"]] = f"{path.name}:{item.line_of('id')}"
            parsed.append(values)
            pending_related.extend((path.name, rid, line) for rid, line in related)

    for where, rid, line in pending_related:
        if rid not in seen:
            problems.append(Problem(where, line, f"related '{rid}' is not an entry id"))
    for pillar in pillars:
        for block in pillar.map:
            for ref in (block.heading, *block.items):
                if ref is not None and ref not in seen:
                    problems.append(
                        Problem(
                            "pillars.yaml",
                            block.line,
                            f"map of '{pillar.id}': '{ref}' is not an entry id",
                        )
                    )

    scope_path = directory / "scope.yaml"
    scope = _load_scope(scope_path if scope_path.is_file() else None, set(seen), problems)

    described = _check_described(
        described_table, parsed, synonyms, directory / "aliases.yaml", problems
    )
    everyday = _load_everyday(directory / "everyday.yaml", parsed, synonyms, problems)
    if problems:
        raise KnowledgeBaseError(problems)
    entries = tuple(Entry(**values) for values in parsed)
    return KnowledgeBase(
        directory=directory,
        pillars=pillars,
        entries=entries,
        sources=sources,
        synonyms=synonyms,
        described=described,
        everyday=everyday,
        version=_fingerprint(_version_files(directory, sources_path)),
        scope=scope,
    )


def _load_scope(path: Path | None, entry_ids: set[str], problems: list[Problem]) -> Scope:
    """The base's scope.yaml, or the shipped scope less the entries this base lacks."""
    own = path is not None
    path = path or DEFAULT_KB_DIR / "scope.yaml"
    if not path.is_file():
        return Scope()
    report_to = problems if own else []
    data = _read_yaml(path, report_to)
    if data is None:
        return Scope()

    def report(line: int, message: str) -> None:
        report_to.append(Problem(path.name, line, message))

    scope = parse_scope(data, report)
    missing = {eid: line for eid, line in entry_lines(data).items() if eid not in entry_ids}
    if own:
        for eid, line in missing.items():
            problems.append(Problem(path.name, line, f"'{eid}' is not an entry id"))
        return scope
    return replace(
        scope,
        offers={
            cls: tuple(e for e in ids if e not in missing) for cls, ids in scope.offers.items()
        },
        broad_default=None if scope.broad_default in missing else scope.broad_default,
        broad_rules=tuple(r for r in scope.broad_rules if r.entry not in missing),
        facets=tuple(r for r in scope.facets if r.entry not in missing),
        support_entries=tuple(e for e in scope.support_entries if e not in missing),
        support_default=None if scope.support_default in missing else scope.support_default,
        support_district_only=tuple(e for e in scope.support_district_only if e not in missing),
        district_entries={d: e for d, e in scope.district_entries.items() if e not in missing},
        comparisons={p: e for p, e in scope.comparisons.items() if e not in missing},
    )


def advisories(kb: KnowledgeBase) -> list[str]:
    """Things that are allowed but make answers worse, as `file:line: advice`."""
    notes: list[str] = []
    owners: dict[str, list[Entry]] = {}
    for entry in kb.entries:
        for question in entry.questions:
            owners.setdefault(re.sub(r"\W+", "", question.lower()), []).append(entry)
    for question_owners in owners.values():
        if len({e.id for e in question_owners}) > 1:
            first, *others = question_owners
            notes.append(
                f"{first.file}:{first.line}: example question also in "
                f"{', '.join(e.id for e in others)}; keep each question in one entry"
            )
    term_owners: dict[str, list[Entry]] = {}
    for entry in kb.entries:
        for term in {*entry.keywords, *entry.aliases}:
            term_owners.setdefault(term.lower(), []).append(entry)
    for term, entries in sorted(term_owners.items()):
        if len(entries) > 3:
            notes.append(
                f"{entries[0].file}:{entries[0].line}: keyword '{term}' names {len(entries)} "
                f"entries; a keyword that names many entries helps none of them"
            )
    # A district's bare name belongs to its own entry: on another entry it pulls every
    # question about the district there ("从化负责啥" -> the green clusters).
    district_names = {  # the district's own names (番禺区, Panyu), not the places in it
        name.lower(): district
        for district, names in kb.scope.districts.items()
        for name in names
        if name.startswith(district) or name.isascii()
    }
    own_entries = set(kb.scope.district_entries.values())
    for entry in kb.entries:
        bare = sorted(t for t in {*entry.keywords, *entry.aliases} if t.lower() in district_names)
        if bare and entry.id not in own_entries:
            notes.append(
                f"{entry.file}:{entry.line}: keyword {', '.join(repr(t) for t in bare)} is a "
                f"district's bare name; leave it to the district's own entry"
            )
    return notes


@dataclass(frozen=True, slots=True)
class BaseDiff:
    """What changed between two loads of a base, by entry id."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    edited: tuple[str, ...]
    other: tuple[str, ...] = ()  # pillars, sources, aliases: named, not itemised

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.edited or self.other)


def _entry_content(entry: Entry) -> tuple[Any, ...]:
    # Where an entry sits (file, line) moves when others are added above it: not an edit.
    return (
        entry.pillar,
        entry.title,
        entry.title_en,
        entry.passage,
        entry.summary_en,
        entry.keywords,
        entry.questions,
        entry.aliases,
        entry.related,
        tuple((r.source.id, r.section) for r in entry.sources),
    )


def diff(old: KnowledgeBase, new: KnowledgeBase) -> BaseDiff:
    """Entries added, removed and edited from `old` to `new`, in the new base's order."""
    added = tuple(e.id for e in new.entries if e.id not in old.by_id)
    removed = tuple(e.id for e in old.entries if e.id not in new.by_id)
    edited = tuple(
        e.id
        for e in new.entries
        if e.id in old.by_id and _entry_content(old.by_id[e.id]) != _entry_content(e)
    )
    other = []
    if old.pillars != new.pillars:
        other.append("pillars")
    if dict(old.sources) != dict(new.sources):
        other.append("sources")
    if dict(old.synonyms) != dict(new.synonyms):
        other.append("aliases")
    return BaseDiff(added, removed, edited, tuple(other))
