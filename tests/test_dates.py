import pytest

from kg.read.dates import normalise_date


@pytest.mark.parametrize("text, expected", [
    ("March 22 2017", "2017-03-22"), ("22 March 2017", "2017-03-22"), ("March 22, 2017", "2017-03-22"),
    ("October 2018", "2018-10"), ("Sept 2004", "2004-09"), ("1999", "1999"), ("in 1999", "1999"),
    ("February 30 2004", None), ("last week", None), ("Tuesday", None), ("the 1990s", None),
])
def test_absolute_dates(text, expected):
    assert normalise_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Tuesday", "2004-12-14"), ("on Sunday", "2004-12-12"), ("Thursday", "2004-12-09"),
    ("yesterday", "2004-12-15"), ("last month", "2004-11"), ("this month", "2004-12"),
    ("January", "2004-01"), ("in November", "2004-11"), ("last year", "2003"), ("December 3", "2004-12-03"),
    ("on 21 December", "2004-12-21"), ("3 March", "2004-03-03"),
])
def test_relative_dates_use_the_article_date(text, expected):
    assert normalise_date(text, "2004-12-16") == expected  # a Thursday


def test_relative_dates_need_a_full_article_date():
    assert normalise_date("Tuesday", "2004-12") is None
    assert normalise_date("last month", None) is None
