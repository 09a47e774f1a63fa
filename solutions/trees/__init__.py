"""Reference answers for the trees topic."""
