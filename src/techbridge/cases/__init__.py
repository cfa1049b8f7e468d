"""Cooperation cases: the full-course service from first consultation to signed agreement and follow-up."""
