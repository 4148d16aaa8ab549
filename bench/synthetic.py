"""Larger knowledge bases, recombined deterministically from a real one.

`write_synthetic_kb(kb, size, directory)` writes a real knowledge directory (pillars.yaml,
sources.yaml, entry files, and the base's own aliases.yaml, everyday.yaml and scope.yaml)
that `bot.knowledge.load` accepts. It holds every original entry unchanged, so the
evaluation questions keep their right answers, plus new entries with fresh unique ids whose
titles and keywords splice halves of two originals' (new names with the base's own
characters), whose questions follow the ways people ask and whose passages recombine
sentences of entries of the same pillar. Same base, size and seed:
the same files, byte for byte.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from bot.answer import source_json
from bot.knowledge import PASSAGE_MAX, PASSAGE_MIN, Entry, KnowledgeBase, Source

SEED = 12218
CHUNK = 1000  # entries per synthetic file, like a large pillar file
WORD_LIST_FILES = ("aliases.yaml", "everyday.yaml", "scope.yaml")

_QUESTION_TEMPLATES = (
    "{title}是什么？",
    "{kw}有哪些政策？",
    "广州在{kw}方面怎么做",
    "{title}",
    "{kw}跟12218有啥关系",
)

try:
    _Dumper: type[yaml.SafeDumper] = yaml.CSafeDumper  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Dumper = yaml.SafeDumper


def _splice(a: str, b: str) -> str:
    """The first half of `a` and the second half of `b`: a new name in the base's words."""
    return a[: max(1, (len(a) + 1) // 2)] + b[len(b) // 2 :]


def _splice_words(a: str, b: str) -> str:
    wa, wb = a.split(), b.split()
    return " ".join(wa[: max(1, (len(wa) + 1) // 2)] + wb[len(wb) // 2 :])


def _sentences(passage: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？；]+[。！？；]?", passage) if s.strip()]


def _length(text: str) -> int:
    return len(re.sub(r"\s+", "", text))


def source_to_yaml(s: Source) -> dict[str, Any]:
    """A source as the loader reads it: the `--json` fields (same keys), its id and note."""
    return {"id": s.id, **source_json(s), "note": s.note}


def entry_to_yaml(entry: Entry) -> dict[str, Any]:
    """An entry back in the shape of the YAML it was loaded from."""
    data: dict[str, Any] = {
        "id": entry.id,
        "pillar": entry.pillar,
        "title": entry.title,
        "title_en": entry.title_en,
        "passage": entry.passage,
        "summary_en": entry.summary_en,
        "keywords": list(entry.keywords),
        "questions": list(entry.questions),
    }
    if entry.aliases:
        data["aliases"] = list(entry.aliases)
    if entry.related:
        data["related"] = list(entry.related)
    data["sources"] = [
        {"id": ref.source.id, **({"section": ref.section} if ref.section else {})}
        for ref in entry.sources
    ]
    return data


def synthetic_entries(kb: KnowledgeBase, count: int, seed: int = SEED) -> list[dict[str, Any]]:
    """`count` new entries recombined from `kb`, as YAML mappings with fresh unique ids."""
    rng = random.Random(seed)
    originals = list(kb.entries)
    by_pillar: dict[str, list[Entry]] = {}
    for entry in originals:
        by_pillar.setdefault(entry.pillar, []).append(entry)
    taken = set(kb.by_id)
    out: list[dict[str, Any]] = []
    for n in range(count):
        a = rng.choice(originals)
        b = rng.choice(originals)
        same = by_pillar[a.pillar]
        c = rng.choice(same)
        entry_id = f"{a.pillar}-syn-{n:05d}"
        if entry_id in taken:  # pragma: no cover - only if a real id looks like ours
            entry_id = f"{entry_id}-x"
        taken.add(entry_id)

        title = _splice(a.title, b.title)
        keywords = [title]
        for _ in range(2):
            keywords.append(_splice(rng.choice(a.keywords), rng.choice(b.keywords)))
        keywords.append(rng.choice(c.keywords))  # one real term shared with an original
        keywords = list(dict.fromkeys(k for k in keywords if len(k) >= 2))

        pool = _sentences(a.passage) + _sentences(c.passage)
        rng.shuffle(pool)
        passage = ""
        for sentence in pool:
            if _length(passage + sentence) <= PASSAGE_MAX:
                passage += sentence
        if _length(passage) < PASSAGE_MIN:
            passage = a.passage
        templates = rng.sample(_QUESTION_TEMPLATES, 3)
        questions = [t.format(title=title, kw=rng.choice(keywords)) for t in templates]
        questions.append(rng.choice(a.questions).replace(a.title, title))
        out.append(
            {
                "id": entry_id,
                "pillar": a.pillar,
                "title": title,
                "title_en": _splice_words(a.title_en, b.title_en),
                "passage": passage,
                "summary_en": a.summary_en,
                "keywords": keywords,
                "questions": list(dict.fromkeys(questions)),
                "sources": [{"id": ref.source.id} for ref in a.sources[:2]],
            }
        )
    return out


def _dump(data: Any, path: Path) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")


def write_synthetic_kb(kb: KnowledgeBase, size: int, directory: Path, seed: int = SEED) -> Path:
    """Write a knowledge directory of `size` entries (at least the originals) and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    _dump(
        {
            "pillars": [
                {
                    "id": p.id,
                    "digit": p.digit,
                    "name": p.name,
                    "name_en": p.name_en,
                    "summary": p.summary,
                    "summary_en": p.summary_en,
                }
                for p in kb.pillars
            ]
        },
        directory / "pillars.yaml",
    )
    # The base's word lists and scope apply unchanged (every original entry is kept), so the
    # large bases are matched with all of them, as the shipped one is.
    for name in WORD_LIST_FILES:
        if (kb.directory / name).is_file():
            shutil.copyfile(kb.directory / name, directory / name)
    _dump({"sources": [source_to_yaml(s) for s in kb.sources.values()]}, directory / "sources.yaml")
    for pillar in kb.pillars:
        entries = [entry_to_yaml(e) for e in kb.entries_of(pillar.id)]
        if entries:
            _dump({"entries": entries}, directory / f"{pillar.id}.yaml")
    extra = synthetic_entries(kb, max(0, size - len(kb.entries)), seed)
    for i in range(0, len(extra), CHUNK):
        _dump({"entries": extra[i : i + CHUNK]}, directory / f"synthetic-{i // CHUNK:02d}.yaml")
    return directory
