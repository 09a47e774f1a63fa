"""Katas of the sequence topic: your code goes in these modules."""
