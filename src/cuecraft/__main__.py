"""``python -m cuecraft``: the command-line interface."""

from cuecraft.cli import main

raise SystemExit(main())
