"""Reference answers for the classification topic."""
