"""Codecs shared by a reader and a writer of the same format (no I/O, no model)."""
