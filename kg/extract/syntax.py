"""Dependency-parse helpers shared by the role, attribution and causal extractors."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg import lexicon, wordnet_types
from kg.nlp.trigger_tagger import is_particle

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# prepositions whose gerund the verb's object does: "accused the Tories of running scared",
# "banned Smith from driving", "sued the firm for breaching"; a passive's subject too ("was accused
# of running"); not "by" ("responded by accusing": the one who responded)
OBJECT_CONTROL_PREPS = frozenset({"of", "from", "for", "against", "into", "with"})
# verbs whose object, not their subject, does what the complement clause says
OBJECT_CONTROL = frozenset(
    {
        "order",
        "force",
        "ask",
        "tell",
        "urge",
        "prompt",
        "allow",
        "instruct",
        "compel",
        "persuade",
        "lead",
        "cause",
        "push",
        "drive",
        "enable",
        "require",
        "command",
        "encourage",
        "oblige",
        "pressure",
        "call",
        "get",
        "invite",
        "warn",
        "advise",
        "remind",
        "expect",
        "want",
        "need",
        "help",
        "permit",
        "forbid",
        "authorise",
        "authorize",
        "challenge",
        "beg",
        "press",
    }
)
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
PLURAL_PRONOUNS = frozenset({"they", "we", "i", "you", "these", "those"})
# heads of partitives: in "a large number of mining companies" the companies are the actors
PARTITIVE = frozenset(
    {
        "number",
        "lot",
        "dozen",
        "dozens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "majority",
        "minority",
        "handful",
        "some",
        "many",
        "most",
        "all",
        "none",
        "rest",
        "half",
        "part",
        "scores",
        "score",
        "group",
        "crowd",
        "wave",
        "host",
        "couple",
        "few",
        "several",
    }
)


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def conjuncts(tok: Token) -> list[Token]:
    """The token and the nouns coordinated with it ("protesters and police"); for a subject, also
    the verb's other subjects before it: a verb has one, so two are a list the parser split ("Sony,
    IBM and Toshiba have released": "Sony" and "IBM" both its subjects) or a description and the
    name it describes ("Anti-virus firm Sophos said", "Another peer, Lord Skidelsky, said"). A
    negated one is left out: "imposed by judges and not politicians" is not imposed by politicians."""
    out = [tok]
    if tok.dep_ in ("nsubj", "nsubjpass"):
        out += [c for c in tok.head.children if c.dep_ == tok.dep_ and c != tok and c.i < tok.head.i]
    stack = list(out)
    while stack:
        cur = stack.pop()
        for c in cur.children:
            if c.dep_ == "conj" and c not in out and not any(n.dep_ == "neg" for n in c.children):
                out.append(c)
                stack.append(c)
    return out


def antecedent(tok: Token) -> Token:
    """What a pronoun or partitive stands for: "Tokayev, who is backed...", "dozens of attackers"."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ in ("relcl", "acl"):
        return tok.head.head
    if tok.lemma_.lower() in PARTITIVE or tok.lower_ in PARTITIVE:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
    return tok


def verb_of(tok: Token) -> Token:
    """The verb whose clause holds ``tok``: itself for a verb, else the nearest verb above it."""
    cur = tok
    while cur.pos_ not in ("VERB", "AUX") and cur.head != cur:
        cur = cur.head
    return cur


def trailing_participle(verb: Token) -> bool:
    """A present participle clause after the clause it hangs on, with no subject or conjunction of
    its own: "workers walked out, demanding a rise", "attacked a patrol, killing a soldier". Not
    "while also seeking to create a firm" or "after winning the vote", which say when."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.i > verb.head.i
        and not any(c.dep_ in ("mark", "nsubj") for c in verb.children)
    )


def subject(verb: Token) -> Token | None:
    """The active subject of a verb; for a subjectless complement, the one that controls it."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return antecedent(c)
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        prep, head = head, head.head  # "responded by accusing the prime minister": the one who responded
        controller = children(head, "dobj") or children(head, "nsubjpass")
        # an event the verb's subject faces does nothing: "face a criminal trial for avoiding the test"
        acting = controller and not (
            controller[0].pos_ == "NOUN" and controller[0].lemma_.lower() in lexicon.load().events.nouns
        )
        if prep.lower_ in OBJECT_CONTROL_PREPS and head.pos_ in ("VERB", "AUX") and acting:
            return antecedent(controller[0])
    elif verb.dep_ not in ("xcomp", "advcl", "conj", "acl") or head == verb:
        return None
    if head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
        objs = children(head, "dobj")
        if objs:
            return objs[0]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return None  # "power used for mining": a passive participle has no active subject
    raised = children(head, "nsubjpass") if verb.dep_ == "xcomp" else []
    if raised:
        return antecedent(raised[0])  # "ministers are believed to have agreed"
    found = subject(head)
    return None if verb.dep_ == "conj" and found is not None and not agrees(verb, found) else found


def agrees(verb: Token, subj: Token) -> bool:
    """Whether ``subj`` can be the subject of ``verb`` by number: a verb coordinated with another
    shares its subject, unless the parse tied it to the wrong verb ("the service will mean users can
    download files and offers video": not "users offers"). Only a singular present ("offers",
    "has offered") against a plural common noun or pronoun tells: a plural verb may follow a
    singular collective ("the government have"), and names may look plural ("the United States has")."""
    finite = next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP")), verb)
    plural = (subj.tag_ == "NNS" and not subj.ent_type_) or subj.lower_ in PLURAL_PRONOUNS
    return not (finite.tag_ == "VBZ" and plural)


def passive_agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive: "backed by Russia"."""
    for c in verb.children:
        if c.dep_ == "agent":
            objs = children(c, "pobj")
            if objs:
                return objs[0]
    return None


def objects(verb: Token) -> list[Token]:
    """What the verb acts on: direct objects, or the subject of a passive."""
    found = children(verb, "dobj", "nsubjpass")
    if not found and (
        (verb.dep_ == "relcl" and any(c.dep_ == "auxpass" for c in verb.children)) or reduced_passive(verb)
    ):
        found = [verb.head]  # "the protesters who were arrested", "two protesters killed by police"
    if not found and headline_passive(verb):
        found = children(verb, "nsubj")
    return [antecedent(t) for t in found]


def is_passive(verb: Token) -> bool:
    return (
        any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        or reduced_passive(verb)
        or headline_passive(verb)
    )


# what gives a participle a clause of its own, so that it is no reduced passive
_OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "csubj"})


def reduced_passive(verb: Token) -> bool:
    """A past participle that modifies a noun, a passive without its "who was": "two protesters
    killed by police", "the plan unveiled on Monday"; not a clause with a subject of its own ("news
    that Falconer had promised ...")."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.pos_ in ("NOUN", "PROPN", "PRON")
        and not any(c.dep_ in _OWN_CLAUSE for c in verb.children)
    )


# what a headline's past participle does not have when it is a passive without its "was"
_NOT_HEADLINE_PASSIVE = frozenset(
    {"dobj", "aux", "auxpass", "nsubjpass", "ccomp", "xcomp", "attr", "acomp", "dative", "oprd"}
)


def headline_passive(verb: Token) -> bool:
    """A headline's passive, written without its auxiliary: "Cherie accused of attacking Bush",
    "Singer jailed for swearing", which the parser reads as active verbs with a subject. A past
    form at the root of a line with no full stop, with a subject and nothing a verb in the active
    would take, of a verb that always takes an object (``wordnet_types.transitive``: not "Trade
    gap ballooned", "Bank voted 8-1")."""
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBN"):
        return False
    if not children(verb, "nsubj") or any(c.dep_ in _NOT_HEADLINE_PASSIVE for c in verb.children):
        return False
    return headline_line(verb.sent) and wordnet_types.transitive(verb.lemma_)


def headline_line(sent: Span) -> bool:
    """A line of its own with no full stop, as a headline is written ("UK house prices dip in
    November"): its tenses are headlinese, a present for what has happened, no auxiliaries."""
    words = [t for t in sent if not t.is_space]
    if not words or words[-1].text in (".", "?", "!", '"', "'", "’", "”"):
        return False
    doc, after = sent.doc, words[-1].i + 1
    return after >= len(doc) or (doc[after].is_space and "\n" in doc[after].text)


def prep_objects(tok: Token, *preps: str) -> Iterator[tuple[Token, Token]]:
    """(preposition, object) pairs under ``tok`` for the given prepositions (all when none given)."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and (not preps or c.lower_ in preps):
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    yield c, o


def support_verb(noun: Token) -> Token | None:
    """The verb that carries a nominal event: "issued an order", "respond with a crackdown", "the
    campaign being mounted by charities"; not one whose particle makes it an event of its own
    ("took over the show": an acquisition)."""
    verb = None
    if noun.dep_ in ("dobj", "nsubjpass", "attr") and noun.head.lemma_.lower() in lexicon.SUPPORT_VERBS:
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in ("with", "to", "into"):
        head = noun.head.head
        if head.pos_ == "VERB" and head.lemma_.lower() in lexicon.SUPPORT_VERBS:
            verb = head
    else:
        verb = next((c for c in noun.children if _carries_its_head(c)), None)
    if verb is None or _phrasal_trigger(verb) or (noun.dep_ == "dobj" and children(verb, "xcomp")):
        # "ordered all contracts to be examined": an object a complement follows is who or what
        # the order is about, not the event it carries
        return None
    return verb


def _carries_its_head(clause: Token) -> bool:
    """Whether a clause on a noun is a support verb acting on it: a participle ("the campaign
    mounted by charities") or a relative clause with a subject of its own and no object but its
    relative pronoun ("the injury he suffered", "the order which he issued")."""
    if clause.lemma_.lower() not in lexicon.SUPPORT_VERBS:
        return False
    if clause.dep_ == "acl":
        return clause.tag_ == "VBN"
    if clause.dep_ != "relcl":
        return False
    subjects = children(clause, "nsubj")
    return (
        bool(subjects)
        and subjects[0].tag_ not in ("WDT", "WP")
        and all(o.tag_ in ("WDT", "WP") for o in children(clause, "dobj"))
    )


def _phrasal_trigger(verb: Token) -> bool:
    particles = {c.lower_ for c in verb.children if is_particle(c)}
    triggers = lexicon.load().events.verbs.get(verb.lemma_.lower(), ()) if particles else ()
    return any(t.words and set(t.words) <= particles for t in triggers)


# subjects that say no one did it: "nobody was hurt", "none of them died"
NO_ONE = frozenset({"nobody", "noone", "no-one", "none"})


def is_negated(tok: Token) -> bool:
    """Whether the text says the event did not happen: "did not attack", "no arrests", a verb
    whose subject is no one ("nobody was hurt", "no one died"), and what was done without it
    ("use lethal force without warning", "held without charge", "acted without consulting")."""
    if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ == "without":
        return True
    verb = tok if tok.pos_ in ("VERB", "AUX") else support_verb(tok)
    if verb is None:
        return any(c.dep_ == "neg" or (c.lower_ in ("no",) and c.dep_ == "det") for c in tok.children)
    return any(c.dep_ == "neg" or (c.dep_ in ("nsubj", "nsubjpass") and _no_one(c)) for c in verb.children)


def _no_one(subject: Token) -> bool:
    return subject.lower_ in NO_ONE or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)
