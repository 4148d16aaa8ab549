"""The `policybot` command line: ask, chat, run, kb check, bench."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from bot import answer as answers
from bot import copy, planmap
from bot.index_cache import freeze_heap
from bot.knowledge import (
    KnowledgeBase,
    KnowledgeBaseError,
    advisories,
    load,
)
from bot.matcher import Matcher
from bot.settings import CoreSettings
from bot.vocabulary import ExitCode


def _load_or_exit(kb_dir: Path, cache_dir: Path | None = None) -> KnowledgeBase:
    try:
        return load(kb_dir, cache_dir)
    except KnowledgeBaseError as exc:
        print(exc.report(kb_dir), file=sys.stderr)
        raise SystemExit(ExitCode.ERROR) from exc


def _questions(arg: str) -> Iterable[str]:
    if arg != "-":
        yield arg
        return
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # junk bytes become U+FFFD, not a crash
    for line in sys.stdin:
        yield line.rstrip("\n")


def cmd_ask(args: argparse.Namespace, core: CoreSettings) -> int:
    """`policybot ask`: answer one question, or one per line of stdin."""
    kb = _load_or_exit(core.kb_dir, core.cache_dir)
    matcher = Matcher(kb, cache_dir=core.cache_dir, isolate_build=True)
    freeze_heap()
    # A terminal in another encoding hands over bytes that are not UTF-8 (kept by Python as
    # lone surrogates); they become U+FFFD here rather than a crash further down.
    question = " ".join(args.question).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    for q in _questions(question):
        answer = answers.build_answer(matcher.match(q, top=max(1, args.top)), kb)
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
        else:
            print(answers.render_text(answer), end="\n\n" if question == "-" else "\n", flush=True)
    return ExitCode.OK


def cmd_chat(args: argparse.Namespace, core: CoreSettings) -> int:
    """`policybot chat`: the terminal chat."""
    kb = _load_or_exit(core.kb_dir, core.cache_dir)
    matcher = Matcher(kb, cache_dir=core.cache_dir, isolate_build=True)
    freeze_heap()
    print(copy.CHAT_BANNER.format(entries=len(kb.entries)))
    choices: list[str] = []
    last_told = None  # the entry just answered, for follow-ups ("那它2035年目标呢")
    while True:
        try:
            line = input(copy.CHAT_PROMPT).strip()
        except (EOFError, KeyboardInterrupt):
            print("\n" + copy.CHAT_BYE)
            return ExitCode.OK
        if line in {"/quit", "/exit", "exit", "quit"}:
            print(copy.CHAT_BYE)
            return ExitCode.OK
        if line in {"/help", "/start"}:
            print(copy.CHAT_HELP)
            continue
        if line == "/pillars":
            print(answers.overview_text(answers.overview(kb)))
            continue
        if line in {"/map", "/map en", "/map zh"}:
            print(planmap.map_text(planmap.plan_map(kb, "en" if line.endswith("en") else "zh")))
            continue
        if line.startswith("/pillar "):
            pillar_id = line.split(maxsplit=1)[1].strip()
            entries = kb.entries_of(pillar_id)
            choices = [e.id for e in entries]
            print(
                "\n".join(f"  {i}. {e.title}" for i, e in enumerate(entries, 1))
                or copy.CHAT_NO_SUCH_PILLAR.format(
                    pillar=pillar_id, choices=", ".join(p.id for p in kb.pillars)
                )
            )
            continue
        if line.isdigit() and 0 < int(line) <= len(choices):
            entry = kb.entry(choices[int(line) - 1])
            answer = answers.answer_for_entry(entry, kb) if entry else None
        else:
            answer = answers.build_answer(matcher.match(line, context=last_told), kb)
        if answer is None:
            continue
        last_told = answer.entry or last_told
        print(answers.render_text(answer))
        choices = _next_choices(answer)
        if choices:
            print(
                "\n"
                + copy.CHAT_PICK_BY_NUMBER
                + "  ".join(
                    f"{i}. {e.title}"
                    for i, e in enumerate(
                        (e for e in (kb.entry(c) for c in choices) if e is not None), 1
                    )
                )
            )


def _next_choices(answer: answers.Answer) -> list[str]:
    """What the chat offers by number after an answer: alternatives, then related entries."""
    offered = [m.entry.id for m in answer.alternatives]
    related = answer.entry.related if answer.entry else ()
    return offered + [r for r in related if r not in offered]


def cmd_kb_check(args: argparse.Namespace, core: CoreSettings) -> int:
    """`policybot kb check`: validate a knowledge base and summarise it."""
    directory = Path(args.dir) if args.dir else core.kb_dir
    try:
        kb = load(directory)
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) in {directory}", file=sys.stderr)
        return ExitCode.ERROR
    print(f"ok: {len(kb.entries)} entries, {len(kb.sources)} sources, version {kb.version}")
    for s in answers.overview(kb):
        print(f"  {s.pillar.id:15} {s.entries:4}  {s.pillar.name}")
    cited = {r.source.id for e in kb.entries for r in e.sources}
    unused = sorted(set(kb.sources) - cited)
    if unused:
        print(f"  sources not cited by any entry: {', '.join(unused)}")
    notes = advisories(kb)
    if notes:
        print(f"{len(notes)} advisory note(s) (allowed, but answers get worse):")
        for note in notes:
            print(f"  {note}")
    return ExitCode.OK


def cmd_run(args: argparse.Namespace, core: CoreSettings) -> int:
    """`policybot run`: the Telegram bot."""
    from bot.telegram import runtime  # noqa: PLC0415 - the core must not import telegram

    return runtime.main(
        core,
        token_file=args.token_file,
        webhook=args.webhook,
        webhook_secret_file=args.webhook_secret_file,
    )


def cmd_review(args: argparse.Namespace, core: CoreSettings) -> int:
    """`policybot review`: kept questions grouped for curators, and optionally a draft."""
    from bot import review, settings  # noqa: PLC0415 - the database drivers load only here
    from bot.store import Store, StoreError, describe, is_postgres  # noqa: PLC0415

    try:
        since = review.parse_since(args.since)
        keep_text, keep_days = settings.keep_text(os.environ), settings.keep_days(os.environ)
    except (ValueError, settings.SettingsError) as exc:
        print(f"policybot review: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    kb = _load_or_exit(core.kb_dir, core.cache_dir)
    if args.draft and Path(args.draft).resolve().is_relative_to(kb.directory.resolve()):
        print(
            "policybot review: write the draft outside the knowledge directory; a draft "
            "never enters the base by itself",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    target: Path | str = args.db or settings.db_target(os.environ, core)
    if not is_postgres(target):
        target = Path(target)
        if not target.is_file():
            print(
                f"policybot review: no database at {target} (set BOT_DB or pass --db)",
                file=sys.stderr,
            )
            return ExitCode.ERROR
    try:
        store = Store(target, keep_text=keep_text, keep_days=keep_days)
    except StoreError as exc:
        print(f"policybot review: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    try:
        kept = store.kept_questions(since)
    finally:
        store.close()
    groups = review.group(kept, review.Words(kb), kb)
    if args.json:
        print(
            json.dumps(review.report_json(groups, since=args.since), ensure_ascii=False, indent=2)
        )
    else:
        print(f"database: {describe(target)}")
        print(review.report_text(groups, since=args.since, kb=kb))
    if args.draft:
        Path(args.draft).write_text(
            review.draft_yaml(groups, kb, since=args.since), encoding="utf-8"
        )
        print(
            f"draft written to {args.draft}: fill it in, move what you keep into the base, "
            "then run `policybot kb check`",
            file=sys.stderr,
        )
    return ExitCode.OK


def cmd_bench(args: argparse.Namespace, core: CoreSettings) -> int:
    """`policybot bench`: the benchmark in bench/ of a source checkout."""
    bench_dir = Path(__file__).resolve().parent.parent / "bench"
    sys.path.insert(0, str(bench_dir.parent))
    try:
        from bench import run as bench_run  # noqa: PLC0415
    except ImportError:
        print("the benchmark lives in bench/ of a source checkout", file=sys.stderr)
        return ExitCode.ERROR
    return int(bench_run.main(kb_dir=str(core.kb_dir), quick=args.quick, write=not args.no_write))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every `policybot` command."""
    parser = argparse.ArgumentParser(
        prog="policybot", description="Answers questions about Guangzhou's 12218 plan."
    )
    parser.add_argument("--kb", metavar="DIR", help="knowledge directory (default: shipped)")
    sub = parser.add_subparsers(dest="command")

    ask = sub.add_parser("ask", help="answer one question ('-' reads one per line from stdin)")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--top", type=int, default=4, help="at most this many matches")
    ask.add_argument("--kb", metavar="DIR", default=argparse.SUPPRESS)
    ask.add_argument("question", nargs="+")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="interactive terminal chat")
    chat.add_argument("--kb", metavar="DIR", default=argparse.SUPPRESS)
    chat.set_defaults(func=cmd_chat)

    run = sub.add_parser("run", help="run the Telegram bot")
    run.add_argument("--kb", metavar="DIR", default=argparse.SUPPRESS)
    run.add_argument("--token-file", help="read the bot token from this file")
    run.add_argument(
        "--webhook",
        action="store_true",
        help="serve a webhook at TELEGRAM_WEBHOOK_URL's path on BOT_LISTEN"
        " (also when TELEGRAM_WEBHOOK_URL is set)",
    )
    run.add_argument("--webhook-secret-file", help="read the webhook's secret token from this file")
    run.set_defaults(func=cmd_run)

    kb = sub.add_parser("kb", help="knowledge-base tools")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_sub.add_parser("check", help="validate a knowledge directory")
    check.add_argument("dir", nargs="?")
    check.add_argument("--kb", metavar="DIR", default=argparse.SUPPRESS)
    check.set_defaults(func=cmd_kb_check)

    rev = sub.add_parser("review", help="unanswered and unhelpful questions, grouped, for curators")
    rev.add_argument("--since", default="7d", help="how far back: 7d (default), 12h, 2w")
    rev.add_argument("--json", action="store_true", help="print the groups as JSON")
    rev.add_argument("--draft", metavar="FILE", help="write a YAML draft for curators to FILE")
    rev.add_argument(
        "--db", metavar="DB", help="SQLite path or postgresql:// URL (default: BOT_DB)"
    )
    rev.add_argument("--kb", metavar="DIR", default=argparse.SUPPRESS)
    rev.set_defaults(func=cmd_review)

    bench = sub.add_parser("bench", help="run the benchmark (see bench/)")
    bench.add_argument("--kb", metavar="DIR", default=argparse.SUPPRESS)
    bench.add_argument("--quick", action="store_true", help="a small smoke run")
    bench.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    """`policybot`: run the command named in `argv`; its exit code."""
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # `policybot` alone: the bot on Telegram when a token is configured, else the chat.
        has_token = bool(os.environ.get("TELEGRAM_BOT_TOKEN", "").strip())
        args = parser.parse_args(["run" if has_token else "chat", *argv])
    try:
        return int(args.func(args, CoreSettings.from_env(kb_dir=args.kb)))
    except BrokenPipeError:
        return ExitCode.OK
