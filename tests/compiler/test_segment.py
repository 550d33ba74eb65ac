from bot.compiler.segment import (
    CAPTION,
    HEADING,
    INTERNAL_BREAK,
    PARAGRAPH,
    _has_internal_break,
    segment,
)


def test_seed_page_splits_into_its_four_articles(seed_text, seed_titles):
    articles = segment(seed_text)
    assert [a.title for a in articles] == seed_titles


def test_navigation_captions_and_teasers_stay_out_of_paragraphs(seed_text):
    paragraphs = [
        seed_text[b.start : b.end]
        for a in segment(seed_text)
        for b in a.blocks
        if b.kind == PARAGRAPH
    ]
    joined = "\n".join(paragraphs)
    for furniture in (
        "Connect with us",
        "Continue Reading",
        "Image source",
        "Latest",
        "hours ago",
        "Samoa welcomes",
        "Trending",
        "(second left)",
    ):
        assert furniture not in joined
    assert not any(p in ("Published", "on", "Comments", "Central Asia") for p in paragraphs)


def test_headings_become_sections_of_the_paragraphs_below(seed_text):
    articles = segment(seed_text)
    second = articles[1]
    headings = [seed_text[b.start : b.end] for b in second.blocks if b.kind == HEADING]
    assert headings == ["China", "Turkey"]
    sections = {b.section for b in second.blocks if b.kind == PARAGRAPH}
    assert {"China", "Turkey", None} <= sections
    first_sections = {b.section for b in articles[0].blocks if b.kind == PARAGRAPH}
    assert "What the US-Taliban deal means for Central Asia?" in first_sections


def test_captions_are_marked(seed_text):
    captions = [
        seed_text[b.start : b.end]
        for a in segment(seed_text)
        for b in a.blocks
        if b.kind == CAPTION
    ]
    assert "Jihadists of Katibat Imam al-Bukhari before the attack, Idlib, Syria." in captions
    assert "Image source: kremlin.ru" in captions


def test_plain_article_is_one_source_titled_by_its_first_line():
    text = (
        "Ad sales boost profit\n\nQuarterly profits jumped. Sales rose.\n\n"
        "More text follows here.\n"
    )
    (article,) = segment(text)
    assert article.title == "Ad sales boost profit"
    assert [b.kind for b in article.blocks] == [PARAGRAPH, PARAGRAPH]


def test_one_sentence_per_line_file_has_no_false_headings():
    text = (
        "Unsettling Times\n\nLONDON - Is there more to be said about Egypt?\n"
        "The regime survived the protests.\nWhether democracy will ensue is doubtful.\n"
    )
    (article,) = segment(text)
    assert article.title == "Unsettling Times"
    assert all(b.kind == PARAGRAPH for b in article.blocks)


def test_markdown_headings_title_and_sections():
    text = "# The Report\n\nIntro paragraph here.\n\n## Findings\n\nThe finding is clear.\n"
    (article,) = segment(text, markdown=True)
    assert article.title == "The Report"
    assert [b.kind for b in article.blocks] == [PARAGRAPH, HEADING, PARAGRAPH]
    assert article.blocks[-1].section == "Findings"


def test_bylines_are_furniture_not_titles():
    text = (
        "Home\nWorld\n\nWorld\n\nFloods Hit Northern Province as Rivers Burst\n\n"
        "By Staff Reporter\n\n"
        "Published on March 3, 2021\n\nHeavy rains caused the river to burst its banks last week, "
        "officials said on Monday. Thousands of families were displaced.\n\nRead more\n\nWorld\n\n"
        "New Trade Pact Signed Between Neighbours\n\nBy Staff Reporter\n\n"
        "Published on March 4, 2021"
        "\n\nThe two countries signed a trade pact on Tuesday after long and difficult talks.\n\n"
        "Read more\n"
    )
    articles = segment(text)
    assert [a.title for a in articles] == [
        "Floods Hit Northern Province as Rivers Burst",
        "New Trade Pact Signed Between Neighbours",
    ]
    assert "Published on March 3, 2021" in [line.text for line in articles[0].header]


def test_a_fixture_list_under_repeated_labels_is_not_a_page_of_articles():
    text = (
        "Cup draw made\n\nThe draw for the regional cup was made on Monday and the holders face a "
        "tricky opening game against the hosts in a packed stadium next month.\n\n"
        "Team A v Team B\n\nWinners meet in final\n\nTeam C v Team D\n\nTeam E v Team F\n\n"
        "Winners meet in final\n\nTeam G v Team H\n"
    )
    (article,) = segment(text)
    assert article.title == "Cup draw made"


def test_a_repeated_credit_inside_articles_does_not_end_them():
    body = (
        "The council approved the new budget on Monday after a long debate in the chamber.\n\n"
        "Photo: Reuters/File\n\nAdvertisement\n\n"
        "Opposition members said the spending plans would not survive a court challenge.\n\n"
    )
    text = (
        "Home\nWorld\nSign in\n\nWorld\n\nCouncil Passes Budget After Long Debate\n\n"
        "By Staff Writer\n\nMarch 3, 2021\n\nShare\nTweet\n\n" + body + "Share this article\n\n"
        "World\n\nRivers Burst Their Banks Across the North\n\nBy Staff Writer\n\n"
        "March 4, 2021\n\nShare\nTweet\n\n"
        + body.replace("budget", "flood plan")
        + "Related Articles\n\n"
        "Ministers meet over floods\n\nMost Read\n\nPolitics2 hours ago\n\nSenate passes bill\n\n"
        "© 2021 Example Media. All rights reserved.\n"
    )
    articles = segment(text)
    assert [a.title for a in articles] == [
        "Council Passes Budget After Long Debate",
        "Rivers Burst Their Banks Across the North",
    ]
    for article in articles:
        paragraphs = [text[b.start : b.end] for b in article.blocks if b.kind == PARAGRAPH]
        assert paragraphs[-1].startswith("Opposition members said")
        assert len(paragraphs) == 2
        assert text[article.end - 1] == "."
    assert "March 3, 2021" in [line.text for line in articles[0].header]


def test_a_plain_article_ends_where_the_page_trailing_furniture_begins():
    text = (
        "Ad sales boost profit\n\nQuarterly profits at the media giant jumped on the back of "
        "strong advertising sales over the Christmas period, the company said on Monday.\n\n"
        "Sales rose by a fifth.\n\nMore stories\n\nRelated Articles\n\n"
        "Shares in the firm rose after the announcement was made to the market today.\n\n"
        "© 2021 Example Media\n"
    )
    (article,) = segment(text)
    assert article.title == "Ad sales boost profit"
    assert text[article.start : article.end].endswith("Sales rose by a fifth.")


def test_a_page_without_byline_is_titled_after_its_menu():
    text = (
        "Skip to content\nHome\nNews\nSport\nSign in\n\n"
        "We use cookies to give you the best experience on our website.\nAccept all\n\n"
        "Floods Hit Northern Province as Rivers Burst\n\nHeavy rains caused the river to burst "
        "its banks last week, officials said on Monday. Thousands of families were displaced.\n"
    )
    (article,) = segment(text)
    assert article.title == "Floods Hit Northern Province as Rivers Burst"
    assert [b.kind for b in article.blocks] == [PARAGRAPH]


BUDGET = (
    "The council approved the new budget on Monday after a long debate in the chamber. "
    "Members voted 30 to 12."
)
PLANS = (
    "Opposition members said the spending plans would not survive a court challenge. "
    "They vowed to fight on."
)
FLOODS = (
    "Heavy rains caused the river to burst its banks last week, officials said on Monday. "
    "Thousands of families fled."
)


def titles_and_texts(text: str, *, markdown: bool = False) -> list[tuple[str, list[str]]]:
    return [
        (a.title, [text[b.start : b.end] for b in a.blocks if b.kind == PARAGRAPH])
        for a in segment(text, markdown=markdown)
    ]


def test_a_headline_without_byline_on_a_page_of_headline_titles_starts_an_article():
    text = (
        "World\n\nCouncil Passes Budget After Long Debate\n\nBy Staff Writer\n\n"
        f"March 3, 2021\n\n{BUDGET}\n\n{PLANS}\n\n"
        f"Rivers Burst Their Banks Across the North\n\n{FLOODS}\n\n{PLANS}\n"
    )
    assert titles_and_texts(text) == [
        ("Council Passes Budget After Long Debate", [BUDGET, PLANS]),
        ("Rivers Burst Their Banks Across the North", [FLOODS, PLANS]),
    ]


def test_a_title_with_a_byline_below_it_ends_an_unmarked_article_above():
    text = (
        f"Council Passes Budget After Long Debate\n\n{BUDGET}\n\n{PLANS}\n\nWorld\n\n"
        "Rivers burst their banks across the north\n\nBy Staff Writer\n\n"
        f"March 4, 2021\n\n{FLOODS}\n"
    )
    articles = segment(text)
    assert [a.title for a in articles] == [
        "Council Passes Budget After Long Debate",
        "Rivers burst their banks across the north",
    ]
    assert text[articles[0].start : articles[0].end].endswith(PLANS)
    assert [line.text for line in articles[1].header] == ["By Staff Writer", "March 4, 2021"]


def test_a_rule_or_a_read_more_link_before_a_title_ends_the_article_above():
    text = (
        f"Council passes budget\n\n{BUDGET}\n\n{PLANS}\n\n* * *\n\n"
        f"Rivers burst their banks\n\n{FLOODS}\n\nRead more\n\nWhat the council does next\n\n"
        f"{PLANS}\n"
    )
    assert titles_and_texts(text) == [
        ("Council passes budget", [BUDGET, PLANS]),
        ("Rivers burst their banks", [FLOODS]),
        ("What the council does next", [PLANS]),
    ]


def test_a_wider_gap_than_between_paragraphs_before_a_title_ends_the_article_above():
    text = (
        f"Council passes budget\r\n\r\n{BUDGET}\r\n\r\n{PLANS}\r\n\r\n\r\n"
        f"Rivers burst their banks\r\n\r\n{FLOODS}\r\n\r\nWhat comes next\r\n\r\n{PLANS}\r\n"
    )
    articles = segment(text)
    assert [a.title for a in articles] == ["Council passes budget", "Rivers burst their banks"]
    assert [b.section for b in articles[1].blocks if b.kind == PARAGRAPH] == [
        None,
        "What comes next",
    ]


def test_a_second_top_level_markdown_heading_after_a_wider_gap_starts_an_article():
    text = f"# Report\n\n{BUDGET}\n\n{PLANS}\n\n\n# Floods\n\n{FLOODS}\n"
    assert titles_and_texts(text, markdown=True) == [
        ("Report", [BUDGET, PLANS]),
        ("Floods", [FLOODS]),
    ]


def test_a_dateline_opens_an_article_and_dates_it():
    text = (
        f"Council passes budget\n\nLONDON (Reuters) - {BUDGET}\n\n{PLANS}\n\n"
        f"Rivers burst their banks\n\nWASHINGTON, March 4, 2021 (AP) — {FLOODS}\n"
    )
    articles = segment(text)
    assert [a.title for a in articles] == ["Council passes budget", "Rivers burst their banks"]
    assert [line.text for line in articles[1].header] == ["WASHINGTON, March 4, 2021 (AP) —"]
    # the dateline says where the report was filed: no sentence of the text
    assert [text[b.start : b.end] for b in articles[0].blocks] == [BUDGET, PLANS]
    assert [text[b.start : b.end] for b in articles[1].blocks] == [FLOODS]


def test_a_section_heading_stays_a_section_of_its_article():
    text = (
        f"Council Passes Budget After Long Debate\n\n{BUDGET}\n\n{PLANS}\n\n"
        f"What the vote means for the city\n\n{FLOODS}\n\nThe Road Ahead\n\n{PLANS}\n"
    )
    (article,) = segment(text)
    assert [b.section for b in article.blocks if b.kind == PARAGRAPH] == [
        None,
        None,
        "What the vote means for the city",
        "The Road Ahead",
    ]


def test_a_short_sentence_opening_with_by_is_text_not_a_byline():
    text = (
        "Ukraine's Choice\n\nKIEV - Was the revolution in vain?\nBy no means!\n"
        "Although Ukraine is in big economic trouble, its democracy has survived every test.\n"
    )
    (article,) = segment(text)
    assert "By no means!" in [text[b.start : b.end] for b in article.blocks]


def test_a_dated_line_under_a_plain_title_is_its_header_not_text():
    text = (
        "# Regional Briefing\n\n*Prepared by the analysis desk, 12 May 2022*\n\n"
        f"{BUDGET}\n\n{PLANS}\n"
    )
    (article,) = segment(text, markdown=True)
    assert [line.text for line in article.header] == [
        "*Prepared by the analysis desk, 12 May 2022*"
    ]
    assert [text[b.start : b.end] for b in article.blocks] == [BUDGET, PLANS]
    text = f"Talks in Kabul\n\nTokayev visited Moscow on 3 May 2022.\n\n{PLANS}\n"
    (article,) = segment(text)
    assert article.header == []


def test_a_line_without_a_full_stop_beside_a_photo_credit_is_its_caption():
    text = (
        "Council Passes Budget\n\nBy Staff Writer\n\nMarch 3, 2021\n\n"
        "The mayor speaks to reporters outside the town hall\n\nPhoto by Jane Doe/Getty Images\n\n"
        f"{BUDGET}\n\nThe council met on Monday.\n\nPhoto: Reuters\n\n{PLANS}\n"
    )
    (article,) = segment(text)
    kinds = {text[b.start : b.end]: b.kind for b in article.blocks}
    assert kinds["The mayor speaks to reporters outside the town hall"] == CAPTION
    assert kinds["The council met on Monday."] == PARAGRAPH


def test_a_short_first_line_without_a_verb_is_a_title_despite_its_full_stop():
    text = f"China, Inc.\n\nNEW YORK - {BUDGET}\n{PLANS}\n"
    (article,) = segment(text)
    assert article.title == "China, Inc."
    assert [text[b.start : b.end] for b in article.blocks] == [BUDGET, PLANS]
    text = f"Quarterly profits jumped.\n\n{BUDGET}\n"
    (article,) = segment(text)
    assert article.title == ""


def test_a_dateline_of_a_two_word_city_with_a_short_first_word():
    text = f"Bolivia votes\n\nLA PAZ - {BUDGET}\n"
    (article,) = segment(text)
    assert [text[b.start : b.end] for b in article.blocks] == [BUDGET]


def test_a_question_after_a_read_more_link_is_the_next_title_in_one_sentence_a_line_text():
    text = (
        "Council passes budget\n\nThe council approved the new budget on Monday.\n"
        "Members voted 30 to 12.\nThe mayor was pleased with the outcome of the vote.\n\n"
        "Read more\n\nIs Russia Weak?\n\n"
        "MOSCOW - Western leaders keep saying that Russia is weak.\n"
        "Is it?\nThe evidence points the other way, as the record of the past decade shows.\n"
    )
    articles = segment(text)
    assert [a.title for a in articles] == ["Council passes budget", "Is Russia Weak?"]
    assert text[articles[1].blocks[0].start :].startswith("Western leaders")


DOLLAR = (
    "The dollar rose against the euro on Friday after the central bank chief spoke in London. "
    "Traders said the speech calmed fears about the deficit."
)
DOLLAR_MORE = "Analysts expect the currency to stay firm until the next meeting in March."
SQUAD = (
    "Scrum-half Matt Dawson has been recalled to the England training squad ahead of the "
    "Six Nations. The coach said he was playing well again."
)
VIRUS = (
    "Virus writers are using interest in footballer David Beckham to spread a malicious "
    "program. Anyone who opens the attachment has their computer infected."
)


def test_bbc_style_articles_one_blank_line_apart_are_each_a_source():
    text = (
        f"Dollar gains on bank chief speech\n\n{DOLLAR}\n\n{DOLLAR_MORE}\n\n"
        f"Dawson wins England squad recall\n\n{SQUAD}\n\n"
        f"Beckham virus spotted on the net\n\n{VIRUS}\n"
    )
    assert titles_and_texts(text) == [
        ("Dollar gains on bank chief speech", [DOLLAR, DOLLAR_MORE]),
        ("Dawson wins England squad recall", [SQUAD]),
        ("Beckham virus spotted on the net", [VIRUS]),
    ]


def test_a_section_heading_or_a_broken_line_is_no_title_though_the_text_below_matches():
    text = (
        f"Dollar gains on bank chief speech\n\n{DOLLAR}\n\n"
        f"What traders fear\n\n{DOLLAR_MORE}\n\n"  # under four words: a section heading
        f"Traders said the speech calmed the\n\n{DOLLAR}\n\n"  # a line broken mid-sentence
        f"While the central bank chief spoke in London\n\n{DOLLAR}\n\n"
        f'Speech in London calmed the traders. "\n\n{DOLLAR}\n'  # a quoted sentence's end
    )
    assert [title for title, _ in titles_and_texts(text)] == ["Dollar gains on bank chief speech"]


def test_markdown_titles_start_articles_and_deeper_headings_stay_sections():
    text = (
        f"# Dollar gains on bank chief speech\n\n{DOLLAR}\n\n"
        f"## Dollar rises against the euro\n\n{DOLLAR}\n\n"
        f"# Why the squad was picked\n\n{SQUAD}\n"
    )
    articles = segment(text, markdown=True)
    assert [a.title for a in articles] == [
        "Dollar gains on bank chief speech",
        "Why the squad was picked",
    ]
    assert [b.section for b in articles[0].blocks if b.kind == PARAGRAPH] == [
        None,
        "Dollar rises against the euro",
    ]


def test_a_newsletter_masthead_over_the_first_headline_is_not_its_title():
    text = (
        f"WEEKLY MARKETS BRIEF - Issue 14\n\nDollar gains on bank chief speech\n\n{DOLLAR}\n\n"
        f"Dawson wins England squad recall\n\n{SQUAD}\n"
    )
    assert titles_and_texts(text) == [
        ("Dollar gains on bank chief speech", [DOLLAR]),
        ("Dawson wins England squad recall", [SQUAD]),
    ]


def test_a_teaser_after_a_read_more_link_inside_an_article_is_dropped():
    text = (
        f"Dollar gains on bank chief speech\n\n{DOLLAR}\n\nRead more\n\n"
        "Ten tips for a greener kitchen\n\n"
        "Traders said the bank chief had calmed fears about the deficit in his speech.\n"
    )
    articles = segment(text)
    assert titles_and_texts(text) == [
        (
            "Dollar gains on bank chief speech",
            [
                DOLLAR,
                "Traders said the bank chief had calmed fears about the deficit in his speech.",
            ],
        )
    ]
    assert all(b.section is None for b in articles[0].blocks)


# One sentence a line under a title and a blank line, as op-ed collections are laid out.
EURO = (
    "ROME - Another week, another crisis for the euro.\n"
    "This time the central bank is under fire for its purchases of government bonds.\n"
    "Critics say the purchases reward governments that refuse to reform.\n"
)
ENERGY = (
    "Where energy is concerned, everything seemed simple before the war.\n"
    "Oil was cheap, and pipelines ran wherever the market wanted them.\n"
)


def test_op_eds_one_blank_line_apart_are_each_a_source():
    text = (
        f"Talking Sensibly About the Euro\n\n{EURO}\n"
        f"Our Energy Future\n\n{ENERGY}\n"
        "Short Cuts\n\nROME: Another week, another crisis.\nIt is the bank's turn.\n"
        "Critics say the bank rewards governments that refuse to reform.\n\n"
        "Designer Diets?\n\nOSLO -\nThroughout our lives we eat a mixture of compounds.\n"
        "Some of them protect us.\n"
    )
    assert [a.title for a in segment(text)] == [
        "Talking Sensibly About the Euro",
        "Our Energy Future",
        "Short Cuts",
        "Designer Diets?",
    ]


def test_a_heading_spaced_as_the_title_but_speaking_of_the_article_stays_a_section():
    text = (
        f"Talking Sensibly About the Euro\n\n{EURO}\nThe Euro Crisis\n\n"
        "The crisis of the euro is a crisis of its central bank's purchases.\nIt will pass.\n"
    )
    (article,) = segment(text)
    assert {b.section for b in article.blocks if b.kind == PARAGRAPH} == {None, "The Euro Crisis"}


def test_a_title_shaped_line_without_the_first_titles_spacing_is_text():
    text = (
        "Rules for a Thrifty Superpower\n\n"
        "WASHINGTON - American foreign policy faces deep cuts.\n"
        "Here are three rules for a thrifty superpower.\n"
        "Rule One: No More Nation Building\n"
        "Nation building in Somalia, Haiti and Bosnia cost the United States dearly.\n"
    )
    assert [a.title for a in segment(text)] == ["Rules for a Thrifty Superpower"]


KENNEDY = (
    "Charles Kennedy is far too canny to make grand claims about how his party may fare at "
    "the general election."
)


def test_a_title_whose_lede_shares_a_word_the_article_above_never_used_starts_one():
    text = (
        f"Dollar gains on bank chief speech\n\n{DOLLAR}\n\n{DOLLAR_MORE}\n\n"
        f"Kennedy's cautious optimism\n\n{KENNEDY}\n\n"
        "Town hall bans cafe music\n\nCafes in the old quarter must turn off their speakers "
        "after ten, the council has ruled.\n\n"
        "What now for British tennis?\n\n"
        "Tim Henman's decision to quit Davis Cup tennis has left the team without a leader.\n"
    )
    assert [title for title, _ in titles_and_texts(text)] == [
        "Dollar gains on bank chief speech",
        "Kennedy's cautious optimism",
        "Town hall bans cafe music",
        "What now for British tennis?",
    ]


def test_a_headline_may_end_on_a_verbs_particle_and_its_lede_say_a_longer_form_of_its_word():
    text = (
        f"Dollar gains on bank chief speech\n\n{DOLLAR}\n\n"
        "Bangkok film festival battles on\n\nOrganisers of the Bangkok festival will carry "
        "on with this year's event despite the floods.\n\n"
        "Asia shares defy gloom\n\nThailand became the first of the Asian nations to cut its "
        "economic forecast.\n"
    )
    assert [title for title, _ in titles_and_texts(text)] == [
        "Dollar gains on bank chief speech",
        "Bangkok film festival battles on",
        "Asia shares defy gloom",
    ]
    # a lede's shorter form of a title word is no sign ("make" in a reader's "pie maker")
    text = (
        f"Dollar gains on bank chief speech\n\n{DOLLAR}\n\n"
        "Has everyone forgot the pie maker??\n\nA pity Tandy did not make it cheaper.\n"
    )
    assert [title for title, _ in titles_and_texts(text)] == ["Dollar gains on bank chief speech"]


def test_pasted_op_eds_with_titles_in_headline_case_split_though_no_lede_repeats_its_title():
    para = (
        "The people of the valley look to the new governor with a hope that would have "
        "seemed impossible a decade ago, and the markets have followed them."
    )
    text = (
        f"Why Valley Traders Are Inspired by the River Agreement\n\n{para}\n\n{para}\n\n"
        f"Tashkent's Historic Opportunity to Emerge as a Regional Leader\n\n{para}\n\n"
        f"{para}\n\nThe Quiet Return of Northern Grain Exports to the Old Markets\n\n{para}\n"
    )
    assert [title for title, _ in titles_and_texts(text)] == [
        "Why Valley Traders Are Inspired by the River Agreement",
        "Tashkent's Historic Opportunity to Emerge as a Regional Leader",
        "The Quiet Return of Northern Grain Exports to the Old Markets",
    ]
    # a short heading in headline case, or a list item in capitals, is no title
    text = (
        f"Why Valley Traders Are Inspired by the River Agreement\n\n{para}\n\n"
        f"What Comes Next\n\n{para}\n\nTOO FAST TOO FURIOUS (DIGITAL BRIDGES) IN STORE\n\n"
        f"{para}\n"
    )
    assert [title for title, _ in titles_and_texts(text)] == [
        "Why Valley Traders Are Inspired by the River Agreement"
    ]


def test_words_of_an_earlier_article_do_not_hide_a_later_title():
    text = (
        "Liberal leader tours the north\n\nCharles Kennedy visited three towns in the north "
        "on Monday. Crowds were small.\n\n"
        f"Dollar gains on bank chief speech\n\n{DOLLAR}\n\n"
        f"Kennedy's cautious optimism\n\n{KENNEDY}\n"
    )
    assert [title for title, _ in titles_and_texts(text)] == [
        "Liberal leader tours the north",
        "Dollar gains on bank chief speech",
        "Kennedy's cautious optimism",
    ]


def test_a_heading_whose_shared_words_the_article_used_already_stays_a_section():
    text = (
        f"Dollar gains on bank chief speech\n\n{DOLLAR}\n\nEuro traders stay cautious\n\n"
        "Traders in London said the euro could fall further if the deficit grows.\n"
    )
    assert [title for title, _ in titles_and_texts(text)] == ["Dollar gains on bank chief speech"]


def test_a_question_in_text_without_blank_lines_is_a_sentence():
    text = (
        "Lemon Banking\nBanking crises are expensive.\nWhy do banking crises happen?\n"
        "Are bank managers ignorant?\nManagers at many banks underwrote risks they could not "
        "measure.\n"
    )
    assert [a.title for a in segment(text)] == ["Lemon Banking"]


def test_a_line_opening_in_lowercase_is_broken_off_a_sentence_not_a_title():
    text = (
        f"Dollar gains on bank chief speech\n\n{DOLLAR}\n\n"
        "holders travel to Manchester United in the next round\n\n"
        "Manchester United beat the holders last season and expect to do so again.\n"
    )
    assert [title for title, _ in titles_and_texts(text)] == ["Dollar gains on bank chief speech"]


def test_a_lede_may_open_with_a_quotation_or_a_number():
    text = (
        f"Dollar gains on bank chief speech\n\n{DOLLAR}\n\n"
        "Whose War on Terror?\n\n"
        '"We are all Americans," a Paris paper wrote after the terror attacks of 2001.\n\n'
        "2004: An Irish Athletics Year\n\n"
        "2004 won't be remembered as one of Irish athletics' great years.\n"
    )
    assert [title for title, _ in titles_and_texts(text)] == [
        "Dollar gains on bank chief speech",
        "Whose War on Terror?",
        "2004: An Irish Athletics Year",
    ]


def test_a_dateline_on_a_line_of_its_own_is_text_not_a_title_under_a_masthead():
    text = (
        "Man or Monster?\n\nPHNOM PENH -\n"
        "The man who ran the prison now answers for the deaths of thousands of people.\n"
        "He is one of five former leaders who will be tried.\n"
    )
    (article,) = segment(text)
    assert article.title == "Man or Monster?"


def test_internal_break_found_at_the_stops_as_the_pattern_finds_it():
    for text in [
        "One sentence only.",
        "It rose 3.5% in the U.S. economy.",
        "It rose. Then it fell.",
        "Why? \u201cBecause\u201d, he said.",
        "Stop!\u201d She left.",
        "A. b. c! d? e.",
        "Wait...  Then more",
        "No stop at all",
        "",
    ]:
        assert _has_internal_break(text) is (INTERNAL_BREAK.search(text) is not None), text
