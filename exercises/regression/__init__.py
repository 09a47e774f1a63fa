"""Katas of the regression topic: your code goes in these modules."""
