"""Reading what the commands are given: the model, and a responses file scored against it."""

from __future__ import annotations

import argparse
import sys

from cli.terminal import printable
from questionnaire.loader import default_model_path, load_model, load_responses, version_warning
from questionnaire.schema import Model
from questionnaire.yamlio import InputError, Problem
from scoring import score
from scoring.result import Result


def model_of(args: argparse.Namespace) -> Model:
    """The model named by ``--model``, else ``$MATURITY_MODEL`` or the bundled one."""
    return load_model(args.model if args.model is not None else default_model_path())


def scored(path: str, model: Model, *, hint_previous_model: bool = False) -> Result:
    """Score a responses file, printing any model-version warning on stderr.

    Args:
        path: the responses file (JSON or YAML).
        model: the model it answered.
        hint_previous_model: add a line suggesting ``--previous-model`` when the file names
            questions the model lacks (for the earlier assessments of ``maturity report``).

    Raises:
        InputError: every problem of the file.
    """
    try:
        responses = load_responses(path, model)
    except InputError as exc:
        if hint_previous_model and any("no question" in p.message for p in exc.problems):
            hint = (
                "if this file answered an older version of the model, name that model "
                "with --previous-model"
            )
            raise InputError([*exc.problems, Problem(path, None, None, hint)]) from None
        raise
    warning = version_warning(path, responses, model)
    if warning:
        print(printable(warning), file=sys.stderr)
    return score(model, responses)
