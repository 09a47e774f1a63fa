"""Katas of the unsupervised topic: your code goes in these modules."""
