"""Tests for issue 6: batch."""
