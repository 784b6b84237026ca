"""text/: pure string and calendar work. The lexicon, tokens, sentences, dates, places, entities."""
