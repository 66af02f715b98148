"""Semiotic classes of the normaliser, one module each (tagger pattern + verbaliser).

Importing this package registers every rule in `broadcast.text.tagging.RULES`.
"""

from __future__ import annotations

from broadcast.text.classes import (
    abbreviations,
    clock,
    dates,
    defined_terms,
    documents,
    doubled,
    electronic,
    figures,
    measures,
    names,
    roman,
    slash,
    structure,
    telephone,
)

__all__ = [
    "abbreviations",
    "clock",
    "dates",
    "defined_terms",
    "documents",
    "doubled",
    "electronic",
    "figures",
    "measures",
    "names",
    "roman",
    "slash",
    "structure",
    "telephone",
]
