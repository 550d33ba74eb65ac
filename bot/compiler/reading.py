"""Finding and reading source documents, refusing bad ones with one clear reason each."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from bot.errors import DocumentError

DOCUMENT_SUFFIXES = (".txt", ".md")
MAX_DOCUMENT_BYTES = 20_000_000  # a brief-worthy document is far smaller; bigger is a mistake
READ_CHUNK = 1 << 16
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX only


@dataclass(frozen=True, slots=True)
class Document:
    path: str  # relative to the seeds folder, "/"-separated
    text: str
    sha256: str
    markdown: bool


def find_documents(seeds_dir: Path) -> list[str]:
    """Every .txt/.md file under `seeds_dir`, skipping hidden files and folders: their names
    relative to it, "/"-separated, sorted. (Names, not Paths: a Path costs more to make than
    the rest of finding a document.)"""
    found: list[str] = []
    for root, dirs, files in os.walk(seeds_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        folder = os.path.relpath(root, seeds_dir).replace(os.sep, "/")
        prefix = "" if folder == "." else f"{folder}/"
        found += (
            prefix + name
            for name in files
            if not name.startswith(".") and name.lower().endswith(DOCUMENT_SUFFIXES)
        )
    return sorted(found)


def read_bytes(
    seeds_dir: Path,
    name: str,
    *,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    regular_size: int | None = None,
) -> bytes:
    """The bytes of the file `name` (see find_documents), or a DocumentError naming what is
    wrong with it. `regular_size`: the caller's lstat just found a regular file of that size
    (not a symlink): neither is checked again, and the file is opened only if it is still no
    symlink."""
    path = os.path.join(seeds_dir, name)
    try:
        if regular_size is None:
            size, no_follow = _checked_size(seeds_dir, name), 0
        else:
            size, no_follow = regular_size, NO_FOLLOW
        if size > max_bytes:
            raise DocumentError(
                name, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)"
            )
        # os.read, not a buffered file object: that costs more to make than reading the file
        fd = os.open(path, os.O_RDONLY | no_follow)
        try:
            data = _read_to_end(fd, size, max_bytes)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise DocumentError(name, "vanished before it could be read") from None
    except PermissionError:
        raise DocumentError(name, "cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise DocumentError(name, "is a directory, not a document") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # grew after stat
        raise DocumentError(name, f"too large (over {max_bytes / 1e6:.0f} MB)")
    return data


def _checked_size(seeds_dir: Path, name: str) -> int:
    path = seeds_dir / name
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(seeds_dir.resolve()):
            raise DocumentError(name, f"symlink points outside the seeds folder (to {target})")
    return path.stat().st_size


def _read_to_end(fd: int, size: int, max_bytes: int) -> bytes:
    """The size stat gave and a byte more, then on to the end (it may have grown) but no
    further than a byte past the limit. Not max_bytes + 1 at once: a buffer of the limit's
    size, made for every document, cost more than reading all of them."""
    parts = [os.read(fd, size + 1)]
    total = len(parts[0])
    while total <= max_bytes:
        chunk = os.read(fd, min(READ_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def decode(name: str, data: bytes) -> str:
    """UTF-8 text, refusing empty, binary and non-UTF-8 content."""
    if not data.strip():
        raise DocumentError(name, "is empty")
    if b"\x00" in data:
        raise DocumentError(name, "looks binary (contains NUL bytes), not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise DocumentError(
            name, f"is not UTF-8 (byte 0x{byte:02x} at offset {exc.start}); save it as UTF-8"
        ) from None
    return text


def read_document(seeds_dir: Path, name: str, *, regular_size: int | None = None) -> Document:
    """The document `name` (see find_documents); `regular_size`: see read_bytes."""
    data = read_bytes(seeds_dir, name, regular_size=regular_size)
    text = decode(name, data)
    return Document(
        path=name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        markdown=name.lower().endswith(".md"),
    )
