"""The `policybot` command line as a user runs it: ask, ask from stdin, chat."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import CONTRACT_KEYS


def run(
    *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    environment.pop("TELEGRAM_BOT_TOKEN", None)
    data = stdin.decode("utf-8", "replace") if isinstance(stdin, bytes) else stdin
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=data,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )


def test_ask_json_has_the_contract_fields():
    """`ask --json` prints one object with every contract field, sources with title, url and
    their authority grade."""
    done = run("ask", "--json", "两业融合是什么")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert set(answer) == CONTRACT_KEYS
    assert answer["matched"] is True
    assert answer["pillar"] == "fusion"
    assert answer["pillar_name"] == "两业融合"
    assert 0 < answer["score"] <= 1
    assert answer["sources"]
    assert all({"title", "url", "authority"} <= set(s) for s in answer["sources"])
    assert all(set(a) == {"entry", "title", "pillar", "score"} for a in answer["alternatives"])
    assert "两业融合" in answer["why"]


def test_ask_out_of_scope_is_unmatched():
    """An out-of-scope question comes back with matched false and no entry."""
    answer = json.loads(run("ask", "--json", "广州明天会下雨吗").stdout)
    assert answer["matched"] is False
    assert answer["entry"] is None and answer["pillar"] is None


def test_ask_reads_questions_from_stdin_in_order():
    """`ask --json -` answers one question per line, in order, as JSON Lines."""
    done = run("ask", "--json", "-", stdin="低空经济\n\n專精特新\nWhat is 12218?\n")
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["query"] for a in lines] == ["低空经济", "", "專精特新", "What is 12218?"]
    assert [a["matched"] for a in lines] == [True, False, True, True]


def test_ask_top_limits_alternatives():
    """`--top 1` returns the answer with no alternatives."""
    answer = json.loads(run("ask", "--json", "--top", "1", "绿色金融和现代金融的区别").stdout)
    assert answer["alternatives"] == []


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "低空" * 5000,
        "\x01\x02\x7f\u200b",
        "<script>alert(1)</script>",
        "**粗体** _斜体_",
    ],
    ids=["empty", "spaces", "10k-chars", "control-chars", "html", "markdown"],
)
def test_bad_input_gets_a_clear_answer(question: str):
    """Empty, huge, binary and markup input exit 0 with a message, never a traceback."""
    done = run("ask", question)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert done.stdout.strip()


def test_binary_junk_on_stdin_is_answered_line_by_line():
    """Invalid UTF-8 and NUL bytes on stdin get a no-answer line each, exit 0."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "-"],
        input=b"\xff\xfe\x00\x81junk\n\x00\x00\n",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [a["matched"] for a in answers] == [False, False]


def test_plain_answer_shows_pillar_and_source():
    """The terminal answer names the pillar with its digit and a source link."""
    out = run("ask", "低空经济").stdout
    assert "【21 · 15个战略性产业集群】" in out
    assert "来源：" in out and "http" in out


def test_traditional_question_gets_traditional_answer():
    """A question in traditional script is answered in traditional script."""
    out = run("ask", "廣州的未來產業有哪些").stdout
    assert "產業" in out


def test_chat_answers_browses_and_exits_on_eof():
    """The chat answers, shows /pillars and /help, opens a numbered choice and exits on EOF."""
    done = run("chat", stdin="两业融合\n1\n/pillars\n/help\n")
    assert done.returncode == 0, done.stderr
    assert "【2 · 两业融合】" in done.stdout
    assert "8个现代服务业" in done.stdout and "/quit" in done.stdout
    assert done.stdout.rstrip().endswith("再见！")


def test_chat_numbers_walk_from_entry_to_entry():
    """A number opens an offered entry, which offers its own related entries in turn."""
    done = run("chat", stdin="/pillar clusters\n1\n1\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("【21 · 15个战略性产业集群】") >= 1
    assert done.stdout.count("输入数字查看") >= 2


def test_no_command_without_token_starts_the_chat():
    """`policybot` with no token starts the terminal chat on the shipped base."""
    done = run(stdin="低空经济\n")
    assert done.returncode == 0
    assert "低空经济" in done.stdout and "再见" in done.stdout


def test_kb_flag_selects_another_base():
    """`--kb DIR` answers from that base."""
    from tests.paths import TINY

    answer = json.loads(run("--kb", str(TINY / "knowledge"), "ask", "--json", "量子科技").stdout)
    assert answer["entry"] == "future-quantum"


def test_chat_map_prints_the_plans_structure():
    """`/map` in the terminal chat prints the plan 1 → 2 → 21 (15 + 6) → 8 with its names;
    `/map en` in English."""
    done = run("chat", stdin="/map\n/map en\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "1 → 2 → 21 (15 + 6) → 8" in out
    assert "[21 = 15 + 6]" in out
    assert "低空经济与航空航天" in out and "6个未来产业" in out and "重大举措与保障机制" in out
    assert "Low-altitude economy and aerospace" in out and "6 future industries" in out
    assert out.index("[1]") < out.index("[2]") < out.index("[21 = 15 + 6]") < out.index("[8]")


def test_ask_json_lists_every_source_best_first():
    """`ask --json` keeps all of an entry's sources, the government and major-outlet pages
    before commercial ones, commentary and reposts; a repost names its original."""
    done = run("ask", "--json", "增城12613里的旅游休闲算不算8个现代服务业")
    answer = json.loads(done.stdout)
    assert answer["entry"] == "services-tourism-leisure", answer["entry"]
    grades = [s["authority"] for s in answer["sources"]]
    assert grades == ["major-outlet", "repost", "repost"], grades
    assert all(s["original"]["publisher"] for s in answer["sources"] if s["authority"] == "repost")


@pytest.mark.parametrize("via", ["flag", "environment"])
def test_an_invalid_base_is_named_with_every_problem_and_exit_1(tmp_path, via: str):
    """`ask` on a broken base (by --kb or POLICYBOT_KB) names the base and each problem on
    stderr and exits 1, without a traceback."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pillars.yaml").write_text("pillars: [{id: nowhere}]\n", encoding="utf-8")
    if via == "flag":
        done = run("--kb", str(broken), "ask", "两业融合")
    else:
        done = run("ask", "两业融合", env={"POLICYBOT_KB": str(broken)})
    assert done.returncode == 1
    assert f"the knowledge base at {broken} is invalid:" in done.stderr
    assert "pillars.yaml" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_figure_nobody_published_gets_no_figure_and_the_closest_entry():
    """Asked for a figure no entry states, the reply says there is no such figure and offers
    the entry that is closest, instead of printing that entry as the answer."""
    plain = run("ask", "广州低空经济今年产值多少亿").stdout
    assert "没有这个数字" in plain
    assert "低空经济" in plain
    answer = json.loads(run("ask", "--json", "广州低空经济今年产值多少亿").stdout)
    assert answer["matched"] is False and answer["refusal"] == "no-match"


def test_a_firm_the_base_does_not_cover_is_said_so():
    """Asked about a firm no entry mentions, the reply says it has nothing on that company."""
    plain = run("ask", "宁德时代打算在广州建新型储能电池厂吗").stdout
    assert "没有这家企业的情况" in plain
