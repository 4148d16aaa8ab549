"""Loading and validating knowledge bases: good ones load, broken ones name every problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge import PILLAR_IDS, KnowledgeBaseError, diff, load

GOOD_ENTRY = """\
  - id: clusters-extra
    pillar: clusters
    title: 测试集群
    title_en: Test cluster
    passage: 这是一段用于测试的文字，长度足够通过校验规则，内容没有任何实际含义，只用来确认加载器在各种错误情况下都能准确地报告文件名和行号。
    summary_en: A test cluster.
    keywords: [测试集群]
    questions: [测试集群是什么, 测试集群有什么, 讲讲测试集群]
    sources: [test-source]
"""


def _problems(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as info:
        load(directory)
    return [str(p) for p in info.value.problems]


def test_shipped_base_loads_with_every_pillar(kb):
    """The shipped base loads, has the seven contract pillars and at least 130 entries."""
    assert tuple(p.id for p in kb.pillars) == PILLAR_IDS
    assert len(kb.entries) >= 130
    assert all(kb.entries_of(pid) for pid in PILLAR_IDS)


def test_tiny_fixture_loads(tiny_base):
    """A minimal valid base loads into entries with resolved sources and related ids."""
    base = load(tiny_base)
    entry = base.entry("clusters-low-altitude")
    assert entry is not None
    assert entry.sources[0].source.url == "https://example.org/source"
    assert entry.sources[0].section == "测试"
    assert entry.related == ("future-quantum",)


BROKEN = {
    "invalid-yaml": ("entries:\n  - id: [unclosed\n", "invalid YAML"),
    "missing-field": (
        GOOD_ENTRY.replace("    title_en: Test cluster\n", ""),
        "missing or empty 'title_en'",
    ),
    "empty-passage": (
        GOOD_ENTRY.replace(GOOD_ENTRY.split("passage: ")[1].split("\n", maxsplit=1)[0], '""'),
        "missing or empty 'passage'",
    ),
    "short-passage": (
        GOOD_ENTRY.replace(GOOD_ENTRY.split("passage: ")[1].split("\n", maxsplit=1)[0], "太短了"),
        "passage is 3 characters",
    ),
    "unknown-pillar": (
        GOOD_ENTRY.replace("pillar: clusters", "pillar: housing"),
        "unknown pillar 'housing'",
    ),
    "duplicate-id": (
        GOOD_ENTRY.replace("clusters-extra", "clusters-low-altitude"),
        "duplicate id 'clusters-low-altitude'",
    ),
    "dangling-related": (
        GOOD_ENTRY + "    related: [no-such-entry]\n",
        "related 'no-such-entry' is not an entry id",
    ),
    "dangling-source": (
        GOOD_ENTRY.replace("sources: [test-source]", "sources: [nowhere]"),
        "source 'nowhere' is not in sources.yaml",
    ),
    "wrong-type": (
        GOOD_ENTRY.replace("keywords: [测试集群]", "keywords: 测试集群"),
        "'keywords' must be a list",
    ),
    "too-few-questions": (
        GOOD_ENTRY.replace("[测试集群是什么, 测试集群有什么, 讲讲测试集群]", "[测试集群是什么]"),
        "needs at least 3 questions",
    ),
    "unknown-field": (GOOD_ENTRY + "    keyword: [typo]\n", "unknown field 'keyword'"),
    "key-twice": (GOOD_ENTRY + "    title: 又一个标题\n", "'title' appears twice in one mapping"),
    "bad-id": (GOOD_ENTRY.replace("clusters-extra", "Clusters Extra"), "must be a lowercase slug"),
}


@pytest.mark.parametrize(("body", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_entry_is_reported_with_file_and_line(tiny_base, body, expected):
    """Each kind of mistake is refused as `file:line: what is wrong`."""
    path = tiny_base / "clusters.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + body if body.startswith("  - ") else body, encoding="utf-8")
    problems = _problems(tiny_base)
    assert any(expected in p for p in problems), problems
    assert all(p.split(":")[0].endswith(".yaml") and p.split(":")[1].isdigit() for p in problems), (
        problems
    )


GOOD_SOURCE = "    authority: commercial\n"
REPOST = "    authority: repost\n"
ORIGINAL = (
    "    original:\n      publisher: 原发布方\n      title: 原标题\n"
    "      url: https://example.org/original\n"
)

BROKEN_SOURCES = {
    "unknown-authority": (
        (GOOD_SOURCE, "    authority: trusted\n"),
        "source authority 'trusted' is not one of",
    ),
    "missing-authority": ((GOOD_SOURCE, ""), "source is missing 'authority'"),
    "repost-without-original": (
        (GOOD_SOURCE, REPOST),
        "a repost needs 'original' with the original publisher and title",
    ),
    "original-without-publisher": (
        (GOOD_SOURCE, REPOST + ORIGINAL.replace("      publisher: 原发布方\n", "")),
        "'original' is missing 'publisher'",
    ),
    "original-without-title": (
        (GOOD_SOURCE, REPOST + ORIGINAL.replace("      title: 原标题\n", "")),
        "'original' is missing 'title'",
    ),
    "original-not-a-mapping": (
        (GOOD_SOURCE, REPOST + "    original: 原发布方\n"),
        "'original' must be a mapping",
    ),
    "original-on-a-non-repost": (
        (GOOD_SOURCE, GOOD_SOURCE + ORIGINAL),
        "only a source with authority 'repost' has 'original'",
    ),
    "unknown-source-field": (
        (GOOD_SOURCE, GOOD_SOURCE + "    grade: A\n"),
        "unknown source field 'grade'",
    ),
}


@pytest.mark.parametrize(("change", "expected"), BROKEN_SOURCES.values(), ids=BROKEN_SOURCES.keys())
def test_broken_source_is_reported_with_file_and_line(tiny_base, change, expected):
    """A source with a bad authority grade or a repost without its original is refused as
    `sources.yaml:line: what is wrong`, the line pointing into that source."""
    path = tiny_base.parent / "seeds" / "sources.yaml"
    old, new = change
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    problems = [p for p in _problems(tiny_base) if expected in p]
    assert problems, _problems(tiny_base)
    where, line, _ = problems[0].split(":", 2)
    source_lines = range(2, len(path.read_text(encoding="utf-8").splitlines()) + 1)
    assert where == "sources.yaml" and int(line) in source_lines, problems


def test_repost_with_original_loads(tiny_base):
    """A repost that names its original loads, with the original's publisher, title and URL."""
    path = tiny_base.parent / "seeds" / "sources.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(GOOD_SOURCE, REPOST + ORIGINAL), encoding="utf-8"
    )
    source = load(tiny_base).sources["test-source"]
    assert source.is_repost
    assert source.original is not None
    assert (source.original.publisher, source.original.title, source.original.url) == (
        "原发布方",
        "原标题",
        "https://example.org/original",
    )


def test_line_numbers_point_at_the_offending_key(tiny_base):
    """The reported line is the line of the bad key, so an analyst can jump straight to it."""
    path = tiny_base / "clusters.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines, 1) if "pillar: clusters" in line)
    lines[n - 1] = "    pillar: housing"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert f"clusters.yaml:{n}: unknown pillar 'housing'" in _problems(tiny_base)[0]


def test_all_problems_are_listed_together(tiny_base):
    """Several mistakes in different files come back in one report, not one at a time."""
    (tiny_base / "clusters.yaml").write_text(
        (tiny_base / "clusters.yaml")
        .read_text(encoding="utf-8")
        .replace("pillar: clusters", "pillar: nowhere"),
        encoding="utf-8",
    )
    (tiny_base / "future.yaml").write_text(
        (tiny_base / "future.yaml")
        .read_text(encoding="utf-8")
        .replace("sources: [test-source]", "sources: [missing-source]"),
        encoding="utf-8",
    )
    problems = _problems(tiny_base)
    assert any(p.startswith("clusters.yaml") for p in problems)
    assert any(p.startswith("future.yaml") for p in problems)


def test_source_without_url_is_refused(tiny_base):
    """A source must say where it comes from."""
    sources = tiny_base.parent / "seeds" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("    url: https://example.org/source\n", ""),
        encoding="utf-8",
    )
    assert any("sources.yaml" in p and "missing 'url'" in p for p in _problems(tiny_base))


def _kb_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "kb", "check", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_kb_check_command_passes_on_shipped_base():
    """`policybot kb check` exits 0 with a per-pillar summary on the shipped base."""
    done = _kb_check()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok:" in done.stdout
    assert "clusters" in done.stdout


def test_kb_check_command_lists_errors_and_exits_1(tiny_base):
    """`policybot kb check DIR` on a broken base prints each error and exits 1."""
    path = tiny_base / "future.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("pillar: future", "pillar: x"), encoding="utf-8"
    )
    done = _kb_check(str(tiny_base))
    assert done.returncode == 1
    assert "future.yaml:" in done.stdout and "unknown pillar 'x'" in done.stdout


def test_duplicate_example_question_is_advised(tiny_base):
    """The same example question in two entries is loaded but flagged by `kb check`."""
    path = tiny_base / "future.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("未来网络是什么", "低空经济是什么"),
        encoding="utf-8",
    )
    done = _kb_check(str(tiny_base))
    assert done.returncode == 0
    assert "example question also in future-quantum" in done.stdout


def test_impossible_date_is_not_a_crash(tiny_base):
    """A date such as 2025-25-25 in sources.yaml loads as text rather than crashing."""
    sources = tiny_base.parent / "seeds" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("2025-01-01", "2025-25-25"), encoding="utf-8"
    )
    assert load(tiny_base).sources["test-source"].date == "2025-25-25"


def test_folded_passage_has_no_stray_spaces(tiny_base):
    """A passage folded over several YAML lines reads as one line of Chinese, no spaces."""
    path = tiny_base / "future.yaml"
    text = path.read_text(encoding="utf-8")
    one_line = text.split("passage: ")[1].split("\n")[0]
    folded = ">-\n      " + one_line[:30] + "\n      " + one_line[30:]
    path.write_text(text.replace(one_line, folded), encoding="utf-8")
    passage = load(tiny_base).by_id["future-quantum"].passage
    assert passage == one_line


def test_map_groups_must_name_entries(tiny_base):
    """A pillar's map naming an entry that does not exist is refused at its pillars.yaml line."""
    path = tiny_base / "pillars.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "  map: [{items: [clusters-low-altitude, clusters-nowhere]}]")
    lines[3] = lines[3].replace("{", "").replace("}", "").replace(", ", "\n  ")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = _problems(tiny_base)
    assert len(problems) == 1
    assert problems[0].startswith("pillars.yaml:")
    assert "'clusters-nowhere' is not an entry id" in problems[0]
    path.write_text(
        path.read_text(encoding="utf-8").replace(", clusters-nowhere", ""), encoding="utf-8"
    )
    (clusters,) = [p for p in load(tiny_base).pillars if p.id == "clusters"]
    assert clusters.map[0].items == ("clusters-low-altitude",)


def test_diff_names_added_removed_and_edited_entries(tiny_base):
    """Comparing two loads of a base lists entries added, removed and edited; moving is not editing."""
    before = load(tiny_base)
    clusters = tiny_base / "clusters.yaml"
    text = clusters.read_text(encoding="utf-8")
    clusters.write_text(text.replace("entries:\n", "entries:\n" + GOOD_ENTRY, 1), encoding="utf-8")
    after = load(tiny_base)
    change = diff(before, after)
    assert change.added == ("clusters-extra",)
    assert change.removed == () and change.edited == ()  # clusters-low-altitude only moved down
    clusters.write_text(
        clusters.read_text(encoding="utf-8").replace("测试集群是什么", "测试集群是啥"),
        encoding="utf-8",
    )
    assert diff(after, load(tiny_base)).edited == ("clusters-extra",)
    assert diff(load(tiny_base), before).removed == ("clusters-extra",)
    assert not diff(before, before)


def test_a_districts_bare_name_on_another_entry_is_flagged(tmp_path: Path):
    """A curator who gives the green-clusters entry the keyword 从化 is told, as file:line,
    that a district's bare name belongs to the district's own entry; the shipped base is
    clean."""
    import shutil

    from bot.knowledge import advisories
    from tests.paths import REPO

    assert not [n for n in advisories(load()) if "district's bare name" in n]
    copy = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", copy)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    path = copy / "transformation.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("[绿色产业集群, 差异化布局,", "[绿色产业集群, 从化, 差异化布局,"),
        encoding="utf-8",
    )
    notes = [n for n in advisories(load(copy)) if "district's bare name" in n]
    assert len(notes) == 1 and notes[0].startswith("transformation.yaml:")
    assert "'从化'" in notes[0]


def test_a_base_read_from_the_cache_is_the_base_on_disk(tiny_base: Path, tmp_path: Path):
    """With a cache directory, a start reads the base back from there instead of parsing the
    YAML again; an edited entry is read fresh at once, and a broken file is reported as
    file:line however often the base was cached before."""
    cache = tmp_path / "cache"
    first = load(tiny_base, cache)
    assert list(cache.glob("kb-*.pickle")), "the base was not cached"
    again = load(tiny_base, cache)
    assert again.entries == first.entries and again.scope == first.scope
    clusters = tiny_base / "clusters.yaml"
    clusters.write_text(
        clusters.read_text(encoding="utf-8").replace("低空经济与航空航天", "低空经济与航天"),
        encoding="utf-8",
    )
    assert load(tiny_base, cache).by_id["clusters-low-altitude"].title == "低空经济与航天"
    clusters.write_text("entries:\n  - id: Bad Id\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load(tiny_base, cache)
    assert any(str(p).startswith("clusters.yaml:") for p in info.value.problems)
