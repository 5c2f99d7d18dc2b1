"""``maturity summary``: the national summary across organisations, from the stored scores.

The figures and their words come from :mod:`store.national` and :mod:`store.national_text`
(the app's page renders the same). No organisation is named unless ``--organisation`` asks
for one, whose own figures and place are then added.
"""

from __future__ import annotations

import argparse

from cli.store_commands import open_store
from cli.terminal import json_text, printable
from questionnaire.yamlio import InputError, Problem
from store.national import UnknownModel, UnknownOrganisation
from store.national_text import summary_dict, summary_lines


def _model_id(args: argparse.Namespace) -> str:
    """The model id asked for, or the configured model's (``MATURITY_MODEL`` or bundled)."""
    if args.model:
        return str(args.model)
    from questionnaire.loader import default_model_path
    from store.imports import load_model_file

    return load_model_file(default_model_path())[0].id


def cmd_summary(args: argparse.Namespace) -> int:
    """Print the national summary (``--json``: one object)."""
    model_id = _model_id(args)
    with open_store() as store:
        try:
            summary = store.national_summary(model_id, args.organisation)
        except UnknownOrganisation as exc:
            raise InputError([Problem("--organisation", None, None, str(exc))]) from None
        except UnknownModel as exc:
            raise InputError([Problem("--model", None, None, str(exc))]) from None
    if args.json:
        print(json_text(summary_dict(summary)))
    else:
        print(printable("\n".join(summary_lines(summary))))
    return 0
