"""The spaCy components, on parses built by hand (no trained model)."""

from __future__ import annotations

import pytest

from kg import lexicon
from kg.nlp.trigger_tagger import SPANS_KEY, change_theme
from tests.parses import doc


def triggers(d) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(s.text, s.label_) for s in d.spans[SPANS_KEY]]


def ents(d) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(e.text, e.label_) for e in d.ents]


PRICE_FELL = (
    "Bitcoin/NNP/compound/1 prices/NNS/nsubj/2 fell/VBD/ROOT/2/fall below/IN/prep/2 $/$/nmod/5 "
    "42,000/CD/pobj/3 on/IN/prep/2 Thursday/NNP/pobj/6 ./././2"
)


def test_a_price_that_falls_is_a_price_fall_and_bitcoin_is_an_asset() -> None:
    d = doc(PRICE_FELL, ((0, 1, "PERSON"), (4, 6, "MONEY"), (7, 8, "DATE")))
    assert triggers(d) == [("fell", "PriceFall")]
    assert ("Bitcoin", "ASSET") in ents(d)


def test_a_measure_that_falls_by_an_amount_is_a_decline() -> None:
    d = doc(
        "Bitcoin+/NNP/poss/2 's/POS/case/0 hashrate/NN/nsubj/3 fell/VBD/ROOT/3/fall by/IN/prep/3 "
        "12+/CD/nummod/6 %/NN/pobj/4 ./././3",
        ((0, 1, "ORG"), (5, 7, "PERCENT")),
    )
    assert triggers(d) == [("fell", "Decline")]


@pytest.mark.parametrize(
    "tokens",
    [
        "the/DT/det/1 unrest/NN/nsubj/3 only/RB/advmod/3 grew/VBD/ROOT/3/grow ./././3",  # a phase of the unrest
        "Fears/NNS/nsubj/2/fear have/VBP/aux/2/have risen/VBN/ROOT/2/rise ./././2",  # nothing measurable rose
    ],
)
def test_a_change_word_without_a_measure_is_no_event(tokens: str) -> None:
    assert not any(label in ("Increase", "Decline") for _t, label in triggers(doc(tokens)))


def test_blocking_the_internet_is_a_shutdown_but_blocking_a_road_is_not() -> None:
    d = doc(
        "Tokayev/NNP/nsubj/1 ordered/VBD/ROOT/1/order providers/NNS/dobj/1 to/TO/aux/4 "
        "block/VB/xcomp/1/block internet/NN/compound/6 access/NN/dobj/4 ./././1",
        ((0, 1, "PERSON"),),
    )
    assert triggers(d) == [("ordered", "Order"), ("block", "InternetShutdown")]
    road = doc("Police/NNS/nsubj/1/police blocked/VBD/ROOT/1/block the/DT/det/3 road/NN/dobj/1 ./././1")
    assert triggers(road) == []


def test_fixed_expressions_name_no_event() -> None:
    d = doc(
        "They/PRP/nsubj/1/they met/VBD/ROOT/1/meet in/IN/mark/5 order/NN/fixed/2 to/TO/aux/5 "
        "talk/VB/advcl/1/talk ./././1"
    )
    assert ("order", "Order") not in triggers(d)


def test_a_hyphenated_modifier_is_not_an_event_of_its_own() -> None:
    d = doc(
        "Tokayev/NNP/nsubj/1 issued/VBD/ROOT/1/issue a/DT/det/8 shoot+/VB/npadvmod/7/shoot -+/HYPH/punct/7 "
        "to+/TO/aux/7 -+/HYPH/punct/7 kill/VB/amod/8/kill order/NN/dobj/1 against/IN/prep/8 "
        "protesters/NNS/pobj/9 ./././1",
        ((0, 1, "PERSON"),),
    )
    assert triggers(d) == [("order", "Order")]
    assert ("protesters", "GROUP") in ents(d)


def test_event_nouns_mistagged_as_names_become_events() -> None:
    d = doc(
        "Protests/NNS/nsubj/3/protest in/IN/prep/0 Kazakhstan/NNP/pobj/1 spread/VBD/ROOT/3/spread ./././3",
        ((0, 1, "NORP"), (2, 3, "GPE")),
    )
    assert ents(d) == [("Kazakhstan", "GPE")]
    assert triggers(d) == [("Protests", "Protest")]


def test_gazetteer_corrects_a_city_tagged_as_organisation() -> None:
    d = doc("Bandits/NNS/nsubj/1/bandit attacked/VBD/ROOT/1/attack Almaty/NNP/dobj/1 ./././1", ((2, 3, "ORG"),))
    assert ("Almaty", "GPE") in ents(d) and ("Bandits", "GROUP") in ents(d)


@pytest.mark.parametrize(
    ("tokens", "span", "name"),
    [
        # "Google" was for a month another name of Topeka; "White House" is Casablanca's, in English
        ("Investors/NNS/nsubj/3/investor in/IN/prep/0 Google/NNP/pobj/1 grew/VBD/ROOT/3 ./././3", (2, 3), "Google"),
        (
            "Critics/NNS/nsubj/4/critic of/IN/prep/0 White/NNP/compound/3 House/NNP/pobj/1 grew/VBD/ROOT/4 ./././4",
            (2, 4),
            "White House",
        ),
    ],
)
def test_an_organisation_named_by_a_citys_other_name_stays_an_organisation(
    tokens: str, span: tuple[int, int], name: str
) -> None:
    d = doc(tokens, ((*span, "ORG"),))
    assert (name, "ORG") in ents(d)


def test_collective_groups_keep_their_modifiers_but_not_counts() -> None:
    d = doc(
        "26/CD/nummod/2 violent/JJ/amod/2 protesters/NNS/nsubjpass/7 and/CC/cc/2 telecom/NN/compound/5 "
        "providers/NNS/conj/2 were/VBD/auxpass/7/be hit/VBN/ROOT/7/hit ./././7",
        ((0, 1, "CARDINAL"),),
    )
    assert ("violent protesters", "GROUP") in ents(d) and ("telecom providers", "GROUP") in ents(d)


def test_a_modifier_noun_is_not_a_group() -> None:
    d = doc("a/DT/det/2 police/NN/compound/2/police spokeswoman/NN/nsubj/3 said/VBD/ROOT/3/say ./././3")
    assert ents(d) == []


def test_a_demonym_modifier_is_part_of_a_group_name_but_a_demonym_noun_is_a_group() -> None:
    d = doc("Russian/JJ/amod/1 troops/NNS/nsubj/2/troop arrived/VBD/ROOT/2/arrive ./././2", ((0, 1, "NORP"),))
    assert ents(d) == [("Russian troops", "GROUP")]
    d = doc("the/DT/det/1 Kazakhs/NNPS/nsubj/2/kazakh protested/VBD/ROOT/2/protest ./././2", ((1, 2, "NORP"),))
    assert ents(d) == [("Kazakhs", "GROUP")]
    assert triggers(d) == [("protested", "Protest")]


@pytest.mark.parametrize(
    ("title", "label"),
    [("Shri", [("Shri V Ramesh", "PERSON")]), ("St", [])],
)
def test_an_honorific_before_an_untagged_name_marks_a_person_but_st_does_not(title: str, label: list) -> None:
    d = doc(
        f"Police/NNS/nsubj/1/police arrested/VBD/ROOT/1/arrest {title}/NNP/compound/4 V/NNP/compound/4 "
        "Ramesh/NNP/dobj/1 ./././1"
    )
    assert [e for e in ents(d) if e[1] == "PERSON"] == label


def test_a_name_ending_in_a_street_or_ground_word_is_a_facility_not_a_person() -> None:
    d = doc(
        "Crowds/NNS/nsubj/1/crowd marched/VBD/ROOT/1/march to/IN/prep/1 Sardar/NNP/compound/5 "
        "Patel/NNP/compound/5 Marg/NNP/pobj/2 ./././1",
        ((3, 6, "PERSON"),),
    )
    assert ("Sardar Patel Marg", "FAC") in ents(d)


def test_tear_gas_and_a_gold_medal_are_no_assets_but_gold_prices_are() -> None:
    d = doc(
        "Police/NNS/nsubj/1/police fired/VBD/ROOT/1/fire tear/NN/compound/3 gas/NN/dobj/1 as/IN/mark/7 "
        "gold/NN/compound/6 prices/NNS/nsubj/7/price rose/VBD/advcl/1/rise ./././1"
    )
    assert [e for e in ents(d) if e[1] == "ASSET"] == [("gold", "ASSET")]
    d = doc("She/PRP/nsubj/1 won/VBD/ROOT/1/win the/DT/det/4 gold/NN/compound/4 medal/NN/dobj/1 ./././1")
    assert [e for e in ents(d) if e[1] == "ASSET"] == []


@pytest.mark.parametrize(
    ("tokens", "at", "expected"),
    [
        # the small pipeline calls a phone virus a place
        ("The/DT/det/1 Cabir/NNP/nsubj/2 spreads/VBZ/ROOT/2/spread ./././2", 1, []),
        # a village after "in" is one, and so is a country the gazetteer knows, wherever it stands
        (
            "He/PRP/nsubj/1 lives/VBZ/ROOT/1/live in/IN/prep/1 Blaengwynfi/NNP/pobj/2 ./././1",
            3,
            [("Blaengwynfi", "GPE")],
        ),
        ("Kazakhstan/NNP/nsubj/1 protested/VBD/ROOT/1/protest ./././1", 0, [("Kazakhstan", "GPE")]),
    ],
)
def test_a_place_neither_the_gazetteer_nor_a_preposition_knows_is_no_place(
    tokens: str, at: int, expected: list[tuple[str, str]]
) -> None:
    assert ents(doc(tokens, ((at, at + 1, "GPE"),))) == expected


def test_a_currency_a_number_counts_is_an_amount_of_money_but_a_commodity_stays_an_asset() -> None:
    # "a loss of 27.2m euros": the NER read "27.2" as a number and left the euros a currency
    d = doc(
        "It/PRP/nsubj/1 made/VBD/ROOT/1/make loss/NN/dobj/1 of/IN/prep/2 27.2/CD/nummod/6 m/NN/compound/6 "
        "euros/NNS/pobj/3/euro ./././1",
        ((4, 5, "CARDINAL"),),
    )
    assert ents(d) == [("27.2 m euros", "MONEY")]
    d = doc("the/DT/det/3 2005/CD/nummod/3 oil/NN/compound/3 prices/NNS/ROOT/3/price", ((1, 2, "DATE"),))
    assert ents(d) == [("2005", "DATE"), ("oil", "ASSET")]


@pytest.mark.parametrize(
    ("words", "span"),
    [
        ("The/DT/det/3 Deputy/NNP/compound/3 Inspector/NNP/compound/3 General/NNP/nsubj/4", (1, 4)),
        ("Police/NNS/compound/3 on/IN/prep/0 Tue/NNP/compound/3 Jul/NNP/nsubj/4", (2, 4)),
    ],
)
def test_titles_or_calendar_words_alone_are_no_person(words: str, span: tuple[int, int]) -> None:
    d = doc(f"{words} spoke/VBD/ROOT/4/speak ./././4", ((*span, "PERSON"),))
    assert [e for e in ents(d) if e[1] == "PERSON"] == []


def test_a_two_word_state_tagged_as_organisation_is_a_place_unless_it_modifies_a_noun() -> None:
    d = doc(
        "The/DT/det/1 strike/NN/nsubj/2 hit/VBD/ROOT/2 Andhra/NNP/compound/4 Pradesh/NNP/dobj/2 ./././2",
        ((3, 5, "ORG"),),
    )
    assert ("Andhra Pradesh", "GPE") in ents(d)
    d = doc(
        "The/DT/det/3 Andhra/NNP/compound/2 Pradesh/NNP/compound/3 government/NN/nsubj/4 "
        "resigned/VBD/ROOT/4/resign ./././4",
        ((1, 3, "ORG"),),
    )
    assert ("Andhra Pradesh", "GPE") not in ents(d)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [("bomb/NN/nsubj/2", [("exploded", "Attack")]), ("deficit/NN/nsubj/2", [])],
)
def test_a_weapon_that_explodes_is_an_attack_but_a_deficit_that_explodes_is_not(subject: str, expected: list) -> None:
    d = doc(f"A/DT/det/1 {subject} exploded/VBD/ROOT/2/explode ./././2")
    assert triggers(d) == expected


@pytest.mark.parametrize(
    ("tokens", "ents_", "expected"),
    [
        ("WorldCom/NNP/nsubj/1 collapsed/VBD/ROOT/1/collapse ./././1", ((0, 1, "ORG"),), [("collapsed", "Bankruptcy")]),
        ("the/DT/det/1 bank/NN/nsubj/2 collapsed/VBD/ROOT/2/collapse ./././2", (), [("collapsed", "Bankruptcy")]),
        ("the/DT/det/1 talks/NNS/nsubj/2/talk collapsed/VBD/ROOT/2/collapse ./././2", (), []),
        (
            "the/DT/det/1 firm+/NN/poss/3 's/POS/case/1 collapse/NN/ROOT/3 ./././3",
            (),
            [("collapse", "Bankruptcy")],
        ),
        ("the/DT/det/1 collapse/NN/ROOT/1 of/IN/prep/1 communism/NN/pobj/2 ./././1", (), []),
    ],
)
def test_a_firm_that_collapses_goes_bankrupt_but_talks_or_communism_do_not(
    tokens: str, ents_: tuple[tuple[int, int, str], ...], expected: list
) -> None:
    assert triggers(doc(tokens, ents_)) == expected


@pytest.mark.parametrize(
    ("tokens", "ents_", "expected"),
    [
        # "{measure} slip": a measure that slips falls, a price that slips is a price fall, and the
        # amount it slips by is no object
        (
            "Retail/JJ/amod/1 sales/NNS/nsubj/2/sale slipped/VBD/ROOT/2/slip 0.3+/CD/nummod/4 %/NN/dobj/2 ./././2",
            ((3, 5, "PERCENT"),),
            [("slipped", "Decline")],
        ),
        ("Shares/NNS/nsubj/1/share slipped/VBD/ROOT/1/slip ./././1", (), [("slipped", "PriceFall")]),
        ("the/DT/det/1 economy/NN/nsubj/2 cooled/VBD/ROOT/2/cool ./././2", (), [("cooled", "Decline")]),
        ("sales/NNS/nsubj/1/sale picked/VBD/ROOT/1/pick up/RP/prt/1 ./././1", (), [("picked up", "Increase")]),
        # whoever else slips, or whatever else is picked up, keeps WordNet's sense
        ("He/PRP/nsubj/1 slipped/VBD/ROOT/1/slip ./././1", (), []),
        ("Police/NNS/nsubj/1/police picked/VBD/ROOT/1/pick up/RP/prt/1 sales/NNS/dobj/1/sale ./././1", (), []),
    ],
)
def test_a_measure_that_slips_falls_and_one_that_picks_up_rises(
    tokens: str, ents_: tuple[tuple[int, int, str], ...], expected: list
) -> None:
    assert triggers(doc(tokens, ents_)) == expected


@pytest.mark.parametrize("text", ["{measure} slip {price}", "{measure}"])
def test_a_subject_class_is_a_verbs_only_constraint(text: str) -> None:
    with pytest.raises(ValueError, match="bad trigger"):
        lexicon._parse_trigger("Decline", text, noun=False)
    with pytest.raises(ValueError, match="bad trigger"):
        lexicon._parse_trigger("Decline", "{measure} fall", noun=True)


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        ("Thousands/NNS/nsubj/1/thousand demonstrated/VBD/ROOT/1/demonstrate ./././1", [("demonstrated", "Protest")]),
        (
            "Students/NNS/nsubj/1/student demonstrated/VBD/ROOT/1/demonstrate against/IN/prep/1 fees/NNS/pobj/2/fee",
            [("demonstrated", "Protest")],
        ),
        # "demonstrate {intransitive}": what it acts on, an object or a clause, makes it "show"
        ("The/DT/det/1 book/NN/nsubj/2 demonstrates/VBZ/ROOT/2/demonstrate the/DT/det/4 rift/NN/dobj/2", []),
        (
            "This/DT/nsubj/1 demonstrates/VBZ/ROOT/1/demonstrate that/IN/mark/4 it/PRP/nsubj/4 works/VBZ/ccomp/1/work",
            [],
        ),
    ],
)
def test_people_who_demonstrate_protest_but_what_demonstrates_something_shows_it(tokens: str, expected: list) -> None:
    assert [t for t in triggers(doc(tokens)) if t[0].startswith("demonstrat")] == expected


def test_beating_a_team_is_no_attack_beating_protesters_is_and_beating_to_death_kills() -> None:
    team = doc("Bayern/NNP/nsubj/1 beat/VBD/ROOT/1/beat Dortmund/NNP/dobj/1 ./././1", ((0, 1, "ORG"), (2, 3, "PERSON")))
    assert triggers(team) == []
    crowd = doc("Police/NNS/nsubj/1/police beat/VBD/ROOT/1/beat protesters/NNS/dobj/1/protester ./././1")
    assert triggers(crowd) == [("beat", "Attack")]
    # beaten or stabbed "to death" is a killing, whoever the victim
    killed = doc(
        "Mousa/NNP/nsubjpass/2 was/VBD/auxpass/2/be beaten/VBN/ROOT/2/beat to/IN/prep/2 death/NN/pobj/3 ./././2",
        ((0, 1, "PERSON"),),
    )
    assert triggers(killed) == [("beaten to death", "Killing")]


def test_a_bid_is_an_offer_and_a_bid_battle_no_violence() -> None:
    # "Euronext launched a bid for the LSE", "Qwest has bid $6.3bn": offers, not WordNet's
    # "bid" (an instruction, a communication); so "a bid battle" is fought over one, no clash
    offer = doc(
        "Euronext/NNP/nsubj/1 launched/VBD/ROOT/1/launch a/DT/det/3 bid/NN/dobj/1 for/IN/prep/3 LSE/NNP/pobj/4 ./././1",
        ((0, 1, "ORG"), (5, 6, "ORG")),
    )
    assert ("bid", "Offer") in triggers(offer)
    qwest = doc("Qwest/NNP/nsubj/2 has/VBZ/aux/2/have bid/VBN/ROOT/2/bid ./././2", ((0, 1, "ORG"),))
    assert triggers(qwest) == [("bid", "Offer")]
    battle = doc("a/DT/det/2 bid/NN/compound/2 battle/NN/ROOT/2 ./././2")
    assert triggers(battle) == []


def test_a_site_introduces_an_outlet_name_but_the_protest_site_is_no_organisation() -> None:
    site = doc("they/PRP/nsubj/1 left/VBD/ROOT/1/leave the/DT/det/4 protest/NN/compound/4 site/NN/dobj/1 ./././1")
    assert ents(site) == []
    website = doc("the/DT/det/2 news/NN/compound/2 website/NN/nsubj/3 said/VBD/ROOT/3/say ./././3")
    assert ents(website) == [("news website", "ORGDESC")]


def test_an_organisation_that_is_titles_then_a_name_is_a_person_and_titles_alone_are_no_one() -> None:
    titled = doc(
        "District/NNP/compound/4 Collector/NNP/compound/4 B./NNP/compound/4 Janardhan/NNP/compound/4 "
        "Reddy/NNP/nsubj/5 spoke/VBD/ROOT/5/speak ./././5",
        ((0, 5, "ORG"),),
    )
    assert ents(titled) == [("District Collector B. Janardhan Reddy", "PERSON")]
    council = doc(
        "District/NNP/compound/2 Congress/NNP/compound/2 Committee/NNP/nsubj/3 met/VBD/ROOT/3/meet ./././3",
        ((0, 3, "ORG"),),
    )
    assert ents(council) == [("District Congress Committee", "ORG")]
    title = doc(
        "Deputy/NNP/compound/2 Inspector/NNP/compound/2 General/NNP/nsubj/3 spoke/VBD/ROOT/3/speak ./././3",
        ((0, 3, "ORG"),),
    )
    assert ents(title) == []
    company = doc("General/NNP/compound/1 Motors/NNPS/nsubj/2 rose/VBD/ROOT/2/rise ./././2", ((0, 2, "ORG"),))
    assert ents(company) == [("General Motors", "ORG")]
    body = doc(
        "Student/NNP/compound/2 Representative/NNP/compound/2 Council/NNP/nsubj/3 met/VBD/ROOT/3/meet ./././3",
        ((0, 3, "ORG"),),
    )
    assert ents(body) == [("Student Representative Council", "ORG")]


def test_a_plural_name_is_a_group_not_a_person() -> None:
    d = doc(
        "the/DT/det/2 Lib/NNP/compound/2 Dems/NNPS/nsubj/3 said/VBD/ROOT/3/say ./././3",
        ((1, 3, "PERSON"),),
    )
    assert ents(d) == [("Lib Dems", "GROUP")]
    # a name the tagger reads as plural, after a role it stands in apposition to, is one person
    d = doc(
        "the/DT/det/1 Superintendent/NNP/nsubj/5 ,/,/punct/1 Mick/NNP/compound/4 Deats/NNPS/appos/1 "
        "said/VBD/ROOT/5/say ././punct/5",
        ((3, 5, "PERSON"),),
    )
    assert ents(d) == [("Mick Deats", "PERSON")]
    # a first name, then a surname read as plural: "Warren Jeffs was charged"; not "the young Billy Elliots"
    d = doc(
        "Warren/NNP/compound/1 Jeffs/NNPS/nsubjpass/3 was/VBD/auxpass/3/be charged/VBN/ROOT/3/charge",
        ((0, 2, "PERSON"),),
    )
    assert ents(d) == [("Warren Jeffs", "PERSON")]
    d = doc(
        "the/DT/det/3 young/JJ/amod/3 Billy/NNP/compound/3 Elliots/NNPS/nsubj/4 sang/VBD/ROOT/4/sing ./././4",
        ((2, 4, "PERSON"),),
    )
    assert ents(d) == [("Billy Elliots", "GROUP")]


def test_a_one_word_organisation_the_ner_tagged_once_is_tagged_where_written_again() -> None:
    # "Labour is targeted . Labour say ...": the small NER tagged the first and read the second as a noun
    d = doc(
        "Labour/NNP/nsubjpass/2 is/VBZ/auxpass/2/be targeted/VBN/ROOT/2/target ./././2 "
        "Labour/NN/nsubj/5 say/VBP/ROOT/5 so/RB/advmod/5 ./././5",
        ((0, 1, "ORG"),),
    )
    assert ents(d) == [("Labour", "ORG"), ("Labour", "ORG")]
    # a lowercase word is no name: "labour costs"
    lower = doc(
        "voters/NNS/nsubj/1/voter back/VBP/ROOT/1 Labour/NNP/dobj/1 ./././1 "
        "labour/NN/compound/5 costs/NNS/nsubj/6/cost rose/VBD/ROOT/6/rise",
        ((2, 3, "ORG"),),
    )
    assert [e for e in ents(lower) if e[1] == "ORG"] == [("Labour", "ORG")]


@pytest.mark.parametrize("name", ["McConnell", "DeGeneres", "LaRue"])
def test_a_name_with_a_capital_inside_is_a_name(name: str) -> None:
    # str.istitle() refuses these; the tagger dropped every one-word "McConnell" the NER found
    d = doc(f"{name}/NNP/nsubj/1 said/VBD/ROOT/1/say ./././1", ((0, 1, "PERSON"),))
    assert ents(d) == [(name, "PERSON")]
    # and finds it where the NER did not, after a person named in full
    named = doc(
        f"Jack/NNP/compound/1 {name}/NNP/nsubj/2 spoke/VBD/ROOT/2/speak ./././2 "
        f"{name}/NNP/nsubj/5 left/VBD/ROOT/5/leave ./././5",
        ((0, 2, "PERSON"),),
    )
    assert ents(named) == [(f"Jack {name}", "PERSON"), (name, "PERSON")]


def test_a_one_word_name_after_the_is_no_person() -> None:
    # "during the Premiership win": a league, which the small NER took for a person
    d = doc(
        "during/IN/ROOT/0 the/DT/det/3 Premiership/NNP/compound/3 win/NN/pobj/0 ./././0",
        ((2, 3, "PERSON"),),
    )
    assert ents(d) == []
    named = doc("Robben/NNP/nsubj/1 won/VBD/ROOT/1/win ./././1", ((0, 1, "PERSON"),))
    assert ents(named) == [("Robben", "PERSON")]


def test_a_phrasal_trigger_needs_its_particle_not_a_later_preposition() -> None:
    took_over = doc(
        "Rosneft/NNP/nsubj/1 took/VBD/ROOT/1/take over/RP/prt/1 the/DT/det/4 unit/NN/dobj/1 ./././1",
        ((0, 1, "ORG"),),
    )
    assert ("took over", "Acquisition") in triggers(took_over)
    taken = doc(
        "no/DT/det/1 decision/NN/nsubjpass/4 has/VBZ/aux/4/have been/VBN/auxpass/4/be taken/VBN/ROOT/4/take "
        "yet/RB/advmod/4 over/IN/prep/4 the/DT/det/8 role/NN/pobj/6 ./././4"
    )
    assert [t for t in triggers(taken) if t[1] == "Acquisition"] == []


def test_a_persons_names_cut_in_two_by_the_tagger_are_one_name_but_two_people_stay_two() -> None:
    d = doc(
        "President/NNP/compound/3 Susilo/NNP/compound/3 Bambang/NNP/compound/3 Yudhoyono/NNP/nsubj/4 "
        "spoke/VBD/ROOT/4/speak ./././4",
        ((1, 3, "PERSON"), (3, 4, "PERSON")),
    )
    assert ents(d) == [("Susilo Bambang Yudhoyono", "PERSON")]
    d = doc(
        "rivals/NNS/nsubj/1 gave/VBD/ROOT/1/give Smith/NNP/dative/1 Jones/NNP/dobj/1 ./././1",
        ((2, 3, "PERSON"), (3, 4, "PERSON")),
    )
    assert ents(d) == [("Smith", "PERSON"), ("Jones", "PERSON")]


@pytest.mark.parametrize("last", ["Unit", "United", "Re", "Airways"])
def test_a_name_ending_in_a_word_for_a_body_is_an_organisation_not_a_person(last: str) -> None:
    tokens = f"Economist/NNP/compound/2 Intelligence/NNP/compound/2 {last}/NNP/nsubj/3 said/VBD/ROOT/3/say ./././3"
    assert ents(doc(tokens, ((0, 3, "PERSON"),))) == [(f"Economist Intelligence {last}", "ORG")]
    assert ents(doc(tokens, ((0, 3, "ORG"),))) == [(f"Economist Intelligence {last}", "ORG")]


def test_a_definite_change_noun_just_after_a_change_the_same_way_names_it_again() -> None:
    fell = "Shares/NNS/nsubj/1/share fell/VBD/ROOT/1/fall ./././1 "
    rose = "Shares/NNS/nsubj/1/share rose/VBD/ROOT/1/rise ./././1 "
    the_fall = "The/DT/det/4 fall/NN/nsubj/5 hurt/VBD/ROOT/5/hurt ./././5"
    assert triggers(doc(fell + the_fall)) == [("fell", "PriceFall"), ("fall", "PriceFall")]
    # a change the other way, or none before it: "the fall" alone says nothing of what fell
    assert triggers(doc(rose + the_fall)) == [("rose", "PriceRise")]
    assert triggers(doc(the_fall.replace("/4", "/1").replace("/5", "/2"))) == []


def test_a_name_after_an_honorific_is_a_person_whatever_the_ner_says() -> None:
    d = doc("Ms/NNP/compound/1 Blears/NNP/nsubj/2 spoke/VBD/ROOT/2/speak ./././2", ((0, 2, "ORG"),))
    assert ents(d) == [("Ms Blears", "PERSON")]
    d = doc("Home/NNP/compound/1 Office/NNP/nsubj/2 spoke/VBD/ROOT/2/speak ./././2", ((0, 2, "ORG"),))
    assert ents(d) == [("Home Office", "ORG")]


def test_a_persons_name_is_its_capitalised_words() -> None:
    # the tagger took a verb before the name and an amount after it
    d = doc("phone/NN/nsubj/1 rang/VBD/ROOT/1/ring Lucy/NNP/dobj/1 ./././1", ((1, 3, "PERSON"),))
    assert ents(d) == [("Lucy", "PERSON")]
    d = doc("courts/NNS/nsubj/1 paid/VBD/ROOT/1/pay Varig/NNP/dative/1 2bn/CD/dobj/1 ./././1", ((2, 4, "PERSON"),))
    assert ents(d) == [("Varig", "PERSON")]


def test_a_name_ends_before_a_verb_written_in_lower_case() -> None:
    # "The Chaplin Collection beat Oasis": the tagger ran the name on into the clause
    d = doc(
        "The/DT/det/2 Chaplin/NNP/compound/2 Collection/NNP/nsubj/3 beat/VBD/ROOT/3/beat Oasis/NNP/dobj/3 ./././3",
        ((1, 5, "ORG"),),
    )
    assert ents(d) == [("Chaplin Collection", "ORG")]
    d = doc("Bank/NNP/nsubj/3 of/IN/prep/0 America/NNP/pobj/1 rose/VBD/ROOT/3/rise ./././3", ((0, 3, "ORG"),))
    assert ents(d) == [("Bank of America", "ORG")]


@pytest.mark.parametrize(
    ("tokens", "span", "name"),
    [
        # "Fund manager Florian Hamm - Borussia Dortmund's largest investor - said": the tagger ran
        # the manager's name into the club's, which then stood for him
        (
            "manager/NN/compound/7 Florian/NNP/compound/2 Hamm/NNP/compound/7 -/HYPH/punct/2 Borussia/NNP/compound/5 "
            "Dortmund/NNP/poss/7 's/POS/case/5 investor/NN/nsubj/9 -/HYPH/punct/9 said/VBD/ROOT/9/say ./././9",
            (1, 6),
            "Florian Hamm",
        ),
        # "three ethnic minority MPs - Keith Vaz, Paul Boateng": the name is after the dash
        (
            "minority/NN/compound/1 MPs/NNPS/pobj/1 -/HYPH/punct/1 Keith/NNP/compound/4 Vaz/NNP/appos/1 ,/,/punct/4",
            (1, 5),
            "Keith Vaz",
        ),
        # a bracket too: "G Rowntree (Leicester), S Thompson (Northampton)" in a team list
        (
            "G/NNP/compound/1 Rowntree/NNP/ROOT/1 (/-LRB-/punct/1 Leicester/NNP/appos/1 )/-RRB-/punct/1",
            (0, 4),
            "G Rowntree",
        ),
        # a hyphen inside a name is written without spaces
        ("Peter+/NNP/compound/2 -+/HYPH/punct/2 Thilo/NNP/compound/3 Halser/NNP/ROOT/3", (0, 4), "Peter-Thilo Halser"),
    ],
)
def test_a_spaced_dash_or_a_bracket_ends_a_name_and_the_longest_part_is_the_name(
    tokens: str, span: tuple[int, int], name: str
) -> None:
    people = [e for e in ents(doc(tokens, ((*span, "PERSON"),))) if e[1] == "PERSON"]
    assert people == [(name, "PERSON")]  # "three ethnic minority MPs - Keith Vaz": the MPs are a group


def test_a_nationality_before_a_persons_name_is_no_part_of_it() -> None:
    # "Briton Hayley Yelling finished fifth": who she is, not her name
    d = doc(
        "Briton/NNP/compound/2 Hayley/NNP/compound/2 Yelling/NNP/nsubj/3 finished/VBD/ROOT/3/finish",
        ((0, 3, "PERSON"),),
    )
    assert ents(d) == [("Hayley Yelling", "PERSON")]
    d = doc("American/NNP/compound/1 Express/NNP/nsubj/2 cut/VBD/ROOT/2 jobs/NNS/dobj/2", ((0, 2, "ORG"),))
    assert ents(d) == [("American Express", "ORG")]


def test_first_names_the_tagger_left_out_join_the_name_but_a_title_phrase_does_not() -> None:
    d = doc(
        "Luiz/NNP/compound/2 Inacio/NNP/compound/2 Silva/NNP/nsubj/3 spoke/VBD/ROOT/3/speak ./././3",
        ((1, 3, "PERSON"),),
    )
    assert ents(d) == [("Luiz Inacio Silva", "PERSON")]
    d = doc(
        "Minister/NNP/nsubj/6 for/IN/prep/0 Children/NNPS/pobj/1 and/CC/cc/2 Families/NNP/compound/5 "
        "Hodge/NNP/appos/0 spoke/VBD/ROOT/6/speak ./././6",
        ((5, 6, "PERSON"),),
    )
    assert ("Hodge", "PERSON") in ents(d)


@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_the_name_of_a_law_is_no_actor(label: str) -> None:
    d = doc("the/DT/det/2 Finance/NNP/compound/2 Bill/NNP/nsubj/3 passed/VBD/ROOT/3/pass ./././3", ((1, 3, label),))
    assert ents(d) == []


def test_firing_an_officeholder_is_a_dismissal_and_firing_weapons_an_attack() -> None:
    fired = "Apple/NNP/nsubj/1 fired/VBD/ROOT/1/fire its/PRP$/poss/4 chief/JJ/amod/4 executive/NN/dobj/1"
    rockets = "Militants/NNS/nsubj/1/militant fired/VBD/ROOT/1/fire rockets/NNS/dobj/1/rocket"
    assert triggers(doc(fired, ((0, 1, "ORG"),))) == [("fired", "Resignation")]
    assert triggers(doc(rockets)) == [("fired", "Attack")]


@pytest.mark.parametrize(
    ("tokens", "ents_in"),
    [
        # "Oscar has eluded her" (NER: a person), "the Grammy Awards" (NER: a place)
        ("Oscar/NNP/nsubj/2 has/VBZ/aux/2/have eluded/VBN/ROOT/2/elude her/PRP/dobj/2", ((0, 1, "PERSON"),)),
        ("at/IN/ROOT/0 the/DT/det/3 Grammy/NNP/compound/3 Awards/NNPS/pobj/0", ((2, 4, "GPE"),)),
        # untagged, a plural proper name that could have been an organisation ("success at ...")
        ("success/NN/ROOT/0 at/IN/prep/0 the/DT/det/4 Golden/NNP/compound/4 Globes/NNPS/pobj/1", ()),
    ],
)
def test_an_award_is_no_actor_and_no_place(tokens: str, ents_in: tuple[tuple[int, int, str], ...]) -> None:
    assert ents(doc(tokens, ents_in)) == []


def test_a_headline_s_capitalised_words_that_tell_the_news_are_no_name() -> None:
    headline = (
        "Oil/NNP/compound/1 Prices/NNP/nsubj/2 Surge/VBP/ROOT/2/surge After/IN/prep/2 Saudi/NNP/compound/5 "
        "Attack/NNP/compound/7 Halts/NNP/compound/7 Output/NNP/pobj/3"
    )
    assert ents(doc(headline, ((4, 8, "ORG"),))) == [("Oil", "ASSET")]
    sentence = (
        "the/DT/det/3 Saudi/NNP/compound/3 Attack/NNP/compound/3 Committee/NNP/nsubj/4 met/VBD/ROOT/4/meet "
        "on/IN/prep/4 Monday/NNP/pobj/5 ./././4"
    )
    assert ("Saudi Attack Committee", "ORG") in ents(doc(sentence, ((1, 4, "ORG"),)))


def test_a_multi_word_trigger_is_one_event_and_a_verb_that_carries_an_event_noun_is_none() -> None:
    declared = (
        "he/PRP/nsubj/1 declared/VBD/ROOT/1/declare a/DT/det/3 state/NN/dobj/1 of/IN/prep/3 emergency/NN/pobj/4 "
        "and/CC/cc/1 imposed/VBD/conj/1/impose a/DT/det/9 curfew/NN/dobj/7 ./././1"
    )
    assert triggers(doc(declared)) == [("state of emergency", "Curfew"), ("curfew", "Curfew")]
    # the same verb with an object that names no event is the event: "imposed tariffs"
    tariffs = "he/PRP/nsubj/1 imposed/VBD/ROOT/1/impose tariffs/NNS/dobj/1/tariff ./././1"
    assert triggers(doc(tariffs)) == [("imposed", "PolicyChange")]


def test_a_one_word_person_with_shares_or_profits_is_a_company() -> None:
    shares = "Yukos/NNP/compound/1 shares/NNS/nsubj/2/share fell/VBD/ROOT/2/fall ./././2"
    assert ents(doc(shares, ((0, 1, "PERSON"),))) == [("Yukos", "ORG")]
    plans = "Blair/NNP/poss/2 's/POS/case/0 plans/NNS/nsubj/3/plan failed/VBD/ROOT/3/fail ./././3"
    assert ents(doc(plans, ((0, 1, "PERSON"),))) == [("Blair", "PERSON")]


def test_the_first_word_of_an_organisation_named_in_full_is_that_organisation() -> None:
    # "Jet Airways ... Jet, which was founded by Naresh Goyal": the NER took "Jet" for a person
    jet = (
        "They/PRP/nsubj/1 bought/VBD/ROOT/1/buy Jet/NNP/compound/3 Airways/NNP/dobj/1 ./././1 "
        "Jet/NNP/nsubj/6 grew/VBD/ROOT/6/grow ./././6"
    )
    assert ents(doc(jet, ((2, 4, "ORG"), (5, 6, "PERSON")))) == [("Jet Airways", "ORG"), ("Jet", "ORG")]
    # but a person named in full in the article keeps the name: "Morgan Stanley ... Peter Morgan"
    morgan = jet.replace("Jet/NNP/nsubj/6", "Peter/NNP/compound/6 Morgan/NNP/nsubj/7").replace("/6", "/7")
    morgan = morgan.replace("Jet/NNP/compound/3", "Morgan/NNP/compound/3")
    expected = [("Morgan Airways", "ORG"), ("Peter Morgan", "PERSON")]
    assert ents(doc(morgan, ((2, 4, "ORG"), (5, 7, "PERSON")))) == expected
    # nor is it a body's where the body's last word is a person's too: "Laci and Conner", both people
    laci = (
        "Laci/NNP/nsubj/1 met/VBD/ROOT/1/meet Conner/NNP/dobj/1 ./././1 Laci/NNP/nsubj/7 and/CC/cc/4 "
        "Conner/NNP/conj/4 vanished/VBD/ROOT/7/vanish ./././7"
    )
    people = ents(doc(laci, ((0, 1, "PERSON"), (2, 3, "PERSON"), (4, 7, "ORG"))))
    assert people[0] == ("Laci", "PERSON")


def test_a_capitalised_asset_the_tagger_took_for_an_adjective_is_an_asset() -> None:
    # a headline's "Bitcoin slumps", parsed as an adjective and a noun
    d = doc("Bitcoin/JJ/amod/1 slumps/NNS/ROOT/1/slump")
    assert ents(d) == [("Bitcoin", "ASSET")]
    assert triggers(d) == [("slumps", "PriceFall")]
    assert ents(doc("bitcoin/JJ/amod/1 slumps/NNS/ROOT/1/slump")) == []  # a lower-case adjective: a modifier


def test_a_word_capitalised_only_as_a_sentences_first_is_no_name() -> None:
    template = "Spyware/NNP/nsubj/1 spreads/VBZ/ROOT/1/spread ./././1 users/NNS/nsubj/4 fear/VBP/ROOT/4 {} ./././4"
    assert ents(doc(template.format("spyware/NN/dobj/4"), ((0, 1, "ORG"),))) == []
    # written with a capital inside a sentence too: a name ("Labour ... voters fear Labour"), both times
    assert ents(doc(template.format("Spyware/NNP/dobj/4"), ((0, 1, "ORG"),))) == [("Spyware", "ORG")] * 2
    # but not when the capital is only inside a longer name ("under the Spyware Act")
    law = template.format("spyware/NN/dobj/4 under/IN/prep/4 the/DT/det/9 Spyware/NNP/compound/9 Act/NNP/pobj/6")
    assert ents(doc(law, ((0, 1, "ORG"), (8, 10, "LAW")))) == []


def test_a_word_of_time_that_opens_a_sentence_is_not_part_of_the_name() -> None:
    tokens = (
        "Past/JJ/amod/3 Congressional/NNP/compound/2 Budget/NNP/compound/3 Office/NNP/compound/4 "
        "forecasts/NNS/nsubj/5 said/VBD/ROOT/5/say ./././5"
    )
    assert ents(doc(tokens, ((0, 4, "ORG"),))) == [("Congressional Budget Office", "ORG")]


@pytest.mark.parametrize(
    ("clause", "at", "label"),
    [
        ("Houston/NNP/nsubj/5 left/VBD/ROOT/5/leave", 4, "PERSON"),  # the man named in full before
        ("he/PRP/nsubj/5 lives/VBZ/ROOT/5/live in/IN/prep/5 Houston/NNP/pobj/6", 7, "GPE"),  # where a place stands
        ("he/PRP/nsubj/5 went/VBD/ROOT/5/go to/IN/prep/5 Mr/NNP/compound/8 Houston/NNP/pobj/6", 8, "PERSON"),
    ],
)
def test_a_persons_surname_alone_is_that_person_not_a_place(clause: str, at: int, label: str) -> None:
    tokens = f"John/NNP/compound/1 Houston/NNP/nsubj/2 spoke/VBD/ROOT/2/speak ./././2 {clause} ./././5"
    d = doc(tokens, ((0, 2, "PERSON"), (at, at + 1, "GPE")))
    assert ents(d) == [("John Houston", "PERSON"), ("Houston", label)]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Cyril/NNP/compound/1 Pollard/NNP/nsubj/2", "PERSON"),  # a name in full, its surname a person's
        ("Cyril/NNP/compound/1 Council/NNP/nsubj/2", "ORG"),  # a body's word ends it
        ("Deutsche/NNP/compound/1 Pollard/NNP/nsubj/2", "ORG"),  # no first name opens it
    ],
)
def test_a_name_in_full_the_tagger_called_a_body_is_a_person_whose_surname_is_written_alone(
    name: str, label: str
) -> None:
    tokens = f"{name} rejected/VBD/ROOT/2/reject ./././2 Pollard/NNP/nsubj/5 said/VBD/ROOT/5/say ./././5"
    d = doc(tokens, ((0, 2, "ORG"), (4, 5, "PERSON")))
    assert ents(d)[0] == (d[0:2].text, label)


@pytest.mark.parametrize(
    ("clause", "found"),
    [
        ("Hoddle/NNP/nsubj/7 began/VBD/ROOT/7/begin", [("Hoddle", "PERSON")]),  # the NER left it out
        ("Banks/NNS/nsubj/7 told/VBD/ROOT/7/tell", [("Banks", "PERSON")]),  # not the group "banks"
        ("he/PRP/nsubj/7 lives/VBZ/ROOT/7/live in/IN/prep/7 Hoddle/NNP/pobj/8", []),  # where a place stands
    ],
)
def test_the_surname_alone_of_a_person_named_in_full_is_that_person_where_the_ner_left_it(
    clause: str, found: list[tuple[str, str]]
) -> None:
    named = "Glenn/NNP/compound/1 Hoddle/NNP/nsubj/2 met/VBD/ROOT/2/meet Mike/NNP/compound/4 Banks/NNP/dobj/2 ./././2"
    d = doc(f"{named} {clause} ./././7", ((0, 2, "PERSON"), (3, 5, "PERSON")))
    assert ents(d) == [("Glenn Hoddle", "PERSON"), ("Mike Banks", "PERSON"), *found]


@pytest.mark.parametrize(
    ("clause", "at", "label"),
    [
        ("I/PRP/nsubj/5 congratulate/VBP/ROOT/5/congratulate Paul/NNP/dobj/5", 6, "PERSON"),
        ("he/PRP/nsubj/5 lives/VBZ/ROOT/5/live in/IN/prep/5 Paul/NNP/pobj/6", 7, "GPE"),  # where a place stands
    ],
)
def test_a_place_named_like_a_persons_first_name_is_that_person(clause: str, at: int, label: str) -> None:
    tokens = f"Paul/NNP/compound/1 Boateng/NNP/nsubj/2 spoke/VBD/ROOT/2/speak ./././2 {clause} ./././5"
    d = doc(tokens, ((0, 2, "PERSON"), (at, at + 1, "GPE")))
    assert ents(d) == [("Paul Boateng", "PERSON"), ("Paul", label)]


def test_a_country_is_no_surname_even_in_a_name_the_tagger_took_for_a_person() -> None:
    tokens = (
        "Hotel/NNP/compound/1 Rwanda/NNP/nsubj/2 won/VBD/ROOT/2/win ./././2 "
        "Rwanda/NNP/nsubj/5 voted/VBD/ROOT/5/vote ./././5"
    )
    assert ("Rwanda", "GPE") in ents(doc(tokens, ((0, 2, "PERSON"), (4, 5, "GPE"))))


def test_a_person_with_a_digit_in_the_name_is_a_body_or_no_name() -> None:
    assert ents(doc("O2/NNP/nsubj/1 grew/VBD/ROOT/1/grow ./././1", ((0, 1, "PERSON"),))) == [("O2", "ORG")]
    score = "Wales/NNP/nsubj/1 won/VBD/ROOT/1/win 13/CD/dobj/1 ./././1"
    assert ents(doc(score, ((0, 3, "PERSON"),))) in ([], [("Wales", "GPE")])
    assert ("Wales 13", "PERSON") not in ents(doc(score, ((0, 3, "PERSON"),)))


def test_a_name_after_an_honorific_is_a_person_whatever_kind_of_place_the_ner_says() -> None:
    d = doc("Mr/NNP/compound/1 Croft/NNP/nsubj/2 spoke/VBD/ROOT/2/speak ./././2", ((0, 2, "FAC"),))
    assert ents(d) == [("Mr Croft", "PERSON")]


def test_according_to_a_surname_names_a_source_not_a_place() -> None:
    tokens = (
        "Milan/NNP/compound/1 Mandaric/NNP/nsubj/2 spoke/VBD/ROOT/2/speak ./././2 "
        "{}/VBG/prep/9 to/IN/prep/4 Mandaric/NNP/pobj/5 ,/,/punct/9 he/PRP/nsubj/9 left/VBD/ROOT/9/leave ./././9"
    )
    spans = ((0, 2, "PERSON"), (6, 7, "GPE"))
    assert ents(doc(tokens.format("According"), spans))[1] == ("Mandaric", "PERSON")
    assert ents(doc(tokens.format("Travelling"), spans))[1] == ("Mandaric", "GPE")  # "travelling to ...": a place


def test_a_one_word_person_that_owns_a_person_is_an_organisation() -> None:
    tokens = "Labour/NNP/poss/3 's/POS/case/0 Elizabeth/NNP/compound/3 Blackman/NNP/nsubj/4 won/VBD/ROOT/4/win ./././4"
    assert ents(doc(tokens, ((0, 1, "PERSON"), (2, 4, "PERSON")))) == [
        ("Labour", "ORG"),
        ("Elizabeth Blackman", "PERSON"),
    ]


@pytest.mark.parametrize(("thing", "expected"), [("windows/NNS", [("smashed", "Destruction")]), ("records/NNS", [])])
def test_smashing_property_is_destruction_but_smashing_records_is_not(thing: str, expected: list) -> None:
    d = doc(f"protesters/NNS/nsubj/1 smashed/VBD/ROOT/1/smash {thing}/dobj/1 ./././1")
    assert triggers(d) == expected


def test_a_name_has_a_capital() -> None:
    tokens = "damage/NN/nsubj/1 spread/VBD/ROOT/1/spread by/IN/agent/1 tsunamis/NNS/pobj/2 ./././1"
    assert ents(doc(tokens, ((3, 4, "ORG"),))) == []
    assert ents(doc("U2/NNP/nsubj/1 played/VBD/ROOT/1/play ./././1", ((0, 1, "ORG"),))) == [("U2", "ORG")]


@pytest.mark.parametrize(("role", "label"), [("spokesman/NN", "PERSON"), ("analysts/NNS", "ORG")])
def test_a_name_after_a_singular_role_noun_is_a_person(role: str, label: str) -> None:
    tokens = f"party/NN/compound/1 {role}/compound/3 Glyn/NNP/compound/3 Davies/NNP/nsubj/4 said/VBD/ROOT/4/say ./././4"
    assert ents(doc(tokens, ((2, 4, "ORG"),))) == [("Glyn Davies", label)]


@pytest.mark.parametrize(("after", "place"), [("", False), (" stadium/NN/pobj/1", True)])
def test_an_organisations_possession_is_a_product_not_a_place_unless_it_names_one(after: str, place: bool) -> None:
    # "they left Sony's Bernabeu" (a product) / "they left Sony's Bernabeu stadium" (a place)
    head = 5 if after else 1
    tokens = (
        f"they/PRP/nsubj/1 left/VBD/ROOT/1/leave Sony/NNP/poss/{head} 's/POS/case/2 "
        f"Bernabeu/NNP/{'compound' if after else 'dobj'}/{head}{after} ./././1"
    )
    found = ents(doc(tokens, ((2, 3, "ORG"), (4, 5, "FAC"))))
    assert (("Bernabeu", "FAC") in found) == place


def test_a_name_in_apposition_to_a_role_noun_is_a_person_but_a_one_word_name_after_one_may_be_a_body() -> None:
    tokens = (
        "the/DT/det/1 leader/NN/nsubj/5 ,/,/punct/1 Nicola/NNP/compound/4 Sturgeon/NNP/appos/1 "
        "spoke/VBD/ROOT/5/speak ./././5"
    )
    assert ents(doc(tokens, ((3, 5, "ORG"),))) == [("Nicola Sturgeon", "PERSON")]
    # "said Dinesh Keskar, vice president Boeing": the firm, whichever way the parser hangs it
    for president, boeing in (("compound/3", "dobj/0"), ("dobj/0", "appos/2")):
        tokens = f"said/VBD/ROOT/0/say vice/NN/compound/2 president/NN/{president} Boeing/NNP/{boeing} ./././0"
        assert ents(doc(tokens, ((3, 4, "ORG"),))) == [("Boeing", "ORG")]


def test_a_law_name_broken_by_brackets_is_no_person() -> None:
    tokens = (
        "the/DT/det/4 (/-LRB-/punct/4 Provisions/NNPS/compound/4 )/-RRB-/punct/4 Bill/NNP/nsubj/5 "
        "passed/VBD/ROOT/5/pass ./././5"
    )
    assert ents(doc(tokens, ((4, 5, "PERSON"),))) == []


def test_a_known_place_name_after_a_place_it_contains_is_a_place_whatever_the_ner_says() -> None:
    # "a man from Camberley, Surrey": the tagger calls Surrey a person; GeoNames knows it (a city
    # in Canada, too small to outweigh the tagger alone), and its place after a town makes it one
    words = "a/DT/det/1 man/NN/ROOT/1 from/IN/prep/1 Camberley/NNP/pobj/2 ,/,/punct/3 Surrey/NNP/appos/3 ././punct/1"
    d = doc(words, ((3, 4, "GPE"), (5, 6, "PERSON")))
    assert ("Surrey", "GPE") in ents(d)
    # after a person's name it stays what the tagger says
    d = doc(words.replace("from/IN/prep/1 Camberley", "with/IN/prep/1 Hassan"), ((3, 4, "PERSON"), (5, 6, "PERSON")))
    assert ("Surrey", "GPE") not in ents(d)


def test_an_opposition_to_something_is_a_stance_but_the_opposition_is_a_body() -> None:
    stance = doc(
        "he/PRP/nsubj/1 voiced/VBD/ROOT/1/voice his/PRP$/poss/4 staunch/JJ/amod/4 opposition/NN/dobj/1 "
        "to/IN/prep/4 the/DT/det/7 war/NN/pobj/5 ././punct/1"
    )
    assert ents(stance) == []
    body = doc("the/DT/det/1 opposition/NN/nsubj/2 called/VBD/ROOT/2/call a/DT/det/4 strike/NN/dobj/2 ././punct/2")
    assert ents(body) == [("opposition", "ORGDESC")]


def test_a_laws_name_is_no_actor_with_or_without_its_last_word_but_bill_clinton_is() -> None:
    law = "MPs/NNS/nsubj/1 debated/VBD/ROOT/1/debate the/DT/det/5 Mental/NNP/compound/5 Capacity/NNP/compound/5 "
    law += "Bill/NNP/dobj/1 ././punct/1"
    assert ents(doc(law, ((3, 6, "ORG"),))) == [("MPs", "GROUP")]
    assert ents(doc(law, ((3, 5, "ORG"),))) == [("MPs", "GROUP")]
    clinton = "Bill/NNP/compound/1 Clinton/NNP/nsubj/2 spoke/VBD/ROOT/2/speak ././punct/2"
    assert ents(doc(clinton, ((0, 2, "PERSON"),))) == [("Bill Clinton", "PERSON")]


@pytest.mark.parametrize(
    ("label", "role", "expected"),
    [
        ("GPE", "President/NNP", "PERSON"),  # "South African President Thabo Mbeki", a place to the small pipeline
        ("LOC", "official/JJ", "LOC"),  # "the official North East ...": an adjective, no role
        ("ORG", "official/JJ", "ORG"),
    ],
)
def test_a_name_after_a_role_is_a_person_whatever_the_tagger_says(label: str, role: str, expected: str) -> None:
    tokens = f"the/DT/det/3 {role}/compound/3 Thabo/NNP/compound/3 Mbeki/NNP/nsubj/4 spoke/VBD/ROOT/4/speak ./././4"
    assert ents(doc(tokens, ((2, 4, label),))) == [("Thabo Mbeki", expected)]


@pytest.mark.parametrize(
    ("before", "label", "expected"),
    [
        ("airline/NN", "GPE", "ORG"),  # "Italian airline Alitalia"
        ("supplier/NN", "PERSON", "ORG"),  # "telecoms equipment supplier Ericsson"
        ("makers/NNS", "PERSON", "PERSON"),  # "film-makers Roger Michell, Mike Leigh": a list of people
        ("village/NN", "GPE", "GPE"),  # no body's name follows a place noun
    ],
)
def test_a_name_just_after_an_organisation_noun_names_the_organisation(before: str, label: str, expected: str) -> None:
    tokens = f"Italian/JJ/amod/1 {before}/compound/2 Alitalia/NNP/nsubj/3 grew/VBD/ROOT/3/grow ./././3"
    assert ents(doc(tokens, ((2, 3, label),))) == [("Alitalia", expected)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("think+/NN/compound/3 -+/HYPH/punct/3 tank/NN/compound/4", "ORG"),  # "UK think-tank Demos"
        ("think/NN/compound/3 the/DT/det/3 tank/NN/compound/4", "PERSON"),  # a "tank" alone is no body
    ],
)
def test_an_organisation_noun_written_with_a_hyphen_is_read_whole(words: str, expected: str) -> None:
    # the tokenizer splits "think-tank" into three words
    tokens = f"UK/NNP/compound/4 {words} Demos/NNP/nsubj/5 said/VBD/ROOT/5/say ./././5"
    assert dict(ents(doc(tokens, ((4, 5, "PERSON"),))))["Demos"] == expected


def test_an_organisation_noun_names_a_company_the_tagger_missed() -> None:
    tokens = (
        "a/DT/det/1 unit/NN/ROOT/1 of/IN/prep/1 gas/NN/compound/4 monopoly/NN/compound/5 Gazprom/NNP/pobj/2 ./././1"
    )
    assert ("Gazprom", "ORG") in ents(doc(tokens))


@pytest.mark.parametrize(
    ("role", "expected"), [("economist/NN", "ORG"), ("protester/NN", "GPE"), ("economists/NNS", "GPE")]
)
def test_where_someone_in_a_role_works_is_an_organisation(role: str, expected: str) -> None:
    # "chief economist at Gerrard": the small pipeline takes a name it does not know for a place
    tokens = f"the/DT/det/1 {role}/nsubj/4 at/IN/prep/1 Gerrard/NNP/pobj/2 said/VBD/ROOT/4/say ./././4"
    assert dict(ents(doc(tokens, ((3, 4, "GPE"),))))["Gerrard"] == expected


@pytest.mark.parametrize(("appositive", "expected"), [("son/NN", "PERSON"), ("unit/NN", "ORG")])
def test_a_name_in_apposition_to_someones_relative_is_a_person(appositive: str, expected: str) -> None:
    # "a consortium which included Viktor Pinchuk, Mr Kuchma's son-in-law": the tagger says ORG
    tokens = (
        f"it/PRP/nsubj/1 included/VBD/ROOT/1/include Viktor/NNP/compound/3 Pinchuk/NNP/dobj/1 ,/,/punct/3 "
        f"his/PRP$/poss/6 {appositive}/appos/3 ./././1"
    )
    assert dict(ents(doc(tokens, ((2, 4, "ORG"),))))["Viktor Pinchuk"] == expected


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        ("Teachers/NNS/nsubj/2/teacher will/MD/aux/2 strike/VB/ROOT/2 ./././2", [("strike", "Protest")]),
        # "millions of workers could strike": what the number counts
        (
            "Millions/NNS/nsubj/4/million of/IN/prep/0 workers/NNS/pobj/1/worker could/MD/aux/4 strike/VB/ROOT/4 "
            "./././4",
            [("strike", "Protest")],
        ),
        ("unions/NNS/nsubj/1/union struck/VBD/ROOT/1/strike a/DT/det/3 deal/NN/dobj/1 ./././1", []),  # a deal
        ("lightning/NN/nsubj/1 struck/VBD/ROOT/1/strike ./././1", []),  # no one downs tools
    ],
)
def test_workers_who_strike_protest(tokens: str, expected: list) -> None:
    assert [t for t in triggers(doc(tokens)) if t[0] in ("strike", "struck")] == expected


@pytest.mark.parametrize(("last", "label"), [("Street/NNP", "FAC"), ("Freelove/NNP", "PERSON")])
def test_an_untagged_name_that_ends_in_a_street_word_is_a_facility_even_when_it_speaks(last: str, label: str) -> None:
    # "Downing Street has confirmed ...": the subject of a verb of saying, yet no person
    tokens = f"Downing/NNP/compound/1 {last}/nsubj/3 has/VBZ/aux/3/have confirmed/VBN/ROOT/3/confirm ./././3"
    assert ents(doc(tokens)) == [(f"Downing {last.split('/')[0]}", label)]


@pytest.mark.parametrize(
    ("modifier", "expected"),
    [("Iraq/NNP/compound/2", [("Iraq", "GPE")]), ("Foxtrot/NNP/compound/2", [])],
)
def test_an_untagged_country_that_modifies_a_noun_is_a_place(modifier: str, expected: list) -> None:
    # "after the start of the Iraq war": the small pipeline calls "the Iraq war" an event, no place
    tokens = f"the/DT/det/2 {modifier} war/NN/nsubj/3 began/VBD/ROOT/3/begin ./././3"
    assert ents(doc(tokens)) == expected


@pytest.mark.parametrize(
    ("mps", "ner"),
    [
        ("MPs/NN/nsubj/2/mps", ((0, 1, "ORG"),)),  # the tagger's singular noun, its lemma as written
        ("MPs/NNP/nsubj/2/MPs", ((0, 2, "ORG"),)),  # a name, and the NER's organisation
        ("MPs/NNS/nsubj/2", ((0, 1, "ORG"),)),  # read right
    ],
)
def test_an_acronyms_plural_names_a_group_however_the_tagger_read_it(
    mps: str, ner: tuple[tuple[int, int, str]]
) -> None:
    # "Labour MPs rebelled": MPs are members of parliament, whatever the tagger made of "MPs"
    d = doc(f"Labour/NNP/compound/1 {mps} rebelled/VBD/ROOT/2/rebel ./././2", ner)
    assert ents(d) == [("Labour MPs", "GROUP")]
    # an acronym's plural that names no collective actor stays what it was: "DVDs sold well"
    dvds = doc("DVDs/NN/nsubj/1/dvds sold/VBD/ROOT/1/sell well/RB/advmod/1 ./././1")
    assert ents(dvds) == []


def test_breaking_into_is_an_attack_only_on_property_or_a_place() -> None:
    shop = doc("thieves/NNS/nsubj/1/thief broke/VBD/ROOT/1/break into/IN/prep/1 the/DT/det/4 shop/NN/pobj/2 ./././1")
    assert triggers(shop) == [("broke", "Attack")]
    # "singles breaking into the Top 40", "broke into the first team": a chart, a side, no attack
    team = doc(
        "he/PRP/nsubj/1 broke/VBD/ROOT/1/break into/IN/prep/1 the/DT/det/5 first/JJ/amod/5 team/NN/pobj/2 ./././1"
    )
    assert triggers(team) == []


def test_jobs_lost_axed_or_slashed_are_job_cuts() -> None:
    lost = doc("6,650/CD/nummod/1 jobs/NNS/nsubjpass/3/job were/VBD/auxpass/3/be lost/VBN/ROOT/3/lose ./././3")
    assert triggers(lost) == [("lost", "Layoff")]
    # what else is lost is no job cut: "Labour lost the vote"
    vote = doc("Labour/NNP/nsubj/1 lost/VBD/ROOT/1/lose the/DT/det/3 vote/NN/dobj/1 ./././1")
    assert ("lost", "Layoff") not in triggers(vote)


def test_a_hyphenated_word_is_no_person_named_in_full_whose_surname_repeats() -> None:
    # "the Tory-Labour debate. Labour offered savings", the tagger calling "Tory-Labour" a person:
    # "Labour" is no surname of it; "Robert Kilroy-Silk ... Kilroy-Silk" still is his
    debate = (
        "the/DT/det/4 Tory+/NNP/compound/2 -+/HYPH/punct/2 Labour/NNP/compound/4 debate/NN/ROOT/4 ./././4 "
        "Labour/NNP/nsubj/7 offered/VBD/ROOT/7/offer savings/NNS/dobj/7/saving ./././7"
    )
    assert ("Labour", "ORG") in ents(doc(debate, ((1, 4, "PERSON"), (6, 7, "ORG"))))
    silk = (
        "Robert/NNP/compound/3 Kilroy+/NNP/compound/3 -+/HYPH/punct/3 Silk/NNP/nsubj/4 spoke/VBD/ROOT/4/speak "
        "./././4 Kilroy+/NNP/compound/8 -+/HYPH/punct/8 Silk/NNP/nsubj/9 left/VBD/ROOT/9/leave ./././9"
    )
    assert ("Kilroy-Silk", "PERSON") in ents(doc(silk, ((0, 4, "PERSON"), (6, 9, "ORG"))))


def test_an_untagged_plural_name_after_the_is_a_team_unless_it_names_an_event() -> None:
    # "Indianapolis lost to the Kansas City Chiefs": a team the small NER leaves untagged
    chiefs = (
        "Indianapolis/NNP/nsubj/1 lost/VBD/ROOT/1/lose to/IN/prep/1 the/DT/det/6 Kansas/NNP/compound/6 "
        "City/NNP/compound/6 Chiefs/NNPS/pobj/2 ./././1"
    )
    assert ("Kansas City Chiefs", "ORG") in ents(doc(chiefs))
    # "Athens hosted the Olympics": an event; "Historians say": a common noun that opens a sentence
    olympics = "Athens/NNP/nsubj/1 hosted/VBD/ROOT/1/host the/DT/det/3 Olympics/NNPS/dobj/1/olympics ./././1"
    assert not [e for e in ents(doc(olympics)) if e[0] == "Olympics"]
    historians = "Historians/NNPS/nsubj/1 say/VBP/ROOT/1 ./././1"
    assert ents(doc(historians)) == []


def test_declining_to_do_something_is_a_refusal_but_declining_to_an_amount_is_a_fall() -> None:
    comment = doc("Akamai/NNP/nsubj/1 declined/VBD/ROOT/1/decline to/TO/aux/3 comment/VB/xcomp/1/comment ./././1")
    assert ("declined", "Rejection") in triggers(comment)
    sales = doc(
        "Sales/NNS/nsubj/1/sale declined/VBD/ROOT/1/decline to/IN/prep/1 $/$/nmod/4 5bn/CD/pobj/2 ./././1",
        ((3, 5, "MONEY"),),
    )
    assert triggers(sales) == [("declined", "Decline")]
    # "Thailand and India have declined the offer": declining an offer, a bid or a chance refuses it
    offer = doc("India/NNP/nsubj/1 declined/VBD/ROOT/1/decline the/DT/det/3 offer/NN/dobj/1 ./././1", ((0, 1, "GPE"),))
    assert ("declined", "Rejection") in triggers(offer)


def test_an_attack_on_a_plan_or_words_is_criticism_not_violence() -> None:
    # "Labour attacked Tory plans", "an attack on the cost of asylum": words against words
    plans = doc("Labour/NNP/nsubj/1 attacked/VBD/ROOT/1/attack Tory/NNP/compound/3 plans/NNS/dobj/1 ./././1")
    assert triggers(plans) == [("attacked", "Criticism")]
    cost = doc("an/DT/det/1 attack/NN/ROOT/1 on/IN/prep/1 the/DT/det/4 cost/NN/pobj/2 ./././1")
    assert triggers(cost) == [("attack", "Criticism")]
    poster = doc("critics/NNS/nsubj/1/critic attacked/VBD/ROOT/1/attack the/DT/det/3 poster/NN/dobj/1 ./././1")
    assert triggers(poster) == [("attacked", "Criticism")]
    # "He also attacked the government's failure to control immigration" (a fresh BBC article)
    failure = doc("He/PRP/nsubj/1 attacked/VBD/ROOT/1/attack the/DT/det/3 failure/NN/dobj/1 ./././1")
    assert triggers(failure) == [("attacked", "Criticism")]
    convoy = doc("Rebels/NNS/nsubj/1/rebel attacked/VBD/ROOT/1/attack the/DT/det/3 convoy/NN/dobj/1 ./././1")
    assert triggers(convoy) == [("attacked", "Attack")]


def test_charged_by_a_prosecutor_is_a_prosecution() -> None:
    # WordNet's first sense of "charge" is a cavalry's: "three charged by Greek prosecutor" was an attack
    d = doc(
        "three/CD/nsubjpass/2 were/VBD/auxpass/2 charged/VBN/ROOT/2/charge by/IN/agent/2 a/DT/det/6 "
        "Greek/JJ/amod/6 prosecutor/NN/pobj/3 ./././2"
    )
    assert triggers(d) == [("charged", "Charge")]


def test_setting_out_or_unveiling_a_plan_is_a_statement() -> None:
    # "his party set out detailed asylum plans" was a change of state, "unveiled by the
    # Conservatives" a touching (WordNet's first senses); "Apple unveiled a new iPod" stays a thing shown
    plans = doc("party/NN/nsubj/1 set/VBD/ROOT/1 out/RP/prt/1 plans/NNS/dobj/1/plan ./././1")
    assert triggers(plans) == [("set out", "Statement")]
    ipod = doc("Apple/NNP/nsubj/1 unveiled/VBD/ROOT/1/unveil an/DT/det/3 iPod/NNP/dobj/1 ./././1", ((0, 1, "ORG"),))
    assert triggers(ipod) == []


def test_meeting_a_demand_or_a_target_is_no_meeting() -> None:
    # "to meet demand", "meet the Lisbon targets": WordNet's meeting is of people
    demand = doc("to/TO/aux/1 meet/VB/ROOT/1 demand/NN/dobj/1 ./././1")
    assert triggers(demand) == [("meet", "State")]
    leaders = doc("Ministers/NNS/nsubj/1/minister met/VBD/ROOT/1/meet union/NN/compound/3 leaders/NNS/dobj/1/leader")
    assert [kind for _, kind in triggers(leaders)] != ["State"]


def test_a_contract_won_is_business_and_a_measure_lost_a_fall() -> None:
    # "Everasia won a contract to develop the field": no contest; "Chelsea won the match" is one
    contract = doc("Everasia/NNP/nsubj/1 won/VBD/ROOT/1/win a/DT/det/3 contract/NN/dobj/1 ./././1")
    assert triggers(contract) == [("won", "Transaction")]
    match = doc("Chelsea/NNP/nsubj/1 won/VBD/ROOT/1/win the/DT/det/3 match/NN/dobj/1 ./././1")
    assert [kind for _, kind in triggers(match)] != ["Transaction"]
    # "Yahoo lost revenue": a fall (WordNet's first "lose" is a transfer); jobs lost are layoffs
    revenue = doc("Yahoo/NNP/nsubj/1 lost/VBD/ROOT/1/lose revenue/NN/dobj/1 ./././1")
    assert triggers(revenue) == [("lost", "Decline")]
    jobs = doc("Workers/NNS/nsubj/1/worker lost/VBD/ROOT/1/lose their/PRP$/poss/3 jobs/NNS/dobj/1/job ./././1")
    assert triggers(jobs) == [("lost", "Layoff")]


def test_only_a_weapon_blows_up_as_an_attack() -> None:
    # "the row blew up": no bomb; "a car bomb blew up" and "blew up the pipeline" stay violent
    row = doc("The/DT/det/1 row/NN/nsubj/2 blew/VBD/ROOT/2/blow up/RP/prt/2 ./././2")
    assert [kind for _, kind in triggers(row)] != ["Attack"]
    bomb = doc("A/DT/det/2 car/NN/compound/2 bomb/NN/nsubj/3 blew/VBD/ROOT/3/blow up/RP/prt/3 ./././3")
    assert ("blew up", "Attack") in triggers(bomb)


def test_shooting_a_film_makes_it() -> None:
    # "Principal footage was shot in Morocco": filming, not an attack; shooting people stays one
    footage = doc(
        "footage/NN/nsubjpass/2 was/VBD/auxpass/2 shot/VBN/ROOT/2/shoot in/IN/prep/2 Morocco/NNP/pobj/3 ./././2",
        ((4, 5, "GPE"),),
    )
    assert triggers(footage) == [("shot", "Creation")]
    officers = doc("He/PRP/nsubj/1 shot/VBD/ROOT/1/shoot two/CD/nummod/3 officers/NNS/dobj/1/officer ./././1")
    assert triggers(officers) == [("shot", "Attack")]


def test_crude_and_futures_are_priced() -> None:
    fell = doc(
        "Crude/NN/compound/2 oil/NN/compound/2 futures/NNS/nsubj/3/future fell/VBD/ROOT/3/fall "
        "$/$/nmod/5 2.86/CD/npadvmod/3 ./././3",
        ((4, 6, "MONEY"),),
    )
    assert triggers(fell) == [("fell", "PriceFall")]


def test_a_violent_verb_whose_object_is_a_measure_or_an_event_names_no_violence() -> None:
    demand = doc("prices/NNS/nsubj/1/price killed/VBD/ROOT/1/kill off/RP/prt/1 demand/NN/dobj/1 ./././1")
    assert not any(label == "Killing" for _t, label in triggers(demand))
    protesters = doc("troops/NNS/nsubj/1/troop killed/VBD/ROOT/1/kill protesters/NNS/dobj/1/protester ./././1")
    assert ("killed", "Killing") in triggers(protesters)
    # a gathering is attacked as people are, and so is a patrol, which WordNet counts an event
    rally = doc("police/NNS/nsubj/1/police attacked/VBD/ROOT/1/attack the/DT/det/3 rally/NN/dobj/1 ./././1")
    assert ("attacked", "Attack") in triggers(rally)
    patrol = doc("Militants/NNS/nsubj/1 attacked/VBD/ROOT/1/attack the/DT/det/3 patrol/NN/dobj/1 ./././1")
    assert ("attacked", "Attack") in triggers(patrol)
    # storming to a victory or the top is no storming of a place
    victory = doc("Holmes/NNP/nsubj/1 stormed/VBD/ROOT/1/storm to/IN/prep/1 victory/NN/pobj/2 ./././1")
    assert not any(label == "Attack" for _t, label in triggers(victory))
    palace = doc("Troops/NNS/nsubj/1/troop stormed/VBD/ROOT/1/storm to/IN/prep/1 the/DT/det/4 palace/NN/pobj/2 ./././1")
    assert ("stormed", "Attack") in triggers(palace)


def test_a_liquidation_is_a_firm_s_end_and_liquidating_people_a_killing() -> None:
    # WordNet's first senses make both a killing: "the lender faces liquidation", "LG Card is liquidated"
    faces = "lender/NN/nsubj/1 faces/VBZ/ROOT/1/face liquidation/NN/dobj/1"
    liquidated = "LG/NNP/compound/1 Card/NNP/nsubjpass/3 is/VBZ/auxpass/3/be liquidated/VBN/ROOT/3/liquidate"
    protesters = "regime/NN/nsubj/1 liquidated/VBD/ROOT/1/liquidate protesters/NNS/dobj/1/protester"
    bankrupt = "requests/NNS/nsubj/2/request could/MD/aux/2 bankrupt/VB/ROOT/2 the/DT/det/4 firm/NN/dobj/2"
    assert triggers(doc(faces)) == [("liquidation", "Bankruptcy")]
    assert triggers(doc(liquidated, ((0, 2, "ORG"),))) == [("liquidated", "Bankruptcy")]
    assert triggers(doc(protesters)) == [("liquidated", "Killing")]
    # what a number counts fills the slot: "dozens of attackers were liquidated" (the sample article)
    attackers = (
        "Dozens/NNS/nsubjpass/4/dozen of/IN/prep/0 attackers/NNS/pobj/1/attacker were/VBD/auxpass/4/be "
        "liquidated/VBN/ROOT/4/liquidate"
    )
    assert triggers(doc(attackers, ((2, 3, "GROUP"),))) == [("liquidated", "Killing")]
    assert triggers(doc(bankrupt)) == [("bankrupt", "Bankruptcy")]


def test_being_fed_up_is_an_emotion_not_a_meal() -> None:
    # "Britons fed up with net service": WordNet's first sense of feeding is consumption
    fed_up = "Britons/NNPS/nsubjpass/2/Briton are/VBP/auxpass/2/be fed/VBN/ROOT/2/feed up/RP/prt/2"
    fed = "They/PRP/nsubj/1 fed/VBD/ROOT/1/feed the/DT/det/3 refugees/NNS/dobj/1/refugee"
    assert triggers(doc(fed_up)) == [("fed up", "Emotion")]
    assert triggers(doc(fed)) == []


def test_a_town_and_a_club_s_word_the_gazetteer_does_not_know_is_a_club() -> None:
    # "a move from Birmingham City" (NER: a place): the club; "Mexico City" is a city the gazetteer knows
    club = "a/DT/det/1 move/NN/ROOT/1 from/IN/prep/1 Birmingham/NNP/compound/4 City/NNP/pobj/2"
    city = "a/DT/det/1 move/NN/ROOT/1 from/IN/prep/1 Mexico/NNP/compound/4 City/NNP/pobj/2"
    assert ents(doc(club, ((3, 5, "GPE"),))) == [("Birmingham City", "ORG")]
    assert ents(doc(city, ((3, 5, "GPE"),))) == [("Mexico City", "GPE")]


def test_finding_is_judging_or_discovering_not_a_transaction() -> None:
    # WordNet's first sense of "find" is filed under possession; "found guilty" stays a finding, as
    # ECB+'s "found him guilty" and "Found Guilty" are one event only when one type names both
    study = (
        "The/DT/det/1 study/NN/nsubj/2 found/VBD/ROOT/2/find that/IN/mark/5 prices/NNS/nsubj/5/price "
        "rose/VBD/ccomp/2/rise"
    )
    guilty = "He/PRP/nsubjpass/2 was/VBD/auxpass/2/be found/VBN/ROOT/2/find guilty/JJ/acomp/2"
    assert ("found", "Cognition") in triggers(doc(study))
    assert triggers(doc(guilty)) == [("found", "Cognition")]


def test_lives_lost_are_deaths_and_money_or_a_share_lost_a_decline() -> None:
    # WordNet's first sense of "lose" is a possession's: "21,000 people lost their lives" was a transaction
    lives = "People/NNS/nsubj/1/people lost/VBD/ROOT/1/lose their/PRP$/poss/3 lives/NNS/dobj/1/life"
    share = "Nippon/NNP/compound/1 Steel/NNP/nsubj/2 lost/VBD/ROOT/2/lose 2.5/CD/nummod/4 %/NN/dobj/2"
    assert triggers(doc(lives)) == [("lost", "Killing")]
    assert triggers(doc(share, ((0, 2, "ORG"), (3, 5, "PERCENT")))) == [("lost", "Decline")]


def test_a_decision_is_a_judgement_a_match_a_contest_and_a_performance_an_act() -> None:
    # WordNet's first senses: an act, a lighter (its event sense a happening), a show
    decision = "The/DT/det/1 decision/NN/nsubj/2 angered/VBD/ROOT/2/anger fans/NNS/dobj/2/fan"
    match = "They/PRP/nsubj/1 lost/VBD/ROOT/1/lose the/DT/det/3 match/NN/dobj/1"
    performance = "Its/PRP$/poss/1 performance/NN/nsubj/2 improved/VBD/ROOT/2/improve"
    assert ("decision", "Cognition") in triggers(doc(decision))
    assert ("match", "Competition") in triggers(doc(match))
    assert ("performance", "Activity") in triggers(doc(performance))


def test_releasing_makes_something_public_and_avoiding_is_a_social_act() -> None:
    # WordNet's first senses: letting go of a grip (Contact), staying clear (Communication)
    released = "Microsoft/NNP/nsubj/1 released/VBD/ROOT/1/release figures/NNS/dobj/1/figure"
    avoided = "United/NNP/nsubj/1 avoided/VBD/ROOT/1/avoid defeat/NN/dobj/1"
    assert triggers(doc(released)) == [("released", "Communication")]
    assert ("avoided", "SocialAction") in triggers(doc(avoided))


def test_facing_is_a_state_and_facing_a_named_person_a_contest() -> None:
    # WordNet files "face" first under communication ("deal with (something unpleasant) head on")
    conditions = "Airlines/NNS/nsubj/1/airline faced/VBD/ROOT/1/face tough/JJ/amod/3 conditions/NNS/dobj/1/condition"
    rival = "Nadal/NNP/nsubj/1 faces/VBZ/ROOT/1/face Mardy/NNP/compound/3 Fish/NNP/dobj/1"
    assert triggers(doc(conditions)) == [("faced", "State")]
    assert triggers(doc(rival, ((0, 1, "PERSON"), (2, 4, "PERSON")))) == [("faces", "Competition")]


def test_attending_is_taking_part_not_giving_aid() -> None:
    # "Michael will attend the festival": WordNet reaches aid from "attend to", a rarer sense
    attend = "Michael/NNP/nsubj/2 will/MD/aux/2 attend/VB/ROOT/2/attend the/DT/det/4 festival/NN/dobj/2"
    assert triggers(doc(attend)) == [("attend", "SocialAction")]


def test_standing_for_an_office_is_an_election_and_standing_down_a_resignation() -> None:
    leadership = (
        "Hague/NNP/nsubj/2 would/MD/aux/2 stand/VB/ROOT/2/stand for/IN/prep/2 the/DT/det/5 leadership/NN/pobj/3"
    )
    down = "Cunningham/NNP/nsubj/1 stood/VBD/ROOT/1/stand down/RP/prt/1"
    rain = "Pupils/NNS/nsubj/1/pupil stood/VBD/ROOT/1/stand in/IN/prep/1 the/DT/det/4 rain/NN/pobj/2"
    assert triggers(doc(leadership)) == [("stand", "Election")]
    assert triggers(doc(down)) == [("stood down", "Resignation")]
    assert triggers(doc(rain)) == []


def test_claiming_a_title_an_award_or_a_win_is_a_contest_not_a_statement() -> None:
    crown = "Federer/NNP/nsubj/1 claims/VBZ/ROOT/1/claim Dubai/NNP/compound/3 crown/NN/dobj/1"
    victory = "She/PRP/nsubj/1 claimed/VBD/ROOT/1/claim victory/NN/dobj/1"
    said = "The/DT/det/1 firm/NN/nsubj/2 claimed/VBD/ROOT/2/claim losses/NNS/dobj/2/loss"
    # "National Insurance will be raised if Labour wins, Howard has claimed": a win below, no object
    wins = "Labour/NNP/nsubj/1 wins/VBZ/advcl/3/win Howard/NNP/nsubj/3 claimed/VBN/ROOT/3/claim"
    assert triggers(doc(crown)) == [("claims", "Competition")]
    assert triggers(doc(victory)) == [("claimed", "Competition")]
    assert ("claimed", "Competition") not in triggers(doc(said)) + triggers(doc(wins))


@pytest.mark.parametrize(
    ("verb", "expected"),
    [
        ("scooped/VBD/ROOT/1/scoop", [("scooped", "Competition")]),  # won, not WordNet's ladling
        ("took/VBD/ROOT/1/take", [("took", "Competition")]),
        ("admired/VBD/ROOT/1/admire", []),
    ],
)
def test_taking_or_scooping_an_award_is_winning_it(verb: str, expected: list[tuple[str, str]]) -> None:
    tokens = f"Eastwood/NNP/nsubj/1 {verb} the/DT/det/4 director/NN/compound/4 prize/NN/dobj/1"
    assert triggers(doc(tokens)) == expected


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (
            "He/PRP/nsubj/1 recovered/VBD/ROOT/1/recover from/IN/prep/1 surgery/NN/pobj/2",
            [("recovered", "BodilyEvent")],
        ),
        ("He/PRP/nsubj/1 recovered/VBD/ROOT/1/recover from/IN/prep/1 setback/NN/pobj/2", []),
    ],
)
def test_recovering_from_an_ailment_is_a_bodily_event(tokens: str, expected: list[tuple[str, str]]) -> None:
    # "Ryan Jones has recovered from injury": not WordNet's first sense, getting something back
    assert triggers(doc(tokens)) == expected


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (
            "The/DT/det/1 bill/NN/nsubjpass/3 was/VBD/auxpass/3/be passed/VBN/ROOT/3/pass",
            [("passed", "PolicyChange")],
        ),
        ("MPs/NNS/nsubj/1 passed/VBD/ROOT/1/pass the/DT/det/3 law/NN/dobj/1", [("passed", "PolicyChange")]),
        ("The/DT/det/1 Bill/NNP/nsubj/2 passes/VBZ/ROOT/2/pass", [("passes", "PolicyChange")]),
        ("He/PRP/nsubj/1 passed/VBD/ROOT/1/pass the/DT/det/3 ball/NN/dobj/1", []),
        # so is setting a tax or a quota; setting a record is a feat of a contest
        ("Councils/NNS/nsubj/1 set/VBD/ROOT/1/set new/JJ/amod/3 quotas/NNS/dobj/1/quota", [("set", "PolicyChange")]),
        ("Hayes/NNP/nsubj/1 set/VBD/ROOT/1/set a/DT/det/3 record/NN/dobj/1", [("set", "Competition")]),
        ("I/PRP/nsubj/1 set/VBD/ROOT/1/set the/DT/det/3 record/NN/dobj/1 straight/RB/advmod/1", []),
    ],
)
def test_passing_a_bill_or_a_law_is_a_policy_change(tokens: str, expected: list[tuple[str, str]]) -> None:
    # "the Bill passed by peers": making law, not WordNet's first sense, moving past
    assert triggers(doc(tokens)) == expected


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        # a level a measure reaches: what changes is the measure, the subject, not the level
        (
            "Exports/NNS/nsubj/1/export reached/VBD/ROOT/1/reach record/NN/compound/3 levels/NNS/dobj/1/level",
            [("reached", "QuantityChange")],
        ),
        (
            "Sales/NNS/nsubj/1/sale hit/VBD/ROOT/1/hit a/DT/det/4 record/NN/compound/4 high/NN/dobj/1",
            [("hit", "Increase")],
        ),
        (
            "Sales/NNS/nsubj/1/sale hit/VBD/ROOT/1/hit a/DT/det/4 record/NN/compound/4 low/NN/dobj/1",
            [("hit", "Decline")],
        ),
        # reaching a final is a feat of a contest; reaching a town a movement, as WordNet says
        ("Nadal/NNP/nsubj/1 reached/VBD/ROOT/1/reach the/DT/det/3 final/NN/dobj/1", [("reached", "Competition")]),
        ("They/PRP/nsubj/1 reached/VBD/ROOT/1/reach the/DT/det/3 town/NN/dobj/1", []),
    ],
)
def test_reaching_a_level_is_a_change_and_reaching_a_final_a_contest(
    tokens: str, expected: list[tuple[str, str]]
) -> None:
    # "exports reached record levels", "the dollar hit a record low" were Movements and Contacts
    assert triggers(doc(tokens)) == expected


def test_putting_on_hold_halts_and_putting_in_charge_appoints() -> None:
    # "the government's plans put on hold", "Mr Blunkett put in charge": not WordNet's placing
    hold = "plans/NNS/nsubjpass/2/plan were/VBD/auxpass/2/be put/VBN/ROOT/2/put on/IN/prep/2 hold/NN/pobj/3"
    charge = "Blunkett/NNP/nsubjpass/2 was/VBD/auxpass/2/be put/VBN/ROOT/2/put in/IN/prep/2 charge/NN/pobj/3"
    placed = "He/PRP/nsubj/1 put/VBD/ROOT/1/put the/DT/det/3 book/NN/dobj/1 on/IN/prep/1 a/DT/det/6 table/NN/pobj/4"
    assert triggers(doc(hold)) == [("put on hold", "Disruption")]
    assert triggers(doc(charge)) == [("put in charge", "Appointment")]
    assert triggers(doc(placed)) == []


def test_hitting_out_at_someone_is_criticism() -> None:
    # "Davenport hits out at Wimbledon", "Hoffman hits out over modern film": not WordNet's striking
    tokens = "Davenport/NNP/nsubj/1 hits/VBZ/ROOT/1/hit out/RP/prt/1 at/IN/prep/1 Wimbledon/NNP/pobj/3"
    assert triggers(doc(tokens)) == [("hits out", "Criticism")]


def test_playing_a_part_or_taking_part_is_taking_part_not_a_game() -> None:
    # "Scotland would play its part in the reconstruction effort": not WordNet's playing a game
    part = "Scotland/NNP/nsubj/1 played/VBD/ROOT/1/play its/PRP$/poss/3 part/NN/dobj/1"
    game = "Chelsea/NNP/nsubj/1 played/VBD/ROOT/1/play Arsenal/NNP/dobj/1"
    assert triggers(doc(part)) == [("played", "SocialAction")]
    assert triggers(doc(game)) == []


def test_falling_short_is_no_fall_and_lifting_a_measure_raises_it() -> None:
    # "growth fell short of the 4.2% forecast": a mark missed, not a decline; "lifted sales": a rise
    short = "growth/NN/nsubj/1 fell/VBD/ROOT/1/fall short/RB/advmod/1 of/IN/prep/1 forecasts/NNS/pobj/3/forecast"
    lifted = "Spending/NN/nsubj/1 lifted/VBD/ROOT/1/lift sales/NNS/dobj/1/sale"
    assert triggers(doc(short)) == []
    assert triggers(doc(lifted)) == [("lifted", "Increase")]


def test_a_club_s_first_word_and_a_town_is_a_club_whatever_the_tagger_read() -> None:
    # "Real Madrid's passage" (NER: Madrid a place), "Werder Bremen won" (NER: a person), "Celta Vigo"
    # (nothing); "Real progress" is no club: "progress" names no town
    madrid = "at/IN/ROOT/0 Real/NNP/compound/2 Madrid/NNP/poss/4 's/POS/case/2 passage/NN/pobj/0"
    bremen = "Werder/NNP/compound/1 Bremen/NNP/nsubj/2 won/VBD/ROOT/2/win"
    vigo = "for/IN/ROOT/0 Celta/NNP/compound/2 Vigo/NNP/pobj/0"
    progress = "Real/JJ/amod/1 progress/NN/nsubj/2 came/VBD/ROOT/2/come"
    assert ents(doc(madrid, ((2, 3, "GPE"),))) == [("Real Madrid", "ORG")]
    assert ents(doc(bremen, ((0, 2, "PERSON"),))) == [("Werder Bremen", "ORG")]
    assert ents(doc(vigo)) == [("Celta Vigo", "ORG")]
    assert ents(doc(progress)) == []


def test_a_passive_clause_says_what_is_cut_wherever_the_parse_hangs_it() -> None:
    raised = "200/CD/nummod/1 jobs/NNS/nsubj/2/job are/VBP/ROOT/2/be to/TO/aux/5 be/VB/auxpass/5 cut/VBN/xcomp/2/cut"
    relative = "jobs/NNS/ROOT/0/job that/WDT/nsubjpass/4 will/MD/aux/4 be/VB/auxpass/4 cut/VBN/relcl/0/cut"
    participle = "200/CD/nummod/1 jobs/NNS/ROOT/1/job cut/VBN/acl/1/cut"
    for tokens in (raised, relative, participle):
        assert triggers(doc(tokens)) == [("cut", "Layoff")], tokens


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        # what leaves people dead kills them: the deaths are an event of their own
        (
            "The/DT/det/1 attack/NN/nsubj/2 left/VBD/ROOT/2/leave 20/CD/nummod/4 people/NNS/dobj/2/person "
            "dead/JJ/oprd/2 ./././2",
            [("attack", "Attack"), ("left 20 people dead", "Killing")],
        ),
        # leaving anything else is no killing
        ("He/PRP/nsubj/1 left/VBD/ROOT/1/leave the/DT/det/3 party/NN/dobj/1 ./././1", []),
    ],
)
def test_what_leaves_people_dead_kills_them(tokens: str, expected: list) -> None:
    assert triggers(doc(tokens)) == expected


def test_a_change_nouns_theme_is_what_it_measures_not_its_amount() -> None:
    # "a 13.8% rise in visitor numbers": the numbers; "a 5.5% rise to 18.3bn euros": no currency
    # (the asset tagger reads "euros" as an asset: the rise would be a price's)
    d = doc(
        "a/DT/det/3 13.8/CD/nummod/2 %/NN/compound/3 rise/NN/ROOT/3 in/IN/prep/3 visitor/NN/compound/6 "
        "numbers/NNS/pobj/4/number",
        ((1, 3, "PERCENT"),),
        run=False,
    )
    theme = change_theme(d[3])
    assert theme is not None and theme.text == "numbers"
    d = doc(
        "a/DT/det/3 5.5/CD/nummod/2 %/NN/compound/3 rise/NN/ROOT/3 to/IN/prep/3 18.3bn/CD/nummod/6 "
        "euros/NNS/pobj/4/euro",
        ((1, 3, "PERCENT"), (5, 6, "CARDINAL")),
        run=False,
    )
    theme = change_theme(d[3])
    assert theme is None or theme.text != "euros"
