"""Katas of the preprocessing topic: your code goes in these modules."""
