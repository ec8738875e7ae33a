"""Tests for issue 6: check."""
