"""Dates in news text -> ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, as precise as the text.

Absolute dates ("March 22 2017", "22 March 2017", "October 2018", "1999") need
nothing else. Relative ones ("on Tuesday", "last month", "in January",
"yesterday", "last year") are resolved against the article's date, and left
out (None) when there is none: a date is never guessed.
"""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"((?:1[89]|20)\d\d)"


def normalise_date(text: str, today: str | None = None) -> str | None:
    """The ISO form of a date expression, or None when it gives no calendar date."""
    s = text.lower().replace(",", " ").strip()
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"(\d+)(st|nd|rd|th)\b", r"\1", s)
    if m := re.search(rf"\b{_MONTH} (\d{{1,2}}) {_YEAR}\b", s):
        return _ymd(int(m.group(3)), MONTHS[m.group(1)[:3]], int(m.group(2)))
    if m := re.search(rf"\b(\d{{1,2}}) {_MONTH} {_YEAR}\b", s):
        return _ymd(int(m.group(3)), MONTHS[m.group(2)[:3]], int(m.group(1)))
    if m := re.search(rf"\b{_MONTH} {_YEAR}\b", s):
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1)[:3]]:02d}"
    if re.fullmatch(rf"(?:in |early |late |mid-?|the )*{_YEAR}", s):
        return re.search(_YEAR, s).group(1)
    base = _parse_iso(today)
    if base is None:
        return None
    if re.search(r"\byesterday\b", s):
        return (base - dt.timedelta(days=1)).isoformat() if isinstance(base, dt.date) else None
    if re.fullmatch(r"(?:on )?(?:this )?(?:today|this morning|tonight)", s):
        return base.isoformat()
    if m := re.fullmatch(r"(?:on |last |this |earlier on )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                         r"(?: morning| afternoon| evening| night)?", s):
        back = (base.weekday() - WEEKDAYS[m.group(1)]) % 7 or 7
        return (base - dt.timedelta(days=back)).isoformat()
    if re.fullmatch(r"(?:earlier |later )?this month", s):
        return f"{base.year:04d}-{base.month:02d}"
    if re.fullmatch(r"last month", s):
        year, month = (base.year, base.month - 1) if base.month > 1 else (base.year - 1, 12)
        return f"{year:04d}-{month:02d}"
    if re.fullmatch(r"(?:earlier |later )?this year", s):
        return f"{base.year:04d}"
    if re.fullmatch(r"last year", s):
        return f"{base.year - 1:04d}"
    if m := re.fullmatch(rf"(?:on )?(\d{{1,2}}) {_MONTH}", s):  # "on 16 December": the nearest to the article
        return _nearest(base, MONTHS[m.group(2)[:3]], int(m.group(1)))
    if m := re.fullmatch(rf"(?:in |on |last |early |late )?{_MONTH}(?: (\d{{1,2}}))?", s):
        month = MONTHS[m.group(1)[:3]]
        if m.group(2):
            return _nearest(base, month, int(m.group(2)))  # "December 16"
        year = base.year if month <= base.month else base.year - 1
        return f"{year:04d}-{month:02d}"
    return None


def _nearest(base: dt.date, month: int, day: int) -> str | None:
    """That month and day as news means it: the last such day up to ``base``, or the next one when it comes
    within two months and is nearer ("on 16 December" in an article of 20 November)."""
    days = [dt.date.fromisoformat(d) for year in (base.year - 1, base.year, base.year + 1) if (d := _ymd(year, month, day))]
    past = [d for d in days if d <= base]
    future = [d for d in days if d > base]
    if future and (future[0] - base).days <= 60 and (not past or future[0] - base < base - past[-1]):
        return future[0].isoformat()
    return past[-1].isoformat() if past else None


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _parse_iso(value: str | None) -> dt.date | None:
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None  # a month or year alone cannot anchor "on Tuesday"
    return dt.date.fromisoformat(value)
