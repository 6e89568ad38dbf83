"""Derive kg/lang/en/first_names.tsv (first name -> sex) from the person-name lists of Faker (MIT).

    pip install 'faker>=40,<41' && python scripts/derive_first_names.py

Faker's providers list the common first names of about eighty locales by sex (from national name
statistics; the generic "en" list is left out: it holds many rare names that are also words or surnames).
A name is the sex that the English-speaking locales list it for, when they list it for one
sex only; else the sex of at least twice as many locales' lists as the other; else "either". Only names written in
the Latin alphabet are kept. The reader uses the list to tell a person's name from other names and to
pick the person a "he" or "she" refers to (``kg.lang.en.names``).
"""
from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "lang" / "en" / "first_names.tsv"
ENGLISH = ("en_GB", "en_US", "en_IE", "en_NZ", "en_AU", "en_CA")
SKIPPED = ("en",)  # a long list of rare given names, many of them words or surnames ("North", "Stone")


def latin(name: str) -> bool:
    return name.isalpha() and all("LATIN" in unicodedata.name(c, "") for c in name)


def main() -> None:
    import faker.providers.person as person

    locales_of: dict[str, dict[str, set[str]]] = {}  # name -> sex -> locales that list it
    locales = [m.name for m in pkgutil.iter_modules(person.__path__) if m.name not in SKIPPED]
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr, sex in (("first_names_female", "female"), ("first_names_male", "male")):
            for name in getattr(provider, attr, ()):
                if not latin(name) or len(name) < 2:
                    continue
                name = name[0].upper() + name[1:].lower()
                locales_of.setdefault(name, {"female": set(), "male": set()})[sex].add(locale)
    rows = []
    for name, by_sex in sorted(locales_of.items()):
        english = [sex for sex, where in by_sex.items() if where & set(ENGLISH)]
        female, male = len(by_sex["female"]), len(by_sex["male"])
        if len(english) == 1:
            sex = english[0]
        else:
            sex = "female" if female >= 2 * male else "male" if male >= 2 * female else "either"
        rows.append(f"{name}\t{sex}")
    OUT.write_text("# first name<TAB>female|male|either; derived by scripts/derive_first_names.py from Faker's "
                   "person providers (MIT)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows):,} first names from {len(locales)} locales -> {OUT}")


if __name__ == "__main__":
    main()
