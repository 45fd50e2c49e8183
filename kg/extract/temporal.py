"""Dates as data, anchored on the document date.

"On Friday" in an article of Saturday 2022-01-08 is 2022-01-07; "last year" is 2021 (a
gYear); "September 2020" is a gYearMonth; "three years ago" is 2019, as precise as its unit. A
length of time ("two years", "the nine months") and a decade ("the 1990s") are no date. Common
news forms are read by rule (fast and predictable); dateparser handles the rest. Without an
anchor, only absolute dates resolve.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from kg.extract.quantities import NUMBER_WORDS

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
# a weekday before a day of a month ("Saturday, April 25"), which says the year when none is written
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+)?"
_FORMS = [
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY}$"),
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}$"),
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^(?:(?:the\s+)?year\s+)?{_YEAR}$"),
    re.compile(r"^(?P<iso>\d{4}-\d{2}-\d{2})$"),
]
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "noon", "midnight"})
# words before a date that keep it ("in", "early", "sometime"; "an Aug. 10, 1988, agreement"), and
# a part of a period, which is within it: "the beginning of October" is October, "mid-1996" 1996
_LEADING = re.compile(
    r"^(?:(?:on|in|since|by|from|until|during|as\s+of|early|earlier|late|later|mid|the|this\s+past|fiscal|sometime|"
    r"around|(?:beginning|start|middle|end|close|first\s+half|second\s+half)\s+of)\s+|mid-|"
    r"an?\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d))",
    re.I,
)
# the end of a year: "year-end", "around year end", "the end of the year"
_YEAR_END = re.compile(
    r"^(?:(?:around|by|at|until)\s+)?(?:the\s+)?(?:year(?:'s)?[-\s]end|end\s+of\s+(?:the|this)\s+year)$"
)
# a length of time, or one back from the article's date: "two years", "the past nine months",
# "about a decade", "18 months ago"; "a year ago" and "a year earlier" are read by _relative
_ELAPSED = re.compile(
    r"^(?:(?:about|around|almost|nearly|some|just|only|over|under|more than|less than|at least|"
    r"the|the last|the past|the next|the first|another)\s+)*"
    r"(?P<count>a|an|a few|several|\d+|[a-z]+(?:[- ][a-z]+)?)[- ]"
    r"(?P<unit>day|week|month|year|decade|centur)(?:s|y|ies)?'?(?:\s+(?P<relation>\w+(?: now)?))?$"
)
# a decade ("the 1990s", "the late 1970s", "the '80s"): no date, month or year says it
_DECADE = re.compile(r"^(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:\d\d|')?\d0'?s$")
_DATE_WORDS = re.compile(r"\d|" + "|".join(list(MONTHS) + list(WEEKDAYS)) + r"|year|month|yesterday|today", re.I)


# a clock time before or after a day, which names no other day: "5 p.m. EST, Nov. 9", "Nov. 9 at 5 p.m."
_CLOCK = re.compile(
    r"^\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)(?:\s+[a-z]{2,4}\b)?,?\s+(?=\S)|"
    r",?\s+(?:at\s+)?\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)(?:\s+[a-z]{2,4}\b)?$"
)


# a year written out, as broadcast transcripts do: "nineteen ninety-six", "the year two thousand",
# "two thousand and four"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TWO_DIGITS = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:{_UNITS}))?|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_SPELLED_YEAR = re.compile(
    rf"\b(?:(?P<century>eighteen|nineteen|twenty)[-\s](?P<rest>{_TWO_DIGITS})|"
    rf"two\s+thousand(?:\s+(?:and\s+)?(?P<after>{_TWO_DIGITS}|{_UNITS}))?)\b"
)


def _spelled_years(t: str) -> str:
    """``t`` with each year written out in figures: "january nineteen ninety-seven" -> "january 1997"."""

    def number(words: str) -> int:
        return sum(NUMBER_WORDS[w] for w in re.split(r"[-\s]+", words))

    def figures(m: re.Match[str]) -> str:
        if m["century"]:
            return str(NUMBER_WORDS[m["century"]] * 100 + number(m["rest"]))
        return str(2000 + (number(m["after"]) if m["after"] else 0))

    return _SPELLED_YEAR.sub(figures, t)


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def normalize(text: str, anchor: date | None, future: bool = False) -> tuple[str, str] | None:
    """(value, precision) for a date expression; precision is 'day', 'month' or 'year'.

    News looks back: "Monday" is the last Monday, "June" the last June; in a clause about what is
    to come (``future``: "will meet Monday", "to be paid Dec. 14") they are the next ones.

    >>> normalize("Friday", date(2022, 1, 8))
    ('2022-01-07', 'day')
    >>> normalize("September 2020", None)
    ('2020-09', 'month')
    >>> normalize("last year", date(2022, 1, 8))
    ('2021', 'year')
    >>> normalize("June last year", date(2022, 1, 8))
    ('2021-06', 'month')
    >>> normalize("Monday", date(2022, 1, 8), future=True)
    ('2022-01-10', 'day')
    """
    t = text.strip().lower().replace("’", "'")
    if anchor is not None and _YEAR_END.match(t):  # the nearest year end, or in a clause about what is to come the next
        return f"{anchor.year if future or anchor.month >= 7 else anchor.year - 1:04d}-12", "month"
    t = _CLOCK.sub("", _spelled_years(re.sub(r"'s$", "", t)))
    while _LEADING.match(t):
        t = _LEADING.sub("", t, count=1)
    t = t.strip(" ,.")
    found = _absolute(t, anchor, future)
    if found is not None or anchor is None or _DECADE.match(t) or t.startswith(("each ", "every ")):
        return found  # a decade, and a set of times ("every Thursday"), are no date
    found = _relative(t, anchor, future)
    if found is not None:
        return found
    elapsed = _ELAPSED.match(t)
    if elapsed is not None:
        return _ago(elapsed, anchor)
    return _dateparser(t, anchor, future)


# the units a date back from the article's can be counted in (a decade or a century says no year)
_AGO_UNITS = frozenset({"day", "week", "month", "year"})


def _ago(found: re.Match[str], anchor: date) -> tuple[str, str] | None:
    """The date "N units ago" names, as precise as its unit; None for a length of time ("two
    years", "the nine months") or one counted from another event ("two years later")."""
    count, unit = found["count"], found["unit"]
    n = 1 if count in ("a", "an") else int(count) if count.isdigit() else NUMBER_WORDS.get(count.replace("-", " "))
    if found["relation"] != "ago" or n is None or unit not in _AGO_UNITS:
        return None
    if unit in ("day", "week"):
        return (anchor - timedelta(days=n * (7 if unit == "week" else 1))).isoformat(), "day"
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 - n
        return f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
    return f"{anchor.year - n:04d}", "year"


def _absolute(t: str, anchor: date | None, future: bool = False) -> tuple[str, str] | None:
    for form in _FORMS:
        m = form.match(t)
        if not m:
            continue
        g = m.groupdict()
        if g.get("iso"):
            return (g["iso"], "day") if _valid(*map(int, g["iso"].split("-"))) else None
        month = MONTHS[g["month"]] if g.get("month") else None
        if g.get("year") and g.get("day") and month:
            d = _valid(int(g["year"]), month, int(g["day"]))
            return (d.isoformat(), "day") if d else None
        if g.get("day") and month:
            if anchor is None:
                return None
            if g.get("weekday"):
                # the year, of the three around the article's, in which that day is that weekday
                days = (_valid(anchor.year + k, month, int(g["day"])) for k in (0, -1, 1))
                named = [d for d in days if d is not None and d.weekday() == WEEKDAYS[g["weekday"]]]
                if named:
                    return named[0].isoformat(), "day"
            d = _valid(anchor.year, month, int(g["day"]))
            if d and not future and d > anchor + timedelta(days=31):  # "December 30" in a January article
                d = _valid(anchor.year - 1, month, int(g["day"]))
            elif d and future and d < anchor - timedelta(days=31):  # "will be paid Jan. 4" in December
                d = _valid(anchor.year + 1, month, int(g["day"]))
            return (d.isoformat(), "day") if d else None
        if g.get("year") and month:
            return f"{int(g['year']):04d}-{month:02d}", "month"
        if g.get("year"):
            return g["year"], "year"
    return None


def _relative(t: str, anchor: date, future: bool = False) -> tuple[str, str] | None:
    # the part of a day names no other day: "Thursday evening", "noon Saturday"
    words = [w for w in t.split() if w not in PARTS_OF_DAY] if WEEKDAYS.keys() & set(t.split()) else t.split()
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight", "now"):
        return anchor.isoformat(), "day"
    if t in ("yesterday", "last night", "overnight"):
        return (anchor - timedelta(days=1)).isoformat(), "day"
    if t == "tomorrow":
        return (anchor + timedelta(days=1)).isoformat(), "day"
    if words and words[-1] in WEEKDAYS and len(words) <= 2:
        target = WEEKDAYS[words[-1]]
        if words[0] == "next" or (future and words[0] != "last"):
            ahead = (target - anchor.weekday()) % 7 or 7
            return (anchor + timedelta(days=ahead)).isoformat(), "day"
        back = (anchor.weekday() - target) % 7
        if words[0] == "last" and back == 0:
            back = 7
        return (anchor - timedelta(days=back)).isoformat(), "day"
    if t in (
        "last year",
        "the previous year",
        "previous year",
        "a year ago",
        "a year earlier",
        "year-earlier",
        "year-ago",
    ):
        return str(anchor.year - 1), "year"
    if t in ("this year", "earlier this year", "later this year", "current year", "current fiscal year"):
        return str(anchor.year), "year"
    if t in ("next year",):
        return str(anchor.year + 1), "year"
    if t in ("last month", "the previous month", "previous month"):
        first = anchor.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}", "month"
    if t in ("this month", "earlier this month"):
        return f"{anchor.year:04d}-{anchor.month:02d}", "month"
    if t == "next month":
        following = anchor.replace(day=28) + timedelta(days=4)
        return f"{following.year:04d}-{following.month:02d}", "month"
    return _month_of(words, anchor, future)


def _month_of(words: list[str], anchor: date, future: bool) -> tuple[str, str] | None:
    """A month named against the anchor: "June" (the last June up to now), "last February" (the
    one before this month), "this September", "next March", "June last year", "January this year"."""
    years = {"last year": anchor.year - 1, "this year": anchor.year, "next year": anchor.year + 1}
    if len(words) == 3 and words[0] in MONTHS and " ".join(words[1:]) in years:
        return f"{years[' '.join(words[1:])]:04d}-{MONTHS[words[0]]:02d}", "month"
    if len(words) == 2 and words[1] in MONTHS and words[0] in ("last", "this", "next"):
        month = MONTHS[words[1]]
        year = {
            "last": anchor.year if month < anchor.month else anchor.year - 1,
            "this": anchor.year,
            "next": anchor.year if month > anchor.month else anchor.year + 1,
        }[words[0]]
        return f"{year:04d}-{month:02d}", "month"
    if len(words) == 1 and words[0] in MONTHS:
        month = MONTHS[words[0]]
        if future:
            year = anchor.year if month >= anchor.month else anchor.year + 1
        else:
            year = anchor.year if month <= anchor.month else anchor.year - 1
        return f"{year:04d}-{month:02d}", "month"
    return None


def _dateparser(t: str, anchor: date, future: bool = False) -> tuple[str, str] | None:
    """The long tail ("three days ago", "2 March"): dateparser, only for text that looks like a date."""
    if not _DATE_WORDS.search(t) or len(t) > 40:
        return None
    from datetime import datetime

    import dateparser

    settings = {
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_TIME_AS_PERIOD": False,
        "REQUIRE_PARTS": ["year", "month"] if "day" not in t else [],
    }
    parsed = dateparser.parse(t, languages=["en"], settings=settings)
    if parsed is None:
        return None
    # a year it did not read in the text must be near the article's: "9 and 10 July" is not 1910
    written = {int(y) for y in re.findall(r"\b(?:1[89]|20)\d\d\b", t)}
    if parsed.year not in written and (written or abs(parsed.year - anchor.year) > 1):
        return None
    return parsed.date().isoformat(), "day"
