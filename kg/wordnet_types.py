"""Placeholder until the WordNet type table lands."""

from __future__ import annotations


def wordnet_type(lemma: str, pos: str) -> str | None:
    return None
