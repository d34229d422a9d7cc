"""Annotator: turn Chinese news articles into gold entity and relation data."""

__version__ = "0.1.0"
