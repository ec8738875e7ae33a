"""The argument parser class of every cuecraft command."""

from __future__ import annotations

import argparse
import typing

__all__ = ["CliParser"]


class CliParser(argparse.ArgumentParser):
    """argparse with a short usage error: the usage line, the error, and where help is.

    argparse prints the whole usage block (56 lines for ``convert``) before the one line
    that matters; here a mistake costs at most three lines.
    """

    def error(self, message: str) -> typing.NoReturn:
        usage = (self.usage or "%(prog)s [options]").replace("%(prog)s", self.prog)
        lines = [
            f"usage: {usage}",
            f"{self.prog}: error: {message}",
            f"Try '{self.prog} --help' for more.",
        ]
        self.exit(2, "\n".join(line[:200] for line in lines) + "\n")
