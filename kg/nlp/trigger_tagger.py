"""Event trigger tagging: the words that name events, typed by the ontology's event scheme.

Writes ``doc.spans["kg_triggers"]``, one span per trigger, labelled with the event type
(a class local name such as ``Crackdown``). Argument constraints ("block {internet}") and
the choice between a price change and a change of another measure are read off the parse.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.lexicon import SUPPORT_VERBS, Lexicon, Trigger
from kg.nlp.candidates import WordFilter

SPANS_KEY = "kg_triggers"
# named entities are actors and places, never triggers ("the Protest Party")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "GROUP", "ORGDESC", "ASSET"})
NOUN_ARG_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# a phrasal verb's particles: "take over", "crack down", "walk out", "go under", "fall apart"
PARTICLES = frozenset(
    {"over", "out", "down", "off", "up", "back", "away", "on", "in", "under", "forward", "ahead", "apart", "aside"}
)
# classes a verb's subject can satisfy: "the strike affected ..." ({event}), "a bomb exploded" ({weapons})
SUBJECT_CLASSES = frozenset({"event", "weapons"})
# a class a verb's to-infinitive complement satisfies: "declined to comment" (not "declined to $5bn")
CLAUSE_CLASSES = frozenset({"infinitive"})
# a class a verb satisfies with nothing it acts on, no object nor clause: "thousands demonstrated",
# not "the book demonstrates the rift", "this demonstrates that ..." (another sense, "show")
INTRANSITIVE = "intransitive"
COMPLEMENTS = frozenset({"dobj", "nsubjpass", "ccomp", "attr", "oprd"})
# words that count what their "of" object names: "millions of workers" are workers
COUNTING = frozenset({"hundred", "thousand", "million", "dozen", "hundreds", "thousands", "millions", "dozens"})
VERB_ARG_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "prt", "acomp", "advmod"})
ARG_PREPS = frozenset({"of", "to", "on", "at", "off", "in", "into", "for"})
CHANGE_PREPS = frozenset({"by", "to", "below", "above", "from", "under", "over", "past"})
AMOUNT_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
# how an amount hangs on the word of its change: a verb's adverb or object ("rose 5%"), a noun's
# modifier ("a 13.8% rise": the parser makes the percent sign a compound of "rise")
VERB_AMOUNT_DEPS = frozenset({"npadvmod", "dobj", "advmod", "pobj"})
NOUN_AMOUNT_DEPS = frozenset({"compound", "nummod", "nmod", "quantmod"})
PREDICATIVE = frozenset({"acomp", "attr", "oprd", "ROOT", "conj"})
# fixed expressions in which a trigger word names no event
IDIOMS = (
    ("in", "order", "to"),
    ("in", "order", "that"),
    ("law", "and", "order"),
    ("public", "order"),
    ("order", "of", "magnitude"),
    ("point", "of", "order"),
    ("in", "the", "wake"),
    ("rule", "of", "law"),
    # responsibility, not a legal charge: "the man in charge", "Toshack takes charge of his first match"
    ("in", "charge"),
    *((form, "charge") for form in ("take", "takes", "took", "taken", "taking")),
    # missing a mark, not a fall: "growth fell short of the 4.2% forecasters had pencilled in"
    *((form, "short") for form in ("fall", "falls", "fell", "fallen", "falling")),
    # putting a misreading right, not setting a record: "I should set the record straight"
    *((form, "the", "record", "straight") for form in ("set", "sets", "setting")),
)
# compounds that name a thing, not the happening their first word can name: no event at all
THINGS = (("tear", "gas"), ("teargas",))  # a weapon: "police fired tear gas" (the firing is the event)
# verbs whose object is the level a measure reaches ("hit a record low"): what changes is the subject
REACHING = frozenset({"reach", "hit", "touch"})
# what says that something is about to happen, not a happening of its own: "banks set to merge",
# "Day-Lewis set for Berlin honour", "Euronext poised to make a bid" (the merging, the honour, the bid)
PROSPECTS = (("set", "to"), ("set", "for"), ("poised", "to"), ("poised", "for"))
# what says that something happened next, not a happening of its own: "Mr McConnell went on to promise"
# (the promise, which happened: no modality, unlike a prospect's)
SEQUELS = tuple((go, "on", "to") for go in ("go", "goes", "went", "gone", "going"))


def is_particle(word: Token) -> bool:
    """Whether ``word`` is its verb's particle: tagged one, or a particle the small parser took for
    an adverb just after the verb ("Niebaum stepped down", "Jarvis could go under")."""
    return word.dep_ == "prt" or (word.dep_ == "advmod" and word.i == word.head.i + 1 and word.lower_ in PARTICLES)


def figurative(word: Token, event_type: str, lex: Lexicon) -> bool:
    """A violent word aimed at a measure, a crime or an event the lexicon types, other than a
    gathering, names no violence: "killing off demand", "fighting the next election", "the fight
    against crime", "combating terrorism", "the fight against global poverty" (word class ``ill``),
    "an election battle" (but "attacked the rally", and
    "attacked the patrol", which WordNet's eventive nouns would count an event). What it is aimed
    at: a verb's object, and a verb's or a noun's "against" object; the compound modifier and the
    "for" object of a word of rivalry (the word class ``rivalry``: "a fight for market share";
    "election violence" is violence). Nor does a violent verb that moves to an outcome ("stormed to
    victory", "shot to the top")."""
    if word.pos_ not in ("VERB", "NOUN") or not lex.events.is_a(event_type, "Violence"):
        return False
    if word.pos_ == "VERB" and any(_reached(o, lex) for c in word.children if c.lower_ == "to" for o in c.children):
        return True  # "stormed to victory", "shot to the top of the charts": no one attacked
    rivalry = lex.in_class("rivalry", word.lemma_)
    if word.pos_ == "VERB":
        aims = [c for c in word.children if c.dep_ == "dobj"]
    else:
        aims = [c for c in word.children if c.dep_ == "compound" and rivalry]
    aimed = ("against", "for") if rivalry else ("against",)
    aims += [o for c in word.children if c.dep_ == "prep" and c.lower_ in aimed for o in c.children]
    for obj in (a for a in aims if a.pos_ == "NOUN" and a.dep_ in ("dobj", "compound", "pobj")):
        lemma = obj.lemma_.lower()
        typed = [t.type for t in lex.events.nouns.get(lemma, ())]
        if any(lex.events.is_a(t, "CivilUnrest") for t in typed):
            continue  # "police battled the riot"
        if typed or any(lex.in_class(c, lemma) for c in ("measure", "crime", "ill")):
            return True
    return False


def _reached(obj: Token, lex: Lexicon) -> bool:
    """A contest's outcome, an award or a standing (``contest``, ``award``, ``standing``)."""
    return obj.dep_ == "pobj" and any(lex.in_class(c, obj.lemma_) for c in ("contest", "award", "standing"))


def _arguments(tok: Token, *, noun: bool) -> list[Token]:
    """Dependents that fill a trigger's argument slot, including objects of argument prepositions,
    and what a passive verb's clause is about when the parse hangs it elsewhere: "200 jobs are to
    be cut" (the subject of "are"), "the jobs that will be cut", "200 jobs cut this year"."""
    deps = NOUN_ARG_DEPS if noun else VERB_ARG_DEPS
    args = [] if noun else _passive_theme(tok)
    for child in tok.children:
        if child.dep_ in deps:
            args.append(child)
        elif child.dep_ in ("prep", "agent") and (child.lower_ in ARG_PREPS or not noun):
            # for verbs, any prepositional object: "after a cap ... was lifted" parses the cap there
            args.extend(c for c in child.children if c.dep_ == "pobj")
    return args


def _passive_theme(verb: Token) -> list[Token]:
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if verb.dep_ == "xcomp" and passive:
        return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if (verb.dep_ == "relcl" and passive) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return [verb.head] if verb.head.pos_ in ("NOUN", "PROPN") else []
    return []


def has_amount(tok: Token) -> bool:
    """A change with an amount: "fell by 12%", "rose 5%", "dropped below $42,000", "a 13.8% rise"."""
    for child in tok.children:
        if own_amount(child, noun=tok.pos_ == "NOUN"):
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in CHANGE_PREPS
            and any(c.ent_type_ in AMOUNT_LABELS or c.like_num for c in child.subtree)
        ):
            return True
    return False


def change_theme(tok: Token) -> Token | None:
    """What a change word says changes: the object of a causative, else the subject; for a noun,
    a modifier or an "of"/"in" object ("the fall in sales"), not its amount ("a 13.8% rise in
    visitor numbers": the numbers); for a word that modifies a noun, that noun ("soaring sales").
    The nearest object: "raised rates ... - its first hike -" hangs the apposition there too."""
    if tok.pos_ == "NOUN":
        args = sorted(_arguments(tok, noun=True), key=_amount)  # stable: the first measure, else an amount
        return args[0] if args else None
    if tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head
    by_dep: dict[str, Token] = {}
    for child in tok.children:
        by_dep.setdefault(child.dep_, child)
    if tok.lemma_.lower() in REACHING and "dobj" in by_dep and _level(by_dep["dobj"]):
        del by_dep["dobj"]  # "exports reached record levels", "the dollar hit a record low": the exports
    return by_dep.get("dobj") or by_dep.get("nsubjpass") or by_dep.get("nsubj")


def _amount(tok: Token) -> bool:
    """An amount, not what it measures: "13.8%" of "a 13.8% rise", "18.3bn euros" of "a rise to
    18.3bn euros" (whose currency the asset tagger reads as an asset)."""
    return tok.ent_type_ in AMOUNT_LABELS or any(
        c.dep_ == "nummod" and (c.like_num or c.ent_type_ in AMOUNT_LABELS) for c in tok.children
    )


def _level(tok: Token) -> bool:
    lex = lexicon.load()
    return any(lex.in_class(c, tok.lemma_, tok.ent_type_) for c in ("level", "peak", "trough"))


def own_amount(child: Token, *, noun: bool) -> bool:
    """Whether ``child`` is the amount of the change its head names: a verb's adverb or object
    ("rose 5%"); a noun's modifier ("a 13.8% rise", "a $5bn deal", "3,000 job cuts"), but not a
    score or a hyphenated word ("a 2-1 win", "a one-off charge")."""
    if child.ent_type_ not in AMOUNT_LABELS:
        return False
    if not noun:
        return child.dep_ in VERB_AMOUNT_DEPS
    if child.ent_type_ == "CARDINAL":
        # a count stands apart: not "1-0", "3G", "one-off"
        glued = not child.whitespace_ or (child.i > 0 and not child.doc[child.i - 1].whitespace_)
        return child.dep_ == "nummod" and not glued
    return child.dep_ in NOUN_AMOUNT_DEPS


def _counted(tok: Token) -> Token:
    """What a number counts: "workers" in "millions of workers"; any other word itself."""
    if tok.lower_ not in COUNTING and not tok.like_num:
        return tok
    of = (o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj")
    return next(of, tok)


def _hyphenated(tok: Token) -> bool:
    """Part of a hyphenated modifier: "shoot-to-kill order" names an order, not a shooting."""
    doc = tok.doc
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "HYPH" and not tok.whitespace_
    before = tok.i > 0 and doc[tok.i - 1].tag_ == "HYPH" and not doc[tok.i - 1].whitespace_
    return after or before


@cache
def _words_of(idioms: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(w for idiom in idioms for w in idiom)


def frames_another(tok: Token) -> bool:
    """A verb of ``PROSPECTS`` or ``SEQUELS`` with no object: it says what is about to happen or
    what happened next, its complement or its "for" object the happening ("banks set to merge",
    "went on to promise"; not "Hayes set a record")."""
    return in_idiom(tok, PROSPECTS + SEQUELS) and not any(c.dep_ == "dobj" for c in tok.children)


def in_idiom(tok: Token, idioms: tuple[tuple[str, ...], ...] = IDIOMS) -> bool:
    """Whether ``tok`` is a word of one of ``idioms``: by default a fixed expression that names no
    event of its words' types ("in order to", "in charge")."""
    if tok.lower_ not in _words_of(idioms):
        return False
    doc = tok.doc
    for idiom in idioms:
        for k, word in enumerate(idiom):
            start = tok.i - k
            if (
                word == tok.lower_
                and start >= 0
                and start + len(idiom) <= len(doc)
                and all(doc[start + j].lower_ == w for j, w in enumerate(idiom))
            ):
                return True
    return False


class TriggerTagger:
    """The ``kg_triggers`` pipeline component."""

    def __init__(self) -> None:
        self.lex = lexicon.load()
        self.events = self.lex.events
        heads = {*self.events.nouns, *self.events.verbs, *self.events.adjectives}
        # "sell-off" is three tokens; its last part is where tagging starts
        self.candidates = WordFilter(heads | {h.rsplit("-", 1)[-1] for h in heads if "-" in h})

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for tok in self.candidates.tokens(doc):
            if tok.ent_type_ in NAME_LABELS or in_idiom(tok) or (spans and tok.i < spans[-1].end):
                continue  # a name, an idiom, or a word of the trigger before ("state of emergency")
            found = self.tag(tok)
            if found is None and tok.pos_ == "NOUN" and spans:
                found = self._named_again(tok, spans[-1])
            if found is not None:
                start, end, event_type = found
                spans.append(Span(doc, start, end, label=event_type))
        doc.spans[SPANS_KEY] = spans
        return doc

    def _named_again(self, tok: Token, last: Span) -> tuple[int, int, str] | None:
        """ "GDP fell 0.1%. The fall reflects weak exports": a change noun with nothing that
        changes, definite, just after a change the same way, names that change again."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            return None
        sent = tok.sent
        previous = tok.doc[sent.start - 1].sent.start if sent.start else 0
        if _arguments(tok, noun=True) or last.start < previous or last.end > tok.i:
            return None
        way = self._way(last.label_)
        if way and any(self._way(t.type) == way for t in self._noun_candidates(tok)):
            return tok.i, tok.i + 1, last.label_
        return None

    def _way(self, event_type: str) -> str | None:
        """Which way a change goes: "Decline" (a price fall too), "Increase", or None."""
        for way, price in (("Decline", "PriceFall"), ("Increase", "PriceRise")):
            if self.events.is_a(event_type, way) or self.events.is_a(event_type, price):
                return way
        return None

    def tag(self, tok: Token) -> tuple[int, int, str] | None:
        """(start, end, type) of the trigger headed by ``tok``, or None."""
        if tok.pos_ == "NOUN" and tok.dep_ != "compound":
            return self._match(tok, self._noun_candidates(tok), noun=True)
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound", "npadvmod") and not _hyphenated(tok):
            return self._match(tok, self.events.verbs.get(tok.lemma_.lower(), ()), noun=False)
        if tok.pos_ == "VERB" and tok.dep_ == "amod" and tok.tag_ == "VBG":
            return self._changing(tok)
        if tok.pos_ == "ADJ" and tok.dep_ in PREDICATIVE:
            found = self.events.adjectives.get(tok.lemma_.lower())
            return (tok.i, tok.i + 1, found[0].type) if found else None
        return None

    def _changing(self, tok: Token) -> tuple[int, int, str] | None:
        """A participle that changes the measure it modifies: "falling car sales", "rising prices"."""
        theme = tok.head
        for trig in self.events.verbs.get(tok.lemma_.lower(), ()):
            up = self.events.is_a(trig.type, "Increase")
            if trig.wordclass or not (up or self.events.is_a(trig.type, "Decline")):
                continue
            if self._is_price(theme):
                return tok.i, tok.i + 1, "PriceRise" if up else "PriceFall"
            if self.lex.in_class("measure", theme.lemma_, theme.ent_type_):
                return tok.i, tok.i + 1, trig.type
        return None

    def _noun_candidates(self, tok: Token) -> tuple[Trigger, ...]:
        doc = tok.doc
        # hyphenated nouns are three tokens: "sell - off"
        if tok.i >= 2 and doc[tok.i - 1].tag_ == "HYPH":
            joined = f"{doc[tok.i - 2].lower_}-{tok.lemma_.lower()}"
            if joined in self.events.nouns:
                return self.events.nouns[joined]
        return self.events.nouns.get(tok.lemma_.lower(), ())

    def _match(self, tok: Token, candidates: tuple[Trigger, ...], *, noun: bool) -> tuple[int, int, str] | None:
        args = _arguments(tok, noun=noun)
        arg_lemmas = {a.lemma_.lower() for a in args} | {c.lemma_.lower() for c in tok.children}
        if not noun and tok.lemma_.lower() in SUPPORT_VERBS and any(self._event_noun(c) for c in tok.children):
            return None  # "imposed a curfew": the curfew is the event, the verb only carries it
        if not noun and frames_another(tok):
            return None  # "prices are set to fall": the falling; "set" sets no price
        for trig in candidates:
            if trig.words and not set(trig.words) <= arg_lemmas:
                continue
            if not noun and not all(self._particle(tok, w) for w in trig.words if w in PARTICLES):
                continue  # "no decision has been taken yet over whether ...": no takeover
            if trig.wordclass and not any(self._in_class(trig.wordclass, a) for a in self._slots(tok, trig, args)):
                continue
            event_type = self._refine(tok, trig.type)
            if event_type is None:
                continue
            start, end = self._extent(tok, trig, noun=noun)
            return start, end, event_type
        return None

    def _event_noun(self, tok: Token) -> bool:
        return tok.dep_ == "dobj" and tok.pos_ == "NOUN" and tok.lemma_.lower() in self.events.nouns

    @staticmethod
    def _particle(verb: Token, word: str) -> bool:
        """Whether ``word`` is the verb's particle ("took over the firm", "called the strike off"),
        not a preposition further on."""
        return any(
            c.lemma_.lower() == word and (c.dep_ == "prt" or (c.i == verb.i + 1 and c.dep_ in ("prep", "advmod")))
            for c in verb.children
        )

    def _slots(self, tok: Token, trig: Trigger, args: list[Token]) -> list[Token]:
        """Where a word-class constraint looks: the arguments, and the subject for {event} ("the
        strike affected ...": an event acting on something) and {weapons} ("a bomb exploded");
        the subject alone, of a verb with no object, for a class written before the verb
        ("{workforce} strike": "workers will strike", not "struck a deal"; "{measure} slip": "sales
        slipped 0.3%", an amount being no object); the verb's clausal complement for {infinitive}
        ("declined to comment"); a noun's arguments ("the firm's collapse") for every class."""
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if trig.subject:
            objects = (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.ent_type_ not in AMOUNT_LABELS)
            return [] if any(objects) else list(map(_counted, subjects))
        if trig.wordclass in SUBJECT_CLASSES:
            return [*args, *subjects]
        if trig.wordclass in CLAUSE_CLASSES:
            return [c for c in tok.children if c.dep_ == "xcomp"]
        if trig.wordclass == INTRANSITIVE:
            return [] if any(c.dep_ in COMPLEMENTS for c in tok.children) else [tok]
        return list(map(_counted, args))  # "dozens of attackers were liquidated": attackers

    def _in_class(self, wordclass: str, tok: Token) -> bool:
        if wordclass == "event":
            return tok.pos_ == "NOUN" and tok.lemma_.lower() in self.events.nouns
        if wordclass == "infinitive":
            return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if wordclass == INTRANSITIVE:
            return True  # the verb itself, which ``_slots`` gives only when it acts on nothing
        return self.lex.in_class(wordclass, tok.lemma_, tok.ent_type_)

    def _extent(self, tok: Token, trig: Trigger, *, noun: bool) -> tuple[int, int]:
        """The words that name the event: the head, plus a particle or compound of a multi-word trigger."""
        doc = tok.doc
        start, end = tok.i, tok.i + 1
        if noun and tok.i >= 2 and doc[tok.i - 1].tag_ == "HYPH":
            start = tok.i - 2
        for child in tok.children:
            # "state of emergency": the trigger's word is the object of a preposition after the head
            inner = [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else [child]
            for word in inner:
                if (
                    word.lemma_.lower() in trig.words
                    and abs(word.i - tok.i) <= 3
                    and word.dep_ in ("prt", "compound", "dobj", "acomp", "oprd", "pobj")
                ):
                    start, end = min(start, word.i), max(end, word.i + 1)
        return start, end

    def _refine(self, tok: Token, event_type: str) -> str | None:
        """Decide whether a change word names an event, and whether it is a price change; a
        violent word used figuratively names none of its type."""
        if figurative(tok, event_type, self.lex):
            return None
        ev = self.events
        if not (ev.is_a(event_type, "Decline") or ev.is_a(event_type, "Increase")) or ev.is_a(
            event_type, "PriceChange"
        ):
            return event_type
        theme = change_theme(tok)
        amount = has_amount(tok)
        if theme is not None and theme.pos_ == "NOUN" and theme.lemma_.lower() in ev.nouns and not amount:
            return None  # "the unrest grew": a phase of the unrest, not a new event
        up = ev.is_a(event_type, "Increase")
        if theme is not None and self._is_price(theme):
            return "PriceRise" if up else "PriceFall"
        if amount or (theme is not None and self.lex.in_class("measure", theme.lemma_, theme.ent_type_)):
            return event_type
        return None

    def _is_price(self, theme: Token) -> bool:
        """ "prices", "shares", "Bitcoin" itself; not "Bitcoin's hashrate" (a measure, not a price)."""
        return self.lex.in_class("price", theme.lemma_, theme.ent_type_)
