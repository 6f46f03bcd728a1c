"""Folding text for search: case, Polish diacritics and extra spaces do not matter."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.text import fold

POLISH_LETTERS = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄBCĆDEĘFGHIJKLŁMNŃOÓPRSŚTUWYZŹŻ"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Żółw", "zolw"),
        ("ŁÓDŹ", "lodz"),
        ("łódź", "lodz"),
        ("Gżegżółka", "gzegzolka"),
        ("ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ", "acelnoszz acelnoszz"),
        ("  Pomidory \t MALINOWE\n", "pomidory malinowe"),
        ("Żółw czekoladowy 40 g", "zolw czekoladowy 40 g"),
        ("Straße", "strasse"),
        ("Crème brûlée", "creme brulee"),
        ("ﬁlet", "filet"),
        ("", ""),
        ("   ", ""),
        ("CZK-040", "czk-040"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text(alphabet=POLISH_LETTERS + " 0123456789-\t", max_size=60))
def test_folded_polish_text_is_plain_lower_ascii(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert fold(folded) == folded
    assert "  " not in folded
    assert folded == folded.strip()
    assert len(folded.replace(" ", "")) == len("".join(text.split()))
