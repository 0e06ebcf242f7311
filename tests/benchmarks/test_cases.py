import pytest
from benchmarks.cases import CASES, parse_cases


def test_every_case_of_the_issue_has_a_target():
    assert list(CASES) == ["a", "b", "c", "d", "e", "f", "g"]
    assert CASES["a"].target.min_requests_per_s == 2000
    assert CASES["a"].target.max_p99_ms == 30
    assert CASES["a"].cached
    assert not any(case.cached for key, case in CASES.items() if key != "a")


def test_parse_cases_keeps_the_order_given_without_duplicates():
    assert [case.key for case in parse_cases("d, a,d")] == ["d", "a"]


@pytest.mark.parametrize("text", ["x", "a,z", "", ","])
def test_parse_cases_rejects_unknown_keys(text):
    with pytest.raises(ValueError, match="choose from a,b,c,d,e,f,g"):
        parse_cases(text)
