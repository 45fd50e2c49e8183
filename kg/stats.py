"""Counts that describe a store: what ``kg stats`` prints."""

from __future__ import annotations

from pyoxigraph import QuerySolutions, Store

from kg import query, store

_COUNTS = """
SELECT
  (COUNT(DISTINCT ?doc) AS ?documents)
  (COUNT(DISTINCT ?actor) AS ?actors)
  (COUNT(DISTINCT ?place) AS ?places)
  (COUNT(DISTINCT ?event) AS ?events)
  (COUNT(DISTINCT ?rel) AS ?causalRelations)
  (COUNT(DISTINCT ?link) AS ?causesLinks)
  (COUNT(DISTINCT ?m) AS ?mentions)
WHERE {
  { ?doc a kg:Document }
  UNION { ?actor a ?ac . ?ac rdfs:subClassOf* kg:Actor . }
  UNION { ?place a ?pc . ?pc rdfs:subClassOf* kg:Place . }
  UNION { ?event a ?ec . ?ec rdfs:subClassOf* kg:Event . }
  UNION { ?rel a kg:CausalRelation }
  UNION { ?c kg:causes ?e . BIND (CONCAT(STR(?c), " ", STR(?e)) AS ?link) }
  UNION { ?m a kg:Mention }
}"""


def counts(st: Store) -> dict[str, int]:
    result = query.execute(st, _COUNTS)
    assert isinstance(result, QuerySolutions)
    row = next(iter(result))
    found = {v.value: int(row[v].value) for v in result.variables}
    found["triples"] = store.count_triples(st)
    return found
