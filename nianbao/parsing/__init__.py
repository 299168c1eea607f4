"""Parsers: one per surface form, all producing the same `Report` (see docs/architecture.md)."""

from .api import parse, parse_text

__all__ = ["parse", "parse_text"]
