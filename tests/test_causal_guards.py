"""What the extractor keeps of the trained reader's pairs, on parses built by hand with a reading
given (so no trained model): each guard beside the same pair where it does not apply."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from kg.cleanup import clean
from kg.extract.causal import CausalExtractor
from kg.extract.context import Context
from kg.extract.entities import EntityExtractor
from kg.extract.events import EventExtractor
from kg.model import Document
from kg.nlp.causal_model import LinkScale, Pair, Reading, write
from kg.nlp.event_detector import PROBS, SPANS_KEY
from tests.parses import doc

IDENTITY = LinkScale()


def sure(d: Doc, *pairs: tuple[int, int, float], scale: LinkScale = IDENTITY, floor: float = 0.0) -> None:
    """A reading of ``d`` as one sentence the reader is sure states a causal link, with ``pairs``
    (cause, effect, probability), their confidences through ``scale``."""
    found = tuple(Pair(i, j, p, scale(p)) for i, j, p in pairs)
    write(d, [Reading(0, 1.0, found, scale, floor)], scale, floor)


def model_links(
    tokens: str,
    cause: int,
    effect: int,
    probability: float = 0.9,
    aux: int | None = None,
    ents: tuple[tuple[int, int, str], ...] = (),
    detected: dict[int, float] | None = None,
    proposed: tuple[int, ...] = (),
) -> set[tuple[str, str, str, str]]:
    """(cause, effect, signal, status) of the links built when the reader is sure of one pair
    (``aux``: a token spaCy would call an auxiliary, as it does a copula; ``detected``: the event
    detector's probabilities, word -> probability, as if it ran and proposed no event; ``proposed``:
    the words it proposed as events, as TimeML annotates a causal verb)."""
    d = doc(tokens, ents)
    if aux is not None:
        d[aux].pos_ = "AUX"
    if detected is not None:
        d._.set(PROBS, detected)
    if proposed:
        d.spans[SPANS_KEY] = [Span(d, i, i + 1) for i in proposed]
    sure(d, (cause, effect, probability))
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    events = EventExtractor()(ctx, EntityExtractor()(ctx))
    found = CausalExtractor()(ctx, events)
    words = [e.mention.text for e in events.mentions]
    return {(words[k.cause], words[k.effect], k.signal.text, k.status.value) for k in found}


def test_what_a_verb_frames_is_potential_unless_the_verb_is_causal() -> None:
    aims = "Nissan/NNP/nsubj/1 aims/VBZ/ROOT/1/aim to/TO/aux/3 expand/VB/xcomp/1 ./././1"
    forced = "Nissan/NNP/nsubj/1 forced/VBD/ROOT/1/force rivals/NNS/dobj/1 to/TO/aux/4 rethink/VB/xcomp/1 ./././1"
    # "aims to expand": the aim frames an expansion that has not happened
    assert {(c, e, st) for c, e, _s, st in model_links(aims, 3, 1)} == {("expand", "aims", "potential")}
    # "forced rivals to rethink": the forcing brings the rethink about
    assert {(c, e, st) for c, e, _s, st in model_links(forced, 1, 4)} == {("forced", "rethink", "happened")}


def test_a_complement_clause_is_no_cue() -> None:
    # "analysts feared that investors panicked": "that" opens what is feared, so the link needs
    # the likelihood of a link without a cue word
    tokens = (
        "analysts/NNS/nsubj/1 feared/VBD/ROOT/1/fear that/IN/mark/4 investors/NNS/nsubj/4 "
        "panicked/VBD/ccomp/1/panic ./././1"
    )
    assert model_links(tokens, 4, 1, probability=0.7) == set()
    assert {(c, e, sig) for c, e, sig, _st in model_links(tokens, 4, 1, probability=0.9)} == {
        ("panicked", "feared", "")
    }


def test_a_concession_is_no_cause() -> None:
    template = (
        "traders/NNS/nsubj/1 laughed/VBD/ROOT/1/laugh {}/IN/mark/4 investors/NNS/nsubj/4 panicked/VBD/advcl/1/panic "
        "./././1"
    )
    assert model_links(template.format("because"), 4, 1) == {("panicked", "laughed", "because", "happened")}
    assert model_links(template.format("although"), 4, 1) == set()


def test_a_condition_is_potential_and_an_if_that_asks_whether_is_no_cue_wherever_the_parser_hangs_it() -> None:
    # "the government checks people if they arrive": a condition, not a cause that happened
    template = (
        "government/NN/nsubj/1 checks/VBZ/ROOT/1/check people/NNS/dobj/1 if/IN/mark/5 they/PRP/nsubj/5 "
        "arrive/VBP/{}/1/arrive ./././1"
    )
    assert model_links(template.format("advcl"), 5, 1) == {("arrive", "checks", "if", "potential")}
    # "... wonders if they arrive": what is asked, so a link needs the likelihood of one without a cue
    assert model_links(template.format("ccomp"), 5, 1, probability=0.7) == set()
    # "asked if he was appointed": the parser hangs what is asked on "asked" as an adverbial clause
    asked = "he/PRP/nsubj/1 asked/VBD/ROOT/1/ask if/IN/mark/4 they/PRP/nsubj/4 arrived/VBD/advcl/1/arrive ./././1"
    assert model_links(asked, 4, 1, probability=0.7) == set()


def test_a_copula_names_no_event_but_its_predicate_may() -> None:
    # "shares are cheap because investors panicked": the panic makes them cheap; "are" is no event
    template = (
        "shares/NNS/nsubj/1 are/VBP/ROOT/1/be {}/{}/{}/1 because/IN/mark/5 investors/NNS/nsubj/5 "
        "panicked/VBD/advcl/1/panic ./././1"
    )
    cheap = model_links(template.format("cheap", "JJ", "acomp"), 5, 1, aux=1)
    assert {(c, e) for c, e, _s, _st in cheap} == {("panicked", "cheap")}
    assert model_links(template.format("now", "RB", "advmod"), 5, 1, aux=1) == set()


def test_a_link_end_keeps_the_type_the_event_stage_gave_it() -> None:
    # "people fled during rioting": the rioting has no participant, place or date of its own, and
    # stays the riot the event stage found; the causal stage proposes links, it does not retype
    d = doc("people/NNS/nsubj/1 fled/VBD/ROOT/1/flee during/IN/prep/1 rioting/NN/pobj/2 ./././1")
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    events = EventExtractor()(ctx, EntityExtractor()(ctx))
    assert [e.type for e in events.mentions if e.mention.text == "rioting"] == ["Riot"]
    sure(d, (3, 1, 0.9))
    links = CausalExtractor()(ctx, events)
    assert [(events.mentions[k.cause].mention.text, events.mentions[k.cause].type) for k in links] == [
        ("rioting", "Riot")
    ]


def test_a_support_verb_with_no_event_in_its_phrase_names_its_subject() -> None:
    # "the rally was held in Delhi to highlight neglect": the rally is what was held
    tokens = (
        "the/DT/det/1 rally/NN/nsubjpass/3 was/VBD/auxpass/3/be held/VBN/ROOT/3/hold in/IN/prep/3 Delhi/NNP/pobj/4 "
        "to/TO/aux/7 highlight/VB/advcl/3 neglect/NN/dobj/7 ./././3"
    )
    found = model_links(tokens, 7, 3, ents=((5, 6, "GPE"),))
    assert found == {("highlight", "rally", "to", "potential")}


def test_an_unknown_word_that_the_lexicon_gives_the_other_ends_type_is_the_same_event() -> None:
    template = (
        "pickets/NNS/nsubjpass/2 were/VBD/auxpass/2/be held/VBN/ROOT/2/hold by/IN/agent/2 those/DT/pobj/3 "
        "{}/VBG/acl/4/{} in/IN/prep/2 Cardiff/NNP/pobj/6 ./././2"
    )
    cardiff = ((7, 8, "GPE"),)
    # "pickets were held by those striking": the striking is the picketing, read twice
    assert model_links(template.format("striking", "strike"), 5, 2, ents=cardiff) == set()
    starving = model_links(template.format("starving", "starve"), 5, 2, ents=cardiff)
    assert {(c, e) for c, e, _s, _st in starving} == {("starving", "pickets")}


def test_two_words_of_one_type_are_two_events_and_one_word_twice_is_one() -> None:
    # a shooting and an attack are both Attack, and one may bring the other about; a strike that
    # "causes" a strike reads one event twice
    template = "the/DT/det/1 {0}/NN/nsubj/2 met/VBD/ROOT/2/meet an/DT/det/4 {1}/NN/dobj/2 ./././2"
    assert model_links(template.format("shooting", "attack"), 1, 4) == {("shooting", "attack", "", "happened")}
    assert model_links(template.format("strike", "strike"), 1, 4) == set()


def test_a_light_verb_or_copula_with_no_event_of_its_own_names_the_clause_it_frames() -> None:
    # "passengers had to postpone trips as buses were withdrawn": the postponing is the effect; a
    # bare "had" names nothing the graph can show, but an object that can name a happening does
    # ("had trouble as buses were withdrawn"), and one that names a thing does not ("had cars")
    template = (
        "passengers/NNS/nsubj/1 had/VBD/ROOT/1/have {} as/IN/mark/8 buses/NNS/nsubjpass/8 "
        "were/VBD/auxpass/8/be withdrawn/VBN/advcl/1/withdraw ./././1"
    )
    postpone = template.format("to/TO/aux/3 postpone/VB/xcomp/1 trips/NNS/dobj/3")
    assert {(c, e) for c, e, _s, _st in model_links(postpone, 8, 1)} == {("withdrawn", "postpone")}
    trouble = model_links(template.format("some/DT/det/3 trouble/NN/dobj/1 here/RB/advmod/1"), 8, 1)
    assert {(c, e) for c, e, _s, _st in trouble} == {("withdrawn", "trouble")}
    assert model_links(template.format("their/PRP$/poss/3 cars/NNS/dobj/1/car here/RB/advmod/1"), 8, 1) == set()
    # "the team is to visit the village after the attack": the visit, not "is"
    visit = (
        "the/DT/det/1 team/NN/nsubj/2 is/VBZ/ROOT/2/be to/TO/aux/4 visit/VB/xcomp/2 the/DT/det/6 "
        "village/NN/dobj/4 after/IN/prep/4 the/DT/det/9 attack/NN/pobj/7 ./././2"
    )
    assert {(c, e) for c, e, _s, _st in model_links(visit, 9, 2, aux=2)} == {("attack", "visit")}


@pytest.mark.parametrize(("verb", "lemma"), [("predicted", "predict"), ("described", "describe")])
def test_an_as_clause_that_compares_is_no_cause(verb: str, lemma: str) -> None:
    # "traders sold as analysts panicked" explains; "as analysts predicted" only compares
    template = "traders/NNS/nsubj/1 sold/VBD/ROOT/1/sell as/IN/mark/4 analysts/NNS/nsubj/4 {}/VBD/advcl/1/{} ./././1"
    assert model_links(template.format("panicked", "panic"), 4, 1) == {("panicked", "sold", "as", "happened")}
    assert model_links(template.format(verb, lemma), 4, 1) == set()


def test_a_means_read_as_the_effect_of_what_it_achieves_is_turned_round() -> None:
    # "the tool works by creating links": the reader's pair (works -> creating) is the wrong way round
    tokens = (
        "the/DT/det/1 tool/NN/nsubj/2 works/VBZ/ROOT/2/work {}/IN/prep/2 creating/VBG/pcomp/3/create "
        "links/NNS/dobj/4/link ./././2"
    )
    assert {(c, e) for c, e, _s, _st in model_links(tokens.format("by"), 2, 4)} == {("creating", "works")}
    assert {(c, e) for c, e, _s, _st in model_links(tokens.format("after"), 2, 4)} == {("works", "creating")}


@pytest.mark.parametrize(
    ("verb", "built"), [("Protesting/VBG/advcl/5/protest", True), ("Speaking/VBG/advcl/5/speak", False)]
)
def test_a_fronted_participle_of_speaking_frames_a_statement_and_causes_nothing(verb: str, built: bool) -> None:
    tokens = f"{verb} on/IN/prep/0 radio/NN/pobj/1 ,/,/punct/5 he/PRP/nsubj/5 criticised/VBD/ROOT/5/criticise ./././5"
    assert bool(model_links(tokens, 0, 5, probability=0.7)) == built


def test_a_verb_of_coming_with_where_to_is_an_event_though_light() -> None:
    # "workers came out to confront protesters": the coming out is what the confronting is for
    template = (
        "workers/NNS/nsubj/1/worker came/VBD/ROOT/1/come {} to/TO/aux/4 confront/VB/advcl/1/confront "
        "protesters/NNS/dobj/4/protester ./././1"
    )
    assert {(c, e) for c, e, _s, _st in model_links(template.format("out/RP/prt/1"), 4, 1)} == {("confront", "came")}
    assert model_links(template.format("again/RB/advmod/1"), 4, 1) == set()  # "came again": nothing to show


def test_a_value_after_a_value_tells_when_not_why() -> None:
    # "the deficit hit $412bn after reaching $377bn": two levels of one measure in turn
    template = (
        "the/DT/det/1 deficit/NN/nsubj/2 hit/VBD/ROOT/2/hit $/$/nmod/4 412bn/CD/dobj/2 after/IN/prep/2 {} ./././2"
    )
    reaching = template.format("reaching/VBG/pcomp/5/reach $/$/nmod/8 377bn/CD/dobj/6")
    assert model_links(reaching, 6, 2, ents=((3, 5, "MONEY"), (7, 9, "MONEY"))) == set()
    soaring = template.format("soaring/VBG/pcomp/5/soar")
    assert {(c, e) for c, e, _s, _st in model_links(soaring, 6, 2, ents=((3, 5, "MONEY"),))} == {("soaring", "hit")}


@pytest.mark.parametrize(("verb", "built"), [("win/VBP/advcl/4/win", True), ("think/VBP/advcl/4/think", False)])
def test_thinking_names_no_event_and_being_able_names_what_one_is_able_to_do(verb: str, built: bool) -> None:
    # "consumers are able to seek damages if they win" / "... if they think": a thought is no happening
    tokens = (
        "consumers/NNS/nsubj/1 are/VBP/ROOT/1/be able/JJ/acomp/1 to/TO/aux/4 seek/VB/xcomp/2 "
        f"damages/NNS/dobj/4 if/IN/mark/8 they/PRP/nsubj/8 {verb} ./././1"
    )
    found = {(c, e) for c, e, _s, _st in model_links(tokens, 8, 2)}
    assert found == ({(verb.split("/")[0], "seek")} if built else set())


def test_a_verb_that_says_what_is_about_to_happen_stands_for_what_will() -> None:
    # "prices are set to fall as demand slows": the falling, not the setting (no event of its own)
    tokens = (
        "prices/NNS/nsubjpass/2/price are/VBP/auxpass/2/be set/VBN/ROOT/2/set to/TO/aux/4 fall/VB/xcomp/2 "
        "as/IN/mark/7 demand/NN/nsubj/7 slows/VBZ/advcl/2/slow ./././2"
    )
    assert {(c, e) for c, e, _s, _st in model_links(tokens, 7, 2)} == {("slows", "fall")}


def test_a_verb_that_says_what_happened_next_stands_for_it() -> None:
    # "the team went on to win because its rivals faltered": the win, not the going on (a light verb,
    # whose own word had made it an event)
    tokens = (
        "team/NN/nsubj/1 went/VBD/ROOT/1/go on/RP/prt/1 to/TO/aux/4 win/VB/advcl/1/win "
        "because/IN/mark/7 rivals/NNS/nsubj/7/rival faltered/VBD/advcl/1/falter ./././1"
    )
    assert {(c, e) for c, e, _s, _st in model_links(tokens, 7, 1)} == {("faltered", "win")}


def test_a_noun_that_only_gathers_stands_for_what_it_gathers() -> None:
    # "sales slumped owing to a combination of colder weather and ...": the weather, not the combination
    tokens = (
        "sales/NNS/nsubj/1/sale slumped/VBD/ROOT/1/slump owing/VBG/prep/1/owe to/IN/prep/2 a/DT/det/5 "
        "combination/NN/pobj/3 of/IN/prep/5 colder/JJR/amod/8/cold weather/NN/pobj/6 ././punct/1"
    )
    assert {(c, e) for c, e, _s, _st in model_links(tokens, 5, 1)} == {("weather", "slumped")}


def test_an_idiom_of_coming_about_names_its_subject_and_posting_names_what_is_posted() -> None:
    # "jobs were lost as outsourcing took hold": what took hold, not the hold
    hold = (
        "jobs/NNS/nsubjpass/2/job were/VBD/auxpass/2/be lost/VBN/ROOT/2/lose as/IN/mark/5 "
        "outsourcing/NN/nsubj/5 took/VBD/advcl/2/take {}/NN/dobj/5 ./././2"
    )
    assert {(c, e) for c, e, _s, _st in model_links(hold.format("hold"), 5, 2)} == {("outsourcing", "lost")}
    assert model_links(hold.format("town"), 5, 2) == set()  # "took the town": nothing happens to it
    # "the firm posted a smaller rise as the measures began to work": the rise, not the posting
    rise = (
        "the/DT/det/1 firm/NN/nsubj/2 posted/VBD/ROOT/2/post a/DT/det/5 smaller/JJR/amod/5/small "
        "rise/NN/dobj/2 as/IN/mark/9 the/DT/det/8 measures/NNS/nsubj/9/measure began/VBD/advcl/2/begin "
        "./././2"
    )
    assert {(c, e) for c, e, _s, _st in model_links(rise, 8, 2)} == {("measures", "rise")}


def test_an_elliptical_condition_names_no_event() -> None:
    # "the troops will evacuate the nationals if necessary": no happening makes it necessary
    template = "troops/NNS/nsubj/2/troop will/MD/aux/2 evacuate/VB/ROOT/2 nationals/NNS/dobj/2/national if/IN/mark/{}"
    elliptical = template.format("5 necessary/JJ/advcl/2 ./././2")
    assert model_links(elliptical, 5, 2) == set()
    # with a subject it is a state that can be a cause: "if the situation/NN worse"
    stated = template.format("7 the/DT/det/6 situation/NN/nsubj/7 worse/JJ/advcl/2/bad ./././2")
    assert {(c, e) for c, e, _s, _st in model_links(stated, 7, 2)} == {("worse", "evacuate")}


@pytest.mark.parametrize(
    ("tokens", "cause", "effect"),
    [
        # "arrested as part of an inquiry": what the arrest belongs to, not why it happened
        (
            "Men/NNS/nsubjpass/2 were/VBD/auxpass/2 arrested/VBN/ROOT/2/arrest as/IN/prep/2 part/NN/pobj/3 "
            "of/IN/prep/4 an/DT/det/7 inquiry/NN/pobj/5/inquiry ./././2",
            7,
            2,
        ),
        # "rose, as opposed to a fall": a contrast
        (
            "Sales/NNS/nsubj/1 rose/VBD/ROOT/1/rise as/IN/prep/1 opposed/VBN/pobj/2/oppose to/IN/prep/3 "
            "a/DT/det/6 fall/NN/pobj/4/fall ./././1",
            6,
            1,
        ),
    ],
)
def test_as_in_a_fixed_expression_is_no_cue(tokens: str, cause: int, effect: int) -> None:
    assert model_links(tokens, cause, effect) == set()
    # the same pair with a cue in its place is a link
    after = tokens.replace("as/IN/prep", "after/IN/prep")
    assert {(c, e, sig) for c, e, sig, _ in model_links(after, cause, effect)} != set()


def test_a_new_end_needs_the_event_detector_to_find_it_likely_enough() -> None:
    # "miners moved for electricity": when the detector, having read the words, finds the noun
    # unlikely to name a happening, the reader's pair is no causal link between events
    tokens = "Miners/NNS/nsubj/1 moved/VBD/ROOT/1/move for/IN/prep/1 electricity/NN/pobj/2 ./././1"
    assert model_links(tokens, 3, 1, detected={1: 0.3, 3: 0.02}) == set()
    assert {(c, e) for c, e, _s, _st in model_links(tokens, 3, 1, detected={1: 0.3, 3: 0.2})} == {
        ("electricity", "moved")
    }
    # without the detector (the lexicon's triggers alone) the reader's words stand
    assert {(c, e) for c, e, _s, _st in model_links(tokens, 3, 1)} == {("electricity", "moved")}


def test_a_reason_in_a_reported_clause_is_not_the_reason_for_the_report() -> None:
    # "Yukos claimed it sought help because the courts had failed", with the "because" clause hung
    # on "claimed": the failure is why it sought help, not why it claimed so. The cue's link goes to
    # the reported clause and the reader's pair on "claimed" is dropped; on a verb that reports
    # nothing, both read the clause as its reason
    reported = (
        "Yukos/NNP/nsubj/1 claimed/VBD/ROOT/1/claim it/PRP/nsubj/3 sought/VBD/ccomp/1/seek help/NN/dobj/3 "
        "because/IN/mark/8 courts/NNS/nsubj/8 had/VBD/aux/8/have failed/VBN/advcl/1/fail ./././1"
    )
    assert {(c, e) for c, e, _s, _st in model_links(reported, 8, 1)} == {("failed", "sought")}
    acted = reported.replace("claimed/VBD/ROOT/1/claim", "acted/VBD/ROOT/1/act").replace("/ccomp/", "/conj/")
    assert {(c, e) for c, e, _s, _st in model_links(acted, 8, 1)} == {("failed", "acted")}


STRIKE = (
    "the/DT/det/1 strike/NN/nsubj/2 caused/VBD/ROOT/2/cause disruption/NN/dobj/2/disruption ,/,/punct/2 "
    "and/CC/cc/2 police/NNS/nsubj/7 arrested/VBD/conj/2/arrest workers/NNS/dobj/7 ./././2"
)


def test_a_sure_pair_on_a_word_the_rules_linked_adds_its_link() -> None:
    rule = ("strike", "disruption", "caused", "happened")
    assert model_links(STRIKE, 1, 3, probability=0.0) == {rule}
    # the strike is the rules' cause; the reader's second reading of it is kept beside the rules' link
    assert {(c, e) for c, e, _s, _st in model_links(STRIKE, 1, 7)} == {("strike", "disruption"), ("strike", "arrested")}


def test_two_events_are_linked_one_way_round_the_surer() -> None:
    # the reader reads the rules' link backwards, less surely than the rules' 0.91: the rules' link stays
    assert {(c, e) for c, e, _s, _st in model_links(STRIKE, 3, 1, probability=0.85)} == {("strike", "disruption")}


def test_a_cue_the_rules_linked_by_is_no_end_of_a_pair() -> None:
    prompted = (
        "protests/NNS/nsubj/1 prompted/VBD/ROOT/1/prompt Tokayev/NNP/dobj/1 to/TO/aux/4 order/VB/xcomp/1 "
        "a/DT/det/6 crackdown/NN/dobj/4 ./././1"
    )
    # the detector proposes "prompted" as an event (TimeML does); the rules link by it
    links = model_links(prompted, 6, 1, proposed=(0, 1, 4, 6))
    assert ("crackdown", "prompted") not in {(c, e) for c, e, _s, _st in links}
    assert ("protests", "crackdown") in {(c, e) for c, e, _s, _st in links}


def test_a_sentence_s_later_links_are_less_sure_than_its_first() -> None:
    # "Flooding closed roads, and riots followed the shortages": two pairs read in one sentence; on
    # CNC builds a sentence's first link is right more often than the ones after it, so the scale
    # lowers a later link's confidence, and a link under the floor is not built
    tokens = (
        "Flooding/NN/nsubj/1 closed/VBD/ROOT/1/close roads/NNS/dobj/1 ,/,/punct/1 and/CC/cc/1 "
        "riots/NNS/nsubj/6 followed/VBD/conj/1/follow the/DT/det/8 shortages/NNS/dobj/6 ./././1"
    )

    def links(scale: LinkScale, floor: float) -> list[tuple[str, str, float]]:
        d = doc(tokens)
        sure(d, (0, 1, 0.9), (8, 5, 0.8), scale=scale, floor=floor)
        ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
        events = EventExtractor()(ctx, EntityExtractor()(ctx))
        found = CausalExtractor()(ctx, events)
        words = [e.mention.text for e in events.mentions]
        return [(words[k.cause], words[k.effect], k.confidence) for k in found]

    assert links(IDENTITY, 0.0) == [("Flooding", "closed", 0.9), ("shortages", "riots", 0.8)]
    later = LinkScale(0.0, 1.0, -1.5)
    assert links(later, 0.0) == [("Flooding", "closed", 0.9), ("shortages", "riots", round(later.after_first(0.8), 3))]
    assert links(later, 0.5) == [("Flooding", "closed", 0.9)]


def test_an_adverb_on_the_path_is_a_cue_only_when_the_cue_lexicon_knows_it() -> None:
    # "Often prices rise, buyers wait" / "When prices rise, buyers wait": "when" is a cue word, so
    # the pair needs no more than its own likelihood; "often" says how often, not why, so the link
    # needs the likelihood of a link without a cue word
    def tokens(adverb: str, tag: str) -> str:
        return (
            f"{adverb}/{tag}/advmod/2 prices/NNS/nsubj/2 rise/VBP/advcl/5 ,/,/punct/5 buyers/NNS/nsubj/5 "
            "wait/VBP/ROOT/5 ./././5"
        )

    assert {(c, e, s) for c, e, s, _st in model_links(tokens("When", "WRB"), 2, 5, probability=0.7)} == {
        ("rise", "wait", "When")
    }
    assert model_links(tokens("Often", "RB"), 2, 5, probability=0.7) == set()
    assert {(c, e, s) for c, e, s, _st in model_links(tokens("Often", "RB"), 2, 5, probability=0.9)} == {
        ("rise", "wait", "")
    }


def test_a_verb_that_carries_a_nominal_event_names_that_event_in_a_pair() -> None:
    # "the fire spread and thousands were evacuated": the reader's "spread" is the fire, not a
    # second event beside it
    tokens = (
        "the/DT/det/1 fire/NN/nsubj/2 spread/VBD/ROOT/2/spread and/CC/cc/2 thousands/NNS/nsubjpass/6/thousand "
        "were/VBD/auxpass/6/be evacuated/VBN/conj/2/evacuate ./././2"
    )
    assert {(c, e) for c, e, _s, _st in model_links(tokens, 2, 6, proposed=(1, 6))} == {("fire", "evacuated")}
