"""query/: question -> QueryPlan (parsed once) -> candidates -> fusion -> Hit[]."""
