"""What follows a number: its scale, percent sign, currency, unit or hyphenated noun.

One anchored pattern (`TAIL_RE`) reads everything that can follow the digits or words of a
number, and `apply_tail` applies it to an `Atom`: "$1.2bn" gets its magnitude, "12%" its
kind, "20 euros" its currency, "100 people" its counted noun, "a four-day sweep" its
hyphenated unit. Both scanners (`numbers_digits`, `numbers_words`) call it, so it has its own
module.
"""

from __future__ import annotations

import math
import re

from summarizer.evidence.numbers_atom import Atom
from summarizer.evidence.numbers_vocab import (
    CARDINALS,
    CURRENCY_ADJECTIVE,
    GENERIC_CURRENCY_NOUNS,
    IRREGULAR_PLURALS,
    MAGNITUDES,
    MEASURE_UNITS,
    NOT_UNITS,
    PREFIX_CURRENCY,
    SCALES,
    SUFFIX_CURRENCY,
    TIME_UNITS,
    VIDEO_LINES,
)

# thousands or millions of a currency written as one code: "120 MEUR", "250 kUSD"
_ISO_CODES = sorted(c for c in PREFIX_CURRENCY if len(c) == 3 and c.isalpha() and c.isupper())
_SCALED_CODE_RE = re.compile(rf"\s?(?P<scale>[kKM])(?P<code>{'|'.join(_ISO_CODES)})(?![\w])")


# The currency nouns a number's tail may end with ("5 Hong Kong dollars", "300 shillings"): one
# list for the tail pattern and for its pre-check below.
_CURRENCY_NOUNS = """dollar dollars euro euros EUR USD GBP JPY CHF CNY yuan renminbi RMB yen YEN
    shekel shekels NIS rupee rupees crown crowns krona kronor krone kroner franc francs peso pesos
    rouble roubles ruble rubles ringgit rand dirham dirhams riyal riyals naira baht lira zloty
    shilling shillings cent cents pence sen""".split()
_CURRENCY_WORDS = "|".join(sorted(_CURRENCY_NOUNS, key=len, reverse=True))
TAIL_RE = re.compile(
    rf"""
    (?P<sci>\s?[×x]\s?10(?:\^|\*\*)?(?P<exp>[-−]?\d+)|[eE](?P<exp2>[-+−]?\d{{1,3}})(?![\w])
        | \^(?P<pow>[-+−]?\d{{1,3}})(?![\d.^]))?
    (?P<ord>(?:st|nd|rd|th)(?![A-Za-z]))?
    (?P<dec>['’]?s(?![A-Za-z]))?
    (?P<mag>\s?(?i:hundred|thousand|million|billion|trillion|lakh|crore|dozens?)(?![A-Za-z])
        | (?:bn|bln|mn|mln|mil|tn|trn|mm|k|m|b)(?![\w])
        | \s?(?:M|B|K|T|Bn|BN|MM|bn|bln|mn|mln|tn|k)(?![\w]))?
    (?P<pct>\s?%|\s?(?i:per\s?cent|percent)(?:age\s+points?)?(?![A-Za-z])
        | -(?i:per-cent|percent)(?![A-Za-z])
        | \s?(?i:percentage\s+points?)(?![A-Za-z]) | \s?(?:pct|pc|ppt|pp)(?![\w])
        | \s?(?i:basis\s+points?|bps|bp)(?![\w]))?
    (?P<ampm>\s?[ap]\.m\.|\s?[ap]m(?![\w])|\s?[AP]\.?M(?![\w])\.?)?
    (?P<cs>\s?[€£¢](?!\w)|\$(?![\d\w])|p(?!\w|\.\w)|\sp(?![\w])(?!\.\w)
        | \s(?P<cadj>(?:[A-Z][a-z]+\s){{0,2}}|U\.S\.\s|US\s|us\s)
          (?P<cword>{_CURRENCY_WORDS})(?![\w]))?
    (?P<hy>-(?!to-)[A-Za-z]+(?:-old)?)?
    """,
    re.VERBOSE,
)
# What `TAIL_RE` needs to read anything (it matches the empty string everywhere): a first
# character that begins one of its groups, or whitespace and then a word that does ("5 million",
# "5 per cent", "5 Hong Kong dollars": any capitalised word, for the currency adjectives). Most
# numbers are followed by a counted noun or punctuation ("5 people", "5,"), where the full match
# is spared. Outside ASCII, case-insensitive matching folds more than `str.lower`, so the match
# decides.
_TAIL_FIRST = frozenset("xeE^snrt'’hmblcdHTMBLCDkK%pPaA$-×€£¢")
_TAIL_WORDS = frozenset(
    """hundred thousand million billion trillion lakh crore dozen dozens bn bln mn mln tn k per
    percent percentage pct pc ppt pp basis bps bp a p am pm x us""".split()
) | {w.lower() for w in _CURRENCY_NOUNS}
_ASCII_LETTERS_RE = re.compile(r"[A-Za-z]*")


def may_have_tail(text: str, pos: int) -> bool:
    """False only if `TAIL_RE.match(text, pos)` is empty (a cheap necessary condition)."""
    c = text[pos : pos + 1]
    if not c:
        return False
    if not c.isspace():
        return c in _TAIL_FIRST or not c.isascii()
    after = text[pos + 1 : pos + 20]
    if not c.isascii() or not after.isascii():
        return True
    word = _ASCII_LETTERS_RE.match(after).group()  # type: ignore[union-attr]
    if not word:
        return after[:1] == "%"
    return word[0].isupper() or word.lower() in _TAIL_WORDS


_UNIT_GLUED_RE = re.compile(r"[A-Za-zµμΩ°″′'][A-Za-z°/²³]*(?:-[a-z]+)?")
_UNIT_SPACED_RE = re.compile(
    r"""[ \t\u00a0]+(?:
      (?P<known>square\s+\w+|sq\.?\s?(?:ft|m|km|mi|metres|meters|feet)\b|cubic\s+\w+
        |miles\s+per\s+hour|kilomet(?:er|re)s\s+per\s+hour|met(?:er|re)s\s+per\s+second
        |years?[\s-]old|months?[\s-]old|weeks?[\s-]old|days?[\s-]old
        |per\s+(?:square\s+)?[a-z]+|km/h|m/s
        |degrees?\s+(?:Celsius|Fahrenheit|centigrade|Kelvin|[CF]\b)
        |Celsius|Fahrenheit|[mk]\.p\.h\.?)
    | (?P<w1>[A-Za-zµμ°″][\w/°²³]*(?:-[A-Za-z]+)*)(?:[ \t]+(?P<w2>[a-z]+s)\b)?)""",
    re.VERBOSE,
)


# a capital "K" right after a temperature in a list of conversions is kelvin, not thousands:
# "300 °C (572 °F, 573.15K)"
_TEMPERATURE_BEFORE_RE = re.compile(
    r"(?:°\s?[CF]|\b(?:degrees|Celsius|Fahrenheit|centigrade))[\s,;/()=]{1,4}$"
)
_METRE_CONTEXT_RE = re.compile(
    r"""\s*(?:\(|-long|-tall|-high|-wide|-deep|(?:\s*)(?:tall|high|long|wide|deep|away|sprint
    |race|hurdles|freestyle|butterfly|backstroke|breaststroke|relay|dash|final|above|below
    |from|in\s+(?:height|length|diameter|depth)|of\s+(?:water|snow|rain))\b)""",
    re.VERBOSE,
)


_SCALE_LETTERS = frozenset("kKM")


def _may_be_scaled_code(text: str, pos: int) -> bool:
    """False only if `_SCALED_CODE_RE` cannot match at `pos`: it needs a scale letter there or
    after one whitespace character."""
    c = text[pos : pos + 1]
    return c in _SCALE_LETTERS or (c.isspace() and text[pos + 1 : pos + 2] in _SCALE_LETTERS)


def apply_tail(text: str, atom: Atom, *, digits: bool) -> None:
    """Read what follows the number: magnitude, percent, currency, unit, hyphenated noun."""
    c = _SCALED_CODE_RE.match(text, atom.end) if _may_be_scaled_code(text, atom.end) else None
    if c is not None and atom.kind == "quantity" and atom.value is not None:
        # "120 MEUR", "48.5 MGBP", "250 kUSD": a scale letter glued to an ISO code (finance)
        factor = 1e3 if c.group("scale") in "kK" else 1e6
        atom.mag, atom.value = factor, atom.value * factor
        if atom.high is not None:
            atom.high *= factor
        atom.kind, atom.unit, atom.end = "money", PREFIX_CURRENCY[c.group("code")], c.end()
        return
    t = TAIL_RE.match(text, atom.end) if may_have_tail(text, atom.end) else None
    if t is None or t.end() == atom.end:
        if atom.kind == "quantity":
            _apply_unit(text, atom)  # money keeps its currency: "a $20 ticket"
        return
    value = atom.value if atom.value is not None else 0.0
    if t.group("pow"):
        # "1.1^23", "2500^-1": a power; the sign stays outside it (-2^2 is -4). Not a range's
        # high end ("1-2^3" is unclear).
        exp = float(t.group("pow").replace("−", "-"))
        if atom.high is not None:
            return
        try:
            value = math.copysign(abs(value) ** exp, value)
        except (OverflowError, ZeroDivisionError):
            return
        atom.value = value
        atom.end = t.end("sci")
    elif t.group("sci"):
        exp = float((t.group("exp") or t.group("exp2")).replace("−", "-"))
        try:
            scale = 10.0**exp
        except OverflowError:
            return  # "0e600": past a float's range, not a number anyone writes
        value *= scale
        atom.value = value
        if atom.high is not None:
            atom.high *= scale  # "1-2e6": both ends
        atom.end = t.end("sci")
    if t.group("ord") and digits and atom.high is None and float(value).is_integer():
        atom.kind = "ordinal"
        atom.end = t.end("ord")
        apply_hyphen(text, atom, t)
        return
    if t.group("dec") and digits and atom.high is None and float(value).is_integer():
        if 1000 <= value <= 2100 or (
            t.group("dec")[0] in "'’" or value in (20, 30, 40, 50, 60, 70, 80, 90)
        ):
            atom.kind = "year"
            atom.note = "decade" if t.group("dec") == "s" and int(value) % 10 == 0 else None
            atom.end = t.end("dec")
            return
    mag = t.group("mag")
    if mag:
        key = mag.strip().lower()
        factor = MAGNITUDES.get(key, 1.0)
        if (
            key == "m"
            and mag == "m"
            and atom.kind != "money"
            and _METRE_CONTEXT_RE.match(text, t.end("mag"))
        ):
            factor = 0.0  # metres, not millions: leave the "m" to the unit
        elif (
            key == "b"
            and mag == "b"
            and atom.kind != "money"
            and not _followed_by_word(text, t.end("mag"))
        ):
            factor = 0.0
        elif (
            mag == "K"
            and atom.kind != "money"
            and not _followed_by_word(text, t.end("mag"))
            and _TEMPERATURE_BEFORE_RE.search(text[max(0, atom.start - 16) : atom.start])
        ):
            factor = 0.0
        elif key in ("t", "mm") and atom.kind != "money":
            factor = 0.0  # "1.5mm" is millimetres and "5 T" tonnes or teslas, unless money
        if factor:
            atom.mag = factor
            atom.value = value * factor
            if atom.high is not None:
                atom.high *= factor
            atom.end = t.end("mag")
    if t.group("pct") and (not mag or atom.end == t.end("mag")):
        p = t.group("pct").strip().lower()
        atom.kind = "percent"
        if "point" in p and "basis" not in p or p in ("pp", "ppt"):
            atom.unit = "percentage points"
        elif "basis" in p or p.startswith("bp"):
            atom.unit = "basis points"
        else:
            atom.unit = "%"
        atom.end = t.end("pct")
    elif t.group("ampm") and atom.kind == "quantity" and atom.mag is None:
        if atom.value is not None and 0 <= atom.value <= 12:
            atom.kind = "time"
            atom.end = t.end("ampm")
            return
    elif (
        t.group("cs")
        and (not mag or atom.end == t.end("mag"))
        and atom.kind in ("quantity", "money")
    ):
        cs = t.group("cs")
        word = t.group("cword")
        code: str | None
        if word:
            adj = (t.group("cadj") or "").strip().lower()
            code = SUFFIX_CURRENCY.get(word.lower())
            if adj and adj not in CURRENCY_ADJECTIVE:
                code = None  # "5 Liverpool cents" is no currency phrase
            elif adj and word.lower().startswith(GENERIC_CURRENCY_NOUNS):
                code = CURRENCY_ADJECTIVE[adj]  # "Australian dollars", "Danish crowns"
            elif adj and code == "cents":
                code = f"{' '.join(t.group('cadj').split())} cents"  # "4.9 US cents": USD
        else:
            code = SUFFIX_CURRENCY.get(cs.strip())
            if cs.strip() == "p" and atom.value in VIDEO_LINES:
                code = None
        if code is not None and atom.kind == "quantity":
            atom.kind = "money"
            atom.unit = code
            atom.end = t.end("cs")
    apply_hyphen(text, atom, t)
    if atom.kind == "quantity" and atom.hy is None:
        _apply_unit(text, atom)


def _followed_by_word(text: str, pos: int) -> bool:
    return bool(re.match(r"\s+[a-z]", text[pos : pos + 3]))


def apply_hyphen(text: str, atom: Atom, t: re.Match[str]) -> None:
    hy = t.group("hy")
    if not hy or t.start("hy") != atom.end:
        return
    word = hy[1:].lower()
    if word in SCALES and atom.mag is None and atom.value is not None:
        # "a $500-million deal"
        atom.mag = SCALES[word]
        atom.value *= atom.mag
        if atom.high is not None:
            atom.high *= atom.mag
        atom.end = t.end("hy")
        return
    if word in CARDINALS or word in SCALES or word in NOT_UNITS:
        return  # "twenty-one" is read elsewhere; "one-on-one", "$5-a-share" are no units
    atom.end = t.end("hy")
    if word == "plus":
        return  # "100,000-plus": at least the number
    atom.hy = word
    if atom.kind != "quantity":
        return
    if word.endswith("-old") or word == "old":
        atom.kind = "age"
        atom.unit = "years" if word.startswith("year") else word[:-4] + "s"
    elif word in TIME_UNITS:
        atom.kind = "duration"
        atom.unit = TIME_UNITS[word]
    else:
        atom.unit = word
        if word in ("year", "years") and text.startswith("-old", atom.end):
            atom.kind = "age"


# A capitalised run of up to three words after a number ("New Zealanders", "Sri Lankan
# workers", "Hong Kong residents"): a demonym or a place, read with the gazetteer.
_CAPITAL_RUN_RE = re.compile(
    r"[ \t\u00a0]+(?P<run>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})(?![\w'’])"
    r"(?:[ \t]+(?P<noun>[a-z]+s|[a-z]+)\b)?"
)
# "thousands of people", "tens of millions of dollars": what a vague number counts follows "of"
_OF_RE = re.compile(r"[ \t\u00a0]+of(?=[ \t\u00a0]+[A-Za-z])")
_OF_CURRENCY_RE = re.compile(
    rf"[ \t\u00a0]+of[ \t\u00a0]+(?:(?P<adj>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?|U\.S\.|US)\s+)?"
    rf"(?P<cword>{_CURRENCY_WORDS})(?![\w])"
)
# a rate after a unit: "barrels per day", "barrels a day", "tests per day" (not "a year ago")
_RATE_RE = re.compile(
    r"[ \t]+(?:per[ \t]+(?:square[ \t]+)?[a-z]+|an?[ \t]+(?:day|week|month|year|hour|night"
    r"|second|minute|head|person))\b(?![ \t]+(?:ago|earlier|before|later|after)\b)"
)
# what a measure is of: "tonnes of CO2", "barrels of oil", "gigawatts of offshore wind"
_OF_STUFF_RE = re.compile(
    r"[ \t]+of[ \t]+(?P<w1>[A-Za-z][A-Za-z0-9₂]*)(?:[ \t]+(?P<w2>[a-z]+))?\b(?![-'’])"
)


def _demonym_or_place(run: str) -> tuple[bool, bool]:
    """(is a demonym, is a place or a demonym) for a capitalised run, by the gazetteer."""
    from summarizer.evidence.places import place_name, resident_place

    demonym = resident_place(run) is not None
    return demonym, demonym or place_name(run) is not None


def _capitalised_unit(text: str, pos: int) -> tuple[str | None, int] | None:
    """The counted noun of a capitalised run after a number: the demonym ("5000 New
    Zealanders") or the place's or demonym's noun ("12 Sri Lankan workers", "40 Hong Kong
    residents"); (None, pos) for a run of several names that is none of those ("the 2 New
    York Times reporters" has no unit "New"); None when the run is one word (the caller's
    rules decide)."""
    c = _CAPITAL_RUN_RE.match(text, pos)
    if c is None:
        return None
    run, noun = c.group("run"), c.group("noun")
    several = " " in run or "\t" in run
    plural_noun = (
        noun is not None
        and noun not in NOT_UNITS
        and (noun.endswith("s") or noun in IRREGULAR_PLURALS)
    )
    if not several and not (plural_noun or run.endswith("s")):
        return None
    demonym, place = _demonym_or_place(run)
    if plural_noun and place:
        return f"{run} {noun}", c.end("noun")
    if demonym and run.endswith("s"):
        return run, c.end("run")
    return (None, pos) if several else None


def _extend_unit(text: str, atom: Atom, unit_end: int) -> None:
    """A measure's substance ("tonnes of CO2") and any unit's rate ("barrels per day")."""
    unit = (atom.unit or "").lower()
    first = unit.split()[0] if unit else ""
    if (
        first in MEASURE_UNITS
        or first.rstrip("s") in MEASURE_UNITS
        or first
        in (
            "square",
            "cubic",
        )
    ):
        o = _OF_STUFF_RE.match(text, unit_end)
        w1 = o.group("w1") if o is not None else ""
        # a substance is a common noun or a formula ("CO2", "LNG"); "5 miles of Mosul" is a place
        stuff = w1.islower() or w1.isupper() or any(c.isdigit() for c in w1)
        if o is not None and stuff and w1.lower() not in NOT_UNITS:
            w2 = o.group("w2")
            keep = w2 is not None and w2 not in NOT_UNITS and not w2.endswith(("ed", "ing"))
            end = o.end("w2") if keep else o.end("w1")
            atom.unit = f"{atom.unit} {' '.join(text[o.start() : end].split())}"
            unit_end = end
    r = _RATE_RE.match(text, unit_end)
    if r is not None:
        atom.unit = f"{atom.unit} {' '.join(r.group().split())}"


def _apply_unit(text: str, atom: Atom) -> None:
    """The counted noun or unit right after a plain quantity: "100 people", "256GB"."""
    pos = atom.end
    if atom.note == "vague" and _OF_RE.match(text, pos):
        cur = _OF_CURRENCY_RE.match(text, pos)
        if cur is not None:
            # "tens of millions of dollars", "hundreds of thousands of Australian dollars"
            adj = " ".join((cur.group("adj") or "").lower().split())
            word = cur.group("cword").lower()
            code = SUFFIX_CURRENCY.get(word)
            if adj and word.startswith(GENERIC_CURRENCY_NOUNS):
                code = CURRENCY_ADJECTIVE.get(adj)
            if code is not None and len(code) == 3 and code.isupper():
                atom.kind, atom.unit, atom.end = "money", code, cur.end()
            return
        pos = _OF_RE.match(text, pos).end()  # type: ignore[union-attr]
    if pos < len(text) and (text[pos].isalpha() or text[pos] in "°″′µμ"):
        g = _UNIT_GLUED_RE.match(text, pos)
        if g is not None:
            atom.unit = g.group()
            _kind_from_unit(text, atom, g.end())
        return
    if pos < len(text) and text[pos] in " \t\u00a0" and text[pos + 1 : pos + 2].isupper():
        cap = _capitalised_unit(text, pos)
        if cap is not None:
            atom.unit = cap[0]
            return
    s = _UNIT_SPACED_RE.match(text, pos)
    if s is None:
        return
    known = s.group("known")
    if known:
        unit = re.sub(r"\s+", " ", known)
        atom.unit = unit
        if unit.endswith("old"):
            atom.kind = "age"
            atom.unit = unit.split()[0].split("-")[0].rstrip("s") + "s"
            return
        _extend_unit(text, atom, s.end("known"))
        return
    w1 = s.group("w1")
    if w1.lower() in NOT_UNITS or (
        w1.islower()
        and len(w1) > 4
        and w1.endswith(("ed", "ly"))
        and w1 not in ("family", "supply", "assembly")
    ):
        return  # "one suggested", "498 nationally": a verb or an adverb, not a counted noun
    if w1[0].isupper() and not (len(w1) <= 4 or w1.isupper()):
        # a capitalised word after a number is usually a name ("Galaxy S23 Ultra"), unless
        # a plural noun follows ("96 Liverpool fans") or it is a unit ("2,000 Calories")
        lower = w1.lower()
        if lower in MEASURE_UNITS or lower[:-1] in MEASURE_UNITS:
            pass
        elif not s.group("w2") or s.group("w2") in NOT_UNITS:
            return
    w2 = s.group("w2")
    unit = w1
    end = s.end("w1")
    if (
        w2
        and w2.lower() not in NOT_UNITS
        and (not w1.lower().endswith("s") or w1.lower().endswith("ous"))  # "50 previous years"
        and w1.lower() not in TIME_UNITS
        and not w1.isupper()
        and "-" not in w1
    ):
        unit = f"{w1} {w2}"
        end = s.end("w2")
    atom.unit = unit
    _kind_from_unit(text, atom, s.end("w1"))
    if atom.kind == "quantity":
        _extend_unit(text, atom, end)


def _kind_from_unit(text: str, atom: Atom, unit_end: int) -> None:
    u = (atom.unit or "").lower()
    if (
        u.endswith("-old")
        or text.startswith((" old", "-old"), unit_end)
        and u.startswith(("year", "month", "week", "day"))
    ):
        atom.kind = "age"
        return
    if u in TIME_UNITS and atom.kind == "quantity":
        atom.kind = "duration"
