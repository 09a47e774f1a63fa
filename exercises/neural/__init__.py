"""Katas of the neural topic: your code goes in these modules."""
