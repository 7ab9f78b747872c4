"""Numbers in news text: what is written, what it is worth, and what kind of number it is.

`find_numbers` scans once for digits (reading what stands before them, a currency or a sign,
backwards) and once for number words (by substring search for their stems), reads what follows
each number (magnitude, percent, currency, unit, hyphenated noun) with one anchored pattern,
resolves overlaps (the longest span wins) and joins neighbours into ranges ("252 to 287",
"between 5 and 10"). Offsets always index the original text. Pure: `re` only.

Conventions (documented because a reader of `value` needs them):
- `value` is the full value: "$1.2bn" -> 1.2e9, "2.5 million" -> 2.5e6, "12%" -> 12.
- Signs are kept only when written: "-4.5" and "minus 5" are negative; "down 3%" is 3.
- Cents, pence and sen keep the number as written, with unit "cents", "pence" or "sen".
- Vague plurals span a decade: "thousands" -> 1000..10000, "dozens" -> 12..120,
  "tens of millions" -> 1e7..1e8; `note` says "vague".
- A score "3-2" keeps its order (value 3, high 2, note "score"); every other range has
  value <= high. "From 208 to 193" is a change, not a range: two mentions.
- "one in five", "one out of three" are ratios (value 0.2, note "ratio").
- Other notes: "fraction" ("a third"), "rank" ("No. 1"), "label" (a number in a name: "Game 6",
  "S&P 500", "Section 427"), "code" ("20px" from a style sheet left in the text), "decade".
- Digits glued to letters ("S23", "H5N1", "PS4", "COVID-19", "TA-35") or inside URLs are not
  numbers; currency codes are the exception ("RM79", "USD10m", "$US113", "PS2.7m" for £2.7m).
"""

from __future__ import annotations

import re
from typing import TypedDict

from summarizer.evidence.numbers_atom import ENDS_PHRASE_RE, Atom, prev_word
from summarizer.evidence.numbers_describe import describe
from summarizer.evidence.numbers_tails import apply_tail
from summarizer.evidence.numbers_vocab import (
    APPROXIMATORS,
    CAPITALISED_FUNCTION_WORDS,
    IRREGULAR_PLURALS,
    MEASURE_UNITS,
    MONTHS_RE,
    PREFIX_CURRENCY,
    VULGAR,
    WEAK_YEAR_CUES,
    YEAR_CUES,
)
from summarizer.evidence.numbers_words import scan_words
from summarizer.evidence.regex import by_first_letter
from summarizer.evidence.types import NumberMention, StatisticKind

__all__ = [
    "currency_of",
    "describe",
    "find_numbers",
    "is_statistic",
    "parse_value",
    "statistic_fields",
    "statistic_kind",
]

# --- patterns ---------------------------------------------------------------------------------

# Digits are found by a pattern that starts with a character class (the regex engine then skips
# quickly to the next candidate); what stands before a number (currency, sign, "No.") is read
# backwards from there, which is cheaper than trying prefixes at every position of the text.
_VULGAR_CHARS = "".join(VULGAR)
_SCAN_RE = re.compile(
    rf"""[0-9{_VULGAR_CHARS}]
    (?:
      (?P<iso>(?<=[0-9])\d{{3}}-\d{{2}}-\d{{2}}(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?Z?)?)
    | (?P<time>(?<=[0-9])\d?:\d{{2}}(?::\d{{2}})?(?:\s?[AaPp]\.?[Mm](?![a-z])\.?)?(?!\d)
        | (?<=[0-9])\d?\.\d{{2}}\s?[AaPp]\.?[Mm](?![a-z])\.?)
    | (?P<sdate>(?<=[0-9])\d?/\d{{1,2}}/(?:\d{{4}}|\d{{2}})(?![\d/]))
    | (?P<frac>(?<=[0-9])\d{{0,2}}(?:\s\d{{1,3}})?\s?[/⁄]\s?\d{{1,3}}(?![\d/⁄]))
    | (?P<num>(?<=[0-9])(?:\d{{0,2}}(?:\.\d{{3}})+,\d{{1,2}}(?!\d|,\d)
                         |\d{{0,2}}\.\d{{3}}\.\d{{3}}(?![\d.,])
                         |\d?(?:,\d{{2}})+,\d{{3}}(?!\d)
                         |\d{{0,2}}(?:,\d{{3}})+(?!\d)
                         |\d{{0,2}}(?:[\u00a0\u202f\u2009 ]\d{{3}})+(?![\d,])
                         |\d*)(?:\.\d+)?)
      (?P<vf>[{_VULGAR_CHARS}])?
      (?:(?P<rsep>-to-|[-–—])(?P<rcur>[$€£])?
         (?P<hi>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?(?!\d|[-–]\d))?
    | (?P<lone>)
    )""",
    re.VERBOSE,
)
# Searched back from a number over a few characters: the leading lookahead names every character
# a prefix can start with (or the end, where the empty prefix stands), so that every other
# position of the window is rejected at once rather than after trying each alternative there.
_BEFORE_RE = re.compile(
    r"""(?=[NnMm\-−UCAHSRYEGJI$€£¥₹₩₽₪₺]|\Z)(?:
      (?P<no>\b(?:No|no|Nos|nos)\.\s?)
    | (?P<minus>\b(?i:minus|negative)[\s-]|(?<![\w.,])[-−])?
      (?P<cur>(?:\bUS|\bU\.S\.|\bCA|\bAU|\bNZ|\bHK|\bNT)\s?\$|\b[CASR]\$|\b[CS]\s\$
        | [$€£¥₹₩₽₪₺] | \bY= | \bRs\.?\s
        | \b(?:USD|EUR|GBP|JPY|AUD|CAD|NZD|HKD|SGD|CHF|CNY|RMB|INR|MYR|RM)\s)?
    )\Z""",
    re.VERBOSE,
)
# grouped with dots: a decimal comma after them ("1.111,11"), or two dot groups ("1.234.567"; an
# IPv4 address has three). A lone "1,3" or "1.500" stays English: a list, a decimal point.
_EURO_GROUPED_RE = re.compile(r"\d{1,3}(?:\.\d{3})+,\d{1,2}|\d{1,3}\.\d{3}\.\d{3}")
# a currency code written against the digits: "RM79", "USD10m", "$US113", "PS2.7m" (a mangled £)
_GLUED_CUR_RE = re.compile(
    r"""(?P<minus>(?<![\w.])[-−])?
    (?P<cur>(?<![A-Za-z])(?:RM|PS|USD|EUR|GBP|JPY|AUD|CAD|NZD|HKD|SGD|CHF|CNY|RMB|INR|MYR|Rs
        |US\$|C\$|A\$|S\$|R\$|AU\$|NZ\$|HK\$|CA\$|NT\$)
      | \$(?:US|AU|NZ|CA|HK|A|C))\Z""",
    re.VERBOSE,
)
# a number glued to its scale or percent sign, then a hyphen: what precedes a range's high end
_SCALED_END_RE = re.compile(r"\d(?:[kKmMbBT]|bn|mn|tn|bln|mln|%)[-–]\Z")
# the characters a prefix ("$", "US$ ", "minus ", "No. ", "Rs.") can end with
_PREFIX_ENDS = frozenset(" \t\n\u00a0.$€£¥₹₩₽₪₺=-−")
_PS_OK_RE = re.compile(r"\d+(?:[.,]\d|\s?(?:m|bn|k|million|billion)\b)|\d{2,}")
_LOWER_HYPHEN_RE = re.compile(r"(?<![\w-])[a-z]+[-–]\Z")


_MONTH_BEFORE_RE = re.compile(rf"(?<![\w.])(?:{MONTHS_RE})\.?,?\s+\Z")
_MONTH_AFTER_RE = re.compile(
    rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS_RE})(?![a-z])\.?(?:,?\s+\d{{4}}(?!\d))?"
)
_DATE_YEAR_AFTER_RE = re.compile(r"(?:st|nd|rd|th)?,?\s+\d{4}(?!\d)")


_BETWEEN_RE = re.compile(r"(?i)\bbetween\s+\Z")
_RANGE_CUE_RE = re.compile(r"(?i)\b(?:rang\w*|pric\w*|vary\w*|varies|anywhere|estimat\w*|from)\s")
_GAP_RE = re.compile(
    r"""(?P<dash>\s*[–—]\s*|\s+-\s+|-)
      | -\s+(?P<suspended>to|and|or)\s+
      | \s+(?P<to>to|through|thru)\s+
      | \s+(?P<and>and)\s+
      | \s+(?P<ratio>out\s+of|in)\s+
      | \s+(?P<over>over)\s+
      | (?P<unit>\s?[A-Za-z°]+(?:\s[a-z]+)?)\s+(?P<uconn>to|and)\s+""",
    re.VERBOSE,
)


def _num(s: str) -> float:
    return float(
        s.replace(",", "")
        .replace("\u00a0", "")
        .replace("\u202f", "")
        .replace("\u2009", "")
        .replace(" ", "")
    )


# --- digits ----------------------------------------------------------------------------------


def _digit_atoms(text: str, m: re.Match[str]) -> list[Atom]:
    start, end = m.start(), m.end()
    prev = text[start - 1] if start else " "
    if (
        prev == "."
        and m.group("num") is not None
        and "." not in m.group("num")
        and (start < 2 or not text[start - 2].isalnum())
    ):
        start -= 1  # ".5", "a .500 record"
        prev = text[start - 1] if start else " "
        lead_dot = True
    else:
        lead_dot = False
    neg = False
    currency: str | None = None
    rank = False
    if prev.isalnum() or prev == "_":
        # glued to a word: an id ("S23", "H5N1", "G70") unless the word is a currency code
        g = _GLUED_CUR_RE.search(text, max(0, start - 6), start)
        if g is None:
            return []
        cur = g.group("cur")
        if cur == "PS" and _PS_OK_RE.match(text, start) is None:
            return []  # "PS4": a games console, not pounds
        currency = PREFIX_CURRENCY.get(cur.upper(), "USD")
        neg = g.group("minus") is not None
        start = g.start()
    elif prev == ":" and start >= 2 and text[start - 2].isalpha():
        return []  # "padding-top:20px", "key:value": code, not prose
    elif prev in "-–" and _SCALED_END_RE.search(text, max(0, start - 6), start) is not None:
        pass  # the high end of "5k-20k", "1.5bn-2bn", "10%-15%": not a negative number
    elif prev in "-–":
        before = text[start - 2] if start >= 2 else " "
        if text.endswith(("minus-", "Minus-", "MINUS-"), max(0, start - 6), start):
            neg = True
            start -= 6
        elif before.isalnum():
            # "sub-300", "now-18" read on; "TA-35", "COVID-19", the "800" of "737-800" do not
            if (
                not before.islower()
                or _LOWER_HYPHEN_RE.search(text, max(0, start - 12), start) is None
            ):
                return []
        elif prev == "-" and before not in "-–":
            neg = True
            start -= 1
    elif prev in _PREFIX_ENDS and (prev != " " or start >= 2):
        b = _BEFORE_RE.search(text, max(0, start - 14), start)
        if b is not None and b.start() < start:
            if b.group("no"):
                rank = True
            else:
                neg = b.group("minus") is not None
                cur = b.group("cur")
                if cur:
                    currency = PREFIX_CURRENCY.get(re.sub(r"\s", "", cur).upper(), "USD")
            start = b.start()
    if m.group("iso"):
        return [Atom(start, end, None, "date")]
    if m.group("time") is not None:
        return [
            Atom(
                start,
                end,
                float(text[m.start() : m.end()].split(":")[0].split(".")[0])
                if text[m.start()].isdigit()
                else None,
                "time",
            )
        ]
    if m.group("sdate") is not None:
        return [Atom(start, end, None, "date")]
    if m.group("frac") is not None:
        return _fraction(text, m, start, currency, neg)
    if m.group("lone") is not None:
        v = VULGAR[text[m.start()]]
        return [Atom(start, end, -v if neg else v, raw=v)]
    num_end = m.end("num")
    num_s = text[m.start() : num_end]
    if _EURO_GROUPED_RE.fullmatch(num_s):
        num_s = num_s.replace(".", "").replace(",", ".")  # "1.111,11": only a decimal comma
    raw = _num(("." if lead_dot else "") + num_s)
    if m.group("vf"):
        raw += VULGAR[m.group("vf")]
    if neg:
        raw = -raw
    atom = Atom(start, end, raw, raw=raw)
    if rank:
        atom.kind = "ordinal"
        atom.note = "rank"
        atom.end = num_end
        return [atom]
    if m.group("hi") is not None:
        hi = _num(m.group("hi"))
        sep = m.group("rsep")
        if (
            len(num_s) == 4
            and num_s.isdigit()
            and len(m.group("hi")) == 2
            and 1700 <= raw <= 2100
            and sep != "-to-"
        ):
            atom.kind = "year"
            atom.high = float(int(raw) // 100 * 100 + hi)
            if atom.high < raw:
                atom.high += 100
            return [atom]
        if raw >= hi and raw.is_integer() and hi.is_integer():
            atom.high = hi
            atom.note = "score"
            atom.unit = "score"
            return [atom]
        if raw > hi:
            # a falling pair, not a range: two numbers
            atom.end = num_end
            second = Atom(m.start("hi"), m.end(), hi, raw=hi)
            apply_tail(text, second, digits=True)
            return [atom, second]
        atom.high = hi
    if currency is not None:
        atom.kind = "money"
        atom.unit = currency
    apply_tail(text, atom, digits=True)
    return [atom]


def _fraction(
    text: str, m: re.Match[str], start: int, currency: str | None, neg: bool = False
) -> list[Atom]:
    s = text[m.start() : m.end()]
    end = m.end()
    parts = re.match(r"(?:(\d+)\s)?(\d+)\s?[/⁄]\s?(\d+)", s)
    if parts is None:
        return []
    whole, a, b = parts.group(1), int(parts.group(2)), int(parts.group(3))
    slash_is_fraction = "⁄" in s
    if b != 0 and (
        slash_is_fraction or (a < b and b in (2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100, 128))
    ):
        value = a / b + (int(whole) if whole else 0)
        if neg:
            value = -value
        atom = Atom(start, end, value, raw=value)
        if currency:
            atom.kind, atom.unit = "money", currency
        apply_tail(text, atom, digits=True)
        return [atom]
    if whole is None and 1 <= a <= 12 and 1 <= b <= 31:
        return [Atom(start, end, None, "date")]
    # "24/7", "50/50": two numbers side by side
    sa = m.start() + parts.start(2)
    sb = m.start() + parts.start(3)
    return [
        Atom(sa, sa + len(parts.group(2)), float(a), raw=float(a)),
        Atom(sb, sb + len(parts.group(3)), float(b), raw=float(b)),
    ]


# --- words ------------------------------------------------------------------------------------


# --- classification, ranges, overlaps ---------------------------------------------------------


# Hedges before a four-digit number that make it a count: nobody is "nearly 1999" years.
_COUNT_HEDGES = frozenset(
    "about nearly almost some roughly approximately than least over under estimated".split()
)


def _is_measure_unit(unit: str) -> bool:
    u = unit.lower()
    first = u.split()[0]
    return u in MEASURE_UNITS or first in MEASURE_UNITS or first.rstrip("s") in MEASURE_UNITS


def _classify(text: str, atom: Atom) -> None:
    """Dates, years and ages need the words around a number; the rest is settled by its tail."""
    if atom.kind != "quantity" or atom.is_word or atom.value is None:
        return
    v = atom.value
    s = text[atom.start : atom.end]
    integer = v.is_integer() and "." not in s and "," not in s and atom.mag is None
    if integer and 1 <= v <= 31:
        mb = (
            _MONTH_BEFORE_RE.search(text, max(0, atom.start - 12), atom.start)
            if atom.start and text[atom.start - 1].isspace()
            else None
        )
        if mb is not None:
            atom.kind = "date"
            atom.unit = None
            atom.start = mb.start()
            y = _DATE_YEAR_AFTER_RE.match(text, atom.end)
            if y is not None and atom.high is None:
                atom.end = y.end()
            return
    if integer and 1 <= v <= 31 and atom.high is None:
        ma = _MONTH_AFTER_RE.match(text, atom.end)
        if ma is not None:
            atom.kind = "date"
            atom.unit = None
            atom.end = ma.end()
            return
    if integer and 1000 <= v <= 2100 and s.isdigit() and len(s) == 4:
        prev = prev_word(text, atom.start, 24)
        pw = prev.group(1).lower().rstrip(".") if prev else ""
        plural_unit = (
            atom.unit is not None
            and atom.unit.islower()
            and (atom.unit.endswith("s") or atom.unit.split()[0] in IRREGULAR_PLURALS)
        )
        if plural_unit and pw in WEAK_YEAR_CUES:
            pw = ""  # "from 1000 to 2000 hires": a count
        measured = atom.unit is not None and _is_measure_unit(atom.unit)
        if pw in _COUNT_HEDGES and prev is not None:
            before = prev_word(text, prev.start(1), 16)
            if before is not None and before.group(1).lower() in YEAR_CUES - WEAK_YEAR_CUES:
                pw = before.group(1).lower()  # "since about 2010": the year cue decides
        hedged = pw in _COUNT_HEDGES or (
            # "an average of 1500", "more than 1200": a round number after a weak cue
            pw in WEAK_YEAR_CUES and v % 100 == 0 and v < 1900
        )
        if measured or (hedged and atom.unit is None):
            pass  # "1000 hp", "1520 sq m", "About 1000 come": counts and measures, not years
        elif pw in YEAR_CUES or not plural_unit:
            if atom.unit is None or not plural_unit or pw in YEAR_CUES:
                atom.kind = "year"
                atom.unit = None
                return
    if atom.unit in ("px", "em", "rem", "pt") and not atom.is_word:
        atom.note = "code"  # a style sheet in the page text, not the story
        return
    if text.startswith("(k)", atom.end):
        atom.note = "label"  # a 401(k) plan
        return
    if integer and v < 130 and atom.unit is None and atom.high is None:
        # "Maddon, 66, has": an age in apposition to a name
        if (
            text.startswith((",", ".", ";", ")"), atom.end)
            and atom.start >= 2
            and (text[atom.start - 2] == ",")
        ):
            prev = prev_word(text, atom.start, 30)
            if (
                prev
                and prev.group(1)[0].isupper()
                and prev.group(1) not in (CAPITALISED_FUNCTION_WORDS)
            ):
                atom.kind = "age"
                atom.unit = "years"
                return
    if (
        integer
        and atom.unit is None
        or (
            atom.unit
            and atom.unit[0].isupper()
            and len(atom.unit) > 1
            and not atom.unit.isupper()
            and not _is_measure_unit(atom.unit)  # "2.4Ghz" after a name is still gigahertz
        )
    ):
        prev = prev_word(text, atom.start, 30)
        if prev and text[prev.end(1) : atom.start] == " ":
            pw = prev.group(1)
            lead = text[max(0, prev.start(1) - 2) : prev.start(1)].strip()
            sentence_start = prev.start(1) == 0 or lead[-1:] in ("", ".", "!", "?", '"', "“")
            if (
                (pw[0].isupper() or pw in ("iPhone", "iPad"))
                and pw not in (CAPITALISED_FUNCTION_WORDS)
                and not sentence_start
                and not re.match(MONTHS_RE, pw)
            ):
                atom.note = "label"  # "Game 6", "S&P 500", "Section 427"
    if atom.start > 0:
        prev = prev_word(text, atom.start, 12)
        if prev and prev.group(1).lower() == "aged":
            atom.kind = "age"


def _merge_ranges(text: str, atoms: list[Atom]) -> list[Atom]:
    out: list[Atom] = []
    for b in atoms:
        a = out[-1] if out else None
        if (
            a is not None
            and a.kind == "year"
            and a.unit is None
            and a.high is None
            and b.kind == "quantity"
            and b.value is not None
            and a.value is not None
            and (b.unit is not None or (b.value > a.value and b.end - b.start == 4))
            and _COUNT_PAIR_GAP_RE.fullmatch(text, a.end, b.start) is not None
        ):
            a.kind = "quantity"  # "from 1000 to 2000 hires": the second end says what is counted
        if a is not None and (_add_cents(text, a, b) or _add_lower_order(text, a, b)):
            continue
        if a is not None and a.end <= b.start and b.start - a.end <= 24:
            merged = _try_merge(text, a, b)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(b)
    return out


_AND_GAP_RE = re.compile(r"\s+(?:and\s+)?")


def _add_cents(text: str, a: Atom, b: Atom) -> bool:
    """ "3 dollars 50 cents", "15 dollars and 50", "$3 and 50 cents": one amount, a + b/100."""
    if (
        a.kind != "money"
        or a.high is not None
        or a.value is None
        or a.unit is None
        or len(a.unit) != 3
        or b.value is None
        or not (b.value.is_integer() and 0 < b.value < 100)
        or _AND_GAP_RE.fullmatch(text, a.end, b.start) is None
    ):
        return False
    cents = b.kind == "money" and b.unit in ("cents", "pence")
    bare = b.kind == "quantity" and b.unit is None and text[a.end - 1].isalpha()
    if not (cents or bare):
        return False
    a.value += b.value / 100
    a.end = b.end
    return True


def _add_lower_order(text: str, a: Atom, b: Atom) -> bool:
    """ "4 thousand 3 hundred", "3 hundred and 21": digits with a scale word, then the rest of
    the number (a smaller bare number) as one value."""
    if (
        a.kind != "quantity"
        or a.mag is None
        or a.mag < 100
        or a.high is not None
        or a.unit is not None
        or a.value is None
        or not text[a.end - 1].isalpha()
        or not (b.kind == "quantity" and b.unit is None or b.kind == "money")
        or b.note is not None
        or b.value is None
        or b.high is not None
        or not (0 < b.value < a.mag and b.value.is_integer())
    ):
        return False
    gap = text[a.end : b.start]
    # "3 hundred and 21"; "4 thousand 3 hundred" (a smaller scale word follows). Not "2 million
    # and 30 more": two numbers.
    if not (gap == " and " and a.mag == 100 or gap == " " and b.mag is not None):
        return False
    a.value += b.value
    a.end = b.end
    a.mag = b.mag
    if b.kind == "money":
        a.kind, a.unit = b.kind, b.unit
    return True


_COUNT_PAIR_GAP_RE = re.compile(r"\s*[-–—]\s*|\s+(?:to|and|or)\s+")
_RANGE_KINDS = frozenset({"quantity", "percent", "money", "duration", "age", "year"})


def _try_merge(text: str, a: Atom, b: Atom) -> Atom | None:
    if a.value is None or b.value is None:
        return None
    g = _GAP_RE.fullmatch(text, a.end, b.start)
    if g is None:
        return None
    if (
        a.mag is None
        and b.mag is not None
        and a.raw is not None
        and b.raw is not None
        and 0 < a.raw < b.raw
        and a.high is None
        and a.kind == "quantity"
        and a.unit is None
        and not g.group("ratio")
    ):
        # "from 24.2 to 33-35 billion euros", "$10 to $15 billion": the magnitude (and the
        # currency) is written once, whether or not the pair is a range
        a.value = a.raw * b.mag
        a.mag = b.mag
        if b.kind in ("money", "percent"):
            a.kind, a.unit = b.kind, b.unit
    elif (
        a.mag is None
        and b.mag is not None
        and a.raw is not None
        and b.raw is not None
        and 0 < a.raw < b.raw
        and a.high is None
        and a.kind == "money"
        and a.unit == b.unit
    ):
        a.value = a.raw * b.mag
        a.mag = b.mag
    if a.high is not None or b.high is not None:
        return None
    if a.kind not in _RANGE_KINDS or b.kind not in _RANGE_KINDS or a.note or b.note == "vague":
        return None
    if a.unit is not None and a.unit != b.unit and not g.group("unit") and a.kind == b.kind:
        return None  # "sixfold to 7 million": different things
    if g.group("over"):
        # "one over three", "2000 over 3": a fraction said aloud. Only between two bare
        # numbers: "5 over 3 years" and "won 3 over 2 rivals" name what follows.
        if (
            a.kind == b.kind == "quantity"
            and a.unit is None
            and b.unit is None
            and a.note is None
            and b.note is None
            and b.value
            and ENDS_PHRASE_RE.match(text, b.end) is not None
        ):
            v = a.value / b.value
            return Atom(a.start, b.end, v, raw=v, note="fraction", is_word=a.is_word)
        return None
    if g.group("ratio"):
        if (
            a.kind == b.kind == "quantity"
            and a.unit is None
            and a.value.is_integer()
            and b.value.is_integer()
            and 0 < a.value < b.value <= 1000
        ):
            return Atom(
                a.start,
                b.end,
                a.value / b.value,
                unit=b.unit,
                raw=a.value / b.value,
                note="ratio",
                is_word=a.is_word,
            )
        return None
    if g.group("and") and _BETWEEN_RE.search(text, max(0, a.start - 9), a.start) is None:
        return None
    if g.group("unit"):
        if a.unit is None or a.unit.lower() != g.group("unit").strip().lower():
            return None
        if b.unit is not None and b.unit.lower() != a.unit.lower():
            return None  # "from 44 ml to 50 mg": two quantities of different units
        if (
            g.group("uconn") == "and"
            and _BETWEEN_RE.search(text, max(0, a.start - 9), a.start) is None
        ):
            return None
    lo, hi = a.value, b.value
    kind, unit = a.kind, a.unit
    if (
        a.kind == "quantity"
        and b.kind in ("percent", "money", "duration", "age")
        and (a.unit is None or g.group("unit"))
    ):
        kind, unit = b.kind, b.unit
    elif b.kind == "quantity" and a.kind in ("money", "age") and b.unit is None:
        kind = a.kind
    elif b.kind == "quantity" and a.kind == "percent" and b.unit is None and g.group("dash"):
        kind = a.kind  # "10%-15" (a range writes the sign twice or last: "0.4% to 13176" is not)
    elif a.kind != b.kind:
        return None
    elif a.kind == b.kind == "money" and a.unit != b.unit:
        return None
    if kind == "year" and not (a.kind == b.kind == "year"):
        return None
    unit = unit or b.unit
    if g.group("to"):
        prev = prev_word(text, a.start, 16)
        pw = prev.group(1).lower() if prev else ""
        if pw == "by":
            return None
        if (
            pw == "from"
            and _RANGE_CUE_RE.search(text, max(0, a.start - 40), max(0, a.start - 5)) is None
        ):
            return None
    if lo > hi:
        return None
    return Atom(a.start, b.end, lo, kind, unit, hi, raw=a.raw, is_word=a.is_word)


def _resolve_overlaps(atoms: list[Atom]) -> list[Atom]:
    atoms.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Atom] = []
    for atom in atoms:
        if kept and atom.start < kept[-1].end:
            if atom.end - atom.start > kept[-1].end - kept[-1].start:
                kept[-1] = atom
            continue
        kept.append(atom)
    return kept


# A hedge right before the number (its currency sign included): "about $5", "more than 40%".
# Grouped by first letter (by_first_letter: the same matches), so that at each word of the
# window only the hedges starting with its letter are tried, not all fifty.
_HEDGES = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(APPROXIMATORS, key=len)[::-1]]
_APPROX_BEFORE_RE = re.compile(
    r"(?i)(?<![\w.])(?:"
    + by_first_letter("|".join(h for h in _HEDGES if h[:1].isalpha()))
    + "".join(f"|{h}" for h in _HEDGES if not h[:1].isalpha())
    + r")\s*\Z"
)
_APPROX_AFTER_RE = re.compile(r"\+|-plus\b|\s+or\s+(?:more|so|fewer|less|above|over)\b")


def _approximate(text: str, start: int, end: int) -> bool:
    if text.endswith(("-plus", "+"), start, end):
        return True  # "100,000-plus"
    c = text[start - 1] if start else ""
    if (c.isspace() or c == "~") and (
        _APPROX_BEFORE_RE.search(text, max(0, start - 24), start) is not None
    ):
        return True
    return _APPROX_AFTER_RE.match(text, end) is not None


_URL_LOOKBACK = 300
# Ten or more numbers joined without a space ("1,1,1,...", "12-12-12-...", "1.2.3.4.5..."):
# data or an identifier, not prose. Read as one span, so such a run costs one match, not one
# pipeline per number. A grouped number ("1,000,000,...") is the exception.
_CHAIN_SEPARATORS = frozenset("-,./:")
_CHAIN_RE = re.compile(r"\d+(?:[-,./:]\d+){9,}")
_GROUPED_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?")


# a markup tag opens with "<" and a name ("<a href=", "</p"); "<30", "<-30", "<=5" compare
_TAG_OPEN_RE = re.compile(r"<[A-Za-z/!?]")


def _inside_url(text: str, pos: int) -> bool:
    """Digits in a URL, an e-mail address or markup are not numbers of the story."""
    # Look back a bounded way: a URL is not longer, and an unbounded search made a text
    # without spaces ("1,1,1,...") quadratic.
    lo = max(0, pos - _URL_LOOKBACK)
    ws = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos), lo - 1)
    chunk = text[ws + 1 : pos]
    if not chunk:
        return False
    return (
        "://" in chunk
        or chunk.startswith("www.")
        or "@" in chunk
        or (_TAG_OPEN_RE.search(chunk) is not None and ">" not in chunk)
        or "=" in chunk
        and '"' in chunk
    )


def find_numbers(text: str) -> list[NumberMention]:
    """Every number written in `text`, with its value, unit and kind, ordered by position."""
    if not text:
        return []
    atoms: list[Atom] = []
    pos, n = 0, len(text)
    while (m := _SCAN_RE.search(text, pos)) is not None:
        pos = max(m.end(), m.start() + 1)
        after = m.end()
        if after + 1 < n and text[after] in _CHAIN_SEPARATORS and text[after + 1].isdigit():
            chain = _CHAIN_RE.match(text, m.start())
            if chain is not None and _GROUPED_RE.fullmatch(chain.group()) is None:
                pos = chain.end()  # a list or an identifier, not a statistic: skip it whole
                continue
        if _inside_url(text, m.start()):
            continue
        atoms.extend(_digit_atoms(text, m))
    atoms.extend(scan_words(text))
    for atom in atoms:
        _classify(text, atom)
    atoms = _resolve_overlaps(atoms)
    atoms = _merge_ranges(text, atoms)
    return [
        NumberMention(
            start=a.start,
            end=a.end,
            text=text[a.start : a.end],
            value=a.value,
            kind=a.kind,
            unit=a.unit,
            high=a.high,
            note=a.note,
            approximate=_approximate(text, a.start, a.end),
        )
        for a in atoms
        if a.end > a.start
    ]


# --- judgement ------------------------------------------------------------------------------------

_STAT_KINDS = frozenset({"quantity", "percent", "money", "duration", "age"})


def is_statistic(m: NumberMention) -> bool:
    """A number a summary would report as a statistic.

    Quantities, percentages, amounts of money, durations ("a four-day sweep") and ages ("a
    68-year-old", "Maddon, 66,": a reader is told them as facts) count; dates, years, times and
    ordinals do not (identifiers and labels neither: numbers that are part of a name, "Game 6",
    "S&P 500"), nor do ranks ("No. 1"), scores, or style-sheet sizes ("20px").
    """
    if m.kind not in _STAT_KINDS or m.value is None:
        return False
    if m.text.lower() == "one" and m.unit is None:
        return False  # "one of many", "a great one": a pronoun more often than a count
    return m.note not in ("label", "score", "rank", "code")


def statistic_kind(m: NumberMention) -> StatisticKind:
    """What a statistic counts: money, percent, duration, age, ratio, measure (a unit of
    measurement, `MEASURE_UNITS`) or count (no unit, or a counted noun: "people")."""
    if m.kind in ("money", "percent", "duration", "age"):
        return m.kind
    if m.note in ("ratio", "fraction") or m.unit == "fold":
        return "ratio"
    unit = (m.unit or "").lower()
    if unit:
        first = unit.split()[0]
        singular = first[:-1] if first.endswith("s") and len(first) > 3 else first
        if (
            unit in MEASURE_UNITS
            or first in MEASURE_UNITS
            or singular in MEASURE_UNITS
            or unit.startswith(("degrees ", "square ", "cubic "))
            or "/" in unit
            or " per " in unit
        ):
            return "measure"
    return "count"


_MINOR_CURRENCY = {"pence": "GBP", "sen": "MYR"}


class StatisticFields(TypedDict):
    value: float | None
    high: float | None
    unit: str | None
    kind: StatisticKind
    currency: str | None
    approximate: bool
    vague: bool


def statistic_fields(m: NumberMention) -> StatisticFields:
    """What a reported statistic says of the number, read from the evidence: the fields of the
    contract's `Statistic` that the offline engine, the anchored strategy and verification fill
    from the article (one home for the mapping)."""
    return StatisticFields(
        value=m.value,
        high=m.high if m.note != "score" else None,
        unit=m.unit,
        kind=statistic_kind(m),
        currency=currency_of(m),
        approximate=m.approximate,
        vague=m.note == "vague",
    )


def currency_of(m: NumberMention) -> str | None:
    """The ISO 4217 code of an amount of money ("USD"), or None (cents: whose is not said)."""
    if m.kind != "money" or m.unit is None:
        return None
    if len(m.unit) == 3 and m.unit.isupper():
        return m.unit
    return _MINOR_CURRENCY.get(m.unit)


def parse_value(s: str) -> float | None:
    """The value of a number as a model might write it: "1.2 billion", "$3m", "twelve", "12%"."""
    s = s.strip()
    if not s:
        return None
    try:
        return float(s.replace(",", ""))
    except ValueError:
        pass
    for m in find_numbers(s):
        if m.value is not None:
            return m.value
    return None
