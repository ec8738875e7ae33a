"""Tests for issue 6: hardening."""
