"""``python -m cuecraft``: the command-line interface."""

from cuecraft.cli import console_main

raise SystemExit(console_main())
