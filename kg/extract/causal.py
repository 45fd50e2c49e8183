"""Causal links between events, from explicit cues read off the dependency parse.

Each cue in ``resources/causal_cues.tsv`` says where its cause and effect sit: a causal verb
("prompted"), a verb with a preposition ("led to", "resulted from"), a prepositional phrase
("as a result of", "following"), a subordinate clause ("because", "after"), a sentence
adverb linking to the previous sentence ("As a result,"), or a change verb whose subject is
an event ("the outage reduced the hashrate"). Negated cues give no link; modal ones
("could lead to") give a potential one.

The trained reader (``kg_causal``, ``kg.nlp.causal_model``) adds the links that no cue names:
in each sentence it reads as causal, its best pair of words becomes a link between their events
(typed when the lexicon knows them, generic otherwise), and further pairs follow when the model
is sure of them. Links the rules found come first; a model pair may add a link on one of their
events (a chain, a second effect), but never on the cue word they linked by, and two events get
one link, the surer reading's direction.
"""

from __future__ import annotations

import json
import math
from collections import deque
from dataclasses import dataclass
from functools import cache

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in spaCy's stubs
from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.extract import syntax
from kg.extract.context import Context
from kg.extract.events import EventIndex, _irrealis
from kg.lexicon import Cue
from kg.model import GENERIC, CausalLink, EventMention, Mention, RelationType, Status
from kg.nlp import causal_model, event_detector
from kg.nlp.causal_model import Pair, Reading
from kg.nlp.trigger_tagger import frames_another

# an event found this many dependency steps below a slot still fills it
MAX_DEPTH = 4
# clauses of their own: an event inside one does not fill the slot of the clause above
OWN_CLAUSES = frozenset({"advcl", "relcl", "ccomp", "parataxis", "acl"})
DEMONSTRATIVES = frozenset({"this", "that", "it", "these", "which"})
# a sentence-initial subject that stands for what the previous sentence says: "This led to ..."
BACK_REFERENCES = frozenset({"this", "that", "these", "those"})
# cues strong enough that an unknown cause or effect still becomes a (generic) event
GENERIC_EVENT_CONFIDENCE = 0.8
COPULAR = frozenset({"be", "become", "remain", "seem", "grow", "turn", "get"})
# a pair after the sentence's best one becomes a link only when the model is this sure of it
FURTHER_PAIR = 0.5
MARKER_POS = frozenset({"SCONJ", "ADP", "ADV"})
PHRASE_STOPS = OWN_CLAUSES | {"conj", "cc", "punct", "appos", "nsubj", "nsubjpass", "advmod", "mark"}
# verbs whose open complement happens: "began to riot", "managed to escape"
ASPECTUAL = frozenset({"begin", "start", "continue", "resume", "keep", "manage", "go", "end", "stop", "finish"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# a model link with no cue word on the path between its words must be this likely (on the CNC,
# cross-validated, fewer than half of those links are right)
IMPLICIT = 0.8
# a concession is the opposite of a cause: "fell, although sales rose"
CONCESSIVE = frozenset({"although", "though", "despite", "whereas", "notwithstanding"})
# fixed expressions holding a word that is a cue elsewhere ("as protests spread"): they say
# what something is part of, set against or includes, never why ("arrested as part of an
# inquiry", "rose, as opposed to a fall", "events such as protests")
NOT_CUES = (
    ("as", "part", "of"),
    ("as", "opposed", "to"),
    ("as", "well", "as"),
    ("such", "as"),
    ("as", "far", "as"),
    ("as", "much", "as"),
    ("as", "many", "as"),
    ("as", "of"),
)
# a word of a model link that no detector proposed becomes an event only when the event detector
# finds it at least this likely: a link joins happenings, not "computing power" and "bitcoin". On the
# CNC, whose arguments are spans (eventive or not), it costs 0.014 F1 (cross-validated); on the
# news golds it removes nonsense links and events, and a storyline corpus links events only
UNDETECTED_END = 0.1
# words on the path that mark a complement, not a cause: "fears that ...", "asked whether ..."
CONTENT_MARKERS = frozenset({"that", "whether"})
# subordinators of a condition: the link they mark is hypothetical ("the Government checks people
# if they come into the UK"); one that opens a complement asks whether ("unsure if she had recovered")
CONDITIONAL = frozenset({"if", "unless"})
# verbs of speaking whose fronted participle frames a statement: "Speaking to reporters, ..."
SPEAKING = frozenset({"speak", "talk", "address", "write", "comment", "respond", "reply", "testify", "brief"})
# verbs of an "as" clause that compares rather than explains: "as the act is nicknamed", "as
# expected", "as planned" (reporting verbs too: "as he said")
COMPARING = frozenset(
    {"call", "name", "nickname", "dub", "know", "term", "describe", "label", "brand", "expect", "predict"}
    | {"forecast", "anticipate", "plan", "intend", "promise", "hope", "fear", "suggest", "show", "put"}
)
# named things are not events: a model pair on a name takes the event in its phrase, if any
NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "GROUP", "ORGDESC", "ASSET"})
AMOUNTS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "DATE", "TIME"})


@dataclass(frozen=True)
class _Slots:
    cause: Token
    effect: Token
    cue: Cue
    signal: tuple[Token, ...]
    anchor: Token  # the token that carries negation and modality


# the rules' calibration: a cue's prior (how strongly it marks a cause, what the rules decide by)
# mapped to the probability that its link is right, fitted on the CNC by scripts/calibrate_cues.py
CUE_CALIBRATION = lexicon.RESOURCES / "cue_calibration.json"


@cache
def cue_calibration() -> tuple[float, float]:
    """``a, b`` of the rules' Platt scaling, sigmoid(a + b * logit(prior))."""
    data = json.loads(CUE_CALIBRATION.read_text(encoding="utf-8"))
    return float(data["a"]), float(data["b"])


def calibrated(prior: float, scale: tuple[float, float]) -> float:
    """The probability that a rule's link is right, from its cue's prior."""
    p = min(max(prior, 1e-4), 1 - 1e-4)
    return 1.0 / (1.0 + math.exp(-(scale[0] + scale[1] * math.log(p / (1 - p)))))


class CausalExtractor:
    def __init__(self, *, generic_events: bool = True, calibrate_cues: bool = True) -> None:
        """``calibrate_cues=False`` gives the rules' links their cues' priors as confidence (what
        their calibration is fitted on)."""
        self.lex = lexicon.load()
        self.generic_events = generic_events
        self.cue_scale = cue_calibration() if calibrate_cues else (0.0, 1.0)
        self.cue_ids = frozenset(hash_string(word) for word in self.lex.cue_index)

    def __call__(self, ctx: Context, events: EventIndex) -> list[CausalLink]:
        links: dict[tuple[int, int], CausalLink] = {}

        def keep(link: CausalLink | None) -> None:
            # one link between two events: the surer reading, whichever way round it runs
            if link is None:
                return
            key, turned = (link.cause, link.effect), (link.effect, link.cause)
            rivals = [links[k] for k in (key, turned) if k in links]
            if all(rival.confidence < link.confidence for rival in rivals):
                links.pop(turned, None)
                links[key] = link

        sents = list(ctx.doc.sents)
        # the words that can start a cue, found on the doc's arrays: most words cannot, and reading a
        # token's strings one by one is what this stage spent most of its time on
        ids = ctx.doc.to_array([LOWER, LEMMA])
        starts = {i for i, (lower, lemma) in enumerate(ids.tolist()) if lower in self.cue_ids or lemma in self.cue_ids}
        cue_words: set[int] = set()  # the words of the cues the rules linked by: no event of their own
        for k, sent in enumerate(sents):
            for slots in self._cues(sent, sents[k - 1] if k else None, starts):
                link = self._link(ctx, events, slots, sents[k - 1] if k else None)
                if link is not None:
                    cue_words.update(t.i for t in slots.signal)
                keep(link)
        readings = causal_model.readings(ctx.doc)
        if readings:
            # the words the rules linked: a model pair through a word near one of them may read the
            # rules' relation again
            used = {events.heads[i] for link in links.values() for i in (link.cause, link.effect)}
            for reading in readings:
                for link in self._model_links(ctx, events, reading, used, cue_words):
                    keep(link)
        return list(links.values())

    # -- the trained reader ------------------------------------------------------------------
    def _model_links(
        self, ctx: Context, events: EventIndex, reading: Reading, used: set[int], cue_words: set[int]
    ) -> list[CausalLink]:
        found: list[CausalLink] = []
        causes: set[int] = set()
        effects: set[int] = set()
        for rank, pair in enumerate(reading.pairs):
            # a sentence's first link is right more often than the ones after it
            confidence = reading.scale.after_first(pair.confidence) if found else pair.confidence
            if confidence < reading.floor:
                continue
            if rank and pair.probability < FURTHER_PAIR:
                continue
            if pair.cause in causes or pair.effect in effects or {pair.cause, pair.effect} & cue_words:
                continue
            link = self._model_link(ctx, events, pair, confidence, used)
            if link is not None:
                found.append(link)
                causes.add(pair.cause)
                effects.add(pair.effect)
        return found

    def _model_link(
        self, ctx: Context, events: EventIndex, pair: Pair, confidence: float, used: set[int]
    ) -> CausalLink | None:
        doc = ctx.doc
        cause_tok, effect_tok = doc[pair.cause], doc[pair.effect]
        if self._means(effect_tok) and effect_tok.head.head == cause_tok:
            cause_tok, effect_tok = effect_tok, cause_tok  # "works by creating links": the means is the cause
        if _reported(effect_tok, self.lex) is not None:
            return None  # "claimed it sought help because ...": the reason is the reported event's
        top = _common_ancestor(cause_tok, effect_tok)
        if top not in (cause_tok, effect_tok) and syntax.is_negated(top):
            return None  # "did not cause", "was not caused by": no causal link
        if _comparative(cause_tok, self.lex) or _comparative(effect_tok, self.lex):
            return None
        if _values_in_turn(cause_tok, effect_tok):
            return None
        found_cause = self._model_event(events, cause_tok)
        found_effect = self._model_event(events, effect_tok)
        if found_cause is None or found_effect is None or found_cause == found_effect:
            return None
        if not all(self._may_name_event(found) for found in (found_cause, found_effect)):
            return None
        for tok, found in ((cause_tok, found_cause), (effect_tok, found_effect)):
            if isinstance(found, int) and events.heads[found] != tok.i and events.heads[found] in used:
                return None  # "become (violent)" -> "prompted (a crash)": the rules' link, read again
        signal_toks = _signal(cause_tok, effect_tok, top, self.lex)
        cue = " ".join(t.lower_ for t in signal_toks)
        if cue in CONCESSIVE:
            return None  # "fell, although sales rose": a concession, not a cause
        if signal_toks and _fixed_expression(signal_toks[0]):
            return None  # "arrested as part of an inquiry": "as" is no cue there
        conditional = cue in CONDITIONAL and _conditional_clause(signal_toks[0].head, self.lex)
        if cue in CONTENT_MARKERS or (cue in CONDITIONAL and not conditional):
            signal_toks = ()  # "fears that ...": what is feared, not what causes it
        if not signal_toks and confidence < IMPLICIT:
            return None
        ends = [_described(ctx, events, found) for found in (found_cause, found_effect)]
        # an unknown event is added only now that both ends of the link are known
        cause, effect = (
            found if isinstance(found, int) else events.add(event, range(found.i, found.i + 1))
            for found, event in zip((found_cause, found_effect), ends, strict=True)
        )
        if events.heads[cause] == events.heads[effect]:
            return None
        if self._one_event(events.mentions[cause], events.mentions[effect]):
            return None  # a strike that "causes" a strike is one event read twice, not a causal link
        anchors = (top, effect_tok, *signal_toks)
        # an intended end is not (yet) brought about: "went on strike to demand ...", "cut spending
        # to lower the deficit" (a motive as the cause), "aims to increase"
        intended = _intended(effect_tok, self.lex) or _intended(cause_tok, self.lex)
        potential = intended or conditional or any(_modal(t) for t in anchors)
        status = Status.POTENTIAL if potential else Status.HAPPENED
        relation = RelationType.CAUSES
        if signal_toks:
            signal = ctx.tokens_mention(signal_toks[0], signal_toks[-1])
            relation = _relation_of(signal_toks, self.lex)
        else:
            at = ctx.token_mention(effect_tok)
            signal = Mention(at.begin, at.begin, "", at.sentence)  # no cue word: an implicit link
        parts = [events.mentions[cause].mention, events.mentions[effect].mention]
        if signal.text:
            parts.append(signal)
        begin, end = min(p.begin for p in parts), max(p.end for p in parts)
        return CausalLink(
            cause,
            effect,
            signal,
            round(confidence, 3),
            ctx.original_mention(begin, end),
            relation,
            status,
            rule="reader",
        )

    @staticmethod
    def _may_name_event(found: int | Token) -> bool:
        """An event found, or a new word the event detector (when it ran) finds at least
        ``UNDETECTED_END`` likely."""
        probability = None if isinstance(found, int) else _event_probability(found)
        return probability is None or probability >= UNDETECTED_END

    def _means(self, tok: Token) -> bool:
        """A gerund that a preposition of means introduces: "by creating", "through cutting"."""
        prep = tok.head
        return (
            tok.dep_ == "pcomp"
            and tok.tag_ == "VBG"
            and any(c.kind == "means" for c in self.lex.cue_index.get(prep.lower_, ()))
        )

    def _one_event(self, a: EventMention, b: EventMention) -> bool:
        """Whether two ends read one event twice: one word ("a strike that causes a strike"), or a
        generic one the lexicon gives the other's type. One type is not enough: the types are
        broad classes ("used for mining" and "power their cars" are both Consumption), and
        holding two events of one type apart cost the CNC 0.006 sentence and 0.009 relation F1
        (cross-validated), with Causal-TimeBank's F1 unchanged."""
        if a.type != b.type:
            known, unknown = (a, b) if b.type == GENERIC else (b, a)
            return unknown.type == GENERIC and self._lexicon_word_of(unknown.lemma, known.type)
        return a.lemma == b.lemma

    def _lexicon_word_of(self, lemma: str, event_type: str) -> bool:
        lex = self.lex.events
        entries = (*lex.nouns.get(lemma, ()), *lex.verbs.get(lemma, ()), *lex.adjectives.get(lemma, ()))
        # the known event is of the word's type or a kind of it ("a strike" and a Protest), not its
        # parent: "the deficit hit $412bn" (a change) "after soaring" (a rise) are two events
        return any(t.type in (event_type, lex.parents.get(event_type)) for t in entries)

    @staticmethod
    def _model_event(events: EventIndex, tok: Token) -> int | Token | None:
        """The event a model word names: its own; for a name, a copula or a verb that only carries
        its object ("held a rally"), the event in its phrase, its subject's or the clause it frames
        ("had to postpone"), if any; else the word itself, as a new (generic) event when it can
        name one."""
        tok = _gathered(tok)
        if tok.i in events.by_token:
            return events.by_token[tok.i]
        if tok.i in events.carried:
            return events.carried[tok.i]  # "the fire spread": the fire
        lemma = tok.lemma_.lower()
        if tok.pos_ == "AUX":
            # "are on strike": the strike; "was a serious issue": the issue; "is to visit": the visit;
            # never "be" itself
            found = _phrase_event(events, tok)
            if found is not None:
                return found
            inner = next((c for c in tok.children if c.dep_ in ("attr", "acomp", "xcomp") and c.is_alpha), None)
            return None if inner is None else CausalExtractor._model_event(events, inner)
        if tok.ent_type_ in NAMES or tok.pos_ in ("PROPN", "PRON"):
            return _phrase_event(events, tok)  # "Verizon": at most the event in its phrase
        if lemma in MODAL_ADJECTIVES or frames_another(tok):
            # "likely to rise", "set to merge", "went on to promise": the rising, the merging, the
            # promise; "set for a boost": the boost
            deps = ("xcomp", "advcl") if frames_another(tok) else ("xcomp",)
            inner = next((c for c in tok.children if c.dep_ in deps and c.pos_ == "VERB"), None)
            if inner is None:
                return _phrase_event(events, tok) if frames_another(tok) else None
            return CausalExtractor._model_event(events, inner)
        if lemma in lexicon.SUPPORT_VERBS or (tok.pos_ == "VERB" and lemma in LIGHT_VERBS):
            # "held a rally": the rally; "the rally was held", "the strike will continue": the
            # strike; "had to postpone", "tried to join": the postponing, the joining; else none (the
            # verb alone names no event the graph can show: "launched a plan", "put it down to")
            for found in (_phrase_event(events, tok), _subject_event(events, tok)):
                if found is not None:
                    return found
            inner = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
            if inner is not None:
                return CausalExtractor._model_event(events, inner)
            return tok if _moves(tok) else _carried(tok)
        if not tok.is_alpha or tok.ent_type_ in AMOUNTS:
            return None  # "9%", "Friday": no event of their own
        if tok.pos_ == "ADJ" and _elliptical(tok):
            return None  # "evacuate them if necessary": a condition, no happening
        return tok

    # -- finding cues -----------------------------------------------------------------------
    def _cues(self, sent: Span, previous: Span | None, starts: set[int]) -> list[_Slots]:
        found: list[_Slots] = []
        used: set[int] = set()
        doc = sent.doc
        for i in sorted(starts.intersection(range(sent.start, sent.end))):
            if i in used:
                continue
            tok = doc[i]
            lower, lemma = tok.lower_, tok.lemma_.lower()
            cues = self.lex.cue_index.get(lower, ())
            if lemma != lower:
                cues += self.lex.cue_index.get(lemma, ())
            for cue in cues:
                slots = self._match(cue, tok, sent, previous)
                if slots is not None:
                    found.append(slots)
                    used.update(t.i for t in slots.signal)
                    break
        return found

    def _match(self, cue: Cue, tok: Token, sent: Span, previous: Span | None) -> _Slots | None:
        if cue.kind in ("verb", "verb_prep", "object_prep", "change", "motive"):
            if tok.pos_ != "VERB" or tok.dep_ == "prep" or tok.lemma_.lower() != cue.words[0]:
                return None
            if len(cue.words) > 1 and not set(cue.words[1:]) <= {c.lemma_.lower() for c in tok.subtree}:
                return None
            return self._verb(cue, tok)
        if not _starts(tok, cue.words):
            return None
        last = tok.doc[tok.i + len(cue.words) - 1]
        signal = tuple(tok.doc[tok.i : last.i + 1])
        if cue.kind == "prep":
            return self._prep(cue, tok, last, signal)
        if (
            cue.kind == "mark"
            and tok.dep_ == "mark"
            and tok.head.dep_ == "advcl"
            and not _comparative(tok.head, self.lex)
            and not _since_then(tok)
        ):
            return _Slots(tok.head, tok.head.head, cue, signal, tok.head.head)
        if cue.kind == "means" and tok.dep_ == "prep" and tok.head != tok:
            # "raised prices by cutting subsidies": the gerund is how (so why) the head came about
            gerund = next((c for c in tok.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
            if gerund is not None:
                return _Slots(gerund, tok.head, cue, signal, tok.head)
        if cue.kind == "result" and tok.dep_ == "advmod" and tok.head.pos_ in ("ADJ", "ADV"):
            return self._degree_result(tok.head, cue, signal)
        if cue.kind == "result" and tok.dep_ in ("mark", "advmod", "cc") and tok.head != tok:
            clause = tok.head if tok.dep_ != "cc" else next((c for c in tok.head.children if c.dep_ == "conj"), None)
            if clause is not None and clause.head != clause:
                cause = clause.head if clause.head.i < tok.i else _clause_before(clause, tok)
                return None if cause is None else _Slots(cause, clause, cue, signal, clause)
        if cue.kind == "adverb" and previous is not None and tok.i - sent.start <= 2:
            return _Slots(self._gist(previous), self._gist(sent), cue, signal, sent.root)
        if cue.kind == "amod" and tok.dep_ == "amod":
            cause = _preceding_event_head(tok)
            if cause is not None:
                return _Slots(cause, tok.head, cue, signal, tok.head)
        return None

    @staticmethod
    def _degree_result(word: Token, cue: Cue, signal: tuple[Token, ...]) -> _Slots | None:
        """A "so" before an adjective or adverb says how much, and causes only through the clause
        that follows it ("so dependent on their phones that one in three are concerned"): the
        clause the word is said of causes that clause; without one, no link ("so dependent")."""
        effect = next(
            (
                c
                for c in (*word.children, *word.head.children)
                if c.dep_ in ("ccomp", "advcl")
                and c.i > word.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        cause = word.head if word.dep_ in ("acomp", "advmod", "oprd") else word
        return None if effect is None or cause == effect else _Slots(cause, effect, cue, signal, effect)

    def _verb(self, cue: Cue, verb: Token) -> _Slots | None:
        signal: tuple[Token, ...] = (verb,)
        cause: Token | None
        effect: Token | None
        if cue.kind == "change":
            # the change verb's own subject must be an event: "the outage reduced ..."
            subj = next(iter(syntax.children(verb, "nsubj")), None)
            if subj is None and syntax.trailing_participle(verb):
                # "militants attacked a patrol, killing a soldier": what the main clause did
                return _Slots(verb.head, verb, cue, signal, verb)
            return _Slots(syntax.antecedent(subj), verb, cue, signal, verb) if subj is not None else None
        if cue.kind == "motive":
            # "workers walked out, demanding a rise": the demand is why they walked out
            return _Slots(verb, verb.head, cue, signal, verb.head) if syntax.trailing_participle(verb) else None
        if cue.kind == "object_prep":
            # "blamed high fuel prices for low sales": the object causes the prepositional object
            obj = next(iter(syntax.objects(verb)), None)
            if obj is None:
                return None
            # the preposition on the verb, or on its object as the parser often has it ("blamed
            # [the losses on rising costs]")
            pobj = next(
                (o for t in (verb, obj) for p, o in syntax.prep_objects(t, cue.prep or "") if p.head == t), None
            )
            if pobj is None:
                return None
            cause, effect = (obj, pobj) if cue.direction == "forward" else (pobj, obj)
            return _Slots(cause, effect, cue, (verb, pobj.head), verb)
        if cue.kind == "verb_prep":
            # the preposition on the verb, or on the object a cue of several words names, as the
            # parser often has it ("paved [the way for a crackdown]", "gave [rise to fears]")
            holders = (verb, *(o for o in syntax.objects(verb) if o.lemma_.lower() in cue.words[1:]))
            pobj = next((o for t in holders for p, o in syntax.prep_objects(t, cue.prep or "") if p.head == t), None)
            if pobj is None and cue.prep == "to":
                # "led commentators to argue ...": what the verb brings about is its infinitive
                pobj = next((c for c in syntax.children(verb, "xcomp") if _to_infinitive(c)), None)
                if pobj is None:
                    return None
                signal = (verb, next(c for c in pobj.children if c.dep_ == "aux" and c.tag_ == "TO"))
            elif pobj is None:
                return None
            else:
                signal = (verb, pobj.head)
            other = syntax.subject(verb) if not syntax.is_passive(verb) else next(iter(syntax.objects(verb)), None)
            if other is not None and verb.dep_ == "advcl" and (other.ent_type_ or other.pos_ == "PRON"):
                # "the Bank has kept rates on hold, leading some to argue ...": not the Bank, but
                # what it did (the main clause) leads there
                other = verb.head
            if other is None and verb.dep_ == "advcl":
                other = verb.head  # ", leading to the worst violence": the main clause is the cause
            if other is None:
                return None
            cause, effect = (other, pobj) if cue.direction == "forward" else (pobj, other)
            return _Slots(cause, effect, cue, signal, verb)
        # a causal verb: subject causes object; passive: the "by" phrase causes the subject, and
        # what a passive participle modifies ("protests triggered by ...") or the clause it trails
        # ("sales slid, triggered by the revelation that ...")
        participle = verb.dep_ in ("acl", "advcl") and verb.tag_ == "VBN"
        if syntax.is_passive(verb) or participle:
            cause = syntax.passive_agent(verb)
            effect = next(iter(syntax.objects(verb)), None) or (verb.head if participle else None)
        elif verb.dep_ == "advcl" and verb.tag_ == "VBG" and not syntax.children(verb, "nsubj"):
            cause = verb.head  # ", throwing the industry into disarray": the main clause is the cause
            effect = _effect_of_causal_verb(verb)
        else:
            cause = syntax.subject(verb)
            effect = _effect_of_causal_verb(verb)
        if cause is None or effect is None:
            return None
        if cue.direction == "reverse":
            cause, effect = effect, cause
        return _Slots(cause, effect, cue, signal, verb)

    def _prep(self, cue: Cue, first: Token, last: Token, signal: tuple[Token, ...]) -> _Slots | None:
        pobj = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is None and last.i + 1 < len(last.doc) and last.head.i == last.i + 1:
            if last.dep_ == "aux" and last.head.tag_ == "VB":
                return None  # "voting is due to end": an infinitive, so "due to" says when, not why
            pobj = last.head
        attach = first.head
        while attach.dep_ == "prep" and attach.head != attach and attach in signal:
            attach = attach.head
        if first.dep_ == "conj" and attach.dep_ in ("advcl", "prep", "xcomp", "acl"):
            # "walked out demanding a rise and in protest against ...": coordinated with a
            # modifier, the phrase modifies what that modifier does
            attach = attach.head
        if attach.pos_ in ("VERB", "AUX") and attach.i > last.i and attach.dep_ == "advcl":
            # "after a cap ... was lifted": the phrase is really a clause; its verb is the cause
            return _Slots(attach, attach.head, cue, signal, attach.head)
        if pobj is None or attach in signal:
            return None
        if attach.lemma_.lower() in self.lex.cue_index and any(
            c.kind == "verb" and attach.lemma_.lower() == c.words[0] for c in self.lex.cue_index[attach.lemma_.lower()]
        ):
            return None  # the clause is itself a causal statement; its verb links it
        return _Slots(pobj, attach, cue, signal, attach)

    # -- from slots to a link -----------------------------------------------------------
    def _link(self, ctx: Context, events: EventIndex, slots: _Slots, previous: Span | None = None) -> CausalLink | None:
        if syntax.is_negated(slots.anchor) or any(syntax.is_negated(t) for t in slots.signal if t.pos_ == "VERB"):
            return None  # "did not cause": no causal link
        if _fixed_expression(slots.signal[0]):
            return None  # "as opposed to": "as" is no cue there
        allow_generic = self.generic_events and slots.cue.confidence >= GENERIC_EVENT_CONFIDENCE
        cause_tok = slots.cause
        if previous is not None and cause_tok.lower_ in BACK_REFERENCES and cause_tok.i - cause_tok.sent.start <= 1:
            # "This led to ...": what the previous sentence says is the cause
            cause_tok = self._gist(previous)
        found_cause = self._slot_event(events, cause_tok, allow_generic, avoid=slots.signal)
        effect_tok = slots.effect
        if slots.cue.kind in ("mark", "prep"):  # a clause or phrase on the verb
            effect_tok = _reported(effect_tok, self.lex) or effect_tok
        found_effect = self._slot_event(events, effect_tok, allow_generic, avoid=slots.signal)
        if found_cause is None or found_effect is None or found_cause == found_effect:
            return None
        if slots.cue.kind != "means" and _values_in_turn(cause_tok, effect_tok):
            # "the deficit hit $412bn after reaching $377bn": when, not why; but "reached the last
            # four by beating Enqvist 6-3" is how
            return None
        # an unknown event is added only now that both ends of the link are known
        cause = found_cause if isinstance(found_cause, int) else events.add_generic(ctx, found_cause)
        effect = found_effect if isinstance(found_effect, int) else events.add_generic(ctx, found_effect)
        if events.heads[cause] == events.heads[effect]:
            return None
        status = Status.POTENTIAL if any(_irrealis(t) for t in (slots.anchor, *slots.signal)) else Status.HAPPENED
        prior = slots.cue.confidence
        if events.mentions[cause].type == "Event" or events.mentions[effect].type == "Event":
            prior *= 0.9  # an unknown event is a weaker reading
        confidence = calibrated(prior, self.cue_scale)
        signal = ctx.tokens_mention(slots.signal[0], slots.signal[-1])
        parts = [events.mentions[cause].mention, events.mentions[effect].mention, signal]
        begin, end = min(p.begin for p in parts), max(p.end for p in parts)
        evidence = ctx.original_mention(begin, end)
        return CausalLink(
            cause,
            effect,
            signal,
            round(confidence, 3),
            evidence,
            RelationType(slots.cue.relation),
            status,
            rule=f"{slots.cue.kind}:{' '.join(slots.cue.words)}",
        )

    def _gist(self, sent: Span) -> Token:
        """What a sentence says: its root, or the clause it reports ("'The boundaries did not
        match,' the prosecutor told Reuters. As a consequence ...": not the telling)."""
        return _reported(sent.root, self.lex) or sent.root

    def _slot_event(
        self, events: EventIndex, tok: Token, allow_generic: bool, avoid: tuple[Token, ...]
    ) -> int | Token | None:
        """The event a slot names: the token's own event, one it carries, or the nearest below it;
        else, for a strong cue, the token itself as a new (generic) event."""
        found = clause_event(events, tok, avoid)
        if found is not None:
            return found
        owner = tok.head.head
        if tok.dep_ == "pobj" and owner.i in events.by_token and owner not in avoid:
            return events.by_token[owner.i]  # "a crackdown in Kazakhstan, which ...": the crackdown
        tok = _gathered(tok)
        if allow_generic and tok not in avoid and not tok.ent_type_ and (_eventive(tok) or _detected_at_all(tok)):
            return tok
        return None


def clause_event(events: EventIndex, tok: Token, avoid: tuple[Token, ...] = ()) -> int | None:
    """The event that a phrase or clause headed by ``tok`` is about."""
    if tok.i in events.by_token:
        own = events.by_token[tok.i]
        if events.mentions[own].type == "Order":
            # "ordered providers to block access": what was ordered is what had effects
            for c in tok.children:
                if c.dep_ in ("xcomp", "ccomp") and c.i in events.by_token:
                    return events.by_token[c.i]
        return own
    if tok.lemma_.lower() in COPULAR or tok.pos_ == "AUX":
        subject = _subject_event(events, tok)
        if subject is not None:
            return subject
    queue = deque([(c, 1) for c in tok.children if c not in avoid])
    best: tuple[int, int, int] | None = None
    while queue:
        cur, depth = queue.popleft()
        if cur in avoid or depth > MAX_DEPTH:
            continue
        if cur.i in events.by_token:
            rank = (depth, 0 if cur.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "xcomp") else 1, cur.i)
            if best is None or rank < best:
                best = rank
            continue
        if cur.dep_ in OWN_CLAUSES or (cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX")):
            # a clause of its own, or one coordinated with this one ("became president after the
            # elections, the first of which was annulled amid allegations"): what it holds is its own
            continue
        queue.extend((c, depth + 1) for c in cur.children)
    return events.by_token[best[2]] if best is not None else None


def _effect_of_causal_verb(verb: Token) -> Token | None:
    """What a causal verb brings about: its object, or further on when the object is only
    its patient: "threw the industry into disarray", "prompted Tokayev to respond with a crackdown"."""
    into = next((o for _p, o in syntax.prep_objects(verb, "into")), None)
    if into is not None:
        return into
    objs = syntax.children(verb, "dobj")
    complements = syntax.children(verb, "xcomp", "ccomp")
    if complements:
        return complements[0]
    return objs[0] if objs else None


# suffixes of nouns that name happenings ("installation", "shortage", "closure"), not things ("machines")
EVENTIVE_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "age", "al", "ing", "ism", "ity", "cy")


# where a verb of coming or going goes: "came together", "went home"
DIRECTIONS = frozenset(
    {"together", "home", "out", "back", "away", "forward", "ahead", "down", "up", "inside", "outside"}
)
# nouns that only gather what they are of: a generic cause or effect is what they gather
CONTAINERS = frozenset(
    {"combination", "series", "mix", "string", "spate", "wave", "raft", "slew", "flurry", "host", "number", "variety"}
)
# a verb and its object that say the subject comes about: "outsourcing takes hold"
HAPPENING_IDIOMS = frozenset({("take", "hold"), ("take", "effect"), ("take", "place"), ("take", "shape")})
# verbs of staying in a state: "remained tense" names the state
STAYING = frozenset({"remain", "stay", "become", "turn"})
# verbs too empty to name an event of their own
LIGHT_VERBS = frozenset(
    {
        "be",
        "have",
        "do",
        "get",
        "make",
        "take",
        "give",
        "say",
        "go",
        "come",
        "seem",
        "become",
        "remain",
        "keep",
        "put",
        "let",
        "see",
        "want",
        "need",
        "try",
        "use",
        # reporting a result: "posted a rise in profits" names the rise ("showed" is left out: on
        # the CNC, "showed black flags" is the protest)
        "post",
        # thinking and knowing: "if they think they have fallen victim" names no happening
        "think",
        "believe",
        "know",
        "feel",
        "hope",
        "wish",
    }
)
# verbs that give a measure's level, not a change in it: "hit $412bn", "reached a record"
LEVEL_VERBS = frozenset({"reach", "hit", "touch", "total", "top", "peak"})
# adjectives of ability and likelihood: the event is the verb they govern ("able to seek")
MODAL_ADJECTIVES = frozenset({"able", "unable", "likely", "unlikely", "willing", "unwilling", "ready", "eager"})


def _values_in_turn(cause: Token, effect: Token) -> bool:
    """Two values of a measure, one after the other: "the deficit hit $412bn, after reaching
    $377bn" tells when, not why. Changes can cause one another ("shares rose 5% after profits
    climbed 10%"), so at least one end must be a verb of level."""
    if cause.lemma_.lower() not in LEVEL_VERBS and effect.lemma_.lower() not in LEVEL_VERBS:
        return False
    return all(
        tok.pos_ == "VERB"
        and any(
            c.dep_ in ("dobj", "attr") and c.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
            for c in tok.children
        )
        for tok in (cause, effect)
    )


def _moves(verb: Token) -> bool:
    """A verb of coming or going with where to: "came out of the building", "came together", "went
    home"; a movement the graph can show, though the verb alone is light."""
    if verb.lemma_.lower() not in ("come", "go") or verb.pos_ != "VERB":
        return False
    return any(c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in DIRECTIONS) for c in verb.children)


def _gathered(tok: Token) -> Token:
    """What a noun that only gathers stands for: "a combination of colder weather and ...", "a
    series of strikes"; any other word itself."""
    if tok.lemma_.lower() not in CONTAINERS:
        return tok
    of = (o for p in syntax.children(tok, "prep") if p.lower_ == "of" for o in syntax.children(p, "pobj"))
    return next(of, tok)


def _carried(verb: Token) -> Token | None:
    """The word a light or support verb carries when the event lexicon knows no event there, as a
    new (generic) event: an object that can name a happening ("took into custody", "went on an
    indefinite fast"; not "launched a plan", "took the town"), or the state a verb of
    staying keeps ("remained tense"). An idiom that says its subject happens ("outsourcing takes
    hold", "the measures took effect") carries the subject."""
    obj = next(iter(syntax.children(verb, "dobj")), None)
    if obj is not None and (verb.lemma_.lower(), obj.lemma_.lower()) in HAPPENING_IDIOMS:
        subj = syntax.subject(verb)
        return subj if subj is not None and subj.pos_ == "NOUN" else None
    for child in verb.children:
        found = child
        if child.dep_ == "prep":
            found = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ not in ("dobj", "acomp"):
            continue
        if found.ent_type_ or not found.is_alpha:
            continue
        if found.pos_ == "NOUN" and found.lemma_.lower() in lexicon.load().eventive_nouns:
            return found
        if found.pos_ == "ADJ" and found.dep_ == "acomp" and verb.lemma_.lower() in STAYING:
            return found
    return None


def _elliptical(adjective: Token) -> bool:
    """A condition with no subject and no verb: "if necessary", "where possible"."""
    children = list(adjective.children)
    return any(c.dep_ == "mark" for c in children) and not any(c.dep_ in SUBJECTS for c in children)


def _eventive(tok: Token) -> bool:
    """Whether an unknown word can name an event: a verb, a noun that reads as a happening, or a
    measure in a state ("high fuel prices", "low sales")."""
    if tok.pos_ == "VERB":
        return tok.lemma_.lower() not in LIGHT_VERBS
    if tok.pos_ != "NOUN":
        return False
    lemma = tok.lemma_.lower()
    if lemma.endswith(EVENTIVE_SUFFIXES) and len(lemma) > 5:
        return True
    return lexicon.load().in_class("measure", lemma) and any(c.dep_ == "amod" for c in tok.children)


def _event_probability(tok: Token) -> float | None:
    """The event detector's probability that ``tok`` names an event; None when it did not run."""
    doc = tok.doc
    probabilities = doc._.get(event_detector.PROBS) if Doc.has_extension(event_detector.PROBS) else None
    return None if probabilities is None else float(probabilities.get(tok.i, 0.0))


def _detected_at_all(tok: Token) -> bool:
    """Whether the event detector (when it ran) finds a noun or verb at least ``UNDETECTED_END``
    likely to name an event: what a strong cue's slot holds ("has caused me acute agony") is an
    event then, though no word list says so."""
    probability = _event_probability(tok) if tok.pos_ in ("NOUN", "VERB") else None
    return probability is not None and probability >= UNDETECTED_END


def _preceding_event_head(tok: Token) -> Token | None:
    """For "protests and the ensuing crackdown": the event the crackdown ensues from."""
    noun = tok.head
    if noun.dep_ == "conj":
        return noun.head
    return None


def _described(ctx: Context, events: EventIndex, found: int | Token) -> EventMention:
    """The event mention of a known event, or what a new (generic) one at a word would be."""
    if isinstance(found, int):
        return events.mentions[found]
    if events.describe is not None:
        return events.describe(Span(found.doc, found.i, found.i + 1, label=GENERIC))
    return EventMention(ctx.token_mention(found), GENERIC, found.lemma_.lower(), nominal=found.pos_ == "NOUN")


def _phrase_event(events: EventIndex, tok: Token) -> int | None:
    """An event in the phrase a word heads, two steps down at most and not into another clause:
    "held a rally" names the rally, "Typhoon Hagibis's landfall" the landfall."""
    frontier = [tok]
    for _ in range(2):
        frontier = [c for t in frontier for c in t.children if c.dep_ not in PHRASE_STOPS]
        for c in frontier:
            if c.i in events.by_token:
                return events.by_token[c.i]
    return None


def _subject_event(events: EventIndex, verb: Token) -> int | None:
    """The event that is a verb's subject: "the dharna was held", "the strike continued"."""
    return next((events.by_token[c.i] for c in verb.children if c.dep_ in SUBJECTS and c.i in events.by_token), None)


def _clause_before(clause: Token, signal: Token) -> Token | None:
    """The clause before a result cue that its clause governs in the parse, the nearest to the cue:
    what the cue says led to it. "'It was dark when they realised ..., so they turned up at the
    store,' recalls Carlos": the quote's clause hangs from "recalls", which follows it and reports
    it, and the clause before "so" hangs from the one after it."""
    before = [
        c for c in clause.children if c.i < signal.i and c.dep_ in (*OWN_CLAUSES, "conj") and c.pos_ in ("VERB", "AUX")
    ]
    return before[-1] if before else None


def _common_ancestor(a: Token, b: Token) -> Token:
    above_a = {a.i, *(t.i for t in a.ancestors)}
    for t in (b, *b.ancestors):
        if t.i in above_a:
            return t
    return a.sent.root


def _signal(cause: Token, effect: Token, top: Token, lex: lexicon.Lexicon) -> tuple[Token, ...]:
    """The cue of a model link: a causal verb above both words ("led to"), a preposition or clause
    marker on the path between them ("after", "because", "to"; an adverb only when it is a cue
    word, "when", "thus": not "often", "now", "similarly"), or a participle that opens the effect
    ("leaving")."""
    path = [t for t in (cause, *cause.ancestors) if t != top and top in t.ancestors]
    path += [t for t in (effect, *effect.ancestors) if t != top and top in t.ancestors]
    if top not in (cause, effect) and top.pos_ == "VERB" and top.lemma_.lower() in lex.cue_index:
        preps = [t for t in path if t.dep_ == "prep" and t.head == top]
        return (top, *preps[:1]) if preps and preps[0].i == top.i + 1 else (top,)
    for t in sorted(path, key=lambda t: t.i):
        if t.dep_ in ("prep", "agent") and t not in (cause, effect):
            return _phrase(t)
        marks = [
            c
            for c in t.children
            if (c.dep_ == "mark" or (c.dep_ == "advmod" and c.lower_ in lex.cue_index))
            and c.i < t.i
            and c.pos_ in MARKER_POS
        ]
        if marks and t.dep_ in ("advcl", "acl", "relcl", "ccomp", "conj"):
            return (marks[0],)
        if t.dep_ in ("xcomp", "advcl") and t.tag_ == "VB":
            to = [c for c in t.children if c.dep_ == "aux" and c.tag_ == "TO"]
            if to:
                return (to[0],)
        if t.dep_ in ("advcl", "acl", "xcomp") and t.tag_ == "VBG" and not _speaking(t, lex):
            return (t,)
    return ()


def _conditional_clause(clause: Token, lex: lexicon.Lexicon) -> bool:
    """Whether the clause an "if" opens is a condition: an adverbial clause, not what a verb or an
    adjective of asking or knowing takes ("asked if he was appointed", which the parser also hangs
    on "asked" as an adverbial clause)."""
    return clause.dep_ == "advcl" and not lex.in_class("inquiry", clause.head.lemma_.lower())


def _fixed_expression(tok: Token) -> bool:
    """Whether ``tok`` is a word of one of the ``NOT_CUES`` expressions, as written around it."""
    doc, word = tok.doc, tok.lower_
    return any(
        part == word
        and 0 <= tok.i - k <= len(doc) - len(expression)
        and tuple(t.lower_ for t in doc[tok.i - k : tok.i - k + len(expression)]) == expression
        for expression in NOT_CUES
        for k, part in enumerate(expression)
    )


def _reported(tok: Token, lex: lexicon.Lexicon) -> Token | None:
    """The head of the clause a reporting verb reports, if it is one and has one: a reason or a
    time the parser hung on the verb is that clause's ("claimed it sought help because ...",
    "said he was arrested after the riot"), not the saying's."""
    if tok.lemma_.lower() not in lex.reporting:
        return None
    return next((c for c in tok.children if c.dep_ == "ccomp"), None)


def _speaking(tok: Token, lex: lexicon.Lexicon) -> bool:
    """A participle before its clause that says where or to whom someone spoke: "Speaking on the
    radio, he criticised ..." frames what follows; it causes nothing."""
    lemma = tok.lemma_.lower()
    return tok.i < tok.head.i and (lemma in lex.reporting or lemma in SPEAKING)


def _phrase(prep: Token) -> tuple[Token, ...]:
    """A preposition with the words that make it one cue: "because of", "in response to", "due to"."""
    doc = prep.doc
    start = prep.i
    while start > 0 and prep.i - start < 3 and doc[start - 1].dep_ in ("prep", "amod", "advmod", "pobj", "det"):
        if doc[start - 1].head.i not in range(start - 1, prep.i + 1):
            break
        start -= 1
    return tuple(doc[start : prep.i + 1])


def _relation_of(signal: tuple[Token, ...], lex: lexicon.Lexicon) -> RelationType:
    for t in signal:
        for cue in lex.cue_index.get(t.lemma_.lower(), ()):
            if cue.kind in ("verb", "verb_prep") and cue.words[0] == t.lemma_.lower():
                return RelationType(cue.relation)
    return RelationType.CAUSES


def _intended(tok: Token, lex: lexicon.Lexicon) -> bool:
    """Whether a word names what is intended, not (yet) done: a to-infinitive of purpose ("went on
    strike to demand higher wages", "a plan to triple sales") or what a verb frames ("aims to
    increase", "urged them to leave"); not what a causal or aspectual verb brings about ("forced
    them to resign", "began to riot")."""
    if tok.dep_ == "xcomp":
        head = tok.head.lemma_.lower()
        # a causal verb of its own ("force", "lead to"), not the first word of a phrasal one ("set off")
        causal = any(
            c.kind in ("verb_prep", "object_prep") or (c.kind == "verb" and len(c.words) == 1)
            for c in lex.cue_index.get(head, ())
        )
        return not causal and head not in ASPECTUAL
    return tok.dep_ in ("advcl", "acl", "relcl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _comparative(tok: Token, lex: lexicon.Lexicon) -> bool:
    """Whether a word heads an "as" clause that compares, not explains: "Section 404, as the act
    is nicknamed, ...", "as expected", "as he said"."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return False
    lemma = tok.lemma_.lower()
    return lemma in COMPARING or lemma in lex.reporting


def _since_then(mark: Token) -> bool:
    """A "since" that counts time from its clause: a perfect main clause and a simple past one ("has
    won three titles since she came out of retirement"), where "since the company has lost money,
    it has cut jobs" and "since prices rose, demand fell" give reasons."""
    clause, main = mark.head, mark.head.head
    auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    simple_past = (clause.tag_ == "VBD" and not auxiliaries) or (  # "since she came", "since it was set up"
        clause.tag_ == "VBN" and [(c.dep_, c.tag_) for c in auxiliaries] == [("auxpass", "VBD")]
    )
    return (
        mark.lower_ == "since"
        and simple_past
        and main.tag_ == "VBN"
        and any(c.dep_ == "aux" and c.lemma_ == "have" for c in main.children)
    )


def _to_infinitive(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _modal(tok: Token) -> bool:
    """ "could lead to", "may cause": a modal on the word, or on the clause it heads."""
    return _irrealis(tok) or (tok.dep_ in ("xcomp", "pcomp") and _irrealis(tok.head))


def _starts(tok: Token, words: tuple[str, ...]) -> bool:
    """Whether the text from ``tok`` on reads ``words`` (lowercased)."""
    doc = tok.doc
    if tok.i + len(words) > len(doc):
        return False
    return all(doc[tok.i + k].lower_ == word for k, word in enumerate(words))
