"""The SHACL shapes catch what they promise to catch (on small hand-made graphs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.validate import validate_file

PREFIXES = """@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <https://w3id.org/newskg/id/> .
"""
GOOD = (
    PREFIXES
    + """
ex:doc a kg:Document ; dcterms:identifier "d" ; dcterms:source "test" ; nif:isString "Protests prompted a crackdown." .
ex:s a nif:Sentence ; nif:beginIndex 0 ; nif:endIndex 30 ; nif:anchorOf "Protests prompted a crackdown." ;
     nif:referenceContext ex:doc .
ex:m1 a kg:Mention ; nif:beginIndex 0 ; nif:endIndex 8 ; nif:anchorOf "Protests" ; nif:referenceContext ex:doc ;
      kg:sentence ex:s .
ex:m2 a kg:Mention ; nif:beginIndex 20 ; nif:endIndex 29 ; nif:anchorOf "crackdown" ; nif:referenceContext ex:doc ;
      kg:sentence ex:s .
ex:p a kg:Protest ; rdfs:label "protests" ; kg:status "happened" ; kg:accordingTo ex:doc ; kg:mention ex:m1 .
ex:c a kg:Crackdown ; rdfs:label "crackdown" ; kg:status "happened" ; kg:accordingTo ex:doc ; kg:mention ex:m2 .
ex:r a kg:CausalRelation ; kg:cause ex:p ; kg:effect ex:c ; kg:relationType "causes" ; kg:signal "prompted" ;
     kg:confidence 0.9 ; kg:status "happened" ; kg:mention ex:m1 .
"""
)


def check(tmp_path: Path, ttl: str) -> list[str]:
    path = tmp_path / "g.ttl"
    path.write_text(ttl, encoding="utf-8")
    return [f"{v.path} {v.message}" for v in validate_file(path).violations]


def test_a_well_formed_graph_conforms(tmp_path: Path) -> None:
    assert check(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('nif:anchorOf "Protests" ;', 'nif:anchorOf "Protest" ;', "not the text between the offsets"),
        ("ex:p a kg:Protest ; rdfs:label", "ex:p a kg:Protest ; kg:mention ex:m2 ; rdfs:label", ""),
        ("kg:mention ex:m2 .\nex:r", ".\nex:r", "no kg:mention"),
        ("kg:effect ex:c ;", "kg:effect ex:p ;", "cannot cause itself"),
        (
            'kg:status "happened" ; kg:accordingTo ex:doc ; kg:mention ex:m1 .',
            'kg:status "rumoured" ; kg:accordingTo ex:doc ; kg:mention ex:m1 .',
            "status",
        ),
        ("kg:confidence 0.9", "kg:confidence 1.5", "confidence"),
    ],
)
def test_each_kind_of_defect_is_reported(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in GOOD
    found = check(tmp_path, GOOD.replace(old, new, 1))
    if not expected:
        assert found == []  # two mentions are allowed
    else:
        assert found and any(expected in f for f in found), found
