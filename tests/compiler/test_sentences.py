from bot.compiler.sentences import (
    CANDIDATE_END,
    FULL_STOP_END,
    _token_before,
    enclosed_spans,
    split_sentences,
)


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_plain_sentences_with_offsets():
    text = "  First one. Second one!  Third one?"
    assert sentences(text) == ["First one.", "Second one!", "Third one?"]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = (
        "Mr. Putin met Dr. Smith in St. Petersburg on Jan. 5. The U.S. and the U.N. agreed. "
        "President George W. Bush spoke. See No. 5 above."
    )
    assert sentences(text) == [
        "Mr. Putin met Dr. Smith in St. Petersburg on Jan. 5.",
        "The U.S. and the U.N. agreed.",
        "President George W. Bush spoke.",
        "See No. 5 above.",
    ]


def test_an_abbreviation_or_initials_end_a_sentence_before_a_word_that_opens_one():
    text = (
        "She works at Acme Inc. The firm is big. He landed at 10 a.m. He left for the U.S. "
        "They followed. Mr. He Yafei met George W. Bush. The U.S. Senate voted."
    )
    assert sentences(text) == [
        "She works at Acme Inc.",
        "The firm is big.",
        "He landed at 10 a.m.",
        "He left for the U.S.",
        "They followed.",
        "Mr. He Yafei met George W. Bush.",
        "The U.S. Senate voted.",
    ]


def test_more_titles_and_name_endings():
    text = (
        "Messrs. Smith and Jones resigned. The Rt. Hon. Member spoke. "
        "He met Martin Luther King Jr. The crowd cheered. He lives at No. 10 Downing St. "
        "He is PM. They met in St. Petersburg."
    )
    assert sentences(text) == [
        "Messrs. Smith and Jones resigned.",
        "The Rt. Hon. Member spoke.",
        "He met Martin Luther King Jr.",
        "The crowd cheered.",
        "He lives at No. 10 Downing St.",
        "He is PM.",
        "They met in St. Petersburg.",
    ]


def test_a_sentence_glued_to_the_next_by_a_lost_space_is_split():
    text = (
        'The film won three Oscars.The director was pleased. "We won."It was late. The U.S.The end.'
    )
    assert sentences(text) == [
        "The film won three Oscars.",
        "The director was pleased.",
        '"We won."',
        "It was late.",
        "The U.S.The end.",
    ]


def test_quotes_and_brackets_do_not_break_a_sentence():
    text = (
        "He posted that “today is great. This victory came.” Then he left. "
        "They [the rebels (see above). Again] stayed. Done."
    )
    assert sentences(text) == [
        "He posted that “today is great. This victory came.”",
        "Then he left.",
        "They [the rebels (see above). Again] stayed.",
        "Done.",
    ]


def test_sentence_ends_inside_closing_quotes():
    text = 'He said "it is over." She agreed. They called it “victory.” It was.'
    assert sentences(text) == [
        'He said "it is over."',
        "She agreed.",
        "They called it “victory.”",
        "It was.",
    ]


def test_lowercase_after_period_does_not_split():
    text = "The figure was 3.5 percent. e.g. this stays. Next."
    assert sentences(text) == ["The figure was 3.5 percent. e.g. this stays.", "Next."]


def test_span_limits_are_respected():
    text = "XXX First. Second. YYY"
    spans = split_sentences(text, 4, 18)
    assert [text[s:e] for s, e in spans] == ["First.", "Second."]


def test_a_sentence_ends_after_a_closing_quote():
    text = 'She said: "It costs £1,400." She said more. He said “it was 5.” Then he left.'
    assert sentences(text) == [
        'She said: "It costs £1,400."',
        "She said more.",
        "He said “it was 5.”",
        "Then he left.",
    ]


def test_a_quotation_reopened_without_closing_does_not_swap_inside_and_outside():
    text = (
        'Ms Hewitt said: "We doubled it. "We will extend it to nine months." '
        'She said mothers were entitled to leave. "We made a commitment. It is the extra '
        '£1,400." She said ministers would consult.'
    )
    assert sentences(text) == [
        'Ms Hewitt said: "We doubled it.',
        '"We will extend it to nine months."',
        "She said mothers were entitled to leave.",
        '"We made a commitment. It is the extra £1,400."',
        "She said ministers would consult.",
    ]


def test_token_before_a_period_matches_walking_back_over_non_spaces():
    def walked(text: str, floor: int, period: int) -> str:
        start = period
        while start > floor and not text[start - 1].isspace():
            start -= 1
        return text[start:period]

    text = "Mr. Smith\u00a0met A.B.C.D.E.F.G.H.I. and (Gen. X) ."
    for floor in (0, 5, 17):
        for period in range(floor, len(text)):
            assert _token_before(text, floor, period) == walked(text, floor, period)


def test_abbreviations_of_three_or_more_letters_do_not_end_sentences():
    text = (
        "Staff of the Dept. Finance met Prof. Lee and Gen. Ray. Costs rose approx. 5 times. "
        "He left."
    )
    assert sentences(text) == [
        "Staff of the Dept. Finance met Prof. Lee and Gen. Ray.",
        "Costs rose approx. 5 times.",
        "He left.",
    ]


def test_spans_are_trimmed_of_any_whitespace_around_them():
    cases = {
        "One went. Two came.": ["One went.", "Two came."],
        "One went.  Two came.": ["One went.", "Two came."],
        "One went.\n\tTwo came. ": ["One went.", "Two came."],
        "\u00a0One went.\u00a0Two came.\n": ["One went.", "Two came."],
        " One went. T": ["One went.", "T"],
    }
    for text, expected in cases.items():
        assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_the_full_stop_pattern_finds_what_the_candidate_pattern_finds_without_other_stops():
    text = (
        'He won. "It ended." (Then.) the U.S. went on... And... so. It sold.The film ran.\n'
        "Paid £3.50 in 2005. Mr. X left.  Then 'Yes.' [Done.] End."
    )
    for start in range(0, len(text), 7):
        assert [m.span() for m in FULL_STOP_END.finditer(text, start)] == [
            m.span() for m in CANDIDATE_END.finditer(text, start)
        ]


def test_a_paragraph_ends_sentences_at_every_kind_of_stop():
    text = "It rained. Did it? It did! Then… It stopped. The end."
    assert sentences(text) == [
        "It rained.",
        "Did it?",
        "It did!",
        "Then…",
        "It stopped.",
        "The end.",
    ]
    # only the span's own stops count: "!" before it does not make "?" end a sentence
    assert split_sentences("Wow! Did it? No.", 5, 12) == [(5, 12)]


def test_enclosed_spans_of_straight_quotes_alone():
    text = 'He said "no more" and "not now" today.'
    assert enclosed_spans(text, 0, len(text)) == [(8, 17), (22, 31)]
