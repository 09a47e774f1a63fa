"""Katas of the metrics topic: your code goes in these modules."""
