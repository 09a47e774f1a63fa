"""Katas of the trees topic: your code goes in these modules."""
