"""Work on the second core gives the results of working here; failures are raised here."""

from __future__ import annotations

import logging
import os
from dataclasses import replace

import pytest
from forking import reaped
from story_articles import articles

import briefer.forked as forked
from briefer.forked import aside
from briefer.pipeline import analyse
from briefer.stories import assemble
from briefer.text import Analyzer

pytestmark = pytest.mark.usefixtures("single_threaded")


def test_aside_gives_the_childs_result_and_reaps_it(forks: list[int]) -> None:
    with aside(lambda: (os.getpid(), [n * n for n in range(5)])) as value:
        pid, squares = value()
    assert squares == [0, 1, 4, 9, 16]
    assert forks == [pid] and pid != os.getpid() and reaped(pid)


def test_aside_told_not_to_fork_works_here(forks: list[int]) -> None:
    with aside(os.getpid, fork=False) as value:
        assert value() == os.getpid()
    assert forks == []


def test_an_error_in_the_child_is_raised_here_with_its_own_type(forks: list[int]) -> None:
    def fails() -> int:
        raise ValueError("seven")

    with pytest.raises(ValueError, match="seven"), aside(fails, fork=True) as value:
        value()
    assert len(forks) == 1 and reaped(forks[0])


def test_a_child_that_dies_is_replaced_by_working_here(forks: list[int]) -> None:
    parent = os.getpid()

    def dies_in_child() -> str:
        if os.getpid() != parent:
            os._exit(3)
        return "done here"

    with aside(dies_in_child, fork=True) as value:
        assert value() == "done here"
        assert value() == "done here"  # computed once
    assert len(forks) == 1 and reaped(forks[0])


def test_a_block_left_early_stops_its_child(forks: list[int]) -> None:
    def forever() -> None:
        while True:
            pass

    with pytest.raises(KeyError), aside(forever, fork=True):
        raise KeyError("the caller failed")
    assert len(forks) == 1 and reaped(forks[0])


def test_the_childs_log_records_are_emitted_here_once(
    caplog: pytest.LogCaptureFixture, forks: list[int]
) -> None:
    def warns() -> int:
        logging.getLogger("briefer.test").warning("from pid %s", os.getpid())
        return 1

    with caplog.at_level(logging.WARNING, logger="briefer"), aside(warns, fork=True) as value:
        assert value() == 1
    assert [r.getMessage() for r in caplog.records] == [f"from pid {forks[0]}"]
    assert caplog.records[0].name == "briefer.test"


def test_stories_with_quotes_found_in_a_child_equal_those_found_here(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    analyzer = Analyzer("english")
    corpus = analyse(articles(), analyzer)
    monkeypatch.setattr(assemble, "MIN_FORKED_SOURCES", 1)
    there = assemble.find_stories(corpus, analyzer)  # quotes and every figure found in a child
    assert len(forks) == 1
    monkeypatch.setattr(assemble, "MIN_FORKED_SOURCES", len(corpus.sources) + 1)
    here = assemble.find_stories(corpus, analyzer)  # too few sources: story by story, here
    assert len(forks) == 1
    assert there == here
    assert any(group.quotes for group in here) and any(group.disagreements for group in here)


def test_a_corpus_joined_in_a_child_equals_one_joined_here(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    analyzer = Analyzer("english")
    first = articles()[0]
    # A copy read twice: its copies are found in one child while this process splits.
    inputs = [*articles(), replace(first, location=first.location + "-copy")]
    monkeypatch.setattr(forked, "MIN_FORKED_SOURCES", 1)
    there = analyse(inputs, analyzer)
    assert len(forks) == 2  # the article copies, then the near-duplicate sentences
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    here = analyse(inputs, analyzer)
    assert len(forks) == 2
    assert there == here
    assert here.sources[0].duplicates == (first.location + "-copy",)
    assert len(here.sources) == len(inputs) - 1
    assert any(rep != i for i, rep in enumerate(here.canonical))  # copies were joined
