"""The erasure commands of ``maturity``: ``delete`` (one organisation) and ``purge`` (past the
retention period).

Both say what they would erase and change nothing unless ``--yes`` is given; with it, the
rows go in one transaction and the freed space is overwritten (:mod:`store.erase`). The
administrator runs these, so an unknown organisation is answered with the stored names that
are close to it: the CLI is trusted with the list of organisations.

Exit codes: 0 when the command did what it said (including "nothing to erase"); 2 for an
unknown organisation, a bad retention period, or a database that cannot do the work.
"""

from __future__ import annotations

import argparse
import difflib
import sys

from cli.store_commands import open_store
from cli.terminal import printable
from questionnaire.yamlio import InputError, Problem
from store.erase import BadRetention, Erased, ErasurePlan, PurgePlan, UnknownOrganisation
from store.repository import Store
from store.settings import SettingError, retention_days

_DRY_RUN = "Nothing has been erased; run again with --yes to erase it."


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def describe(erased: Erased, *, accounts: bool = True) -> list[str]:
    """The indented lines that say what an erasure takes (the same for a plan and a result);
    ``accounts=False`` leaves out the accounts' access, which a purge never takes."""
    e = erased
    lines = [
        f"  assessments: {e.drafts:,} draft, {e.finished:,} finished, {e.discarded:,} discarded",
        f"  answers: {e.answers:,} ({e.notes:,} with a note, {e.evidence:,} with evidence); "
        f"target levels: {e.targets:,}",
        f"  group assessments: {e.workshops:,} ({_plural(e.agreed_answers, 'agreed answer')})",
    ]
    if accounts:
        lines.append(f"  accounts' access to it: {e.memberships:,} (the accounts themselves stay)")
    return [*lines, f"  model versions nothing else uses: {e.model_versions:,}"]


def _close_names(store: Store, name: str) -> list[str]:
    """Stored names that differ only in case, then those difflib finds close (at most 3)."""
    names = store.organisation_names()
    folded = [n for n in names if n.casefold() == name.strip().casefold()]
    close = difflib.get_close_matches(name, names, n=3)
    return list(dict.fromkeys(folded + close))[:3]


def _unknown(store: Store, exc: UnknownOrganisation) -> InputError:
    close = _close_names(store, exc.name)
    hint = f"; did you mean {' or '.join(repr(n) for n in close)}?" if close else ""
    return InputError([Problem("maturity", None, None, f"{exc}{hint}")])


def _say_residue(erased: Erased) -> None:
    if erased.residue:
        print(printable(f"maturity: warning: {erased.residue}"), file=sys.stderr)


def cmd_delete(args: argparse.Namespace) -> int:
    """Say what erasing the organisation takes; with ``--yes``, erase it."""
    with open_store() as store:
        try:
            plan: ErasurePlan = (
                store.erase_organisation(args.organisation)
                if args.yes
                else store.erasure_plan(args.organisation)
            )
        except UnknownOrganisation as exc:
            raise _unknown(store, exc) from None
    verb = "Erased" if plan.done else "Would erase"
    print(printable(f"{verb} the organisation {plan.organisation!r} and everything under it:"))
    for line in describe(plan):
        print(printable(line))
    if not plan.done:
        print(_DRY_RUN)
    _say_residue(plan)
    return 0


def _days(args: argparse.Namespace) -> int:
    if args.days is not None:
        return int(args.days)
    try:
        configured = retention_days()
    except SettingError as exc:
        raise InputError([Problem("maturity", None, None, str(exc))]) from None
    if configured is None:
        raise InputError(
            [
                Problem(
                    "maturity",
                    None,
                    None,
                    "no retention period: give --days or set MATURITY_RETENTION_DAYS",
                )
            ]
        )
    return configured


def cmd_purge(args: argparse.Namespace) -> int:
    """Say what is past the retention period; with ``--yes``, erase it."""
    days = _days(args)
    with open_store() as store:
        try:
            plan: PurgePlan = store.purge(days) if args.yes else store.purge_plan(days)
        except BadRetention as exc:
            raise InputError([Problem("--days", None, None, str(exc))]) from None
    since = (
        f"untouched for more than {_plural(days, 'day')} (since {plan.cutoff:%Y-%m-%d %H:%M} UTC)"
    )
    if plan.empty:
        print(f"Nothing is {since}; nothing to erase.")
        return 0
    print(f"{'Erased' if plan.done else 'Would erase'} what is {since}:")
    for line in describe(plan, accounts=False):
        print(printable(line))
    gone = ", ".join(repr(n) for n in plan.organisations) or "none"
    print(printable(f"  organisations left with nothing: {gone}"))
    if not plan.done:
        print(_DRY_RUN)
    _say_residue(plan)
    return 0
