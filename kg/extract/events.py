"""Event mentions: each trigger with its roles (agent, patient, place), date, quantities and
attribution, all read from the dependency parse rather than from word distance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.extract import syntax, temporal
from kg.extract.attribution import attribution
from kg.extract.context import Context
from kg.extract.entity_index import EntityIndex, clean_name, root_of
from kg.extract.labels import event_label
from kg.extract.quantities import AMOUNT_LABELS, quantity
from kg.model import GENERIC, EntityKind, EventMention, Mention, Quantity, Role, Status, TimeValue
from kg.nlp import event_detector
from kg.nlp.entity_tagger import headline
from kg.nlp.trigger_tagger import (
    SPANS_KEY,
    THINGS,
    change_theme,
    figurative,
    frames_another,
    has_amount,
    in_idiom,
    own_amount,
)
from kg.wordnet_types import coarse_type, wordnet_type

PLACE_PREPS = (
    "in",
    "at",
    "across",
    "near",
    "outside",
    "inside",
    "throughout",
    "around",
    "to",
    "into",
    "from",
    "within",
    "on",
)
# the place prepositions that say where, not what about ("policy on Iran") or whither ("flights to Paris")
LOCATIVE_PREPS = frozenset(PLACE_PREPS) - {"on", "to", "into", "from"}
# event types whose nominal takes its target after "on" ("a crackdown on protesters") or
# "against" ("protests against the government")
# how a date hangs from what it dates: "fell on Friday" (npadvmod ...), and a noun's own date,
# "last month's explosion" (poss), "his 1996 campaign" (compound, nummod, amod)
DATE_DEPS = frozenset({"npadvmod", "tmod", "advmod", "obl", "nmod", "poss", "compound", "nummod", "amod"})
# what marks a clause about what is to come: "will meet", "'ll pay"; "is scheduled to close", and
# the complement of a promise, a hope or a threat ("vowed to hold elections in March", "threatened
# to strike on Monday": the next March, the next Monday); not of a try or a refusal, which happened
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would"})
# the type of an attack in words (``_in_words``)
CRITICISM = "Criticism"
# what says a named event is still to come: "the next general election", "the forthcoming talks"
AHEAD = frozenset({"next", "forthcoming", "upcoming", "coming", "impending", "planned", "proposed", "future"})
PROSPECTIVE = frozenset(
    {"schedule", "plan", "due", "expect", "set", "intend", "aim", "hope", "vow", "pledge", "promise", "threaten"}
)
# a first-person present verb form as the third person says it, for a quotation's "I" named in a
# label (a contraction keeps its space: "I'm" is "Bosvelt is"; "could have" stays)
THIRD_PERSON = {"am": "is", "'m": " is", "have": "has", "'ve": " has", "do": "does"}
# the type of a word the detector reads as a statement ("said", "announced")
STATEMENT_TYPE = "Statement"
# the type of an adjective that names an event and is no participle of a typed verb ("fit", "free")
STATE = "State"
TARGETED_ON = ("Coercion", "Attack", "Criticism", "Sanction", "PolicyChange")
# event types whose noun's possessor is who undergoes the event: "his death", "his arrest"
POSSESSOR_UNDERGOES = ("Killing", "Injury", "Arrest")
TARGETED_AGAINST = ("Coercion", "Violence", "Order", "CivilUnrest", "Accusation", "Criticism", "Threat", "Sanction")
CHANGE_PREPS = ("by", "to", "below", "above", "from", "under", "over", "past", "at")
# prepositions that put a nominal event at its verb's time ("said at a briefing today", "on strike on
# Friday"); not a reason or an order in time ("arrested on Monday for the murder", "after the attack")
SAME_TIME_PREPS = frozenset(
    {"at", "on", "in", "during", "amid", "amidst", "into", "through", "throughout", "under", "with", "despite", "as"}
)
# verbs that only say an event starts, goes on or grows: "protests erupted", "the unrest grew"
ASPECTUAL = frozenset(
    {
        "erupt",
        "break",
        "grow",
        "spread",
        "continue",
        "escalate",
        "intensify",
        "begin",
        "start",
        "resume",
        "subside",
        "end",
        "occur",
        "happen",
        "come",  # "the move came after talks", "the truce came on the anniversary": the move, the truce
        "flare",
        "rage",
        "persist",
        "worsen",
        "deepen",
        "spiral",
        "mount",
        "unfold",
        "ensue",
        "take",
        # a copula says how the event went: "protests became violent", "the talks proved fruitless"
        "become",
        "turn",
        "remain",
        "prove",
    }
)
# measure words too vague to tell two changes apart: "the amount of computing power"
VAGUE_MEASURES = frozenset(
    {"amount", "number", "level", "value", "figure", "total", "volume", "it", "this", "that", "which"}
)
UNACCUSATIVE = frozenset({"die", "collapse", "perish", "drown", "default", "crash", "sink", "explode"})
ROLE_KINDS = {
    "agent": frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.GROUP, EntityKind.PLACE}),
    "patient": frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.GROUP, EntityKind.ASSET}),
    "place": frozenset({EntityKind.PLACE}),
}
MODALS = frozenset({"could", "may", "might", "would", "should", "will", "can", "'ll", "must"})
# a complement of these verbs has not happened (yet): "threatened to cut", "plans to lift"
IRREALIS = frozenset(
    {
        "threaten",
        "plan",
        "vow",
        "seek",
        "want",
        "try",
        "aim",
        "intend",
        "prepare",
        "propose",
        "consider",
        "promise",
        "pledge",
        "hope",
        "expect",
        "fear",
        "warn",
        "call",
        "urge",
        "demand",
        "ask",
        "refuse",
        "decline",
        "fail",
        "set",
        "poise",
    }
)


# the subordinators of a condition: what the clause says is not stated to have happened
CONDITIONS = frozenset({"if", "unless"})
# nouns of intent or of failing, whose to-infinitive says what has not happened (as IRREALIS's verbs')
INTENTS = frozenset(
    {
        "plan",
        "threat",
        "vow",
        "bid",
        "attempt",
        "effort",
        "aim",
        "intention",
        "proposal",
        "promise",
        "pledge",
        "hope",
        "call",
        "demand",
        "request",
        "refusal",
        "failure",
        "decision",
        "offer",
        "ambition",
        "move",
    }
)


@dataclass
class EventIndex:
    mentions: list[EventMention] = field(default_factory=list)
    by_token: dict[int, int] = field(default_factory=dict)
    heads: list[int] = field(default_factory=list)
    # the verbs that carry a nominal event ("issued an order", "the fire spread"): that event
    carried: dict[int, int] = field(default_factory=dict)
    # reads roles, date and attribution for a new event span (set by the extractor that made the index)
    describe: Callable[[Span], EventMention] | None = None

    def at(self, tok: Token) -> int | None:
        return self.by_token.get(tok.i)

    def add(self, event: EventMention, tokens: range) -> int:
        k = len(self.mentions)
        self.mentions.append(event)
        self.heads.append(tokens.start)
        for i in tokens:
            self.by_token[i] = k
        return k

    def add_generic(self, ctx: Context, tok: Token) -> int:
        """An event the lexicon does not know, named by a causal cue's cause or effect; its roles,
        date and attribution are read as for any other event."""
        span = Span(tok.doc, tok.i, tok.i + 1, label=GENERIC)
        if self.describe is not None:
            event = self.describe(span)
        else:
            event = EventMention(ctx.token_mention(tok), GENERIC, tok.lemma_.lower(), nominal=tok.pos_ == "NOUN")
        return self.add(event, range(tok.i, tok.i + 1))


class EventExtractor:
    def __init__(self) -> None:
        self.lex = lexicon.load()

    def __call__(self, ctx: Context, entities: EntityIndex) -> EventIndex:
        index = EventIndex(describe=lambda span: self._event(ctx, span, span.root, entities))
        found = mentions(ctx.doc)
        # a verb that only carries a nominal event ("issued an order") or says it starts or goes on
        # ("protests erupted") names that event, not one of its own
        nouns = [span.root for span in found if span.root.pos_ == "NOUN"]
        carriers = {
            v.i: noun.i
            for noun in nouns
            for v in (syntax.support_verb(noun), _aspectual_verb(noun))
            if v is not None and v.lemma_.lower() not in lexicon.REPORTING_SUPPORT
        }
        # "profits are set to fall": the fall is the event, "set" only says it is to come
        heads = {span.root.i for span in found}
        carriers |= {
            span.root.i: comp.i
            for span in found
            if span.root.lemma_.lower() == "set" and span.root.tag_ == "VBN"
            for comp in span.root.children
            if _to_next(span.root, comp) and comp.i in heads and comp.lemma_.lower() != "be"
        }
        for span in found:
            head = span.root
            if syntax.is_negated(head) or head.i in carriers or _modal(head) or _name_part(head, entities):
                continue  # "did not attack": no attack to record; "have got to take": a must, no getting
            index.add(self._event(ctx, span, head, entities), range(span.start, span.end))
            index.heads[-1] = head.i
        index.carried = {v: index.by_token[noun] for v, noun in carriers.items() if noun in index.by_token}
        return index

    def _event(self, ctx: Context, span: Span, head: Token, entities: EntityIndex) -> EventMention:
        noun = head.pos_ == "NOUN"
        frame = head
        extra: list[Mention] = []
        aspect = _aspectual_verb(head) if noun else None
        if aspect is not None:
            frame = aspect  # "protests erupted in Mangistau": place and date sit on the verb
            extra.append(ctx.token_mention(aspect))
        support = syntax.support_verb(head) if noun else None
        if support is not None and support.lemma_.lower() not in lexicon.REPORTING_SUPPORT:
            extra.append(ctx.token_mention(support))  # "issued a shoot-to-kill order": both words name it
        roles = self._roles(head, span.label_, support, frame, entities)
        event_type = CRITICISM if _in_words(head, span.label_, roles, entities) else span.label_
        mention = ctx.span_mention(span)
        time = self._time(ctx, head, frame, support)
        quantities = self._quantities(ctx, head, noun, roles, entities)
        clause = (support if support is not None else frame) if noun else head
        if clause is head and noun and head.dep_ in ("attr", "nsubj") and head.head.lemma_.lower() == "be":
            clause = head.head  # "there should be a strike", "the strike will be on Monday": the copula's mood
        attrib = attribution(ctx, clause, entities)
        ahead = noun and any(c.dep_ == "amod" and c.lower_ in AHEAD for c in head.children)
        status = Status.POTENTIAL if _irrealis(clause) or ahead else (attrib.status if attrib else Status.HAPPENED)
        lemma, modifier = _lemma_and_modifier(span, head)
        return EventMention(
            mention,
            event_type,
            lemma,
            tuple(roles),
            time,
            tuple(quantities),
            attrib,
            status,
            False,
            tuple(extra),
            nominal=noun,
            theme=self._theme(head, event_type),
            label=event_label(span, _pronoun_names(span.sent, entities)),
            bare_subject=_bare_subject(head, roles),
            object=self._object(head) if not noun else "",
            modifier=modifier,
        )

    def _object(self, verb: Token) -> str:
        """The lemma of what a verb of little meaning alone acts on, or of the country or town whose
        team a contest is against ("beat Italy" is not "beat France": such a team is no place and
        no actor, so no role tells them apart; a club is a patient, "police beat him" no team), ""
        for other verbs or none."""
        obj = next(iter(syntax.objects(verb)), None)
        if obj is None:
            return ""
        if self.lex.in_class("light", verb.lemma_):
            return obj.lemma_.lower()
        team = obj.ent_type_ in ("GPE", "LOC")
        return obj.lemma_.lower() if team and self.lex.in_class("opponent_verb", verb.lemma_) else ""

    def _theme(self, head: Token, event_type: str) -> str | None:
        """What a change of a measure (not of a price: the asset tells those apart) is of: "profit"
        in "profits fell", "sale" in "sales which fell"; None for a word that names no measure of
        its own ("the amount of computing power")."""
        events = self.lex.events
        if not (
            events.is_a(event_type, "Decline") or events.is_a(event_type, "Increase") or event_type == "QuantityChange"
        ):
            return None
        theme = change_theme(head)
        if theme is None:
            return None
        lemma = syntax.antecedent(theme).lemma_.lower()
        return None if lemma in VAGUE_MEASURES else lemma

    # -- roles ------------------------------------------------------------------------------
    def _roles(
        self, head: Token, event_type: str, support: Token | None, frame: Token, entities: EntityIndex
    ) -> list[Role]:
        agents: list[Token] = []
        patients: list[Token] = []
        places: list[Token] = []
        if head.pos_ == "NOUN":
            # "Stefan's murder", "his arrest", "Beckham's injury": whose it is undergoes it, unless an
            # "of" names who does ("the army's killing of civilians")
            undergone = any(self.lex.events.is_a(event_type, t) for t in POSSESSOR_UNDERGOES) and not any(
                p.lower_ == "of" for p, _o in syntax.prep_objects(head)
            )
            for c in head.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod"):
                    kind = _kind(c, entities)
                    if c.dep_ == "poss" and undergone and kind != EntityKind.PLACE:
                        patients.append(c)
                        continue
                    {EntityKind.PLACE: places, EntityKind.ASSET: patients}.get(kind, agents).append(c)  # type: ignore[arg-type]
            agents += [o for _p, o in syntax.prep_objects(head, "by")]
            preps = self._patient_preps(event_type)
            patients += [o for _p, o in syntax.prep_objects(head, *preps)]
            clause_preps = tuple(p for p in preps if p != "of")
            for clause in syntax.children(head, "acl", "relcl") if clause_preps else ():
                # "the order to use lethal force against protesters"; with no such preposition
                # none, not every one ("an overhaul unveiled by Blunkett" is his, not done to him)
                patients += [o for _p, o in syntax.prep_objects(clause, *clause_preps)]
            if support is not None:
                # who does it: the support verb's subject, or its "by" phrase when it is a passive
                # ("the order was issued by Tokayev", "the campaign mounted by charities")
                passive = syntax.is_passive(support) or support.dep_ == "acl"
                subj = syntax.passive_agent(support) if passive else syntax.subject(support)
                if subj is not None:
                    _support_subject(subj, support.lemma_.lower(), entities, agents, patients, places)
                places += [o for _p, o in syntax.prep_objects(support, *PLACE_PREPS)]
            elif self.lex.events.is_a(event_type, "CivilUnrest"):
                agents += _on_the_action(head)
        else:
            passive = syntax.is_passive(head)
            agent = syntax.passive_agent(head) if passive else syntax.subject(head)
            if agent is not None and not passive and self._unaccusative(head, event_type):
                patients.append(agent)  # "Bitcoin prices fell": what falls undergoes the event
                # (by its form too: spaCy's lemma of "earnings" is "earning")
                measure = any(self.lex.in_class("measure", word) for word in (agent.lemma_, agent.lower_))
                if self.lex.events.is_a(event_type, "PriceChange") or measure:
                    # whose price or measure: "Vodafone shares", "bitcoin's price", "Bitcoin prices"
                    # (an asset's name parsed as an adjective), "the price of oil", "shares in Apple",
                    # "Barclays' profits rose", "profits at Barclaycard"
                    patients += [c for c in agent.children if c.dep_ in ("compound", "poss", "amod")]
                    patients += [o for _p, o in syntax.prep_objects(agent, "of", "in", "at")]
                    # and the company or country that saw it change, the verb's own subject ("Tesco saw
                    # sales fall", "Japan saw its economy shrink"); not the people who watched it
                    # ("analysts saw prices rise"), nor a subject the clause borrows ("Despite seeing
                    # profits rise, Wall Street had expected more": whoever saw them is not said)
                    seen = head.dep_ in ("ccomp", "xcomp") and head.head.lemma_.lower() in lexicon.OBSERVING_SUPPORT
                    owner = (
                        next((syntax.antecedent(c) for c in syntax.children(head.head, "nsubj")), None)
                        if seen
                        else None
                    )
                    kind = _kind(owner, entities) if owner is not None else None
                    if owner is not None and kind == EntityKind.ORGANIZATION:
                        patients.append(owner)
                    elif owner is not None and kind == EntityKind.PLACE:
                        places.append(owner)
                # where the measure is: "Japan's economy grew", "UK house prices rose"
                places += [
                    c
                    for c in agent.children
                    if c.dep_ in ("compound", "poss", "amod") and _kind(c, entities) == EntityKind.PLACE
                ]
            elif agent is not None:
                agents.append(agent)
            for obj in map(syntax.antecedent, syntax.objects(head)):
                (places if _kind(obj, entities) == EntityKind.PLACE else patients).append(obj)
        places += [o for _p, o in syntax.prep_objects(frame, *PLACE_PREPS)]
        if frame != head:
            places += [o for _p, o in syntax.prep_objects(head, *PLACE_PREPS)]
        if head.pos_ == "NOUN" and not any(_kind(t, entities) == EntityKind.PLACE for t in places):
            places += _nested_places(head)  # "a ban on hunting with dogs in England and Wales"
        if any(self.lex.events.is_a(event_type, kind) for kind in ("Business", "Transaction")):
            # a trade's "to" and "from" name its other party, not where it happens: "Jarvis sells
            # its stake to Spain" (Spain's Ferrovial), "imports from China"; "sold in Spain" is where
            places = [t for t in places if not (t.dep_ == "pobj" and t.head.lower_ not in LOCATIVE_PREPS)]
        if self.lex.in_class("contest", head.lemma_.lower()):
            # a team named after its country or city is no place: "England's win", "a loss to
            # Milan", "playing Switzerland"; where it was played is: "a win in Rome", "at Ibrox"
            places = [t for t in places if t.dep_ == "pobj" and t.head.lower_ in ("in", "at")]
        elif self.lex.in_class("opponent_verb", head.lemma_.lower()):
            # and what a verb that violence shares with sport acts on: "Wales have beaten France",
            # but "beaten outside Almaty" keeps its place
            opponents = {t.i for t in syntax.objects(head)}
            places = [t for t in places if t.i not in opponents]
        roles: list[Role] = []
        for name, toks in (("agent", agents), ("patient", patients), ("place", places)):
            for tok in toks:
                # and the names an apposition gives it: "US car firms General Motors and Ford"
                named = [a for a in tok.children if a.dep_ == "appos" and a.i > tok.i]
                for t in [*syntax.conjuncts(tok), *(c for a in named for c in syntax.conjuncts(a))]:
                    j = entities.at(t)
                    if j is not None and entities.mentions[j].kind in ROLE_KINDS[name] and Role(name, j) not in roles:
                        roles.append(Role(name, j))
        return roles

    def _patient_preps(self, event_type: str) -> tuple[str, ...]:
        """ "crackdown on protesters", "order against protesters", "arrest of X"; not "protests on Friday"."""
        preps = ["of"]
        if any(self.lex.events.is_a(event_type, t) for t in TARGETED_ON):
            preps.append("on")
        if any(self.lex.events.is_a(event_type, t) for t in TARGETED_AGAINST):
            preps.append("against")
        return tuple(preps)

    def _unaccusative(self, verb: Token, event_type: str) -> bool:
        """Intransitive verbs whose subject undergoes the change: "prices fell", "two people died",
        and a death told as lives lost ("21,000 people lost their lives")."""
        if objects := syntax.children(verb, "dobj"):
            return self.lex.events.is_a(event_type, "Killing") and all(
                self.lex.in_class("life", o.lemma_) for o in objects
            )
        return self.lex.events.is_a(event_type, "QuantityChange") or verb.lemma_.lower() in UNACCUSATIVE

    # -- date ---------------------------------------------------------------------------------
    def _time(self, ctx: Context, head: Token, frame: Token, support: Token | None) -> TimeValue | None:
        anchor = ctx.document.date
        candidates = [head, frame, *([support] if support is not None else [])]
        if head.pos_ == "NOUN" and head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and head.head.pos_ == "VERB":
            candidates.append(head.head)  # "In November, the act meant a total ban": the clause's date
        carrier = head.head.head  # "said at a news briefing today", "were on strike on Friday"
        if (
            head.pos_ == "NOUN"
            and head.dep_ == "pobj"
            and head.head.dep_ == "prep"
            and head.head.lower_ in SAME_TIME_PREPS
            and carrier.pos_ in ("VERB", "AUX")
        ):
            candidates.append(carrier)
        cur = head
        # a complement inherits its governor's date: "On January 6, Tokayev ordered providers to block..."
        for _ in range(2):
            if cur.dep_ in ("xcomp", "conj", "ccomp") and cur.head != cur:
                cur = cur.head
                candidates.append(cur)
        for tok in candidates:
            for date_tok in _date_tokens(tok) or _argument_date_tokens(tok) or _when_date_tokens(tok):
                ent = _ent_of(ctx, date_tok)
                if ent is None:
                    continue
                future = _future(tok) or (tok.pos_ in ("NOUN", "PROPN") and _future(tok.head))
                found = temporal.normalize(ent.text, anchor, future)
                if found is not None:
                    return TimeValue(ctx.span_mention(ent), found[0], found[1])
        return None

    # -- quantities -----------------------------------------------------------------------------
    def _quantities(
        self, ctx: Context, head: Token, noun: bool, roles: list[Role], entities: EntityIndex
    ) -> list[Quantity]:
        found: list[Quantity] = []
        seen: set[int] = set()

        def add(ent: Span | None, counted: Token | None) -> None:
            if ent is not None and ent.start not in seen:
                q = quantity(ctx, ent, counted)
                if q is not None:
                    seen.add(ent.start)
                    found.append(q)

        # the change itself: "fell by 12%", "rose 5%", "fell below $42,000", and a noun's own
        # amount: "a 13.8% rise", "a $5bn deal", "3,000 job cuts"
        for c in head.children:
            if own_amount(c, noun=noun):
                add(_ent_of(ctx, c), None)
            if c.dep_ == "prep" and c.lower_ in CHANGE_PREPS:
                for o in c.children:
                    if o.ent_type_ in AMOUNT_LABELS:
                        add(_ent_of(ctx, o), None)
                    for n in o.children:
                        if n.ent_type_ in AMOUNT_LABELS and n.dep_ in ("nummod", "nmod", "quantmod"):
                            add(_ent_of(ctx, n), None)
        # counts of participants: "26 protesters and 18 police", "more than 3,800 people"
        participants = (
            [*syntax.objects(head), *syntax.children(head, "nsubj", "nsubjpass")]
            if not noun
            else [o for _p, o in syntax.prep_objects(head)]
        )
        for tok in participants:
            for t in syntax.conjuncts(tok):
                for n in t.children:
                    if n.dep_ == "nummod" and n.ent_type_ in AMOUNT_LABELS:
                        add(_ent_of(ctx, n), t)
        return found


def mentions(doc: Doc) -> list[Span]:
    """The event mentions of a parsed doc, typed: the detector's (``kg_events``) when it ran, each
    with the lexicon's type and extent where a lexicon trigger has the same head, else the type
    WordNet gives its word, else the generic type; the lexicon's triggers alone when it did not."""
    triggers = doc.spans.get(SPANS_KEY, [])
    if event_detector.SPANS_KEY not in doc.spans:
        return list(triggers)
    by_head = {t.root.i: t for t in triggers}
    found = []
    detected = list(doc.spans[event_detector.SPANS_KEY])
    heads = {span.root.i for span in detected}
    # a support verb's eventive object names the event the verb carries ("issued a statement"),
    # also where the detector passed it over; so does an object the event lexicon types ("gave the
    # order": an Order, not the giving)
    for span in list(detected):
        verb = span.root
        if verb.pos_ == "VERB" and verb.lemma_.lower() in lexicon.SUPPORT_VERBS:
            for obj in verb.children:
                named = _eventive(obj) or obj.i in by_head
                if obj.dep_ == "dobj" and obj.pos_ == "NOUN" and obj.i not in heads and named:
                    detected.append(Span(doc, *event_detector.extent(doc, obj.i)))
                    heads.add(obj.i)
    # the other words of a multi-word trigger the detector found by its head ("went bust", "open
    # fire") are that one mention, not mentions of their own ("bust" an attack)
    inside = {k for t in triggers if t.root.i in heads for k in range(t.start, t.end) if k != t.root.i}
    for span in sorted(detected):
        if span.root.i in inside or _modifier_only(span.root, heads) or _portfolio(span.root) or _thing(span.root):
            continue
        trigger = by_head.get(span.root.i)
        if trigger is not None:
            span = Span(doc, min(span.start, trigger.start), max(span.end, trigger.end))
        if trigger is not None:
            label = trigger.label_
        else:
            label = STATEMENT_TYPE if span.label_ == event_detector.STATEMENT else _typed(span.root)
        found.append(Span(doc, span.start, span.end, label=label))
    return found


def _thing(tok: Token) -> bool:
    """A word of a compound that names a thing, not an event ("tear gas": ``THINGS``), or a verb
    with no object that says what is about to happen ("set to merge": ``PROSPECTS``)."""
    return in_idiom(tok, THINGS) or frames_another(tok)


def _lemma_and_modifier(span: Span, head: Token) -> tuple[str, str]:
    """The lemmas of the words of ``span`` that name its event ("order"), and of a hyphenated word
    in it that says which one ("shoot to kill" of "shoot-to-kill order")."""
    inside = [m for m in event_detector.hyphenated_modifiers(head) if span.start <= m.start and m.end <= span.end]
    modifying = {t.i for m in inside for t in m}
    words = [t.lemma_.lower() for t in span if not t.is_punct and t.i not in modifying]
    modifier = [t.lemma_.lower() for m in inside for t in m if not t.is_punct]
    return " ".join(words) or head.lemma_.lower(), " ".join(modifier)


def _pronoun_names(sent: Span, entities: EntityIndex) -> dict[int, str]:
    """The subject pronouns of a sentence that anaphora resolved to a person, each with the person's
    name, and an "it" resolved to the organisation reported to say its clause ("Nike said it posted
    a profit"). Not "they": resolved less surely, and a wrong name misleads more than a pronoun."""
    names = {}
    for tok in sent:
        j = entities.at(tok) if tok.tag_ == "PRP" and tok.dep_ in ("nsubj", "nsubjpass") else None
        if j is None or entities.mentions[j].antecedent is None:
            continue
        antecedent = entities.mentions[root_of(entities, j)]
        if antecedent.kind != (EntityKind.ORGANIZATION if tok.lower_ == "it" else EntityKind.PERSON):
            continue
        names[tok.i] = clean_name(antecedent.name)
        if tok.lower_ == "i":  # a quotation's "I" named: "Bosvelt is waiting", not "Bosvelt am waiting"
            verbs = (tok.head, *(c for c in tok.head.children if c.dep_ in ("aux", "auxpass") and c.i > tok.i))
            names.update({v.i: THIRD_PERSON[v.lower_] for v in verbs if v.lower_ in THIRD_PERSON and v.tag_ == "VBP"})
    return names


def _modifier_only(tok: Token, heads: set[int]) -> bool:
    """A noun that only says what kind of thing another noun is ("computing power", "bitcoin
    mining country", "the research vice president"): no event of its own."""
    return tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.i not in heads and tok.head.i > tok.i


def _in_words(head: Token, event_type: str, roles: list[Role], entities: EntityIndex) -> bool:
    """An attack a named person makes on a person, an organisation or a group, with nothing in
    hand: words ("Kennedy attacked Mr Brown", "Butler launches attack on Blair", "Tony Blair attacked
    the Conservatives"). Organisations, crowds, armed groups and the unnamed attack otherwise ("the
    army attacked the rebels", "militants attacked the patrol", "a man attacked Mr Johnson"), and so
    does anyone "with" something ("attacked with slurry")."""
    if event_type != "Attack" or head.lemma_.lower() != "attack" or any(syntax.prep_objects(head, "with")):
        return False
    kinds = {name: {entities.mentions[r.entity].kind for r in roles if r.name == name} for name in ("agent", "patient")}
    targets = {EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.GROUP}
    return kinds["agent"] == {EntityKind.PERSON} and bool(kinds["patient"]) and kinds["patient"] <= targets


def _name_part(tok: Token, entities: EntityIndex) -> bool:
    """A word of a name that entity extraction took ("Hayley Yelling", "Finding Nemo", "the Hit
    Factory", "Taylor Dent"): a name, not an event. A name's words are proper nouns or capitalised
    inside the sentence; "Said Mr Fogg", a verb at its start that the tagger made part of a name, is
    the saying it looks like, and so is a verb of a headline in capitals ("Pierre Thomas Placed on
    Injured Reserve", "Fred LaRue Dies at 75"), which the tagger reads as names."""
    j = entities.at(tok)
    if j is None or entities.mentions[j].pronoun or headline(tok.sent):
        return False
    return tok.pos_ == "PROPN" or (tok.is_title and not tok.is_sent_start)


def _portfolio(tok: Token) -> bool:
    """What a person's role is of ("vice president of research", "head of security"): a field, not
    an event ("actress for her performance" says why, and the performance is one)."""
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.pos_ in ("NOUN", "PROPN")
        and lexicon.load().titles.get(prep.head.lower_) in ("role", "title")
    )


def _eventive(noun: Token) -> bool:
    return noun.lemma_.lower() in lexicon.load().eventive_nouns


def _bare_subject(head: Token, roles: list[Role]) -> str:
    """The subject word of a verb whose roles name no agent ("he" of an unresolved "he said")."""
    if head.pos_ not in ("VERB", "AUX") or any(r.name == "agent" for r in roles):
        return ""
    subject = syntax.subject(head)
    return subject.lower_ if subject is not None else ""


def _typed(head: Token) -> str:
    """The type of an event word the trigger tagger passed over: the lexicon's, when the word alone
    is one of its triggers (its context left the tagger unsure it names an event: "Sales saw a
    rise" says nothing of what rose), where WordNet's most frequent sense would say another thing
    (a rise is a "Happening" there, a jump an "Attack"); else WordNet's; else the generic type, which
    a word of a fixed expression gets too ("in charge" is neither a prosecution nor WordNet's attack),
    and a violent word used figuratively ("killing off demand")."""
    if in_idiom(head):
        return GENERIC
    lex = lexicon.load()
    if (
        head.pos_ == "VERB"
        and head.lemma_.lower() in lex.reporting
        and not syntax.children(head, "dobj")
        and not syntax.is_passive(head)
    ):
        # "Ms Chadha said, adding that ...", "he insisted": a report, whatever WordNet's first sense
        # of the verb (adding is an increase there); "added 34 servers" and "the virus was written
        # by ..." keep theirs
        return STATEMENT_TYPE
    noun = head.pos_ in ("NOUN", "PROPN")
    table = lex.events.nouns if noun else lex.events.adjectives if head.pos_ == "ADJ" else lex.events.verbs
    alone = (t.type for t in table.get(head.lemma_.lower(), ()) if not t.words and t.wordclass is None)
    found = next(alone, None)
    if found is None and head.pos_ == "ADJ":
        # an adjective names a state ("fit", "free", "invalid": WordNet's verbs of the same spelling
        # make them a fitting, a freeing, an injury); a participle's verb says which ("pleased",
        # "outraged": feelings)
        verb = _participle_verb(head.lower_)
        found = (wordnet_type(verb, "v") if verb else None) or STATE
    if found is None:
        pos = "n" if noun else "v"
        word = _wordnet_entry(head, pos)
        found = wordnet_type(word, pos) or GENERIC
        if lex.events.is_a(found, "QuantityChange") and not _measured(head, lex):
            # "Previous films include Boys Don't Cry": WordNet reaches adding, so increasing, from the
            # third sense of "include"; a change of nothing measured is no rise or fall, and the
            # word takes the coarse type of its first senses (stative)
            found = coarse_type(word, pos) or GENERIC
    return GENERIC if figurative(head, found, lex) else found


# a participle's endings and what replaces them, most specific first ("worried", "pleased",
# "stopped", "devastating")
PARTICIPLE_ENDINGS = (("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("en", "e"), ("en", ""))


def _participle_verb(word: str) -> str | None:
    """The verb whose participle ``word`` is, when WordNet types that verb; else None."""
    for ending, base in PARTICIPLE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            for verb in (stem + base, stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else None):
                if verb and wordnet_type(verb, "v") is not None:
                    return verb
    return None


def _wordnet_entry(head: Token, pos: str) -> str:
    """The word WordNet types: a verb with its particle where WordNet has the two as one verb
    ("stepped down" resigns, "carried out" performs), else the lemma."""
    lemma = head.lemma_.lower()
    if pos == "v":
        for particle in syntax.children(head, "prt"):
            phrasal = f"{lemma} {particle.lower_}"
            if wordnet_type(phrasal, pos) is not None:
                return phrasal
    return lemma


def _measured(head: Token, lex: lexicon.Lexicon) -> bool:
    """Whether a change word says by how much or what measure changes ("rose 5%", "sales grew"),
    or counts what it adds or takes ("added 34 servers")."""
    theme = change_theme(head)
    counted = any(
        c.dep_ == "nummod" or c.ent_type_ in AMOUNT_LABELS for o in syntax.objects(head) for c in (o, *o.children)
    )
    return has_amount(head) or counted or (theme is not None and lex.in_class("measure", theme.lemma_, theme.ent_type_))


def _nested_places(noun: Token, depth: int = 3) -> list[Token]:
    """Objects of "in"/"at"... up to ``depth`` prepositional phrases down a noun phrase; below the
    noun's own phrases only where the preposition says where ("a ban on hunting with dogs in
    England"), not what about or whither ("questions about policy on Iran", "a plan for flights to
    Paris")."""
    found: list[Token] = []
    frontier = [noun]
    for level in range(depth):
        nxt: list[Token] = []
        for tok in frontier:
            for prep, obj in syntax.prep_objects(tok):
                (found if prep.lower_ in (PLACE_PREPS if level == 0 else LOCATIVE_PREPS) else nxt).append(obj)
                nxt.append(obj)
        frontier = nxt
    return found


def _kind(tok: Token, entities: EntityIndex) -> EntityKind | None:
    j = entities.at(tok)
    return entities.mentions[j].kind if j is not None else None


def _ent_of(ctx: Context, tok: Token) -> Span | None:
    for ent in ctx.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _date_tokens(tok: Token) -> list[Token]:
    """DATE tokens attached to ``tok``: "On Friday", "last year", "in September 2020", and a
    noun's own date: "last month's explosion", "his 1996 campaign", "the Feb. 23 accord"."""
    out = []
    for c in tok.children:
        if c.ent_type_ == "DATE" and c.dep_ in DATE_DEPS:
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "in", "since", "during", "by", "until", "from", "at", "as", "for"):
            # "in trading Friday": a day the parser hung on the preposition
            out += [o for o in c.children if o.dep_ in ("pobj", "npadvmod") and o.ent_type_ == "DATE"]
    return out


def _when_date_tokens(clause: Token) -> list[Token]:
    """The date a "when" clause describes: "since August, when they traded at $10", "from Oct. 13,
    when Wall Street's plunge helped spark the weakness", whether the parser hung the clause on
    the date or, after its comma, on the verb before."""
    if not any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children):
        return []
    if clause.dep_ == "relcl" and clause.head.ent_type_ == "DATE":
        return [clause.head]
    start = clause.left_edge.i
    doc = clause.doc
    if clause.dep_ == "advcl" and start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "DATE":
        return [doc[start - 2]]
    return []


# prepositions whose object's date is another time than the verb's
OTHER_TIME_PREPS = frozenset({"from", "to", "than", "after", "following", "before", "since", "until"})


def _argument_date_tokens(verb: Token) -> list[Token]:
    """A day the parser hung on the verb's subject or object rather than on the verb: "The Council
    on Aug. 6 ordered ...", "Police found 600 kg of explosives Sunday"."""
    if verb.pos_ != "VERB":
        return []
    out = []
    # and on the object of one of its prepositions: "seized a bomb under construction Sunday"; not
    # where the object's date is another time's: a change's start or end ("will rise from an
    # estimated $470 million this year"), what came before or after ("laws introduced after the
    # attacks on 11 September 2001")
    args = [
        *verb.children,
        *(o for c in verb.children if c.dep_ == "prep" and c.lower_ not in OTHER_TIME_PREPS for o in c.children),
    ]
    for arg in args:
        if arg.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            continue
        for c in arg.children:
            if c.ent_type_ == "DATE" and c.dep_ == "npadvmod":
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ == "on":
                out += [o for o in c.children if o.dep_ == "pobj" and o.ent_type_ == "DATE"]
    return out


def _future(tok: Token) -> bool:
    """Whether ``tok``'s clause speaks of what is to come ("will meet Monday", "is scheduled to
    close Monday"): its dates are then the next ones, not the last."""
    verbs = [tok, tok.head] if tok.dep_ in ("xcomp", "conj") else [tok]
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for v in verbs for c in v.children):
        return True
    if tok.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        # a timetable's present ("the tour kicks off in mid-February"), but a headline's above
        # its article tells what has happened: "UK house prices dip in November" in December
        return not (syntax.headline_line(tok.sent) and tok.sent.end < len(tok.doc))
    if tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in tok.children):
        return True  # an arrangement: "Denmark is holding a celebration ... on 2 April"
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in PROSPECTIVE


def _aspectual_verb(noun: Token) -> Token | None:
    """The verb that says when or where a nominal event happened: "protests erupted in ...", "the
    strike, which began on Monday"."""
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in ASPECTUAL and noun.head.pos_ == "VERB":
        return noun.head
    for clause in noun.children:
        if (
            clause.dep_ == "relcl"
            and clause.lemma_.lower() in ASPECTUAL
            and any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in clause.children)
        ):
            return clause
    return None


def _irrealis(tok: Token) -> bool:
    """A modal ("could lead to", "have got to take"), the complement of a verb of intent
    ("threatened to cut") or of such a noun ("the plan to cut 500 jobs", "its failure to control"),
    of "going" ("are going to beat") or of a word still to come ("plans to continue to expand"), a
    condition ("if prize money is taken away"), and a verb coordinated with one, sharing its "to" or
    modal ("could raise taxes and cut spending"). Not an infinitive of purpose: "shook off an upset
    stomach to win the 60m" tells a win."""
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
        return True
    if tok.dep_ == "xcomp":
        head = tok.head
        going = head.lemma_.lower() == "go" and head.tag_ == "VBG"  # "are never going to beat": the future
        return head.lemma_.lower() in IRREALIS or going or _modal(head) or _irrealis(head)
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in INTENTS and any(c.tag_ == "TO" for c in tok.children):
        return True  # "the plan to cut 500 jobs", "its failure to control immigration"
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in tok.children):
        return True  # "if prize money is taken away": a condition, not a fact
    if tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children):
        return _irrealis(tok.head)
    return False


def _modal(verb: Token) -> bool:
    """ "Have got to" as a modal: "officials have got to take the fact into account" says they must
    take it, no getting ("has got a red card" is one, and so is "has got the board to agree")."""
    return (
        verb.lemma_.lower() == "get"
        and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
        and any(_to_next(verb, c) for c in verb.children)
    )


def _to_next(verb: Token, comp: Token) -> bool:
    """Whether ``comp`` is the verb's to-infinitive right after it (an "advcl" too, where a headline
    has no auxiliary: "Economic growth set to halve")."""
    return comp.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" and a.i == verb.i + 1 for a in comp.children)


def _on_the_action(noun: Token) -> list[Token]:
    """Who is on it: "thousands of civil servants were on strike", "workers went on strike" (the
    subject of the copula or of "go" whose "on" phrase the noun is; a partitive stands for its
    "of" phrase, as everywhere)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "on" or prep.head.lemma_.lower() not in ("be", "go"):
        return []
    subj = syntax.subject(prep.head)
    return [] if subj is None else [subj]


def _support_subject(
    subj: Token, verb: str, entities: EntityIndex, agents: list[Token], patients: list[Token], places: list[Token]
) -> None:
    """The role of a support verb's subject: "police launched a crackdown" (the agent), "miners
    face a crackdown" (the patient), "Kazakhstan saw protests" (the place)."""
    if verb in lexicon.CAUSING_SUPPORT:
        return
    if verb in lexicon.UNDERGOING_SUPPORT or verb in lexicon.OBSERVING_SUPPORT:
        if _kind(subj, entities) == EntityKind.PLACE:
            places.append(subj)
        elif verb in lexicon.UNDERGOING_SUPPORT:
            patients.append(subj)
        return
    agents.append(subj)
