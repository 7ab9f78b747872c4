"""Attribution rules as a table of (text, expected speaker of each passage), langextract-style.

One row per case; the id names the rule it exercises. `None` is "no one is credited".
"""

from __future__ import annotations

import re

import pytest

from summarizer.evidence.attribution.chains import _LABEL
from summarizer.evidence.attribution.cues import _IN_WORDS, _OWN_SUBJECT, _TOLD_WHOM
from summarizer.evidence.attribution.phrases import _descriptive_in
from summarizer.evidence.attribution.pronouns import _described_as_thing
from summarizer.evidence.attribution.subjects import _ROLE_AFTER
from summarizer.evidence.quotes import find_quoted_passages

CASES: list[tuple[str, str, list[str | None]]] = [
    # after the quote: “...,” Name said
    ("after-name-said", "“Taxes will fall,” Jane Okafor said.", ["Jane Okafor"]),
    ("after-name-says", "“Prices are up,” Maria Lopez says.", ["Maria Lopez"]),
    ("after-name-told", "“We are ready,” Tom Reed told reporters.", ["Tom Reed"]),
    ("after-name-added", "“It was close,” Ana Ruiz added.", ["Ana Ruiz"]),
    ("after-descriptive", "“No comment,” the spokesman said.", ["the spokesman"]),
    ("after-according-to", "“The risk is low,” according to the agency.", ["the agency"]),
    ("after-name-title", "“We will act,” Jane Doe, the mayor, said.", ["Jane Doe"]),
    # inverted: “...,” said Name
    (
        "inverted-said",
        "“Growth is back,” said Geoff Garin, a Democratic pollster.",
        ["Geoff Garin"],
    ),
    # an honorific is split off as a role
    ("inverted-honorific", "“The fleet was ready,” said Adm. Mike Mullen.", ["Mike Mullen"]),
    ("inverted-descriptive", "“Case closed,” said one senior official.", ["one senior official"]),
    ("inverted-added", "“And soon,” added Maria Lopez.", ["Maria Lopez"]),
    ("inverted-wrote", "“The end is near,” wrote Paul Krugman.", ["Paul Krugman"]),
    # before the quote: Name said: “...” / Name said, “...”
    ("before-colon", "Jane Okafor said: “Taxes will fall.”", ["Jane Okafor"]),
    ("before-comma", "Tom Reed said, “We are ready.”", ["Tom Reed"]),
    ("before-told-that", "Ana Ruiz told reporters that “the plan works.”", ["Ana Ruiz"]),
    ("before-called-it", "Maria Lopez called it “a disgrace.”", ["Maria Lopez"]),
    ("before-wrote-colon", "Paul Krugman wrote: “The end is near.”", ["Paul Krugman"]),
    # colon intro without a verb of saying
    (
        "colon-intro-sentence",
        "Jane Okafor was blunt about the plan. She said: “It will not work.”",
        ["Jane Okafor"],
    ),
    # pronouns, resolved to the nearest fitting person named before
    ("pronoun-he", "Tom Reed spoke first. “We are ready,” he said.", ["Tom Reed"]),
    ("pronoun-she", "Jane Okafor took the stage. “Taxes will fall,” she said.", ["Jane Okafor"]),
    (
        "pronoun-nearest-person",
        "Jane Okafor met reporters. Tom Reed stayed home. “Taxes will fall,” he said.",
        ["Tom Reed"],
    ),
    (
        "pronoun-surname-expanded",
        "Angelica Salas leads the group. “We will sue,” Salas said.",
        ["Angelica Salas"],
    ),
    # organisations as speakers
    (
        "org-after",
        "“The data are clear,” the Department of Labor said.",
        ["Department of Labor"],
    ),
    ("org-inverted", "“Sales fell,” said Acme Corp.", ["Acme Corp"]),
    (
        "org-in-a-statement",
        "“We will fight on,” the Sierra Club said in a statement.",
        ["Sierra Club"],
    ),
    (
        "org-before",
        "The World Health Organization said: “The outbreak is contained.”",
        ["World Health Organization"],
    ),
    # continuation: chains and multi-paragraph quotes
    (
        "chain-inherits",
        "“We won,” Jane Okafor said. “We will win again.”",
        ["Jane Okafor", "Jane Okafor"],
    ),
    (
        "chain-next-sentence",
        "“First,” Tom Reed said. “Second, we go.” ",
        ["Tom Reed", "Tom Reed"],
    ),
    (
        "multi-paragraph",
        "“The first part of it,” Ana Ruiz said, “goes on.\n\n“And the second part ends.”",
        ["Ana Ruiz", "Ana Ruiz", "Ana Ruiz"],
    ),
    (
        "two-speakers",
        "“Yes,” Jane Okafor said.\n\n“No,” Tom Reed said.",
        ["Jane Okafor", "Tom Reed"],
    ),
    # no one to credit
    (
        "nobody",
        "The report is long. “The economy will shrink by half and nobody will notice for years.”",
        [None],
    ),
    (
        "title-run-split",
        "“We will act,” ICE Acting Director Tom Homan said.",
        ["Tom Homan"],
    ),
    (
        "role-before-name",
        "“It is time,” said Sen. Ted Cruz of Texas.",
        ["Ted Cruz"],
    ),
    # inverted cues take the name after the verb (present tense too), not a nearby one
    (
        "inverted-suggests",
        "Anna Berg led the study. “The results are early,” suggests Molitor.",
        ["Molitor"],
    ),
    (
        "inverted-explained",
        "Tom Reed was there. “It was slow,” explained Ana Ruiz, a nurse.",
        ["Ana Ruiz"],
    ),
    # descriptive and non-person sources, reported as written
    (
        "descriptive-agency",
        "Tom Reed runs the bureau. “We are reviewing the case,” the agency said.",
        ["the agency"],
    ),
    (
        "descriptive-group",
        "Jane Okafor founded the charity. “We need help,” the group tweeted.",
        ["the group"],
    ),
    (
        "descriptive-adjectives",
        "Tom Reed spoke first. “Nothing is certain,” the lanky, bespectacled professor said.",
        ["the lanky, bespectacled professor"],
    ),
    # the right piece of the subject
    (
        "subject-party-state",
        "“It is a bad bill,” Sen. Debbie Stabenow, D-Mich., said.",
        ["Debbie Stabenow"],
    ),
    (
        "subject-party-bracket",
        "Sen. Elizabeth Warren (D-MA) said, “He is a proven failure in business.”",
        ["Elizabeth Warren"],
    ),
    (
        "after-party-bracket",
        "“It is a bad deal,” Rep. Jim McDermott (D-Wash.) said.",
        ["Jim McDermott"],
    ),
    ("subject-nationality-role", "“I was nervous,” Canadian actor Oh said.", ["Oh"]),
    ("subject-of-org", "“Markets are calm,” Jingyi Pan of IG said.", ["Jingyi Pan"]),
    (
        "subject-after-intro",
        "In a statement, Facebook said: “We take this seriously.”",
        ["Facebook"],
    ),
    # no names from inside the quote, a dateline, a header, boilerplate or a headline
    (
        "not-inside-quote",
        "Jane Okafor spoke. “Tom Reed is wrong about the plan,” she said.",
        ["Jane Okafor"],
    ),
    ("not-dateline", "OTTAWA — “We will not back down,” he said.", ["he"]),
    (
        "not-header",
        "FULL TEXT.\n\n“We are here today to talk about the future of this country.”",
        [None],
    ),
    (
        "not-boilerplate",
        "Article Continued Below\n\n“It was the best day of my life and I will never forget it.”",
        [None],
    ),
    (
        "not-headline",
        "At A Goldman Summit, Clinton Talks Jobs\n\n“We need more good jobs now,” she said.",
        ["she"],
    ),
    (
        "not-common-word",
        "Reed waited for hours. Hours later, Tom Reed called, telling Reuters, “We have a deal.”",
        ["Tom Reed"],
    ),
    # pronouns agree with what they stand for: not an organisation, not the other gender
    (
        "pronoun-not-org",
        "Kinder Morgan said Tuesday it would go ahead. “We are committed,” she said.",
        ["she"],
    ),
    (
        "pronoun-gender-honorific",
        "Mr. Tom Reed left early. Ms. Jane Okafor stayed. “We won,” he said.",
        ["Tom Reed"],
    ),
    # the reporter, not the subject of the reported clause
    (
        "reporter-not-subject",
        "Fritz told reporters the golfer was “playing through a lot of pain.”",
        ["Fritz"],
    ),
    # nested quotes are not cut at the inner mark; dash-set quotes are found
    ("nested-same-marks", "“He told me “no” and walked out,” Jane Okafor said.", ["Jane Okafor"]),
    (
        "dash-set",
        "Tom Reed said the players — “the boys,” as he calls them — were tired.",
        ["Tom Reed"],
    ),
    # names beyond ASCII, and German low-high marks
    ("unicode-inverted", "“We are ready,” said Zoë Ångström.", ["Zoë Ångström"]),
    (
        "unicode-after",
        "“Turkey will respond,” Recep Tayyip Erdoğan said.",
        ["Recep Tayyip Erdoğan"],
    ),
    ("unicode-caron", "“We are close to a deal,” said Maroš Šefčovič.", ["Maroš Šefčovič"]),
    ("unicode-initial", "“It works,” Øystein Olsen said.", ["Øystein Olsen"]),
    ("german-marks", "„We will manage this“, said Angela Merkel.", ["Angela Merkel"]),
    ("german-marks-english", "Angela Merkel said: „We will manage this.“", ["Angela Merkel"]),
    # a reporting clause set off by a comma closes the quote's sentence
    (
        "closing-said",
        "Obama “felt a moral obligation to act on” climate change, David Axelrod said.",
        ["David Axelrod"],
    ),
    (
        "closing-inverted",
        "“We are extremely happy” about the vote, said RoseAnn DeMoro, the union's leader.",
        ["RoseAnn DeMoro"],
    ),
    (
        "closing-appositive-commas",
        "The plans “are steps in the right direction,” Anne Richards, assistant secretary of "
        "state for population, refugees, and migration, said on the same call.",
        ["Anne Richards"],
    ),
    (
        "closing-told-whom",
        "“We looked at thousands of interviews,” Google's chief human resources executive, "
        "Laszlo Bock, told The New York Times in 2013.",
        ["Laszlo Bock"],
    ),
    # a possessive names whose the role is, not the speaker; a name set beside the role is
    (
        "possessive-role-appositive",
        "“California stuck out,” Sanders's campaign manager, Jeff Weaver, said.",
        ["Jeff Weaver"],
    ),
    (
        "possessive-role-inverted",
        "“We are treating it as one long day,” said Rubio’s deputy campaign manager, Rich "
        "Beeson, who ran the ground game.",
        ["Rich Beeson"],
    ),
    (
        "possessive-role-as-written",
        "Sanders’ campaign called the report a “rush to judgment.”",
        ["Sanders’ campaign"],
    ),
    ("possessive-apostrophe-cut", "“We won,” said Bernie Sanders’ friend Tom Reed.", ["Tom Reed"]),
    (
        "in-whose-words",
        "The summit came because, in Forbes’ words, “they are the best.”",
        ["Forbes"],
    ),
    # a colon after a clause: the clause's subject introduces the quote
    (
        "colon-sentence-subject",
        "Jeb Bush explained what was wrong to the Dutch newspaper NRC Handelsblad: “It was "
        "insensitive.”",
        ["Jeb Bush"],
    ),
    (
        "colon-after-opening-clause",
        "When Wallace died in 1998, President Clinton released a statement: “We mourn him.”",
        ["Clinton"],
    ),
    # a quotation standing as its own sentence goes on about the previous sentence's subject
    (
        "free-standing-previous-subject",
        "Buddy Valastro praised the governor after Hurricane Sandy hit the state. “We need "
        "someone who gets things done.”",
        ["Buddy Valastro"],
    ),
    (
        "titled-name-and-organisation",
        "Former U.N. Ambassador John Bolton and Breitbart News National Security Editor "
        "Sebastian Gorka spoke on Monday.\n\nBolton praised the speech. “I will support him.”",
        ["John Bolton"],
    ),
    (
        "closing-coordinated-subject",
        "“We can only wonder,” state Senate leader Phil Berger and House Speaker Tim Moore, both "
        "Republicans, said in a statement.",
        ["Phil Berger"],
    ),
    # a participle's subject: its own name, the closing attribution before it, the sentence's
    (
        "participle-after-said",
        "Mateen left as soon as prayers ended, Nefzi said, adding, “He was not very religious.”",
        ["Nefzi"],
    ),
    (
        "participle-with-subject",
        "Both Bolton and Gorka saw it as a sign, with Gorka noting the absurdity of sending “a "
        "couple of hundred SF guys here” into a beehive.",
        ["Gorka"],
    ),
    (
        "coordinated-verbs",
        "Lindsey Graham said that Carson is a “good, decent man,” and said that Trump “melted "
        "down last night.”",
        ["Lindsey Graham", "Lindsey Graham"],
    ),
    (
        "hyphenated-title",
        "“We had a big issue,” said United Auto Workers Secretary-Treasurer Gary Casteel.",
        ["Gary Casteel"],
    ),
    (
        "age-and-city-appositive",
        "Cory James, 22, of Flint, Mich., said he hoped for a convention “surprise,” because he "
        "could not vote for her.",
        ["Cory James"],
    ),
    (
        "pronoun-own-sentence-subject",
        "Jane Okafor won. Okafor said that she called Kim Reed after the vote to praise what "
        "she called “an extraordinary campaign.”",
        ["Jane Okafor"],
    ),
    (
        "inverted-after-comma",
        "Abortion is “central” to the platform for the first time, reported the Washington "
        "Examiner.",
        ["Washington Examiner"],
    ),
    (
        "inverted-descriptive-weekday",
        "“There are invertebrates with more spine,” reads a Wednesday editorial in The Des "
        "Moines Register.",
        ["a Wednesday editorial"],
    ),
    (
        "not-inverted-adverbial",
        "“I would have been all in,” Mr. Regalado, the mayor of Miami, said in his office "
        "overlooking Biscayne Bay.",
        ["Mr. Regalado"],
    ),
    (
        "sign-off-line",
        "The reactions came fast.\n\n“It needs to stop.”\n\n-Michelle Marks, Philadelphia.",
        ["Michelle Marks"],
    ),
    (
        "title-words-lead-to-person",
        "Former Republican presidential candidate Jeb Bush explained what was wrong to the "
        "newspaper NRC Handelsblad: “It was insensitive.”",
        ["Jeb Bush"],
    ),
    (
        "fallback-past-opening-participle",
        "Filling in for Sanders at the event where Clinton appeared, Cornel West landed a dig at "
        "“my dear sister Hillary Clinton.”",
        ["Cornel West"],
    ),
    (
        "colon-question-then-new-sentence",
        "Clinton, exasperated, famously responded: “What difference does it make?” Her critics "
        "cited it as evidence.",
        ["Clinton"],
    ),
    (
        "transcript-label",
        "The panel went on.\n\n“Chris Matthews: Seriously, Bernie says he will pay for it.”",
        ["Chris Matthews"],
    ),
    (
        "label-in-a-chant-is-no-speaker",
        "Holding signs, the protesters chanted “Chris Christie: Bad for New Jersey, bad for you.”",
        ["the protesters"],
    ),
    (
        "list-of-quotes-shares-attribution",
        "Guns are “the ultimate public health crisis” and “stunt children’s growth,” Howard "
        "Dean, the former governor of Vermont, proclaimed.",
        ["Howard Dean", "Howard Dean"],
    ),
    (
        "venue-is-no-speaker",
        "“We like the candidates,” Sheldon Adelson said ahead of opening his new St. Regis hotel "
        "in Macau.\n\n“It is changing every day.”",
        ["Sheldon Adelson", "Sheldon Adelson"],
    ),
    (
        "agency-with-and-is-one-name",
        "“We will act,” said U.S. Immigration and Customs Enforcement spokesman Tom Reed.",
        ["Tom Reed"],
    ),
    # the reporter of a reported clause is the quote's source, not the clause's subject
    (
        "reporter-of-reported-clause",
        "Rep. Steve Israel said Clinton called on members to be “closely coordinated.”",
        ["Steve Israel"],
    ),
    (
        "reporter-not-across-clauses",
        "“It is over,” Cruz said as the heckler yelled: “You lost!”",
        ["Cruz", "the heckler"],
    ),
    (
        "plural-noun-is-no-verb",
        "China has provoked mixed feelings in many Asian states, and it has used “velvet gloves” "
        "in its dealings, said Nargis Kassenova, an expert at KIMEP University.",
        ["Nargis Kassenova"],
    ),
    (
        "unlisted-verb-yields-to-reporting-verb",
        "As America prepares for what Newt Gingrich called “the loudest election in modern "
        "history,” the former House Speaker is intrigued by a role in it.",
        ["Newt Gingrich"],
    ),
    # a common noun phrase opening the clause is the guessed source, as written
    (
        "guess-determiner-noun-phrase",
        "Trump took questions.\n\nThe billionaire businessman began by talking about drugs, "
        "saying that heroin is now “cheaper than getting candy.”",
        ["The billionaire businessman"],
    ),
    (
        "guess-possessed-noun-phrase",
        "In response to the filings, Cruz’s lawyers relied on precedent to defend the view "
        "that he is in fact “natural born” within the meaning of the Constitution.",
        ["Cruz’s lawyers"],
    ),
    (
        "guess-bare-plural",
        "Across Asia, policymakers have been startled by Trump’s “isolationist” pronouncements, "
        "which have challenged the status quo.",
        ["policymakers"],
    ),
    (
        "lead-adverb-source",
        "“It is close,” one said. Yet another said, “Rubio is in a battle.”",
        ["one", "another"],
    ),
    (
        "colon-after-earlier-quote",
        "Another said he hoped with his “whole heart” that Trump wins the election: “That way I "
        "can watch the comedy.”",
        ["Another", "Another"],
    ),
    # the agent of a passive verb of naming used the words
    (
        "passive-agent-after",
        "This feature has been called “strategic ambiguity” by Joshua Hendrick, a professor.",
        ["Joshua Hendrick"],
    ),
    (
        "passive-agent-before",
        "Obama put his hand on his shoulder in what would come to be derisively known by some "
        "Republicans as a “hug” after the storm.",
        ["some Republicans"],
    ),
    (
        "participle-with-noun-phrase",
        "Teachers unions backed Hillary Clinton, with the American Federation of Teachers "
        "calling her “the champion working families need.”",
        ["American Federation of Teachers"],
    ),
    (
        "after-clause-introduces-next-quote",
        "Clinton responds to Mills with, “Why now? That was on my way to Libya?” Mills then "
        "writes back, “You look cute.”",
        ["Clinton", "Mills"],
    ),
    (
        "unlisted-inverted-verb",
        "“Silly boys acting like they have never seen a girl,” scoffed Arianna Gil, 22.",
        ["Arianna Gil"],
    ),
    (
        "chain-after-exclamation",
        "“Pat is the greatest!!!” Denis McDonough wrote in an email to officials. “Thanks for "
        "the great work.”",
        ["Denis McDonough", "Denis McDonough"],
    ),
    (
        "dash-sign-off-with-title",
        "The convention ended.\n\n“Great speech. She is ready.”\n\n-President Obama, tweeting "
        "after the speech.",
        ["Obama"],
    ),
    (
        "share-of-people-subject",
        "Democrats were asked about Clinton, to which 21 percent said “not too likely” and 14 "
        "percent said “not at all likely.”",
        ["21 percent", "14 percent"],
    ),
    # a lone surname that is also a common word, a participle or a place, where it speaks
    (
        "surname-common-word",
        "The columnist George Will wrote a column. “It is over,” Will wrote.",
        ["George Will"],
    ),
    (
        "surname-participle",
        "Betsy Ebeling knocked on doors. “We live in Chicago,” Ebeling said.",
        ["Betsy Ebeling"],
    ),
    (
        "surname-place",
        "Rep. Steve Israel spoke first. “We are ready,” Israel said.",
        ["Steve Israel"],
    ),
    # other outlets' conventions
    (
        "descriptive-source-for-an-organisation",
        "A spokeswoman for Delta said: “We apologise to all customers.”",
        ["A spokeswoman for Delta"],
    ),
    (
        "possessive-determiner-role-then-name",
        "Its travel editor, Rory Boland, said: “Airlines cannot simply walk away.”",
        ["Rory Boland"],
    ),
    (
        "name-before-two-appositives",
        "Pierre Moscovici, the president of the Cour des comptes, France's public audit office, "
        "warned that the finances were “among the most degraded in the eurozone”.",
        ["Pierre Moscovici"],
    ),
    (
        "indian-honorific-gives-the-pronoun",
        "“We will not burden the citizen,” Chahal said.\n\nShri Ashish Shelar, the BJP's city "
        "president, welcomed it. “The work moves at a snail's pace,” he said.",
        ["Chahal", "Ashish Shelar"],
    ),
    (
        "undotted-honorific-expands-to-the-full-name",
        "Jeremy Hunt spoke in Nottingham. “It is the best tax cut of all,” Mr Hunt said.",
        ["Jeremy Hunt"],
    ),
    (
        "undotted-honorific-of-the-other-gender-stays",
        "Margaret Dunne and her husband waited. “They treated us like cattle,” Mr Dunne said.",
        ["Mr Dunne"],
    ),
    (
        "hong-kong-name-surname-before-the-given-name",
        "Chief Executive John Lee Ka-chiu gave his address. “We must seize it,” Lee said.",
        ["John Lee Ka-chiu"],
    ),
    (
        "honorific-with-a-surname-written-first",
        "Health Minister Ong Ye Kung spoke. “We want to help,” Mr Ong said.",
        ["Ong Ye Kung"],
    ),
    (
        "portfolio-between-title-and-name",
        "Minister for Housing Darragh O'Brien said: “We have a record level of funding.”",
        ["Darragh O'Brien"],
    ),
    (
        "secretary-of-state-and-name",
        "Secretary of State John Kerry flew in. “We are ready,” Kerry said.",
        ["John Kerry"],
    ),
    (
        "portfolio-word-opening-a-company",
        "Energy Transfer Partners said: “No.”",
        ["Energy Transfer Partners"],
    ),
    (
        "surname-with-its-particle",
        "Ursula von der Leyen spoke in Brussels. “We are united,” von der Leyen said.",
        ["Ursula von der Leyen"],
    ),
    (
        "nigerian-honorific-expands-to-the-full-name",
        "Aliko Dangote opened the refinery. “We will export fuel,” Alhaji Dangote said.",
        ["Aliko Dangote"],
    ),
    (
        "irish-title-split-off",
        "Taoiseach Simon Harris spoke in Dublin. “This is not acceptable,” Mr Harris said.",
        ["Simon Harris"],
    ),
    # a cue after the closing mark stands in the quote's paragraph: the next one's subject is
    # no attribution of it (in a text without line breaks the sentence decides, as before)
    (
        "cue-after-stays-in-the-paragraph",
        "Jane Okafor spoke first. “Taxes will fall,”\n\nTom Reed said the figures were wrong.",
        ["Jane Okafor"],
    ),
    (
        "cue-after-stays-in-the-line",
        "Jane Okafor spoke first. “Taxes will fall,”\nTom Reed said.",
        ["Jane Okafor"],
    ),
    (
        "cue-after-without-line-breaks",
        "Jane Okafor spoke first. “Taxes will fall,” Tom Reed said the figures were wrong.",
        ["Tom Reed"],
    ),
    (
        "single-quotation-marks-house-style",
        "'We sat on the floor all night,' Mrs Dunne said. 'It was shameful.'\n\n"
        "Her husband said: 'They treated us like cattle.'",
        ["Mrs Dunne", "Mrs Dunne", "Her husband"],
    ),
    # names with particles as international news writes them
    (
        "glued-particle-surname-expands",
        "Hassan al-Masri, a spokesman, spoke first. “We will stay,” al-Masri said.",
        ["Hassan al-Masri"],
    ),
    (
        "glued-particle-after-a-separate-one",
        "“We will stay,” said Abu Bakr al-Baghdadi.",
        ["Abu Bakr al-Baghdadi"],
    ),
    (
        "glued-particle-capitalised-opening-a-sentence",
        "Prime Minister Mohammed Shia al-Sudani arrived.\n\nAl-Sudani said: “Iraq is open.”",
        ["Mohammed Shia al-Sudani"],
    ),
    (
        "bare-surname-of-a-glued-particle-name",
        "President Abdel Fattah el-Sisi arrived.\n\n“Egypt is ready,” Mr Sisi said.",
        ["Abdel Fattah el-Sisi"],
    ),
    ("elided-particle", "“Europe,” said Valéry Giscard d’Estaing.", ["Valéry Giscard d’Estaing"]),
    ("bint", "“We will build,” said Hessa bint Khalifa.", ["Hessa bint Khalifa"]),
    ("dos", "“Hi,” said Maria dos Santos.", ["Maria dos Santos"]),
    (
        "honorific-with-particle",
        "Ursula von der Leyen arrived. “Europe stands united,” Ms von der Leyen said.",
        ["Ursula von der Leyen"],
    ),
    (
        "capitalised-particle-opening-a-sentence",
        "Ursula von der Leyen arrived.\n\nVon der Leyen said: “Europe stands united.”",
        ["Ursula von der Leyen"],
    ),
    (
        "particles-do-not-count-as-name-words",
        "“The deal is done,” said Luiz Inácio Lula da Silva. “We are happy,” Lula said.",
        ["Luiz Inácio Lula da Silva", "Luiz Inácio Lula da Silva"],
    ),
    (
        "first-name-before-a-particle-is-no-month",
        "A spokesman, Jan de Vries, spoke. “We will be back,” De Vries said.",
        ["Jan de Vries"],
    ),
    (
        "capitalised-title-stands-for-its-holder",
        "Taoiseach Micheál Martin visited Cork. “We will build,” the Taoiseach said.",
        ["Micheál Martin"],
    ),
    (
        "capitalised-title-before-its-holder-is-named",
        "The Taoiseach has said the Government will act.\n\n"
        "Taoiseach Simon Harris said: “It is a priority.”\n\n"
        "“It will not wait,” the Taoiseach said.",
        ["Simon Harris", "Simon Harris"],
    ),
    (
        "lower-case-title-stays-as-written",
        "Prime Minister Anthony Albanese visited Perth. “We will build,” the prime minister said.",
        ["the prime minister"],
    ),
    (
        "gulf-honorific-and-given-name-among-namesakes",
        "Sheikh Mohammed bin Abdulrahman Al Thani met Crown Prince Mohammed bin Salman.\n\n"
        "“A deal is possible,” Sheikh Mohammed said.",
        ["Mohammed bin Abdulrahman Al Thani"],
    ),
    (
        "title-and-a-surname-written-first",
        "Chinese President Xi Jinping met the delegation.\n\n“We are partners,” President Xi said.",
        ["Xi Jinping"],
    ),
    (
        "title-and-a-given-name-gulf-style",
        "Sheikh Mohammed bin Abdulrahman Al Thani met Crown Prince Mohammed bin Salman.\n\n"
        "“Talks went well,” Prince Mohammed said.",
        ["Mohammed bin Salman"],
    ),
    (
        "title-and-a-first-name-of-someone-else",
        "Harry Kane scored twice.\n\n“What a game,” Prince Harry said.",
        ["Harry"],
    ),
    (
        "relative-clause-after-an-appositive",
        "Caroline van der Plas, leader of the BBB, which is part of the coalition, said the "
        "scheme was voluntary “and must stay that way”.",
        ["Caroline van der Plas"],
    ),
    (
        "role-ending-in-an-organisation-then-the-person",
        "The leader of the Popular Party (PP), Alberto Núñez Feijóo, called the plan “an "
        "advertisement with no land and no bricks”.",
        ["Alberto Núñez Feijóo"],
    ),
    # names beyond ASCII are whole names; a blank line ends a name (names.NAME_GAP)
    ("non-ascii-inverted", "“Taxes will fall,” said Øystein Ålund.", ["Øystein Ålund"]),
    ("non-ascii-inverted-surname", "“Taxes will fall,” said Šefčovič.", ["Šefčovič"]),
    ("non-ascii-after", "“We will act,” Recep Tayyip Erdoğan said.", ["Recep Tayyip Erdoğan"]),
    ("non-ascii-in-words", "In Øystein Ålund’s words, “taxes will fall.”", ["Øystein Ålund"]),
    (
        "non-ascii-participle-subject",
        "Jane Okafor spoke, with Øystein Ålund noting “taxes will fall.”",
        ["Øystein Ålund"],
    ),
    ("non-ascii-label", "“Øystein Ålund: Seriously, what now?”", ["Øystein Ålund"]),
    ("blank-line-label", "“Chris Matthews\n\nBill Reed: Seriously, what now?”", ["Bill Reed"]),
    ("blank-line-told", "“We are ready,” Tom Reed told Dagens\n\nNæringsliv.", ["Tom Reed"]),
]

# The attribution patterns' name pieces, one row a (pattern, group, text, what the group takes at
# the text's start, None for no match): a capital of any script opens a name token, and a blank
# line between two capitalised words is no gap inside one name.
NAME_PIECES: list[tuple[str, re.Pattern[str], str | int, str, str | None]] = [
    ("label", _LABEL, "name", "Øystein Ålund: Seriously", "Øystein Ålund"),
    ("label-blank-line", _LABEL, "name", "Chris Matthews\n\nBill Reed: Seriously", None),
    ("label-line-break", _LABEL, "name", "Chris\nMatthews: Seriously", "Chris\nMatthews"),
    ("in-words", _IN_WORDS, "who", "In Maroš Šefčovič’s words, ", "Maroš Šefčovič"),
    ("in-words-blank-line", _IN_WORDS, "who", "In Tom\n\nReed’s words, ", None),
    ("own-subject", _OWN_SUBJECT, "name", "with Øystein Ålund ", "Øystein Ålund"),
    ("own-subject-blank-line", _OWN_SUBJECT, "name", "with Tom\n\nReed ", None),
    ("told-whom", _TOLD_WHOM, 0, " Dagens Næringsliv.", " Dagens Næringsliv"),
    ("told-whom-blank-line", _TOLD_WHOM, 0, " Dagens\n\nNæringsliv.", " Dagens"),
    ("role-after", _ROLE_AFTER, 0, " chief executive Øystein", " chief executive "),
    ("role-after-blank-line", _ROLE_AFTER, 0, " chief executive\n\nSteve", None),
]


@pytest.mark.parametrize(
    ("pattern", "group", "text", "expected"),
    [c[1:] for c in NAME_PIECES],
    ids=[c[0] for c in NAME_PIECES],
)
def test_name_piece(
    pattern: re.Pattern[str], group: str | int, text: str, expected: str | None
) -> None:
    m = pattern.match(text)
    assert (m.group(group) if m else None) == expected


def test_a_thing_beyond_ascii_is_described_as_one() -> None:
    # "Økokrim, the ... agency": the appositive's name opens with a capital of any script.
    text = "Økokrim, the official Norwegian police agency, reported the raid."
    assert _described_as_thing(text, "Økokrim")


# Scare quotes and lists of words are not quotes of anyone. ("the term “X”" is: the annotated
# corpora count the words someone used.)
NOT_QUOTES: list[tuple[str, str]] = [
    ("banished-words", "The list of banished words includes “amazing,” “epic” and “literally.”"),
    ("scare-quote", "The so-called “reform” passed on Tuesday after a long night."),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_attribution_case(text: str, expected: list[str | None]) -> None:
    assert [p.speaker for p in find_quoted_passages(text) if p.kind != "term"] == expected


@pytest.mark.parametrize("text", [c[1] for c in NOT_QUOTES], ids=[c[0] for c in NOT_QUOTES])
def test_not_a_quote(text: str) -> None:
    assert [p.text for p in find_quoted_passages(text) if p.kind != "term"] == []


@pytest.mark.parametrize(
    ("segment", "speaker"),
    [
        ("Local ICE officials", "Local ICE officials"),
        # The qualifier starts at its own first word whatever white space stands inside it
        # (single spaces were assumed: this gave "ocal  ICE officials").
        ("Local  ICE officials", "Local  ICE officials"),
        ("In a  campaign U.S.\nImmigration  officials", "U.S.\nImmigration  officials"),
    ],
)
def test_a_capitalised_qualifier_stays_whole_before_a_descriptive_source(
    segment: str, speaker: str
) -> None:
    found = _descriptive_in(segment, 0, len(segment), True)
    assert found is not None and found.text == speaker
