import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli import cli


def run(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(cli, args, input=stdin, catch_exceptions=False)


def test_ask_text_prints_the_reply(knowledge: Path, seeds: Path) -> None:
    result = run(
        ["--knowledge", str(knowledge), "--seeds", str(seeds), "ask", "Who", "leads", "FCM?"]
    )
    assert result.exit_code == 0
    assert "“The Free Coast Movement (FCM), led by Daria Olsen" in result.output


def test_ask_reads_one_query_per_line(knowledge: Path) -> None:
    result = run(["ask", "--knowledge", str(knowledge)], "Who leads FCM?\n/sources\n")
    assert result.exit_code == 0
    assert "led by Daria Olsen" in result.output and "(18 facts)" in result.output


def test_ask_json_one_object_per_line_in_either_option_order(knowledge: Path, seeds: Path) -> None:
    questions = "Who leads FCM?\nWhat is the GDP of Valmora?\n\n/brief FCM\n"
    for args in (
        ["--knowledge", str(knowledge), "ask", "--json"],
        ["ask", "--json", "--knowledge", str(knowledge)],
    ):
        result = run(args, questions)
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert len(lines) == 4
        replies = [json.loads(line) for line in lines]
        for reply in replies:
            assert {"query", "answers", "related", "text", "elapsed_ms"} <= set(reply)
        first = replies[0]["answers"][0]
        assert {"statement", "excerpt", "score", "start", "end", "entities", "source"} <= set(first)
        text = (seeds / first["source"]["path"]).read_text(encoding="utf-8")
        assert text[first["start"] : first["end"]] == first["excerpt"]
        assert replies[1]["answers"] == [] and replies[1]["related"]
        assert replies[3]["answers"]  # a command's answers are the facts it shows


def test_ask_without_fact_base_says_to_compile(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "--knowledge", str(tmp_path), "hello"])
    assert result.exit_code == 1
    assert "briefbot compile" in result.output


def test_chat_over_piped_input(knowledge: Path) -> None:
    result = run(
        ["chat", "--knowledge", str(knowledge)], "Who leads FCM?\n\n/quit\nWho is Varga?\n"
    )
    assert result.exit_code == 0
    assert "led by Daria Olsen" in result.output
    assert "Piet Varga" not in result.output  # nothing after /quit
