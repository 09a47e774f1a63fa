"""Reference answers for the metrics topic."""
