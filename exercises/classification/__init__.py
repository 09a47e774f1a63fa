"""Katas of the classification topic: your code goes in these modules."""
