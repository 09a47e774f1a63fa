"""Reference answers for the foundations topic."""
