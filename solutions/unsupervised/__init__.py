"""Reference answers for the unsupervised topic."""
