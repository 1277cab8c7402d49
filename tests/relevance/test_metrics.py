"""The metrics on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from tests.relevance.metrics import gains, ndcg, recall, reciprocal_rank

GRADES = {"a": 3, "b": 2, "c": 1}


def test_perfect_ranking_has_ndcg_one() -> None:
    assert ndcg([{"a"}, {"b"}, {"c"}], GRADES, [3, 2, 1], 10) == pytest.approx(1.0)


def test_swapped_ranking_loses_the_discount() -> None:
    expected = (3 + 7 / math.log2(3)) / (7 + 3 / math.log2(3))
    assert ndcg([{"b"}, {"a"}], GRADES, [3, 2], 10) == pytest.approx(expected)


def test_a_hit_standing_for_copies_earns_its_best_grade_once() -> None:
    assert gains([{"c", "a"}, {"a"}], GRADES) == [3, 0]


def test_reciprocal_rank_counts_only_relevant_grades() -> None:
    assert reciprocal_rank([{"x"}, {"c"}, {"b"}], GRADES) == pytest.approx(1 / 3)
    assert reciprocal_rank([{"c"}], GRADES) == 0.0


def test_recall_counts_groups_of_copies_once() -> None:
    assert recall([{"a2"}, {"x"}], [{"a", "a2"}, {"b"}], k=20) == 0.5
