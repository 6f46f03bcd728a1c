"""Text folding for search: case and Polish diacritics do not matter ("zolw" finds "Żółw")."""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and a combining mark.
_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "đ": "d"})


def fold(text: str) -> str:
    """Lower case, without diacritics, with runs of white space made one space."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())
