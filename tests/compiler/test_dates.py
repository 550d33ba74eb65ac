import re

from bot.compiler.dates import (
    DATE,
    MAYBE_DATE,
    MAYBE_DATE_PLAIN,
    document_date,
    find_date,
    search_date,
)


def date_of(text: str, document: str | None = None) -> tuple[str | None, str] | None:
    found = find_date(text, 0, len(text), document)
    return None if found is None else (found.date, found.text)


def test_full_dates():
    assert date_of("On March 15, 2020, they met.") == ("2020-03-15", "March 15, 2020")
    assert date_of("It was 2 April 2021.") == ("2021-04-02", "2 April 2021")


def test_month_and_year():
    assert date_of("signed in February 2020, aiming") == ("2020-02", "February 2020")
    assert date_of("Since July 2018, the council") == ("2018-07", "July 2018")


def test_years():
    assert date_of("swore allegiance to al-Qaeda in 2015.") == ("2015", "2015")
    assert date_of("a $1996 bill and 7,644-kilometre border") is None
    assert date_of("in the 1970s") is None


def test_day_without_year_needs_the_document_date():
    assert date_of("on July 28 and 29 in Tashkent") == (None, "July 28 and 29")
    assert date_of("on July 28 and 29 in Tashkent", "2022-07-01") == (
        "2022-07-28",
        "July 28 and 29",
    )


def test_relative_dates_resolve_only_against_a_document_date():
    assert date_of("visited last month") == (None, "last month")
    assert date_of("visited last month", "2022-01-15") == ("2021-12", "last month")
    assert date_of("next year it ends", "2022-01-15") == ("2023", "next year")


def test_document_date_from_a_byline():
    assert document_date("Published on March 3, 2021 by Staff") == "2021-03-03"
    assert document_date("Published on") is None
    assert document_date("Published 4\xa0March\xa02021") == "2021-03-04"


def test_day_relative_dates_need_a_full_document_date():
    assert date_of("the river burst its banks last week", "2021-03-03") == ("2021-02", "last week")
    assert date_of("it rained yesterday", "2021-03-01") == ("2021-02-28", "yesterday")
    assert date_of("it rained yesterday", "2021-03") == (None, "yesterday")


def test_fast_date_candidates_match_the_plain_pattern_everywhere() -> None:
    plain = re.compile(MAYBE_DATE_PLAIN)
    text = (
        "In 20192020 Mar. 3 and May 2005, then 1999.Jan 4 Sept. 1st of 2021 Dec 12 AUG "
        "Marching Mayor 1850s Octopus, Nov.Dec, J 1 2 Feb"
    )
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1, 3):
            fast, slow = MAYBE_DATE.search(text, start, end), plain.search(text, start, end)
            assert (fast and fast.span()) == (slow and slow.span())


def test_a_month_before_punctuation_or_a_relative_date_with_no_year_in_the_sentence():
    # no year and no "Mon " here: the month name and "earlier this year" are still found
    assert date_of("Talks in March, they said, went well last week.", "2021-05-04") == (
        "2021-03",
        "in March",
    )
    assert date_of("It grew sharply earlier this year, said Mr X.", "2021-05-04") == (
        "2021",
        "earlier this year",
    )
    assert date_of("The plan was shelved late this year.", "2021-05-04") == (
        "2021",
        "late this year",
    )


def test_search_date_finds_what_a_plain_search_finds():
    words = [
        "in",
        "March,",
        "Sept.",
        "15th",
        "of",
        "2019",
        "$2020",
        "1990s",
        "late",
        "this",
        "year",
    ]
    words += ["last", "week", "mid-", "May", "by", "yesterday", "x", "earlier", "since", "Dec", "3"]
    words += [
        "Last",
        "month",
        "Yesterday",
        "In",
        "June",
        "and",
        "July",
        "2020-05-04",
        "This",
        "year",
    ]
    words += ["Earlier", "this", "year", "to", "Aug.", "2019", "May,", "2018"]
    texts = [" ".join(words[i : i + n]) for i in range(len(words)) for n in (1, 2, 3, 4)]
    texts += [" ".join(words), "-".join(words), ", ".join(words)]
    for text in texts:
        for start in range(0, len(text), 3):
            for end in (start + 5, start + 17, len(text)):
                expected = DATE.search(text, start, end)
                found = search_date(text, start, end)
                assert (found and (found.span(), found.groupdict())) == (
                    expected and (expected.span(), expected.groupdict())
                ), (text, start, end)


def test_a_relative_date_or_month_opening_a_sentence_is_found():
    assert date_of("Last year profits rose.", "2021-03-10") == ("2020", "Last year")
    assert date_of("Yesterday, he resigned.", "2021-03-10") == ("2021-03-09", "Yesterday")
    assert date_of("Earlier this year he resigned.") == (None, "Earlier this year")
    assert date_of("In March, the rebels attacked.", "2021-05-04") == ("2021-03", "In March")
    assert date_of("“Last year we grew,” he said.", "2021-03-10") == ("2020", "Last year")


def test_a_month_ending_a_clause_is_found_and_resolved_by_the_document_date():
    assert date_of("He will visit in May.", "2021-03-10") == ("2021-05", "in May")
    assert date_of("He will visit in May.") == (None, "in May")


def test_an_iso_date_in_running_text():
    assert date_of("It happened on 2021-03-05 at noon.") == ("2021-03-05", "2021-03-05")
    assert date_of("The code 2021-13-40 is no date.") is None


def test_a_month_range_takes_the_year_written_after_it():
    assert date_of("Protests in May and June 2020 were large.", "2021-03-10") == (
        "2020-05",
        "May and June 2020",
    )
    assert date_of("It was in May, 2020.", "2021-03-10") == ("2020-05", "May, 2020")


def test_a_relative_date_before_a_year_or_a_month_is_the_first_date():
    assert date_of("Russia this month halted oil to Novorossiysk.") == (None, "this month")
    assert date_of("Last year, unlike in 2019, sales fell.", "2021-03-10") == ("2020", "Last year")


def test_a_date_the_sentence_resolves_comes_before_an_earlier_unresolved_one():
    text = "In January, the firm cut its forecast for the year to March 2005."
    assert date_of(text) == ("2005-03", "March 2005")
    assert date_of(text, "2005-02-01") == ("2005-01", "In January")
    assert date_of("Last year it fell.") == (None, "Last year")


def test_clock_times_are_not_years():
    assert date_of("By 1650 GMT, the dollar was trading at $1.30.") is None
    assert date_of("schools open from 0800 to 1800GMT") is None
    assert date_of("televised from 1700 local time (0100 GMT)") is None
    assert date_of("the polls close at 2200 BST in 2005") == ("2005", "2005")
    assert date_of("it fell to 1713 hours per year in 1980") == ("1980", "1980")
