"""Numbers written in words: "twenty-eight thousand", "a quarter", "dozens", "threefold".

`scan_words` finds number words by a fast search for their stems at the start of a word, joins
neighbouring words into one number (`_parse_cardinal`), and reads fractions, ordinals, vague
plurals ("thousands": a decade, note "vague") and spoken decimals ("five point five"). Its own
module because words need a grammar digits do not; what follows them is read by
`numbers_tails` like any number's tail.
"""

from __future__ import annotations

import re

from summarizer.evidence.numbers_atom import ENDS_PHRASE_RE, Atom, prev_word
from summarizer.evidence.numbers_tails import TAIL_RE, apply_hyphen, apply_tail, may_have_tail
from summarizer.evidence.numbers_vocab import (
    CARDINALS,
    COMPOUND_UNITS,
    DENOMINATORS,
    ORDINALS,
    SCALES,
    VAGUE,
)

# Number words: each stem begins every word it stands for, so a word is found by a fast
# search for its stem at the start of a word, then checked against the vocabulary.
_WORD_STEMS = (
    "zero", "nought", "naught", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twel", "thir", "fif", "twen", "fort", "hundred",
    "thousand", "mill", "bill", "trill", "dozen", "first", "second", "hal", "quarter",
)  # fmt: skip


def _stem_alternation() -> str:
    """The stems as one alternation grouped by first letter, so a regex tries few at a time."""
    groups: dict[str, list[str]] = {}
    for stem in _WORD_STEMS:
        groups.setdefault(stem[0], []).append(stem[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_STEM_ALTERNATION = _stem_alternation()
_STEM_RE = re.compile(f"(?:{_STEM_ALTERNATION})")
# A stem after a character that is not a-z: the regex skips in C to such characters, where a
# search for each stem in turn stopped at every "one" in "someone". A stem inside another match
# follows a letter, so the non-overlapping scan misses no stem that starts a word.
_STEM_AFTER_RE = re.compile(f"[^a-z](?:{_STEM_ALTERNATION})")
_FOLDS = {f"{w}fold": v for w, v in CARDINALS.items() if v >= 2}
_VOCAB = frozenset(
    set(CARDINALS)
    | {"hundred", "dozen", "tens"}
    | set(SCALES)
    | set(ORDINALS)
    | set(DENOMINATORS)
    | set(COMPOUND_UNITS)
    | set(VAGUE)
    | set(_FOLDS)
)
_ALPHA_RUN_RE = re.compile(r"[a-z]+")
_WORD_NEXT_RE = re.compile(r"(?:-|[ \t\u00a0]+(?:and[ \t]+|of[ \t]+)?)([a-z]+)")


_A_BEFORE_RE = re.compile(r"(?<![\w])(?:[Aa]n?|[Hh]alf\s+an?)\s+\Z")
_DIGIT_WORDS = "zero|oh|nought|one|two|three|four|five|six|seven|eight|nine"
_POINT_DIGITS_RE = re.compile(rf"(?i)\s+point((?:\s+(?:{_DIGIT_WORDS}))+)(?![a-z])")
_MINUS_WORD_RE = re.compile(r"(?i)\b(?:minus|negative)\s+\Z")
_AND_A_HALF_RE = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_HALF_A_RE = re.compile(r"\s+an?\s+(dozen|hundred|thousand|million|billion|trillion)\b", re.I)


def scan_words(text: str) -> list[Atom]:
    low = text.lower()
    if len(low) != len(text):
        # lower() changed the length (e.g. "İ"): compare case-folded character by character
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # Where a stem starts a word (no letter before it), in order.
    hits = [m.start() + 1 for m in _STEM_AFTER_RE.finditer(low) if not low[m.start()].isalpha()]
    if _STEM_RE.match(low):
        hits.insert(0, 0)
    if not hits:
        return []
    out: list[Atom] = []
    done = -1
    for i in hits:
        if i < done:
            continue
        w = _ALPHA_RUN_RE.match(low, i)
        if w is None or w.group() not in _VOCAB or (w.end() < len(low) and low[w.end()].isalnum()):
            continue
        toks = [(w.group(), i, w.end())]
        pos = w.end()
        while True:
            nx = _WORD_NEXT_RE.match(low, pos)
            if nx is None or nx.group(1) not in _VOCAB:
                break
            if (
                pos < len(low)
                and low[pos] == "-"
                and nx.group(1) in DENOMINATORS
                and nx.group(1) not in ("thirds", "quarters", "halves", "fifths")
                and toks[-1][0] not in CARDINALS
            ):
                break
            if nx.group().rstrip().endswith(" of") or " of " in nx.group():
                if toks[-1][0] not in ("tens", "hundreds", "dozens") or nx.group(1) not in VAGUE:
                    break
                toks.append(("of", nx.start(1) - 3, nx.start(1) - 1))
            elif " and" in nx.group() or "\tand" in nx.group():
                toks.append(("and", nx.start(1) - 4, nx.start(1) - 1))
            toks.append((nx.group(1), nx.start(1), nx.end(1)))
            pos = nx.end()
        done = pos
        out.extend(_word_atoms(text, toks))
    return _mixed_numbers(text, out)


def _word_atoms(text: str, toks: list[tuple[str, int, int]]) -> list[Atom]:
    if len(toks) == 1 and toks[0][0] in _FOLDS:
        v = float(_FOLDS[toks[0][0]])
        return [Atom(toks[0][1], toks[0][2], v, unit="fold", raw=v, is_word=True)]
    out: list[Atom] = []
    i, n = 0, len(toks)
    while i < n:
        w, ts, te = toks[i]
        if w in ("and", "of"):
            i += 1
            continue
        if w in VAGUE or w == "tens":
            if i + 2 < n and toks[i + 1][0] == "of" and toks[i + 2][0] in VAGUE:
                base = {"tens": 10.0, "hundreds": 100.0, "dozens": 12.0}.get(w)
                if base is not None:
                    v = base * VAGUE[toks[i + 2][0]]
                    out.append(
                        Atom(ts, toks[i + 2][2], v, high=v * 10, note="vague", raw=v, is_word=True)
                    )
                    i += 3
                    continue
            if w in VAGUE:
                v = VAGUE[w]
                out.append(Atom(ts, te, v, high=v * 10, note="vague", raw=v, is_word=True))
            i += 1
            continue
        if w in CARDINALS or w in ("hundred", "dozen") or w in SCALES:
            j, value, ordinal, fraction = _parse_cardinal(toks, i, text)
            if j == i:
                i += 1
                continue
            start = ts
            if toks[i][0] in ("hundred", "dozen") or toks[i][0] in SCALES:
                a = _A_BEFORE_RE.search(text, max(0, ts - 8), ts)
                if a is None:
                    i = j
                    continue
                start = a.start()
                if a.group().lower().startswith("half"):
                    value *= 0.5
            if w == "one" and j == i + 1 and _is_pronoun_one(text, ts, te):
                i = j
                continue
            end = toks[j - 1][2]
            sign = _MINUS_WORD_RE.search(text, max(0, start - 10), start)
            if sign is not None and not ordinal:
                start, value = sign.start(), -value  # "minus five percent"
            atom = Atom(start, end, value, raw=value, is_word=True)
            last = toks[j - 1][0]
            if last in SCALES or last == "hundred":
                atom.mag = SCALES.get(last, 100.0)
                atom.raw = value / atom.mag
            if ordinal:
                atom.kind = "ordinal"
            elif fraction:
                atom.note = "fraction"
            out.append(atom)
            i = j
            continue
        if w in DENOMINATORS or w in ORDINALS:
            a = _A_BEFORE_RE.search(text, max(0, ts - 8), ts)
            nxt = text[te : te + 4].lower()
            if w == "half":
                prev = prev_word(text, ts, 20)
                pw = prev.group(1).lower() if prev else ""
                if pw in ORDINALS or pw in ("other", "latter", "back", "front"):
                    i += 1
                    continue
                start = a.start() if a is not None else ts
                h = _HALF_A_RE.match(text, te)
                if h is not None:
                    v = 0.5 * (
                        SCALES.get(h.group(1).lower())
                        or {"dozen": 12.0, "hundred": 100.0}[h.group(1).lower()]
                    )
                    out.append(Atom(start, h.end(), v, raw=v, is_word=True))
                    i += 1
                    while i < n and toks[i][1] < h.end():
                        i += 1
                    continue
                out.append(Atom(start, te, 0.5, raw=0.5, note="fraction", is_word=True))
            elif (
                a is not None
                and (w in DENOMINATORS or ORDINALS[w] >= 100)
                and (
                    nxt.startswith(" of")
                    or w in ("quarter", "half")
                    or ENDS_PHRASE_RE.match(text, te) is not None
                )
            ):
                # "a fifth of", "a quarter", "a fifth." (a fifth *term* is an ordinal)
                v = 1.0 / (DENOMINATORS.get(w) or ORDINALS[w])
                out.append(Atom(a.start(), te, v, raw=v, note="fraction", is_word=True))
            elif w in ORDINALS:
                if w == "second" and out and out[-1].end >= ts - 1 and out[-1].kind != "ordinal":
                    i += 1  # "one second": a time unit after a number, not an ordinal
                    continue
                v = float(ORDINALS[w])
                out.append(Atom(ts, te, v, "ordinal", raw=v, is_word=True))
            i += 1
            continue
        i += 1
    for atom in out:
        if atom.kind == "quantity" and atom.value is not None and atom.note is None:
            d = _POINT_DIGITS_RE.match(text, atom.end)
            if d is not None and atom.value.is_integer():
                # "five point five", "two hundred point zero three": digits said one by one
                digits = "".join(str(CARDINALS.get(w, 0)) for w in d.group(1).lower().split())
                direction = -1.0 if atom.value < 0 else 1.0  # "oh" is the only word not there
                atom.value += direction * float("0." + digits)
                atom.raw = atom.value
                atom.end = d.end()
            h = _AND_A_HALF_RE.match(text, atom.end)
            if h is not None:
                atom.value += 0.5 * (atom.mag or 1.0)  # "one million and a half": 1.5 million
                atom.end = h.end()
        if atom.kind == "quantity" and atom.unit is None:
            apply_tail(text, atom, digits=False)
        elif atom.kind == "ordinal" and may_have_tail(text, atom.end):
            t = TAIL_RE.match(text, atom.end)
            if t is not None:
                apply_hyphen(text, atom, t)
    return out


def _mixed_numbers(text: str, atoms: list[Atom]) -> list[Atom]:
    """A whole number, "and", a fraction: one number ("five and a quarter" = 5.25)."""
    out: list[Atom] = []
    for b in atoms:
        a = out[-1] if out else None
        if (
            a is not None
            and a.kind == "quantity"
            and a.note is None
            and a.value is not None
            and a.value.is_integer()
            and b.note == "fraction"
            and b.value is not None
            and b.value < 1
            and text[a.end : b.start] == " and "
        ):
            a.value += b.value
            a.raw = a.value
            a.end = b.end
            continue
        out.append(b)
    return out


def _parse_cardinal(
    toks: list[tuple[str, int, int]], i: int, text: str
) -> tuple[int, float, bool, bool]:
    """Read "twenty-eight thousand six hundred forty-two" from token i; (end, value, ord, frac)."""
    total, cur, last = 0.0, 0.0, ""
    j, n = i, len(toks)
    last_scale = float("inf")
    and_base: float | None = None  # the value before an "and": "one hundred and three quarters"
    while j < n:
        w = toks[j][0]
        if w == "and":
            if (
                last in ("hundred", "scale")
                and j + 1 < n
                and (toks[j + 1][0] in CARDINALS or toks[j + 1][0] in ORDINALS)
                and toks[j + 1][0] != "second"
            ):
                and_base = total + cur
                j += 1
                continue
            break
        if w in CARDINALS:
            v = CARDINALS[w]
            if v < 10:
                ok = last in ("", "hundred", "scale", "tens")
                kind = "unit"
            elif v < 20:
                ok = last in ("", "hundred", "scale")
                kind = "teen"
            else:
                ok = last in ("", "hundred", "scale")
                kind = "tens"
            if not ok and kind == "tens" and total == 0 and and_base is None and j + 1 < n:
                # a tens word after a small numerator opens a compound denominator:
                # "three twenty-firsts" = 3/21, "one twenty-fifth (of)" = 1/25
                unit, unit_end = toks[j + 1][0], toks[j + 1][2]
                if unit in COMPOUND_UNITS and (
                    unit.endswith("s")
                    or (cur == 1 and ENDS_PHRASE_RE.match(text, unit_end) is not None)
                    or (cur == 1 and text[unit_end : unit_end + 3].lower() == " of")
                ):
                    return j + 2, cur / (v + COMPOUND_UNITS[unit]), False, True
            if not ok:
                break
            cur += v
            last = kind
        elif w == "hundred":
            if last not in ("", "unit", "teen", "tens") or (last == "" and j != i):
                break
            cur = (cur or 1.0) * 100
            last = "hundred"
        elif w in SCALES:
            s = SCALES[w]
            if s >= last_scale:
                break
            total += (cur or 1.0) * s
            cur, last, last_scale = 0.0, "scale", s
        elif w == "dozen" or (w == "dozens" and last in ("unit", "teen", "tens")):
            if last not in ("", "unit", "teen", "tens"):
                break
            return j + 1, total + (cur or 1.0) * 12, False, False
        elif w in ORDINALS and last == "tens" and ORDINALS[w] < 10:
            return j + 1, cur + ORDINALS[w], True, False  # "twenty-fifth", not 20/5
        elif w in ORDINALS and ORDINALS[w] >= 100 and last in ("unit", "teen", "tens"):
            # "two hundredth", "the three thousandth visitor"
            return j + 1, (total + cur) * ORDINALS[w], True, False
        elif w in ORDINALS and ORDINALS[w] < 100 and last in ("hundred", "scale") and w != "second":
            return j + 1, total + cur + ORDINALS[w], True, False  # "one hundred and first"
        elif (
            w in DENOMINATORS
            and DENOMINATORS[w] >= 100
            and last in ("hundred", "scale")
            and and_base is None
            and total + cur < DENOMINATORS[w]
        ):
            # "a hundred trillionths" = 100/1e12, "a hundred thousand millionths" = 1e5/1e6
            return j + 1, (total + cur) / DENOMINATORS[w], False, True
        elif (
            w in DENOMINATORS
            and last in ("unit", "teen", "tens")
            and (total == 0 or and_base is not None)
            and (w not in ("second",))
        ):
            if w in ("half", "halves") and cur != 1 and not w.endswith("s"):
                break
            if and_base is not None:
                # "one hundred and three quarters" is 100.75, not 103/4
                numerator = total + cur - and_base
                return j + 1, and_base + numerator / DENOMINATORS[w], False, False
            return j + 1, cur / DENOMINATORS[w], False, True
        elif w in ORDINALS and last == "tens" and ORDINALS[w] < 10:
            return j + 1, cur + ORDINALS[w], True, False
        else:
            break
        j += 1
    if j > i and toks[j - 1][0] == "and":
        j -= 1
    return j, total + cur, False, False


def _is_pronoun_one(text: str, ts: int, te: int) -> bool:
    before = text[max(0, ts - 6) : ts].lower()
    after = text[te : te + 8].lower()
    return before.endswith(("no ", "every ", "any ", "each ")) or after.startswith(" another")
