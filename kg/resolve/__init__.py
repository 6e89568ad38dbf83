"""Mentions -> entities and events within one document."""
