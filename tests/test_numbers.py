"""Numbers in text (``verify/numbers.py``): what counts as a number of something, and what does not."""

from __future__ import annotations

import pytest

from verify.numbers import find_numbers


@pytest.mark.parametrize(("text", "values"), [
    # clock times are not counts
    ("L'alerte a été donnée à 11 h 52 par l'un des rescapés.", []),
    ("À 10 heures, 43 habitants avaient été évacués.", [43]),
    ("At 14:30, 12 people were still inside.", [12]),
    ("By 9pm, 5 people had been rescued.", [5]),
    ("Dès 6h15, trois routes étaient fermées.", [3]),
    # counts stay counts
    ("Le vote recueille 38 voix pour et six abstentions.", [38, 6]),
    ("about 1,100 people", [1100]),
])
def test_numbers(text: str, values: list[float]) -> None:
    assert [n.value for n in find_numbers(text)] == values
