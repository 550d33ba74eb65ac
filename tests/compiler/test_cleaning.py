from bot.compiler.cleaning import (
    ASCII_OTHER_SPACES,
    CREDIT_LINE,
    RELATIVE_TIME_LINE,
    WIDER_OTHER_SPACES,
    ends_like_sentence,
    has_other_space,
    is_credit,
    is_date_line,
    is_inline_furniture,
    is_relative_time,
    is_trailing_furniture,
    looks_like_caption,
    mask_editorial_markers,
    repeated_labels,
    split_lines,
    strip_markdown,
    teaser_lines,
)


def test_split_lines_strips_every_kind_of_whitespace_and_skips_blank_lines():
    text = " \t\n\u00a0 One\x0b two \u3000\r\n\x0c\n\u2028Three\u2028\n"
    got = [(line.start, line.end, line.text, line.words) for line in split_lines(text)]
    expected = []
    at = 0
    for raw in text.replace("\r", "\n").split("\n"):
        if raw.strip():
            offset = at + len(raw) - len(raw.lstrip())
            expected.append((offset, offset + len(raw.strip()), raw.strip(), len(raw.split())))
        at += len(raw) + 1
    assert got == expected
    assert [line.text for line in split_lines(text, 5, 11)] == ["One\x0b t"]


def test_split_lines_keeps_exact_offsets():
    text = "  Title here \r\n\nBody line.\n"
    lines = split_lines(text)
    assert [line.text for line in lines] == ["Title here", "Body line."]
    assert all(text[line.start : line.end] == line.text for line in lines)


def test_short_lines_repeated_across_the_file_are_labels():
    text = (
        "Europe\nA title\nPublished\nBody text that is long enough.\n"
        "Europe\nOther title\nPublished\n"
    )
    labels = repeated_labels(split_lines(text))
    assert labels == {"europe", "published"}


def test_a_repeated_sentence_is_not_a_label():
    text = "He said no.\nHe said no.\n"
    assert repeated_labels(split_lines(text)) == set()


def test_teaser_list_is_recognized_by_relative_times():
    text = (
        "Sports2 hours ago\nTeam wins the cup\nThe final was played in front of a large crowd...\n"
        "World 1 day ago\nStorm hits coast\nA storm hit the coast on Monday and...\n"
    )
    lines = split_lines(text)
    assert teaser_lines(lines) == set(range(6))


def test_credits_and_captions():
    assert is_credit("Image source: kremlin.ru")
    assert is_credit("Photo: AFP")
    assert not is_credit("Imagine a world without borders.")
    assert looks_like_caption("Jihadists of a group before the attack, Idlib, Syria.")
    assert looks_like_caption("The minister at the summit (second left)")
    assert not looks_like_caption("The games are likely to be a mere blip on a downward trend.")


def test_a_short_sentence_with_an_irregular_past_verb_is_no_caption():
    assert not looks_like_caption("The group swore allegiance to the Islamic State in 2015.")
    assert not looks_like_caption("Thousands fled across the border.")


def test_an_item_of_a_list_is_no_caption():
    assert not looks_like_caption("- Pay a $1,000 (£535) fine")
    assert not looks_like_caption("• A ban on new coal plants")
    assert looks_like_caption("10 Alicia Molik (Australia)")


def test_editorial_markers_are_blanked_without_moving_offsets():
    text = "the path of Sharia.[UB1]  If the"
    masked = mask_editorial_markers(text)
    assert len(masked) == len(text)
    assert "[UB1]" not in masked
    assert masked.startswith("the path of Sharia.")


def test_markdown_markup_is_stripped_for_statements():
    assert (
        strip_markdown("**Bold** and [a link](http://x.org) and `code`")
        == "Bold and a link and code"
    )
    assert strip_markdown("- a list item") == "a list item"


def one_line(text: str):
    (line,) = split_lines(text)
    return line


def test_byline_dates_on_a_line_of_their_own():
    for text in (
        "March 3, 2021",
        "Published 12 May 2022",
        "2021-03-03",
        "Updated: Monday, March 1, 2021 10:32 GMT",
    ):
        assert is_date_line(one_line(text)), text
    assert not is_date_line(one_line("On March 3, 2021 the talks collapsed."))


def test_furniture_inside_an_article_is_told_from_text():
    for text in (
        "Advertisement",
        "Share this article",
        "Tweet",
        "Read more: Markets rally as oil prices fall",
        "Sign up for our newsletter to get the best stories in your inbox.",
        "We use cookies to give you the best experience on our website.",
        "3 min read",
    ):
        assert is_inline_furniture(one_line(text)), text
    for text in (
        "Also gone are the cookie cutter policy recommendations of the past.",
        "Pregnant women could sign up by cell phone for weekly reminders and updates.",
        "More: if it were not for her, I would never have known.",
    ):
        assert not is_inline_furniture(one_line(text)), text


def test_blog_furniture_inside_an_article():
    for text in (
        "Estimated reading time: 3 minutes",
        "Facebook Twitter LinkedIn WhatsApp Email",
        "Share this:",
        "Like this:",
        "Loading...",
    ):
        assert is_inline_furniture(one_line(text)), text
    assert not is_inline_furniture(one_line("Facebook and Twitter shares fell on Monday."))


def test_tags_and_categories_follow_an_article():
    for text in ("Tags: Yukos, Rosneft, oil", "Filed under: Business", "Categories: Energy"):
        assert is_trailing_furniture(one_line(text)), text
    assert not is_trailing_furniture(one_line("Tags are sold at the door."))


def test_what_follows_an_article_on_a_page():
    for text in ("Related Articles", "Most Read", "12 Comments", "You may also like", "© 2021 X"):
        assert is_trailing_furniture(one_line(text)), text
    assert not is_trailing_furniture(one_line("Comments from the minister drew criticism."))


def test_is_credit_agrees_with_the_whole_credit_pattern():
    texts = ["Photo: AFP", "(Getty Images)", "A man walks home. REUTERS", "Reuters said so today"]
    texts += ["AFP/Getty Images)", "xreuters", "source: x.org", "line\nReuters", "Shutterstock\n"]
    texts += ["Mr Reuters spoke", "Picture caption - a lake", "afp", ""]
    for text in texts:
        assert is_credit(text) == (CREDIT_LINE.match(text) is not None), text


def test_ends_like_sentence():
    for text in ["It rained.", "Wait...", "He asked “why?”", "(see above).", "A list:", "Done!)"]:
        assert ends_like_sentence(text), text
    for text in ["Sport", "Page 3", "Mr. Smith", "… and more"]:
        assert not ends_like_sentence(text), text


def test_relative_time_is_what_the_pattern_matches():
    for text in [
        "Economy1 hour ago",
        "Travel & Leisure 6 hours AGO",
        "2 days Ago\n",  # $ allows a final newline
        "2 days ago\n\n",
        "3 weeks agony",
        "ago",
        "",
        "Posted 5 minutes ago by the desk",
    ]:
        assert is_relative_time(text) == (RELATIVE_TIME_LINE.match(text) is not None), text


def test_other_spaces_are_the_whitespace_split_parts_at_but_space_and_line_breaks():
    whitespace = {chr(code) for code in range(0x110000) if chr(code).isspace()}
    assert set(ASCII_OTHER_SPACES + WIDER_OTHER_SPACES) == whitespace - {" ", "\n", "\r"}


def test_has_other_space_in_ascii_latin1_and_wider_texts_within_the_bounds():
    # texts of one, two and four bytes a character
    for text in ("a b\nc", "a £5", "a £5 \u2019s", "\U0001f600 x"):
        assert not has_other_space(text, 0, len(text))
        for space in ASCII_OTHER_SPACES + WIDER_OTHER_SPACES:
            spaced = text + space + "d"
            assert has_other_space(spaced, 0, len(spaced)), (text, space)
            assert not has_other_space(spaced, 0, len(text)), (text, space)
            assert has_other_space(spaced, len(text), len(spaced)), (text, space)
