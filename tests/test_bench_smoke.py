"""Smoke test of the benchmark: `policybot bench --quick --no-write` runs and reports.

These check structure, never speed: the figures are measurements, not pass/fail tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.evaluation import Question, evaluate
from bot.knowledge import KnowledgeBase, load

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # bench/ is a package of the checkout, not of the install

from bench.baselines import BM25Baseline, FuzzBaseline  # noqa: E402
from bench.synthetic import write_synthetic_kb  # noqa: E402

SECTIONS = (
    "Run",
    "Latency per question",
    "Scale",
    "Baselines",
    "Start-up",
    "Memory",
    "Throughput end to end",
    "Targets",
    "Why targets were missed",
)
NUMBER = r"\d+(?:\.\d+)?"


@pytest.fixture(scope="module")
def quick_output() -> str:
    """The printed report of one quick run (shared by the tests below)."""
    results = REPO / "bench" / "RESULTS.md"
    before = results.read_bytes() if results.is_file() else None
    done = subprocess.run(
        [sys.executable, "-m", "bot", "bench", "--quick", "--no-write"],
        cwd=REPO,
        capture_output=True,
        text=True,
        # A bound against a hang, not a speed target: about a minute alone, more beside
        # another test worker on a loaded machine.
        timeout=220,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    after = results.read_bytes() if results.is_file() else None
    assert before == after, "--no-write must leave bench/RESULTS.md alone"
    return done.stdout


def section(output: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", output, re.M | re.S)
    assert match, f"no section {title!r}"
    return match.group(1)


@pytest.mark.timeout(240)
def test_quick_run_prints_every_section_in_order(quick_output: str) -> None:
    """Every section header is printed once, in the documented order."""
    positions = [quick_output.find(f"## {title}\n") for title in SECTIONS]
    assert all(p >= 0 for p in positions), dict(zip(SECTIONS, positions, strict=True))
    assert positions == sorted(positions)


@pytest.mark.timeout(240)
def test_latency_row_has_ordered_percentiles(quick_output: str) -> None:
    """The shipped base's latency row parses: queries, p50 <= p90 <= p99 <= max, mean."""
    text = section(quick_output, "Latency per question")
    row = re.search(
        rf"^\| shipped \(\d+\) \| (\d+) \| ({NUMBER}) \| ({NUMBER}) \| ({NUMBER}) "
        rf"\| ({NUMBER}) \| ({NUMBER}) \|$",
        text,
        re.M,
    )
    assert row, text
    n, p50, p90, p99, top, _mean = (float(v) for v in row.groups())
    assert n >= 82
    assert 0 < p50 <= p90 <= p99 <= top
    assert re.search(rf"Hit {NUMBER}%, OOS rejection {NUMBER}%", text)


@pytest.mark.timeout(240)
def test_scale_and_baselines_cover_every_base(quick_output: str) -> None:
    """Three bases (shipped and two synthetic), each with ours and both baselines."""
    scale = section(quick_output, "Scale")
    bases = re.findall(r"^\| (shipped \(\d+\)|synthetic [\d,]+) \| (\d+) \|", scale, re.M)
    assert len(bases) == 3, scale
    sizes = [int(n) for _, n in bases]
    assert sizes == sorted(sizes)
    baselines = section(quick_output, "Baselines")
    for system in (
        "ours (bot.matcher)",
        "rapidfuzz extractOne (WRatio)",
        "BM25Okapi (jieba tokens)",
    ):
        rows = re.findall(
            rf"^\| [^|]+ \| {re.escape(system)} \|.*\| ({NUMBER})% \|$", baselines, re.M
        )
        assert len(rows) == 3, (system, baselines)
    assert re.search(rf"\| {NUMBER}× \| {NUMBER}× \|", baselines)


@pytest.mark.timeout(240)
def test_startup_memory_and_throughput_report_figures_or_a_reason(quick_output: str) -> None:
    """Start-up has cold and warm seconds; Telegram parts give figures or say they skipped."""
    startup = section(quick_output, "Start-up")
    assert re.search(rf"\| cold .*\| ({NUMBER}) s \|", startup)
    assert re.search(rf"\| warm .*\| ({NUMBER}) s \|", startup)
    memory = section(quick_output, "Memory")
    assert re.search(rf"`policybot ask --json` \(warm cache.*\| {NUMBER} MB \|", memory)
    throughput = section(quick_output, "Throughput end to end")
    assert "skipped:" in throughput or re.search(
        rf"^\| \d+ of \d+ \| \d+ of \d+ \| {NUMBER} \| \d+ \|$", throughput, re.M
    ), throughput


@pytest.mark.timeout(240)
def test_every_target_has_a_verdict(quick_output: str) -> None:
    """Each target row ends in met, missed (with by how much) or not measured."""
    rows = [
        r
        for r in section(quick_output, "Targets").splitlines()
        if r.startswith("| ") and not r.startswith("| target")
    ]
    assert len(rows) >= 7
    for row in rows:
        assert "**met**" in row or "**missed** by" in row or "not measured" in row, row
    assert "<!-- why:start -->" in section(quick_output, "Why targets were missed")


# --- the pieces, without a whole run -------------------------------------------------------


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


def test_synthetic_base_is_deterministic_and_keeps_the_originals(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """Same size and seed give the same files; the loader accepts them; ids are unique;
    the base's word lists and scope come along."""
    first = write_synthetic_kb(kb, len(kb.entries) + 60, tmp_path / "a")
    second = write_synthetic_kb(kb, len(kb.entries) + 60, tmp_path / "b")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)
    big = load(first)
    assert len(big.entries) == len(kb.entries) + 60
    assert len(big.by_id) == len(big.entries)
    for entry in kb.entries:
        assert big.by_id[entry.id].passage == entry.passage
    # The large base is matched with the shipped word lists and scope, not without them.
    assert (big.synonyms, big.described, big.everyday) == (kb.synonyms, kb.described, kb.everyday)
    assert big.scope == kb.scope


@pytest.mark.parametrize("baseline", [FuzzBaseline, BM25Baseline], ids=["rapidfuzz", "bm25"])
def test_baselines_answer_an_entrys_own_question(
    kb: KnowledgeBase, baseline: type[FuzzBaseline | BM25Baseline]
) -> None:
    """A baseline finds an entry from its own first question and is usable by evaluate()."""
    system = baseline(kb)
    entry = kb.entries[0]
    answer = system.answer(entry.questions[0])
    assert answer is not None
    assert answer.pillar == entry.pillar
    report = evaluate(
        system.answer, [Question(entry.questions[0], entry.pillar, (entry.title,), "formal")]
    )
    assert report.total == 1
