"""The words numbers are written with: cardinals, scales, fractions, currencies, units.

Data only, for the `numbers_*` modules (the scan -> classify -> merge pipeline of
`numbers.find_numbers`). Month spellings come from the lexicon, the one home of calendar words.
"""

from __future__ import annotations

from summarizer.evidence.lexicon import MONTH_NUMBERS

CARDINALS = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
}  # fmt: skip
# denominators of spelled fractions ("two-thirds", "a quarter of", "three fifths")
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
# "three sixteenths", "two hundredths": any plural ordinal is a denominator. Not "firsts" or
# "seconds" ("two firsts" in a race, a time unit); "twenty-firsts" goes through COMPOUND_UNITS.
DENOMINATORS |= {
    f"{w}s": int(v) for w, v in ORDINALS.items() if v >= 3 and f"{w}s" not in DENOMINATORS
}
# the last word of a compound denominator after a tens word: "three twenty-firsts" is 3/21,
# "one twenty-fifth" 1/25 (a plural after any numerator, the singular after "one")
COMPOUND_UNITS = {w: v for w, v in ORDINALS.items() if v < 10 and w != "second"}
COMPOUND_UNITS |= {f"{w}s": v for w, v in COMPOUND_UNITS.items()}
VAGUE = {
    "dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
    "trillions": 1e12,
}  # fmt: skip
MAGNITUDES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7, "dozen": 12, "dozens": 12, "k": 1e3, "m": 1e6, "mm": 1e6,
    "mn": 1e6, "mln": 1e6,
    "mil": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "t": 1e12, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125, "⅜": 0.375,
           "⅝": 0.625, "⅞": 0.875, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6,
           "⅚": 5 / 6, "⅐": 1 / 7, "⅑": 1 / 9, "⅒": 0.1}  # fmt: skip
TIME_UNITS = {
    "second": "seconds", "seconds": "seconds", "sec": "seconds", "secs": "seconds",
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours", "day": "days",
    "days": "days", "week": "weeks", "weeks": "weeks", "month": "months", "months": "months",
    "year": "years", "years": "years", "yr": "years", "yrs": "years", "decade": "decades",
    "decades": "decades", "century": "centuries", "centuries": "centuries", "night": "nights",
    "nights": "nights", "season": "seasons", "seasons": "seasons", "term": "terms",
    "quarter": "quarters", "quarters": "quarters",
}  # fmt: skip
# ISO codes written before an amount, spaced or glued ("AED 5", "SAR1.2bn"): the currencies of
# the news; codes that are common words or names elsewhere ("ALL", "TOP", "PHP 8") are left out.
ISO_PREFIXES = (
    "USD", "EUR", "GBP", "JPY", "AUD", "CAD", "NZD", "HKD", "SGD", "CHF", "CNY", "RMB", "INR",
    "MYR", "AED", "SAR", "QAR", "KWD", "BHD", "OMR", "EGP", "ZAR", "KES", "NGN", "PKR", "BDT",
    "LKR", "IDR", "THB", "KRW", "TWD", "BRL", "MXN", "SEK", "NOK", "DKK", "PLN", "RUB", "ILS",
)  # fmt: skip
PREFIX_CURRENCY = {
    **{c: c for c in ISO_PREFIXES},  # each its own code, unless named below ("RMB" is CNY)
    "$": "USD", "US$": "USD", "U.S.$": "USD", "$US": "USD", "USD": "USD", "C$": "CAD",
    "CA$": "CAD", "$C": "CAD", "$CA": "CAD", "CAD": "CAD", "A$": "AUD", "AU$": "AUD",
    "$A": "AUD", "$AU": "AUD", "AUD": "AUD", "NZ$": "NZD", "$NZ": "NZD", "NZD": "NZD",
    "HK$": "HKD", "$HK": "HKD", "HKD": "HKD", "S$": "SGD", "SGD": "SGD", "NT$": "TWD",
    "R$": "BRL", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "PS": "GBP", "¥": "JPY",
    "JPY": "JPY", "Y=": "JPY", "₹": "INR", "RS": "INR", "RS.": "INR", "INR": "INR",
    "RM": "MYR", "MYR": "MYR", "CHF": "CHF", "CNY": "CNY", "RMB": "CNY", "₩": "KRW",
    "₽": "RUB", "₪": "ILS", "₺": "TRY", "NIS": "ILS", "₦": "NGN", "N": "NGN",
    # East African shillings: Kenyan press writes Sh or KSh, Ugandan USh, Tanzanian TSh.
    "SH": "KES", "KSH": "KES", "USH": "UGX", "TSH": "TZS",
    # Gulf press: Saudi SR, Qatari QR, Emirati Dh or Dhs before the amount.
    "SR": "SAR", "QR": "QAR", "DH": "AED", "DHS": "AED",
}  # fmt: skip
SUFFIX_CURRENCY = {
    "€": "EUR", "£": "GBP", "$": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "usd": "USD", "gbp": "GBP", "jpy": "JPY", "chf": "CHF", "cny": "CNY", "yuan": "CNY",
    "renminbi": "CNY", "rmb": "CNY", "yen": "JPY", "shekel": "ILS", "shekels": "ILS",
    "nis": "ILS", "rupee": "INR", "rupees": "INR", "crown": "DKK", "crowns": "DKK",
    "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "franc": "CHF",
    "francs": "CHF", "peso": "MXN", "pesos": "MXN", "ruble": "RUB", "rubles": "RUB",
    "rouble": "RUB", "roubles": "RUB", "ringgit": "MYR", "rand": "ZAR", "dirham": "AED",
    "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "naira": "NGN", "baht": "THB",
    "lira": "TRY", "zloty": "PLN", "shilling": "KES", "shillings": "KES", "dollar": "USD",
    "dollars": "USD", "cent": "cents", "cents": "cents", "pence": "pence", "p": "pence",
    "sen": "sen", "¢": "cents",
}  # fmt: skip
# an adjective before "dollars"/"crowns"/"pesos" names the currency
CURRENCY_ADJECTIVE = {
    "australian": "AUD", "canadian": "CAD", "new zealand": "NZD", "hong kong": "HKD",
    "singapore": "SGD", "taiwan": "TWD", "taiwanese": "TWD", "us": "USD", "u.s.": "USD",
    "american": "USD", "danish": "DKK", "swedish": "SEK", "norwegian": "NOK", "czech": "CZK",
    "mexican": "MXN", "philippine": "PHP", "argentine": "ARS", "chilean": "CLP",
    "colombian": "COP", "indian": "INR", "pakistani": "PKR", "south african": "ZAR",
    "swiss": "CHF", "chinese": "CNY", "japanese": "JPY", "israeli": "ILS", "turkish": "TRY",
    "brazilian": "BRL", "russian": "RUB", "malaysian": "MYR", "thai": "THB", "kenyan": "KES",
    "kenya": "KES", "ugandan": "UGX", "uganda": "UGX", "tanzanian": "TZS", "tanzania": "TZS",
}  # fmt: skip
GENERIC_CURRENCY_NOUNS = ("dollar", "crown", "peso", "rupee", "franc", "kron", "pound", "shilling")
VIDEO_LINES = {240.0, 360.0, 480.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0}
# words that end a counted-noun search: the number counts nothing written after it
NOT_UNITS = frozenset(
    """a an the of and or nor to in on at for from by with as than that which who whom whose
    was were is are be been being has have had will would can could may might must should shall
    said says say told according up down after before since over under about around this these
    those last next it its he she they we i you his her their our my your more less most least
    when while if but so not no also just only each all both into onto ago per out off among
    via then there here where what how why yet still even now later earlier early late again
    against between during within without through until till toward towards compared versus
    vs do does did get got make made take took see saw set put go went come came rose fell
    gained lost dropped jumped climbed slipped slid added fewer higher lower overnight today
    tonight yesterday tomorrow apiece overall nationwide worldwide instead alone some many much
    several few once""".split()
)
# Every spelling of a month, capitalised, longest first (callers allow a full stop after it).
MONTHS_RE = "|".join(sorted((m.capitalize() for m in MONTH_NUMBERS), key=lambda m: (-len(m), m)))
# Words before a four-digit number that make it a year ("in 2020", "since 1998", "May 2021").
YEAR_CUES = frozenset(
    """in since by from until till of during year years the early late mid fiscal before
        after through between and to season class spring summer autumn fall winter circa c
        around""".split()
) | frozenset(MONTH_NUMBERS)
# Of the year cues, those that also stand before a count ("from 1000 to 2000 hires", "by 1500
# jobs"): with a plural noun after the number, it is a count, not a year. The others ("in",
# "since", "the", months, seasons) keep the year: "the 2016 elections", "since 2010 prices".
WEAK_YEAR_CUES = frozenset(
    "from to by of and between through after before around than about nearly over".split()
)
# Plurals that do not end in -s: after a number they are counted nouns too ("1200 people").
IRREGULAR_PLURALS = frozenset(
    """people children men women police staff personnel cattle sheep feet teeth mice geese
    troops fish deer livestock""".split()
)
CAPITALISED_FUNCTION_WORDS = frozenset(
    """About Some Nearly Almost Only Just The A An In Of With By Over Under More Less Around
    Roughly Approximately At To From Up Down For And But Than Top All Another Another Those These
    Some Another Exactly Fully Least Most Nearly Past Last First Next Only Overall Total""".split()
)
# Words before a number that hedge it ("about 500", "more than $2 billion", "up to 40%").
APPROXIMATORS = (
    "about", "around", "roughly", "approximately", "nearly", "almost", "some", "more than",
    "less than", "fewer than", "over", "under", "up to", "at least", "at most", "as many as",
    "as much as", "as few as", "as little as", "upwards of", "close to", "an estimated",
    "estimated", "just over", "just under", "in excess of", "no more than", "no fewer than",
    "not more than", "not less than", "greater than", "higher than", "lower than", "below",
    "above", "circa", "ca.", "~", "nigh on", "well over", "well under", "larger than",
    "smaller than", "bigger than", "exceeding", "upward of",
)  # fmt: skip
# Units of measurement, as a unit is written after a number (lower case, singular). A unit
# not here is a counted noun ("people", "homes"): the statistic is then a count.
MEASURE_UNITS = frozenset(
    """m metre meter km kilometre kilometer cm centimetre centimeter mm millimetre millimeter
    µm μm micrometre micron nm nanometre mi mile yd yard ft foot feet in inch inches nautical
    kg kilogram g gram mg milligram µg lb lbs pound ounce oz ton tonne t kt mt st stone carat
    l litre liter ml millilitre milliliter cl dl gallon gal pint quart barrel bbl cubic square
    sq sqm sqft acre hectare ha km² m² ft² mph kph km/h m/s knot kn mpg mpge rpm hz khz mhz
    ghz thz w kw mw gw tw kwh mwh gwh twh wh btu mmbtu j kj mj calorie cal kcal hp bhp
    kilowatt megawatt gigawatt terawatt kilowatt-hour megawatt-hour gigawatt-hour terawatt-hour
    watt-hour kilojoule megajoule kilovolt megavolt kilohertz megahertz gigahertz deg
    horsepower v kv mv a ma mah ah ohm Ω volt watt amp ampere joule newton nm lb-ft ft-lb
    psi ksi bar mbar pa kpa mpa hpa atm kb mb gb tb pb bit byte kilobyte megabyte gigabyte
    terabyte petabyte kbps mbps gbps bps tflops flops mp megapixel pixel dpi ppi °c °f °
    degree celsius fahrenheit kelvin ppm ppb db decibel mmhg sievert msv gray rad rem curie
    bq becquerel lux lumen candela mol cc kcal/mol g/km mg/l µg/m³ nit teu dwt gt light-year
    parsec au""".split()
)
