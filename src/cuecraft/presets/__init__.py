"""Shipped house rules presets (``*.toml``), loaded by :func:`cuecraft.house_rules.resolve`."""
