"""Reference answers for the neural topic."""
