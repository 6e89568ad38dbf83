"""Write the parts of the ontology that come from ontology/events.toml.

    python scripts/gen_ontology.py          # rewrite the generated blocks
    python scripts/gen_ontology.py --check  # exit 1 if a block is out of date (tests/test_ontology.py does this)

The blocks sit between "# BEGIN generated" and "# END generated" lines in ontology/kg.ttl (the event type
and class hierarchy), ontology/shapes.ttl (the class list of kgs:Event and one shape per role) and
ontology/queries/event-roles.rq and to-come.rq (the roles to list). Everything outside the blocks is written by hand.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.vocab import EVENTS, ROLES  # noqa: E402

BEGIN = "# BEGIN generated from ontology/events.toml by scripts/gen_ontology.py: edit that file, not this block"
END = "# END generated"
CORE = ("schema:Person", "schema:Organization", "schema:Place")


def _types() -> list[str]:
    return list(dict.fromkeys(c.type for c in EVENTS.values()))


def owl_classes() -> str:
    lines = [f'kgo:{t}Event a owl:Class ; rdfs:subClassOf schema:Event ; rdfs:label "{t} event" .' for t in _types()]
    lines.append("")
    for c in EVENTS.values():
        roles = ", ".join(f"kgo:{r}" for r in c.roles)
        lines.append(f'kgo:{c.name} a owl:Class ; rdfs:subClassOf kgo:{c.type}Event ; rdfs:label "{c.name}" ;')
        lines.append(f'    rdfs:comment "{c.comment} Roles: {roles}." .')
    return "\n".join(lines)


def shapes() -> str:
    classes = " ".join(f"kgo:{name}" for name in EVENTS)
    lines = [
        "kgs:Event a sh:NodeShape ;",
        f'    rdfs:comment "An event is schema:Event and exactly one of the {len(EVENTS)} event classes." ;',
        "    sh:targetClass schema:Event ;",
        "    sh:property [",
        "        sh:path rdf:type ;",
        f"        sh:qualifiedValueShape [ sh:in ( {classes} ) ] ;",
        "        sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1 ] .",
    ]
    for role in ROLES:
        owners = [c.name for c in EVENTS.values() if role in c.roles]
        lines += [
            "",
            f"kgs:role-{role} a sh:NodeShape ;",
            f'    rdfs:comment "kgo:{role} is a role of {", ".join(owners)} and points to an entity." ;',
            f"    sh:targetSubjectsOf kgo:{role} ;",
            f"    sh:or ( {' '.join(f'[ sh:class kgo:{o} ]' for o in owners)} ) ;",
            f"    sh:property [ sh:path kgo:{role} ;",
            f"        sh:or ( {' '.join(f'[ sh:class {c} ]' for c in CORE)} ) ] .",
        ]
    return "\n".join(lines)


def role_values() -> str:
    return f"  VALUES ?roleIri {{ {' '.join(f'kgo:{r}' for r in ROLES)} }}"


BLOCKS = {
    "ontology/kg.ttl": owl_classes,
    "ontology/shapes.ttl": shapes,
    "ontology/queries/event-roles.rq": role_values,
    "ontology/queries/to-come.rq": role_values,
}


def generated(path: str) -> str:
    """The file's text with its block made anew."""
    text = (ROOT / path).read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(BEGIN)}\n.*?^{re.escape(END)}$", re.S | re.M)
    if not pattern.search(text):
        raise SystemExit(f"{path}: no '{BEGIN[:18]}...' / '{END}' block")
    return pattern.sub(lambda _: f"{BEGIN}\n{BLOCKS[path]()}\n{END}", text)


def main(argv: list[str]) -> int:
    stale = []
    for path in BLOCKS:
        new = generated(path)
        if new != (ROOT / path).read_text(encoding="utf-8"):
            stale.append(path)
            if "--check" not in argv:
                (ROOT / path).write_text(new, encoding="utf-8")
    if stale and "--check" in argv:
        print(f"out of date with ontology/events.toml: {', '.join(stale)}; run python scripts/gen_ontology.py")
        return 1
    print(("rewrote " + ", ".join(stale)) if stale else "ontology blocks up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
