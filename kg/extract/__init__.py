"""spaCy ``Doc`` -> mentions, attributes, relations and event frames."""
