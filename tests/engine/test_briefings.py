"""What a /brief or /who reply holds: each rule over a tiny invented article, so a test
fails without its rule."""

from __future__ import annotations

from pathlib import Path

from bot.engine import Engine
from bot.factbase import Entity, Relation
from bot.reply import Reply
from tests.engine.engine_articles import open_article


def relation_lines(reply: Reply) -> list[tuple[str, str]]:
    return [(line.label, line.value) for line in reply.lines]


def cited(reply: Reply, label: str) -> str:
    """The excerpt the first line with this label cites."""
    line = next(line for line in reply.lines if line.label == label)
    assert line.citation is not None
    return reply.answers[line.citation].excerpt


def test_the_value_most_facts_state_comes_first_and_a_clipped_one_goes(tmp_path: Path) -> None:
    people = [Entity("ann-lee", "Ann Lee", "person", ("Lee",))]
    sentences = [
        "Chancellor Ann Lee opened the bridge.",
        "Prime Minister Ann Lee spoke in Dover.",
        "Prime Minister Ann Lee met the mayors.",
        "Minister Ann Lee left early.",
    ]
    roles = {
        0: (Relation("role", "ann-lee", "Chancellor"),),
        1: (Relation("role", "ann-lee", "Prime Minister"),),
        2: (Relation("role", "ann-lee", "Prime Minister"),),
        3: (Relation("role", "ann-lee", "Minister"),),  # "Prime Minister" clipped
    }
    with open_article(tmp_path, "lee", "Lee in Dover", sentences, people, roles) as engine:
        lines = relation_lines(engine.answer("/who Ann Lee"))
    assert [v for label, v in lines if label == "Role"] == ["Prime Minister", "Chancellor"]


def test_a_relation_every_fact_puts_in_the_past_is_labelled_former(tmp_path: Path) -> None:
    entities = [
        Entity("oilco", "Oilco", "organization"),
        Entity("ivan-petrov", "Ivan Petrov", "person", ("Petrov",)),
        Entity("sam-hill", "Sam Hill", "person", ("Hill",)),
        Entity("tom-rae", "Tom Rae", "person", ("Rae",)),
        Entity("fleet-union", "Fleet Union", "organization"),
        Entity("ana-cruz", "Ana Cruz", "person", ("Cruz",)),
        Entity("li-wei", "Li Wei", "person"),
    ]
    sentences = [
        "Former Oilco boss Ivan Petrov went on trial on Friday.",
        "Ana Cruz, the firm's former chairman, was not called.",  # no name: the title says
        "Li Wei, formerly Oilco's president, stayed away.",
        "Oilco chief executive Sam Hill said the firm would appeal.",
        # "former" qualifies his membership, not his leadership
        "The head of Oilco's shipping arm is Tom Rae, a former member of Fleet Union.",
    ]
    relations = {
        0: (Relation("leader", "oilco", "Ivan Petrov", "ivan-petrov"),),
        1: (Relation("leader", "oilco", "Ana Cruz", "ana-cruz"),),
        2: (Relation("leader", "oilco", "Li Wei", "li-wei"),),
        3: (Relation("leader", "oilco", "Sam Hill", "sam-hill"),),
        4: (
            Relation("leader", "oilco", "Tom Rae", "tom-rae"),
            Relation("member", "tom-rae", "Fleet Union", "fleet-union"),
        ),
    }
    with open_article(tmp_path, "oilco", "Oilco trial", sentences, entities, relations) as engine:
        company = relation_lines(engine.answer("/brief Oilco"))
        rae = relation_lines(engine.answer("/who Tom Rae"))
        li_wei = relation_lines(engine.answer("/who Li Wei"))
    assert ("Former leader", "Ivan Petrov") in company
    assert ("Former leader", "Ana Cruz") in company
    assert ("Former leader", "Li Wei") not in company  # two former values per label at most
    assert ("Formerly led", "Oilco") in li_wei
    assert ("Leader", "Sam Hill") in company and ("Leader", "Tom Rae") in company
    assert ("Leads", "Oilco") in rae and ("Former member of", "Fleet Union") in rae


def test_a_person_is_no_area_of_operation(tmp_path: Path) -> None:
    entities = [
        Entity("red-band", "Red Band", "organization"),
        Entity("faryab", "Faryab", "place"),
        Entity("ali-aka", "Ali Aka", "person"),
    ]
    sentences = ["The Red Band, which operates in Faryab, is led by Ali Aka."]
    relations = {
        0: (
            Relation("area", "red-band", "Faryab", "faryab"),
            Relation("area", "red-band", "Ali Aka", "ali-aka"),  # a misreading
            Relation("leader", "red-band", "Ali Aka", "ali-aka"),
        )
    }
    with open_article(tmp_path, "band", "Red Band", sentences, entities, relations) as engine:
        lines = relation_lines(engine.answer("/brief Red Band"))
    assert ("Area", "Faryab") in lines and ("Leader", "Ali Aka") in lines
    assert ("Area", "Ali Aka") not in lines


def test_a_line_cites_a_sentence_about_the_entity(tmp_path: Path) -> None:
    """Both sentences state the role; the first is about someone else."""
    entities = [
        Entity("kai-berg", "Kai Berg", "person", ("Berg",)),
        Entity("ola-dahl", "Ola Dahl", "person", ("Dahl",)),
        Entity("norland", "Norland", "place"),
        Entity("vesterhavn", "Vesterhavn", "place"),
        Entity("tarn", "Tarn", "place"),
    ]
    sentences = [
        "Besides his ties since 2010 to Vesterhavn and its bankers in Tarn, Ola Dahl is also "
        "known to be an old ally of Norland President Berg.",
        "Norland President Kai Berg opposed the treaty in June.",
    ]
    role = (Relation("role", "kai-berg", "President", "norland"),)
    relations = {0: role, 1: role}
    with open_article(tmp_path, "berg", "Berg", sentences, entities, relations) as engine:
        reply = engine.answer("/who Berg")
    assert cited(reply, "Role") == sentences[1]
    assert reply.answers[0].excerpt == sentences[1]


def test_the_briefing_opens_with_what_the_entity_is(tmp_path: Path) -> None:
    entities = [
        Entity("ivo-stan", "Ivo Stan", "person", ("Stan",)),
        Entity("ufa-bank", "Ufa Bank", "organization"),
        Entity("ufa", "Ufa", "place"),
    ]
    sentences = [
        "Stan bought two football clubs and a newspaper in Ufa last year.",
        "Stan sold his stake in Ufa Bank in 2019 to pay for three yachts.",
        "Ivo Stan, an infamous metals magnate, is known as a tool of the regime.",
    ]
    with open_article(tmp_path, "stan", "Stan", sentences, entities) as engine:
        reply = engine.answer("/who Ivo Stan")
    assert reply.answers[0].excerpt == sentences[2]


def test_a_description_after_an_opening_phrase_still_defines(tmp_path: Path) -> None:
    entities = [
        Entity("kib", "Katibat Imam", "organization", ("KIB",)),
        Entity("ufa", "Ufa", "place"),
    ]
    sentences = [
        "KIB fighters and their families moved to Ufa in large numbers in 2019.",
        "On ideology and on its policy, the KIB is the closest group to the Taliban.",
    ]
    with open_article(tmp_path, "kib", "KIB", sentences, entities) as engine:
        reply = engine.answer("/brief KIB")
    assert reply.answers[0].excerpt == sentences[1]


def test_questions_and_lone_subordinate_clauses_come_last(tmp_path: Path) -> None:
    entities = [Entity("norland", "Norland", "place"), Entity("tarn", "Tarn", "place")]
    sentences = [
        "What did Norland actually promise Tarn in 2004?",
        "While Norland and Tarn have opted to build drones in Tarn.",
        "Congratulations to Norland, a deserved win for Tarn's neighbour!",
        "Norland stopped producing the vaccine.",
    ]
    with open_article(tmp_path, "nor", "Norland", sentences, entities) as engine:
        reply = engine.answer("/brief Norland")
    assert reply.answers[0].excerpt == sentences[3]


def test_heading_shows_the_acronym_asked_or_spelt_by_the_name(tmp_path: Path) -> None:
    entities = [
        Entity(
            "tip",
            "Turkestan Islamic Party",
            "organization",
            ("ETIM", "TIP", "Eastern Turkistan Islamic Movement"),
        ),
        Entity("kassym-tokayev", "Kassym Tokayev", "person", ("Tokayev", "Tokaev")),
    ]
    sentences = [
        "The Turkestan Islamic Party (TIP), once the Eastern Turkistan Islamic Movement "
        "(ETIM), praised the deal.",
        "President Kassym Tokayev (Tokaev) met envoys.",
    ]
    with open_article(tmp_path, "tip", "TIP", sentences, entities) as engine:
        tip = engine.answer("/brief Turkestan Islamic Party")
        etim = engine.answer("/brief ETIM")
        tokayev = engine.answer("/who Tokayev")
    assert tip.title.startswith("Turkestan Islamic Party (TIP) ")
    assert etim.title.startswith("Turkestan Islamic Party (ETIM) ")
    # the heading's acronym is not repeated; a spelling variant is worth telling, a surname not
    assert ("Also called", "ETIM, Eastern Turkistan Islamic Movement") in relation_lines(tip)
    assert ("Also called", "TIP, Eastern Turkistan Islamic Movement") in relation_lines(etim)
    assert ("Also called", "Tokaev") in relation_lines(tokayev)


def test_brief_of_the_shared_seed_cites_its_lines(shared_engine: Engine) -> None:
    reply = shared_engine.answer("/brief FCM")
    for line in reply.lines:
        if line.citation is not None:
            assert line.citation < len(reply.answers)


def test_asked_by_another_name_the_fact_tying_it_comes_first(tmp_path: Path) -> None:
    """... and the name a line gives ("Former name: X") is not told again as "Also called"."""
    entities = [
        Entity("tip", "Turkestan Party", "organization", ("TP", "ETM", "East Turkestan Movement")),
        Entity("ann-lee", "Ann Lee", "person"),
    ]
    sentences = [
        "The Turkestan Party, led by Ann Lee, praised the deal.",
        "A report named the East Turkestan Movement [former name of TP] among the groups.",
    ]
    relations = {
        0: (Relation("leader", "tip", "Ann Lee", "ann-lee"),),
        1: (Relation("former_name", "tip", "East Turkestan Movement"),),
    }
    with open_article(tmp_path, "tp", "TP", sentences, entities, relations) as engine:
        reply = engine.answer("ETM?")
        own_name = engine.answer("/brief Turkestan Party")
    assert reply.kind == "brief" and reply.title.startswith("Turkestan Party (ETM) ")
    assert ("Also called", "TP") in relation_lines(reply)
    assert reply.answers[0].excerpt == sentences[1]
    assert own_name.answers[0].excerpt == sentences[0]


def test_the_heading_names_a_kind_only_when_it_says_something(tmp_path: Path) -> None:
    entities = [Entity("stalin", "Stalin", "other"), Entity("russia", "Russia", "place")]
    sentences = ["Russia rewrote the history of Stalin after 1956."]
    with open_article(tmp_path, "st", "Stalin", sentences, entities) as engine:
        assert engine.answer("/brief Stalin").title == "Stalin"
        assert engine.answer("/brief Russia").title == "Russia — place"


def test_a_place_or_group_lists_the_offices_held_in_it(tmp_path: Path) -> None:
    entities = [
        Entity("norland", "Norland", "place"),
        Entity("kai-berg", "Kai Berg", "person"),
        Entity("berg", "Berg", "person"),  # the same man, kept apart by the compiler
        Entity("oilco", "Oilco", "organization"),
        Entity("sam-hill", "Sam Hill", "person"),
    ]
    sentences = [
        "Norland President Kai Berg opposed the treaty.",
        "Norland President Berg spoke.",
        "Oilco chief executive Sam Hill said the firm would appeal.",
    ]
    relations = {
        0: (Relation("role", "kai-berg", "President", "norland"),),
        1: (Relation("role", "berg", "President", "norland"),),
        2: (
            Relation("role", "sam-hill", "chief executive", "oilco"),
            Relation("leader", "oilco", "Sam Hill", "sam-hill"),
        ),
    }
    with open_article(tmp_path, "nl", "Norland", sentences, entities, relations) as engine:
        norland = relation_lines(engine.answer("/brief Norland"))
        oilco = relation_lines(engine.answer("/brief Oilco"))
    assert norland == [("President", "Kai Berg")]  # "Berg" is the same name clipped
    assert oilco == [("Chief executive", "Sam Hill")]  # not again as a plain "Leader"


def test_a_leader_called_former_anywhere_is_a_former_leader(tmp_path: Path) -> None:
    entities = [
        Entity("red-band", "Red Band", "organization"),
        Entity("ali-omar", "Ali Omar", "person", ("Mullah Omar",)),
        Entity("abu-said", "Abu Said", "person"),
    ]
    sentences = [
        "The pact was sworn to Mullah Omar, the Red Band's leader.",
        "Abu Said later praised the Red Band's former Amir, Mullah Ali Omar, in a letter.",
    ]
    relations = {0: (Relation("leader", "red-band", "Mullah Omar", "ali-omar"),)}
    with open_article(tmp_path, "rb", "Red Band", sentences, entities, relations) as engine:
        reply = engine.answer("/brief Red Band")
    assert relation_lines(reply) == [("Former leader", "Ali Omar")]
    assert cited(reply, "Former leader") == sentences[1]


def test_a_briefing_opens_on_a_sentence_that_names_the_entity(tmp_path: Path) -> None:
    entities = [
        Entity("norland", "Norland", "place"),
        Entity("kai-berg", "Kai Berg", "person"),
        Entity("tarn", "Tarn", "place"),
    ]
    sentences = [
        "Norlandic Foreign Minister Kai Berg visited Tarn to meet his counterparts.",
        "Norland is also concerned about security in the region.",
    ]
    relations = {0: (Relation("role", "kai-berg", "Foreign Minister", "norland"),)}
    with open_article(tmp_path, "nl", "Norland", sentences, entities, relations) as engine:
        reply = engine.answer("/brief Norland")
    assert ("Foreign Minister", "Kai Berg") in relation_lines(reply)
    assert reply.answers[0].excerpt == sentences[1]


def test_a_name_introduced_with_its_short_form_and_described_defines_it(tmp_path: Path) -> None:
    entities = [
        Entity("imu", "Islamic Movement", "organization", ("IMU",)),
        Entity("tarn", "Tarn", "place"),
    ]
    sentences = [
        "The IMU is also reportedly recruiting in northern Tarn.",
        "A favorite candidate for the blame is the Islamic Movement (IMU), a group that has "
        "been active across Tarn.",
    ]
    with open_article(tmp_path, "imu", "IMU", sentences, entities) as engine:
        reply = engine.answer("/brief IMU")
    assert reply.answers[0].excerpt == sentences[1]


def test_a_name_that_titles_someone_else_is_not_the_subject(tmp_path: Path) -> None:
    entities = [
        Entity("redbridge", "Redbridge", "organization"),
        Entity("arne-wolf", "Arne Wolf", "person"),
        Entity("tarn", "Tarn", "place"),
        Entity("kessel", "Kessel", "place"),
    ]
    sentences = [
        "Redbridge boss Arne Wolf said he would not sign a keeper in Tarn or Kessel.",
        "The Redbridge-Tarn friendly in Kessel was called off.",
        "Redbridge warned Kessel about its fans.",  # a verb before a name titles nobody
    ]
    with open_article(tmp_path, "rb", "Redbridge", sentences, entities) as engine:
        reply = engine.answer("/brief Redbridge")
    assert reply.answers[0].excerpt == sentences[2]
