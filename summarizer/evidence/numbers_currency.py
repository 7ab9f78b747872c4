"""Whose dollar a bare "$" is: decided once per article, from what the article itself says.

A "$" with no country before it ("$7.3 billion", not "C$" or "US$") is the US dollar in US and
wire copy, and the local dollar in Canadian, Australian, New Zealand, Singapore or Hong Kong
news. `resolve_dollars` reads, in this order:

1. a statement of the article's currency: "All figures in Canadian dollars unless otherwise
   noted" (that currency);
2. wire copy ("SYDNEY (Reuters) -", "(AFP)"): the wires write the local dollar "C$", "A$" and a
   bare "$" for the US one, so a bare "$" stays USD;
3. the dateline ("OTTAWA —", "SINGAPORE -"): the dollar of its country, or USD when that country's
   currency is no dollar (a London dateline);
4. the places and demonyms the article's opening names (the gazetteer's `country_mentions`):
   when one country is named at least twice and more often than all others together, its
   dollar.

With none of these (or a country whose currency is no dollar), a bare "$" stays USD, as before.
Whatever the article, an amount that says whose it is after it is that dollar ("$1.2 billion
Canadian ($980 million U.S.)"), and a bare "$" in brackets right after an amount in another
currency is a conversion to the US dollar: "10.5 million Australian dollars ($7.5 million)".
In local news a local prefix beside bare "$" ("C$4 billion" in a CBC story) names the same
dollar.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.evidence.numbers_atom import Atom
from summarizer.evidence.numbers_vocab import CURRENCY_ADJECTIVE

__all__ = ["article_dollar", "is_bare_dollar", "resolve_dollars"]

# How much of the article's start is read for its places: the lead sets the locale, and a bound
# keeps the cost flat on a long text.
_OPENING = 3000
_ADJECTIVES = "|".join(
    re.escape(a).replace(r"\ ", r"\s+") for a in sorted(CURRENCY_ADJECTIVE, key=len)[::-1]
)
# "All figures in Canadian dollars", "(All amounts are in Australian dollars)", "in Singapore
# dollars unless otherwise stated"; not "reserves in Canadian dollars are $200 billion".
_STATED_RE = re.compile(
    rf"(?i)\b(?:figures|amounts|prices|values|sums)\s+(?:are\s+|quoted\s+)?in\s+"
    rf"(?P<adj>{_ADJECTIVES})\s+dollars\b|\bin\s+(?P<adj2>{_ADJECTIVES})\s+dollars,?\s+unless\b"
)
# whose dollar, said after the amount: "$1.2 billion Canadian ($980 million U.S.)"
_WHOSE_AFTER_RE = re.compile(
    rf"[ \t]+\(?(?=[A-Z])(?i:(?P<adj>{_ADJECTIVES}))(?!\w)"
    r"(?=\.?\s*(?:[)(,;:!?]|\.\s|\.?$|\s+(?:and|or|but|in|for|to|from|on)\b))"
)
# a wire service's mark in a dateline or credit: "(Reuters)", "(AFP)", "(AP) —"
_WIRE_RE = re.compile(r"\((?:Reuters|AFP|AP|Bloomberg|dpa|Kyodo|Xinhua|Yonhap|Bernama)\)")


def is_bare_dollar(text: str, start: int) -> bool:
    """Does the number at `start` begin with a "$" that names no country ("$5", "-$5", "$ 5"),
    rather than "US$5", "C$5" or "$US5"?"""
    i = start + 1 if text.startswith(("-", "−"), start) else start
    if not text.startswith("$", i):
        return False
    after = text[i + 1 : i + 2]
    return not after.isalpha()


def _stated(text: str) -> str | None:
    # searched only around "dollars": the pattern tries dozens of adjectives at each position
    at = text.find("dollars")
    m = None
    while at >= 0 and m is None:
        m = _STATED_RE.search(text, max(0, at - 80), at + 40)
        at = text.find("dollars", at + 7)
    if m is None:
        return None
    adj = " ".join((m.group("adj") or m.group("adj2")).lower().split())
    return CURRENCY_ADJECTIVE.get(adj)


def _dateline_country(text: str) -> str | None:
    from summarizer.evidence.boilerplate import dateline_candidates
    from summarizer.evidence.places import country_code

    for start, end in dateline_candidates(text):
        place = text[start:end].split(",")[0]  # "TORONTO, Ont.": the city's country
        code = country_code(place.strip(" .").title())
        if code is not None:
            return code
    return None


def _named_country(text: str) -> str | None:
    """The country the opening's places and demonyms ("New Zealanders", "Ontarians") are in,
    when one is clearly the article's."""
    from summarizer.evidence.places import country_mentions

    counts = country_mentions(text[:_OPENING])
    if not counts:
        return None
    top = max(counts, key=lambda c: counts[c])
    n, total = counts[top], sum(counts.values())
    return top if n >= 2 and n > total - n else None


def article_dollar(text: str) -> str:
    """The ISO 4217 code a bare "$" of this article stands for ("USD" unless the text says)."""
    from summarizer.evidence.places import dollar_currency

    stated = _stated(text)
    if stated is not None:
        return stated
    if _WIRE_RE.search(text, 0, _OPENING):
        return "USD"
    country = _dateline_country(text)
    if country is None:
        country = _named_country(text)
    return (dollar_currency(country) if country else None) or "USD"


def _converted(text: str, atoms: Sequence[Atom], i: int) -> bool:
    """Is atom `i` a bracketed conversion of the amount before it: "A$10 ($7 million)"?"""
    a = atoms[i]
    if not text[max(0, a.start - 2) : a.start].rstrip().endswith("("):
        return False
    if i == 0:
        return False
    b = atoms[i - 1]
    gap = text[b.end : a.start]
    return b.kind == "money" and b.unit not in (None, "USD") and len(gap) <= 3


def resolve_dollars(text: str, atoms: Sequence[Atom]) -> None:
    """Give each bare "$" amount of `atoms` (in text order) the article's dollar."""
    bare = [
        i
        for i, a in enumerate(atoms)
        if a.kind == "money" and a.unit == "USD" and is_bare_dollar(text, a.start)
    ]
    if not bare:
        return
    code: str | None = None
    for i in bare:
        a = atoms[i]
        said = _WHOSE_AFTER_RE.match(text, a.end)
        if said is not None:
            a.unit = CURRENCY_ADJECTIVE.get(" ".join(said.group("adj").lower().split()), a.unit)
            continue
        if _converted(text, atoms, i):
            continue
        if code is None:
            code = article_dollar(text)
        a.unit = code
