"""Builds the messy captured-page fixtures from a few short real articles (run once, by hand).

    python tests/compiler/data/messy/make_pages.py /path/to/bbc_news /path/to/news_commentary

Each page wraps real articles in a different site's furniture; beside it, <page>.json says
what the compiler must find: the titles, the first and last words of every article's text,
and the furniture lines that must never become facts.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ .'’-]+ - ")  # the corpora's: "NEW YORK - "


@dataclass
class Page:
    lines: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    firsts: list[str] = field(default_factory=list)
    lasts: list[str] = field(default_factory=list)
    furniture: set[str] = field(default_factory=set)

    def junk(self, *lines: str) -> None:
        self.lines.extend(lines)
        self.furniture.update(lines)

    def article(
        self, path: Path, header: list[str], inserts: dict[int, list[str]], label: str | None
    ) -> None:
        title, *paragraphs = [p for p in path.read_text("utf-8").splitlines() if p.strip()]
        if label:
            self.junk(label)
        self.lines.append(title)
        self.junk(*header)
        for number, paragraph in enumerate(paragraphs, 1):
            self.lines.append(paragraph)
            self.junk(*inserts.get(number, []))
        self.titles.append(title)
        self.firsts.append(DATELINE.sub("", paragraphs[0])[:30])  # "KABUL - " is no fact's
        self.lasts.append(paragraphs[-1][-30:])

    def write(self, name: str, newline: str = "\n") -> None:
        text = "\n\n".join(self.lines) + "\n"
        (HERE / f"{name}.txt").write_bytes(text.replace("\n", newline).encode("utf-8"))
        expected = {
            "titles": self.titles,
            "firsts": self.firsts,
            "lasts": self.lasts,
            "furniture": sorted(self.furniture),
        }
        (HERE / f"{name}.json").write_text(json.dumps(expected, indent=1) + "\n", "utf-8")


NAV = ["Skip to content", "Home", "News", "Business", "Sport", "Opinion", "Sign in", "Subscribe"]
FOOTER = ["© 2021 Example Media. All rights reserved.", "Privacy Policy", "Terms of Use"]


def one_article(bbc: Path) -> None:
    page = Page()
    page.junk(*NAV[:5])
    page.junk(
        "We use cookies to give you the best experience on our website. "
        "By continuing you agree to our cookie policy.",
        "Accept all",
    )
    page.article(
        bbc / "sport_117.txt",
        ["By Sports Reporter", "Published 12 May 2022", "Share", "Tweet", "Email"],
        {
            1: ["Advertisement"],
            2: ["Sign up for our newsletter to get the best of sport in your inbox every day."],
        },
        "Football",
    )
    page.junk("Share this article", "12 Comments", "Great read, thanks for sharing this story.")
    page.junk(*FOOTER)
    page.write("one_article")


def two_articles_with_credits(commentary: Path) -> None:
    page = Page()
    page.junk(*NAV)
    for name in ("at-home-in-guant-namo-bay.txt", "the-torturers-of-tashkent.txt"):
        page.article(
            commentary / name,
            ["By Staff Writer", "March 3, 2021", "Share", "Tweet"],
            {3: ["Photo: Reuters/File"], 9: ["Photo: Reuters/File"]},
            "Opinion",
        )
        page.junk("Share this article", "Read more", "Related Articles")
    page.junk(
        "Most Read",
        "Politics2 hours ago",
        "Senate passes the budget bill after long debate",
        "The upper house approved the measure late on Tuesday...",
        "Sports5 hours ago",
        "Local team wins the cup",
        "Fans celebrated in the streets as the team...",
    )
    page.junk(*FOOTER)
    page.write("two_articles_with_credits")


def three_articles(bbc: Path) -> None:
    page = Page()
    page.junk(*NAV, "Search")
    articles = [
        (
            "business_043.txt",
            "Middle East",
            "2021-03-03",
            "Image caption: The foreign ministry in Riyadh",
        ),
        (
            "entertainment_104.txt",
            "Music",
            "2021-03-04",
            "Image caption: Fans at the SECC in Glasgow",
        ),
        (
            "business_058.txt",
            "Companies",
            "2021-03-05",
            "Image caption: An Electrolux washing machine",
        ),
    ]
    for name, label, day, caption in articles:
        page.article(
            bbc / name,
            [f"By Jane Smith, {label} reporter", day],
            {
                1: [caption],
                2: ["Advertisement"],
                3: ["Read more: Markets rally as oil prices fall"],
            },
            label,
        )
        page.junk("Share this article")
    page.junk(
        "Related Articles",
        "Oil prices fall for a third day",
        "Markets rally as the dollar weakens",
        "Latest",
        "World 1 hour ago",
        "Storm hits the coast",
        "A storm hit the coast on Monday and...",
        "Business 3 hours ago",
        "Shares slide in Tokyo",
        "Investors sold technology stocks after...",
    )
    page.junk(*FOOTER)
    page.write("three_articles")


def titles_without_labels(bbc: Path, commentary: Path) -> None:
    page = Page()
    page.junk("Menu", "Search", "Sign in")
    page.article(
        commentary / "an-afghan-homecoming.txt",
        ["By Staff Writer", "Updated: Monday, March 1, 2021 10:32 GMT"],
        {4: ["Advertisement"]},
        None,
    )
    page.article(
        bbc / "business_088.txt",
        ["By Business Desk", "Updated: Tuesday, March 2, 2021 09:15 GMT"],
        {2: ["Advertisement"]},
        None,
    )
    page.junk(
        "You may also like",
        "Five things to know about the budget",
        "Why the pound fell this week",
        "Comments",
        "Leave a comment",
    )
    page.junk(*FOOTER)
    page.write("titles_without_labels")


def comments_and_teasers(bbc: Path) -> None:
    page = Page()
    page.junk("Home", "Sport", "Business", "Log in")
    for name, label in (("sport_429.txt", "Sport"), ("business_227.txt", "Business")):
        page.article(
            bbc / name,
            ["Posted on March 10, 2021", "3 min read"],
            {2: ["Photo: Getty Images"], 3: ["Follow us"]},
            label,
        )
        page.junk("Share on Facebook", "Share on Twitter")
    page.junk(
        "3 Comments",
        "Great article, I agree with every word of it.",
        "This is the best analysis I have read this year.",
        "Trending now",
        "Economy1 hour ago",
        "Prices rise again in the capital",
        "Tourism4 hours ago",
        "Airport reopens after the storm",
    )
    page.junk(*FOOTER)
    page.write("comments_and_teasers")


def bare_titles(bbc: Path, commentary: Path) -> None:
    """Only the first article has a label and a byline; the next title follows a "Read more"
    link, the last one opens with a dateline ("NEW YORK - ")."""
    page = Page()
    page.junk(*NAV[:4])
    page.article(
        bbc / "business_003.txt", ["By Business Desk", "Published 3 March 2021"], {}, "Business"
    )
    page.junk("Read more")
    page.article(bbc / "politics_010.txt", [], {2: ["Advertisement"]}, None)
    page.article(commentary / "the-torturers-of-tashkent.txt", [], {}, None)
    page.junk("Related Articles", "Markets rally as the dollar weakens", *FOOTER)
    page.write("bare_titles")


def blog_post(bbc: Path) -> None:
    """A blog's furniture: reading time, a share bar, tags and categories, a reply form."""
    page = Page()
    page.junk("Economy Watch", "Home | About | Contact")
    page.article(
        bbc / "business_150.txt",
        [
            "Posted on March 3, 2021 by admin",
            "Facebook Twitter LinkedIn WhatsApp Email",
            "Estimated reading time: 3 minutes",
        ],
        {},
        None,
    )
    page.junk(
        "Tags: economy, markets, shares",
        "Filed under: Business, Markets",
        "Share this:",
        "Click to share on Twitter (Opens in new window)",
        "Like this:",
        "Loading...",
        "Related",
        "Previous Post",
        "Leave a Reply Cancel reply",
        "Your email address will not be published. Required fields are marked *",
        "Copyright 2021 Economy Watch | Powered by WordPress",
    )
    page.write("blog_post")


def wire_page_crlf(bbc: Path, commentary: Path) -> None:
    """Windows line ends, no-break spaces in the byline, a photo caption with a verb above its
    credit, and a second article with no byline after a "Read more" link."""
    page = Page()
    page.junk(*NAV[:5])
    page.article(
        bbc / "politics_249.txt",
        ["By Anna\u00a0Berg", "Published 4\u00a0March\u00a02021"],
        {1: ["Tony Blair speaks to reporters in Downing Street", "Photo by Jane Doe/Getty Images"]},
        "Politics",
    )
    page.junk("Read more")
    page.article(commentary / "is-russia-weak.txt", [], {}, None)
    page.junk("More on this story", "Blair rules out TV debate", "4 hours ago", *FOOTER)
    page.write("wire_page_crlf", newline="\r\n")


def main(bbc: Path, commentary: Path) -> None:
    one_article(bbc)
    two_articles_with_credits(commentary)
    three_articles(bbc)
    titles_without_labels(bbc, commentary)
    comments_and_teasers(bbc)
    bare_titles(bbc, commentary)
    blog_post(bbc)
    wire_page_crlf(bbc, commentary)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
