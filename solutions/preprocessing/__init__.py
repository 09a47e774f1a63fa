"""Reference answers for the preprocessing topic."""
