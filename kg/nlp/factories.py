"""Every spaCy component newskg registers, in one place (as spaCy does), so that importing
this module is all it takes for ``nlp.add_pipe("kg_entities")`` to work."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.candidates import spaces
from kg.nlp.causal_model import EXTENSION, CausalReader
from kg.nlp.entity_tagger import EntityTagger
from kg.nlp.event_detector import PROBS, EventDetector
from kg.nlp.trigger_tagger import TriggerTagger
from kg.wordnet_types import wordnet_type

for _extension in (EXTENSION, PROBS):
    if not Doc.has_extension(_extension):
        Doc.set_extension(_extension, default=None)


@Language.factory(
    "kg_entities",
    requires=["doc.ents", "token.dep", "token.lemma", "token.tag"],
    assigns=["doc.ents"],
    default_config={"large_city": 1_000_000},
)
def make_entity_tagger(nlp: Language, name: str, large_city: int) -> EntityTagger:
    """Correct NER labels with gazetteers and context; add groups, organisation descriptions, assets."""
    return EntityTagger(large_city=large_city)


@Language.factory(
    "kg_triggers",
    requires=["doc.ents", "token.dep", "token.lemma", "token.tag"],
    assigns=["doc.spans"],
)
def make_trigger_tagger(nlp: Language, name: str) -> TriggerTagger:
    """Tag the words that name events with their event type."""
    return TriggerTagger()


@Language.factory(
    "kg_events",
    requires=["doc.ents", "token.dep", "token.lemma", "token.tag", "doc.spans"],
    assigns=["doc.spans", f"doc._.{PROBS}"],
    default_config={"path": "", "threshold": 0.5, "encoder": True},
)
def make_event_detector(nlp: Language, name: str, path: str, threshold: float, encoder: bool) -> EventDetector:
    """Propose the words that name events (a trained model; ``path`` names a saved one, empty for
    the model shipped with newskg), those at least ``threshold`` likely. ``encoder``: read
    sentences with the model's transformer too, when it has one (the shipped model does)."""
    return EventDetector(path, threshold, encoder)


@Language.factory(
    "kg_causal",
    requires=["token.dep", "token.lemma", "token.tag", "doc.spans"],
    assigns=[f"doc._.{EXTENSION}"],
    default_config={"path": "", "threshold": 0.5, "encoder": False},
)
def make_causal_reader(nlp: Language, name: str, path: str, threshold: float, encoder: bool) -> CausalReader:
    """Read how likely each sentence states a causal link, and between which words (a trained
    model; ``path`` names a saved one, empty for the model shipped with newskg); pairs less likely
    than ``threshold`` (the build's causal threshold) are dropped. ``encoder``: read sentences with
    the model's transformer too, when it has one (more links, slower)."""
    return CausalReader(path, threshold, encoder)


@Language.component("kg_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break ends a sentence, so a headline without a full stop is not read as the
    subject of the next paragraph ("Train strike grips Buenos Aires / A strike ...")."""
    for tok in spaces(doc):
        if tok.text.count("\n") >= 2 and tok.i + 1 < len(doc):
            doc[tok.i + 1].is_sent_start = True
    return doc


# the verb forms that carry their own subject; a coordinated clause's verb in one of them has one
_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
# tags, not parts of speech: the attribute ruler that maps one to the other runs after the parser
_NOMINAL = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})


@Language.component("kg_subjects", requires=["token.dep", "token.tag"], assigns=["token.dep"])
def stranded_subjects(doc: Doc) -> Doc:
    """ "They meet at Twickenham and Kirwan says ...": the small parser coordinates the name with
    the place before it and leaves "says" without a subject, so the name reads as a place and the
    saying as no one's ("the auto market has its problems and analysts warn", "on the St James Park
    mud and Jones raced back"). A noun coordinated with an earlier word, just before a finite verb
    coordinated with an earlier clause that has no subject, is that verb's subject, and the "and"
    joins the clauses. Run right after the parser, so that the taggers read the repaired parse."""
    for verb in doc[1:]:
        noun = doc[verb.i - 1]
        if verb.dep_ != "conj" or verb.tag_ not in _FINITE or verb.head.i > noun.i:
            continue
        if noun.dep_ != "conj" or noun.tag_ not in _NOMINAL or noun.head.i > noun.i:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
            continue
        joint = doc[noun.left_edge.i - 1] if noun.left_edge.i > 0 else None
        noun.head, noun.dep_ = verb, "nsubj"
        if joint is not None and joint.dep_ == "cc" and joint.head.i < joint.i:
            joint.head = verb.head
    return doc


# the clitic "'s", which the small parser reads as "is", a passive's auxiliary, wherever a past
# participle follows it
_CLITIC_S = frozenset({"'s", "’s"})


@Language.component("kg_perfects", requires=["token.dep"], assigns=["token.dep", "token.lemma"])
def clitic_perfects(doc: Doc) -> Doc:
    """ "He's won three titles" is "he has won" them: the small parser reads it as "he is won",
    a passive whose subject is what was won. A past participle with a direct object after that
    clitic, and no other passive auxiliary ("he's been given a medal" stays one), is a perfect:
    the clitic is "have" and the subject does the act. Run after the learned components, which
    read the parse they were trained on."""
    for tok in doc:
        verb = tok.head
        if tok.dep_ != "auxpass" or tok.lower_ not in _CLITIC_S or verb.tag_ != "VBN":
            continue
        if not any(c.dep_ == "dobj" for c in verb.children):
            continue
        if any(c.dep_ == "auxpass" and c.i != tok.i for c in verb.children):
            continue
        tok.dep_, tok.lemma_ = "aux", "have"
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                child.dep_ = "nsubj"
    return doc


# words that make their object be something ("made Depp a star", "consider it an opportunity"): the
# plural noun after the object is that something, no verb
_SMALL_CLAUSE_VERBS = frozenset(
    {"make", "consider", "call", "find", "keep", "leave", "name", "declare", "elect", "deem"}
)
# what a noun takes and a verb does not
_NOUN_DEPENDENTS = frozenset({"det", "amod", "compound", "nummod", "poss"})


@Language.component(
    "kg_verbs", requires=["token.dep", "token.tag", "token.lemma"], assigns=["token.tag", "token.pos", "token.lemma"]
)
def plural_verbs(doc: Doc) -> Doc:
    """ "when the transfer window closes", "if this pace persists", "a light that flashes": the small
    tagger reads the verb as a plural noun, though the parser gives it a subject and a clause of its
    own, so its label was "be closes" and its type the noun's. A plural noun in "-s" that heads a
    clause, with a subject before it and nothing only a noun takes, whose stem WordNet knows as a
    verb, is that verb in the present ("closes": close). Not the "something" of "made them
    offences". Run after the learned components, which read the tags they were trained on."""
    for tok in doc:
        if (
            tok.tag_ != "NNS"
            or not tok.lower_.endswith("s")
            or tok.dep_ not in ("ROOT", "advcl", "ccomp", "relcl", "conj")
        ):
            continue
        if not any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children):
            continue
        if any(c.dep_ in _NOUN_DEPENDENTS for c in tok.children) or tok.head.lemma_.lower() in _SMALL_CLAUSE_VERBS:
            continue
        stems = (tok.lower_[:-1], tok.lower_[:-2]) if tok.lower_.endswith("es") else (tok.lower_[:-1],)
        verb = next((stem for stem in stems if wordnet_type(stem, "v") is not None), None)
        if verb is not None:
            tok.tag_, tok.pos_, tok.lemma_ = "VBZ", "VERB", verb
    return doc


# plural nouns spaCy's lemmatizer takes for another word's: "taxes" for the plural of "taxi"
_NOUN_LEMMAS = {"taxes": "tax"}
# a stem of one syllable ending in one vowel and one consonant (not w, x or y), as "hop", "rid"
_SHORT_STEM = re.compile(r"[^aeiouy]*[aeiou][b-df-hj-np-tvz]")


@Language.component("kg_lemmas", requires=["token.lemma", "token.tag"], assigns=["token.lemma"])
def silent_e_lemmas(doc: Doc) -> Doc:
    """ "hoping", "hoped" are "hope": spaCy's rule lemmatizer strips the ending and takes "hop" (so
    "is hoping to raise" read as no intent), as it takes "rid" for "riding" and "cop" for "coping".
    A one-syllable stem of one vowel and one consonant doubles that consonant before "-ing" and
    "-ed" ("hopping", "ridded"), so where it did not, the verb ends in a silent "e". Run last, after
    the learned components, which read the lemmas they were trained on. So is a plural noun the
    lemmatizer takes for another's ("raised taxes": "taxis")."""
    for tok in doc:
        if tok.tag_ == "NNS" and tok.lower_ in _NOUN_LEMMAS:
            tok.lemma_ = _NOUN_LEMMAS[tok.lower_]
            continue
        cut = 3 if tok.tag_ == "VBG" else 2 if tok.tag_ in ("VBD", "VBN") else 0
        lemma = tok.lemma_
        if cut and tok.lower_[:-cut] == lemma and _SHORT_STEM.fullmatch(lemma):
            tok.lemma_ = lemma + "e"
    return doc
