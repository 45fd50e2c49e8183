"""Event mentions on parses built by hand (no trained model)."""

from __future__ import annotations

import datetime

import pytest
from spacy.tokens import Span

from kg.cleanup import clean
from kg.extract.context import Context
from kg.extract.entities import EntityExtractor
from kg.extract.events import EventExtractor, _typed
from kg.model import Document, Status
from kg.nlp import event_detector
from kg.nlp.factories import clitic_perfects, plural_verbs, silent_e_lemmas
from kg.wordnet_types import wordnet_type
from tests.parses import doc


def themes(tokens: str) -> list[tuple[str, str | None]]:
    d = doc(tokens)
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    return [(e.type, e.theme) for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions]


def test_a_change_of_a_measure_knows_what_it_is_of_unless_the_word_is_vague() -> None:
    assert themes("profits/NNS/nsubj/1/profit fell/VBD/ROOT/1/fall 8/CD/nummod/3 %/NN/npadvmod/1 ./././1") == [
        ("Decline", "profit")
    ]
    vague = (
        "it/PRP/nsubj/1 reduced/VBD/ROOT/1/reduce the/DT/det/3 amount/NN/dobj/1 by/IN/prep/1 8/CD/nummod/6 "
        "%/NN/pobj/4 ./././1"
    )
    assert themes(vague) == [("Decline", None)]
    # a price: the asset tells two price changes apart, not the word for the price
    assert themes("prices/NNS/nsubj/1/price fell/VBD/ROOT/1/fall ./././1") == [("PriceFall", None)]


def test_a_modifier_changes_the_noun_it_modifies_and_a_verb_its_nearest_object() -> None:
    # "soaring sales" is a rise of sales, and so no rise of the output in the sentence before
    assert themes("soaring/VBG/amod/1/soar sales/NNS/nsubj/2/sale helped/VBD/ROOT/2/help ./././2")[0] == (
        "Increase",
        "sale",
    )
    # the parser hangs the apposition "its first hike" on "raised" as a second object
    apposition = (
        "China/NNP/nsubj/1 raised/VBD/ROOT/1/raise output/NN/dobj/1/output ,/,/punct/1 its/PRP$/poss/6 "
        "first/JJ/amod/6 hike/NN/dobj/1 ./././1"
    )
    assert themes(apposition)[0] == ("Increase", "output")


def amounts(tokens: str, ents: tuple[tuple[int, int, str], ...]) -> list[tuple[str, list[float]]]:
    d = doc(tokens, ents)
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    found = EventExtractor()(ctx, EntityExtractor()(ctx)).mentions
    return [(e.type, [q.value for q in e.quantities]) for e in found]


def test_a_change_noun_s_own_amount_makes_it_a_change_with_that_amount() -> None:
    rise = (
        "Visits/NNS/nsubj/1/visit saw/VBD/ROOT/1/see a/DT/det/5 10+/CD/nummod/4 %/NN/compound/5 rise/NN/dobj/1 ./././1"
    )
    assert amounts(rise, ((3, 5, "PERCENT"),)) == [("Increase", [10.0])]
    # a count is an amount too, but not a score or a hyphenated word
    cuts = "It/PRP/nsubj/1 made/VBD/ROOT/1/make 3,000/CD/nummod/4 job/NN/compound/4 cuts/NNS/dobj/1/cut ./././1"
    assert [q for _type, q in amounts(cuts, ((2, 3, "CARDINAL"),)) if q] == [[3000.0]]
    win = "They/PRP/nsubj/1 had/VBD/ROOT/1/have a/DT/det/6 2+/CD/nummod/6 -+/HYPH/punct/4 1/CD/nummod/6 win/NN/dobj/1"
    assert all(not q for _type, q in amounts(win, ((3, 6, "CARDINAL"),)))


def test_a_word_the_tagger_passed_over_takes_the_lexicon_s_type_before_wordnet_s() -> None:
    d = doc("Sales/NNS/nsubj/1/sale saw/VBD/ROOT/1/see a/DT/det/3 rise/NN/dobj/1 ./././1")
    assert wordnet_type("rise", "n") == "Happening"  # WordNet's most frequent sense of the noun
    assert _typed(d[3]) == "Increase"
    # a trigger with a constraint says nothing of the word alone ("workers strike", not "struck a deal")
    struck = doc("they/PRP/nsubj/1 struck/VBD/ROOT/1/strike a/DT/det/3 deal/NN/dobj/1")[1]
    assert _typed(struck) == wordnet_type("strike", "v") != "Protest"


def dates(tokens: str, ents: tuple[tuple[int, int, str], ...] = ((6, 7, "DATE"),)) -> list[tuple[str, str | None]]:
    """Each event mention's type and date in an article of Wednesday 2022-07-13."""
    d = doc(tokens, ents)
    ctx = Context(d, Document("t", d.text, "test", date=datetime.date(2022, 7, 13)), clean(d.text))
    return [(e.type, e.time.value if e.time else None) for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions]


def test_a_relative_clause_that_says_when_an_event_began_dates_it() -> None:
    began = (
        "The/DT/det/1 strike/NN/nsubj/8 ,/,/punct/1 which/WDT/nsubj/4 began/VBD/relcl/1/begin on/IN/prep/4 "
        "Monday/NNP/pobj/5 ,/,/punct/1 hurt/VBD/ROOT/8/hurt ./././8"
    )
    assert dates(began)[0] == ("Protest", "2022-07-11")


def test_a_nouns_own_date_dates_it() -> None:
    explosion = (
        "last/JJ/amod/1 month/NN/poss/3 's/POS/case/1 explosion/NN/nsubj/4 killed/VBD/ROOT/4/kill "
        "two/CD/nummod/6 people/NNS/dobj/4"
    )
    assert ("Disaster", "2022-06") in dates(explosion, ((0, 2, "DATE"),))


def test_a_noun_event_a_clause_carries_takes_the_clauses_date() -> None:
    strike = "Thousands/NNS/nsubj/1 were/VBD/ROOT/1/be on/IN/prep/1 strike/NN/pobj/2 on/IN/prep/1 Friday/NNP/pobj/4"
    assert dates(strike, ((5, 6, "DATE"),)) == [("Protest", "2022-07-08")]
    # a reason is no part of the clause's time: arrested on Friday for a killing done before
    reason = (
        "he/PRP/nsubjpass/2 was/VBD/auxpass/2/be arrested/VBN/ROOT/2/arrest on/IN/prep/2 Friday/NNP/pobj/3 "
        "for/IN/prep/2 the/DT/det/7 murder/NN/pobj/5"
    )
    assert dates(reason, ((4, 5, "DATE"),)) == [("Arrest", "2022-07-08"), ("Killing", None)]


def test_a_period_an_earning_is_for_dates_it() -> None:
    earned = (
        "For/IN/prep/4 2021/CD/pobj/0 ,/,/punct/4 profits/NNS/nsubj/4/profit rose/VBD/ROOT/4/rise "
        "8/CD/nummod/6 %/NN/npadvmod/4"
    )
    assert dates(earned, ((1, 2, "DATE"),)) == [("Increase", "2021")]


def test_a_day_the_parser_hung_on_an_argument_dates_the_verb() -> None:
    arrested = (
        "Police/NNS/nsubj/1/police arrested/VBD/ROOT/1/arrest six/CD/nummod/3 men/NNS/dobj/1 Sunday/NNP/npadvmod/3"
    )
    assert dates(arrested, ((4, 5, "DATE"),)) == [("Arrest", "2022-07-10")]
    ordered = (
        "The/DT/det/1 council/NN/nsubj/5 on/IN/prep/1 Friday/NNP/pobj/2 ,/,/punct/1 ordered/VBD/ROOT/5/order "
        "a/DT/det/7 crackdown/NN/dobj/5"
    )
    assert ("Crackdown", "2022-07-08") in dates(ordered, ((3, 4, "DATE"),))
    # or on the object of one of its prepositions, unless that object's time is another one's
    seized = (
        "Police/NNS/nsubj/1/police arrested/VBD/ROOT/1/arrest men/NNS/dobj/1/man at/IN/prep/1 "
        "the/DT/det/5 rally/NN/pobj/3 Sunday/NNP/npadvmod/5"
    )
    assert ("Arrest", "2022-07-10") in dates(seized, ((6, 7, "DATE"),))
    after = (
        "Police/NNS/nsubj/1/police arrested/VBD/ROOT/1/arrest men/NNS/dobj/1/man after/IN/prep/1 "
        "the/DT/det/5 rally/NN/pobj/3 Sunday/NNP/npadvmod/5"
    )
    assert ("Arrest", None) in dates(after, ((6, 7, "DATE"),))


def test_what_is_to_come_takes_the_next_day_of_that_name() -> None:
    past = "Protesters/NNS/nsubj/1 marched/VBD/ROOT/1/march on/IN/prep/1 Monday/NNP/pobj/2"
    future = "Protesters/NNS/nsubj/2 will/MD/aux/2 march/VB/ROOT/2/march on/IN/prep/2 Monday/NNP/pobj/3"
    assert dates(past, ((3, 4, "DATE"),)) == [("Protest", "2022-07-11")]
    assert dates(future, ((4, 5, "DATE"),)) == [("Protest", "2022-07-18")]
    # a timetable's present ("protesters march on Monday") is to come; the perfect has been
    timetable = "Protesters/NNS/nsubj/1 march/VBP/ROOT/1/march on/IN/prep/1 Monday/NNP/pobj/2"
    perfect = "Protesters/NNS/nsubj/2 have/VBP/aux/2/have marched/VBN/ROOT/2/march on/IN/prep/2 Monday/NNP/pobj/3"
    assert dates(timetable, ((3, 4, "DATE"),)) == [("Protest", "2022-07-18")]
    assert dates(perfect, ((4, 5, "DATE"),)) == [("Protest", "2022-07-11")]
    # but a headline's present, on a line of its own above its article, tells what has happened
    headline = f"{timetable} ¶/_SP/dep/3 They/PRP/nsubj/6 marched/VBD/ROOT/6/march ./././6"
    assert dates(headline, ((3, 4, "DATE"),))[0] == ("Protest", "2022-07-11")
    # an arrangement in the present progressive is to come; the past progressive was
    arranged = "Protesters/NNS/nsubj/2 are/VBP/aux/2/be marching/VBG/ROOT/2/march on/IN/prep/2 Monday/NNP/pobj/3"
    was = "Protesters/NNS/nsubj/2 were/VBD/aux/2/be marching/VBG/ROOT/2/march on/IN/prep/2 Monday/NNP/pobj/3"
    assert dates(arranged, ((4, 5, "DATE"),)) == [("Protest", "2022-07-18")]
    assert dates(was, ((4, 5, "DATE"),)) == [("Protest", "2022-07-11")]

    # what one vows or threatens to do is to come; what one tried to do was tried
    def complement(verb: str, lemma: str) -> str:
        return (
            f"Protesters/NNS/nsubj/1 {verb}/VBD/ROOT/1/{lemma} to/TO/aux/3 march/VB/xcomp/1/march "
            "on/IN/prep/3 Monday/NNP/pobj/4"
        )

    assert ("Protest", "2022-07-18") in dates(complement("vowed", "vow"), ((5, 6, "DATE"),))
    assert ("Protest", "2022-07-11") in dates(complement("tried", "try"), ((5, 6, "DATE"),))


def roles(tokens: str, ents: tuple[tuple[int, int, str], ...], event_type: str = "Crackdown") -> list[tuple[str, str]]:
    d = doc(tokens, ents)
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    entities = EntityExtractor()(ctx)
    return [
        (r.name, entities.mentions[r.entity].name)
        for e in EventExtractor()(ctx, entities).mentions
        if e.type == event_type
        for r in e.roles
    ]


def test_who_loses_their_life_undergoes_the_death() -> None:
    lives = "Protesters/NNS/nsubj/1/protester lost/VBD/ROOT/1/lose their/PRP$/poss/3 lives/NNS/dobj/1/life"
    assert roles(lives, (), "Killing") == [("patient", "Protesters")]


def test_whose_price_or_measure_changes_undergoes_the_change() -> None:
    # an asset's name the parser read as an adjective, and an "of" or "in" phrase, say whose price
    # it is as a compound does ("Vodafone shares")
    adjective = "Bitcoin/JJ/amod/1 prices/NNS/nsubj/2/price fell/VBD/ROOT/2/fall ./././2"
    of = "The/DT/det/1 price/NN/nsubj/5 of/IN/prep/1 oil/NN/pobj/2 has/VBZ/aux/5/have plummeted/VBN/ROOT/5/plummet"
    shares = "Shares/NNS/nsubj/3/share in/IN/prep/0 Apple/NNP/pobj/1 rose/VBD/ROOT/3/rise 5/CD/nummod/5 %/NN/npadvmod/3"
    assert roles(adjective, (), "PriceFall") == [("patient", "Bitcoin")]
    assert roles(of, (), "PriceFall") == [("patient", "oil")]
    assert roles(shares, ((2, 3, "ORG"),), "PriceRise") == [("patient", "Apple")]
    # and whose measure: "Barclays' profits rose", "profits at Barclays rose"
    profits = "Barclays/NNP/poss/2 '/POS/case/0 profits/NNS/nsubj/3/profit rose/VBD/ROOT/3/rise ./././3"
    at = "Profits/NNS/nsubj/3/profit at/IN/prep/0 Barclays/NNP/pobj/1 rose/VBD/ROOT/3/rise ./././3"
    assert roles(profits, ((0, 1, "ORG"),), "Increase") == [("patient", "Barclays")]
    assert roles(at, ((2, 3, "ORG"),), "Increase") == [("patient", "Barclays")]
    # the company that saw it change, not the people who watched it
    saw = "{}/nsubj/1 saw/VBD/ROOT/1/see sales/NNS/nsubj/3/sale fall/VB/ccomp/1/fall ./././1"
    assert roles(saw.format("Tesco/NNP"), ((0, 1, "ORG"),), "Decline") == [("patient", "Tesco")]
    assert roles(saw.format("analysts/NNS"), (), "Decline") == []


def test_a_support_verbs_subject_does_the_event_undergoes_it_or_is_where_it_happens() -> None:
    def sentence(subject: str, verb: str, lemma: str) -> str:
        return f"{subject}/nsubj/1 {verb}/ROOT/1/{lemma} a/DT/det/3 crackdown/NN/dobj/1 ./././1"

    assert roles(sentence("police/NNS", "launched/VBD", "launch"), ()) == [("agent", "police")]
    assert roles(sentence("miners/NNS", "face/VBP", "face"), ()) == [("patient", "miners")]
    assert roles(sentence("Kazakhstan/NNP", "saw/VBD", "see"), ((0, 1, "GPE"),)) == [("place", "Kazakhstan")]
    assert roles(sentence("analysts/NNS", "see/VBP", "see"), ()) == []  # who watches takes no part
    assert roles(sentence("arrests/NNS", "sparked/VBD", "spark"), ()) == []  # a cause, linked as one
    # "the unions reached an agreement": one agreement, theirs, not a movement beside it
    reached = "unions/NNS/nsubj/1/union reached/VBD/ROOT/1/reach an/DT/det/3 agreement/NN/dobj/1 ./././1"
    d = doc(reached)
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    entities = EntityExtractor()(ctx)
    (agreement,) = EventExtractor()(ctx, entities).mentions
    assert (agreement.type, [m.text for m in agreement.extra]) == ("Agreement", ["reached"])
    assert [(r.name, entities.mentions[r.entity].name) for r in agreement.roles] == [("agent", "unions")]


def test_a_passive_support_verbs_by_phrase_does_the_event() -> None:
    reduced = (
        "the/DT/det/1 crackdown/NN/nsubj/5 launched/VBN/acl/1/launch by/IN/agent/2 police/NNS/pobj/3 "
        "continued/VBD/ROOT/5/continue ./././5"
    )
    passive = (
        "a/DT/det/1 crackdown/NN/nsubjpass/3 was/VBD/auxpass/3/be launched/VBN/ROOT/3/launch by/IN/agent/3 "
        "police/NNS/pobj/4 ./././3"
    )
    relative = (
        "the/DT/det/1 crackdown/NN/nsubj/5 the/DT/det/3 police/NNS/nsubj/4 launched/VBD/relcl/1/launch "
        "continued/VBD/ROOT/5/continue ./././5"
    )
    # a relative clause whose subject is its pronoun says what the noun did, not who did it
    own = (
        "the/DT/det/1 crackdown/NN/nsubj/5 that/WDT/nsubj/3 launched/VBD/relcl/1/launch raids/NNS/dobj/3/raid "
        "continued/VBD/ROOT/5/continue ./././5"
    )
    assert roles(reduced, ()) == [("agent", "police")]
    assert roles(passive, ()) == [("agent", "police")]
    assert roles(relative, ()) == [("agent", "police")]
    assert roles(own, ()) == []


def test_a_past_participle_that_modifies_a_noun_is_a_passive() -> None:
    # "two protesters killed by police": the police killed, the protesters were killed
    killed = (
        "Two/CD/nummod/1 protesters/NNS/nsubjpass/6/protester killed/VBN/acl/1/kill by/IN/agent/2 "
        "police/NNS/pobj/3 were/VBD/auxpass/6/be buried/VBN/ROOT/6/bury ./././6"
    )
    assert sorted(roles(killed, (), "Killing")) == [("agent", "police"), ("patient", "protesters")]
    assert "Two protesters killed by police" in labels(killed, (), 2)
    # a clause with a subject of its own is no passive: "news that police had killed two protesters"
    news = (
        "news/NN/ROOT/0 that/IN/mark/4 police/NNS/nsubj/4 had/VBD/aux/4/have killed/VBN/acl/0/kill "
        "two/CD/nummod/6 protesters/NNS/dobj/4/protester"
    )
    assert sorted(roles(news, (), "Killing")) == [("agent", "police"), ("patient", "protesters")]


def test_a_passive_s_by_phrase_does_the_change_it_undergoes_the_subject() -> None:
    # "prices were cut by retailers": the retailers cut, not fell
    cut = "Prices/NNS/nsubjpass/2/price were/VBD/auxpass/2/be cut/VBN/ROOT/2/cut by/IN/agent/2 retailers/NNS/pobj/3"
    found = roles(cut, (), "PriceFall")
    assert ("agent", "retailers") in found and ("patient", "retailers") not in found


def test_who_a_noun_event_s_participle_names_is_no_undergoer_of_it() -> None:
    # "an overhaul unveiled by Blunkett": Blunkett did not undergo the overhaul
    unveiled = (
        "an/DT/det/1 overhaul/NN/nsubj/5 unveiled/VBN/acl/1/unveil by/IN/agent/2 Blunkett/NNP/pobj/3 "
        "begins/VBZ/ROOT/5/begin ./././5"
    )
    d = doc(unveiled, ((4, 5, "PERSON"),))
    d.spans[event_detector.SPANS_KEY] = [Span(d, 1, 2)]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    entities = EntityExtractor()(ctx)
    overhaul = next(e for e in EventExtractor()(ctx, entities).mentions if e.mention.text == "overhaul")
    assert [(r.name, entities.mentions[r.entity].name) for r in overhaul.roles] == []


def test_what_was_done_without_an_event_records_no_such_event() -> None:
    # "detained without trial": no trial happened; "detained before trial" names one
    def sentence(prep: str) -> str:
        return (
            f"They/PRP/nsubjpass/2 were/VBD/auxpass/2/be detained/VBN/ROOT/2/detain {prep}/IN/prep/2 "
            "trial/NN/pobj/3 ./././2"
        )

    assert [t for t, _ in themes(sentence("before"))] == ["Arrest", "Trial"]
    assert [t for t, _ in themes(sentence("without"))] == ["Arrest"]


def test_a_negated_conjunct_takes_no_part() -> None:
    # "a crackdown was launched by police and not soldiers": not by the soldiers
    tokens = (
        "a/DT/det/1 crackdown/NN/nsubjpass/3 was/VBD/auxpass/3/be launched/VBN/ROOT/3/launch by/IN/agent/3 "
        "police/NNS/pobj/4 and/CC/cc/5 {neg}soldiers/NNS/conj/5 ./././3"
    )
    assert roles(tokens.format(neg=""), ()) == [("agent", "police"), ("agent", "soldiers")]
    assert roles(tokens.format(neg="not/RB/neg/8 "), ()) == [("agent", "police")]


def test_who_is_on_strike_is_its_agent_and_a_partitive_stands_for_its_of_phrase() -> None:
    on = (
        "Thousands/NNS/nsubj/4/thousand of/IN/prep/0 civil/JJ/amod/3 servants/NNS/pobj/1/servant "
        "were/VBD/ROOT/4/be on/IN/prep/4 strike/NN/pobj/5 ./././4"
    )
    assert roles(on, (), "Protest") == [("agent", "civil servants")]
    went = "workers/NNS/nsubj/1/worker went/VBD/ROOT/1/go on/IN/prep/1 strike/NN/pobj/2 ./././1"
    assert roles(went, (), "Protest") == [("agent", "workers")]
    # on trial, the subject undergoes it: only unrest is done by who is on it
    trial = "the/DT/det/1 officers/NNS/nsubj/2/officer are/VBP/ROOT/2/be on/IN/prep/2 trial/NN/pobj/3 ./././2"
    assert ("agent", "officers") not in roles(trial, (), "Trial")


def test_whose_death_or_arrest_it_is_undergoes_it_unless_an_of_names_who_does() -> None:
    murder = "police/NNS/nsubj/1 investigated/VBD/ROOT/1/investigate Stefan+/NNP/poss/4 's/POS/case/2 murder/NN/dobj/1"
    assert roles(murder, ((2, 3, "PERSON"),), "Killing") == [("patient", "Stefan")]
    killing = (
        "the/DT/det/1 army+/NN/poss/3 's/POS/case/1 killing/NN/ROOT/3 of/IN/prep/3 protesters/NNS/pobj/4/protester"
    )
    assert roles(killing, (), "Killing") == [("agent", "army"), ("patient", "protesters")]


def test_a_place_is_an_events_only_where_the_parse_ties_it_to_the_event() -> None:
    # "the clashes near the border": the clashes' place; the detentions the sentence does not place
    detained = (
        "Police/NNS/nsubj/1/police detained/VBD/ROOT/1/detain protesters/NNS/dobj/1/protester after/IN/prep/1 "
        "clashes/NNS/pobj/3/clash near/IN/prep/4 Georgia/NNP/pobj/5 ./././1"
    )
    assert roles(detained, ((5, 6, "GPE"),), "Clash") == [("place", "Georgia")]
    assert ("place", "Georgia") not in roles(detained, ((5, 6, "GPE"),), "Arrest")
    # "the demonstrations hurt France": France suffers them; where they were, the sentence does not say
    hurt = "the/DT/det/1 demonstrations/NNS/nsubj/2/demonstration hurt/VBD/ROOT/2/hurt France/NNP/dobj/2 ./././2"
    assert ("place", "France") not in roles(hurt, ((3, 4, "GPE"),), "Protest")
    # deeper down a noun phrase only a preposition of where: "protests about policy on Iran" are about
    # Iran, "protests about policy in Iran" were in Iran
    for prep, placed in (("on", False), ("in", True)):
        about = (
            f"Students/NNS/nsubj/1/student staged/VBD/ROOT/1/stage protests/NNS/dobj/1/protest about/IN/prep/2 "
            f"policy/NN/pobj/3 {prep}/IN/prep/4 Iran/NNP/pobj/5"
        )
        assert (("place", "Iran") in roles(about, ((6, 7, "GPE"),), "Protest")) is placed


def test_a_trades_to_and_from_name_its_other_party_not_its_place() -> None:
    # "Ferrovial acquired the stake from Spain's Jarvis": Spain is who sold; "in Spain" is where
    for prep, placed in (("from", False), ("to", False), ("in", True)):
        trade = (
            f"Ferrovial/NNP/nsubj/1 acquired/VBD/ROOT/1/acquire the/DT/det/3 stake/NN/dobj/1 {prep}/IN/prep/1 "
            "Spain/NNP/pobj/4 ./././1"
        )
        assert (("place", "Spain") in roles(trade, ((0, 1, "ORG"), (5, 6, "GPE")), "Acquisition")) is placed


def statuses(tokens: str) -> list[tuple[str, str]]:
    d = doc(tokens)
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    return [(e.type, e.status.value) for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions]


def test_a_copulas_mood_is_its_events() -> None:
    # "there should be a strike": the strike has not happened; "there was a strike" it has
    should = "there/EX/expl/2 should/MD/aux/2 be/VB/ROOT/2 a/DT/det/4 strike/NN/attr/2 ./././2"
    assert statuses(should) == [("Protest", "potential")]
    was = "there/EX/expl/1 was/VBD/ROOT/1/be a/DT/det/3 strike/NN/attr/1 ./././1"
    assert statuses(was) == [("Protest", "happened")]


def test_a_verb_spacy_lemmatised_without_its_silent_e_gets_it_back() -> None:
    # "hoping" is "hope" (spaCy's rule lemmatizer says "hop"), so "hoping to march" has not happened
    hoping = "Workers/NNS/nsubj/2 are/VBP/aux/2/be hoping/VBG/ROOT/2/hop to/TO/aux/4 march/VB/xcomp/2/march"
    d = silent_e_lemmas(doc(hoping))
    assert d[2].lemma_ == "hope"
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    march = [e for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions if e.mention.text == "march"]
    assert [e.status.value for e in march] == ["potential"]
    # a doubled consonant is the stem's own ("hopping" is "hop"), and a longer stem keeps its lemma
    others = "hopping/VBG/ROOT/0/hop opening/VBG/conj/0/open hoped/VBD/conj/0/hop stopped/VBD/conj/0/stop"
    assert [t.lemma_ for t in silent_e_lemmas(doc(others))] == ["hop", "open", "hope", "stop"]


def test_a_plural_noun_heading_a_clause_with_its_subject_is_a_verb() -> None:
    # "when the transfer window closes": the small tagger's plural noun, with a subject of its own
    closes = (
        "when/WRB/advmod/4 the/DT/det/3 transfer/NN/compound/3 window/NN/nsubj/4 closes/NNS/advcl/4 "
        "in/IN/prep/4 January/NNP/pobj/5"
    )
    d = plural_verbs(doc(closes))
    assert (d[4].tag_, d[4].pos_, d[4].lemma_) == ("VBZ", "VERB", "close")
    # "made Depp a star", "make them specific offences": the object's something, a noun
    offences = "laws/NNS/nsubj/1/law make/VBP/ROOT/1 them/PRP/nsubj/4 specific/JJ/amod/4 offences/NNS/ccomp/1/offence"
    assert plural_verbs(doc(offences))[4].tag_ == "NNS"


def labels(tokens: str, ents: tuple[tuple[int, int, str], ...], event: int) -> list[str]:
    """The labels of the event mentions when the detector proposes the word ``event``."""
    from spacy.tokens import Span

    from kg.nlp import event_detector

    d = doc(tokens, ents)
    d.spans[event_detector.SPANS_KEY] = [Span(d, event, event + 1)]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    return [e.label for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions]


def test_a_label_names_the_person_a_subject_pronoun_stands_for_unless_it_names_them_already() -> None:
    said = "Tokayev/NNP/nsubj/1 said/VBD/ROOT/1/say he/PRP/nsubj/4 had/VBD/aux/4/have "
    given = said + "given/VBN/ccomp/1/give the/DT/det/6 order/NN/dobj/4 ./././1"
    assert labels(given, ((0, 1, "PERSON"),), 4) == ["Tokayev had given order"]
    warned = said + "warned/VBN/ccomp/1/warn Tokayev/NNP/dobj/4 ./././1"
    assert labels(warned, ((0, 1, "PERSON"), (5, 6, "PERSON")), 4) == ["he had warned Tokayev"]
    # an "it" in what an organisation is reported to say is the organisation ...
    cut = "The/DT/det/1 bank/NN/nsubj/2 said/VBD/ROOT/2/say it/PRP/nsubj/4 cut/VBD/ccomp/2/cut jobs/NNS/dobj/4 ./././2"
    assert labels(cut, ((1, 2, "ORG"),), 4) == ["bank cut jobs"]
    # ... and so is one that goes on with the subject before: "The bank grew. It cut jobs."
    grew = (
        "The/DT/det/1 bank/NN/nsubj/2 grew/VBD/ROOT/2/grow ./././2 "
        "It/PRP/nsubj/5 cut/VBD/ROOT/5/cut jobs/NNS/dobj/5 ./././5"
    )
    assert labels(grew, ((1, 2, "ORG"),), 5) == ["bank cut jobs"]
    # another "it" stays as written: "Sales hurt the bank. It cut jobs."
    hurt = (
        "Sales/NNS/nsubj/1 hurt/VBD/ROOT/1/hurt the/DT/det/3 bank/NN/dobj/1 ./././1 "
        "It/PRP/nsubj/6 cut/VBD/ROOT/6/cut jobs/NNS/dobj/6 ./././6"
    )
    assert labels(hurt, ((3, 4, "ORG"),), 6) == ["It cut jobs"]


def test_a_quotations_i_is_named_with_the_verb_form_the_name_takes() -> None:
    # '"I am waiting," Smith said.' and '"I could have won," Smith said.'
    waiting = (
        "\"+/``/punct/3 I/PRP/nsubj/3 am/VBP/aux/3/be waiting+/VBG/ccomp/7/wait ,+/,/punct/7 \"/''/punct/7 "
        "Smith/NNP/nsubj/7 said/VBD/ROOT/7/say ./././7"
    )
    assert labels(waiting, ((6, 7, "PERSON"),), 3) == ["Smith is waiting"]
    won = (
        '"+/``/punct/4 I/PRP/nsubj/4 could/MD/aux/4 have/VB/aux/4/have won+/VBN/ccomp/8/win ,+/,/punct/8 '
        "\"/''/punct/8 Smith/NNP/nsubj/8 said/VBD/ROOT/8/say ./././8"
    )
    assert labels(won, ((7, 8, "PERSON"),), 4) == ["Smith could have won"]


def test_a_copula_with_an_eventive_subject_says_how_that_event_went() -> None:
    # "The protests became violent.": one event, the protests, whose mentions include "became"
    from spacy.tokens import Span

    from kg.nlp import event_detector

    d = doc("The/DT/det/1 protests/NNS/nsubj/2/protest became/VBD/ROOT/2/become violent/JJ/acomp/2 ./././2")
    d.spans[event_detector.SPANS_KEY] = [Span(d, 1, 2), Span(d, 2, 4)]  # the extent of "tear": "tear gas"
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    found = EventExtractor()(ctx, EntityExtractor()(ctx)).mentions
    assert [(e.mention.text, [x.text for x in e.extra]) for e in found] == [("protests", ["became"])]


def test_the_other_word_of_a_multiword_trigger_is_no_mention_of_its_own() -> None:
    # "Parmalat went bust": the lexicon's "go bust" is one bankruptcy; the detector's "bust" (an
    # attack, to WordNet) is a word of it
    d = doc("Parmalat/NNP/nsubj/1 went/VBD/ROOT/1/go bust/JJ/acomp/1 ./././1", ((0, 1, "ORG"),))
    d.spans[event_detector.SPANS_KEY] = [Span(d, 1, 2), Span(d, 2, 4)]  # the extent of "tear": "tear gas"
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    found = EventExtractor()(ctx, EntityExtractor()(ctx)).mentions
    assert [(e.mention.text, e.type) for e in found] == [("went bust", "Bankruptcy")]


def test_a_word_of_a_name_is_no_event_but_a_verb_the_tagger_put_in_one_is() -> None:
    # the detector finds "Yelling" in "Hayley Yelling" and "Hit" in the studio "the Hit Factory" (an
    # event of some type for each); "Said Mr Fogg", tagged one name, still says something
    def found(tokens: str, ents: tuple[tuple[int, int, str], ...], detected: list[int]) -> list[str]:
        d = doc(tokens, ents)
        d.spans[event_detector.SPANS_KEY] = [Span(d, k, k + 1) for k in detected]
        ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
        return [e.mention.text for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions]

    yelling = "Hayley/NNP/compound/1 Yelling/NNP/nsubj/2 won/VBD/ROOT/2/win ./././2"
    assert found(yelling, ((0, 2, "PERSON"),), [1, 2]) == ["won"]
    assert found(yelling, (), [1, 2]) == ["Yelling", "won"]  # no name taken: the detector's word stands
    studio = "They/PRP/nsubj/1 met/VBD/ROOT/1/meet at/IN/prep/1 the/DT/det/5 Hit/NNP/compound/5/hit Factory/NNP/pobj/2"
    assert found(studio + " ./././1", ((4, 6, "ORG"),), [1, 4]) == ["met"]
    said = "Said/VBD/ROOT/0/say Mr/NNP/compound/2 Fogg/NNP/nsubj/0 ./././0"
    assert found(said, ((0, 3, "PERSON"),), [0]) == ["Said"]
    # a headline's capitals name nothing: the tagger's "Fred LaRue Dies" is a name and a death
    dies = "Fred/NNP/compound/1 LaRue/NNP/nsubj/2 Dies/VBZ/ROOT/2/die at/IN/prep/2 75/CD/pobj/3"
    assert found(dies, ((0, 3, "PERSON"),), [2]) == ["Dies"]


@pytest.mark.parametrize(
    ("verb", "expected"),
    [("declined/VBD/ROOT/1/decline", Status.POTENTIAL), ("began/VBD/ROOT/1/begin", Status.HAPPENED)],
)
def test_what_one_declines_or_refuses_to_do_has_not_happened(verb: str, expected: Status) -> None:
    # "BP declined to comment": no comment was made
    d = doc(f"BP/NNP/nsubj/1 {verb} to/TO/aux/3 comment/VB/xcomp/1/comment ./././1", ((0, 1, "ORG"),))
    d.spans[event_detector.SPANS_KEY] = [Span(d, 3, 4)]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    assert [e.status for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions] == [expected]


def test_an_event_said_to_be_next_or_forthcoming_has_not_happened() -> None:
    def status(adjective: str) -> list[tuple[str, Status]]:
        d = doc(
            f"Labour/NNP/nsubj/1 fights/VBZ/ROOT/1/fight the/DT/det/4 {adjective}/JJ/amod/4 election/NN/dobj/1 ./././1"
        )
        ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
        return [(e.mention.text, e.status) for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions]

    assert ("election", Status.POTENTIAL) in status("next")
    assert ("election", Status.HAPPENED) in status("last")


def test_a_named_person_s_attack_on_a_person_or_a_body_without_a_weapon_is_criticism() -> None:
    def typed(tokens: str, ents: tuple[tuple[int, int, str], ...]) -> str:
        d = doc(tokens, ents)
        ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
        return next(e.type for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions if e.lemma == "attack")

    attacked = "Kennedy/NNP/nsubj/1 attacked/VBD/ROOT/1/attack Brown/NNP/dobj/1"
    assert typed(attacked + " ./././1", ((0, 1, "PERSON"), (2, 3, "PERSON"))) == "Criticism"
    # an organisation (an army, Hamas) attacks as armies do, and anyone with something in hand
    assert typed(attacked + " ./././1", ((0, 1, "ORG"), (2, 3, "PERSON"))) == "Attack"
    slurry = attacked + " with/IN/prep/1 slurry/NN/pobj/3 ./././1"
    assert typed(slurry, ((0, 1, "PERSON"), (2, 3, "PERSON"))) == "Attack"


def test_a_list_of_subjects_the_parser_split_all_act() -> None:
    # "Sony, IBM and Toshiba attacked the rebels", as the small parser reads it: "Sony" and "IBM"
    # both subjects of the verb, "Toshiba" coordinated with "IBM"
    split = (
        "Sony/NNP/nsubj/5 ,/,/punct/5 IBM/NNP/nsubj/5 and/CC/cc/2 Toshiba/NNP/conj/2 attacked/VBD/ROOT/5/attack "
        "the/DT/det/7 rebels/NNS/dobj/5/rebel ./././5"
    )
    ents = ((0, 1, "ORG"), (2, 3, "ORG"), (4, 5, "ORG"))
    assert sorted(roles(split, ents, "Attack")) == [
        ("agent", "IBM"),
        ("agent", "Sony"),
        ("agent", "Toshiba"),
        ("patient", "rebels"),
    ]


def test_the_names_an_apposition_gives_a_role_take_it_too() -> None:
    # "US car firms General Motors and Ford cut production": the firms are General Motors and Ford
    firms = (
        "US/NNP/compound/2 car/NN/compound/2 firms/NNS/nsubj/7/firm General/NNP/compound/4 Motors/NNPS/appos/2 "
        "and/CC/cc/4 Ford/NNP/conj/4 attacked/VBD/ROOT/7/attack the/DT/det/9 rebels/NNS/dobj/7/rebel ./././7"
    )
    ents = ((3, 5, "ORG"), (6, 7, "ORG"))
    found = roles(firms, ents, "Attack")
    assert ("agent", "General Motors") in found and ("agent", "Ford") in found
    # a name before the description is not its apposition: "Ford, the firms attacked": no Ford
    before = "Ford/NNP/appos/2 ,/,/punct/2 firms/NNS/nsubj/3/firm attacked/VBD/ROOT/3/attack ./././3"
    assert ("agent", "Ford") not in roles(before, ((0, 1, "ORG"),), "Attack")


def test_a_company_that_posts_a_drop_undergoes_it() -> None:
    # "Ford posted a drop": the drop is the event, "posted" one of its words, and Ford undergoes it
    posted = (
        "Ford/NNP/nsubj/1 posted/VBD/ROOT/1/post a/DT/det/3 drop/NN/dobj/1 in/IN/prep/3 sales/NNS/pobj/4/sale ./././1"
    )
    assert roles(posted, ((0, 1, "ORG"),), "Decline") == [("patient", "Ford")]


def test_a_when_clause_on_a_date_is_dated_by_it() -> None:
    # "Prices fell since August, when they traded at $10": the parser hangs the clause on the date
    relcl = (
        "Prices/NNS/nsubj/1/price fell/VBD/ROOT/1/fall since/IN/prep/1 August/NNP/pobj/2 ,/,/punct/3 "
        "when/WRB/advmod/7 they/PRP/nsubj/7 protested/VBD/relcl/3/protest ./././1"
    )
    assert ("Protest", "2022-08") not in dates(relcl, ((3, 4, "DATE"),))  # news looks back: last August
    assert ("Protest", "2021-08") in dates(relcl, ((3, 4, "DATE"),))
    # ... or, after its comma, on the verb before; a "when" clause elsewhere keeps no date of another
    advcl = (
        "Prices/NNS/nsubj/1/price fell/VBD/ROOT/1/fall from/IN/prep/1 August/NNP/pobj/2 ,/,/punct/1 "
        "when/WRB/advmod/7 they/PRP/nsubj/7 protested/VBD/advcl/1/protest ./././1"
    )
    assert ("Protest", "2021-08") in dates(advcl, ((3, 4, "DATE"),))
    no_date = (
        "Prices/NNS/nsubj/1/price fell/VBD/ROOT/1/fall in/IN/prep/1 August/NNP/pobj/2 and/CC/cc/1 "
        "when/WRB/advmod/7 they/PRP/nsubj/7 protested/VBD/advcl/1/protest ./././1"
    )
    assert ("Protest", None) in dates(no_date, ((3, 4, "DATE"),))


def test_a_day_the_parser_hung_on_a_preposition_dates_its_verb() -> None:
    fell = (
        "In/IN/prep/5 trading/NN/pobj/0 Friday/NNP/npadvmod/0 ,/,/punct/5 prices/NNS/nsubj/5/price "
        "fell/VBD/ROOT/5/fall ./././5"
    )
    assert ("PriceFall", "2022-07-08") in dates(fell, ((2, 3, "DATE"),))


def test_charges_are_legal_and_being_in_charge_is_no_typed_event() -> None:
    faces = doc("He/PRP/nsubj/1 faces/VBZ/ROOT/1/face charges/NNS/dobj/1/charge ./././1")
    assert _typed(faces[2]) == "Charge"  # WordNet's first sense of the noun is a cavalry's charge
    in_charge = doc("the/DT/det/1 man/NN/nsubj/4 in/IN/prep/1 charge/NN/pobj/2 left/VBD/ROOT/4/leave ./././4")
    assert _typed(in_charge[3]) == "Event"
    took = doc("Toshack/NNP/nsubj/1 took/VBD/ROOT/1/take charge/NN/dobj/1 ./././1")
    assert _typed(took[2]) == "Event"


def test_a_word_of_a_compound_that_names_a_thing_is_no_event() -> None:
    # "Police fired tear gas": a weapon, not a tearing, whatever the detector proposes
    d = doc("Police/NNS/nsubj/1 fired/VBD/ROOT/1/fire tear/NN/compound/3 gas/NN/dobj/1 ./././1")
    d.spans[event_detector.SPANS_KEY] = [Span(d, 1, 2), Span(d, 2, 4)]  # the extent of "tear": "tear gas"
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    assert [e.lemma for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions] == ["fire"]


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        # "Two banks are set to merge": the merging, still to come; "set" names no happening
        (
            "Two/CD/nummod/1 banks/NNS/nsubjpass/3/bank are/VBP/auxpass/3/be set/VBN/ROOT/3/set to/TO/aux/5 "
            "merge/VB/xcomp/3/merge ./././3",
            [("merge", "potential")],
        ),
        # "Hayes set a record": setting one is a feat
        (
            "Hayes/NNP/nsubj/1 set/VBD/ROOT/1/set a/DT/det/3 record/NN/dobj/1 ./././1",
            [("set", "happened")],
        ),
    ],
)
def test_a_verb_that_says_what_is_about_to_happen_is_no_event(tokens: str, expected: list[tuple[str, str]]) -> None:
    d = doc(tokens)
    d.spans[event_detector.SPANS_KEY] = [Span(d, t.i, t.i + 1) for t in d if t.lemma_ in ("set", "merge")]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    assert [(e.lemma, e.status.value) for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions] == expected


def test_a_plural_noun_spacy_lemmatised_as_another_word_gets_its_own() -> None:
    # "raised taxes": spaCy's lemmatizer takes "taxes" for the plural of "taxi"
    d = silent_e_lemmas(doc("They/PRP/nsubj/1 raised/VBD/ROOT/1/raise taxes/NNS/dobj/1/taxis taxis/NNS/conj/2/taxi"))
    assert [t.lemma_ for t in d][2:] == ["tax", "taxi"]


def test_an_announcement_is_a_statement_apart_but_who_announces_does_what_is_announced() -> None:
    def carried(verb: str, lemma: str) -> tuple[list[str], list[str]]:
        tokens = f"HP/NNP/nsubj/1 {verb}/VBD/ROOT/1/{lemma} the/DT/det/3 acquisition/NN/dobj/1 ./././1"
        d = doc(tokens, ((0, 1, "ORG"),))
        ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
        entities = EntityExtractor()(ctx)
        (event,) = EventExtractor()(ctx, entities).mentions
        agents = [entities.mentions[r.entity].name for r in event.roles if r.name == "agent"]
        return agents, [m.text for m in event.extra]

    # "HP made the acquisition": the verb carries the event and is one more word for it
    assert carried("made", "make") == (["HP"], ["made"])
    assert carried("announced", "announce") == (["HP"], [])


def test_what_no_one_underwent_did_not_happen() -> None:
    nobody = "No/DT/det/1 one/NN/nsubjpass/3 was/VBD/auxpass/3/be injured/VBN/ROOT/3/injure ./././3"
    assert themes(nobody) == []
    two = "Two/CD/nummod/1 people/NNS/nsubjpass/3/person were/VBD/auxpass/3/be injured/VBN/ROOT/3/injure ./././3"
    assert [t for t, _theme in themes(two)] == ["Injury"]


def test_a_support_verb_whose_particle_makes_a_trigger_carries_no_event() -> None:
    from kg.extract.syntax import support_verb

    took = doc("JK/NNP/nsubj/1 took/VBD/ROOT/1/take over/RP/prt/1 the/DT/det/4 show/NN/dobj/1 ./././1")
    assert support_verb(took[4]) is None  # "take over": an acquisition of its own
    # so with a particle the parser took for an adverb: "With allegations ..., Dallaglio stepped down"
    down = doc(
        "With/IN/prep/4 allegations/NNS/pobj/0/allegation ,/,/punct/4 Dallaglio/NNP/nsubj/4 "
        "stepped/VBD/ROOT/4/step down/RB/advmod/4 ./././4"
    )
    assert support_verb(down[1]) is None
    action = doc("Police/NNS/nsubj/1/police took/VBD/ROOT/1/take action/NN/dobj/1 ./././1")
    assert getattr(support_verb(action[2]), "i", None) == 1
    carried = doc("They/PRP/nsubj/1 carried/VBD/ROOT/1/carry out/RP/prt/1 an/DT/det/4 attack/NN/dobj/1 ./././1")
    assert getattr(support_verb(carried[4]), "i", None) == 1  # "carry out" is no trigger: it carries the attack
    # "ordered all contracts to be examined": the order is about the contracts, it carries no event of theirs
    examined = doc(
        "Chavez/NNP/nsubj/1 ordered/VBD/ROOT/1/order contracts/NNS/dobj/1/contract to/TO/aux/5 be/VB/auxpass/5 "
        "examined/VBN/xcomp/1/examine ./././1"
    )
    assert support_verb(examined[2]) is None
    crackdown = doc("Tokayev/NNP/nsubj/1 ordered/VBD/ROOT/1/order a/DT/det/3 crackdown/NN/dobj/1 ./././1")
    assert getattr(support_verb(crackdown[3]), "i", None) == 1


def test_a_changing_measure_s_country_is_where_it_changes() -> None:
    grew = (
        "Japan+/NNP/poss/2 's/POS/case/0 economy/NN/nsubj/3 grew/VBD/ROOT/3/grow by/IN/prep/3 "
        "0.1+/CD/nummod/6 %/NN/pobj/4 ./././3"
    )
    d = doc(grew, ((0, 1, "GPE"), (5, 7, "PERCENT")))
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    entities = EntityExtractor()(ctx)
    (event,) = EventExtractor()(ctx, entities).mentions
    assert [(r.name, entities.mentions[r.entity].name) for r in event.roles] == [("place", "Japan")]


def test_a_violent_word_used_figuratively_is_typed_no_violence() -> None:
    demand = doc("prices/NNS/nsubj/1/price killed/VBD/ROOT/1/kill off/RP/prt/1 demand/NN/dobj/1 ./././1")
    assert _typed(demand[1]) == "Event"
    two = doc("troops/NNS/nsubj/1/troop killed/VBD/ROOT/1/kill two/CD/dobj/1 ./././1")
    assert _typed(two[1]) == "Killing"


@pytest.mark.parametrize("verb", ["play/VB/ROOT/2", "beat/VB/ROOT/2", "edge/VB/ROOT/2"])
def test_a_team_named_after_its_country_is_no_place_but_the_venue_is(verb: str) -> None:
    # "Ireland will play Switzerland in Dublin", "Wales will beat France": the other team
    d = doc(
        f"Ireland/NNP/nsubj/2 will/MD/aux/2 {verb} Switzerland/NNP/dobj/2 in/IN/prep/2 Dublin/NNP/pobj/4",
        ((0, 1, "GPE"), (3, 4, "GPE"), (5, 6, "GPE")),
    )
    d.spans[event_detector.SPANS_KEY] = [Span(d, 2, 3)]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    entities = EntityExtractor()(ctx)
    (played,) = EventExtractor()(ctx, entities).mentions
    assert [entities.mentions[r.entity].name for r in played.roles if r.name == "place"] == ["Dublin"]


def test_a_verb_violence_shares_with_sport_keeps_a_place_that_is_no_object() -> None:
    # "Police beat protesters outside Almaty": a beating's place, unlike "beat France"
    d = doc(
        "Police/NNS/nsubj/1 beat/VBD/ROOT/1/beat protesters/NNS/dobj/1 outside/IN/prep/1 Almaty/NNP/pobj/3",
        ((4, 5, "GPE"),),
    )
    d.spans[event_detector.SPANS_KEY] = [Span(d, 1, 2)]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    entities = EntityExtractor()(ctx)
    (beat,) = EventExtractor()(ctx, entities).mentions
    assert [entities.mentions[r.entity].name for r in beat.roles if r.name == "place"] == ["Almaty"]


@pytest.mark.parametrize(("verb", "against"), [("beat/VBD/ROOT/1/beat", "italy"), ("praised/VBD/ROOT/1/praise", "")])
def test_a_contest_keeps_whom_it_is_against_so_that_two_matches_stay_apart(verb: str, against: str) -> None:
    # "Wales beat Italy" and "Wales have beaten France": the teams are no places and no actors, so
    # only the object tells the two matches apart (resolution keeps mentions with two objects apart)
    d = doc(f"Wales/NNP/nsubj/1 {verb} Italy/NNP/dobj/1 ./././1", ((0, 1, "GPE"), (2, 3, "GPE")))
    d.spans[event_detector.SPANS_KEY] = [Span(d, 1, 2)]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    (event,) = EventExtractor()(ctx, EntityExtractor()(ctx)).mentions
    assert event.object == against


def test_a_reporting_verb_without_an_object_reports_whatever_its_first_sense() -> None:
    # "Ms Chadha said, adding that travel rose": a statement, not WordNet's increase
    adding = doc("Chadha/NNP/nsubj/1 added/VBD/ROOT/1/add that/IN/mark/4 travel/NN/nsubj/4 rose/VBD/ccomp/1/rise")
    servers = doc("Blizzard/NNP/nsubj/1 added/VBD/ROOT/1/add 34/CD/nummod/3 servers/NNS/dobj/1/server")
    written = doc("The/DT/det/1 virus/NN/nsubjpass/3 was/VBD/auxpass/3/be written/VBN/ROOT/3/write")
    assert _typed(adding[1]) == "Statement"
    assert _typed(servers[1]) == wordnet_type("add", "v") != "Statement"
    assert _typed(written[3]) == wordnet_type("write", "v") != "Statement"


def test_a_headlines_past_participle_without_its_auxiliary_is_a_passive() -> None:
    # "Cherie accused of attacking Bush": who is accused undergoes it; a verb that takes no object
    # keeps its subject ("Bank voted for no change")
    accused = "Cherie/NNP/nsubj/1 accused/VBD/ROOT/1/accuse of/IN/prep/1 fraud/NN/pobj/2"
    assert roles(accused, ((0, 1, "PERSON"),), "Accusation") == [("patient", "Cherie")]
    assert roles(accused + " ./././1", ((0, 1, "PERSON"),), "Accusation") == [("agent", "Cherie")]  # a sentence
    voted = "Smith/NNP/nsubj/1 voted/VBD/ROOT/1/vote for/IN/prep/1 change/NN/pobj/2"
    assert [r for r, _ in roles(voted, ((0, 1, "PERSON"),), "Election")] == ["agent"]


def test_a_verb_of_little_meaning_alone_keeps_what_it_acts_on() -> None:
    d = doc(
        "Toyota/NNP/nsubj/1 made/VBD/ROOT/1/make inroads/NNS/dobj/1/inroad and/CC/cc/1 "
        "sold/VBD/conj/1/sell cars/NNS/dobj/4/car ./././1"
    )
    extractor = EventExtractor()
    assert extractor._object(d[1]) == "inroad"
    assert extractor._object(d[4]) == ""  # "sold cars" is a sale whatever was sold


def test_cutting_anything_but_a_measure_or_jobs_is_a_reduction() -> None:
    # WordNet's first sense of "cut" is with a knife; news cuts immigration, deaths and budgets
    d = doc("Tories/NNPS/nsubj/1 cut/VBD/ROOT/1/cut immigration/NN/dobj/1 ./././1")
    assert _typed(d[1]) == "Decline"


def test_a_fight_against_crime_or_an_election_battle_is_no_violence() -> None:
    # WordNet makes "fight", "battle" and "combat" clashes; aimed at a crime, a measure or an event
    # they name none ("the fight against crime", "an election battle", "to combat terrorism")
    crime = doc("the/DT/det/1 fight/NN/ROOT/1 against/IN/prep/1 crime/NN/pobj/2 ./././1")
    election = doc("an/DT/det/2 election/NN/compound/2 battle/NN/ROOT/2 ./././2")
    terrorism = doc("to/TO/aux/1 combat/VB/ROOT/1 terrorism/NN/dobj/1 ./././1")
    rebels = doc("the/DT/det/1 fight/NN/ROOT/1 against/IN/prep/1 rebels/NNS/pobj/2/rebel ./././1")
    assert [_typed(crime[1]), _typed(election[2]), _typed(terrorism[1])] == ["Event"] * 3
    assert _typed(rebels[1]) == "Clash"
    # nor at a social ill: "the fight against global poverty" (a fresh BBC article)
    poverty = doc("the/DT/det/1 fight/NN/ROOT/1 against/IN/prep/1 global/JJ/amod/4 poverty/NN/pobj/2 ./././1")
    assert _typed(poverty[1]) == "Event"
    # a rivalry "for" a measure: "a more solid fight for market share" (a fresh BBC article)
    share = doc("a/DT/det/1 fight/NN/ROOT/1 for/IN/prep/1 market/NN/compound/4 share/NN/pobj/2 ./././1")
    assert _typed(share[1]) == "Event"
    # a compound says what a rivalry is fought over, but only where violence itself is the place
    violence = doc("the/DT/det/2 election/NN/compound/2 violence/NN/ROOT/2 ./././2")
    assert _typed(violence[2]) == "Violence"


def test_an_adjective_names_a_state_or_what_its_verb_names() -> None:
    # "the Parliament Act was invalid": a state, not WordNet's verb "invalid" (to disable, an
    # injury); a participle takes its verb's type ("pleased": a feeling)
    invalid = doc("Act/NNP/nsubj/1 was/VBD/ROOT/1/be invalid/JJ/acomp/1 ./././1")
    pleased = doc("He/PRP/nsubj/1 was/VBD/ROOT/1/be pleased/JJ/acomp/1 ./././1")
    assert wordnet_type("invalid", "v") == "Injury"
    assert _typed(invalid[2]) == "State"
    assert _typed(pleased[2]) == wordnet_type("please", "v") == "Emotion"


def test_have_got_to_is_a_must_not_a_getting() -> None:
    # "officials have got to take the fact into account": one event, the taking, which may happen
    d = doc(
        "officials/NNS/nsubj/2/official have/VBP/aux/2 got/VBN/ROOT/2/get to/TO/aux/4 take/VB/xcomp/2 "
        "the/DT/det/6 fact/NN/dobj/4 ./././2"
    )
    d.spans[event_detector.SPANS_KEY] = [Span(d, 2, 3), Span(d, 4, 5)]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    found = EventExtractor()(ctx, EntityExtractor()(ctx)).mentions
    assert [(e.mention.text, e.status) for e in found] == [("take", "potential")]


def test_set_to_says_an_event_is_to_come() -> None:
    # "profits are set to fall": one event, the fall; "the judge set the date" is a setting
    d = doc("profits/NNS/nsubjpass/2/profit are/VBP/auxpass/2/be set/VBN/ROOT/2 to/TO/aux/4 fall/VB/xcomp/2 ./././2")
    d.spans[event_detector.SPANS_KEY] = [Span(d, 2, 3), Span(d, 4, 5)]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    found = EventExtractor()(ctx, EntityExtractor()(ctx)).mentions
    assert [e.mention.text for e in found] == ["fall"]
    judge = doc("judge/NN/nsubj/1 set/VBD/ROOT/1 the/DT/det/3 date/NN/dobj/1 ./././1")
    judge.spans[event_detector.SPANS_KEY] = [Span(judge, 1, 2)]
    ctx = Context(judge, Document("t", judge.text, "test"), clean(judge.text))
    assert [e.mention.text for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions] == ["set"]


def test_an_economy_is_a_measure_that_grows() -> None:
    # "China's economy has expanded": WordNet's expanding is an increase from a rarer sense, kept
    # for a measure; "Google expanded into China" takes the coarse type of its first senses
    economy = doc("economy/NN/nsubj/2 has/VBZ/aux/2 expanded/VBN/ROOT/2/expand ./././2")
    google = doc("Google/NNP/nsubj/1 expanded/VBD/ROOT/1/expand into/IN/prep/1 China/NNP/pobj/2 ./././1")
    assert wordnet_type("expand", "v") == "Increase"
    assert _typed(economy[2]) == "Increase"
    assert _typed(google[1]) != "Increase"


def test_a_verb_with_its_particle_is_typed_as_one_verb() -> None:
    # "stepped down" resigns and "pointed out" says: not stepping or pointing; a particle WordNet
    # does not list with the verb leaves the verb's own type
    down = doc("Smith/NNP/nsubj/1 stepped/VBD/ROOT/1/step down/RP/prt/1 ./././1")
    out = doc("experts/NNS/nsubj/1/expert pointed/VBD/ROOT/1/point out/RP/prt/1 ./././1")
    along = doc("Smith/NNP/nsubj/1 stepped/VBD/ROOT/1/step along/RP/prt/1 ./././1")
    assert _typed(down[1]) == "Resignation"
    assert _typed(out[1]) == "Statement"
    assert _typed(along[1]) == wordnet_type("step", "v") == "Movement"


def test_a_change_word_typed_by_a_rarer_sense_changes_nothing_measured_takes_its_first_senses_type() -> None:
    # "Previous films include Boys Don't Cry": WordNet reaches adding, so increasing, from the third
    # sense of "include"; "added 34 servers" counts what it adds and stays an increase
    include = doc("films/NNS/nsubj/1/film include/VBP/ROOT/1 Boys/NNP/dobj/1 ./././1")
    added = doc("It/PRP/nsubj/1 added/VBD/ROOT/1/add 34/CD/nummod/3 servers/NNS/dobj/1/server ./././1")
    assert wordnet_type("include", "v") == "Increase"
    assert _typed(include[1]) == "State"
    assert _typed(added[1]) == "Increase"


def test_a_clitic_s_before_a_participle_with_an_object_is_a_perfect() -> None:
    """ "The army's launched a crackdown": the small parser's "is launched", a passive whose subject
    undergoes the crackdown; kg_perfects reads "has launched", so the army does it."""

    def crackdown_roles(tokens: str) -> tuple[list[tuple[str, str]], list[str]]:
        d = clitic_perfects(doc(tokens, ()))
        ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
        entities = EntityExtractor()(ctx)
        found = [
            (r.name, entities.mentions[r.entity].name)
            for e in EventExtractor()(ctx, entities).mentions
            if e.type == "Crackdown"
            for r in e.roles
        ]
        return found, [t.dep_ for t in d]

    perfect = (
        "army/NN/nsubjpass/2 's/VBZ/auxpass/2/be launched/VBN/ROOT/2/launch a/DT/det/4 crackdown/NN/dobj/2 ./././2"
    )
    assert crackdown_roles(perfect) == ([("agent", "army")], ["nsubj", "aux", "ROOT", "det", "dobj", "."])
    # a passive still: another passive auxiliary ("'s been given"), or no object ("'s expected")
    given = (
        "army/NN/nsubjpass/3 's/VBZ/auxpass/3/be been/VBN/auxpass/3/be given/VBN/ROOT/3/give a/DT/det/5 "
        "crackdown/NN/dobj/3 ./././3"
    )
    assert crackdown_roles(given)[1][:3] == ["nsubjpass", "auxpass", "auxpass"]
    expected = "crackdown/NN/nsubjpass/2 's/VBZ/auxpass/2/be expected/VBN/ROOT/2/expect ./././2"
    assert crackdown_roles(expected)[1] == ["nsubjpass", "auxpass", "ROOT", "."]


def test_a_name_coordinated_before_a_verb_without_a_subject_is_its_subject() -> None:
    """ "They met at Dallas and Houston resigned": the small parser coordinates Houston with Dallas
    and leaves "resigned" without a subject; kg_subjects makes Houston its subject, so Houston is
    the person named before, not a city, and the one who resigned."""
    tokens = (
        "John/NNP/compound/1 Houston/NNP/nsubj/2 spoke/VBD/ROOT/2/speak ./././2 They/PRP/nsubj/5 met/VBD/ROOT/5/meet "
        "at/IN/prep/5 Dallas/NNP/pobj/6 and/CC/cc/7 Houston/NNP/conj/7 resigned/VBD/conj/5/resign ./././5"
    )
    d = doc(tokens, ((0, 2, "PERSON"), (7, 8, "GPE"), (9, 10, "GPE")))
    assert [(t.dep_, t.head.text) for t in d[8:11]] == [("cc", "met"), ("nsubj", "resigned"), ("conj", "met")]
    assert [(e.text, e.label_) for e in d.ents][-2:] == [("Dallas", "GPE"), ("Houston", "PERSON")]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    entities = EntityExtractor()(ctx)
    gone = [e for e in EventExtractor()(ctx, entities).mentions if e.mention.text == "resigned"]
    assert [(r.name, entities.mentions[r.entity].name) for e in gone for r in e.roles] == [("agent", "Houston")]
    # a participle brings no subject of its own: "sold to Europe and Asia, rising" is left as parsed
    kept = (
        "They/PRP/nsubj/1 sold/VBD/ROOT/1/sell to/IN/prep/1 Europe/NNP/pobj/2 and/CC/cc/3 Asia/NNP/conj/3 "
        "rising/VBG/conj/1/rise ./././1"
    )
    assert [t.dep_ for t in doc(kept)] == ["nsubj", "ROOT", "prep", "pobj", "cc", "conj", "conj", "."]


def test_a_hyphenated_modifier_is_in_the_mention_and_apart_from_the_word() -> None:
    # "issued a shoot-to-kill order": one mention, whose word is "order" (as "the order" later is)
    # and whose modifier says which order
    d = doc(
        "Tokayev/NNP/nsubj/1 issued/VBD/ROOT/1/issue a/DT/det/8 shoot+/VB/npadvmod/7 -+/HYPH/punct/7 "
        "to+/TO/aux/7 -+/HYPH/punct/7 kill/VB/amod/8 order/NN/dobj/1 ./././1",
        ((0, 1, "PERSON"),),
    )
    d.spans[event_detector.SPANS_KEY] = [Span(d, *event_detector.extent(d, 8))]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    (order,) = [e for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions if "order" in e.mention.text]
    assert (order.mention.text, order.lemma, order.modifier) == ("shoot-to-kill order", "order", "shoot to kill")


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        # a verb coordinated with a modal one shares its modal: "could raise taxes and cut spending"
        (
            "Brown/NNP/nsubj/2 could/MD/aux/2 raise/VB/ROOT/2/raise taxes/NNS/dobj/2/tax and/CC/cc/2 "
            "cut/VB/conj/2/cut spending/NN/dobj/5 ./././2",
            {"raise": Status.POTENTIAL, "cut": Status.POTENTIAL},
        ),
        # the complement of a complement still to come: "plans to continue to expand"
        (
            "Jet/NNP/nsubj/1 plans/VBZ/ROOT/1/plan to/TO/aux/3 continue/VB/xcomp/1/continue to/TO/aux/5 "
            "expand/VB/xcomp/3/expand ./././1",
            {"continue": Status.POTENTIAL, "expand": Status.POTENTIAL},
        ),
        # the to-infinitive of a noun of intent or failing: "the plan to cut 500 jobs was dropped"
        (
            "the/DT/det/1 plan/NN/nsubjpass/6 to/TO/aux/3 cut/VB/acl/1/cut jobs/NNS/dobj/3/job was/VBD/auxpass/6/be "
            "dropped/VBN/ROOT/6/drop ./././6",
            {"cut": Status.POTENTIAL, "drop": Status.HAPPENED},
        ),
        # "going to": the future; "if": a condition
        (
            "women/NNS/nsubj/2 are/VBP/aux/2/be going/VBG/ROOT/2/go to/TO/aux/4 beat/VB/xcomp/2/beat "
            "men/NNS/dobj/4/man ./././2",
            {"beat": Status.POTENTIAL},
        ),
        (
            "it/PRP/nsubj/1 insults/VBZ/ROOT/1/insult if/IN/mark/5 money/NN/nsubjpass/5 is/VBZ/auxpass/5/be "
            "taken/VBN/advcl/1/take ./././1",
            {"insult": Status.HAPPENED, "take": Status.POTENTIAL},
        ),
        # a conjunct with a subject of its own is a clause of its own: "Brown could raise taxes and Blair cut"
        (
            "Brown/NNP/nsubj/2 could/MD/aux/2 raise/VB/ROOT/2/raise taxes/NNS/dobj/2/tax and/CC/cc/2 "
            "Blair/NNP/nsubj/6 cut/VBD/conj/2/cut spending/NN/dobj/6 ./././2",
            {"raise": Status.POTENTIAL, "cut": Status.HAPPENED},
        ),
    ],
)
def test_what_a_word_still_to_come_governs_or_is_coordinated_with_is_still_to_come(
    tokens: str, expected: dict[str, Status]
) -> None:
    d = doc(tokens, ((0, 1, "PERSON"),))
    d.spans[event_detector.SPANS_KEY] = [Span(d, t.i, t.i + 1) for t in d if t.lemma_ in expected]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    found = {e.lemma: e.status for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions}
    assert {k: found.get(k) for k in expected} == expected


def test_going_on_to_do_something_is_no_event_of_its_own() -> None:
    # "Mr McConnell went on to promise ...": the promise happened next; "went on" names nothing
    d = doc(
        "McConnell/NNP/nsubj/1 went/VBD/ROOT/1/go on/RP/prt/1 to/TO/aux/4 promise/VB/advcl/1/promise "
        "help/NN/dobj/4 ./././1",
        ((0, 1, "PERSON"),),
    )
    d.spans[event_detector.SPANS_KEY] = [Span(d, 1, 3), Span(d, 4, 5)]
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    found = [(e.mention.text, e.status) for e in EventExtractor()(ctx, EntityExtractor()(ctx)).mentions]
    assert ("promise", Status.HAPPENED) in found and not any(text.startswith("went") for text, _ in found)
