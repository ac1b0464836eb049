"""Surveys (Befragungen): partners report their cooperations and correct their own data."""
