"""First names: which sex a first name mostly belongs to (``first_names.tsv``, read once)."""
from __future__ import annotations

from functools import lru_cache

from . import HERE


@lru_cache(maxsize=1)
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
