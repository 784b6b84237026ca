"""compose/: Hit[] -> Reply. Answer sentences, refusals, citations, itineraries, summaries."""
