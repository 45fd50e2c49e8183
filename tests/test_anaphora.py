"""Antecedents of pronouns chosen on hand-built parses (no trained model)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg import lexicon
from kg.cleanup import clean
from kg.extract.anaphora import (
    AnaphoraResolver,
    _attributed,
    _is_source,
    _person_of,
    _salient,
    _sexes,
    _speaker,
    _speaker_of,
    quotations,
    quote_marks,
)
from kg.extract.context import Context
from kg.extract.entity_index import EntityIndex
from kg.model import Document, EntityKind, EntityMention, Mention, Span
from tests.parses import doc


def _names(d: Doc, kind: EntityKind, *spans: tuple[int, int, int]) -> EntityIndex:
    """An index of the names ``d[start:end]`` of ``kind``, each in sentence ``sentence``, named as written."""
    index = EntityIndex()
    for start, end, sentence in spans:
        span = d[start:end]
        mention = Mention(span.start_char, span.end_char, span.text, Span(0, len(d.text)))
        index.add(EntityMention(mention, kind, span.text), range(start, end), sentence)
    return index


# "Jackman praised the Tony telecast of his performance": the subject, not the nearer noun that
# only modifies another ("Tony", read as a person by the small model)
PARSE = (
    "Jackman/NNP/nsubj/1 praised/VBD/ROOT/1/praise the/DT/det/4 Tony/NNP/compound/4 telecast/NN/dobj/1 "
    "of/IN/prep/4 his/PRP$/poss/7 performance/NN/pobj/5"
)


def _index(names: list[tuple[int, int]]) -> EntityIndex:
    d = doc(PARSE, run=False)
    index = EntityIndex()
    for k, (start, sentence) in enumerate(names):
        token = d[start]
        mention = Mention(token.idx, token.idx + len(token), token.text, Span(0, len(d.text)))
        index.add(EntityMention(mention, EntityKind.PERSON, f"{token.text}{k}"), range(start, start + 1), sentence)
    return index


def test_a_subject_outranks_a_nearer_noun_inside_another_noun_phrase() -> None:
    index = _index([(0, 0), (3, 0)])
    assert _salient(doc(PARSE, run=False), index, 6, 0, lambda m: True) == 0


def test_a_later_sentence_outranks_an_earlier_subject() -> None:
    # the same words, "Tony" read as a sentence after Jackman's: the latest sentence comes first
    index = _index([(0, 0), (3, 1)])
    assert _salient(doc(PARSE, run=False), index, 6, 1, lambda m: True) == 1


def test_only_mentions_before_the_pronoun_and_within_the_window_count() -> None:
    index = _index([(0, 0), (7, 0)])
    assert _salient(doc(PARSE, run=False), index, 6, 0, lambda m: m.name != "Jackman0") is None
    assert _salient(doc(PARSE, run=False), index, 6, 5, lambda m: True, window=3) is None


# "Balls suggested that Brown would meet his rule. He {verb} ...": the main clause's subject of the
# sentence before, unless that main clause reports and the pronoun does not ("Balls said Brown
# would meet the rule. He has ..." is still about Brown)
MAIN = (
    "Balls/NNP/nsubj/1 {0}/VBD/ROOT/1/{1} that/IN/mark/5 Brown/NNP/nsubj/5 would/MD/aux/5 meet/VB/ccomp/1/meet "
    "his/PRP$/poss/8 rule/NN/dobj/5 ./././1 He/PRP/nsubj/10 {2}/VBD/ROOT/10/{3} ./././10"
)


@pytest.mark.parametrize(
    ("matrix", "pronoun_verb", "antecedent"),
    [
        (("hoped", "hope"), ("said", "say"), "Balls"),  # a pronoun that speaks: the speaker before
        (("hoped", "hope"), ("left", "leave"), "Balls"),  # nothing reported: the main clause's subject
        (("said", "say"), ("said", "say"), "Balls"),
        (("said", "say"), ("left", "leave"), "Brown"),  # a speaker is no antecedent of what he reported
    ],
)
def test_a_main_clauses_subject_outranks_an_embedded_one_in_an_earlier_sentence(
    matrix: tuple[str, str], pronoun_verb: tuple[str, str], antecedent: str
) -> None:
    d = doc(MAIN.format(*matrix, *pronoun_verb), run=False)
    index = _names(d, EntityKind.PERSON, (0, 1, 0), (3, 4, 0))
    j = _salient(d, index, 9, 1, lambda m: True)
    assert j is not None and index.mentions[j].name == antecedent
    # in the pronoun's own sentence the nearer subject: "his rule" is Brown's
    assert _salient(d, index, 6, 0, lambda m: True) == 1


# "Giggs said Ferguson talked him into it": him is not the subject of his own verb, unless it is a
# reflexive or a possessive standing for its noun ("Campbell used his")
TALKED = "Giggs/NNP/nsubj/1 said/VBD/ROOT/1/say Ferguson/NNP/nsubj/3 talked/VBD/ccomp/1/talk {0}/PRP/dobj/3"


@pytest.mark.parametrize("pronoun, antecedent", [("him", 0), ("himself", 1), ("his", 1)])
def test_an_object_pronoun_is_not_its_own_verb_s_subject(pronoun: str, antecedent: int) -> None:
    d = doc(TALKED.format(pronoun), run=False)
    index = _names(d, EntityKind.PERSON, (0, 1, 0), (2, 3, 0))
    assert _salient(d, index, 4, 0, lambda m: True) == antecedent


def test_the_noun_a_relative_clause_tells_apart_is_its_subject_s() -> None:
    # "the bank that owns them": them is not the bank
    d = doc(
        "viruses/NNS/nsubj/1/virus hit/VBD/ROOT/1 the/DT/det/3 bank/NN/dobj/1 that/WDT/nsubj/5 owns/VBZ/relcl/3/own "
        "them/PRP/dobj/5",
        run=False,
    )
    index = _names(d, EntityKind.ORGANIZATION, (3, 4, 0))
    assert _salient(d, index, 6, 0, lambda m: True) is None


@pytest.mark.parametrize(
    ("tokens", "resolved"),
    [
        # "The company, which makes shoes, grew": the clause adds to the firm named before
        (
            "Nike/NNP/nsubj/1 grew/VBD/ROOT/1/grow ./././1 The/DT/det/4 company/NN/nsubj/10 ,/,/punct/4 "
            "which/WDT/nsubj/7 makes/VBZ/relcl/4/make shoes/NNS/dobj/7/shoe ,/,/punct/4 grew/VBD/ROOT/10/grow",
            True,
        ),
        # "The company that makes shoes grew": the clause tells which company, any that does
        (
            "Nike/NNP/nsubj/1 grew/VBD/ROOT/1/grow ./././1 The/DT/det/4 company/NN/nsubj/8 that/WDT/nsubj/6 "
            "makes/VBZ/relcl/4/make shoes/NNS/dobj/6/shoe grew/VBD/ROOT/8/grow",
            False,
        ),
    ],
)
def test_a_definite_organisation_told_apart_by_its_clause_is_no_earlier_one(tokens: str, resolved: bool) -> None:
    d = doc(tokens, run=False)
    index = _names(d, EntityKind.ORGANIZATION, (0, 1, 0))
    company = d[4]
    mention = Mention(company.idx, company.idx + len(company), company.text, Span(0, len(d.text)))
    index.add(EntityMention(mention, EntityKind.ORGANIZATION, "company", key="description"), range(4, 5), 1)
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    AnaphoraResolver()._definite_organisations(ctx, index)
    assert (index.mentions[1].antecedent == 0) is resolved


@pytest.mark.parametrize(
    ("verb", "lemma", "other", "noun", "meant"),
    [
        ("beat", "beat", "Acme", "company", "Acme"),  # the organisation last named
        ("beat", "beat", "Acme", "bank", "Riggs Bank"),  # one whose name says what it is first
        ("told", "tell", "Reuters", "company", "Riggs Bank"),  # never one a speaker told
        ("beat", "beat", "Reuters", "company", "Reuters"),
    ],
)
def test_a_definite_organisation_is_one_named_so_and_never_one_a_speaker_told(
    verb: str, lemma: str, other: str, noun: str, meant: str
) -> None:
    # "Riggs Bank grew. Smith told Reuters. The bank fell."
    d = doc(
        f"Riggs/NNP/compound/1 Bank/NNP/nsubj/2 grew/VBD/ROOT/2/grow ./././2 Smith/NNP/nsubj/5 "
        f"{verb}/VBD/ROOT/5/{lemma} {other}/NNP/dobj/5 ./././5 The/DT/det/9 {noun}/NN/nsubj/10 fell/VBD/ROOT/10/fall",
        run=False,
    )
    index = _names(d, EntityKind.ORGANIZATION, (0, 2, 0), (6, 7, 1))
    description = Mention(d[9].idx, d[9].idx + len(d[9]), noun, Span(0, len(d.text)))
    index.add(EntityMention(description, EntityKind.ORGANIZATION, noun, key="description"), range(9, 10), 2)
    AnaphoraResolver()._definite_organisations(Context(d, Document("t", d.text, "test"), clean(d.text)), index)
    antecedent = index.mentions[2].antecedent
    assert antecedent is not None and index.mentions[antecedent].name == meant


# "Prosecutors targeted the ranch. According to Reuters, they plan to seize it": the source the
# sentence is attributed to is not its "they"; the next sentence's pronoun may be that source
CITED = (
    "Prosecutors/NNS/nsubj/1 targeted/VBD/ROOT/1/target the/DT/det/3 ranch/NN/dobj/1 ./././1 "
    "According/VBG/prep/10/accord to/IN/prep/5 Reuters/NNP/pobj/6 ,/,/punct/10 they/PRP/nsubj/10 "
    "plan/VBP/ROOT/10 ./././10"
)


def _cited_index(reuters_sentence: int) -> EntityIndex:
    return _names(doc(CITED, run=False), EntityKind.GROUP, (0, 1, 0), (7, 8, reuters_sentence))


def test_the_source_of_according_to_is_not_its_own_sentences_pronoun() -> None:
    d = doc(CITED, run=False)
    assert d[9].text == "they"
    assert _salient(d, _cited_index(1), 9, 1, lambda m: True) == 0
    assert _salient(d, _cited_index(1), 9, 1, lambda m: m.name == "Reuters") is None
    # read as a sentence before the pronoun's, the source may be what it means
    assert _salient(d, _cited_index(0), 9, 1, lambda m: m.name == "Reuters") == 1


@pytest.mark.parametrize(("verb", "lemma", "kept"), [("told", "tell", False), ("beat", "beat", True)])
def test_an_organisation_a_speaker_told_is_not_a_later_they(verb: str, lemma: str, kept: bool) -> None:
    # "Smith told the BBC. They lost.": the channel is not "they"; "Smith beat the BBC" leaves it one
    parse = (
        f"Smith/NNP/nsubj/1 {verb}/VBD/ROOT/1/{lemma} the/DT/det/3 BBC/NNP/dobj/1 ./././1 "
        "They/PRP/nsubj/6 lost/VBD/ROOT/6/lose ./././6"
    )
    d = doc(parse, run=False)
    index = _names(d, EntityKind.ORGANIZATION, (3, 4, 0))
    assert _salient(d, index, 5, 1, lambda m: True) == (0 if kept else None)


def test_the_owner_of_a_programme_a_speaker_told_is_not_a_later_they() -> None:
    # "Smith told the BBC's Focus programme. They lost."
    parse = (
        "Smith/NNP/nsubj/1 told/VBD/ROOT/1/tell the/DT/det/3 BBC/NNP/poss/6 's/POS/case/3 Focus/NNP/compound/6 "
        "programme/NN/dobj/1 ./././1 They/PRP/nsubj/9 lost/VBD/ROOT/9/lose ./././9"
    )
    d = doc(parse, run=False)
    index = _names(d, EntityKind.ORGANIZATION, (3, 4, 0))
    assert _salient(d, index, 8, 1, lambda m: True) is None


# "Scott Peterson met Laci Peterson. She smiled. Ms Hutt and Peterson left."
SEXES = (
    "Scott/NNP/compound/1 Peterson/NNP/nsubj/2 met/VBD/ROOT/2/meet Laci/NNP/compound/4 Peterson/NNP/dobj/2 "
    "./././2 She/PRP/nsubj/7 smiled/VBD/ROOT/7/smile ./././7 Ms/NNP/compound/10 Hutt/NNP/nsubj/13 and/CC/cc/10 "
    "Peterson/NNP/conj/10 left/VBD/ROOT/13/leave ./././13"
)


def _people(spans: list[tuple[int, int, int]]) -> tuple[Doc, EntityIndex]:
    d = doc(SEXES, run=False)
    return d, _names(d, EntityKind.PERSON, *spans)


def test_a_first_name_or_a_title_tells_a_persons_sex_and_a_name_alone_takes_its_fuller_mentions() -> None:
    d, index = _people([(0, 2, 0), (3, 5, 0), (10, 11, 2), (12, 13, 2)])
    sexes = _sexes(d, index, lexicon.load())
    # Scott m, Laci f, "Hutt" after the title "Ms" f; "Peterson" alone is both Scott's and Laci's: none
    assert [sexes.get(m.mention) for m in index.mentions] == ["m", "f", "f", None]


def test_a_first_name_alone_tells_a_sex_unless_it_is_someone_s_surname() -> None:
    # "his mother, Patricia": a woman; "Scott" alone beside "Jane Scott" is her, not a man by his first name
    d = doc("his/PRP$/poss/1 mother/NN/ROOT/1 ,/,/punct/1 Patricia/NNP/appos/1 met/VBD/ROOT/4/meet", run=False)
    index = _names(d, EntityKind.PERSON, (3, 4, 0))
    assert _sexes(d, index, lexicon.load()) == {index.mentions[0].mention: "f"}
    d = doc("Jane/NNP/compound/1 Scott/NNP/nsubj/2 met/VBD/ROOT/2/meet Scott/NNP/dobj/2", run=False)
    index = _names(d, EntityKind.PERSON, (0, 2, 0), (3, 4, 0))
    assert _sexes(d, index, lexicon.load()).get(index.mentions[1].mention) == "f"  # her, by the fuller mention
    # "Terry May ... May": a surname here (of a name that tells no sex), not the woman's first name
    d = doc("Terry/NNP/compound/1 May/NNP/nsubj/2 met/VBD/ROOT/2/meet May/NNP/dobj/2", run=False)
    index = _names(d, EntityKind.PERSON, (0, 2, 0), (3, 4, 0))
    assert _sexes(d, index, lexicon.load()) == {}


def test_a_pronoun_skips_a_more_salient_person_of_the_other_sex() -> None:
    d, index = _people([(0, 2, 0), (3, 5, 0)])
    assert _salient(d, index, 6, 1, lambda m: True) == 0  # the subject, Scott, without agreement
    assert _salient(d, index, 6, 1, _person_of("f", _sexes(d, index, lexicon.load()))) == 1


# '"I won," Smith said. "I am happy."' and the same with a sentence of narrative between the quotations
WON = (
    "\"+/``/punct/2 I/PRP/nsubj/2 won/VBD/ccomp/6/win ,+/,/punct/6 \"/''/punct/6 "
    "Smith/NNP/nsubj/6 said/VBD/ROOT/6/say ./././6 "
)
HAPPY = "\"+/``/punct/2 I/PRP/nsubj/2 am/VBP/ROOT/2/be happy/JJ/acomp/2 .+/./punct/2 \"/''/punct/2"
NARRATIVE = "Jones/NNP/nsubj/1 lost/VBD/ROOT/1/lose ./././1 "


def _shifted(tokens: str, by: int) -> str:
    """A sentence's tokens with their heads moved ``by`` places, to follow another sentence."""
    out = []
    for item in tokens.split():
        parts = item.split("/")
        parts[3] = str(int(parts[3]) + by)
        out.append("/".join(parts))
    return " ".join(out) + " "


def test_a_quotation_is_the_speakers_of_the_reporting_verb_after_it_and_goes_on_without_narrative() -> None:
    d = doc(WON + _shifted(HAPPY, 8), run=False)
    found = [(first, last, speaker.text) for first, last, speaker in quotations(d, lexicon.load())]
    assert found == [(1, 3, "Smith"), (9, 12, "Smith")]  # the second one carries on Smith's words
    told = doc(WON + _shifted(NARRATIVE, 8) + _shifted(HAPPY, 11), run=False)
    # "Jones lost." between them: the second quotation's speaker is not known
    assert [(first, speaker.text) for first, _last, speaker in quotations(told, lexicon.load())] == [(1, "Smith")]


def test_each_sentence_of_a_quoted_run_opens_a_quotation_of_its_own() -> None:
    # 'He said: "I won. "I am happy.': the parser puts the second opening mark in the first
    # sentence; it ends the first quotation and opens the second, which goes on with its speaker
    d = doc(
        'He/PRP/nsubj/1 said/VBD/ROOT/1/say :/:/punct/1 "+/``/punct/5 I/PRP/nsubj/5 won/VBD/ccomp/1/win '
        './././5 "+/``/punct/5 ' + _shifted(HAPPY, 7).split(" ", 1)[1],
        run=False,
    )
    assert quote_marks(d) == [(3, 7, False), (7, 12, True)]
    assert [(first, last, speaker.text) for first, last, speaker in quotations(d, lexicon.load())] == [
        (4, 6, "He"),
        (8, 11, "He"),
    ]


def test_a_quotations_first_person_is_its_speaker() -> None:
    d = doc(WON + _shifted(HAPPY, 8), run=False)
    index = _names(d, EntityKind.PERSON, (5, 6, 0))
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    quotes = quotations(d, lexicon.load())
    AnaphoraResolver()._quoted_first_person(ctx, index, [0] * 8 + [1] * (len(d) - 8), quotes)
    added = {index.tokens[j].start: index.mentions[j].antecedent for j in range(1, len(index.mentions))}
    assert added == {1: 0, 9: 0}  # both "I"s are Smith


def test_the_speaker_pronoun_of_a_quotation_is_no_one_named_inside_it() -> None:
    # '"I beat Serena," she said.': "she" is not Serena
    d = doc(
        "\"+/``/punct/2 I/PRP/nsubj/2 beat/VBD/ccomp/7/beat Serena+/NNP/dobj/2 ,+/,/punct/7 \"/''/punct/7 "
        "she/PRP/nsubj/7 said/VBD/ROOT/7/say ./././7",
        run=False,
    )
    marks = quote_marks(d)
    assert marks == [(0, 5, True)]
    quoted = _attributed(d[6], marks, lexicon.load())
    index = _names(d, EntityKind.PERSON, (3, 4, 0))
    assert _salient(d, index, 6, 0, _person_of("f", {})) == 0
    assert _salient(d, index, 6, 0, _person_of("f", {}, quoted)) is None


def test_a_third_person_pronoun_in_a_quotation_is_not_its_speaker() -> None:
    # 'Smith met Jones. "He won," Smith said.': the one who speaks says "I"; "he" is Jones
    d = doc(
        "Smith/NNP/nsubj/1 met/VBD/ROOT/1/meet Jones/NNP/dobj/1 ./././1 "
        "\"+/``/punct/6 He/PRP/nsubj/6 won/VBD/ccomp/10/win ,+/,/punct/10 \"/''/punct/10 "
        "Smith/NNP/nsubj/10 said/VBD/ROOT/10/say ./././10",
        run=False,
    )
    index = _names(d, EntityKind.PERSON, (0, 1, 0), (2, 3, 0), (9, 10, 1))
    speaker = _speaker(d[5], quotations(d, lexicon.load()), index)
    assert speaker == "Smith"
    assert _salient(d, index, 5, 1, _person_of("m", {})) == 0
    assert _salient(d, index, 5, 1, _person_of("m", {}, range(0), speaker)) == 1


def test_a_resolved_pronoun_carries_its_person_on_but_never_to_its_own_speaker() -> None:
    # 'Hoddle succeeded Jones at Southampton. He left Spurs.  "He did well," he said.'
    d = doc(
        "Hoddle/NNP/nsubj/1 succeeded/VBD/ROOT/1/succeed Jones/NNP/dobj/1 ./././1 "
        "He/PRP/nsubj/5 left/VBD/ROOT/5/leave Spurs/NNP/dobj/5 ./././5 "
        "\"+/``/punct/10 He/PRP/nsubj/10 did/VBD/ccomp/14/do well/RB/advmod/10 ,+/,/punct/14 \"/''/punct/14 "
        "Jones/NNP/nsubj/14 said/VBD/ROOT/14/say ./././14",
        run=False,
    )
    index = _names(d, EntityKind.PERSON, (0, 1, 0), (2, 3, 0), (6, 7, 1), (13, 14, 2))
    he = Mention(d[4].idx, d[4].idx + 2, "He", Span(0, len(d.text)))
    index.add(EntityMention(he, EntityKind.PERSON, "He", pronoun=True, antecedent=0), range(4, 5), 1)
    mention_at = lambda k: index.mentions[k]  # noqa: E731
    # "He left": the subject of the sentence before, read through the resolved pronoun, not Spurs
    assert _salient(d, index, 9, 2, _person_of("m", {}, range(0), "", mention_at), window=1) == 4
    # in Hoddle's own quotation the same pronoun is passed over
    assert _salient(d, index, 9, 2, _person_of("m", {}, range(0), "Hoddle", mention_at), window=1) == 2


# "Smith met Jones, and the minister told Brown he would resign."
TOLD = (
    "Smith/NNP/nsubj/1 met/VBD/ROOT/1/meet Jones/NNP/dobj/1 ./././1 the/DT/det/5 minister/NN/nsubj/6 "
    "told/VBD/ROOT/6/tell Brown/NNP/dobj/6 he/PRP/nsubj/10 would/MD/aux/10 resign/VB/ccomp/6 ./././6"
)


def test_a_description_resolved_to_a_person_stands_for_them_before_a_later_pronoun() -> None:
    # "the minister" (resolved to Smith) may be what "he" means, as Smith may; not when Smith is a woman
    d = doc(TOLD, run=False)
    index = _names(d, EntityKind.PERSON, (0, 1, 0), (2, 3, 0), (7, 8, 1))
    minister = Mention(d[5].idx, d[5].idx + 8, "minister", Span(0, len(d.text)))
    index.add(EntityMention(minister, EntityKind.PERSON, "minister", pronoun=True, antecedent=0), range(5, 6), 1)
    mention_at = lambda k: index.mentions[k]  # noqa: E731
    assert _person_of("m", {}, range(0), "", mention_at)(index.mentions[3])
    assert not _person_of("m", {index.mentions[0].mention: "f"}, range(0), "", mention_at)(index.mentions[3])


def test_the_subject_of_a_report_is_its_speaker() -> None:
    # "the minister told Brown he would resign": the minister, though Brown is nearer; the
    # possessive of a report with a subject of its own is not ("Marr said Lammy sank after his speech")
    d = doc(TOLD, run=False)
    index = _names(d, EntityKind.PERSON, (0, 1, 0), (2, 3, 0), (7, 8, 1))
    minister = Mention(d[5].idx, d[5].idx + 8, "minister", Span(0, len(d.text)))
    index.add(EntityMention(minister, EntityKind.PERSON, "minister", pronoun=True, antecedent=0), range(5, 6), 1)
    accept = _person_of("m", {}, range(0), "", lambda k: index.mentions[k])
    assert _speaker_of(d, index, d[8], accept, lexicon.load()) == 3
    sank = doc(
        "Marr/NNP/nsubj/1 said/VBD/ROOT/1/say Lammy/NNP/nsubj/3 sank/VBD/ccomp/1/sink after/IN/prep/3 "
        "his/PRP$/poss/6 speech/NN/pobj/4",
        run=False,
    )
    people = _names(sank, EntityKind.PERSON, (0, 1, 0), (2, 3, 0))
    assert _speaker_of(sank, people, sank[5], _person_of("m", {}), lexicon.load()) is None


@pytest.mark.parametrize(
    ("tokens", "people", "resolved"),
    [
        # "Kenteris and Thanou met the IAAF. They appealed.": not the IAAF
        (
            "Kenteris/NNP/nsubj/3 and/CC/cc/0 Thanou/NNP/conj/0 met/VBD/ROOT/3/meet IAAF/NNP/dobj/3 ./././3 "
            "They/PRP/nsubj/7 appealed/VBD/ROOT/7/appeal",
            ((0, 1, 0), (2, 3, 0)),
            False,
        ),
        # "Officials met the IAAF. They appealed.": it may be
        (
            "officials/NNS/nsubj/1/official met/VBD/ROOT/1/meet IAAF/NNP/dobj/1 ./././1 They/PRP/nsubj/5 "
            "appealed/VBD/ROOT/5/appeal",
            (),
            True,
        ),
    ],
)
def test_people_named_together_leave_their_they_to_no_organisation(
    tokens: str, people: tuple[tuple[int, int, int], ...], resolved: bool
) -> None:
    d = doc(tokens, tuple((a, b, "PERSON") for a, b, _s in people), run=False)
    index = _names(d, EntityKind.PERSON, *people)
    iaaf = next(t for t in d if t.text == "IAAF")
    mention = Mention(iaaf.idx, iaaf.idx + 4, "IAAF", Span(0, len(d.text)))
    index.add(EntityMention(mention, EntityKind.ORGANIZATION, "IAAF"), range(iaaf.i, iaaf.i + 1), 0)
    they = next(t for t in d if t.text == "They")
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    AnaphoraResolver()._plural_pronoun(ctx, index, they, 1)
    j = index.at(they)
    assert (j is not None and index.mentions[j].antecedent == len(people)) is resolved


def test_a_name_in_a_phrase_before_the_pronoun_s_clause_ranks_after_the_subject_before() -> None:
    # "Brown became chancellor. After the death of Smith he stood aside.": Brown
    d = doc(
        "Brown/NNP/nsubj/1 became/VBD/ROOT/1/become chancellor/NN/attr/1 ./././1 "
        "After/IN/prep/10 the/DT/det/6 death/NN/pobj/4 of/IN/prep/6 Smith/NNP/pobj/7 he/PRP/nsubj/10 "
        "stood/VBD/ROOT/10/stand aside/RB/advmod/10 ./././10",
        run=False,
    )
    index = _names(d, EntityKind.PERSON, (0, 1, 0), (8, 9, 1))
    assert _salient(d, index, 9, 1, lambda m: True) == 0


@pytest.mark.parametrize(
    ("tokens", "it", "resolved"),
    [
        # "Nike said it grew."
        ("Nike/NNP/nsubj/1 said/VBD/ROOT/1/say it/PRP/nsubj/3 grew/VBD/ccomp/1/grow ./././1", 2, True),
        # "It grew, Nike said.": an "it" before the report may be its topic ("its takings, Screen Daily said")
        ("It/PRP/nsubj/1 grew/VBD/ccomp/4/grow ,/,/punct/4 Nike/NNP/nsubj/4 said/VBD/ROOT/4/say ./././4", 0, False),
        # "Nike said it hurt it.": an object is what was talked about
        (
            "Nike/NNP/nsubj/1 said/VBD/ROOT/1/say it/PRP/nsubj/3 hurt/VBD/ccomp/1/hurt it/PRP/dobj/3 ./././1",
            4,
            False,
        ),
    ],
)
def test_an_it_in_what_an_organisation_is_reported_to_say_is_the_organisation(
    tokens: str, it: int, resolved: bool
) -> None:
    assert _nike_it(tokens, "_reported_self", it) == (0 if resolved else None)


def _nike_it(tokens: str, method: str, it: int | None = None) -> int | None:
    """The antecedent that the resolver's ``method`` gives the word ``it`` (the word "It" when None)
    of a parse that names the organisation Nike (mention 0); None when it gives none."""
    d = doc(tokens, run=False)
    nike = next(t.i for t in d if t.text == "Nike")
    tok = d[it] if it is not None else next(t for t in d if t.text == "It")
    index = _names(d, EntityKind.ORGANIZATION, (nike, nike + 1, 0))
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    sentence = [s.start for s in d.sents].index(tok.sent.start)
    getattr(AnaphoraResolver(), method)(ctx, index, tok, sentence)
    j = index.at(tok)
    return None if j is None else index.mentions[j].antecedent


@pytest.mark.parametrize(
    ("tokens", "resolved"),
    [
        # "Nike grew. It hired staff.": the subject goes on
        (
            "Nike/NNP/nsubj/1 grew/VBD/ROOT/1/grow ./././1 "
            "It/PRP/nsubj/4 hired/VBD/ROOT/4/hire staff/NNS/dobj/4 ./././4",
            True,
        ),
        # "Nike grew. It seems likely.": a verb whose "it" is often no one
        (
            "Nike/NNP/nsubj/1 grew/VBD/ROOT/1/grow ./././1 "
            "It/PRP/nsubj/4 seems/VBZ/ROOT/4/seem likely/JJ/acomp/4 ./././4",
            False,
        ),
        # "Sales hurt Nike. It hired staff.": Nike was not the subject
        (
            "Sales/NNS/nsubj/1 hurt/VBD/ROOT/1/hurt Nike/NNP/dobj/1 ./././1 "
            "It/PRP/nsubj/5 hired/VBD/ROOT/5/hire staff/NNS/dobj/5 ./././5",
            False,
        ),
    ],
)
def test_an_it_that_is_a_main_subject_goes_on_with_the_organisation_that_was_one(tokens: str, resolved: bool) -> None:
    assert _nike_it(tokens, "_continued_subject") == (0 if resolved else None)


def _described(tokens: str, people: tuple[tuple[int, int], ...]) -> dict[str, str | None]:
    """Each person mention's text and the name of what it stands for, after the whole entity step."""
    from kg.extract.entities import EntityExtractor

    d = doc(tokens, tuple((a, b, "PERSON") for a, b in people))
    index = EntityExtractor()(Context(d, Document("t", d.text, "test"), clean(d.text)))
    return {
        m.mention.text: (index.mentions[m.antecedent].name if m.antecedent is not None else None)
        for m in index.mentions
        if m.kind == EntityKind.PERSON
    }


AGED = (
    "Henman/NNP/nsubj/1 lost/VBD/ROOT/1/lose ./././1 "
    "Annacone/NNP/nsubj/4 said/VBD/ROOT/4/say the/DT/det/10 30+/CD/nummod/8 -+/HYPH/punct/8 year+/NN/npadvmod/10 "
    "-+/HYPH/punct/10 old/JJ/nsubj/12 would/MD/aux/12 play/VB/ccomp/4 ./././4"
)


def test_a_person_named_by_age_is_the_one_met_before_but_not_a_subject_above_the_phrase() -> None:
    # "Henman lost. Annacone said the 30-year-old would play": the player, not the one who speaks of him
    found = _described(AGED, ((0, 1), (3, 4)))
    assert found["30-year-old"] == "Henman"


def test_a_definite_role_that_speaks_is_the_person_met_before_unless_news_leaves_it_unnamed() -> None:
    # "Owen was linked with Newcastle, but the striker said ...": Owen, who is no subject above the
    # striker (the clauses are coordinated)
    striker = (
        "Owen/NNP/nsubjpass/2 was/VBD/auxpass/2/be linked/VBN/ROOT/2/link ,/,/punct/2 but/CC/cc/2 the/DT/det/6 "
        "striker/NN/nsubj/7 said/VBD/conj/2/say ./././2"
    )
    assert _described(striker, ((0, 1),))["striker"] == "Owen"
    spokesman = striker.replace("striker/NN", "spokesman/NN")
    assert _described(spokesman, ((0, 1),)).get("spokesman") is None  # an unnamed source of its own


@pytest.mark.parametrize(
    ("tokens", "resolved"),
    [
        # "Nike's shares fell after it said sales slowed": an "it" that speaks is the organisation
        (
            "Nike+/NNP/poss/2 's/POS/case/0 shares/NNS/nsubj/3/share fell/VBD/ROOT/3/fall after/IN/mark/6 "
            "it/PRP/nsubj/6 said/VBD/advcl/3/say sales/NNS/nsubj/8/sale slowed/VBD/ccomp/6/slow ./././3",
            True,
        ),
        # "Nike's shares fell after it was said that ...": a passive's "it" is no one
        (
            "Nike+/NNP/poss/2 's/POS/case/0 shares/NNS/nsubj/3/share fell/VBD/ROOT/3/fall after/IN/mark/7 "
            "it/PRP/nsubjpass/7 was/VBD/auxpass/7/be said/VBN/advcl/3/say ./././3",
            False,
        ),
    ],
)
def test_an_it_that_says_something_is_an_organisation_that_speaks(tokens: str, resolved: bool) -> None:
    it = next(t.i for t in doc(tokens, run=False) if t.text == "it")
    assert _nike_it(tokens, "_speaking_it", it) == (0 if resolved else None)


@pytest.mark.parametrize(
    ("tokens", "resolved"),
    [
        # "Nike is boosting its sales.": the subject above the possessive
        (
            "Nike/NNP/nsubj/2 is/VBZ/aux/2/be boosting/VBG/ROOT/2/boost its/PRP$/poss/4 sales/NNS/dobj/2/sale ./././2",
            True,
        ),
        # "Nike chose Paris to show its shoes.": a subject above, a clause down
        (
            "Nike/NNP/nsubj/1 chose/VBD/ROOT/1/choose Paris/NNP/dobj/1 to/TO/aux/4 show/VB/advcl/1/show "
            "its/PRP$/poss/6 shoes/NNS/dobj/4/shoe ./././1",
            True,
        ),
        # "The plan hurt Nike and its staff.": the nearest subject is no organisation
        (
            "The/DT/det/1 plan/NN/nsubj/2 hurt/VBD/ROOT/2/hurt Nike/NNP/dobj/2 and/CC/cc/3 its/PRP$/poss/6 "
            "staff/NN/conj/3 ./././2",
            False,
        ),
        # "Its rival Nike grew.": no subject binds a possessive inside it
        ("Its/PRP$/poss/2 rival/NN/compound/2 Nike/NNP/nsubj/3 grew/VBD/ROOT/3/grow ./././3", False),
        # "Nike is its biggest rival.": the complement of "be" is never its own subject's
        ("Nike/NNP/nsubj/1 is/VBZ/ROOT/1/be its/PRP$/poss/4 biggest/JJS/amod/4/big rival/NN/attr/1 ./././1", False),
    ],
)
def test_an_its_is_the_organisation_that_is_the_subject_above_it(tokens: str, resolved: bool) -> None:
    its = next(t.i for t in doc(tokens, run=False) if t.lower_ == "its")
    assert _nike_it(tokens, "_owner_subject", its) == (0 if resolved else None)


def test_a_verb_says_only_by_its_own_types_not_by_a_phrase_it_starts() -> None:
    # "A US judge has set a trial date": "set out {discourse}" is a statement, "set" is not, and the
    # judge is no unnamed speaker whom the sentence's pronouns may not mean
    judge = doc("A/DT/det/2 US/NNP/compound/2 judge/NN/nsubj/4 has/VBZ/aux/4 set/VBN/ROOT/4 a/DT/det/6 date/NN/dobj/4")
    spokesman = doc("a/DT/det/1 spokesman/NN/nsubj/2 said/VBD/ROOT/2/say")
    assert not _is_source(judge[2])
    assert _is_source(spokesman[1])


@pytest.mark.parametrize(
    ("subject", "lemma", "resolved"),
    [("parties/NNS/nsubj/5/party", "party", False), ("funds/NNS/nsubj/5/fund", "fund", True)],
)
def test_they_goes_on_with_the_unnamed_actors_of_the_clause_it_is_coordinated_with(
    subject: str, lemma: str, resolved: bool
) -> None:
    # "Labour won. Opposition parties want policing but they accuse ministers": the parties, whom no
    # entity names, not Labour; "funds were there but they chose ...": funds choose nothing
    from kg.extract.entities import EntityExtractor

    parse = (
        "Labour/NNP/nsubj/1 won/VBD/ROOT/1/win ./././1 Opposition/NN/compound/4 "
        f"{subject} want/VBP/ROOT/5/want policing/NN/dobj/5 but/CC/cc/5 they/PRP/nsubj/9 "
        "accuse/VBP/conj/5/accuse ministers/NNS/dobj/9/minister ./././5"
    )
    d = doc(parse, ((0, 1, "ORG"),))
    assert d[4].lemma_ == lemma
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    names = [m.name for m in EntityExtractor()(ctx).mentions]
    assert ("they" in names) == resolved


@pytest.mark.parametrize(("described", "meant"), [("group", "Wembley"), ("firm", "Absa")])
def test_the_group_is_the_organisation_introduced_as_one_else_the_latest_named(described: str, meant: str) -> None:
    # "gaming group Wembley sold tracks. Absa bought them. The group said so": Wembley, not the
    # nearer Absa; with "firm Wembley", the latest organisation named
    from kg.extract.entities import EntityExtractor

    parse = (
        f"gaming/NN/compound/1 {described}/NN/compound/2 Wembley/NNP/nsubj/3 sold/VBD/ROOT/3/sell "
        "tracks/NNS/dobj/3/track ./././3 Absa/NNP/nsubj/7 bought/VBD/ROOT/7/buy them/PRP/dobj/7 ./././7 "
        "The/DT/det/11 group/NN/nsubj/12 said/VBD/ROOT/12/say so/RB/advmod/12 ./././12"
    )
    d = doc(parse, ((2, 3, "ORG"), (6, 7, "ORG")))
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    mentions = EntityExtractor()(ctx).mentions
    group = next(m for m in mentions if m.name == "The group")
    assert group.antecedent is not None and mentions[group.antecedent].name == meant


_SONY = (
    "Sony/NNP/nsubj/1 sold/VBD/ROOT/1/sell it/PRP/dobj/1 ./././1 It/PRP/nsubj/5 helps/VBZ/ROOT/5/help "
    "the/DT/det/7 group/NN/dobj/5 that/WDT/{that} firms/NNS/nsubj/10/firm court/VBP/{court} ./././5"
)


@pytest.mark.parametrize(
    ("that", "court"),
    [("dobj/10", "relcl/7"), ("pobj/10", "ccomp/5")],  # a relative clause, and the parser's miss of one
)
def test_the_group_a_relative_clause_tells_apart_is_no_earlier_organisation(that: str, court: str) -> None:
    from kg.extract.entities import EntityExtractor

    d = doc(_SONY.format(that=that, court=court), ((0, 1, "ORG"),))
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    assert "the group" not in [m.name for m in EntityExtractor()(ctx).mentions]


@pytest.mark.parametrize(
    "determiner, named, introduced",
    [
        ("One/CD/nummod/2", False, True),
        ("A/DT/det/2", False, True),
        ("The/DT/det/2", False, False),
        ("One/CD/nummod/2", True, False),
    ],
)
def test_a_person_introduced_without_a_name_before_the_pronoun_leaves_it_to_no_named_person(
    determiner: str, named: bool, introduced: bool
) -> None:
    # "One Iraqi woman told Alexander she was watching": she is the woman, whom no mention stands
    # for, not Alexander; "the woman" may be someone named before, and a woman an entity is one
    d = doc(
        f"{determiner} Iraqi/JJ/amod/2 woman/NN/nsubj/3 told/VBD/ROOT/3/tell Alexander/NNP/dobj/3 "
        "she/PRP/nsubj/7 was/VBD/aux/7/be watching/VBG/ccomp/3/watch ./././3",
        run=False,
    )
    spans = [(4, 5, 0), *([(0, 3, 0)] if named else [])]
    index = _names(d, EntityKind.PERSON, *spans)
    assert AnaphoraResolver()._introduced_person(d[5], index) is introduced


@pytest.mark.parametrize(("subject", "tag", "resolved"), [("Delta", "NNP", True), ("unions", "NNS", False)])
def test_an_it_never_stands_for_a_plural_noun(subject: str, tag: str, resolved: bool) -> None:
    # "Delta said. It negotiated a deal." but "Unions said. It negotiated a deal.": not the unions
    d = doc(
        f"{subject}/{tag}/nsubj/1 said/VBD/ROOT/1/say ./././1 "
        "It/PRP/nsubj/4 negotiated/VBD/ROOT/4/negotiate a/DT/det/6 deal/NN/dobj/4 ./././4",
        run=False,
    )
    index = _names(d, EntityKind.ORGANIZATION, (0, 1, 0))
    ctx = Context(d, Document("t", d.text, "test"), clean(d.text))
    AnaphoraResolver()._continued_subject(ctx, index, d[3], 1)
    j = index.at(d[3])
    assert (j is not None and index.mentions[j].antecedent == 0) is resolved
