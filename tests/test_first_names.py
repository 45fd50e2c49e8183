"""First names and the sex they mostly name: written from the census tables by ``scripts/first_names.py``."""

from __future__ import annotations

from pathlib import Path

from kg import lexicon
from scripts.first_names import first_names

# name, share among one sex's first names (%), cumulative share, rank
MALE = "PAUL           0.948  1.000     19\nJAMIE          0.066  2.000    300\nRICH           0.007  3.000    900\n"
FEMALE = "REGINA         0.133  1.000    200\nJAMIE          0.153  2.000    150\nPAUL           0.003  3.000   3000\n"


def test_a_name_tells_a_sex_only_when_that_sex_bears_it_ten_times_as_often(tmp_path: Path) -> None:
    (tmp_path / "dist.male.first").write_text(MALE, encoding="ascii")
    (tmp_path / "dist.female.first").write_text(FEMALE, encoding="ascii")
    # "Jamie" is borne by both (0.066 against 0.153): no sex; "Paul" by men 300 times as often
    assert first_names(tmp_path) == [("paul", "m"), ("regina", "f"), ("rich", "m")]


def test_the_shipped_names_and_titles_tell_the_sex_pronouns_agree_with() -> None:
    lex = lexicon.load()
    assert {n: lex.first_names.get(n) for n in ("regina", "scott", "laci", "jamie")} == {
        "regina": "f",
        "scott": "m",
        "laci": "f",
        "jamie": None,
    }
    # a title's sex comes from titles.tsv alone: "star" is a role there, whatever the census says
    assert lex.title_sexes["ms"] == "f" and lex.title_sexes["spokesman"] == "m" and "star" not in lex.title_sexes
