"""`policybot bench`: latency, scale, baselines, start-up, memory and end-to-end throughput.

Everything runs on this machine over loopback only; every loop is bounded in count and in
time. The report is Markdown: printed section by section as it is measured and, unless
`write=False`, written to bench/RESULTS.md (the text between the "why" markers of an
existing RESULTS.md is kept, so explanations written by hand survive a re-run).
"""

from __future__ import annotations

import compileall
import contextlib
import datetime as dt
import gc
import importlib
import importlib.metadata
import importlib.util
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import bot
from bench.baselines import BM25Baseline, FuzzBaseline
from bench.faults import fault_lines
from bench.synthetic import write_synthetic_kb
from bot.evaluation import Question, evaluate, is_hit, load_questions
from bot.index import build_index
from bot.knowledge import DEFAULT_KB_DIR, Entry, KnowledgeBase, KnowledgeBaseError, load
from bot.matcher import Matcher
from tests.botapi_double import FAKE_TOKEN, BotApiDouble

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "RESULTS.md"
SHARED_QUESTIONS = REPO.parent / "shared" / "eval" / "dev-questions.yaml"
STARTUP_QUESTION = "两业融合是什么"
WHY_START, WHY_END = "<!-- why:start -->", "<!-- why:end -->"
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Config:
    queries: int  # timed queries of ours per base (all questions repeated)
    ours_seconds: float  # ... unless this much time has passed (at least one pass)
    scales: tuple[int, ...]  # synthetic base sizes
    baseline_queries: int  # at most this many timed queries per baseline per base
    baseline_seconds: float  # ... and about this much time (at least one pass)
    startup_runs: int  # fresh processes per start-up figure
    memory_questions: int  # questions to `policybot run` before its idle RSS reading
    idle_seconds: float
    updates: int  # the throughput run
    chats: int
    telegram_timeout: float  # for each phase of the Telegram run


FULL = Config(
    queries=5000,
    ours_seconds=60.0,
    scales=(1000, 10000),
    baseline_queries=5000,
    baseline_seconds=8.0,
    startup_runs=5,
    memory_questions=1000,
    idle_seconds=2.0,
    updates=2000,
    chats=500,
    telegram_timeout=180.0,
)
QUICK = Config(
    queries=200,
    ours_seconds=5.0,
    scales=(200, 400),
    baseline_queries=100,
    baseline_seconds=0.5,
    startup_runs=1,
    memory_questions=10,
    idle_seconds=0.3,
    updates=20,
    chats=5,
    telegram_timeout=30.0,
)


# --- small helpers -------------------------------------------------------------------------


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


@dataclass(slots=True)
class Latency:
    """Per-call times in milliseconds."""

    times_ms: list[float]

    @property
    def n(self) -> int:
        return len(self.times_ms)

    def p(self, q: float) -> float:
        return percentile(sorted(self.times_ms), q)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.times_ms) if self.times_ms else math.nan

    @property
    def max(self) -> float:
        return max(self.times_ms) if self.times_ms else math.nan


def time_calls(
    fn: Callable[[str], object], texts: Sequence[str], count: int, seconds: float
) -> Latency:
    """Call `fn` over `texts` cyclically, `count` times, stopping early after `seconds`.

    At least one full pass over `texts` is always made."""
    clock = time.perf_counter_ns
    times: list[float] = []
    deadline = time.monotonic() + seconds
    for i in range(max(count, len(texts))):
        if i >= len(texts) and (i >= count or time.monotonic() > deadline):
            break
        text = texts[i % len(texts)]
        start = clock()
        fn(text)
        times.append((clock() - start) / 1e6)
    return Latency(times)


def ms(value: float) -> str:
    """Milliseconds with two decimals; n/a for a figure not measured."""
    if math.isnan(value):
        return "n/a"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def secs(value: float) -> str:
    """Seconds, to three decimals below ten."""
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def mib(kib_or_bytes: float, *, kib: bool = False) -> str:
    """A size in MB, from bytes (or KiB with `kib`)."""
    value = kib_or_bytes * 1024 if kib else kib_or_bytes
    return f"{value / MB:.1f} MB"


def pct(value: float) -> str:
    """A share as a percentage with one decimal."""
    return f"{100 * value:.1f}%"


def proc_status(pid: int | str = "self") -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process in KiB, from /proc; empty where there is none."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return {}
    found = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+)", text, re.M))
    return {key: int(value) for key, value in found.items()}


def reset_peak_rss() -> bool:
    """Reset this process's VmHWM (Linux >= 4.0); False where that is not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


class Report:
    """Markdown sections, printed as they are finished."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def section(self, title: str, lines: list[str]) -> None:
        text = "\n".join([f"## {title}", "", *lines, ""])
        self.parts.append(text)
        print(text, flush=True)

    def text(self) -> str:
        return "\n".join(self.parts)


# --- the question set ----------------------------------------------------------------------


# Without ../shared: the repository's own sets that `tests/test_eval.py` holds to the same
# targets as the development set. Not all of tests/eval: its 13,000 questions would make every
# baseline's scoring pass take minutes, and `--quick` exceed its time in CI.
OWN_QUESTION_SETS = ("blind-questions.yaml", "blind2-questions.yaml", "team-questions.yaml")


def find_questions() -> tuple[list[Question], str]:
    """The shared development questions, or the repository's own when ../shared is absent."""
    if SHARED_QUESTIONS.is_file():
        return load_questions(SHARED_QUESTIONS), "../shared/eval/dev-questions.yaml"
    files = [REPO / "tests" / "eval" / name for name in OWN_QUESTION_SETS]
    files = [path for path in files if path.is_file()]
    questions = [q for path in files for q in load_questions(path)]
    return questions, ", ".join(f"tests/eval/{p.name}" for p in files) or "(none)"


# --- systems under test --------------------------------------------------------------------


def ours_answerer(matcher: Matcher) -> Callable[[str], Entry | None]:
    """Our matcher as a benchmark answerer: the confident entry or None."""

    def answer(question: str) -> Entry | None:
        best = matcher.match(question).best
        return best.entry if best is not None else None

    return answer


@dataclass(slots=True)
class SystemRun:
    name: str
    build_s: float
    latency: Latency
    hit: float
    rejection: float
    strict_hit: float  # hit counting only answers with an original (shipped) entry
    build_peak: str = ""
    index_size: str = ""


def measure_accuracy(
    answer: Callable[[str], Entry | None], questions: list[Question], originals: set[str]
) -> tuple[float, float, float]:
    """Hit and OOS rejection by bot.evaluation, and hit with original entries only; one pass."""
    answers = {q.q: answer(q.q) for q in questions}
    report = evaluate(answers.__getitem__, questions)
    in_scope = [q for q in questions if q.pillar is not None]
    strict = sum(
        is_hit(q, entry) and entry is not None and entry.id in originals
        for q in in_scope
        for entry in (answers[q.q],)
    )
    return report.hit_rate, report.rejection_rate, (strict / len(in_scope) if in_scope else 0.0)


def measure_system(
    name: str,
    build: Callable[[], Callable[[str], Entry | None]],
    questions: list[Question],
    originals: set[str],
    *,
    count: int,
    seconds: float,
) -> SystemRun:
    """Build one answerer, then time it over the questions and score its hits."""
    gc.collect()
    start = time.perf_counter()
    answer = build()
    build_s = time.perf_counter() - start
    hit, rejection, strict = measure_accuracy(answer, questions, originals)  # also warms up
    texts = [q.q for q in questions]
    latency = time_calls(answer, texts, count, seconds)
    return SystemRun(name, build_s, latency, hit, rejection, strict)


def measure_ours(
    kb: KnowledgeBase, questions: list[Question], originals: set[str], cfg: Config
) -> SystemRun:
    """Our matcher: build (time and peak RSS growth), warm-up pass, timed queries."""
    holder: list[Matcher] = []
    peak_ok = False
    before: dict[str, int] = {}

    def build() -> Callable[[str], Entry | None]:
        nonlocal peak_ok, before
        gc.collect()
        peak_ok = reset_peak_rss()
        before = proc_status()
        holder.append(Matcher(kb))
        return ours_answerer(holder[0])

    run = measure_system(
        "ours (bot.matcher)",
        build,
        questions,
        originals,
        count=cfg.queries,
        seconds=cfg.ours_seconds,
    )
    after = proc_status()
    if peak_ok and before and after:
        run.build_peak = mib(after["VmHWM"] - before["VmRSS"], kib=True)
    # What the built index holds: allocations while unpickling a copy of it (the cache format).
    import pickle

    blob = pickle.dumps(holder[0]._index, protocol=pickle.HIGHEST_PROTOCOL)
    tracemalloc.start()
    copy = pickle.loads(blob)  # noqa: S301 - our own bytes
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del copy
    run.index_size = f"{mib(size)} (pickle {mib(len(blob))})"
    return run


@dataclass(slots=True)
class BaseRun:
    label: str
    entries: int
    prepare_s: float  # write + load for synthetic bases, load for the shipped one
    ours: SystemRun
    baselines: list[SystemRun] = field(default_factory=list)


def measure_base(
    label: str,
    kb: KnowledgeBase,
    *,
    prepare_s: float,
    questions: list[Question],
    originals: set[str],
    cfg: Config,
) -> BaseRun:
    """Our matcher and both baselines measured on one base."""
    ours = measure_ours(kb, questions, originals, cfg)
    gc.collect()
    run = BaseRun(label, len(kb.entries), prepare_s, ours)
    for cls in (FuzzBaseline, BM25Baseline):

        def build(cls: type[FuzzBaseline | BM25Baseline] = cls) -> Callable[[str], Entry | None]:
            return cls(kb).answer

        run.baselines.append(
            measure_system(
                cls.name,
                build,
                questions,
                originals,
                count=cfg.baseline_queries,
                seconds=cfg.baseline_seconds,
            )
        )
        gc.collect()
    return run


# --- fresh processes -----------------------------------------------------------------------


def policybot_command(kb_dir: str | None) -> list[str]:
    """The command that runs `policybot` from this interpreter, on `kb_dir`."""
    script = Path(sys.executable).with_name("policybot")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "bot"]
    return [*command, *(["--kb", kb_dir] if kb_dir else [])]


@dataclass(frozen=True, slots=True)
class ProcessRun:
    seconds: float
    max_rss_kib: int
    returncode: int
    stdout: str


# A child's ru_maxrss starts from the RSS of the process it was forked from (Linux records
# the old address space's high-water mark at exec), so the benchmark's own few hundred MB
# would show up as every child's peak. A small launcher in between keeps the figure the
# child's own: it spawns the command, times it and prints wait4's rusage as JSON on stderr.
_LAUNCHER = """
import json, os, signal, sys, time
argv, timeout = sys.argv[2:], float(sys.argv[1])
actions = [(os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
signal.alarm(max(1, int(timeout)))
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
json.dump({"seconds": seconds, "maxrss": usage.ru_maxrss, "code": code}, sys.stderr)
"""


def run_process(command: list[str], env: dict[str, str], timeout: float) -> ProcessRun:
    """Run a command to completion: its wall time and its own peak RSS (wait4's rusage)."""
    launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(timeout), *command]
    try:
        done = subprocess.run(
            launcher, env=env, capture_output=True, timeout=timeout + 30, check=False
        )
        figures = json.loads(done.stderr.decode("utf-8", "replace"))
    except (subprocess.TimeoutExpired, ValueError):
        return ProcessRun(math.nan, 0, -1, "")
    return ProcessRun(
        figures["seconds"],
        int(figures["maxrss"]),
        int(figures["code"]),
        done.stdout.decode("utf-8", "replace"),
    )


def startup_section(
    kb: KnowledgeBase, kb_dir: str | None, tmp: Path, cfg: Config, first_build_s: float
) -> tuple[list[str], dict[str, float], Path]:
    """Start-up time of `policybot ask --json`, cold and with the index cache.

    With the package's bytecode compiled, as an installed package (and the Docker image)
    has it: a shell that sets PYTHONDONTWRITEBYTECODE would time the compiling too."""
    command = [*policybot_command(kb_dir), "ask", "--json", STARTUP_QUESTION]
    compileall.compile_dir(str(Path(bot.__file__).resolve().parent), quiet=1)
    base_env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    cold: list[ProcessRun] = []
    for i in range(cfg.startup_runs):
        cache = tmp / f"cache-cold-{i}"
        cache.mkdir()
        cold.append(run_process(command, {**base_env, "POLICYBOT_CACHE": str(cache)}, 60))
    warm_cache = tmp / "cache-warm"
    warm_cache.mkdir()
    run_process(command, {**base_env, "POLICYBOT_CACHE": str(warm_cache)}, 60)  # populate
    warm = [
        run_process(command, {**base_env, "POLICYBOT_CACHE": str(warm_cache)}, 60)
        for _ in range(cfg.startup_runs)
    ]

    def answered(run: ProcessRun) -> bool:
        try:
            return run.returncode == 0 and bool(json.loads(run.stdout.splitlines()[0])["matched"])
        except (ValueError, IndexError, KeyError):
            return False

    again: list[float] = []
    for _ in range(3 if cfg.startup_runs > 1 else 1):
        start = time.perf_counter()
        build_index(kb)
        again.append(time.perf_counter() - start)

    cold_s = statistics.median(r.seconds for r in cold)
    warm_s = statistics.median(r.seconds for r in warm)
    figures = {
        "cold_s": cold_s,
        "warm_s": warm_s,
        "cold_rss": max(r.max_rss_kib for r in cold),
        "warm_rss": max(r.max_rss_kib for r in warm),
    }
    ok = sum(answered(r) for r in cold + warm)
    lines = [
        f'`policybot ask --json "{STARTUP_QUESTION}"` as a fresh process, wall time, median of '
        f"{cfg.startup_runs} ({ok} of {len(cold) + len(warm)} runs answered with a match):",
        "",
        "| | median | min | max |",
        "|---|---:|---:|---:|",
        f"| cold (empty POLICYBOT_CACHE: index built, cache written) | {secs(cold_s)} s | "
        f"{secs(min(r.seconds for r in cold))} s | {secs(max(r.seconds for r in cold))} s |",
        f"| warm (index cache populated) | {secs(warm_s)} s | "
        f"{secs(min(r.seconds for r in warm))} s | {secs(max(r.seconds for r in warm))} s |",
        "",
        f"`build_index` alone on the shipped base ({len(kb.entries)} entries), in-process: "
        f"{secs(first_build_s)} s the first time in a process (imports jieba and loads its "
        f"dictionary), {secs(statistics.median(again))} s again (median of {len(again)}).",
    ]
    return lines, figures, warm_cache


# --- Telegram front end --------------------------------------------------------------------


def telegram_available() -> str | None:
    """None when `bot.telegram_app` imports, else why not."""
    try:
        if importlib.util.find_spec("bot.telegram_app") is None:
            return "bot/telegram_app.py does not exist"
        importlib.import_module("bot.telegram_app")
    except Exception as exc:  # any import failure means: skip this section
        return f"bot.telegram_app does not import ({type(exc).__name__}: {exc})"
    return None


def _wait(predicate: Callable[[], bool], timeout: float, proc: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return predicate()
        time.sleep(0.01)
    return predicate()


@dataclass(slots=True)
class TelegramRun:
    skipped: str = ""
    failed: str = ""
    idle_rss_kib: int = 0
    idle_peak_kib: int = 0
    final_peak_kib: int = 0
    memory_answered: int = 0
    updates: int = 0
    answered_chats: int = 0
    chats: int = 0
    seconds: float = 0.0
    errors_logged: int = 0
    log_tail: list[str] = field(default_factory=list)

    @property
    def updates_per_s(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0


def run_telegram(
    kb_dir: str | None, tmp: Path, cache: Path, questions: list[Question], cfg: Config
) -> TelegramRun:
    """The bot in a real process against the loopback Bot API double: throughput."""
    result = TelegramRun()
    reason = telegram_available()
    if reason:
        result.skipped = f"skipped: front end not available ({reason})"
        return result
    texts = [q.q for q in questions]
    log_path = tmp / "policybot-run.log"
    with BotApiDouble() as double, log_path.open("wb") as log_file:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "TELEGRAM_BASE_URL": double.base_url,
            "BOT_RATE_LIMIT": "off",
            "BOT_DB": str(tmp / "bot.sqlite3"),
            "POLICYBOT_DATA": str(tmp / "data"),
            "POLICYBOT_CACHE": str(cache),
            "BOT_ADMIN_IDS": "",
            "PYTHONUNBUFFERED": "1",
        }
        proc = subprocess.Popen(
            [*policybot_command(kb_dir), "run"], env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
        try:
            _telegram_phases(proc, double, texts, cfg, result)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=10)
    log_lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    result.errors_logged = sum(" ERROR " in line or "Traceback" in line for line in log_lines)
    result.log_tail = [line.replace(FAKE_TOKEN, "[token]") for line in log_lines[-8:]]
    return result


def _telegram_phases(
    proc: subprocess.Popen[bytes],
    double: BotApiDouble,
    texts: list[str],
    cfg: Config,
    result: TelegramRun,
) -> None:
    if not _wait(lambda: double.count("getUpdates") > 0, 60, proc):
        result.failed = "the bot did not start polling within 60 s"
        return
    # 1. Memory: answer `memory_questions` questions, go idle, read the RSS.
    n = cfg.memory_questions
    memory_chats = [10_000 + i for i in range(min(cfg.chats, n))]
    double.add_private_messages(
        [(memory_chats[i % len(memory_chats)], texts[i % len(texts)]) for i in range(n)]
    )
    if not _wait(lambda: double.reply_count >= n, cfg.telegram_timeout, proc):
        result.failed = (
            f"only {double.reply_count} of {n} warm-up questions answered in "
            f"{cfg.telegram_timeout:.0f} s"
        )
        return
    result.memory_answered = double.reply_count
    time.sleep(cfg.idle_seconds)
    status = proc_status(proc.pid)
    result.idle_rss_kib, result.idle_peak_kib = status.get("VmRSS", 0), status.get("VmHWM", 0)

    # 2. Throughput: `updates` private messages from `chats` chats, all queued at once.
    chats = [20_000 + i for i in range(cfg.chats)]
    messages = [(chats[i % len(chats)], texts[(i * 7) % len(texts)]) for i in range(cfg.updates)]
    expected = Counter(chat for chat, _ in messages)
    start = time.perf_counter()
    double.add_private_messages(messages)

    def all_answered() -> bool:
        return all(double.replies[chat] >= k for chat, k in expected.items())

    done = _wait(all_answered, cfg.telegram_timeout, proc)
    result.seconds = time.perf_counter() - start
    result.chats = len(expected)
    result.answered_chats = sum(double.replies[c] >= k for c, k in expected.items())
    result.updates = sum(min(double.replies[c], k) for c, k in expected.items())
    result.final_peak_kib = proc_status(proc.pid).get("VmHWM", 0)
    if not done:
        result.failed = (
            f"only {result.updates} of {cfg.updates} updates answered in {result.seconds:.1f} s"
        )


# --- the report ----------------------------------------------------------------------------


def machine_lines(
    kb: KnowledgeBase, question_source: str, questions: list[Question], quick: bool
) -> list[str]:
    """The Run section: machine, Python, base and question set."""
    cpu = platform.processor() or platform.machine()
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        cpu = model.group(1).strip() if model else cpu
        meminfo = Path("/proc/meminfo").read_text(encoding="ascii")
        total = re.search(r"^MemTotal:\s+(\d+)", meminfo, re.M)
        memory = f", {int(total.group(1)) / 1024 / 1024:.1f} GB RAM" if total else ""
    except OSError:
        memory = ""
    versions = []
    for package in ("rapidfuzz", "jieba", "rank-bm25", "python-telegram-bot", "PyYAML"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions.append(f"{package} {importlib.metadata.version(package)}")
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            text=True,
            capture_output=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    in_scope = sum(q.pillar is not None for q in questions)
    return [
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}"
        + (" — **quick run** (small sizes, few queries: not comparable)" if quick else ""),
        f"- machine: {platform.system()} {platform.release()} {platform.machine()}, {cpu}, "
        f"{os.cpu_count()} CPUs{memory}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}; "
        + ", ".join(versions),
        f"- code: git {commit or 'unknown'}; knowledge base: {len(kb.entries)} entries, "
        f"version {kb.version} ({kb.directory})",
        f"- questions: {len(questions)} ({in_scope} in scope, {len(questions) - in_scope} "
        f"should get no answer) from {question_source}",
        "- hit is the rule of bot/evaluation.py (right pillar, and one of the expected terms in "
        "the answer's title or passage), over the in-scope questions; OOS = out-of-scope "
        "questions correctly left unanswered.",
    ]


def latency_row(label: str, lat: Latency) -> str:
    """One table row of latency percentiles."""
    return (
        f"| {label} | {lat.n} | {ms(lat.p(50))} | {ms(lat.p(90))} | {ms(lat.p(99))} | "
        f"{ms(lat.max)} | {ms(lat.mean)} |"
    )


LATENCY_HEADER = [
    "| base | queries | p50 ms | p90 ms | p99 ms | max ms | mean ms |",
    "|---|---:|---:|---:|---:|---:|---:|",
]


def latency_lines(shipped: BaseRun) -> list[str]:
    """Per-question latency on the shipped base."""
    o = shipped.ours
    return [
        f"Ours (`Matcher.match` and its best entry), in-process, one warm-up pass first, all "
        f"questions repeated in order, on the shipped base ({shipped.entries} entries):",
        "",
        *LATENCY_HEADER,
        latency_row(f"shipped ({shipped.entries})", o.latency),
        "",
        f"Hit {pct(o.hit)}, OOS rejection {pct(o.rejection)}.",
    ]


def scale_lines(runs: list[BaseRun], cfg: Config) -> list[str]:
    """Latency and hit rate on the synthetic bases, by size."""
    lines = [
        "Synthetic bases: every shipped entry unchanged plus recombined ones (titles and "
        "keywords spliced from two entries, passages recombined from sentences of the same "
        "pillar, questions from templates; fixed seed 12218, fresh ids `<pillar>-syn-NNNNN`), "
        "written as YAML knowledge directories under a temp dir and loaded with "
        "`bot.knowledge.load`. Build = `Matcher(kb)`; peak = growth of the "
        "process's peak RSS during the build (VmHWM reset before it); index = memory the "
        "built index holds (tracemalloc while unpickling a copy; pickle = cache file size). "
        f"Ours is timed for {cfg.queries} queries per base or until {cfg.ours_seconds:.0f} s "
        "have passed (at least one full pass).",
        "",
        "| base | entries | (write+) load s | build s | build peak RSS | index | queries | p50 ms "
        "| p90 ms | p99 ms | max ms | hit | hit (shipped entries only) | OOS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        o, lat = r.ours, r.ours.latency
        lines.append(
            f"| {r.label} | {r.entries} | {secs(r.prepare_s)} | {secs(o.build_s)} | "
            f"{o.build_peak or 'n/a'} | {o.index_size} | {lat.n} | {ms(lat.p(50))} | "
            f"{ms(lat.p(90))} | {ms(lat.p(99))} | {ms(lat.max)} | {pct(o.hit)} | "
            f"{pct(o.strict_hit)} | {pct(o.rejection)} |"
        )
    lines += [
        "",
        "Hit on synthetic bases follows the same rule, so a recombined entry of the "
        "right pillar whose passage carries an expected term counts; the column "
        '"shipped entries only" counts only answers with an original entry.',
    ]
    return lines


def baseline_lines(runs: list[BaseRun]) -> list[str]:
    """Our matcher against rapidfuzz and BM25 on the same bases and questions."""
    lines = [
        "Same bases, same questions, same warm-up. (a) `rapidfuzz.process.extractOne(q, "
        "choices, scorer=fuzz.WRatio, score_cutoff=60)` over every entry's questions "
        "(choice list built once; below 60 = no answer); (b) `rank_bm25.BM25Okapi` over jieba "
        "tokens of title + keywords + questions + passage, top entry if its score > 0. Ratio = "
        "baseline time / ours (above 1: ours is faster). Baselines are timed for up to "
        "5,000 queries or about 8 s, at least one full pass.",
        "",
        "| base | system | build s | queries | p50 ms | p99 ms | mean ms | p50 ratio | "
        "mean ratio | hit | hit (shipped only) | OOS |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        for s in [r.ours, *r.baselines]:
            lat = s.latency
            ratio50 = lat.p(50) / r.ours.latency.p(50)
            ratio_mean = lat.mean / r.ours.latency.mean
            is_ours = s is r.ours
            lines.append(
                f"| {r.label} | {s.name} | {secs(s.build_s)} | {lat.n} | {ms(lat.p(50))} | "
                f"{ms(lat.p(99))} | {ms(lat.mean)} | "
                f"{'1×' if is_ours else f'{ratio50:.1f}×'} | "
                f"{'1×' if is_ours else f'{ratio_mean:.1f}×'} | {pct(s.hit)} | "
                f"{pct(s.strict_hit)} | {pct(s.rejection)} |"
            )
    return lines


@dataclass(frozen=True, slots=True)
class Target:
    what: str
    limit: float
    measured: float
    unit: str
    higher_is_better: bool = False
    note: str = ""

    @property
    def known(self) -> bool:
        return not math.isnan(self.measured)

    @property
    def met(self) -> bool:
        if self.higher_is_better:
            return self.measured >= self.limit
        return self.measured <= self.limit

    def row(self) -> str:
        sign = "≥" if self.higher_is_better else "≤"
        if not self.known:
            return f"| {self.what} | {sign} {self.limit:g} {self.unit} | n/a | not measured | "
        value = f"{self.measured:.3g} {self.unit}".strip()
        if self.met:
            verdict = "**met**"
        else:
            gap = abs(self.measured - self.limit)
            relative = self.measured / self.limit if self.limit else math.inf
            if self.higher_is_better:
                verdict = f"**missed** by {gap:.3g} {self.unit} ({relative:.2f} of the target)"
            else:
                verdict = f"**missed** by {gap:.3g} {self.unit} ({relative:.2f}× the target)"
        return (
            f"| {self.what} | {sign} {self.limit:g} {self.unit} | {value} | {verdict}"
            f"{' — ' + self.note if self.note else ''} |"
        )


def target_lines(targets: list[Target], quick: bool) -> list[str]:
    """Every target with its limit, the measured figure and a verdict."""
    lines = ["| target | limit | measured | verdict |", "|---|---|---|---|"]
    lines += [t.row() for t in targets]
    if quick:
        lines += ["", "Quick run: sizes and counts are small, so these verdicts mean nothing."]
    return lines


def collect_targets(
    runs: list[BaseRun], figures: dict[str, float], telegram: TelegramRun, cfg: Config
) -> list[Target]:
    """The issue's targets against this run's figures."""
    shipped, largest = runs[0], runs[-1]
    fuzz = largest.baselines[0]
    return [
        Target("p50 per question, shipped base", 0.5, shipped.ours.latency.p(50), "ms"),
        Target("p99 per question, shipped base", 3.0, shipped.ours.latency.p(99), "ms"),
        Target(f"p50 per question, {largest.label}", 5.0, largest.ours.latency.p(50), "ms"),
        Target(
            f"speed-up over baseline (a), p50 to p50, {largest.label}",
            10.0,
            fuzz.latency.p(50) / largest.ours.latency.p(50),
            "×",
            higher_is_better=True,
        ),
        Target(
            f"speed-up over baseline (a), mean to mean, {largest.label}",
            10.0,
            fuzz.latency.mean / largest.ours.latency.mean,
            "×",
            higher_is_better=True,
        ),
        Target(
            f"hit, {largest.label}: no loss against baseline (a) ({pct(fuzz.hit)})",
            round(100 * fuzz.hit, 1),
            round(100 * largest.ours.hit, 1),
            "%",
            higher_is_better=True,
            note=f"shipped entries only: ours {pct(largest.ours.strict_hit)}, "
            f"baseline (a) {pct(fuzz.strict_hit)}",
        ),
        Target("start-up, warm cache (median)", 0.8, figures["warm_s"], "s"),
        Target("start-up, cold: empty cache (median)", 0.8, figures["cold_s"], "s"),
        Target(
            f"peak RSS of `policybot run`, idle after {cfg.memory_questions:,} questions",
            120.0,
            telegram.idle_peak_kib / 1024 if telegram.idle_peak_kib else math.nan,
            "MB",
        ),
    ]


def why_block(previous: str | None) -> list[str]:
    """The hand-written notes on missed targets, kept from the previous RESULTS.md."""
    kept = None
    if previous and WHY_START in previous and WHY_END in previous:
        kept = previous.split(WHY_START, 1)[1].split(WHY_END, 1)[0].strip("\n")
    body = (
        kept
        if kept is not None
        else (
            "_To be written by hand: for each missed target, why, and what would close the gap. "
            "`policybot bench` keeps the text between these markers when it rewrites this file._"
        )
    )
    return [WHY_START, body, WHY_END]


# --- main ----------------------------------------------------------------------------------


def main(kb_dir: str | None = None, *, quick: bool = False, write: bool = True) -> int:
    """Run the benchmark; print it and (unless `write` is false) write bench/RESULTS.md."""
    cfg = QUICK if quick else FULL
    started = time.perf_counter()
    try:
        start = time.perf_counter()
        kb = load(kb_dir)
        load_s = time.perf_counter() - start
    except KnowledgeBaseError as exc:
        print(f"bench: {exc.report(kb_dir or DEFAULT_KB_DIR)}", file=sys.stderr)
        return 1
    questions, question_source = find_questions()
    if not questions:
        print(
            "bench: no questions (../shared/eval/dev-questions.yaml or tests/eval/blind*, team)",
            file=sys.stderr,
        )
        return 1
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else None
    report = Report()
    print(f"# Benchmark{' (quick)' if quick else ''}\n", flush=True)
    report.section("Run", machine_lines(kb, question_source, questions, quick))

    # The first build_index of the process, before anything else imports jieba.
    gc.collect()
    start = time.perf_counter()
    build_index(kb)
    first_build_s = time.perf_counter() - start

    originals = set(kb.by_id)
    with tempfile.TemporaryDirectory(prefix="policybot-bench-") as tmp_name:
        tmp = Path(tmp_name)
        runs = [
            measure_base(
                f"shipped ({len(kb.entries)})",
                kb,
                prepare_s=load_s,
                questions=questions,
                originals=originals,
                cfg=cfg,
            )
        ]
        report.section("Latency per question", latency_lines(runs[0]))
        for size in cfg.scales:
            start = time.perf_counter()
            directory = write_synthetic_kb(kb, size, tmp / f"kb-{size}")
            big = load(directory)
            prepare_s = time.perf_counter() - start
            runs.append(
                measure_base(
                    f"synthetic {size:,}",
                    big,
                    prepare_s=prepare_s,
                    questions=questions,
                    originals=originals,
                    cfg=cfg,
                )
            )
            del big
            shutil.rmtree(directory)
            gc.collect()
        report.section("Scale", scale_lines(runs, cfg))
        report.section("Baselines", baseline_lines(runs))

        startup, figures, warm_cache = startup_section(kb, kb_dir, tmp, cfg, first_build_s)
        report.section("Start-up", startup)

        telegram = run_telegram(kb_dir, tmp, warm_cache, questions, cfg)
        report.section("Memory", memory_lines(figures, telegram, cfg))
        report.section("Throughput end to end", throughput_lines(telegram, cfg))
        report.section("Faults", faults_section(kb_dir, tmp, warm_cache, quick=quick))

    targets = collect_targets(runs, figures, telegram, cfg)
    report.section("Targets", target_lines(targets, quick))
    report.section("Why targets were missed", why_block(previous))
    elapsed = time.perf_counter() - started
    print(f"bench finished in {elapsed:.0f} s", flush=True)
    if write:
        header = (
            "# Benchmark results\n\n"
            "Written by `policybot bench` (`make bench`); numbers from one run on the machine "
            f"below; the run took {elapsed:.0f} s.\n"
        )
        RESULTS.write_text(header + "\n" + report.text(), encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(REPO)}", flush=True)
    return 0


def faults_section(kb_dir: str | None, tmp: Path, cache: Path, *, quick: bool) -> list[str]:
    """The Faults section, or why it was skipped."""
    reason = telegram_available()
    if reason:
        return [f"skipped: front end not available ({reason})"]
    return fault_lines(policybot_command(kb_dir), tmp, cache, quick=quick)


def memory_lines(figures: dict[str, float], telegram: TelegramRun, cfg: Config) -> list[str]:
    """Peak memory of `policybot ask` and of the bot after its questions."""
    lines = [
        "| process | peak RSS |",
        "|---|---:|",
        f"| `policybot ask --json` (cold cache, largest of {cfg.startup_runs}) | "
        f"{mib(figures['cold_rss'], kib=True)} |",
        f"| `policybot ask --json` (warm cache, largest of {cfg.startup_runs}) | "
        f"{mib(figures['warm_rss'], kib=True)} |",
    ]
    if telegram.skipped or not telegram.idle_peak_kib:
        lines.append(f"| `policybot run` | {telegram.skipped or telegram.failed or 'n/a'} |")
        return lines
    lines += [
        f"| `policybot run`, idle after {telegram.memory_answered:,} questions (peak) | "
        f"{mib(telegram.idle_peak_kib, kib=True)} |",
        f"| `policybot run`, idle after {telegram.memory_answered:,} questions (current RSS) | "
        f"{mib(telegram.idle_rss_kib, kib=True)} |",
        f"| `policybot run`, after the throughput run too (peak) | "
        f"{mib(telegram.final_peak_kib, kib=True)} |",
        "",
        "`ask`: ru_maxrss of the child from wait4. `run`: VmHWM / VmRSS from /proc, "
        f"{cfg.idle_seconds:g} s after the last reply, polling the loopback Bot API double "
        "(tests/botapi_double.py) with BOT_RATE_LIMIT=off and the index cache warm.",
    ]
    return lines


def throughput_lines(telegram: TelegramRun, cfg: Config) -> list[str]:
    """Updates per second through the bot, end to end."""
    if telegram.skipped:
        return [telegram.skipped]
    lines = [
        f"{cfg.updates:,} private-chat text messages (the questions, in turn) from "
        f"{cfg.chats} chats, queued at once in the loopback Bot API double; `policybot run` "
        "long-polls them and answers with sendMessage (BOT_RATE_LIMIT=off). Timed from queueing "
        f"to the last expected reply; bounded at {cfg.telegram_timeout:.0f} s.",
        "",
    ]
    if telegram.updates:
        lines += [
            "| updates answered | chats fully answered | seconds | updates/s |",
            "|---:|---:|---:|---:|",
            f"| {telegram.updates:,} of {cfg.updates:,} | {telegram.answered_chats} of "
            f"{telegram.chats} | {secs(telegram.seconds)} | {telegram.updates_per_s:.0f} |",
            "",
        ]
    if telegram.failed:
        lines.append(f"failed: {telegram.failed}")
    lines.append(f"Errors in the bot's log: {telegram.errors_logged}.")
    if telegram.failed or telegram.errors_logged:
        lines += ["", "Last lines of the bot's log:", "", "```", *telegram.log_tail, "```"]
    return lines


if __name__ == "__main__":
    raise SystemExit(main(quick="--quick" in sys.argv, write="--no-write" not in sys.argv))
