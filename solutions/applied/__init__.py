"""Reference answers for the applied topic."""
