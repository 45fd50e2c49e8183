"""Dates anchored on the document date."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.temporal import normalize

SATURDAY = date(2022, 1, 8)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Friday", ("2022-01-07", "day")),
        ("On Friday", ("2022-01-07", "day")),
        ("Sunday", ("2022-01-02", "day")),
        ("Saturday", ("2022-01-08", "day")),
        ("last Saturday", ("2022-01-01", "day")),
        ("next Monday", ("2022-01-10", "day")),
        ("January 6", ("2022-01-06", "day")),
        ("6 January", ("2022-01-06", "day")),
        ("December 30", ("2021-12-30", "day")),
        ("September 2020", ("2020-09", "month")),
        ("Sept. 2020", ("2020-09", "month")),
        ("March 3, 2019", ("2019-03-03", "day")),
        ("2019", ("2019", "year")),
        ("last year", ("2021", "year")),
        ("this year", ("2022", "year")),
        ("last month", ("2021-12", "month")),
        ("yesterday", ("2022-01-07", "day")),
        ("2021-11-30", ("2021-11-30", "day")),
        ("June last year", ("2021-06", "month")),
        ("January this year", ("2022-01", "month")),
        ("last December", ("2021-12", "month")),
        ("this March", ("2022-03", "month")),
        ("next February", ("2022-02", "month")),
        ("tomorrow", ("2022-01-09", "day")),
        ("fiscal 2021", ("2021", "year")),
        ("later this month", ("2022-01", "month")),
        ("sometime next year", ("2023", "year")),
        ("an Aug. 10, 2020", ("2020-08-10", "day")),  # "an Aug. 10, 2020, agreement"
        ("the previous week's", None),
        ("30-year", None),
    ],
)
def test_normalize(text: str, expected: tuple[str, str] | None) -> None:
    assert normalize(text, SATURDAY) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Monday", ("2022-01-10", "day")),
        ("last Monday", ("2022-01-03", "day")),
        ("March", ("2022-03", "month")),
        ("January 4", ("2022-01-04", "day")),
        ("Dec. 14", ("2022-12-14", "day")),
    ],
)
def test_in_a_clause_about_what_is_to_come_dates_look_forward(text: str, expected: tuple[str, str]) -> None:
    assert normalize(text, SATURDAY, future=True) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("three years ago", ("2019", "year")),
        ("about five years ago", ("2017", "year")),
        ("six months ago", ("2021-07", "month")),
        ("18 months ago", ("2020-07", "month")),
        ("two weeks ago", ("2021-12-25", "day")),
        ("next month", ("2022-02", "month")),
        ("Thursday evening", ("2022-01-06", "day")),
        # a length of time, a decade, a set of times, a time counted from another event: no date
        ("two years", None),
        ("a year", None),
        ("the nine months", None),
        ("about a decade", None),
        ("the 1990s", None),
        ("the late 1970s", None),
        ("90s", None),
        ("every Thursday", None),
        ("two years later", None),
        # dateparser's misreadings: a year the text does not write, far from the article's
        ("9 and 10 July", None),
        ("nine years - in", None),
        ("last week of 2003", None),
    ],
)
def test_ages_are_as_precise_as_their_unit_and_lengths_of_time_are_no_date(
    text: str, expected: tuple[str, str] | None
) -> None:
    assert normalize(text, SATURDAY) == expected


def test_relative_dates_need_an_anchor() -> None:
    assert normalize("Friday", None) is None
    assert normalize("September 2020", None) == ("2020-09", "month")


def test_impossible_dates_are_rejected() -> None:
    assert normalize("February 30, 2020", SATURDAY) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the beginning of October", ("2021-10", "month")),
        ("the middle of December", ("2021-12", "month")),
        ("mid-November", ("2021-11", "month")),
        ("mid-1996", ("1996", "year")),
        ("the end of 2020", ("2020", "year")),
        ("the first half of 2021", ("2021", "year")),
        ("the current year", ("2022", "year")),
        ("earlier yesterday", ("2022-01-07", "day")),
        ("the end of the month", None),
    ],
)
def test_a_part_of_a_period_is_within_it(text: str, expected: tuple[str, str] | None) -> None:
    assert normalize(text, SATURDAY) == expected


def test_a_year_end_is_the_nearest_one_or_in_a_clause_about_what_is_to_come_the_next() -> None:
    assert normalize("year-end", SATURDAY) == ("2021-12", "month")  # a January article looks back
    assert normalize("the end of the year", date(2022, 10, 30)) == ("2022-12", "month")
    assert normalize("around year end", SATURDAY, future=True) == ("2022-12", "month")


def test_a_weekday_before_a_day_of_a_month_says_its_year() -> None:
    # 25 April was a Saturday in 1998, the day after the article; dateparser's past made it 1997
    assert normalize("Saturday, April 25", date(1998, 4, 24)) == ("1998-04-25", "day")
    # 12 February 2005, a Saturday, weeks after an article of New Year's Day: not the last one
    assert normalize("Saturday 12 February", date(2005, 1, 1)) == ("2005-02-12", "day")
    # a weekday that fits none of the years around keeps the usual reading, and a year wins
    assert normalize("Sunday, December 30", date(1998, 4, 24)) == ("1997-12-30", "day")
    assert normalize("Monday, April 25, 1997", date(1998, 4, 24)) == ("1997-04-25", "day")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("nineteen ninety-six", ("1996", "year")),
        ("January nineteen ninety-seven", ("1997-01", "month")),
        ("the year two thousand", ("2000", "year")),
        ("two thousand and four", ("2004", "year")),
        ("twenty-one", None),  # a number, no year
    ],
)
def test_a_year_written_out_is_a_year(text: str, expected: tuple[str, str] | None) -> None:
    assert normalize(text, date(1998, 2, 27)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("5 p.m. EST, Nov. 6", ("1989-11-06", "day")),  # a clock time names no other day
        ("Nov. 9 at 5 p.m.", ("1989-11-09", "day")),
        ("7:15 p.m.", None),  # and alone, no day
        ("year-earlier", ("1988", "year")),  # "the year-earlier period": the last year's
        ("year-ago", ("1988", "year")),
    ],
)
def test_a_clock_time_keeps_its_day_and_a_year_earlier_is_the_last_year(
    text: str, expected: tuple[str, str] | None
) -> None:
    assert normalize(text, date(1989, 11, 8)) == expected
