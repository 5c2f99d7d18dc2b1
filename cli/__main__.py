"""``python -m cli``: the same as the installed ``maturity`` command."""

from cli import run

run()
