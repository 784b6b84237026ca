"""Titles, offices, organisations: the words around people's names (index/text/entities.py).

Titles are cased as in running text; modules match them case-insensitively where they must.
"""

from __future__ import annotations

# -- titles ----------------------------------------------------------------------------------------
# Titles that only ever name an office, so a capitalised run holding one is a title ("Japan's
# Foreign Minister"), never a person's or an organisation's name.
OFFICE_TITLES = tuple(
    """President Minister Secretary Ambassador Envoy Advisor Adviser Spokesperson King Queen
    Chancellor Premier Governor Senator Mayor Chairman Director Commander""".split()
)
# Titles that are also the first word of other names or plain words ("General Assembly",
# "Justice Department", "Prince Edward Island", "Leader"): a title only right before a name.
RANK_TITLES = tuple(
    """Secretary-General Spokesman Spokeswoman Prince Princess Emir Amir Sultan Sheikh
    Representative Chairwoman Chair Admiral General Administrator Coordinator Counselor Pope
    Cardinal Archbishop Judge Justice Leader Speaker Colonel Captain Lieutenant""".split()
)
HONORIFICS = ("Dr.", "Mr.", "Mrs.", "Ms.", "Sir", "Dame", "Lord", "Lady", "Gentleman")
# Words that qualify a title: "Deputy Foreign Minister", "Crown Prince", "National Security
# Advisor".
TITLE_MODIFIERS = tuple(
    """Vice Deputy Under Assistant Acting Prime Foreign Defense Defence Special Senior Chief Crown
    Grand First Second Former Executive""".split()
) + ("National Security",)
# Every title that introduces a person: "Foreign Minister Park Jin", "Mr. Smith".
TITLES_BEFORE_NAME = OFFICE_TITLES + RANK_TITLES + HONORIFICS
# The titles a trip summary keeps in front of a person met ("Foreign Minister Park Jin"): the
# offices except envoys, spokespeople and senators, plus princes, emirs and leaders. Two lists
# on purpose: keeping every office title here turns "Ned Price" into "Spokesperson Ned Price" and
# "Malley" into "Special Envoy Malley" in trip summaries (55 differences on the dev sample).
TITLES_OF_PEOPLE_MET = tuple(
    t for t in OFFICE_TITLES if t not in ("Envoy", "Spokesperson", "Senator")
) + ("Prince", "Emir", "Leader")

# -- offices -------------------------------------------------------------------------------------
# Words of a title's portfolio ("Minister for Foreign Affairs", "Secretary of Homeland
# Security"): they belong to the title, not to the name that follows.
_PORTFOLIOS = tuple(
    """Foreign Affairs External Defense Defence State Home Homeland Security National Finance
    Treasury Trade Commerce Economy Economic Interior Justice Health Energy Environment Education
    Labor Labour Agriculture Transport Transportation Culture Tourism Industry Development
    International Internal Public Political Military Cooperation Relations Planning Information
    Communications Digital Science Technology Research Immigration Migration Refugees Population
    Human Rights Democracy Climate Legislative Policy Diplomacy Strategic Office Department General
    Staff Forces Army Navy Air Force Affairs Bureau Council Cabinet Ministry Minister Secretary
    Administration Services Assistant Deputy Senior Special Regional""".split()
)
# Fitted to this corpus: the State Department's regional bureaus and US offices, as its
# releases name them ("Assistant Secretary for Western Hemisphere Affairs Brian Nichols",
# "Under Secretary for Arms Control and International Security Bonnie Jenkins", "Chairman of
# the Joint Chiefs of Staff"). Each has a sentence in tests/text/test_lexicon.py.
RELEASE_OFFICE_WORDS = tuple(
    """Western Hemisphere European Eurasian African Asian Pacific East Eastern Near South Central
    Global Multilateral Arms Control Nonproliferation Counterterrorism Management Resources Joint
    Chiefs""".split()
)
PORTFOLIO_WORDS = frozenset(_PORTFOLIOS + RELEASE_OFFICE_WORDS)

# Fitted to this corpus: "the Quad" (Australia, India, Japan, US), named in many releases.
RELEASE_ORG_WORDS = ("Quad",)
# Words that make a capitalised run an organisation, event, place or document rather than a
# person ("Camp David Summit", "Security Council", "Comprehensive Annual Report").
ORG_WORDS = frozenset(
    """Department Ministry Office Bureau Council Committee Commission Agency Organization
    Organisation Union Association Institute University College School Company Corporation
    Group Forum Summit Conference Meeting Ministerial Dialogue Assembly Parliament Congress
    Senate House Court Party Bank Fund Program Programme Initiative Partnership Alliance Treaty
    Agreement Accord Accords Act Declaration Strategy Framework Plan Force Forces Army Navy Guard
    Embassy Consulate Mission Center Centre Foundation Network Airport Station Museum Memorial Hall
    Square Street Road Avenue Bridge Canal Sea Ocean Gulf Strait River Lake Mountains Islands
    Region Province Administration Government Nations Security Consultative Month Day Week Year
    Pride Festival Games Cup Award Prize Authority Cabinet Fellowship Scholarship Basin Coast
    Peninsula Valley Desert Gardens Cemetery Stadium Arboretum Hospital Clinic Library Cathedral
    Mosque Palace Harbor Harbour Event Events Session Sessions Ceremony Workshop Exhibition Expo
    Symposium Convention Roundtable Talks Campaign Process Federation Confederation Republic
    Kingdom Emirates Report Reports Review Index Survey Law Bill Budget Charter Memorandum
    Roadmap Guidelines Principles Protocol""".split()
).union(RELEASE_ORG_WORDS)
# Endings of abstract and collective nouns, which no one's name has ("Overseas Buildings
# Operations", "Intelligence Community", "Press Availability", "Winter Olympics"): a run with
# such a word names a thing. Not "-ness" ("Andrew Holness").
THING_NOUN_ENDINGS = tuple(
    "tion tions sion sions ment ments ity ities ship ships ics ism isms".split()
)
# Last words of a region's name ("West Africa", "Latin America", "Middle East", "Western
# Hemisphere"): a run ending in one is no person.
REGION_TAILS = frozenset(
    """Africa America Americas Asia Europe East Hemisphere Pacific Caribbean Balkans Baltics
    Sahel Caucasus Arctic""".split()
)

# Capitalised words that never begin or continue a name: they open a clause ("However",
# "Arriving in Tokyo, ..."), so a name stops before them.
NOT_NAME_WORDS = frozenset(
    """The A An This That These Those It Its He She They We I You Our Their His Her In On At To
    For From By With As Of And Or But If When While After Before During Since Until Also Both
    Each Every All Some Many Most Other Such No Not Yes Today Yesterday Tomorrow Then There Here
    However Meanwhile Although Though Because Following Lastly Finally Additionally Further
    Furthermore Moreover Subsequently Together Beyond Through Throughout Under Over About Against
    Among Between Within Without Arriving Continuing According Discussions""".split()
)

# Lower-case particles inside names of people and of places: "Lula da Silva", "Ciudad del Este".
COMMON_NAME_PARTICLES = ("de", "da", "del", "al", "el")
# The particles of people's names: those and "Ursula von der Leyen", "Mohammed bin Salman".
NAME_PARTICLES = COMMON_NAME_PARTICLES + ("van", "von", "der", "bin", "bint", "ibn", "la", "le")

# Speaker labels of a transcript's reporters: their turn asks, the next speaker's answers.
REPORTER_LABELS = frozenset(
    ("QUESTION", "Q", "PARTICIPANT", "REPORTER", "JOURNALIST", "AUDIENCE", "AUDIENCE MEMBER")
)
