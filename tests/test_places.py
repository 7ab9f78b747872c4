"""The gazetteer: places found in text as written, demonyms both ways."""

from __future__ import annotations

import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.evidence import disk_cache, places
from summarizer.evidence.places import demonym_place, demonyms, find_places, is_place


def names(text: str) -> list[str]:
    found = find_places(text)
    assert all(text[s:e] == name for s, e, name in found)
    return [name for _, _, name in found]


def test_countries_states_and_cities_used_as_places() -> None:
    text = (
        "A tram overturned in Croydon, south London. France and Germany agreed; U.S. officials"
        " flew to Orlando, Florida."
    )
    assert names(text) == [
        "Croydon", "south London", "France", "Germany", "U.S.", "Orlando", "Florida",
    ]  # fmt: skip


def test_a_name_must_be_the_whole_run() -> None:
    assert names("The London Fire Brigade and the New York Times said so.") == []
    assert names("The Mayor of London spoke about the Isle of Man.") == ["London", "Isle of Man"]


def test_a_city_that_is_also_a_word_or_surname_needs_a_place_context() -> None:
    assert names("Nice work, said Andrew Jackson. Reading is fun.") == []
    assert names("The attack in Nice shocked Reading residents who live in Reading.") == [
        "Nice", "Reading", "Reading",
    ]  # fmt: skip


def test_sentence_words_and_possessives_are_not_part_of_the_place() -> None:
    assert names("In London, Britain's army paraded.") == ["London", "Britain"]


@pytest.mark.parametrize(
    ("demonym", "place"),
    [("French", "France"), ("Syrian", "Syria"), ("Pakistani", "Pakistan"), ("Japanese", "Japan"),
     ("Italian", "Italy"), ("Americans", "United States"), ("Nigerian", "Nigeria"),
     ("British", "United Kingdom")],
)  # fmt: skip
def test_demonyms_both_ways(demonym: str, place: str) -> None:
    assert demonym_place(demonym) == place
    assert demonym.removesuffix("s") in demonyms(place)


def test_not_demonyms_and_not_places() -> None:
    assert demonym_place("Christian") is None
    assert demonym_place("Human") is None
    assert not is_place("Trump")
    assert is_place("the United States") and is_place("Britain") and is_place("Boston")
    assert "French" in demonyms("france".title())


def test_a_town_used_before_a_noun_is_a_place_unless_it_is_a_surname() -> None:
    assert names("Police named the victims of the Croydon tram crash.") == ["Croydon"]
    assert names("Hillary Clinton spoke. The Clinton campaign said so.") == []


def test_threads_asking_at_once_build_the_tables_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Verification runs in threads, a fake server answers in threads: each building its own
    # tables under the GIL made the first requests of a batch wait ~30 s.
    built: list[int] = []
    real = places._build()
    barrier = threading.Barrier(8)

    def build() -> Any:
        built.append(1)
        time.sleep(0.05)  # a slow build, so that the other threads arrive during it
        return real

    monkeypatch.setattr(disk_cache, "_LOADED", {})  # nothing loaded yet
    monkeypatch.setattr(places, "_build", build)
    monkeypatch.setattr(disk_cache, "cache_folder", lambda: tmp_path)  # nothing saved yet

    def ask() -> Any:
        barrier.wait()
        return places._gazetteer()

    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda _: ask(), range(8)))
    assert len(built) == 1
    assert all(g is real for g in got)
    places.load()  # loaded already: nothing more is built
    assert len(built) == 1


@given(st.text(max_size=30))
def test_the_lookup_key_folds_accents_and_case(name: str) -> None:
    folded = unicodedata.normalize("NFKD", name)
    expected = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    assert places._key(name) == expected


def test_countries_named_by_places_demonyms_and_residents() -> None:
    from summarizer.evidence.places import (
        country_code,
        country_mentions,
        dollar_currency,
        resident_place,
    )

    text = "Rents in Montreal rose. Quebecers and British Columbians, the U.S. and Hong Kong's."
    assert country_mentions(text) == {"CA": 3, "US": 1, "HK": 1}
    assert [country_code(p) for p in ("Sydney", "Ontario", "New Zealanders")] == [
        "AU",
        "CA",
        "NZ",
    ]
    assert [dollar_currency(c) for c in ("CA", "SG", "US", "GB")] == ["CAD", "SGD", None, None]
    assert resident_place("Singaporeans") == "Singapore"
    assert resident_place("Milan") is None  # a stem too short to read


_RUN_WORDS = st.sampled_from(
    ["The", "U.S.", "Hong", "Kong's", "New", "Zealanders", "Ontario", "Quebecers", "British",
     "Columbians", "Sydney", "Canadians", "Paris", "Salas", "Texas’s", "York", "Mr."]
)  # fmt: skip


@given(st.lists(st.lists(_RUN_WORDS, min_size=1, max_size=5), max_size=6))
def test_country_mentions_cached_per_run_equal_a_fresh_count(runs: list[list[str]]) -> None:
    from summarizer.evidence.places import _run_countries, country_mentions

    text = ". ".join(" ".join(words) for words in runs)
    fresh: dict[str, int] = {}
    for run in places._CAPITAL_RUN.findall(text):
        for code in _run_countries.__wrapped__(run):
            fresh[code] = fresh.get(code, 0) + 1
    assert country_mentions(text) == fresh
    assert country_mentions(text) == fresh  # asked again: every run from the cache
