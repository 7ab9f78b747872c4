"""Numbers written in digits: "1,200", "$4.5m", "-3", "1.111,11", "3/4", "5-10", "No. 1".

`scan_digits` finds every run of digits, reads what stands before it (a currency, a sign, "No.")
and hands what follows to `numbers_tails`. It also decides which digits are no numbers of the
story: glued to a word ("H5N1", "COVID-19"), inside a URL or markup, or in a long chain of
joined numbers (data, an identifier). Dates and times written in digits are kept as such, so
that their parts are not read as counts.
"""

from __future__ import annotations

import re

from summarizer.evidence.numbers_atom import Atom
from summarizer.evidence.numbers_tails import apply_tail
from summarizer.evidence.numbers_vocab import ISO_PREFIXES, PREFIX_CURRENCY, VULGAR
from summarizer.evidence.regex import lazy_compile
from summarizer.evidence.text import is_word_char

# Digits are found by a pattern that starts with a character class (the regex engine then skips
# quickly to the next candidate); what stands before a number (currency, sign, "No.") is read
# backwards from there, which is cheaper than trying prefixes at every position of the text.
_VULGAR_CHARS = "".join(VULGAR)
# Thousands grouped by spaces ("1 234") end before a comma only when a digit follows it (a
# decimal comma, another style): a clause's comma after them ("498 498, ...") is punctuation,
# which a summary's clause drops, and the number must read the same without it.
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
                         |\d{{0,2}}(?:[\u00a0\u202f\u2009 ]\d{{3}})+(?!\d|,\d)
                         |\d*)(?:\.\d+)?)
      (?P<vf>[{_VULGAR_CHARS}])?
      (?:(?P<rsep>-to-|[-–—])(?P<rcur>[$€£])?
         (?P<hi>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?(?!\d|[-–]\d))?
    | (?P<lone>)
    )""",
    re.VERBOSE,
)
# The currency words a number's prefix ends with before a space ("USD 5", "KSh 500"), whose
# lower-case forms also let `_may_have_prefix` skip the search: one list for both.
_SPACED_CURRENCIES = (*ISO_PREFIXES, "RM", "Sh", "KSh", "USh", "TSh", "Dh", "Dhs")
# Searched back from a number over a few characters: the leading lookahead names every character
# a prefix can start with (or the end, where the empty prefix stands), so that every other
# position of the window is rejected at once rather than after trying each alternative there.
_BEFORE_RE = lazy_compile(
    r"""(?=[NnMm\-−UCAHSRYEGJIKTBDOPZLQ$€£¥₹₩₽₪₺₦]|\Z)(?:
      (?P<no>\b(?:No|no|Nos|nos)\.\s?)
    | (?P<minus>\b(?i:minus|negative)[\s-]|(?<![\w.,])[-−])?
      (?P<cur>(?:\bUS|\bU\.S\.|\bCA|\bAU|\bNZ|\bHK|\bNT)\s?\$|\b[CASR]\$|\b[CS]\s\$
        | [$€£¥₹₩₽₪₺₦] | \bY= | \bRs\.?\s
        | \b(?:"""
    + "|".join(_SPACED_CURRENCIES)
    + r""")\s)?
    )\Z""",
    re.VERBOSE,
)
# grouped with dots: a decimal comma after them ("1.111,11"), or two dot groups ("1.234.567"; an
# IPv4 address has three). A lone "1,3" or "1.500" stays English: a list, a decimal point.
_EURO_GROUPED_RE = re.compile(r"\d{1,3}(?:\.\d{3})+,\d{1,2}|\d{1,3}\.\d{3}\.\d{3}")
# a currency code written against the digits: "RM79", "USD10m", "$US113", "PS2.7m" (a mangled £)
_GLUED_CUR_RE = re.compile(
    r"""(?P<minus>(?<![\w.])[-−])?
    (?P<cur>(?<![A-Za-z])(?:RM|PS|"""
    + "|".join(ISO_PREFIXES)
    + r"""|Rs
        |US\$|C\$|A\$|S\$|R\$|AU\$|NZ\$|HK\$|CA\$|NT\$|[KUT]?Sh|Ksh|N|SR|QR|Dhs?)
      | \$(?:US|AU|NZ|CA|HK|A|C))\Z""",
    re.VERBOSE,
)
# a number glued to its scale or percent sign, then a hyphen: what precedes a range's high end
_SCALED_END_RE = re.compile(r"\d(?:[kKmMbBT]|bn|mn|tn|bln|mln|%)[-–]\Z")
# the characters a prefix ("$", "US$ ", "minus ", "No. ", "Rs.") can end with
_PREFIX_ENDS = frozenset(" \t\n\u00a0.$€£¥₹₩₽₪₺₦=-−")
_PS_OK_RE = re.compile(r"\d+(?:[.,]\d|\s?(?:m|bn|k|million|billion)\b)|\d{2,}")
# Nigerian press writes the naira as a glued N ("N1,550", "N5bn"); an N before other digits is a
# label ("N95", "N1"), so only grouped thousands or a scale make it money.
_NAIRA_OK_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?\s?(?:bn|mn|tn|trn|m|b|k|million|billion|trillion)\b"
)
_LOWER_HYPHEN_RE = re.compile(r"(?<![\w-])[a-z]+[-–]\Z")


# The words a prefix ending in a space can end with ("No. ", "minus ", "Rs. ", "USD "), lower case.
_SPACED_PREFIX_WORDS = (
    "no.",
    "nos.",
    "minus",
    "negative",
    "rs",
    "rs.",
    *(c.lower() for c in _SPACED_CURRENCIES),
)


def _may_have_prefix(text: str, start: int) -> bool:
    """False only if no prefix of `_BEFORE_RE` ends at `start`: before a space or a full stop
    (most numbers), only the words above can end one, so the search over the window before
    every number is spared. Outside ASCII, case-insensitive matching folds more than
    `str.lower`, so the search decides; so it does after a currency sign or a minus."""
    prev = text[start - 1]
    if prev != "." and not prev.isspace():
        return True
    before = text[max(0, start - 10) : start - 1]
    if not before.isascii():
        return True
    before = before.lower()
    if prev == ".":
        return before.endswith(("no", "nos"))
    return before.endswith(_SPACED_PREFIX_WORDS)


def _num(s: str) -> float:
    return float(
        s.replace(",", "")
        .replace("\u00a0", "")
        .replace("\u202f", "")
        .replace("\u2009", "")
        .replace(" ", "")
    )


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
    if is_word_char(prev):
        # glued to a word: an id ("S23", "H5N1", "G70") unless the word is a currency code
        g = _GLUED_CUR_RE.search(text, max(0, start - 6), start)
        if g is None:
            return []
        cur = g.group("cur")
        if cur == "PS" and _PS_OK_RE.match(text, start) is None:
            return []  # "PS4": a games console, not pounds
        if cur == "N" and _NAIRA_OK_RE.match(text, start) is None:
            return []
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
    elif prev in _PREFIX_ENDS and (prev != " " or start >= 2) and _may_have_prefix(text, start):
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
    if "." in num_s and _EURO_GROUPED_RE.fullmatch(num_s):
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
    # The token is what follows the last whitespace of any kind (`str.split`'s: a tab, a
    # control character like "\x1f"), the separator the summary's text gets in its place.
    if pos == 0 or text[pos - 1].isspace():
        return False  # most numbers: no token before them, and no window cut out of the text
    window = text[max(0, pos - _URL_LOOKBACK) : pos]
    chunk = window.rsplit(None, 1)[-1]
    return (
        "://" in chunk
        or chunk.startswith("www.")
        or "@" in chunk
        or ("<" in chunk and _TAG_OPEN_RE.search(chunk) is not None and ">" not in chunk)
        or "=" in chunk
        and '"' in chunk
    )


def scan_digits(text: str) -> list[Atom]:
    """Every number written in digits, in order of position (overlaps not yet resolved)."""
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
    return atoms
