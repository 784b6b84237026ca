"""Words around place names: aliases, look-alikes, and the words before a place (places.py)."""

from __future__ import annotations

from index.text.lexicon.calendar import MONTH_NAMES
from index.text.lexicon.people import COMMON_NAME_PARTICLES, TITLE_MODIFIERS, TITLES_BEFORE_NAME

# -- cities by their initials ------------------------------------------------------------------
# Written in capitals, these stand for one city only ("the summit in LA"); in lower case "la"
# is a word of Spanish and French names, so only the capitals are read this way. Not "DC":
# "Washington" is also a state and a surname, and releases write "Washington, D.C.".
CITY_ABBREVIATIONS = {
    "LA": "Los Angeles",
    "NYC": "New York City",
    "SF": "San Francisco",
    "KL": "Kuala Lumpur",
    "HCMC": "Ho Chi Minh City",
}

# -- country names GeoNames lacks ----------------------------------------------------------------
# Official and common short names GeoNames' country list does not carry, -> ISO 3166 alpha-2.
# They name countries the gazetteer already knows; they are aliases, not a list of places.
# Lookups ignore accents, so "Türkiye" covers "Turkiye" too.
_ALIASES = {
    "Korea": "KR",
    "U.S.": "US",
    "US": "US",
    "USA": "US",
    "U.S.A.": "US",
    "United States of America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "UAE": "AE",
    "Czech Republic": "CZ",
    "Netherlands": "NL",
    "Côte d'Ivoire": "CI",
    "Vatican City": "VA",
    "Timor-Leste": "TL",
    "Congo": "CG",
    "DRC": "CD",
}
# Fitted to this corpus: the names US government releases use ("the ROK", "Burma",
# "Türkiye"), each with a sentence in tests/text/test_lexicon.py.
RELEASE_COUNTRY_ALIASES = {
    "Republic of Korea": "KR",
    "ROK": "KR",
    "DPRK": "KP",
    "Democratic People's Republic of Korea": "KP",
    "Burma": "MM",
    "West Bank": "PS",
    "Gaza": "PS",
    "Holy See": "VA",
    "Türkiye": "TR",
}
COUNTRY_ALIASES: dict[str, str] = _ALIASES | RELEASE_COUNTRY_ALIASES

# -- capitalised words that are also small towns -------------------------------------------------
# Common words GeoNames knows as towns somewhere ("Mobile", "Nice", "Reading").
_WORD_TOWNS = tuple(
    """Mobile Reading Split Nice Independence Liberty Enterprise Victory Union Hope Unity Paradise
    Progress Marathon Opportunity Commerce Justice University Guard""".split()
)
# People's names that are also towns ("Abraham Lincoln", "Benjamin Franklin", "Camp David").
_NAME_TOWNS = tuple(
    """Wellington Lincoln Jackson Franklin Madison Douglas David Florence Bristol
    Chester""".split()
)
# Fitted to this corpus: officials State Department releases name by surname or first name
# ("Secretary Austin", "Ned Price", "Sherman met", "Victoria Nuland", "Foreign Secretary Elizabeth
# Truss"), each with a sentence in tests/text/test_lexicon.py. Price, Utah has fewer than
# 15,000 people: "Price" matters once the gazetteer holds smaller towns. "Washington" is not
# here: GeoNames lists it first as a US state, so it is always a place.
RELEASE_PEOPLE_TOWNS = ("Austin", "Price", "Sherman", "Victoria", "Elizabeth")
# A gazetteer hit on one of these is noise unless a locative word comes right before it
# ("return to Austin"); see `Gazetteer.find`. Only the words GeoNames lists as cities matter.
NOT_PLACES = frozenset(
    ("Of", "The", "A", "An", "And", "Or", "But", "As", "At", "By", "For", "From", "In", "Into")
    + ("On", "To", "With")
    + TITLES_BEFORE_NAME
    + TITLE_MODIFIERS
    + MONTH_NAMES
    + _WORD_TOWNS
    + _NAME_TOWNS
    + RELEASE_PEOPLE_TOWNS
)

# -- the words around a place --------------------------------------------------------------------
# A place name among NOT_PLACES right after one of these is a place after all: "arrived in
# Austin", "visiting Victoria". Exact forms, matched case-insensitively.
LOCATIVE_WORDS = tuple(
    """in to from at into toward towards visit visiting visited via near across outside inside
    leave leaves left reach reached arrive arrives arrived arriving journey travel travels
    traveled travelled""".split()
)
# Capitalised words that start a sentence before a place ("In Jordan, ..."): not part of it.
PLACE_LEADING_WORDS = frozenset(
    """The In On At To From During For By With And Of While After Before Since Until Across
    Through Arriving Leaving Visiting Outside Inside Near""".split()
)
# Lower-case words inside a place name: "Republic of Korea", "Bosnia and Herzegovina". Only the
# common particles, on purpose for now: with all of NAME_PARTICLES, "Bandar bin Sultan" would
# stay one run and "Bandar" would stop being taken for a place - a fix, but a change of
# behaviour (one document of the corpus), left for a commit of its own.
PLACE_NAME_JOINERS = ("of", "the", "and") + COMMON_NAME_PARTICLES
# Lower-case words that are also big places, in casually typed questions ("tell us", "who").
LOWER_CASE_NOT_PLACES = frozenset(
    ("us", "u.s", "of", "the", "and", "or", "who", "man", "chad", "jersey", "mali")
)
