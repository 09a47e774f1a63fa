"""Katas of the foundations topic: your code goes in these modules."""
