from bot.engine.query import MAX_QUERY_CHARS, clean, parse, question_type
from bot.engine.text import key, keys, words


def test_commands_are_split_from_their_argument():
    q = parse("/brief  Free Coast Movement ")
    assert (q.command, q.argument) == ("brief", "Free Coast Movement")


def test_bot_name_suffix_is_dropped():
    q = parse("/who@briefing_bot Olsen")
    assert (q.command, q.argument) == ("who", "Olsen")


def test_command_without_argument():
    assert parse("/timeline").argument == ""
    assert parse("/").command == ""


def test_question_types():
    assert question_type(words("Who leads the group?")) == "who"
    assert question_type(words("When was it signed?")) == "when"
    assert question_type(words("In which year was it signed?")) == "when"
    assert question_type(words("Where does it operate?")) == "where"
    assert question_type(words("Which provinces does it hold?")) == "where"
    assert question_type(words("How many fighters are there?")) == "how_many"
    assert question_type(words("How do analysts describe it?")) == "how"
    assert question_type(words("Which group is led by Olsen?")) == "who"
    assert question_type(words("usmanov sanctions")) == "keywords"


def test_relation_cues():
    assert "leader" in parse("Who leads the FCM?").relations
    assert "leader" in parse("Which group is led by Olsen?").relations
    assert "designation" in parse("Who designated the FCM?").relations
    assert "area" in parse("Where is it active?").relations
    assert "member" in parse("Which group did Varga belong to?").relations
    assert "quote" in parse("What did Olsen say?").relations


def test_definition_shape():
    assert parse("What is the FCM?").definition
    assert parse("Who was Varga?").definition
    assert not parse("Who leads the FCM?").definition


def test_clean_drops_control_characters_and_caps_length():
    text, truncated = clean("a\x00b\u200bc\nd" + "x" * 20_000)
    assert "\x00" not in text and "\u200b" not in text and "\n" not in text
    assert truncated and len(text) == MAX_QUERY_CHARS


def test_keys_meet_across_inflections():
    assert key("operates") == key("operating") == key("operate")
    assert key("led") == key("leader") == key("leads")
    assert key("sanctioned") == key("sanctions")
    assert key("Syrian".lower()) == key("syria")
    assert key("states") == key("state")
    assert key("invasion") == key("invade") == key("invaded")
    assert key("found") != key("founded")  # "found refuge" is not "founded"
    assert keys("Tokayev’s classmate") == keys("tokayev classmate")


def test_what_did_x_call_y_asks_no_former_name():
    # a doer's own name for something ("the Lions of Islam"), not a name it bore before
    assert "former_name" not in parse("What did the FCM's propagandist call Olsen?").relations
    assert "former_name" in parse("What was the FCM called before?").relations
