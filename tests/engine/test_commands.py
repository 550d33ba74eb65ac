import pytest

from bot.engine import Engine


def test_brief_states_relations_with_citations(shared_engine: Engine) -> None:
    reply = shared_engine.answer("/brief FCM")
    assert reply.kind == "brief"
    assert reply.title.startswith("Free Coast Movement (FCM)")
    lines = {(line.label, line.value) for line in reply.lines}
    assert ("Leader", "Daria Olsen") in lines
    assert ("Designated", "terrorist organization (by Harbor Council)") in lines
    assert ("Former name", "Coastal Defense League") in lines
    for line in reply.lines:
        if line.citation is not None:
            assert line.value.split()[0] in reply.answers[line.citation].excerpt
    assert 1 <= len(reply.answers) <= 6
    assert reply.rows  # sources


def test_bare_name_is_a_brief(shared_engine: Engine) -> None:
    assert shared_engine.answer("FCM").kind == "brief"
    assert shared_engine.answer("free coast movment").kind == "brief"


def test_who_profiles_a_person(shared_engine: Engine) -> None:
    reply = shared_engine.answer("/who Varga")
    assert reply.kind == "who" and reply.title.startswith("Piet Varga")
    lines = {(line.label, line.value) for line in reply.lines}
    # "Varga, a former member of the Harbor Council, resigned in 2022."
    assert ("Former member of", "Harbor Council") in lines


def test_timeline_orders_by_date(shared_engine: Engine) -> None:
    reply = shared_engine.answer("/timeline")
    dates = [c.date for c in reply.answers]
    assert dates == sorted(dates) and len(dates) == 4
    assert [c.date for c in shared_engine.answer("/timeline 2021").answers] == ["2021-06"]
    assert {c.date for c in shared_engine.answer("/timeline Varga").answers} == {"2021-06", "2022"}
    assert shared_engine.answer("/timeline 1850").kind == "no_answer"


def test_quote(shared_engine: Engine) -> None:
    reply = shared_engine.answer("/quote Daria Olsen")
    assert reply.kind == "quote" and "free within a decade" in reply.answers[0].excerpt
    assert shared_engine.answer("/quote Varga").kind == "no_answer"


def test_sources_and_search_and_help(shared_engine: Engine) -> None:
    assert "(18 facts)" in shared_engine.answer("/sources").rows[0]
    search = shared_engine.answer("/search fish")
    assert search.kind == "search" and all("fish" in c.excerpt for c in search.answers)
    assert any(row.startswith("/brief") for row in shared_engine.answer("/help").rows)
    assert shared_engine.answer("/start").kind == "help"


@pytest.mark.parametrize("command", ["/brief", "/who", "/quote", "/search"])
def test_command_without_argument_gets_usage(shared_engine: Engine, command: str) -> None:
    reply = shared_engine.answer(command)
    assert reply.kind == "error" and reply.notice.startswith("Usage:")


def test_unknown_command(shared_engine: Engine) -> None:
    reply = shared_engine.answer("/frobnicate now")
    assert reply.kind == "error" and "/frobnicate" in reply.notice


def test_command_with_bot_suffix(shared_engine: Engine) -> None:
    assert shared_engine.answer("/brief@some_bot FCM").kind == "brief"


def test_brief_of_unknown_name(shared_engine: Engine) -> None:
    reply = shared_engine.answer("/brief Zanzibar Republic")
    assert reply.kind == "no_answer" and reply.answers == ()


def test_continuations_point_somewhere_new(shared_engine: Engine) -> None:
    search = shared_engine.answer("/search fish port ceasefire Olsen Varga Valmora FCM")
    assert search.extra["more"] > 0
    assert not str(search.extra["more_command"]).startswith("/search")  # same command, same page
    brief = shared_engine.answer("/brief Valmora")
    if brief.extra:
        assert brief.extra["more_command"] == "/search Valmora"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("tell me about the FCM", "brief"),
        ("brief me on Varga", "brief"),
        ("what do we know about Olsen?", "brief"),
        ("Varga timeline", "timeline"),
        ("quotes by Olsen", "quote"),
        ("what has Olsen said?", "quote"),
    ],
)
def test_commands_asked_in_words(shared_engine: Engine, text: str, kind: str) -> None:
    assert shared_engine.answer(text).kind == kind


def test_words_that_name_nothing_are_not_commands(shared_engine: Engine) -> None:
    assert shared_engine.answer("brief me on the weather").kind == "no_answer"
