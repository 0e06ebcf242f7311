"""``core.accents.without_combining_marks`` deletes exactly the combining characters."""

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kozkincs.core.accents import without_combining_marks
from kozkincs.gazetteer.names import fold_name


def _without_combining_marks_one_by_one(text: str) -> str:
    return "".join(char for char in text if not unicodedata.combining(char))


def test_every_code_point_is_kept_or_deleted_by_its_combining_class():
    text = "".join(map(chr, range(sys.maxunicode + 1)))
    assert without_combining_marks(text) == _without_combining_marks_one_by_one(text)
    assert len(without_combining_marks(text)) < len(text)  # some were deleted


def test_accents_of_decomposed_hungarian_letters_are_deleted():
    decomposed = unicodedata.normalize("NFKD", "Őriszentpéter ÁRVÍZTŰRŐ")
    assert without_combining_marks(decomposed) == "Oriszentpeter ARVIZTURO"


@given(st.text())
def test_a_settlement_name_folds_as_it_is_defined(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    assert fold_name(text) == _without_combining_marks_one_by_one(decomposed).strip()
