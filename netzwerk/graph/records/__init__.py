"""Reading records, links, their history and trash, search and duplicate checks."""
