"""Reference answers for the regression topic."""
