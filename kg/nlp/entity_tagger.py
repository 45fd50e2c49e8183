"""Entity tagging on top of spaCy's NER: correct its labels with gazetteers and context, and
add the actors it does not tag (collective groups, organisation descriptions) and assets.

The result is ``doc.ents`` with spaCy's labels plus three of ours:
GROUP (protesters, police), ORGDESC (the interior ministry) and ASSET (bitcoin, oil).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg import gazetteer, lexicon
from kg.lexicon import ORG_HEADS, SCALES, SUBTYPE_NOUNS
from kg.model import Place
from kg.nlp.candidates import WordFilter, with_pos

NUMERIC = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"})
MISC = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
# words that, alone, make no person's name: "Deputy Inspector General", a dateline's "Tue Jul"
TITLE_MODIFIERS = frozenset(
    {"deputy", "senior", "chief", "assistant", "additional", "joint", "vice", "acting", "former"}
)
# words of time that open a sentence and so are capitalised: "Past Congressional Budget Office forecasts"
WHEN_MODIFIERS = frozenset({"past", "previous", "recent", "current", "future", "then", "former"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})
# adjectives that count or size a group rather than describe it
QUANTIFYING = frozenset(
    {
        "many",
        "several",
        "few",
        "other",
        "more",
        "most",
        "some",
        "numerous",
        "various",
        "thousand",
        "hundred",
        "dozen",
        "million",
        "all",
        "both",
        "such",
        "own",
    }
)


def modifier_start(tok: Token) -> int:
    """Index of the first token of the modifiers directly left of ``tok`` ("foreign-trained gangs")."""
    start = tok.i
    for child in reversed(list(tok.lefts)):
        if child.i < start - 1 and not all(t.text in QUOTES for t in tok.doc[child.i + 1 : start]):
            break
        if child.text in QUOTES and child.dep_ == "punct":
            continue
        if child.dep_ not in MODIFIER_DEPS or child.lower_ in QUANTIFYING or child.like_num:
            break
        start = child.left_edge.i
    while start < tok.i and tok.doc[start].text in QUOTES:
        start += 1
    return start


# roles held where one stands, not for whom one works: "a protester at Tahrir Square" is there
PRESENT_AT = frozenset({"protester", "demonstrator", "activist", "campaigner", "resident", "witness", "member"})


class EntityTagger:
    """The ``kg_entities`` pipeline component."""

    def __init__(self, *, large_city: int = gazetteer.LARGE_CITY) -> None:
        self.lex = lexicon.load()
        self.gaz = gazetteer.load()
        self.large_city = large_city
        # the last word of "security force", "natural gas": where a description or asset ends
        heads = {w.split()[-1] for w in (*self.lex.groups, *self.lex.org_descriptions)}
        # "MPs", "MEPs": an acronym's plural, whose lemma the tagger often leaves as it is written
        self.description_words = WordFilter(heads | {w + "s" for w in heads})
        self.asset_words = WordFilter({w.split()[-1] for w in self.lex.assets})

    def __call__(self, doc: Doc) -> Doc:
        spans = [s for s in (self._relabel(ent) for ent in _joined(doc.ents)) if s is not None]
        clubs = self._clubs_by_prefix(doc)
        spans = [s for s in spans if not any(s.start < c.end and c.start < s.end for c in clubs)] + clubs
        spans = _companies(_one_sense([self._in_place_list(s) for s in spans]))
        spans = self._short_names(self._people_by_surname(_proper_only(doc, spans)))
        spans = [s for s in spans if not self._unknown_place(s)]
        surnames = self._surnames(spans)
        spans += self._descriptions(doc, surnames)
        spans += self._assets(doc)
        spans += self._untagged_names(doc, spans, surnames)
        spans += _named_again(doc, spans)
        doc.ents = filter_spans(spans)
        return doc

    # -- names the NER found --------------------------------------------------------------
    def _club(self, span: Span) -> bool:
        """A town's name and a club's word that the gazetteer does not know whole (it knows "Mexico
        City"): "Birmingham City", "Leeds United", "Bristol Rovers"."""
        if len(span) < 2 or not self.lex.in_class("club", span[-1].lower_):
            return False
        return self.gaz.lookup(span[:-1].text) is not None

    def _clubs_by_prefix(self, doc: Doc) -> list[Span]:
        """A club's capitalised first word and a town's name, whatever the tagger read: "Real
        Madrid" (Madrid, a place), "Bayern Munich" (a place), "Werder Bremen" (a person), "Celta
        Vigo" (nothing); the word class ``club_prefix``."""
        return [
            Span(doc, tok.i, tok.i + 2, label="ORG")
            for tok in doc[:-1]
            if (tok.is_title or tok.is_upper)
            and self.lex.in_class("club_prefix", tok.lower_)
            and doc[tok.i + 1].is_title
            and self.gaz.lookup(doc[tok.i + 1].text) is not None
        ]

    def _relabel(self, ent: Span) -> Span | None:
        label = ent.label_
        if label in NUMERIC:
            return ent
        span = _trim(ent)
        if span is None or not any(ch.isupper() for ch in span.text):
            return None  # "tsunamis", "the south east" tagged as names: a name has a capital
        if label == "PERSON":
            span = self._without_demonym(self._with_first_names(span))
        text, root = span.text, span.root
        if (
            len(span) == 1
            and root.pos_ == "NOUN"
            and (root.lemma_.lower() in self.lex.events.nouns or root.lemma_.lower() in self.lex.groups)
        ) or (_acronym_plural(root) in self.lex.groups and span.end == root.i + 1):
            return None  # "Protests" tagged NORP is an event, "Protesters" a group, "Labour MPs" too
        if self.lex.in_class("award", span[-1].lower_):
            return None  # "Oscar" tagged a person, "the Grammy Awards" a place: an award or its ceremony
        if label in ("ORG", "PERSON") and len(span) > 1 and headline(span.sent) and self._tells_news(span):
            return None  # "Oil Prices Surge After Saudi Attack Halts Output": a headline's words, no name
        if text.lower() in self.lex.assets:
            return Span(span.doc, span.start, span.end, label="ASSET")
        demonym = self.gaz.country_of_demonym(text) is not None
        hit = None if demonym else self.gaz.lookup(text)  # "Kazakh" is a people, not a city's other name
        if hit is not None and self._is_place(span, hit):
            return Span(span.doc, span.start, span.end, label="LOC" if hit[1] == "Continent" else "GPE")
        if self._club(span) and label in ("GPE", "LOC"):
            return Span(span.doc, span.start, span.end, label="ORG")
        if label in ("GPE", "LOC", "FAC") and _owned_by_organisation(span):
            return None  # "Nintendo's Game Cube", "BBC One's Breakfast": a product, no place
        if label == "NORP" or demonym:
            if root.dep_ in ("amod", "compound", "nmod") or root.pos_ == "ADJ" or root.tag_ not in ("NNS", "NNPS"):
                return None  # "Russian troops", "Welsh assembly", "a Cuban": not a collective actor
            return Span(span.doc, span.start, span.end, label="GROUP")
        if _names_product(span):
            return None  # "the Pontiac G6", "its Avalon sedan"
        if label in MISC:
            # an organisation by apposition; anything else is left for the untagged-name rules
            return Span(span.doc, span.start, span.end, label="ORG") if self._names_organisation(span) else None
        if label in ("PERSON", "ORG") and len(span) > 1 and self.lex.in_class("facility", span[-1].lower_):
            return Span(span.doc, span.start, span.end, label="FAC")  # "Sardar Patel Marg", "Azad Maidan"
        if label in ("PERSON", "ORG") and span[-1].lower_ in LAW_HEADS and (len(span) > 1 or _after_bracket(span)):
            return None  # "the Finance Bill", "the Sarbanes-Oxley Act", "(Scotland) Act": a law, not an actor
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if label in ("PERSON", "ORG") and after is not None and after.lower_ in LAW_HEADS and after.is_title:
            return None  # "the Mental Capacity Bill" tagged without its "Bill": a law's name too
        if label == "PERSON" and len(span) > 1 and self._org_head(span[-1]):
            return Span(span.doc, span.start, span.end, label="ORG")  # "Economist Intelligence Unit"
        if label in ("PERSON", "ORG") and all(self._not_a_name(t) for t in span):
            return None  # "Deputy Inspector General": a title, no one's name
        if label in ("ORG", "GPE", "LOC", "FAC") and len(span) > 1 and self._honorific(span[0]):
            return Span(span.doc, span.start, span.end, label="PERSON")  # "Ms Blears", "Sir Digby Jones"
        if (label in ("GPE", "LOC", "FAC") and self._names_organisation(span)) or (
            label == "PERSON" and self._described_before(span)
        ):
            # "Italian airline Alitalia", "equipment supplier Ericsson"; a person's name stands in
            # apposition to a body in lists ("Annie Lennox, metal group Motorhead") and descriptions
            return Span(span.doc, span.start, span.end, label="ORG")
        if label in ("GPE", "LOC", "FAC") and self._employer(span):
            return Span(span.doc, span.start, span.end, label="ORG")  # "chief economist at Gerrard"
        if label in ("ORG", "GPE", "LOC", "FAC") and self._after_role(span):
            # "spokesman Glyn Davies"; "South African President Thabo Mbeki", which the small
            # pipeline calls a place (a name the gazetteer knows was read as a place above)
            return Span(span.doc, span.start, span.end, label="PERSON")
        if label == "ORG" and self._relative(span):
            return Span(span.doc, span.start, span.end, label="PERSON")  # "Viktor Pinchuk, Mr Kuchma's son-in-law"
        if label == "ORG" and self._titled_name(span):
            return Span(span.doc, span.start, span.end, label="PERSON")  # "District Collector B. Janardhan Reddy"
        if label == "PERSON" and any(ch.isdigit() for ch in text):
            # no one's name has a digit: "O2", "MI6" are bodies, "Wales 13-" a score
            coded = all(t.is_alpha or (t.text.isalnum() and t.text[0].isupper()) for t in span)
            return Span(span.doc, span.start, span.end, label="ORG") if coded else None
        if label == "PERSON" and len(span) == 1 and (not _capitalised(span[0]) or span[0].tag_ in ("NNS", "NNPS")):
            return None  # "Jobcentres": a plural is not one person
        if label == "PERSON" and len(span) == 1 and span.start > 0 and span.doc[span.start - 1].lower_ == "the":
            return None  # "the Premiership", "the Bill", "the Scot": no one's name takes "the"
        plural = span[-1].tag_ == "NNPS" and span[-1].lower_.endswith("s")
        before = span.doc[span.start - 1] if span.start > 0 else None
        counted = before is not None and before.tag_ in ("DT", "CD", "JJ", "PRP$")  # "the young Billy Elliots"
        first_name = len(span) > 1 and span[0].lower_ in self.lex.first_names and not counted
        if label == "PERSON" and plural and not first_name and not self._after_role(span):
            # "the Lib Dems": a party's people; but "Chief Superintendent, Mick Deats" and "Warren
            # Jeffs" (a first name, then a surname the tagger read as a plural) are one person
            return Span(span.doc, span.start, span.end, label="GROUP")
        if label == "PERSON" and len(span) == 1 and root.dep_ == "poss" and root.head.ent_type_ == "PERSON":
            return Span(span.doc, span.start, span.end, label="ORG")  # "Labour's Elizabeth Blackman": a body
        if label == "PERSON" and len(span) == 1 and root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near"):
            return Span(span.doc, span.start, span.end, label="GPE")  # "in Kupwara": people are not "in" a name
        return span

    def _after_role(self, span: Span) -> bool:
        """A name of capitalised words just after a role noun that modifies it ("local government
        spokesman Glyn Davies") or that it stands in apposition to ("the party's leader, Nicola
        Sturgeon") names a person, whatever the NER says."""
        if span.start == 0 or not all(t.pos_ == "PROPN" and t.is_title for t in span):
            return False
        root = span.root
        before = span.doc[span.start - 1]
        if root.dep_ == "appos" and root.head.lower_ in self.lex.titles and before.text == ",":
            return True
        if not span.start <= before.head.i < span.end:
            return False
        # "analysts Gartner" is a firm (the role words are singular); "vice president Boeing" too: after a
        # role noun a one-word name may be the body, after an honorific ("Mr Holiff") it is not
        # "the official North East Says No campaign": an adjective, not the role
        role = before.lower_ in self.lex.titles and before.pos_ != "ADJ"
        return self._honorific(before) or (role and len(span) > 1)

    def _relative(self, span: Span) -> bool:
        """A name in apposition to someone's relative: no body is anyone's son-in-law."""
        return any(c.dep_ == "appos" and self.lex.titles.get(c.lemma_.lower()) == "kin" for c in span.root.children)

    def _tells_news(self, span: Span) -> bool:
        """Whether a span holds a word that names an event ("Attack", "Halts")."""
        events = self.lex.events
        return any(t.lemma_.lower() in events.nouns or t.lemma_.lower() in events.verbs for t in span)

    def _with_first_names(self, span: Span) -> Span:
        """A person's first names the tagger left out: "Luiz" of "Luiz Inacio Lula da Silva"
        (capitalised proper nouns, compounds of the name, no title and no other entity)."""
        doc, start = span.doc, span.start
        while start > 0:
            tok = doc[start - 1]
            if (
                tok.ent_type_
                or tok.tag_ != "NNP"
                or not _capitalised(tok)
                or tok.dep_ != "compound"
                or not span.start <= tok.head.i < span.end
                or self._not_a_name(tok)
                or (start > 1 and doc[start - 2].lower_ in ("and", "&", ",", "of", "for"))  # "... and Families"
            ):
                break
            start -= 1
        return Span(doc, start, span.end, label=span.label_) if start < span.start else span

    def _without_demonym(self, span: Span) -> Span:
        """ "Briton Hayley Yelling", "Hungarian Melinda Czink": a nationality written before a name
        says who the person is and is no part of the name."""
        start = span.start
        while start < span.end - 1 and self.gaz.country_of_demonym(span.doc[start].text) is not None:
            start += 1
        return Span(span.doc, start, span.end, label=span.label_) if start > span.start else span

    def _titled_name(self, span: Span) -> bool:
        """Titles, then a capitalised name: a person the tagger took for an organisation."""
        k = 0
        while k < len(span):
            pair = f"{span[k].lower_} {span[k + 1].lower_}" if k + 1 < len(span) else ""
            if pair in self.lex.titles:
                k += 2
            elif self._not_a_name(span[k]):
                k += 1
            else:
                break
        rest = span[k:]
        # two words at least, beyond one title: "General Motors" is a company; and no organisation
        # word at the end: "Student Representative Council" is a body
        return (
            k > 0
            and k + len(rest) >= 3
            and len(rest) <= 4
            and all(t.tag_ == "NNP" and not self._not_a_name(t) for t in rest)
            and not self._org_head(rest[-1])
        )

    def _org_head(self, tok: Token) -> bool:
        """A word that ends the names of bodies, not people: "Council", "Unit", "United"."""
        word = tok.lower_
        return word in self.lex.organizations or word in ORG_HEADS or word in CLUB_HEADS

    def _not_a_name(self, tok: Token) -> bool:
        word = tok.lower_.rstrip(".")
        return word in self.lex.titles or word in TITLE_MODIFIERS or self.lex.in_class("calendar", word)

    def _is_place(self, span: Span, hit: tuple[str, str, Place, int]) -> bool:
        """Whether a name the gazetteer knows (``hit``) is the place here. Countries, continents and
        names the tagger calls places are; a person's name that is also a town ("Howard") is not,
        unless the context is locative; an organisation's name is a place only for very large
        cities not used as a company or brand ("Almaty", not "Toyota sales"), and never by a city's
        other name ("investors in Google", once a name of Topeka; "the White House")."""
        label, root = span.label_, span.root
        _, subtype, _, population = hit
        if label in ("GPE", "LOC", "FAC", "NORP") or subtype in ("Country", "Continent"):
            return True
        if subtype == "City" and gazetteer.normalize(span.text) != gazetteer.normalize(hit[0]):
            return False
        if self._locative(root):
            return True
        if subtype == "Region":
            # a county's name is also its sports team's ("Lancashire won"); a two-word state's
            # name ("Andhra Pradesh", "West Bengal") is the place unless it modifies a noun
            return label != "ORG" or (len(span) > 1 and not _modifies(span) and not self._names_organisation(span))
        if label == "PERSON":
            return population >= self.large_city  # "Buenos Aires" in a headline the tagger misread
        return (
            label == "ORG"
            and population >= self.large_city
            and not self._names_organisation(span)
            and not _names_product(span)
            and not _modifies(span)
        )

    def _in_place_list(self, span: Span) -> Span:
        """An organisation or person name listed with places and known as a place is a place:
        "Cardiff, Bangor, Aberystwyth and Wrexham"."""
        if span.label_ not in ("ORG", "PERSON"):
            return span
        known = self.gaz.lookup(span.text) is not None
        if (known and self._locative(span.root) and span.root.dep_ != "pobj") or self._town(span.root):
            return Span(span.doc, span.start, span.end, label="GPE")
        return span

    def _names_organisation(self, span: Span) -> bool:
        """Appositive to an organisation noun ("cryptocurrency site The Block"), or just after one
        that modifies it."""
        root, kinds = span.root, self.lex.organizations
        if root.dep_ == "appos" and root.head.lemma_.lower() in kinds:
            return True
        appositive = any(c.dep_ == "appos" and c.lemma_.lower() in kinds for c in root.children)
        return appositive or self._described_before(span)

    def _described_before(self, span: Span) -> bool:
        """Just after an organisation noun that modifies it: "telecoms supplier Ericsson"."""
        before = span.doc[span.start - 1] if span.start else None
        return (
            before is not None
            and before.tag_ == "NN"  # "film-makers Roger Michell, Mike Leigh ...": a plural lists people
            and before.dep_ in ("compound", "nmod")
            and span.start <= before.head.i < span.end
            and _written_lemma(before) in self.lex.organizations
        )

    def _employer(self, span: Span) -> bool:
        """Where someone in a role works: "chief economist at Gerrard", "a spokesman for Tesco"
        (read only for a name no gazetteer knows as a place: "a student at Cambridge" stays one)."""
        root = span.root
        prep = root.head
        return (
            root.dep_ == "pobj"
            and prep.lower_ in ("at", "for")
            and prep.dep_ == "prep"
            and prep.head.tag_ == "NN"
            and self.lex.titles.get(prep.head.lemma_.lower()) == "role"
            and prep.head.lemma_.lower() not in PRESENT_AT
        )

    # -- proper nouns the NER missed ---------------------------------------------------------
    def _untagged_names(self, doc: Doc, spans: list[Span], surnames: set[str]) -> list[Span]:
        """Proper nouns outside every span, read from their context: "in Cardiff" or "Cardiff,
        Bangor and Wrexham" is a place the gazetteer knows; "Piers Freelove is a senior officer"
        or "said Jose Lopez" is a person, and so is the surname alone of a person named in full
        ("Robben had a scan" after "Arjen Robben"), except where a place stands."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        found = []
        for tok in with_pos(doc, "PROPN"):
            if tok.i in taken or not _capitalised(tok) or (tok.dep_ == "compound" and tok.head.pos_ != "NOUN"):
                continue  # a compound of a longer name is read with the name's last word
            # title-case compounds belong to the name even when tagged as nouns ("Piers Freelove")
            start = min([tok.i, *(c.i for c in tok.lefts if c.dep_ == "compound" and _capitalised(c))])
            if any(i in taken for i in range(start, tok.i)):
                continue
            name = doc[start : tok.i + 1]
            if self.lex.in_class("award", tok.lower_):
                continue  # "the Golden Globes": an award's ceremony, no team
            if tok.dep_ == "compound":
                # "the Iraq war", "the South Korea deal" (the tagger took the first for a named
                # event): a country that modifies a noun
                if self._country(name.text):
                    found.append(Span(doc, start, tok.i + 1, label="GPE"))
                continue
            if (self.gaz.lookup(name.text) is not None and self._locative(tok)) or self._town(tok):
                found.append(Span(doc, start, tok.i + 1, label="GPE"))
            elif self._surname(name, surnames) and not self._locative(tok):
                found.append(Span(doc, start, tok.i + 1, label="PERSON"))
            elif len(name) >= 2 and self.lex.in_class("facility", tok.lower_):
                found.append(Span(doc, start, tok.i + 1, label="FAC"))  # "Downing Street has confirmed"
            elif len(name) >= 2 and (self._described_as_person(tok) or self._honorific(name[0])):
                found.append(Span(doc, start, tok.i + 1, label="PERSON"))
            elif self._names_organisation(name) or self._team(tok, name):
                found.append(Span(doc, start, tok.i + 1, label="ORG"))  # "Russian gas monopoly Gazprom"
        return found

    def _team(self, tok: Token, name: Span) -> bool:
        """A plural proper name that acts or is acted on and that the tagger left untagged: a team
        or a band ("the Colts clinched a playoff berth", "lost to the Kansas City Chiefs"); not a
        people ("the Kurds"), a place ("the Alps") or an event ("the Olympics")."""
        words = {tok.lower_, tok.lower_[:-1], tok.lemma_.lower()}  # "Games": game
        return (
            tok.tag_ == "NNPS"
            and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
            and _definite_name(name)
            and not headline(tok.sent)
            and self.gaz.country_of_demonym(tok.text) is None
            and self.gaz.lookup(name.text) is None
            and not any(w in self.lex.events.nouns or w in self.lex.eventive_nouns for w in words)
        )

    def _people_by_surname(self, spans: list[Span]) -> list[Span]:
        """A name that repeats the surname of a person named in full in the article is that person,
        whatever the NER or the gazetteer say: "John Houston ... Houston said" is no city, "Kilroy-Silk"
        no company; so is a place that repeats a first name ("Paul Boateng ... I congratulate Paul":
        no town of Cape Verde). Where a place stands ("in Houston") it stays a place, unless a title
        says who ("close to Mr Hockney"). A name in full the tagger called a body is a person too when
        the article writes its surname alone as a person's: "Peter Molyneux ... Molyneux said"."""
        people = [s for s in spans if _in_full(s)]
        surnames = self._surnames(spans)
        # a first name makes a person of a place only, never of an organisation (Chelsea Clinton
        # leaves Chelsea a club), and never of a country (Jordan)
        first = {
            s[0].text for s in people if s[0].is_title and not self._honorific(s[0]) and not self._country(s[0].text)
        }
        alone = {s.text for s in spans if s.label_ == "PERSON" and len(s) == 1}
        return [
            Span(s.doc, s.start, s.end, label="PERSON")
            if (
                (s.label_ in ("GPE", "LOC", "FAC", "ORG") and s.text in surnames)
                or (s.label_ in ("GPE", "LOC", "FAC") and s.text in first)
                or (s.label_ == "ORG" and s[-1].text in alone and self._personal_name(s))
            )
            and (not self._locative(s.root) or (s.start > 0 and self._honorific(s.doc[s.start - 1])))
            else s
            for s in spans
        ]

    def _short_names(self, spans: list[Span]) -> list[Span]:
        """A one-word "person" that is the first word of an organisation named in full in the
        article is that organisation, unless a person named in full there has it for a name or the
        organisation's name is written as a person's: "Jet Airways ... Jet, which was founded by
        Naresh Goyal", "Jet's IPO"; not "Kilroy" of "Kilroy-Silk", nor "Laci" of "Laci and Conner", which
        the NER took for a body where it tags both as people."""
        people = {n for s in spans if s.label_ == "PERSON" and len(s) > 1 for n in (s[0].text, s[-1].text)}
        named = people | {s.text for s in spans if s.label_ == "PERSON"}
        firsts = {
            s[0].text
            for s in spans
            if s.label_ == "ORG"
            and len(s) > 1
            and s[0].is_title
            and s[0].whitespace_
            and s[-1].text not in named
            and not self._personal_name(s)
        }
        return [
            Span(s.doc, s.start, s.end, label="ORG")
            if s.label_ == "PERSON" and len(s) == 1 and s.text in firsts - people
            else s
            for s in spans
        ]

    def _personal_name(self, span: Span) -> bool:
        """Whether ``span`` is written as a person's name: a first name or an initial, then one or two
        capitalised words, the last no body's ("Cyril Fletcher", "B Jackman"; not "Deutsche Boerse",
        "Manchester City", "Reporters Without Borders")."""
        first = span[0].lower_ in self.lex.first_names or (len(span[0]) == 1 and span[0].is_upper)
        return (
            first
            and len(span) in (2, 3)
            and all(t.is_alpha and t.is_title for t in span)
            and all(t.whitespace_ for t in span[:-1])
            and not self._org_head(span[-1])
        )

    def _surname(self, name: Span, surnames: set[str]) -> bool:
        """Whether ``name`` is one of ``surnames``, a title before it or not ("Mr McConnell")."""
        return name.text in surnames or (len(name) > 1 and self._honorific(name[0]) and name[1:].text in surnames)

    def _surnames(self, spans: list[Span]) -> set[str]:
        """The surnames (last word, or all but the first) of the people named in full; a country is
        seldom one ("Hotel Rwanda" tagged as a person leaves Rwanda a country)."""
        people = (s for s in spans if _in_full(s))
        return {n for s in people for n in (s[-1].text, s[1:].text) if not self._country(n)}

    def _country(self, name: str) -> bool:
        hit = self.gaz.lookup(name)
        return hit is not None and hit[1] in ("Country", "Continent")

    def _unknown_place(self, span: Span) -> bool:
        """A "place" neither the gazetteer, a preposition of place nor a noun of place ("the village
        of ...", "Mangistau, a western province") knows: the small pipeline's guess for most
        capitalised words it cannot read ("Linux", "Cabir", "Bafta", "Unison"), left to the rules
        for untagged names, which read it from its context."""
        if span.label_ != "GPE" or self.gaz.lookup(span.text) is not None or self._locative(span.root):
            return False
        root = span.root
        related = [*root.children, root.head.head if root.dep_ == "pobj" else root.head]
        return not any(t.lemma_.lower() in SUBTYPE_NOUNS for t in related)

    def _locative(self, tok: Token) -> bool:
        """Where a place name stands: after "in", "at"..., or in a list with other places."""
        if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS and tok.head.head.lower_ != "according":
            return True  # "in Cardiff"; "according to Mandaric" names a source
        if self._with_region(tok) or (tok.dep_ == "appos" and tok.head.ent_type_ in ("GPE", "LOC")):
            return True  # "Hartpury, Gloucestershire": both names are places
        listed = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
        return any(
            t.ent_type_ in ("GPE", "LOC") or (t.pos_ == "PROPN" and self.gaz.lookup(t.text) is not None) for t in listed
        )

    def _with_region(self, tok: Token) -> bool:
        """ "Hartpury, Gloucestershire": a name followed by its county or country."""
        for c in tok.children:
            hit = self.gaz.lookup(c.text) if c.dep_ == "appos" and c.pos_ == "PROPN" else None
            if hit is not None and hit[1] in ("Region", "Country"):
                return True
        return False

    def _town(self, tok: Token) -> bool:
        """A place by context alone: "from Hartpury, Gloucestershire" (the gazetteer lacks small towns)."""
        return self._with_region(tok) and tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS

    def _honorific(self, tok: Token) -> bool:
        """ "Shri V Ramesh", "Mr Ramesh": a title that only ever stands before a person's name."""
        return self.lex.titles.get(tok.lower_.rstrip(".")) == "title"

    def _described_as_person(self, tok: Token) -> bool:
        """A role noun beside the name (apposition or copula), or a verb of saying with it as subject."""
        titles = self.lex.titles
        for other in [*tok.children, tok.head, *tok.head.children]:
            if other.dep_ in ("appos", "attr") and other.lemma_.lower() in titles and other != tok:
                return True
        return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.lex.reporting

    # -- descriptions: groups and organisations named by common nouns ----------------------
    def _descriptions(self, doc: Doc, surnames: set[str]) -> list[Span]:
        spans = []
        for tok in self.description_words.tokens(doc):
            acronym = _acronym_plural(tok) is not None
            if not acronym and (tok.pos_ not in ("NOUN", "PROPN") or (tok.pos_ == "PROPN" and not tok.is_sent_start)):
                continue
            if _capitalised(tok) and tok.text in surnames:
                # "Banks told the club's website" after "physio Mike Banks": the man, no banks
                spans.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
                continue
            label = self._description_label(tok)
            if label:
                desc = Span(doc, modifier_start(tok), tok.i + 1, label=label)
                spans.append(desc)
                name = self._named_by_apposition(desc)
                if name is not None:
                    spans.append(name)
        return spans

    def _named_by_apposition(self, desc: Span) -> Span | None:
        """ "Metrovias, the private firm": a proper noun the tagger missed, named by its description."""
        root = desc.root
        if root.dep_ != "appos" or root.head.pos_ != "PROPN" or root.head.ent_type_:
            return None
        name = root.head
        start = min([name.i, *(c.i for c in name.lefts if c.dep_ == "compound" and c.pos_ == "PROPN")])
        return Span(desc.doc, start, name.i + 1, label="ORG" if desc.label_ == "ORGDESC" else "PERSON")

    def _description_label(self, tok: Token) -> str | None:
        plural = _acronym_plural(tok)
        lemma = plural or tok.lemma_.lower()
        entry = self.lex.groups.get(lemma)
        for child in tok.lefts:
            two = f"{child.lemma_.lower()} {lemma}"
            if child.dep_ == "compound" and two in self.lex.groups:
                entry = self.lex.groups[two]
        head_entry = self.lex.groups.get(tok.head.lemma_.lower())
        if tok.dep_ == "compound" and (head_entry is None or entry is None or head_entry[0] != entry[0]):
            return None  # "police spokeswoman", "cabinet minister"; but "police officers" is one group
        if entry is not None:
            _sense, cls, number = entry
            if any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.rights) and tok.tag_ == "NN":
                return None  # "his opposition to the war", "resistance to reform": a stance, no body
            if number == "any" or tok.tag_ in ("NNS", "NNPS") or plural:
                return "GROUP" if cls == "Group" else "ORGDESC"
        if lemma in self.lex.org_descriptions and tok.tag_ == "NN":
            determined = any(
                (c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their")) or c.dep_ == "poss"
                for c in tok.children
            )
            modified = any(c.dep_ in ("compound", "amod") for c in tok.lefts)
            if determined or modified:
                return "ORGDESC"
        return None

    # -- assets -----------------------------------------------------------------------------
    def _in_non_asset_phrase(self, tok: Token) -> bool:
        doc = tok.doc
        before = f"{doc[tok.i - 1].lower_} {tok.lower_}" if tok.i > 0 else ""
        after = f"{tok.lower_} {doc[tok.i + 1].lemma_.lower()}" if tok.i + 1 < len(doc) else ""
        return before in self.lex.not_assets or after in self.lex.not_assets

    def _asset_phrase(self, tok: Token) -> bool:
        """The first word of a two-word asset: "Crude" of "Crude oil"."""
        doc = tok.doc
        return tok.i + 1 < len(doc) and f"{tok.lower_} {doc[tok.i + 1].lower_}" in self.lex.assets

    def _assets(self, doc: Doc) -> list[Span]:
        spans = []
        for tok in self.asset_words.tokens(doc):
            # a capitalised name the tagger took for an adjective, as in a headline: "Bitcoin slumps"
            named = tok.pos_ in ("NOUN", "PROPN") or (
                tok.pos_ == "ADJ" and tok.is_title and not self._asset_phrase(tok)
            )
            if not named or tok.dep_ == "npadvmod" or self._in_non_asset_phrase(tok):
                continue
            kind = self.lex.assets.get(tok.lower_) or self.lex.assets.get(tok.lemma_.lower())
            counted = _counted_from(tok) if kind in MONEY_ASSETS else None
            if counted is not None:
                # "a loss of 27.2m euros", "2.05 euros": a number counting a currency makes an amount
                # of money (which the NER, reading "27.2" alone, left a number), not the currency
                spans.append(Span(doc, counted, tok.i + 1, label="MONEY"))
                continue
            if tok.i > 0 and f"{doc[tok.i - 1].lower_} {tok.lower_}" in self.lex.assets:
                spans.append(Span(doc, tok.i - 1, tok.i + 1, label="ASSET"))
            elif tok.lower_ in self.lex.assets or tok.lemma_.lower() in self.lex.assets:
                spans.append(Span(doc, tok.i, tok.i + 1, label="ASSET"))
        return spans


# the assets a number before them counts as money ("2.05 euros", "3 bitcoins"), unlike "2005 oil"
MONEY_ASSETS = frozenset({"currency", "crypto-asset"})
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "across",
        "outside",
        "inside",
        "including",
        "throughout",
        "around",
        "towards",
        "toward",
    }
)


# last words of the names of laws
LAW_HEADS = frozenset({"bill", "act", "treaty", "convention", "directive", "amendment"})
# last words of the names of teams and bodies that are no one's surname: "Manchester United"
CLUB_HEADS = frozenset({"united", "unit", "rovers", "wanderers", "athletic"})
# what companies have, and persons seldom: "Yukos shares", "Pfizer's profits", "shares in Pfizer"
HOLDINGS = frozenset({"share", "stake", "shareholder", "takeover", "acquisition", "subsidiary", "unit", "division"})
OWNED = frozenset({"share", "stake"})  # "Khodorkovsky's shares": a person's holding
COMPANY_NOUNS = HOLDINGS | frozenset(
    {"stock", "profit", "revenue", "earnings", "sale", "executive", "chairman", "board", "merger", "bid"}
    | {"customer", "factory", "plant", "brand", "drug", "product"}
)
# nouns that make a name before them a product: "the redesigned Avalon sedan"
PRODUCT_NOUNS = frozenset(
    {
        "sedan",
        "car",
        "model",
        "vehicle",
        "truck",
        "suv",
        "phone",
        "smartphone",
        "handset",
        "tablet",
        "laptop",
        "console",
        "drug",
        "vaccine",
        "jet",
        "plane",
        "aircraft",
        "airliner",
        "engine",
        "chip",
        "processor",
        "software",
        "app",
        "game",
        "brand",
        "hybrid",
        "coupe",
        "hatchback",
        "pickup",
        "motorbike",
        "camera",
        "device",
        "rifle",
        "missile",
        "tank",
    }
)


def _definite_name(name: Span) -> bool:
    """A name with "the" before it, not opening its sentence: "lost to the Kansas City Chiefs";
    a capitalised plural at a sentence's start is as often a common noun ("Historians say")."""
    before = name.doc[name.start - 1] if name.start else None
    return before is not None and before.lower_ == "the" and not before.is_sent_start


def _in_full(span: Span) -> bool:
    """A person named in full: words apart ("John Houston", "Robert Kilroy-Silk"), not one word
    hyphenated, which the tagger also calls a person ("the old Tory-Labour debate": no Mr Labour)."""
    return span.label_ == "PERSON" and any(t.whitespace_ for t in span[:-1])


def _acronym_plural(tok: Token) -> str | None:
    """The singular, in lower case, of an acronym written with a plural "s" ("MPs": "mp", "MEPs"),
    which the tagger reads as a singular noun, a name or even a verb about half the time in BBC news
    ("Labour MPs": NN, lemma "mps")."""
    text = tok.text
    return text[:-1].lower() if len(text) >= 3 and text[-1] == "s" and text[:-1].isupper() else None


def _capitalised(tok: Token) -> bool:
    """Written as a name is: a capital first and lower case after ("McConnell", "Blair"), which
    ``is_title`` refuses to a name with a capital inside; not all capitals ("BBC"), not lower case."""
    return tok.text[:1].isupper() and any(ch.islower() for ch in tok.text)


def _named_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """A one-word organisation or place the NER tagged once, written again where it left it out
    ("where Labour is targeted ... Labour say"): the same name with the same label."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    names = {s.text: s.label_ for s in spans if len(s) == 1 and s.label_ in ("ORG", "GPE")}
    return [
        Span(doc, t.i, t.i + 1, label=names[t.text])
        for t in doc
        if t.i not in taken
        and t.text in names
        and t.text[:1].isupper()
        and t.pos_ in ("NOUN", "PROPN")
        and t.dep_ != "compound"
    ]


def _one_sense(spans: list[Span]) -> list[Span]:
    """One name, one kind of thing per article: "Toyota" tagged a company twice and a city
    once is a company (the majority label; on a tie, the first)."""
    votes: dict[str, list[str]] = {}
    for s in spans:
        if s.label_ in ("PERSON", "ORG", "GPE"):
            votes.setdefault(s.text, []).append(s.label_)
    best = {text: max(labels, key=labels.count) for text, labels in votes.items() if len(set(labels)) > 1}
    return [Span(s.doc, s.start, s.end, label=best[s.text]) if s.text in best else s for s in spans]


def _companies(spans: list[Span]) -> list[Span]:
    """A one-word "person" that has shares, profits or a chief executive somewhere in the article
    is a company ("Yukos shares", "shares in Pfizer", "Pfizer's profits"); not a surname of a
    person named in full there."""
    surnames = {s[-1].text for s in spans if s.label_ == "PERSON" and len(s) > 1}
    business = {s.text for s in spans if len(s) == 1 and s.text not in surnames and _in_business(s.root)}
    return [
        Span(s.doc, s.start, s.end, label="ORG") if s.label_ == "PERSON" and s.text in business else s for s in spans
    ]


def _written_lemma(tok: Token) -> str:
    """The lemma of the word ``tok`` ends as written, hyphen and all: the tokenizer splits
    "think-tank" and "start-up" ("UK think-tank Demos", "internet start-up Blinkx")."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ and not doc[tok.i - 1].whitespace_:
        return f"{doc[tok.i - 2].lower_}-{tok.lemma_.lower()}"
    return tok.lemma_.lower()


def _after_bracket(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].text == ")"


def _owned_by_organisation(span: Span) -> bool:
    """Whether an organisation's possessive stands before the name, which heads its phrase:
    "Microsoft's Windows" (but "Real Madrid's Bernabeu stadium" is a place)."""
    doc = span.doc
    if span.start < 2 or span.root.dep_ == "compound":
        return False
    return doc[span.start - 1].tag_ == "POS" and doc[span.start - 2].ent_type_ == "ORG"


def _in_business(tok: Token) -> bool:
    head = tok.head
    if tok.dep_ == "compound":
        return head.lemma_.lower() in COMPANY_NOUNS
    if tok.dep_ == "poss":
        return head.lemma_.lower() in COMPANY_NOUNS - OWNED
    return tok.dep_ == "pobj" and head.lower_ in ("in", "of") and head.head.lemma_.lower() in HOLDINGS


def _names_product(span: Span) -> bool:
    """A name that modifies a product noun or a model code: "Avalon sedan", "Pontiac G6"."""
    head = span.root.head
    if span.root.dep_ != "compound" or head == span.root:
        return False
    return head.lemma_.lower() in PRODUCT_NOUNS or (head.pos_ == "PROPN" and any(ch.isdigit() for ch in head.text))


def _modifies(span: Span) -> bool:
    """A name used as a modifier ("Toyota sales") is a company or brand more often than a city."""
    return span.root.dep_ in ("compound", "poss") and span.root.head.pos_ == "NOUN"


def headline(sent: Span) -> bool:
    """A line in title case or capitals: "Oil Prices Surge After Saudi Attack Halts Output", "Fred
    LaRue Dies at 75", "CREIGHTON DEFEATS DRAKE"; its capitals say nothing of names."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    capitals = sum(_capitalised(t) or t.is_upper for t in words)
    return len(words) >= 3 and capitals >= 0.8 * len(words) and sent[-1].text not in ".?!"


def _joined(ents: Sequence[Span]) -> list[Span]:
    """Join one name the tagger cut in two: "Public" + "and" + "Commercial Services Union";
    "Susilo Bambang" + "Yudhoyono", a person's names side by side, the first a compound of the last."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and _one_name(prev, ent):
            out[-1] = Span(ent.doc, prev.start, ent.end, label=ent.label_)
        else:
            out.append(ent)
    return out


def _one_name(prev: Span, ent: Span) -> bool:
    doc = ent.doc
    if prev.label_ == ent.label_ == "ORG":
        return (
            ent.start - prev.end == 1
            and doc[prev.end].lower_ in ("and", "&")
            and len(prev) == 1
            and ent[-1].lower_ in ORG_HEADS
        )
    return (
        prev.label_ == ent.label_ == "PERSON"
        and ent.start == prev.end
        and all(t.pos_ == "PROPN" and t.dep_ == "compound" and t.head.i >= ent.start for t in prev)
    )


def _proper_only(doc: Doc, spans: list[Span]) -> list[Span]:
    """Without the one-word names that are only capitalised as a sentence's first word and are
    written in lower case elsewhere in the text ("Spyware is considered ..." with "spyware" later):
    a common noun. A name capitalised inside a sentence somewhere ("Labour") stays, unless only
    inside a longer name ("the Consumer Protection Against Spyware Act")."""
    openers = {s.text for s in spans if s.label_ not in NUMERIC and len(s) == 1 and s[0].is_sent_start}
    if not openers:
        return spans  # the usual case: no pass over the doc's tokens
    in_longer = {i for s in doc.ents if len(s) > 1 for i in range(s.start, s.end)}
    by_lower = {text.lower(): text for text in openers}
    common, named = set(), set()
    for t in doc:
        if t.is_lower and t.text in by_lower:
            common.add(by_lower[t.text])
        elif t.is_title and t.text in openers and not t.is_sent_start and t.i not in in_longer:
            named.add(t.text)
    dropped = common - named
    return [s for s in spans if not (s.text in dropped and len(s) == 1 and s[0].is_sent_start)]


FINITE_VERBS = frozenset({"VBD", "VBZ", "VBP"})


def _trim(ent: Span) -> Span | None:
    """Drop a leading article or preposition, quotes and a trailing possessive from an entity span.

    A capitalised "The" inside a sentence is part of the name ("The Block"), so it stays;
    "Across Wales" tagged as a person is "Wales".
    """
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].text in QUOTES
        or (doc[start].lower_ in ("the", "a", "an") and (doc[start].text.islower() or doc[start].is_sent_start))
        or (doc[start].pos_ in ("ADP", "SCONJ", "CCONJ") and doc[start].tag_ != "NNP")
        or (doc[start].is_sent_start and doc[start].lower_ in WHEN_MODIFIERS)
    ):
        start += 1
    while end > start and (doc[end - 1].text in QUOTES or doc[end - 1].tag_ == "POS"):
        end -= 1
    start, end = _longest_part(doc, start, end)
    # a name holds no verb written in lower case: "The Chaplin Collection beat Oasis" is the
    # collection, the rest a clause the tagger ran into
    end = next((i for i in range(start + 1, end) if doc[i].tag_ in FINITE_VERBS and doc[i].is_lower), end)
    if ent.label_ == "PERSON":
        # a name is capitalised words: "rang Lucy" is "Lucy", "Varig 2bn" is "Varig"
        while start < end and _not_in_name(doc[start]):
            start += 1
        while end > start and _not_in_name(doc[end - 1]):
            end -= 1
    return Span(doc, start, end, label=ent.label_) if end > start else None


def _counted_from(tok: Token) -> int | None:
    """Where the number written just before ``tok`` begins ("27.2m euros", "68 million euros"), if one is."""
    doc, start = tok.doc, tok.i
    while start > 0 and (doc[start - 1].like_num or doc[start - 1].lower_ in SCALES):
        start -= 1
    return start if start < tok.i and doc[start].like_num else None


def _longest_part(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A spaced dash sets off an apposition and a bracket a gloss, and neither is inside a name
    ("fund manager Florian Hamm - Borussia Dortmund's largest investor", "three ethnic minority MPs
    - Keith Vaz", "G Rowntree (Leicester)"): the name is the longest part between them, the first of
    equals."""
    spaced = {i for i in range(start + 1, end - 1) if doc[i - 1].whitespace_ and doc[i].whitespace_}
    cuts = sorted(i for i in range(start, end) if doc[i].text in ("(", ")") or (i in spaced and doc[i].text == "-"))
    parts = list(zip([start] + [i + 1 for i in cuts], [*cuts, end], strict=True))
    return max(parts, key=lambda part: part[1] - part[0])


def _not_in_name(tok: Token) -> bool:
    if tok.is_title or tok.is_upper:
        return False
    return tok.pos_ in ("VERB", "NUM", "PUNCT") or tok.like_num or any(ch.isdigit() for ch in tok.text) or tok.is_lower
