"""What names alone miss: pronouns ("He claimed..."), place descriptions ("the former Soviet
state"), "the firm" for the company last named, "they" and "the men" for a group, unnamed
sources ("a police spokeswoman"), and appositions that name one referent twice."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from spacy.tokens import Doc, Span, Token

from kg import gazetteer, lexicon
from kg.extract.context import Context
from kg.extract.entity_index import EntityIndex, clean_name, root_of, with_antecedent
from kg.extract.syntax import subject
from kg.model import EntityKind, EntityMention, Mention
from kg.nlp.candidates import WordFilter, with_pos
from kg.nlp.trigger_tagger import SPANS_KEY as TRIGGERS
from kg.wordnet_types import wordnet_type

# the sex each person pronoun agrees with
PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
PERSON_PRONOUNS = frozenset(PRONOUN_SEX)
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
# a possessive that stands for its noun ("Campbell used his"): his own, so his clause's subject may be meant
OWN_PRONOUNS = frozenset({"his", "hers", "its", "theirs", "ours", "mine", "yours"})
QUOTES = frozenset({'"', "“", "”"})
# words that open a relative clause, which tells a noun apart ("the men who ...", "the group that ...")
RELATIVES = frozenset({"that", "who", "which", "whom", "whose"})
# how near a quotation's edge the reporting verb that attributes it stands: '," he said', 'said: "'
ATTRIBUTION_WINDOW = 4
# plural nouns that, with "the" and nothing else, name a group already mentioned: "the men"
GROUP_ANAPHORS = frozenset({"man", "men", "woman", "women", "group", "youth"})
# person nouns of sources that news leaves unnamed: "the spokesman said" is no one named before
UNNAMED_SOURCES = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "source"})
PLACE_NOUNS = {
    "country": "Country",
    "nation": "Country",
    "republic": "Country",
    "state": "Country",
    "city": "City",
    "capital": "City",
    "town": "City",
    "province": "Region",
    "region": "Region",
}
SOURCE_PREPS = ("according",)
# nouns that refer back to an organisation already named: "the firm", "the company"
GENERIC_ORG_NOUNS = frozenset(
    {
        "company",
        "firm",
        "group",
        "carmaker",
        "automaker",
        "bank",
        "lender",
        "airline",
        "retailer",
        "manufacturer",
        "producer",
        "business",
        "operator",
        "provider",
        "giant",
        "conglomerate",
        "insurer",
        "maker",
        "organisation",
        "organization",
        "party",
        "alliance",
        "union",
        "agency",
        "broadcaster",
        "newspaper",
        "club",
        "team",
    }
)
# how far back (in sentences) a pronoun or description looks for its antecedent
ANTECEDENT_WINDOW = 3

# an antecedent's salience by the dependency of its mention's head: subjects first, objects next,
# a noun inside another noun phrase ("the Tony telecast") last; anything else in between
ROLE_RANK = {"nsubj": 0, "nsubjpass": 0, "dobj": 1, "dative": 1, "attr": 1, "compound": 3, "nmod": 3}
OTHER_ROLE = 2
# the dependencies that open a clause below another (a coordinated clause is beside it, not below)
EMBEDDED_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "pcomp", "parataxis"})

# kinds of titles.tsv entries that are person nouns on their own: "the spokesman", "his son"
PERSON_NOUN_KINDS = frozenset({"role", "kin"})


class AnaphoraResolver:
    """Adds anaphoric mentions to an ``EntityIndex`` and links them to their antecedents."""

    def __init__(self) -> None:
        self.lex = lexicon.load()
        self.gaz = gazetteer.load()
        roles = {w.split()[-1] for w, kind in self.lex.titles.items() if kind in PERSON_NOUN_KINDS}
        self.anaphor_words = WordFilter({*PLACE_NOUNS, *GROUP_ANAPHORS, *roles, "old"})

    def __call__(self, ctx: Context, index: EntityIndex, sent_of_token: list[int]) -> None:
        self._appositions(ctx, index)
        self._definite_organisations(ctx, index)
        marks = quote_marks(ctx.doc)
        quotes = quotations(ctx.doc, self.lex, marks)
        self._anaphora(ctx, index, sent_of_token, marks, quotes)
        self._quoted_first_person(ctx, index, sent_of_token, quotes)

    # -- "I" in a quote: its speaker ---------------------------------------------------
    def _quoted_first_person(
        self, ctx: Context, index: EntityIndex, sent_of_token: list[int], quotes: list[tuple[int, int, Token]]
    ) -> None:
        """ "I told the club I would like to stay," he said: each "I", "me", "my" of a quotation
        is the person it is attributed to, once the speaker (a name, or a pronoun resolved to
        one) is known."""
        for first, last, speaker in quotes:
            j = index.at(speaker)
            if j is None or index.mentions[root_of(index, j)].kind != EntityKind.PERSON:
                continue
            for tok in ctx.doc[first : last + 1]:
                if tok.lower_ in FIRST_PERSON and tok.pos_ == "PRON" and tok.i not in index.by_token:
                    _add_pronoun(ctx, index, tok, EntityKind.PERSON, j, sent_of_token[tok.i])

    def _definite_organisations(self, ctx: Context, index: EntityIndex) -> None:
        """ "The firm", "the company" with nothing to tell it apart is the organisation last named, one
        whose name says what it is first ("the bank": Riggs Bank, not the Salvador Allende Foundation
        named since), never one a speaker told ("he told Reuters"). "The bank that owns them" is told
        apart by its clause, and is any bank that does."""
        told = {
            m for j, m in enumerate(index.mentions) if _told(ctx.doc[index.tokens[j].start : index.tokens[j].stop].root)
        }
        for i, m in enumerate(index.mentions):
            if m.kind != EntityKind.ORGANIZATION or m.key != "description" or m.antecedent is not None:
                continue
            head = ctx.doc[index.tokens[i].start : index.tokens[i].stop].root
            if head.lemma_.lower() not in GENERIC_ORG_NOUNS or len(index.tokens[i]) > 1 or not _definite(head):
                continue
            if any(c.dep_ in ("relcl", "acl") and not _after_comma(c) for c in head.rights):
                continue  # a restrictive clause; "The company, which is vying with ...," is the one named
            start, sent, noun = index.tokens[i].start, index.sentence_of[i], head.lemma_.lower()
            j = _recent(index, start, sent, partial(_organisation, told=told, noun=noun))
            j = _recent(index, start, sent, partial(_organisation, told=told)) if j is None else j
            if j is not None:
                index.mentions[i] = with_antecedent(m, root_of(index, j))

    def _described_mention(
        self,
        ctx: Context,
        index: EntityIndex,
        tok: Token,
        sent: int,
        sexes: dict[Mention, str],
        marks: list[tuple[int, int, bool]],
        quotes: list[tuple[int, int, Token]],
    ) -> tuple[EntityMention, range] | None:
        """The mention, and its tokens, of a description ``tok`` heads that names again a person met
        before (``_described``), news naming a person so after their name: the most salient person
        before it, of the sex its noun tells ("the 18-year-old actress"), never a subject above it
        (binding theory's principle C: in "Annacone said the 30-year-old would play" the player is not
        Annacone)."""
        head = self._described(tok)
        if head is None or head.i in index.by_token:
            return None
        person = _person_of(
            self.lex.title_sexes.get(head.lemma_.lower(), ""),
            sexes,
            _attributed(tok, marks, self.lex),
            _speaker(tok, quotes, index),
            lambda k: index.mentions[k],
        )
        above = [c for v in _commanding(head) for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in above]

        def accept(m: EntityMention) -> bool:
            return person(m) and not any(b <= m.mention.begin < e for b, e in spans)

        first = min(t.i for t in head.subtree if t.dep_ != "det" and t.i <= head.i)
        j = _salient(ctx.doc, index, first, sent, accept)
        if j is None:
            return None
        phrase = ctx.doc[first : head.i + 1]
        mention = EntityMention(
            ctx.tokens_mention(phrase[0], head),
            EntityKind.PERSON,
            phrase.text,
            pronoun=True,
            antecedent=root_of(index, j),
        )
        return mention, range(first, head.i + 1)

    def _described(self, tok: Token) -> Token | None:
        """The head of a definite phrase that names a person met before by their age or their
        role, when ``tok`` is its "old" or its person noun: "the 30-year-old", "the 25-year-old
        striker", "the England striker said" (the subject of a verb of saying). Not one a name, an
        "of" or a "for" tells apart ("the head of the agency said"), nor a spokesman, whom news
        leaves unnamed."""
        aged = tok.lower_ == "old" and any(
            c.lower_ in ("year", "month") and any(t.like_num for t in c.subtree) for c in tok.children
        )
        head = tok.head if aged and tok.dep_ == "amod" else tok
        lemma = head.lemma_.lower()
        person_noun = self.lex.titles.get(lemma) in PERSON_NOUN_KINDS and lemma not in UNNAMED_SOURCES
        if (head.i != tok.i or not aged) and not person_noun:
            return None
        if head.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "attr") or not _definite(head):
            return None
        if aged:
            return head  # an age says the person is one met before, whatever else the phrase says
        said = head.dep_ == "nsubj" and head.head.lemma_.lower() in self.lex.reporting
        told_apart = _named(head) or any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in head.rights)
        return head if said and head.tag_ == "NN" and not told_apart else None

    # -- appositions: "cryptocurrency site The Block" ----------------------------------
    def _appositions(self, ctx: Context, index: EntityIndex) -> None:
        for i, m in enumerate(index.mentions):
            if m.key != "description":
                continue
            head = ctx.doc[index.tokens[i].start : index.tokens[i].stop].root
            partner = None
            for tok in [head.head, *head.children]:
                j = index.at(tok)
                if (
                    j is not None
                    and j != i
                    and (tok.dep_ == "appos" or head.dep_ == "appos")
                    and index.mentions[j].kind == m.kind
                    and index.mentions[j].key != "description"
                ):
                    partner = j
            if partner is not None:
                index.mentions[i] = with_antecedent(m, partner)

    def _reported_self(self, ctx: Context, index: EntityIndex, tok: Token, sent: int) -> None:
        """ "The Vestey Group said it had not been informed", "Nike said its profit rose": an "it"
        in what an organisation is reported to say is that organisation. Other "it"s stay
        unresolved: most stand for no actor ("it is likely", "the plan ... it would cost"), and so
        do an object ("he'd be perfect for it," Souness told BBC Sport) and an "it" before the
        report ("its takings were 1.1m, Screen Daily said": the film's), but for
        ``_continued_subject``."""
        verb = _report_of(tok, self.lex)
        if verb is None:
            return
        speaker = subject(verb)
        j = index.at(speaker) if speaker is not None else None
        if j is None or index.mentions[root_of(index, j)].kind != EntityKind.ORGANIZATION:
            return
        _add_pronoun(ctx, index, tok, EntityKind.ORGANIZATION, j, sent)

    def _speaking_it(self, ctx: Context, index: EntityIndex, tok: Token, sent: int) -> None:
        """ "The company's shares tumbled after it said ...": an "it" that says something is an
        organisation or a country that speaks, the most salient one in its sentence or the one
        before; not the "it" of a passive ("it is said that"), which is no one."""
        if tok.i in index.by_token or tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in self.lex.reporting:
            return
        j = _salient(ctx.doc, index, tok.i, sent, _speaks, window=1)
        if j is not None:
            _add_pronoun(ctx, index, tok, index.mentions[root_of(index, j)].kind, j, sent)

    def _owner_subject(self, ctx: Context, index: EntityIndex, tok: Token, sent: int) -> None:
        """ "T-Mobile is bolstering its portfolio", "Apple has chosen WWDC week to announce an
        update to its MacBook line", "Iraq is trying to boost its production": a possessive "its"
        is the organisation or country that is the subject nearest above it (the first of its
        ancestors with a subject, which c-commands it). Not when that subject is something else
        ("the plan ... its cost"), nor one the "its" is inside ("its shares fell"), nor the subject
        of "be", which the "its" of its complement is never ("X is its biggest shareholder")."""
        if tok.i in index.by_token or tok.dep_ != "poss" or tok.lower_ != "its":
            return
        for verb in _commanding(tok):
            k = _subject_of(verb)
            if k is None:
                continue
            owner = ctx.doc[k]
            if owner.left_edge.i <= tok.i <= owner.right_edge.i or verb.lemma_ == "be":
                return  # "its shares fell"; "Aguas de Barcelona is its biggest shareholder"
            j = index.at(owner)
            if j is not None and _speaks(index.mentions[root_of(index, j)]):
                _add_pronoun(ctx, index, tok, index.mentions[root_of(index, j)].kind, j, sent)
            return

    def _continued_subject(self, ctx: Context, index: EntityIndex, tok: Token, sent: int) -> None:
        """ "Euronext last week appointed UBS as advisors. It is also working with Morgan Stanley":
        an "it" that is the subject of its sentence's main verb goes on with the organisation that
        was the subject of the sentence before; not the "it" of a verb whose subject is often no one
        ("it seems", "it is likely", "it emerged that": the word class ``expletive``)."""
        head = tok.head
        if tok.i in index.by_token or tok.dep_ != "nsubj" or head.dep_ != "ROOT" or tok.sent.start == 0:
            return
        if head.lemma_.lower() in self.lex.wordclasses.get("expletive", frozenset()):
            return
        before = ctx.doc[tok.sent.start - 1].sent.root
        previous = next((c for c in before.children if c.dep_ == "nsubj"), None)
        j = index.at(previous) if previous is not None else None
        if j is not None and index.mentions[root_of(index, j)].kind == EntityKind.ORGANIZATION:
            _add_pronoun(ctx, index, tok, EntityKind.ORGANIZATION, j, sent)

    def _plural_pronoun(self, ctx: Context, index: EntityIndex, tok: Token, sent: int) -> None:
        """ "They", "the men", "the group": the latest group (or organisation) in this or the previous
        sentence."""
        # "they" can be an organisation ("the Tories ... they"), and "the group" ("Absa ... the group
        # said"); "the men" are people
        either = tok.pos_ == "PRON" or tok.tag_ == "NN"
        kinds = (EntityKind.GROUP, EntityKind.ORGANIZATION) if either else (EntityKind.GROUP,)
        # people named together ("Kenteris and Thanou ... they") compete, and win, but are no one
        # entity to resolve to: they leave "they" to no one rather than to an organisation
        together = {
            id(m)
            for m, tokens in zip(index.mentions, index.tokens, strict=True)
            if m.kind == EntityKind.PERSON and _coordinated(ctx.doc[tokens.start : tokens.stop].root)
        }
        parallel = _parallel_subject(tok)
        if parallel is not None and index.at(parallel) is None and self._actors(parallel):
            # "Opposition parties want more policing but they accuse ministers": the parties, whom
            # no entity names, not the organisation last named ("Funds were available but they
            # chose to ignore it" still goes back to the ministers: funds choose nothing)
            return
        # "the group": the organisation introduced as one, else a named group or organisation (not
        # "India's top-selling daily newspaper", a description of the company named with it)
        group = tok.tag_ == "NN"
        j = _introduced_group(ctx.doc, index, tok.i, sent) if group else None
        if j is None:
            j = _salient(
                ctx.doc,
                index,
                tok.i,
                sent,
                lambda m: not m.pronoun and (m.kind in kinds or id(m) in together) and not (group and m.key),
                window=1,
            )
        if j is None or index.mentions[j].kind == EntityKind.PERSON:
            return
        first = min([tok.i, *(c.i for c in tok.lefts if c.dep_ == "det")])
        index.add(
            EntityMention(
                ctx.tokens_mention(ctx.doc[first], tok),
                index.mentions[j].kind,
                clean_name(ctx.doc[first : tok.i + 1].text),
                pronoun=True,
                antecedent=root_of(index, j),
            ),
            range(first, tok.i + 1),
            sent,
        )

    def _introduced_person(self, pronoun: Token, index: EntityIndex) -> bool:
        """Whether a person the text introduces without a name ("a man", "one Iraqi woman", "a
        45-year-old driver") is a subject before the pronoun in its sentence: the person the pronoun
        most likely means, whom no mention stands for, so no named person is its antecedent."""
        for tok in pronoun.sent:
            if tok.i >= pronoun.i:
                return False
            person = self.lex.titles.get(tok.lemma_.lower()) in PERSON_NOUN_KINDS or self.lex.in_class(
                "people", tok.lemma_
            )
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and tok.tag_ == "NN"
                and person
                and tok.i not in index.by_token
                and any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one") for c in tok.children)
            ):
                return True
        return False

    def _actors(self, noun: Token) -> bool:
        """Whether a plural noun names people or organisations (the groups' and organisations' words)."""
        lemma = noun.lemma_.lower()
        return lemma in self.lex.groups or lemma in self.lex.organizations

    def _allowed_countries(self, tok: Token) -> frozenset[str] | None:
        """ISO codes that "the former Soviet state" can mean; None when nothing restricts it."""
        words = " ".join(c.lower_ for c in tok.lefts if c.dep_ in ("amod", "compound"))
        for adjective, codes in self.lex.place_groups.items():
            if adjective in words:
                return codes
        return None

    def _salient_place(
        self, index: EntityIndex, before: int, subtype: str, allowed: frozenset[str] | None
    ) -> int | None:
        """The place a description means: the most mentioned so far, the latest among equals.

        News calls its main country "the country"; the last country named is often another one.
        """
        counts: dict[str, int] = {}
        latest: dict[str, int] = {}
        for j, m in enumerate(index.mentions):
            if index.tokens[j].start >= before or m.kind != EntityKind.PLACE or m.pronoun or m.subtype != subtype:
                continue
            if allowed is not None:
                hit = self.gaz.lookup(m.name)
                if hit is None or hit[2].country_code not in allowed:
                    continue
            counts[m.name] = counts.get(m.name, 0) + 1
            latest[m.name] = j
        if not counts:
            return None
        best = max(counts, key=lambda name: (counts[name], latest[name]))
        return latest[best]

    # -- pronouns, place descriptions and unnamed sources -------------------------------
    def _anaphora(
        self,
        ctx: Context,
        index: EntityIndex,
        sent_of_token: list[int],
        marks: list[tuple[int, int, bool]],
        quotes: list[tuple[int, int, Token]],
    ) -> None:
        candidates = {t.i: t for t in (*with_pos(ctx.doc, "PRON"), *self.anaphor_words.tokens(ctx.doc))}
        sexes = _sexes(ctx.doc, index, self.lex)
        for tok in (candidates[i] for i in sorted(candidates)):
            if tok.i in index.by_token:
                continue
            sent = sent_of_token[tok.i]
            if tok.pos_ == "PRON" and tok.lower_ in PERSON_PRONOUNS:
                accept = _person_of(
                    PRONOUN_SEX[tok.lower_],
                    sexes,
                    _attributed(tok, marks, self.lex),
                    _speaker(tok, quotes, index),
                    lambda k: index.mentions[k],
                )
                j = _speaker_of(ctx.doc, index, tok, accept, self.lex)
                if j is None and self._introduced_person(tok, index):
                    continue  # "One Iraqi woman told Ms Alexander about her frustration as she watched"
                j = _salient(ctx.doc, index, tok.i, sent, accept) if j is None else j
                if j is not None:
                    _add_pronoun(ctx, index, tok, EntityKind.PERSON, j, sent)
            elif (described := self._described_mention(ctx, index, tok, sent, sexes, marks, quotes)) is not None:
                index.add(*described, sent)  # "the 30-year-old", "the England striker said"
            elif tok.pos_ == "PRON" and tok.lower_ in ("it", "its"):
                self._reported_self(ctx, index, tok, sent)
                self._continued_subject(ctx, index, tok, sent)
                self._speaking_it(ctx, index, tok, sent)
                self._owner_subject(ctx, index, tok, sent)
            elif _plural_anaphor(tok):
                self._plural_pronoun(ctx, index, tok, sent)
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in PLACE_NOUNS and _definite(tok):
                wanted = PLACE_NOUNS[tok.lemma_.lower()]
                if tok.lemma_.lower() == "state" and not any(c.dep_ == "amod" for c in tok.children):
                    continue  # "the state" is usually the government
                allowed = self._allowed_countries(tok)
                j = self._salient_place(index, tok.i, wanted, allowed)
                if j is not None:
                    first = min([tok.i, *(c.i for c in tok.lefts if c.dep_ in ("det", "amod", "compound"))])
                    index.add(
                        EntityMention(
                            ctx.tokens_mention(ctx.doc[first], tok),
                            EntityKind.PLACE,
                            clean_name(ctx.doc[first : tok.i + 1].text),
                            subtype=wanted,
                            pronoun=True,
                            antecedent=root_of(index, j),
                        ),
                        range(first, tok.i + 1),
                        sent,
                    )
            elif (
                tok.pos_ == "NOUN"
                and self.lex.titles.get(tok.lemma_.lower()) in PERSON_NOUN_KINDS
                and _is_source(tok)
                and _specified(tok)
                and not _named(tok)
            ):
                # "a Home Office spokesman": each compound with the words before it ("Home Office")
                first = min([tok.i, *(c.left_edge.i for c in tok.lefts if c.dep_ == "compound")])
                index.add(
                    EntityMention(
                        ctx.tokens_mention(ctx.doc[first], tok),
                        EntityKind.PERSON,
                        clean_name(ctx.doc[first : tok.i + 1].text),
                        key="description",
                    ),
                    range(first, tok.i + 1),
                    sent,
                )


def _person_of(
    sex: str,
    sexes: dict[Mention, str],
    outside: range = range(0),
    speaker: str = "",
    mention_at: Callable[[int], EntityMention] | None = None,
) -> Callable[[EntityMention], bool]:
    """What a person pronoun of ``sex`` may stand for: a person named, of that sex or of none known,
    or a pronoun of that sex or a description ("the prime minister") already resolved to one (a
    chain carries its person on: "He engineered an upturn ... he made his name ... he left"; "the
    prime minister told Mr Brown he would stand down": the prime minister), not within the
    characters ``outside`` (the quotation the pronoun's verb attributes) nor, by name, ``speaker``
    (the surname of the person quoting it: a speaker says "I"); ``mention_at`` gives the mention at
    an index (a resolved pronoun's or description's person is its antecedent's)."""

    def accept(m: EntityMention) -> bool:
        if m.kind != EntityKind.PERSON or m.mention.begin in outside:
            return False
        if m.pronoun and (m.antecedent is None or PRONOUN_SEX.get(m.name.lower(), sex) != sex):
            return False
        person = mention_at(m.antecedent) if mention_at is not None and m.pronoun and m.antecedent is not None else m
        # no sex asked: "the 30-year-old"
        known = not sex or all(sexes.get(x.mention, sex) == sex for x in (m, person))
        return known and not (speaker and person.name.split()[-1:] == [speaker])

    return accept


def _speaker(tok: Token, quotes: list[tuple[int, int, Token]], index: EntityIndex) -> str:
    """The surname of the person whose quotation ``tok`` is in, where known by now: '"The reading
    I got from him is that I would have the qualities he is looking for," said Goldfine': "he" is
    not Goldfine."""
    speaker = next((s for first, last, s in quotes if first <= tok.i <= last), None)
    j = index.at(speaker) if speaker is not None else None
    if j is None:
        return ""
    named = index.mentions[root_of(index, j)]
    return named.name.split()[-1] if named.kind == EntityKind.PERSON and named.name else ""


def _attributed(tok: Token, marks: list[tuple[int, int, bool]], lex: lexicon.Lexicon) -> range:
    """The characters of the quotation whose speaker ``tok`` is ('"... over Serena," she said':
    not Serena), or none."""
    if tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in lex.reporting:
        return range(0)
    doc = tok.doc
    for opening, end, closed in marks:
        if closed and 0 < tok.i - end <= ATTRIBUTION_WINDOW:
            return range(doc[opening].idx, doc[end].idx)
    return range(0)


def _sexes(doc: Doc, index: EntityIndex, lex: lexicon.Lexicon) -> dict[Mention, str]:
    """The sex of each person mention whose words tell it: a title or person noun ("Ms Hutt",
    "health spokesman Tony Beddow", "the spokeswoman"), else a first name ("Regina Benjamin"); and
    of a name alone that the document's other mentions give one sex only ("Hutt" after "Ms Hutt",
    "Laci" after "Laci Peterson"; not "Peterson" after both Laci and Scott Peterson), or that its
    first name gives when it is no one's surname in the document ("his mother, Patricia")."""
    found: dict[Mention, str] = {}
    by_word: dict[str, set[str]] = {}
    surnames: set[str] = set()
    alone: list[tuple[Mention, str]] = []
    for j, m in enumerate(index.mentions):
        if m.kind != EntityKind.PERSON or m.pronoun:
            continue
        span = doc[index.tokens[j].start : index.tokens[j].stop]
        words = [t.lower_.rstrip(".") for t in span if any(c.isalpha() for c in t.text)]
        before = [doc[span.start - 1].lower_.rstrip(".")] if span.start else []
        titles = [w for w in (*before, *words) if w in lex.title_sexes]
        names = [w for w in words if w not in lex.titles]
        if len(names) > 1:
            surnames.add(names[-1])
        if titles:
            sex = lex.title_sexes[titles[-1]]
        elif len(names) > 1:
            sex = lex.first_names.get(names[0], "")
        else:
            alone.extend((m.mention, w) for w in names[:1])
            continue
        if sex:
            found[m.mention] = sex
            for w in {*names[:1], *names[-1:]}:
                by_word.setdefault(w, set()).add(sex)
    for mention, word in alone:
        told = by_word.get(word, set())
        if len(told) == 1:
            found[mention] = next(iter(told))
        elif not told and word not in surnames and lex.first_names.get(word):
            # a first name alone that is no one's surname here: "his mother, Patricia"
            found[mention] = lex.first_names[word]
    return found


def _speaks(m: EntityMention) -> bool:
    """Whether a mention names what an "it" can stand for as an actor: an organisation or a country."""
    return not m.pronoun and (
        m.kind == EntityKind.ORGANIZATION or (m.kind == EntityKind.PLACE and m.subtype == "Country")
    )


def _commanding(tok: Token) -> list[Token]:
    """The words above ``tok`` whose subjects c-command it: its ancestors up to the clause it is
    coordinated in ("Owen was linked with Newcastle, but the striker said": "Owen" does not)."""
    found = []
    while tok.head.i != tok.i and tok.dep_ != "conj":
        tok = tok.head
        found.append(tok)
    return found


def _add_pronoun(ctx: Context, index: EntityIndex, tok: Token, kind: EntityKind, j: int, sent: int) -> None:
    """The one-word pronoun ``tok`` as a mention of what mention ``j`` stands for; not where an
    "it" would stand for a plural noun ("unions said. And on Monday, it negotiated a deal")."""
    if tok.lower_ in ("it", "its") and ctx.doc[index.tokens[j].start : index.tokens[j].stop].root.tag_ == "NNS":
        return
    mention = EntityMention(ctx.token_mention(tok), kind, tok.text, pronoun=True, antecedent=root_of(index, j))
    index.add(mention, range(tok.i, tok.i + 1), sent)


def _introduced_group(doc: Doc, index: EntityIndex, before: int, sent: int) -> int | None:
    """The organisation last introduced as a group ("Irish publishing group Independent News &
    Media", "gaming group Wembley", "Belle & Sebastian, the Scottish group"): what "the group" means
    a few sentences on, ahead of a company or paper named since."""
    introduced = {
        id(m)
        for m, tokens in zip(index.mentions, index.tokens, strict=True)
        if m.kind == EntityKind.ORGANIZATION
        and any(
            c.lemma_.lower() == "group"
            for c in doc[tokens.start : tokens.stop].root.children
            if c.dep_ in ("compound", "appos")
        )
    }
    return _recent(index, before, sent, lambda m: id(m) in introduced) if introduced else None


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _plural_anaphor(tok: Token) -> bool:
    """ "They", or "the men" with nothing else to tell them apart: a group named before; and "the
    group", a group or an organisation named before (a firm, a band, a campaign)."""
    if tok.pos_ == "PRON":
        return tok.lower_ in PLURAL_PRONOUNS
    return (
        tok.pos_ == "NOUN"
        and tok.lemma_.lower() in GROUP_ANAPHORS
        and (tok.tag_ == "NNS" or tok.lower_ == "group")
        and _definite(tok)
        and not any(c.dep_ in ("amod", "compound", "nummod") for c in tok.children)
        and not any(c.dep_ in ("relcl", "acl") and not _after_comma(c) for c in tok.rights)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights)
        # a restrictive clause the parser missed: "to control the group that electronics firms have
        # most hold over"
        and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in RELATIVES)
    )


def _specified(tok: Token) -> bool:
    """An unnamed person worth a node says whose they are: "a police spokeswoman", "a spokesman
    for the ministry"; "an expert said" is left to the document."""
    return any(c.dep_ in ("compound", "amod", "poss") for c in tok.lefts) or any(
        c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from") for c in tok.rights
    )


def _named(tok: Token) -> bool:
    """ "The BBC's correspondent in Jakarta, Rachel Harvey, told ...": the person has a name, and
    the name is the source."""
    near = [c for c in tok.subtree if c.dep_ == "appos" and c.head.i >= tok.i]
    return any(t.ent_type_ == "PERSON" for t in near) or (tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON")


def _is_source(tok: Token) -> bool:
    """'according to a police spokeswoman', 'a spokesman said': an unnamed person who speaks, or
    acts by speaking ('the prime minister's spokesman urged', 'a spokesman declined to comment')."""
    lex = lexicon.load()
    if _cited(tok):
        return True
    verb = tok.head.lemma_.lower()
    # the verb's own types, and the type the trigger tagger gave it here: not those of a phrase or
    # an argument it does not have ("set out {discourse}" says, "set a date" does not; "declined to
    # comment" does, by "decline {infinitive}")
    own = (t.type for t in lex.events.verbs.get(verb, ()) if not t.words and t.wordclass is None)
    tagged = (span.label_ for span in tok.doc.spans.get(TRIGGERS, ()) if span.root == tok.head)
    types = [*own, *tagged, wordnet_type(verb, "v")]
    speaking = any(kind is not None and lex.events.is_a(kind, "Communication") for kind in types)
    return tok.dep_ == "nsubj" and (verb in lex.reporting or speaking)


def _cited(tok: Token) -> bool:
    """ "According to Reuters, they plan to seize ...": the source a sentence is attributed to is
    not what the sentence's pronouns mean (the next sentence's "he" may well be that source)."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ in SOURCE_PREPS


def _told(tok: Token) -> bool:
    """ "..., he told the BBC" or "the BBC's Focus on Africa programme": an organisation a speaker
    told (a channel) is not what a later "they" means."""
    while tok.dep_ in ("poss", "compound") and tok.head != tok:
        tok = tok.head
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "to" else tok.head
    return tok.dep_ in ("dobj", "dative", "pobj") and verb.lemma_.lower() in lexicon.load().reporting


def _organisation(m: EntityMention, told: set[EntityMention], noun: str = "") -> bool:
    """Whether ``m`` names an organisation a description of ``noun`` may mean: not a description
    itself, nor one a speaker ``told``; with ``noun``, one whose name has it ("Riggs Bank")."""
    named = not noun or noun in m.name.lower().split()
    return m.kind == EntityKind.ORGANIZATION and m.key is None and m not in told and named


def _recent(
    index: EntityIndex, before: int, sent: int, accept: Callable[[EntityMention], bool], window: int = ANTECEDENT_WINDOW
) -> int | None:
    """The closest earlier mention, within ``window`` sentences, that ``accept`` takes."""
    best = None
    for j, m in enumerate(index.mentions):
        start = index.tokens[j].start
        if (
            start < before
            and sent - index.sentence_of[j] <= window
            and accept(m)
            and (best is None or start > index.tokens[best].start)
        ):
            best = j
    return best


def _speaker_of(
    doc: Doc, index: EntityIndex, pronoun: Token, accept: Callable[[EntityMention], bool], lex: lexicon.Lexicon
) -> int | None:
    """The person whose report a person pronoun is the subject of: "the prime minister told Mr Brown
    he would stand down", "Matt Smith, who announced that he was leaving" (the speaker, named or
    described, ahead of a more salient subject elsewhere in the sentence). Not a possessive, whose
    clause has a subject of its own: "Marr said Mr Lammy was sinking after his performance"."""
    verb = _report_of(pronoun, lex) if pronoun.dep_ in ("nsubj", "nsubjpass") else None
    k = _subject_of(verb) if verb is not None else None
    j = index.at(doc[k]) if k is not None else None
    return j if j is not None and accept(index.mentions[j]) else None


def _salient(
    doc: Doc,
    index: EntityIndex,
    before: int,
    sent: int,
    accept: Callable[[EntityMention], bool],
    window: int = ANTECEDENT_WINDOW,
) -> int | None:
    """A pronoun's antecedent: in the latest sentence that has one, the most salient mention by its
    grammatical role (a subject before an object before the rest, a noun inside another noun
    phrase last), the latest among equals (the order of Lappin and Leass's salience factors).
    "Hugh Jackman will be host ... a clip of the Tony telecast of his performance": Jackman. Never
    the subject of the verb the pronoun is the object of ("the bank that owns them": not the bank)."""
    best, best_key = None, None
    verb = _governing_verb(doc[before])
    reporting = lexicon.load().reporting
    speaking = doc[before].dep_ in ("nsubj", "nsubjpass") and _lemma(doc[before].head) in reporting
    for j, m in enumerate(index.mentions):
        tokens = index.tokens[j]
        if tokens.start >= before or sent - index.sentence_of[j] > window or not accept(m):
            continue
        root = doc[tokens.start : tokens.stop].root
        if verb is not None and root.i == _subject_of(verb):
            continue
        if (_cited(root) and index.sentence_of[j] == sent) or (m.kind == EntityKind.ORGANIZATION and _told(root)):
            continue
        role = ROLE_RANK.get(root.dep_, OTHER_ROLE)
        # a name inside a phrase fronted before the pronoun's own clause ("After the death of John
        # Smith in 1994 he stood aside") ranks as if a sentence earlier: the subject before it is meant
        fronted = index.sentence_of[j] == sent and _in_fronted_adjunct(root, doc[before])
        # in an earlier sentence the main clause's subject before an embedded one's; in the pronoun's
        # own, the nearer ("Mr Balls suggested that Mr Brown would meet his rule": Mr Brown's). Not
        # a speaker's before what he reported unless the pronoun speaks too: "Carl Emmerson told BBC
        # News: 'He thinks ...' David Page said: 'His forecast'" is still the chancellor's
        earlier = index.sentence_of[j] < sent
        depth = _embedding(root) if earlier and (speaking or _lemma(root.sent.root) not in reporting) else 0
        key = (index.sentence_of[j] - fronted, -role, -depth, tokens.start)
        if best_key is None or key > best_key:
            best, best_key = j, key
    return best


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _embedding(tok: Token) -> int:
    """How many clauses down from its sentence's main clause ``tok`` stands: of two subjects, the
    main clause's is the more salient ("Mr Balls had suggested that Mr Brown would meet his rule.
    He said ...": Mr Balls), as a walk of the tree from its top finds it first (Hobbs)."""
    depth = 0
    while tok.head.i != tok.i:
        depth += tok.dep_ in EMBEDDED_CLAUSES
        tok = tok.head
    return depth


def _in_fronted_adjunct(tok: Token, pronoun: Token) -> bool:
    """Whether ``tok`` lies in an adverbial phrase or clause that opens the clause whose subject
    ``pronoun`` is: "After the death of John Smith, he ...", "When Blair met Brown, he ..."."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = pronoun.head
    adjuncts = [c for c in verb.lefts if c.dep_ in ("prep", "advcl", "npadvmod") and c.i < pronoun.i]
    return any(a.left_edge.i <= tok.i <= a.right_edge.i for a in adjuncts)


def _parallel_subject(pronoun: Token) -> Token | None:
    """The plural noun that is the subject of the clause a subject pronoun's clause is coordinated
    with: "Opposition parties want ... but they accuse ...", which "they" goes on with."""
    verb = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "conj":
        return None
    subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject if subject is not None and subject.tag_ in ("NNS", "NNPS") else None


def _coordinated(root: Token) -> bool:
    """Whether a person's name is coordinated with another person's: "Kostas Kenteris and Katerina Thanou"."""
    others = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    return any(o.ent_type_ == "PERSON" for o in others)


def _after_comma(clause: Token) -> bool:
    """Whether a clause opens after a comma: it adds to what its noun names rather than telling it apart."""
    first = clause.left_edge.i
    return first > 0 and clause.doc[first - 1].text == ","


def _report_of(tok: Token, lex: lexicon.Lexicon) -> Token | None:
    """The reporting verb before ``tok`` whose complement clause ``tok`` is the subject (or
    possessive) of, with no clause that has a subject of its own between them: "Nike said its
    profit rose", "Matt Smith, who announced that he was leaving"."""
    if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
        return None
    clause = tok.head
    while clause.dep_ not in ("ccomp", "ROOT") and clause.head != clause:
        if clause.dep_ in ("relcl", "acl", "advcl", "pcomp") or any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i for c in clause.children
        ):
            return None  # another clause, with a subject of its own, between the word and the report
        clause = clause.head
    verb = clause.head
    if clause.dep_ != "ccomp" or verb.lemma_.lower() not in lex.reporting or verb.i > tok.i:
        return None
    return verb


def _governing_verb(pronoun: Token) -> Token | None:
    """The verb whose object (or prepositional object) a non-reflexive pronoun is: a pronoun never
    means its own clause's subject there ("Blair praised him" is not Blair; "himself" would be, and
    so would "his" standing for a noun: "Campbell used his")."""
    if pronoun.pos_ != "PRON" or pronoun.lower_.endswith(("self", "selves")) or pronoun.lower_ in OWN_PRONOUNS:
        return None
    head = pronoun.head
    if pronoun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif pronoun.dep_ not in ("dobj", "dative"):
        return None
    return head if head.pos_ in ("VERB", "AUX") else None


def _subject_of(verb: Token) -> int | None:
    """The index of the verb's subject, or of the noun a relative clause's pronoun subject stands for
    ("the bank that owns them": the bank)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return verb.head.i
    return subject.i


def quote_marks(doc: Doc) -> list[tuple[int, int, bool]]:
    """(opening mark, the closing mark or the end of the opening mark's sentence, whether it
    closed) of each quotation. A quote mark opens where a space or a line's start precedes it, and
    closes where it follows a word; one that the next mark or the paragraph's end leaves open
    closes with its sentence, as a quotation running on past a missing mark would otherwise
    swallow the narrative, or where the next mark opens the next quotation within that sentence
    ('... on myself. "He wants to ...': a quoted run that opens each sentence anew)."""
    found = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.text not in QUOTES or not _opens(tok):
            i += 1
            continue
        mark = next((t for t in doc[i + 1 :] if t.text in QUOTES or t.text.count("\n") > 1), None)
        if mark is not None and mark.text in QUOTES and not _opens(mark):
            found.append((i, mark.i, True))
            i = mark.i + 1
            continue
        end = mark.i if mark is not None and mark.text in QUOTES and mark.i < tok.sent.end else tok.sent.end
        found.append((i, end, False))
        i = end
    return found


def quotations(
    doc: Doc, lex: lexicon.Lexicon, marks: list[tuple[int, int, bool]] | None = None
) -> list[tuple[int, int, Token]]:
    """(first token, last token, speaker) of each quotation attributed to a speaker: by a reporting
    verb just after it ('," he said', '," said Keegan') or just before it ('Keegan told the radio
    station: "'); a quotation with neither continues the speaker of the one before it when nothing
    but that one's attribution stands between them ('..." he said. "The main concern is my age
    ...'; not after a sentence of narrative, which may bring in the next speaker). ``marks``: the
    document's ``quote_marks``, where already read."""
    found: list[tuple[int, int, Token]] = []
    last: tuple[int, Token] | None = None  # where the latest quotation ends, and its speaker
    for opening, end, closed in quote_marks(doc) if marks is None else marks:
        speaker = _speaker_after(doc, end, lex) if closed else None
        speaker = speaker or _speaker_before(doc, opening, lex)
        if speaker is None and last is not None and not _narrative(doc[last[0] + 1 : opening], lex):
            speaker = last[1]
        if speaker is not None and end > opening + 1:
            found.append((opening + 1, end - 1, speaker))
            last = (end, speaker)
    return found


def _narrative(between: Span, lex: lexicon.Lexicon) -> bool:
    """Whether the words between two quotations tell something of their own: a verb that does not
    report."""
    return any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in lex.reporting for t in between)


def _opens(tok: Token) -> bool:
    """Whether a quote mark opens a quotation: curly marks say so; a straight one opens after a
    space or a line's start and before a word."""
    if tok.text != '"':
        return tok.text == "“"
    before = tok.doc[tok.i - 1] if tok.i else None
    return (before is None or bool(before.whitespace_) or before.is_space) and not tok.whitespace_


def _speaker_after(doc: Doc, close: int, lex: lexicon.Lexicon) -> Token | None:
    for tok in doc[close + 1 : min(close + 1 + ATTRIBUTION_WINDOW, len(doc))]:
        if tok.text in QUOTES or tok.is_sent_start:
            return None
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.reporting:
            return subject(tok)
    return None


def _speaker_before(doc: Doc, open_: int, lex: lexicon.Lexicon) -> Token | None:
    if not open_ or doc[open_ - 1].text not in (":", ","):
        return None
    verb = doc[open_ - 1].head  # the verb the colon hangs from, however far: "Guti told ... radio station:"
    for tok in (verb, *reversed(doc[max(0, open_ - 1 - ATTRIBUTION_WINDOW) : open_ - 1])):
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.reporting:
            return subject(tok)
    return None
