"""Your code: one module per kata. Run `pytest` to see how far you are."""
