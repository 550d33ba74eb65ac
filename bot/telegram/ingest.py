"""Saving an admin's uploaded document into the seeds folder, then reloading.

The name is sanitized and kept inside the folder, the size is bounded, nothing is silently
overwritten, HTML is reduced to its article text, and a document that fails to compile is
moved to knowledge/quarantine/ so the seeds folder keeps compiling and the old base serves.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath, PureWindowsPath

from bot.errors import IngestError
from bot.knowledge import Knowledge, ReloadResult

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
ACCEPTED = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_NAME = 80
QUARANTINE = "quarantine"


@dataclass(frozen=True)
class Saved:
    path: Path  # where the document now lives
    note: str = ""  # set when the name changed or the document was already there
    unchanged: bool = False  # an identical file was already present


@dataclass(frozen=True)
class Outcome:
    saved: Saved
    reload: ReloadResult | None
    quarantined: Path | None = None
    # Why a document that broke the compile could not be quarantined, so was deleted instead.
    quarantine_failed: str | None = None

    @property
    def kind(self) -> str:
        """What became of the document, for the audit log."""
        if self.quarantined is not None:
            return "quarantined"
        return "saved" if self.quarantine_failed is None else "removed"

    def lines(self, seeds: Path) -> list[str]:
        gone = self.kind != "saved"  # no longer in the seeds folder
        name = self.saved.path.name if gone else self.saved.path.relative_to(seeds).as_posix()
        out = [
            f"Saved {name}."
            if not self.saved.unchanged
            else f"{name} is already in the seeds; nothing to do."
        ]
        if self.saved.note:
            out.append(self.saved.note)
        if self.quarantined is not None:
            out.append(
                "It did not compile, so it was set aside (quarantined); "
                "the previous fact base keeps serving."
            )
        if self.quarantine_failed is not None:
            out.append(
                f"It did not compile and could not be set aside ({self.quarantine_failed}), "
                "so it was removed from the seeds; the previous fact base keeps serving."
            )
        if self.reload is not None:
            out += self.reload.lines()
        return out


def safe_name(raw: str | None) -> str:
    """A plain file name from whatever the client sent: no folders, no hidden or odd characters."""
    if not raw or not raw.strip():
        raise IngestError("the document has no file name")
    base = PureWindowsPath(PurePosixPath(raw).name).name  # drop "../", "C:\\..." and the like
    base = unicodedata.normalize("NFKC", base)
    stem, dot, suffix = base.rpartition(".")
    if not dot or f".{suffix.lower()}" not in ACCEPTED:
        raise IngestError(f"{raw!r}: only .txt, .md and .html documents are accepted")
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._-")  # letters of any script are fine
    stem = re.sub(r"_{2,}", "_", stem)[:MAX_NAME]
    if not stem:
        raise IngestError(f"{raw!r}: the file name has no usable characters")
    return f"{stem}.{suffix.lower()}"


def check_size(size: int | None, limit: int) -> None:
    if size is not None and size > limit:
        raise IngestError(f"the document is {size:,} bytes; the limit is {limit:,} bytes")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode(data: bytes, name: str, *, html: bool = False) -> str:
    """UTF-8 text; an HTML page may declare another charset in a <meta> tag, which is honoured."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows editors save "Unicode" text as UTF-16 with a byte order mark: text, not binary.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(f"{name}: not UTF-16 text (byte {exc.start} is invalid)") from None
        if not text.strip():
            raise IngestError(f"{name}: the document is empty")
        return text
    if not data.strip():
        raise IngestError(f"{name}: the document is empty")
    if b"\x00" in data:
        raise IngestError(f"{name}: this is a binary file, not text")
    declared = _META_CHARSET.search(data[:4096]) if html else None
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if encoding in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except LookupError:
        raise IngestError(f"{name}: unknown charset {encoding!r} declared in the page") from None
    except UnicodeDecodeError as exc:
        wanted = "UTF-8" if encoding == "utf-8-sig" else encoding
        raise IngestError(f"{name}: not {wanted} text (byte {exc.start} is invalid)") from None


def save_upload(seeds: Path, raw_name: str | None, data: bytes, *, max_bytes: int) -> Saved:
    """Write the document into `seeds` under a sanitized, unused name. Raises IngestError."""
    check_size(len(data), max_bytes)
    name = safe_name(raw_name)
    stem, _, suffix = name.rpartition(".")
    text = decode(data, name, html=f".{suffix}" in HTML_SUFFIXES)
    if f".{suffix}" in HTML_SUFFIXES:
        text = html_to_text(text)
        if not text.strip():
            raise IngestError(f"{name}: no article text found in the HTML")
        suffix = "txt"  # the compiler reads text; the HTML itself is not kept
    try:
        return _save_unused(seeds, stem, suffix, text.encode("utf-8"), raw_name)
    except OSError as exc:  # a read-only or full volume is the operator's to fix; say so
        raise IngestError(
            f"{name}: cannot be saved in the seeds folder ({exc.strerror or exc})"
        ) from None


def _save_unused(
    seeds: Path, stem: str, suffix: str, payload: bytes, raw_name: str | None
) -> Saved:
    """Create `stem.suffix` in `seeds`, or `stem-2.suffix` and so on when a different document
    has the name; an identical one already there is recognised, never written twice."""
    seeds.mkdir(parents=True, exist_ok=True)
    wanted = f"{stem}.{suffix}"
    for attempt in range(1, 1000):
        candidate = wanted if attempt == 1 else f"{stem}-{attempt}.{suffix}"
        target = seeds / candidate
        if target.resolve().parent != seeds.resolve():
            raise IngestError(f"{raw_name!r}: refusing a name that leaves the seeds folder")
        if target.exists():
            if target.is_file() and _same_content(target, payload):
                return Saved(target, unchanged=True)
            continue
        if _create_exclusive(target, payload):
            note = (
                ""
                if attempt == 1
                else f"A different {wanted} already exists, so this one was saved as {candidate}."
            )
            return Saved(target, note=note)
    raise IngestError(f"{wanted}: too many documents with this name")


def ingest(knowledge: Knowledge, raw_name: str | None, data: bytes, *, max_bytes: int) -> Outcome:
    """Save, reload, and quarantine the new document if it is what broke the compile.

    One upload at a time: each reload then compiles the seeds as its own upload left them.
    """
    with knowledge.uploads:
        saved = save_upload(knowledge.seeds, raw_name, data, max_bytes=max_bytes)
        if saved.unchanged:
            return Outcome(saved, None)
        result = knowledge.reload()
        if result.ok or not _blames(result, saved.path, knowledge.seeds):
            return Outcome(saved, result)
        try:
            target = _unused(knowledge.knowledge / QUARANTINE, saved.path.name)
            os.replace(saved.path, target)
        except (OSError, IngestError) as exc:
            # Left in the seeds, it would have every later reload refused; the admin has a copy.
            saved.path.unlink(missing_ok=True)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return Outcome(saved, result, quarantine_failed=reason)
        return Outcome(saved, result, quarantined=target)


def _blames(result: ReloadResult, path: Path, seeds: Path) -> bool:
    """Whether a failure names this document: its path as a whole word, so uploading
    'a.txt' is not blamed for a broken 'data.txt' already in the seeds."""
    relative = path.relative_to(seeds).as_posix()
    if relative in result.failed_paths or str(path) in result.failed_paths:
        return True
    named = re.compile(
        rf"(?<![\w./-])(?:{re.escape(str(path))}|{re.escape(relative)})(?![\w-]|\.\w)"
    )
    return any(named.search(problem) for problem in result.problems)


def _unused(folder: Path, name: str) -> Path:
    """A path in `folder` for `name` that holds nothing yet: an earlier quarantined document
    of the same name stays for the admin to read."""
    folder.mkdir(parents=True, exist_ok=True)
    stem, dot, suffix = name.rpartition(".")
    for attempt in range(1, 1000):
        candidate = folder / (name if attempt == 1 else f"{stem}-{attempt}{dot}{suffix}")
        if not candidate.exists():
            return candidate
    raise IngestError(f"{name}: too many quarantined documents with this name")


def _same_content(path: Path, payload: bytes) -> bool:
    try:
        existing = path.read_bytes()
    except OSError:
        return False
    return hashlib.sha256(existing).digest() == hashlib.sha256(payload).digest()


def _create_exclusive(target: Path, payload: bytes) -> bool:
    """Write a new file; False if the name appeared meanwhile (never overwrite)."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return True


# --- HTML to article text ----------------------------------------------------------------

_SKIPPED = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "noscript",
        "template",
        "form",
        "svg",
        "iframe",
        "button",
        "select",
    }
)
_KEPT = frozenset({"p", "h1", "h2", "h3", "li", "blockquote", "pre"})
# Where text outside those blocks breaks, for pages that set their text in <div>s and <br>s.
_BREAKS = frozenset(
    {"div", "section", "article", "main", "table", "tr", "td", "th", "ul", "ol", "dl", "dd"}
    | {"dt", "h4", "h5", "h6", "figure", "figcaption", "body", "hr"}
)
_LINE_BREAK = "\x00"  # a NUL is no text a page shows (decode() refuses it in UTF-8 files)
_VOID = frozenset(
    {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col"}
)


class _ArticleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.kept_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.blocks: list[str] = []
        self.buffer: list[str] = []
        self.has_h1 = False
        self.loose: list[str] = []  # text outside the kept blocks, used when there are none
        self.loose_buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS or tag in _KEPT:
            self.flush_loose()
        if tag in _VOID:
            if tag == "br" and self.kept_depth:
                self.buffer.append(" ")
            elif tag == "br":  # in loose text one <br> breaks a line, two a paragraph
                written = [piece for piece in self.loose_buffer if piece.strip()]
                if written and written[-1] == _LINE_BREAK:
                    self.flush_loose()
                else:
                    self.loose_buffer.append(_LINE_BREAK)
            return
        if tag in _SKIPPED:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _KEPT and not self.skip_depth:
            if self.kept_depth == 0:
                self.buffer = []
                self.has_h1 = self.has_h1 or tag == "h1"
            self.kept_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKS:
            self.flush_loose()
        if tag in _SKIPPED and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        elif tag in _KEPT and self.kept_depth and not self.skip_depth:
            self.kept_depth -= 1
            if self.kept_depth == 0:
                self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif self.kept_depth and not self.skip_depth:
            self.buffer.append(data)
        elif not self.skip_depth:
            self.loose_buffer.append(data)

    def flush_loose(self) -> None:
        text = " ".join("".join(self.loose_buffer).replace(_LINE_BREAK, " ").split())
        if text:
            self.loose.append(text)
        self.loose_buffer = []

    def _flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text:
            self.blocks.append(text)
        self.buffer = []


def html_to_text(html: str) -> str:
    """The article text of an HTML page: a title line, then one paragraph per block."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    if parser.kept_depth:
        parser._flush()
    parser.flush_loose()
    title = " ".join("".join(parser.title).split())
    blocks = parser.blocks or parser.loose  # no <p> at all: the page's text by its <div>s
    if title and not parser.has_h1:  # <title> often carries the site's name; <h1> is the article's
        blocks = [title, *blocks]
    return "\n\n".join(blocks) + ("\n" if blocks else "")
