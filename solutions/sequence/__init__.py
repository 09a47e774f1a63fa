"""Reference answers for the sequence topic."""
