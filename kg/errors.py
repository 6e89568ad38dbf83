"""The errors kg-builder raises: one base class, so a caller can catch them all.

``InputError`` (a document or file that cannot be read), ``ModelError`` (a spaCy pipeline that cannot be
used), ``FormatError`` and ``GraphReadError`` (graph files), ``QueryError`` (SPARQL), ``PushError``
(sending to a store) are the user's to fix; ``RuleError`` is ours: a reading rule that failed on a
document, reported with the document and the rule so it can be fixed, not taken for bad input.
"""
from __future__ import annotations


class KgError(Exception):
    """Anything kg-builder reports; its message says what was wrong and, where it can, how to fix it."""


class RuleError(KgError):
    """A bug in a reading rule: ``rule`` failed on the document ``source`` (the rest of it was read)."""

    def __init__(self, source: str, rule: str, problem: str):
        super().__init__(f"{source}: bug in kg-builder: rule {rule!r} failed ({problem}); the rest of the "
                         f"document was read. Please report it with the document.")
        self.source, self.rule, self.problem = source, rule, problem
