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


def find_documents(seeds_dir: Path) -> list[Path]:
    """Every .txt/.md file under `seeds_dir`, sorted, skipping hidden files and folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(seeds_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(DOCUMENT_SUFFIXES):
                continue
            found.append(Path(root) / name)
    return sorted(found, key=lambda p: relative_name(p, seeds_dir))


def relative_name(path: Path, seeds_dir: Path) -> str:
    full, root = str(path), str(seeds_dir)
    if full.startswith(root + os.sep):  # the common case, without Path.relative_to's cost
        return full[len(root) + 1 :].replace(os.sep, "/")
    return path.relative_to(seeds_dir).as_posix()


def read_bytes(
    path: Path,
    seeds_dir: Path,
    *,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    regular_size: int | None = None,
) -> bytes:
    """The file's bytes, or a DocumentError naming what is wrong with it. `regular_size`: the
    caller's lstat just found a regular file of that size (not a symlink): neither is checked
    again, and the file is opened only if it is still no symlink."""
    name = relative_name(path, seeds_dir)
    try:
        if regular_size is None:
            if path.is_symlink():
                target = path.resolve()
                root = seeds_dir.resolve()
                if not target.is_relative_to(root):
                    raise DocumentError(
                        name, f"symlink points outside the seeds folder (to {target})"
                    )
            size = path.stat().st_size
            no_follow = 0
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


def read_document(path: Path, seeds_dir: Path, *, regular_size: int | None = None) -> Document:
    """`regular_size`: see read_bytes."""
    name = relative_name(path, seeds_dir)
    data = read_bytes(path, seeds_dir, regular_size=regular_size)
    text = decode(name, data)
    return Document(
        path=name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        markdown=name.lower().endswith(".md"),
    )
