"""First names: which sex a first name mostly belongs to (``first_names.tsv``, read once and kept in the
disk cache with the gazetteer tables: a pickled table loads in a tenth of the time the file takes to read)."""
from __future__ import annotations

from functools import lru_cache

from . import HERE
from .places import disk_cached


@lru_cache(maxsize=1)
@disk_cached(sources=(HERE / "first_names.tsv",))
def _first_names() -> dict[str, str]:
    names = {}
    with open(HERE / "first_names.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            name, sex = line.rstrip("\n").split("\t")
            names[name.casefold()] = sex
    return names


def first_name_sex(word: str) -> str | None:
    """"male", "female" or "either" for a known first name, else None."""
    if not word[:1].isupper() or not word.isalpha():
        return None
    return _first_names().get(word.casefold())
