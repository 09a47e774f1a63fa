"""Katas of the applied topic: your code goes in these modules."""
