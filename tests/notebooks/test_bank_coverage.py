"""Every (Q) point of the outline is tested by at least two questions of the chapter banks."""

from __future__ import annotations

from collections import Counter

import pytest

import nbrepo

Q_POINTS = [p["id"] for p in nbrepo.outline_points() if p["q"]]


def bank_tags() -> Counter[str]:
    """How many bank questions are tagged with each outline id (a tag may be a string or a list)."""
    counts: Counter[str] = Counter()
    for path in sorted((nbrepo.ROOT / "quizzes" / "banks").glob("*.yaml")):
        bank = nbrepo.read_yaml(path) or {}
        for question in bank.get("questions", []):
            tag = question.get("tag", [])
            for item in [tag] if isinstance(tag, str) else tag:
                counts[item] += 1
    return counts


def test_there_are_q_points():
    assert len(Q_POINTS) == 18


@pytest.mark.parametrize("point", Q_POINTS)
def test_q_point_has_two_or_more_questions(point: str):
    count = bank_tags()[point]
    assert count >= 2, f"{point}: {count} question(s) in quizzes/banks/*.yaml, at least 2 needed"


def test_bank_tags_are_outline_ids():
    known = {p["id"] for p in nbrepo.outline_points()}
    unknown = sorted(set(bank_tags()) - known)
    assert not unknown, f"bank questions tagged with ids not in lessons/outline.yaml: {unknown}"
