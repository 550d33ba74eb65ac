from bot.engine.names import Names

ROWS = [
    ("iju", "Islamic Jihad Union", "organization", ["IJU"], 5),
    ("kib", "Katibat Imam al-Bukhari", "organization", ["KIB"], 7),
    ("tokayev", "Kassym-Jomart Tokayev", "person", [], 4),
    ("us", "United States", "place", ["US", "U.S."], 9),
    ("hfm", "Harbor Freedom Movement", "organization", [], 2),
    ("jihad", "Jihad", "other", [], 3),  # a one-word name inside a longer one
]


def names() -> Names:
    return Names.from_rows(ROWS)


def known(word: str) -> bool:
    return word in {"who", "leads", "the", "islamic", "jihad"}


def found(text: str, known=known) -> list[str]:
    return [m.entity_ids[0] for m in names().find(text, known)]


def test_exact_names_and_acronyms():
    assert found("Who leads the Islamic Jihad Union?") == ["iju"]
    assert found("Who leads IJU?") == ["iju"]
    assert found("iju leader") == ["iju"]  # an all-lower-case query may write acronyms small


def test_acronym_does_not_match_a_plain_word():
    assert found("Did they tell us anything?") == []
    assert found("Who won the US election?") == ["us"]


def test_typos_and_transliterations():
    assert found("who leeds the islamic jihad unoin") == ["iju"]  # not "jihad" alone
    assert found("what is jihad") == ["jihad"]
    assert found("What did Tokaev say?") == ["tokayev"]
    assert found("katibat imam al bukhary leader") == ["kib"]


def test_possessive_and_surname():
    assert found("Who was Tokayev's classmate?") == ["tokayev"]


def test_initials_are_derived_when_no_acronym_is_given():
    assert found("What is HFM?") == ["hfm"]


def test_lookup_for_command_arguments():
    n = names()
    assert n.lookup("IJU").id == "iju"
    assert n.lookup("islamic jihad unoin").id == "iju"
    assert n.lookup("nothing like it at all") is None
    assert n.lookup("!!!") is None


def test_a_two_letter_acronym_is_named_by_its_plural() -> None:
    pc = Names.from_rows([("pc", "PC", "other", [], 3)]).entities["pc"]
    # "90% of PCs are infested": the stemmer keeps three-letter words whole ("gas", "bus")
    assert Names.mentions(pc, (), frozenset({"90", "pcs", "infes"}))
    assert not Names.mentions(pc, (), frozenset({"pcb", "infes"}))


def test_a_name_and_its_bare_initials_are_one_entity():
    # The compiler keeps "British Airways" and "BA" apart when the story never writes
    # "British Airways (BA)"; a question naming either reaches the facts of both.
    rows = [
        ("british-airways", "British Airways", "organization", [], 1),
        ("ba", "BA", "organization", [], 6),
        ("bank-of-albion", "Bank of Albion", "organization", ["BOA"], 2),
        ("boa", "BOA", "other", [], 1),
        ("bob-adams", "Bob Adams", "person", [], 1),
    ]
    names = Names.from_rows(rows)
    known = {"who", "chairs", "british", "airways", "ba"}.__contains__
    assert [m.entity_ids for m in names.find("Who chairs British Airways?", known)] == [
        ("british-airways", "ba")
    ]
    assert [m.entity_ids for m in names.find("Who chairs BA?", known)] == [
        ("ba", "british-airways")
    ]
    # a name already listing its own acronym, and a person's initials, pair with nothing
    assert [m.entity_ids for m in names.find("Bank of Albion", known)] == [("bank-of-albion",)]
    assert [m.entity_ids for m in names.find("Bob Adams", known)] == [("bob-adams",)]


def test_a_letter_alone_names_nothing() -> None:
    # "U.S." folds to "u" (a lone "s" is a possessive's leftover), so a one-letter message,
    # or one letter under stacked accents, was read as the United States
    assert found("u") == []
    assert found("ü\u0308\u0344\u0308\u0344") == []
    assert found("Who leads the U.S.?") == ["us"]
    assert found("who leads the u.s.") == ["us"]


def test_a_places_other_name_in_the_gazetteer_stands_for_it() -> None:
    # The documents write "the UK" or "the United States"; the question "Britain", "America".
    rows = [*ROWS, ("united-kingdom", "United Kingdom", "place", ["UK"], 4)]
    n = Names.from_rows(rows)
    assert [m.entity_ids[0] for m in n.find("What did Britain set up?", known)] == [
        "united-kingdom"
    ]
    assert [m.entity_ids[0] for m in n.find("Who leads America?", known)] == ["us"]
    assert [m.entity_ids[0] for m in n.find("Did they tell us anything?", known)] == []


def test_a_command_argument_is_read_with_a_questions_tolerance_for_typos() -> None:
    # "brief me on the uighurs": one letter off a seven-letter name, as "tokaev" in a question
    n = Names.from_rows([*ROWS, ("uyghurs", "Uyghurs", "other", [], 6)])
    assert n.lookup("the uighurs").id == "uyghurs"


def test_a_name_with_its_first_words_cut_to_initials() -> None:
    # "UN Security Council" where the documents write "United Nations Security Council"
    rows = [*ROWS, ("unsc", "United Nations Security Council", "organization", [], 3)]
    n = Names.from_rows(rows)
    assert [m.entity_ids[0] for m in n.find("When did the UN Security Council meet?", known)] == [
        "unsc"
    ]
    assert [m.entity_ids[0] for m in n.find("When did the UN Trade Council meet?", known)] == []


def test_a_clipped_name_may_be_written_in_the_plural() -> None:
    # "Who chairs the Lib Dems?" where the documents write "Liberal Democrat chairman"
    n = Names.from_rows([*ROWS, ("lib-dem", "Liberal Democrat", "organization", [], 3)])
    assert [m.entity_ids[0] for m in n.find("Who chairs the Lib Dems?", known)] == ["lib-dem"]
    assert [m.entity_ids[0] for m in n.find("Who chairs the Lib Ds?", known)] == []
