"""The authenticated benchmark cases: the form a save sends back, the percentiles."""

import itertools

from benchmarks.editing import TARGETS_MS, _FormFields, _timed

PAGE = """
<form method="get"><input name="q" value="no"></form>
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="t">
<input type="text" name="name" value="Faluház"><textarea name="summary">
Régi</textarea><select name="kind"><option value="">-</option>
<option value="hall" selected>Hall</option></select>
<input type="checkbox" name="consent" checked><input type="checkbox" name="other">
<button type="submit" name="_save">Save</button></form>
"""


def test_the_form_is_sent_back_as_a_browser_would():
    parser = _FormFields()
    parser.feed(PAGE)
    assert parser.pairs == [
        ("csrfmiddlewaretoken", "t"), ("name", "Faluház"), ("summary", "Régi"),
        ("kind", "hall"), ("consent", "on"),
    ]  # fmt: skip


def test_timed_cases_give_percentiles_and_count_errors():
    clock = itertools.count()
    result = _timed("save", 0, lambda n: (n % 10 != 0, (next(clock) % 100) / 1000))
    assert result.requests == 20 and result.errors == 2
    assert result.p50_ms <= result.p99_ms <= 99 and result.target_ms == TARGETS_MS["save"]
