"""Read input documents: text and Markdown files, directories, JSON Lines, stdin."""
from __future__ import annotations

import datetime
import html
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import KgError
from .records import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


class InputError(KgError):
    """A document that cannot be read; the message names the file (and line)."""

    def __init__(self, source: str, problem: str, line: int | None = None):
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")
        self.source, self.line, self.problem = source, line, problem


def iso_date(value: str) -> str:
    """"2005-03-01", "2005-03" or "2005" (a time after the date is dropped); else ValueError."""
    match = re.match(r"^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?(?:[T ].*)?$", value.strip())
    if not match:
        raise ValueError(f"date {value!r} is not an ISO date such as 2005-03-01")
    if match.group(5):
        try:
            datetime.date(int(match.group(1)), int(match.group(3)), int(match.group(5)))
        except ValueError:
            raise ValueError(f"date {value!r} is not a day of the calendar") from None
    return match.group(1) + (match.group(2) or "")


def headline_of(text: str) -> str | None:
    """The first line when it stands alone above the body, as news headlines do."""
    first, sep, rest = text.lstrip("\ufeff").partition("\n")
    first = first.strip().lstrip("#").strip()
    if sep and rest.startswith(("\n", "\r\n")) and 0 < len(first) <= 200 and first[-1] not in ".:;,":
        return first
    return None


def raise_error(error: InputError) -> None:
    raise error


def read_inputs(inputs: Iterable[str | Path], stdin=None,
                on_error: Callable[[InputError], None] = raise_error,
                max_chars: int | None = None) -> Iterator[Document]:
    """Yield the documents of every input, in the order given.

    An input is a text or Markdown file, a ``.jsonl`` file (one JSON object a
    line with ``text`` and optional ``id``, ``title``, ``date``, ``url``), a
    directory (its text, Markdown and JSON Lines files, recursively, in name
    order) or ``-`` for standard input. A document that cannot be read goes
    to ``on_error`` (which raises by default) and the others are still read. Only regular files are
    read (not devices or FIFOs, even through a link); a text file that must hold more than
    ``max_chars`` characters is not read at all.
    """
    for item in inputs:
        if str(item) == "-":
            stream = stdin if stdin is not None else sys.stdin
            text = stream.read() if max_chars is None else stream.read(max_chars + 1)
            yield Document(text=clean_text(text), id=None, source="<stdin>")  # over the limit: named later
            continue
        path = Path(item)
        if path.is_dir():
            # a broken link, a device or a FIFO is listed too, to be named as unreadable
            files = sorted(p for p in path.rglob("*")
                           if (p.is_symlink() or not p.is_dir()) and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES)
            if not files:
                on_error(InputError(str(path), "directory holds no .txt, .md, .html or .jsonl files"))
            for f in files:
                yield from read_file(f, on_error, max_chars)
        elif path.exists():
            yield from read_file(path, on_error, max_chars)
        else:
            on_error(InputError(str(path), "no such file or directory"))


def read_file(path: Path, on_error: Callable[[InputError], None] = raise_error,
              max_chars: int | None = None) -> Iterator[Document]:
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(path, on_error)
        elif path.suffix.lower() in HTML_SUFFIXES:
            yield read_html(path, max_chars)
        else:
            text = read_text(path, max_chars)
            yield Document(text=text, id=path.name, title=headline_of(text), source=str(path))
    except InputError as error:
        on_error(error)


BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_REFERENCE = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|amp|lt|gt|quot|apos|nbsp);")


def clean_text(text: str) -> str:
    """Control characters (but tab and newline) become spaces; a carriage return too (XML readers would
    turn it into a newline, so GraphML could not keep it). A character reference left in by a feed that
    escaped its text ("Andr&#233;", "&amp;") is the character it stands for: no name is cut at its "&"."""
    text = _REFERENCE.sub(lambda m: html.unescape(m.group()), text)
    return _CONTROL.sub(" ", text).replace("\r", " ")


def decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8, UTF-16 and UTF-32 with a byte order mark, UTF-16 without one,
    else Windows-1252 (Latin-1) for text that is not UTF-8. A binary file is an InputError."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"not valid {encoding} despite its byte order mark (byte {exc.start})") from None
    head = data[:4096]
    text = None
    if head.count(0) > max(2, len(head) // 100):  # many NULs: UTF-16 text or a binary file
        evens, odds = head[0::2], head[1::2]
        for encoding, zeros, chars in (("utf-16-le", odds, evens), ("utf-16-be", evens, odds)):
            if zeros.count(0) > len(zeros) * 0.3 and chars.count(0) == 0:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    pass
                break
        if text is None:
            raise InputError(source, "a binary file, not text")
    else:
        controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
        if controls > len(head) * 0.05:  # text has few control characters; compressed data has many
            raise InputError(source, "a binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252") if _is_cp1252(data) else data.decode("latin-1")
    if text and len(_CONTROL.findall(text[:4096])) > len(text[:4096]) * 0.3:
        raise InputError(source, "a binary file, not text")
    return text


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def read_text(path: Path, max_chars: int | None = None) -> str:
    """The text of a regular file; one that must hold more than ``max_chars`` characters (four bytes a
    character at most) is an InputError before anything is read."""
    try:
        # not blocking: opening a FIFO would otherwise wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) \
                else "a device"
            raise InputError(str(path), f"{kind}, not a regular file")
        limit = None if max_chars is None else 4 * max_chars + 4
        if limit is not None and info.st_size > limit:
            raise InputError(str(path), f"{info.st_size:,} bytes is more text than the limit of {max_chars:,} "
                                        f"characters; raise --max-chars to read it")
        try:
            data = f.read() if limit is None else f.read(limit + 1)
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return clean_text(decode(data, str(path)))


def read_html(path: Path, max_chars: int | None = None) -> Document:
    """A web page as the article it holds: its main text, without menus, footers, related-story links and
    other boilerplate (trafilatura), its title as the headline and the date it gives as publication date.
    A page in which no article text is found is an InputError."""
    import trafilatura

    page = trafilatura.bare_extraction(read_text(path, max_chars), with_metadata=True, include_comments=False,
                                       include_tables=False)
    if page is None or not (page.text or "").strip():
        raise InputError(str(path), "no article text found in the page")
    body = "\n\n".join(line.strip() for line in page.text.splitlines() if line.strip())  # a paragraph a line
    title = " ".join((page.title or "").split()) or None
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    try:
        date = iso_date(page.date) if page.date else None
    except ValueError:
        date = None
    return Document(text=clean_text(text), id=path.name, title=title or headline_of(text), date=date,
                    url=page.url or None, source=str(path))


def read_jsonl(path: Path, on_error: Callable[[InputError], None] = raise_error) -> Iterator[Document]:
    """One document a line; a bad line goes to ``on_error`` and the next line is read."""
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if line.strip():
            try:
                yield _record(path, number, line)
            except InputError as error:
                on_error(error)


def _record(path: Path, number: int, line: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON: {exc.msg} at column {exc.colno}", number) from None
    except RecursionError:
        raise InputError(str(path), "JSON nested too deeply to read", number) from None
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        raise InputError(str(path), f"not valid JSON: {exc}", number) from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(str(path), 'expected an object with a "text" string', number)
    fields = {}
    for key in ("id", "title", "date", "url"):
        value = record.get(key)
        if value is not None and not isinstance(value, (str, int)):
            raise InputError(str(path), f'"{key}" must be a string', number)
        fields[key] = None if value is None else str(value)
    if fields["date"] is not None:
        try:
            fields["date"] = iso_date(fields["date"])
        except ValueError as exc:
            raise InputError(str(path), str(exc), number) from None
    return Document(text=clean_text(record["text"]), source=f"{path}:{number}", **fields)


def unique_texts(documents: Iterable[Document], key: Callable[[Document], str],
                 on_repeat: Callable[[Document, str], None], known=()) -> Iterator[Document]:
    """The documents whose text (by ``key``, e.g. the article IRI its text gives) was not seen before,
    in this stream or among ``known``; each other one goes to ``on_repeat`` with its key."""
    seen = set()
    for document in documents:
        k = key(document)
        if k in seen or k in known:
            on_repeat(document, k)
        else:
            seen.add(k)
            yield document


def count_documents(inputs: Iterable[str | Path]) -> int | None:
    """How many documents the inputs hold, without reading them (None when unknown: standard input)."""
    total = 0
    for item in inputs:
        if str(item) == "-":
            return None
        path = Path(item)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            suffix = f.suffix.lower()
            if not f.is_file():  # a device or FIFO is named as unreadable later, never opened here
                continue
            if suffix in JSONL_SUFFIXES:
                try:
                    with f.open("rb") as stream:
                        total += sum(1 for line in stream if line.strip())
                except OSError:
                    pass
            elif suffix in TEXT_SUFFIXES or not path.is_dir():
                total += 1
    return total
