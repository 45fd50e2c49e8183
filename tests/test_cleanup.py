"""Clean-up keeps a map back to the characters as read."""

from __future__ import annotations

import pytest

from kg.cleanup import clean


def _check_map(original: str, needle: str, expected: str) -> None:
    c = clean(original)
    i = c.text.index(needle)
    b, e = c.to_original(i, i + len(needle))
    assert original[b:e] == expected


def test_dollar_word_becomes_sign_and_maps_back() -> None:
    text = "Bitcoin prices fell below (dollar)42,000 on Thursday."
    c = clean(text)
    assert "$42,000" in c.text
    _check_map(text, "$42,000", "(dollar)42,000")
    _check_map(text, "Thursday", "Thursday")


def test_curly_quotes_are_straightened_without_moving_offsets() -> None:
    text = "“Dozens of attackers were liquidated” in the world’s city."
    c = clean(text)
    assert c.text == '"Dozens of attackers were liquidated" in the world\'s city.'
    _check_map(text, "world's", "world’s")


def test_repeated_lead_paragraph_is_one_fact() -> None:
    text = (
        "Fears about cryptocurrency have risen as a result of a harsh crackdown in Kazakhstan.\n\n\n"
        "Fears about cryptocurrency have been raised as a result of a harsh crackdown in Kazakhstan.\n\n"
        "Troops were deployed."
    )
    c = clean(text)
    assert c.text.count("Fears") == 1
    _check_map(text, "Troops were deployed", "Troops were deployed")


@pytest.mark.parametrize(
    "furniture",
    [
        "Comments are closed.",
        "Advertisement",
        "Share this article",
        "Read more: the crisis explained",
        "© 2022 Example News",
        "By Olzhas Auyezov and Mariya Gordeyeva",
        "Reporting by Olzhas Auyezov; Editing by Mark Potter",
        "Our Standards: The Thomson Reuters Trust Principles.",
    ],
)
def test_page_furniture_is_not_news(furniture: str) -> None:
    c = clean(f"Protesters gathered in the square.\n\n{furniture}\n")
    assert furniture.split()[0] not in c.text


def test_a_sentence_that_starts_like_a_byline_is_news() -> None:
    text = "By Friday, protesters had gathered in the square.\n\nBy Tuesday Night Protesters Had Gone\n"
    assert clean(text).text.startswith("By Friday, protesters had gathered")


def test_short_repeated_lines_are_kept() -> None:
    # a repeated short line (a dateline, a byline) is not a repeated lead
    c = clean("Reuters\n\nProtests spread.\n\nReuters\n")
    assert c.text.count("Reuters") == 2


def test_markdown_syntax_is_dropped_and_links_keep_their_text() -> None:
    text = "# Unrest\n\nPolice **arrested** [dozens](http://example.org) of people."
    c = clean(text, markdown=True)
    assert c.text == "Unrest\n\nPolice arrested dozens of people."
    i = c.text.index("dozens")
    b, e = c.to_original(i, i + 6)
    assert text[b:e] == "dozens"


def test_markdown_code_blocks_are_no_prose_and_offsets_hold() -> None:
    text = 'Prices fell.\n\n```python\nprint("no events here")\n\n~~~\n```\nMiners moved.\n\n~~~~\nopen to the end'
    c = clean(text, markdown=True)
    assert c.text == "Prices fell.\n\nMiners moved."
    i = c.text.index("Miners")
    b, e = c.to_original(i, i + 6)
    assert text[b:e] == "Miners"
    assert "print" in clean(text).text  # a plain text's backticks are text


def test_spaced_dash_is_read_as_a_hyphen_with_offsets_unchanged() -> None:
    text = "Bitcoin's hashrate – the computing power – fell."
    c = clean(text)
    assert len(c.text) == len(text) and " - " in c.text
