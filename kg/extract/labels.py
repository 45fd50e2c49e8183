"""Event labels a reader understands alone: a short phrase read off the trigger's parse.

"Bitcoin prices fell below $42,000", "cap on petroleum gas lifted", "hashrate fell 12%",
"Tokayev ordered telecom providers to block internet access", "crackdown on protesters": the
trigger with its subject, its object or complement, and one phrase that says what changed or to
whom, each noun phrase cut to its head and the words glued to it (compounds, possessives,
numbers). Dates, articles, relative clauses and the passive's auxiliary ("was lifted": "lifted")
are left out; the perfect's, the modal's and a negation stay ("prices have risen", "could
strike", "did not fall"), since without them the label would say something else. A predicative
adjective takes its copula's clause ("situation became violent"); a noun with nothing else of its
own keeps its date ("previous week's clashes") or its relative clause ("injury he picked up"), and a
word the parse ties nothing to takes the word that governs it; a noun a support verb carries, the
verb's clause ("police launched crackdown"). At most ``MAX_WORDS`` words, in the text's order and form.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.extract import syntax
from kg.nlp.event_detector import SPANS_KEY
from kg.nlp.trigger_tagger import in_idiom, is_particle

MAX_WORDS = 8
# what a noun phrase keeps of its modifiers: "petroleum gas", "Bitcoin's price", "26 protesters"
# and a negation ("not guilty"), without which it says the opposite
NP_KEEP = frozenset({"compound", "poss", "nummod", "amod", "case", "nmod", "quantmod", "neg"})
# the one prepositional phrase a label takes: what changed, to whom, about what
PREPS = frozenset(
    {"of", "on", "against", "below", "above", "to", "by", "from", "into", "over", "under", "for", "with", "in", "at"}
)
VERB_OBJECTS = frozenset({"dobj", "attr", "acomp", "oprd", "dative"})
AMOUNT = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
TIME = frozenset({"DATE", "TIME"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
ARTICLES = frozenset({"the", "a", "an"})
# words that name a share of something and say little without it: "one in three", "half of the staff"
PARTITIVES = frozenset({"half", "most", "some", "many", "all", "none", "each", "both", "majority", "minority", "rest"})
PARTITIVE_WORDS = 3
# the dependents that say nothing without the word they modify: a label never ends with one cut off
MODIFIERS = frozenset({"amod", "nummod", "advmod"})
# nouns a preposition takes that say nothing without what they are "of": "on behalf of aggrieved
# investors", "on the back of stronger revenues", "at the expense of", "in the wake of"
RELATIONAL = frozenset({"behalf", "back", "expense", "wake", "aftermath", "midst", "brink", "verge", "eve"})
# an adjective or noun a copula predicates of its subject ("became violent", "remain high")
PREDICATES = frozenset({"acomp", "attr", "oprd"})
NOUNS = frozenset({"NOUN", "PROPN"})
# words that say nothing of who or what on their own
FUNCTION_DEPS = frozenset({"aux", "auxpass", "neg", "prt", "det", "punct", "mark", "cc"})


def event_label(span: Span, names: Mapping[int, str] = MappingProxyType({})) -> str:
    """A phrase of at least two words (when the sentence has two) that names the event of ``span``;
    ``names`` (token index -> name) stands for words read alone would not say who: "he had given the
    order" is labelled "Tokayev had given order"."""
    head = span.root
    words = set(range(span.start, span.end))
    if head.pos_ in ("NOUN", "PROPN"):
        words |= _noun_phrase(head)
        words |= _prep_phrase(head)
        carrier = syntax.support_verb(head) if head.dep_ == "dobj" else None
        if carrier is not None:
            words |= _clause(carrier)  # "Tokayev had given order": who gave it, not "given order"
    elif head.pos_ == "ADJ" and head.dep_ in PREDICATES:
        words |= {head.i} | _clause(head.head)  # "the situation became violent": its copula's clause
    else:
        words |= _clause(head, names)
    doc = head.doc
    if head.pos_ in NOUNS and _content(doc, words) < 2:
        # "killed in the previous week's clashes": the noun's own date names it ("previous week's
        # clashes") where the word governing it would name another event ("killed in clashes"), and
        # so does a relative clause with a subject of its own ("an injury he picked up")
        words |= _dated(head) or _relative(head)
    if _content(doc, words) < 2:
        # "to try and prevent the sale": the verb it is coordinated with says what; else the word
        # that governs it ("was ordered", "has won")
        words |= _coordinated(head) or _context(head)
    if head.dep_ in ("amod", "compound") and head.head.i > head.i and not _detected(head.head):
        # what it modifies, a name whole: "film award ceremony", "newly re-elected George W Bush"
        # (not an event of its own: "Tony Award nomination" would name the nomination too)
        modified = head.head
        while modified.dep_ == "compound" and modified.head.i > modified.i:
            modified = modified.head
        words |= {t.i for t in modified.subtree if head.i < t.i <= modified.i}
    label = _render(head, sorted(_measured(doc, words)), names)
    if len(label.split()) < 2:
        # a headline or a fragment: the nearest words of its sentence, right first
        sent = head.sent
        for i in sorted(range(sent.start, sent.end), key=lambda i: (abs(i - head.i), -i)):
            if _word(head, i):
                words.add(i)
                label = _render(head, sorted(words), names)
                if len(label.split()) >= 2:
                    break
    if len(label.split()) < 2:
        # a sentence the parser cut down to the word ("Controversy | and | Lawrence Dallaglio have
        # ..."): the words after it on its line, to the end of the next noun phrase
        line = _line(head)
        for tok in line[head.i - line.start + 1 :]:
            words.add(tok.i)
            if tok.dep_ != "compound" and tok.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM"):
                break
        label = _render(head, sorted(words), names, line)
    return label


def _title_phrase(tok: Token) -> set[int]:
    """The words of a person's title that ``tok`` heads, before the name and not part of it
    ("President", "Mr", "Ireland manager", "Chilean Olympic gold medalist"); empty if it heads none."""
    if tok.dep_ != "compound" or tok.ent_type_ == "PERSON" or tok.head.ent_type_ != "PERSON" or tok.i > tok.head.i:
        return set()
    return {t.i for t in tok.subtree}


def _detected(tok: Token) -> bool:
    """Whether the event detector proposed ``tok`` as (part of) an event mention."""
    spans = tok.doc.spans.get(SPANS_KEY, ())
    return any(span.start <= tok.i < span.end for span in spans)


def _line(tok: Token) -> Span:
    """The words of ``tok``'s line: up to the line breaks around it."""
    doc = tok.doc
    start = next((t.i + 1 for t in reversed(doc[: tok.i]) if "\n" in t.text), 0)
    end = next((t.i for t in doc[tok.i :] if "\n" in t.text), len(doc))
    return doc[start:end]


def _content(doc: Doc, words: set[int]) -> int:
    """How many of ``words`` say who or what: not auxiliaries, articles, punctuation."""
    return sum(doc[i].dep_ not in FUNCTION_DEPS for i in words)


def _dated(noun: Token) -> set[int]:
    """The date possessive a noun phrase leaves out ("the previous week's" of "clashes", "this
    year's" of "event"), without its article."""
    return {
        t.i
        for c in noun.children
        if c.dep_ == "poss" and c.ent_type_ in TIME
        for t in c.subtree
        if t.lower_ not in ARTICLES and not t.is_punct
    }


def _relative(noun: Token) -> set[int]:
    """The subject and verb of a relative clause on ``noun`` whose subject is no relative pronoun:
    "an injury he picked up", "the changes a document has gone through"; not a clause of when or
    where ("the break, when Ronaldo cracked home")."""
    clause = next((c for c in noun.rights if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX")), None)
    subject = _subject(clause) if clause is not None else None
    if clause is None or subject is None or subject.tag_ in ("WDT", "WP") or subject.i == noun.i:
        return set()
    if any(c.tag_ == "WRB" for c in clause.children):
        return set()
    # a preposition left at the clause's end ("gone through"), which the parser may call an adverb
    stranded = {
        c.i
        for c in clause.rights
        if (c.dep_ == "prep" and not any(c.children)) or (c.dep_ == "advmod" and c.i == clause.right_edge.i)
    }
    verb = {clause.i} | {c.i for c in clause.children if c.dep_ in ("neg", "aux") or is_particle(c)}
    return verb | stranded | _noun_phrase(subject)


def _word(head: Token, i: int) -> bool:
    """A word worth adding to a fragment's label: not punctuation, space or an article."""
    token = head.doc[i]
    return (token.is_alpha or token.like_num) and token.lower_ not in ARTICLES


def _noun_phrase(tok: Token) -> set[int]:
    """The head noun with the modifiers glued to it ("the Indonesian stock market" -> "Indonesian
    stock market"), and a number's own modifiers ("more than 3,800"); a relative pronoun stands
    for the noun its clause modifies ("gas, which people use": gas)."""
    if tok.tag_ in ("WDT", "WP"):
        clause = next((t for t in tok.ancestors if t.dep_ == "relcl"), None)
        tok = clause.head if clause is not None else tok
    found = {tok.i}
    for child in tok.children:
        if child.dep_ == "det" and child.lower_ == "no":
            found.add(child.i)  # "no deal reached" must not read as "deal reached"
        elif child.dep_ in NP_KEEP and child.ent_type_ not in TIME:
            # punctuation by its part of speech, not the lexeme's flag, which "%" carries too
            found |= {t.i for t in child.subtree if (t.dep_ != "det" and t.pos_ != "PUNCT") or t.tag_ == "HYPH"}
    if tok.dep_ in ("csubj", "csubjpass") and tok.tag_ == "VBG":
        # a gerund subject says what was done with its particle and object: "Sorting out its debt
        # would enhance credibility", not "Sorting would enhance credibility"
        found |= {c.i for c in tok.children if is_particle(c)}
        found |= next((_noun_phrase(c) for c in tok.children if c.dep_ == "dobj"), set())
    relational = tok.lower_ in RELATIONAL and tok.pos_ == "NOUN"
    if tok.tag_ == "CD" or tok.lower_ in PARTITIVES or relational:
        # a share keeps what it is a share of: "one in three are concerned", not "one are concerned";
        # a relational noun what it is "of", however long ("on behalf of aggrieved investors")
        phrase = _of_phrase(tok)
        if relational or len(phrase) <= PARTITIVE_WORDS + 1:  # a longer share would crowd the label
            found |= phrase
    return found


def _of_phrase(tok: Token) -> set[int]:
    """The "of" or "in" phrase after ``tok`` that says what it is a part or a measure of ("of three",
    "of oil", "in Apple"), with its preposition; empty if there is none or it is a date."""
    of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "in")), None)
    whole = next((o for o in of.children if o.dep_ == "pobj"), None) if of is not None else None
    if of is None or whole is None or whole.ent_type_ in TIME:
        return set()
    return {of.i} | _noun_phrase(whole)


def _measured(doc: Doc, words: set[int]) -> set[int]:
    """``words`` with what each measure among them measures, where the label has room for it: "price
    of oil has plummeted", "Shares in Apple rose 5%", "revised up number of jobs" ("price has
    plummeted" says not of what)."""
    for i in sorted(words):
        tok = doc[i]
        if tok.pos_ == "NOUN" and lexicon.load().in_class("measure", tok.lemma_):
            phrase = _of_phrase(tok)
            if phrase and _written(doc, words | phrase) <= MAX_WORDS:
                words = words | phrase
    return words


def _prep_phrase(tok: Token) -> set[int]:
    """The first prepositional phrase after ``tok`` that is not a date: "on protesters", "below $42,000"."""
    for child in tok.rights:
        if child.dep_ in ("prep", "agent") and child.lower_ in PREPS:
            objects = [o for o in child.children if o.dep_ == "pobj" and o.ent_type_ not in TIME]
            if objects and not _in_order(objects[0]):
                return {child.i} | _noun_phrase(objects[0])
    return set()


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with or complements ("ordered
    providers to block": the providers block; "prices rose and fell": the prices fell)."""
    first = verb
    for _ in range(3):
        found = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if found is not None:
            # a relative pronoun says nothing alone: "Moody's, which has upgraded Mexico's rating"
            # is labelled "Moody's has upgraded Mexico's rating"
            found = syntax.antecedent(found) if found.lower_ in syntax.RELATIVE_PRONOUNS else found
            return found if verb is first or syntax.agrees(first, found) else None
        purposed = _purposed(verb)
        if purposed is not None:
            # "the council will meet to decide": the council decides; not a subject after a fronted
            # purpose ("To qualify for payment, customers must ...": "To qualify for payment")
            subject = _subject(purposed)
            return subject if subject is not None and subject.i < verb.i else None
        if verb.dep_ == "xcomp":
            obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            # "ordered providers to block": the providers block; but what is used or spent is the
            # means ("police used tear gas to disperse the crowd": the police disperse it)
            if obj is not None and not lexicon.load().in_class("means_verb", verb.head.lemma_):
                return obj
            subject = _subject(verb.head)
            return None if subject is not None and _extraposed(subject, verb.head) else subject
        if syntax.trailing_participle(verb):
            return _subject(verb.head)  # "Tokayev issued an order, claiming ...": Tokayev claims
        if verb.dep_ != "conj":
            return None
        verb = verb.head
    return None


def _extraposed(subject: Token, copula: Token) -> bool:
    """An "it" that stands for the infinitive after a copula's predicate: "it is impossible to gauge
    the damage", "it is up to governments to decide" (no one gauges or decides "it"); "it is to
    deploy a fleet", with no predicate, is the company's plan."""
    return (
        subject.lower_ == "it"
        and copula.lemma_ == "be"
        and any(c.dep_ in ("acomp", "attr", "prep") for c in copula.children)
    )


def _infinitive(verb: Token) -> bool:
    """A "to" infinitive that complements another word or says what its clause is for, whose
    subject (if any) is that clause's: "Tokayev ordered providers to block access", "it is
    impossible to gauge the damage", "the council will meet to decide"."""
    to = any(c.tag_ == "TO" for c in verb.children)
    return (verb.dep_ == "xcomp" and to) or _purposed(verb) is not None


def _purposed(verb: Token) -> Token | None:
    """The word whose purpose a "to" infinitive states, which the parser hangs from it ("will meet
    to decide") or from the "order" of "in order to" ("left early in order to rest"); else None."""
    if not any(c.tag_ == "TO" for c in verb.children):
        return None
    if verb.dep_ == "advcl":
        return verb.head
    order = verb.head
    return order.head.head if verb.dep_ == "acl" and _in_order(order) else None


def _in_order(tok: Token) -> bool:
    """The "order" of "in order to", which marks a purpose and is no phrase of a label."""
    return tok.lower_ == "order" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and in_idiom(tok)


def _clause(verb: Token, names: Mapping[int, str] = MappingProxyType({})) -> set[int]:
    """Subject, verb (with its particle and negation), object or complement, and one phrase. The
    particle stays also where the parser took it for an adverb: "stepped" alone says another thing."""
    # the particle, the negation and the auxiliaries that say when and how sure ("have risen",
    # "could strike"), not the passive's ("was lifted": "lifted")
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    kept = (
        c
        for c in verb.children
        if is_particle(c) or c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ != "TO" and not passive)
    )
    found = {verb.i} | {c.i for c in kept}
    subject = _subject(verb)
    if _infinitive(verb):
        # the infinitive keeps its "to" (and a passive one its "be"), as a headline writes what is
        # planned or ordered: "providers to block internet access", not "providers block ...", which
        # says it happened; "Bosvelt to be offered new deal". A personal pronoun it borrows, unnamed,
        # says no more than the clause it came from ("It intends to adjust the way": "to adjust way",
        # not "It adjust way"); its own stays ("too early for us to state")
        found |= {c.i for c in verb.children if c.tag_ == "TO" or (passive and c.dep_ in ("aux", "auxpass"))}
        if subject is not None and subject.tag_ == "PRP" and subject.i not in names and subject.head.i != verb.i:
            subject = None
    elif passive and subject is not None and subject.tag_ == "PRP" and subject.i not in names:
        # a pronoun keeps the passive's auxiliaries, without which the label reads as active: "It was
        # held at Staples Center", not "It held at Staples Center"; a noun does without ("cap lifted")
        found |= {c.i for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if subject is None and passive:
        # "after a cap ... was lifted": the small parser often reads the conjunction as a preposition
        # and the clause's subject as its object
        subject = next((o for c in verb.lefts if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"), None)
    if subject is None and syntax.reduced_passive(verb):
        subject = verb.head  # "two protesters killed by police": what it modifies underwent it
    if subject is not None:
        found |= _noun_phrase(subject)
        if subject.dep_ == "nsubjpass" or subject.pos_ == "NOUN":
            found |= _prep_phrase(subject) if subject.dep_ == "nsubjpass" else set()
    objects = [c for c in verb.children if c.dep_ in VERB_OBJECTS]
    for obj in objects[:1]:
        found |= _noun_phrase(obj)
    amounts = [c for c in verb.children if c.ent_type_ in AMOUNT and c.dep_ in ("npadvmod", "advmod", "dobj")]
    for amount in amounts[:1]:
        found |= {t.i for t in amount.subtree}
    clause = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if clause is not None:
        # with its "to" and the auxiliaries after it: "appeared to have opened up", "honoured to be
        # asked", not "to opened up"
        found |= {clause.i} | {c.i for c in clause.children if c.dep_ in ("aux", "auxpass") or is_particle(c)}
        direct = next((c for c in clause.children if c.dep_ == "dobj"), None)
        if direct is not None:
            found |= _noun_phrase(direct)
        else:
            # or what it is or where it goes, where that fits beside the subject: "is reported to be
            # ready", "refused to comply with the law", not "reported to be", which names nothing
            complement = next((c for c in clause.children if c.dep_ in VERB_OBJECTS), None)
            told = _noun_phrase(complement) if complement is not None else _prep_phrase(clause)
            if _written(verb.doc, found | told) <= MAX_WORDS:
                found |= told
    elif not objects:
        phrase = _prep_phrase(verb)
        found |= phrase
        bare = not phrase and not any(is_particle(c) for c in verb.children)
        if _infinitive(verb) and bare and any(c.dep_ == "cc" and c.lower_ == "and" for c in verb.rights):
            found |= _coordinated(verb)  # "to try and prevent the sale": what is tried
    return found


def _written(doc: Doc, words: set[int]) -> int:
    """How many words a label of ``words`` shows (articles and punctuation are left out)."""
    shown = [i for i in sorted(words) if doc[i].lower_ not in ARTICLES and doc[i].pos_ != "PUNCT"]
    return len(_written_words(doc, shown))


def _coordinated(verb: Token) -> set[int]:
    """The verb coordinated after ``verb`` with its clause, and the conjunction between them."""
    if verb.pos_ != "VERB":
        return set()
    conj = next((c for c in verb.rights if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if conj is None:
        return set()
    return {c.i for c in verb.rights if c.dep_ == "cc" and c.i < conj.i} | _clause(conj)


def _context(head: Token) -> set[int]:
    """For a word the parse ties nothing to: the word that governs it, or its neighbour. A
    noun conjunct is governed by what governs its coordination ("help with information, relocation
    and retraining": "help with relocation", not "information relocation")."""
    first = head
    while first.dep_ == "conj" and first.pos_ in NOUNS and first.head.pos_ in NOUNS:
        first = first.head
    if first is not head:
        return _context(first) or {first.i}
    if head.head.i != head.i and not head.head.is_punct:
        governor = head.head
        if _in_order(governor):
            return {governor.head.i, governor.i}  # "in order to rest", not "order to rest"
        if governor.dep_ in ("prep", "agent"):
            # "hit by the slowdown", but a fronted phrase keeps its preposition only ("After the
            # slowdown, firms cut jobs": "After slowdown", not "After slowdown cut")
            # a preposition of two words keeps both ("because of the injury")
            words = {governor.i} | {c.i for c in governor.children if c.dep_ == "pcomp" and c.pos_ == "ADP"}
            return words | {governor.head.i} if governor.head.i < governor.i else words
        if head.dep_ in SUBJECTS and governor.pos_ in ("VERB", "AUX"):
            # "the slowdown worried investors": a subject's verb alone would say half a clause
            objects = [c for c in governor.children if c.dep_ in VERB_OBJECTS]
            return {governor.i} | (_noun_phrase(objects[0]) if objects else set())
        subject = _subject(governor) if head.dep_ in PREDICATES and governor.lemma_ == "be" else None
        if subject is not None and subject.tag_ == "PRP":
            # "it was serendipity", "it will be a tragedy": the copula with its pronoun and what says
            # when and how sure, not "was serendipity"
            return {governor.i, subject.i} | {c.i for c in governor.children if c.dep_ in ("aux", "neg")}
        if governor.lemma_ == "be" and head.dep_ == "xcomp":
            # "it was wrong to suggest": the predicate the infinitive completes, not the copula
            predicate = next((c for c in governor.children if c.dep_ in ("acomp", "attr")), governor)
            return {predicate.i}
        return {governor.i}
    doc = head.doc
    neighbours = [t for t in (doc[head.i + 1] if head.i + 1 < len(doc) else None,) if t is not None and t.is_alpha]
    neighbours += [t for t in (doc[head.i - 1] if head.i > 0 else None,) if t is not None and t.is_alpha]
    return {neighbours[0].i} if neighbours else set()


def _render(head: Token, indices: list[int], names: Mapping[int, str], within: Span | None = None) -> str:
    """The words in text order, glued as written ("Bitcoin's", "shoot-to-kill"), a word in ``names``
    as its name unless another word of the label says it ("he trusted Mr Blair" stays), at most
    ``MAX_WORDS`` words around the trigger, all inside ``within`` (by default the head's sentence)."""
    doc = head.doc
    sent = within if within is not None else head.sent
    words = _written_words(
        doc,
        [
            i
            for i in sorted(_whole_words(doc, indices))
            if sent.start <= i < sent.end
            and not (doc[i].pos_ == "PUNCT" and not _hyphen(doc[i]))
            and not _quote(doc[i])
        ],
    )
    while len(words) > MAX_WORDS:
        # a person's title goes first, whole ("President Tokayev ordered telecom providers to block
        # internet access", "Agassi saw off Nicolas Massu": the name says who), then the word
        # farthest from the trigger
        kept = {i for word in words for i in word}
        titles = [phrase & kept for phrase in map(_title_phrase, (doc[i] for i in kept)) if phrase & kept]
        if titles:
            farthest = max(titles, key=lambda phrase: (min(abs(i - head.i) for i in phrase), min(phrase)))
            words = [word for word in words if not set(word) & farthest]
            continue
        words.remove(max(words, key=lambda word: (min(abs(i - head.i) for i in word), word[0])))
    parts: list[str] = []
    indices = [i for word in words for i in word if not doc[i].is_space]
    while indices and (
        doc[indices[0]].lower_ in ARTICLES
        or _hyphen(doc[indices[0]])
        or _clitic(doc[indices[0]])
        or _dangling(doc[indices[0]], indices)
    ):
        # "the", "a", "an", a stray hyphen, a clitic whose word is outside ("Who's Your Daddy
        # promises": "'s promises") and a word whose phrase is outside never open a label
        indices.pop(0)
    while indices and (
        doc[indices[-1]].lower_ in ARTICLES
        or _hyphen(doc[indices[-1]])
        or doc[indices[-1]].tag_ in ("POS", "PRP$")
        or _dangling(doc[indices[-1]], indices)
    ):
        indices.pop()  # nor end it, nor a possessive cut from its noun ("will report back at its")
    said = {doc[i].text for i in indices}
    names = {i: name for i, name in names.items() if name.split()[-1] not in said}
    for k, i in enumerate(indices):
        glued = k > 0 and indices[k - 1] == i - 1 and not doc[i - 1].whitespace_
        text = names[i] if i in names else " ".join(doc[i].text.split())
        if glued and parts:
            parts[-1] += text
        else:
            parts.append(text)
    return " ".join(parts)


def _whole_words(doc: Doc, indices: list[int]) -> set[int]:
    """``indices`` with the rest of each hyphenated word one of them is part of: the tokenizer
    splits "re-energise" into three tokens and the parser may hang them apart ("tried to re"), but
    a label never shows part of a word."""
    found = set(indices)
    for i in indices:
        start, end = i, i
        while start > 0 and _joined(doc, start - 1):
            start -= 1
        while end + 1 < len(doc) and _joined(doc, end):
            end += 1
        found.update(range(start, end + 1))
    return found


def _written_words(doc: Doc, indices: list[int]) -> list[list[int]]:
    """``indices`` (in order) grouped into the words as written: the tokens of "re-energise", "7-5",
    "Lanka's" or "5%" are one word, for ``MAX_WORDS`` to count and keep or drop whole (dropped
    apart, "Sri Lanka's stock market has fallen about 5%" lost its country and kept its "'s")."""
    words: list[list[int]] = []
    for i in indices:
        if words and words[-1][-1] == i - 1 and not doc[i - 1].whitespace_:
            words[-1].append(i)
        else:
            words.append([i])
    return words


def _quote(tok: Token) -> bool:
    """A quotation mark, whatever the tagger made of it ("Sales 'fail to boost High Street'" tags the
    first a verb); not the apostrophe of a plural's possessive, glued to its word ("workers' pay")."""
    if tok.text in ('"', "“", "”", "‘"):
        return True
    return tok.text in ("'", "’") and (tok.i == 0 or bool(tok.doc[tok.i - 1].whitespace_))


def _clitic(tok: Token) -> bool:
    """A word's clitic split off by the tokenizer ("'s", "'re", "n't"), glued to the word before it."""
    glued = tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
    return glued and (tok.lower_[:1] in ("'", "’") or tok.lower_ in ("n't", "n’t"))


def _hyphen(tok: Token) -> bool:
    """A hyphen, whatever the tagger made of it (split off a prefix, it may be tagged a verb); a
    "-" with spaces on both sides is a dash."""
    spaced = bool(tok.whitespace_) and (tok.i == 0 or bool(tok.doc[tok.i - 1].whitespace_))
    return tok.tag_ == "HYPH" or (tok.text == "-" and not spaced)


def _joined(doc: Doc, i: int) -> bool:
    """Whether tokens ``i`` and ``i + 1`` are one written word with a hyphen between or as one of them."""
    return not doc[i].whitespace_ and "-" in (doc[i].text, doc[i + 1].text)


def _dangling(tok: Token, indices: list[int]) -> bool:
    """A function word whose phrase lies outside the label: a conjunction ("and Liverpool boss"), a
    preposition without its object ("sold to") or the noun it modifies ("of 71,000 jobs involved";
    "after the slowdown" stands), a "to" without its verb ("his love to"), a currency sign or a
    "than" without its amount ("spent more than £": "£1.2bn" was cut), a modifier without its noun
    ("to talk up traditional": "strong dollar policy" was cut)."""
    if len(indices) < 2:
        return False
    inside = set(indices)
    if tok.tag_ == "$" or tok.dep_ == "quantmod":  # "£", "more than" of an amount
        return tok.head.i not in inside and not any(c.i in inside for c in tok.children)
    if tok.pos_ in ("CCONJ", "SCONJ") and tok.dep_ in ("cc", "mark"):
        return True
    if tok.dep_ in MODIFIERS or (tok.dep_ == "compound" and tok.pos_ == tok.head.pos_ == "PROPN"):
        # "to talk up traditional", "his slightly", "for two": the word it modifies was cut; "for
        # President George": a name was cut (a noun of a compound says something alone: "to block
        # internet")
        return tok.head.i > tok.i and tok.head.i not in inside
    if tok.pos_ == "ADP" and tok.dep_ in ("prep", "agent", "dative"):
        if not any(c.i in inside for c in tok.children):
            return True
        return tok.head.pos_ in ("NOUN", "PROPN", "PRON") and tok.head.i not in inside
    return tok.tag_ == "TO" and tok.dep_ == "aux" and tok.head.i not in inside
