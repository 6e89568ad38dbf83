"""Read input documents: text and Markdown files, directories, JSON Lines, stdin."""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .records import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


class InputError(Exception):
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
                on_error: Callable[[InputError], None] = raise_error) -> Iterator[Document]:
    """Yield the documents of every input, in the order given.

    An input is a text or Markdown file, a ``.jsonl`` file (one JSON object a
    line with ``text`` and optional ``id``, ``title``, ``date``, ``url``), a
    directory (its text, Markdown and JSON Lines files, recursively, in name
    order) or ``-`` for standard input. A document that cannot be read goes
    to ``on_error`` (which raises by default) and the others are still read.
    """
    for item in inputs:
        if str(item) == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield Document(text=stream.read(), id=None, source="<stdin>")
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES)
            if not files:
                on_error(InputError(str(path), "directory holds no .txt, .md or .jsonl files"))
            for f in files:
                yield from read_file(f, on_error)
        elif path.exists():
            yield from read_file(path, on_error)
        else:
            on_error(InputError(str(path), "no such file or directory"))


def read_file(path: Path, on_error: Callable[[InputError], None] = raise_error) -> Iterator[Document]:
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(path, on_error)
        else:
            text = read_text(path)
            yield Document(text=text, id=path.name, title=headline_of(text), source=str(path))
    except InputError as error:
        on_error(error)


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start}); convert it to UTF-8") from None


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
    return Document(text=record["text"], source=f"{path}:{number}", **fields)
