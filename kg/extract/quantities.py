"""Amounts as data: "more than 3,800 people" is value 3800 with minimum 3800 and unit "people";
"(dollar)42,000" is 42000 USD; "12%" is 12 percent (UN/CEFACT unit code P1)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extract.context import Context
from kg.lexicon import SCALES
from kg.model import Quantity

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
NUMBER_WORDS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "a hundred": 100,
        "thousand": 1000,
        "a thousand": 1000,
        "a dozen": 12,
        "dozen": 12,
    }
)
CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₽": "RUB", "₸": "KZT"}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "tenge": "KZT",
    "rupee": "INR",
    "rupees": "INR",
}
# qualifier -> which bound the number gives
QUALIFIERS = {
    "more than": "min",
    "over": "min",
    "at least": "min",
    "above": "min",
    "upwards of": "min",
    "in excess of": "min",
    "up to": "max",
    "as many as": "max",
    "nearly": "max",
    "almost": "max",
    "under": "max",
    "less than": "max",
    "fewer than": "max",
    "below": "max",
    "no more than": "max",
    "at most": "max",
    "around": "approx",
    "about": "approx",
    "some": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "close to": "approx",
}
_QUAL_RE = re.compile(r"^(" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)) + r")\s+", re.I)
_NUM_RE = re.compile(
    r"(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|k|b)?\b", re.I
)
AMOUNT_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


def parse_amount(text: str) -> tuple[float, str | None] | None:
    """(value, qualifier) of an amount's text, or None when it holds no number.

    >>> parse_amount("more than 3,800")
    (3800.0, 'more than')
    >>> parse_amount("$1.5bn")
    (1500000000.0, None)
    """
    t = text.strip().lower().replace("(dollar)", "$")
    qualifier = None
    m = _QUAL_RE.match(t)
    if m:
        qualifier = m.group(1)
        t = t[m.end() :]
    num = _NUM_RE.search(t)
    if num:
        value = float(num.group("num").replace(",", ""))
        scale = num.group("scale")
        if scale:
            value *= SCALES[scale.lower()]
        return value, qualifier
    words = t.strip(" .,")
    if words in NUMBER_WORDS:
        return float(NUMBER_WORDS[words]), qualifier
    return None


def _unit(ent: Span, counted: Token | None) -> tuple[str | None, str | None]:
    """(unit text, unit code): a currency code for money, P1 for percent, else the counted noun."""
    text = ent.text.lower().replace("(dollar)", "$")
    if ent.label_ == "PERCENT":
        return "percent", "P1"
    if ent.label_ == "MONEY":
        for sign, code in CURRENCY_SIGNS.items():
            if sign in text:
                return None, code
        for word in re.findall(r"[a-z]+", text):
            if word in CURRENCY_WORDS:
                return None, CURRENCY_WORDS[word]
        return "money", None
    if counted is not None:
        return counted.text.lower(), None
    if ent.label_ == "QUANTITY":
        # a measure names its unit after the number: "5 million tonnes", "1.4 billion cubic feet"
        return measured_unit(ent.text), None
    return None, None


# the words of qualifiers ("more than", "up to"), which are no unit's
_QUALIFIER_WORDS = frozenset(word for q in QUALIFIERS for word in q.split())


def measured_unit(text: str) -> str | None:
    """The unit words of a measure's text, without its number, scale and qualifier.

    >>> measured_unit("about 5 million tonnes")
    'tonnes'
    >>> measured_unit("1.4 billion cubic feet")
    'cubic feet'
    """
    words = [
        w
        for w in re.findall(r"[a-z]+", text.lower())
        if w not in SCALES and w not in NUMBER_WORDS and w not in _QUALIFIER_WORDS and w not in ("a", "an")
    ]
    return " ".join(words) or None


def quantity(ctx: Context, ent: Span, counted: Token | None = None) -> Quantity | None:
    """A Quantity from an amount entity; ``counted`` is the noun it counts ("26 protesters")."""
    if ent.label_ not in AMOUNT_LABELS:
        return None
    # spaCy puts a comparative in the MONEY span ("below $42,000"): keep it as the qualifier
    parsed = parse_amount(ent.text)
    if parsed is None:
        return None
    value, qualifier = parsed
    if qualifier is None:
        before = ent.doc[max(0, ent.start - 3) : ent.start].text.lower()
        for q in sorted(QUALIFIERS, key=len, reverse=True):
            if before.endswith(q):
                qualifier = q
                break
    unit_text, unit_code = _unit(ent, counted)
    end = counted.i + 1 if counted is not None and counted.i >= ent.end else ent.end
    mention = ctx.tokens_mention(ent.doc[ent.start], ent.doc[end - 1])
    bound = QUALIFIERS.get(qualifier or "")
    return Quantity(
        mention,
        value,
        unit_text,
        unit_code,
        qualifier,
        min_value=value if bound == "min" else None,
        max_value=value if bound == "max" else None,
    )
