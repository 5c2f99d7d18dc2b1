"""``maturity users``: who may sign in to the shared app, with which role and organisations.

The command line is the administrator's tool: whoever can run it with the database's
credentials can already read everything, so it asks for no sign-in itself.
"""

from __future__ import annotations

import argparse
import sys

from cli.store_commands import open_store
from cli.terminal import printable
from questionnaire.yamlio import InputError, Problem
from store.access import Role
from store.records import StoreError


def cmd_users(args: argparse.Namespace) -> int:
    """List, add (or replace) and remove accounts."""
    with open_store() as store:
        if args.users_command == "list":
            accounts = store.users()
            if not accounts:
                print("No account is stored.")
            for a in accounts:
                given = (
                    "every organisation"
                    if a.role is Role.ADMINISTRATOR
                    else "; ".join(a.organisations) or "no organisation yet"
                )
                print(printable(f"{a.email}\t{a.role.value}\t{given}"))
            return 0
        if args.users_command == "add":
            role = Role(args.role)
            if role is Role.ADMINISTRATOR and args.organisation:
                print(
                    "maturity: note: an administrator sees every organisation; "
                    "--organisation is not needed",
                    file=sys.stderr,
                )
            try:
                account = store.set_user(args.email, role, args.organisation)
            except StoreError as exc:
                raise InputError([Problem("users add", None, None, str(exc))]) from exc
            given = ", ".join(account.organisations)
            print(
                printable(
                    f"{account.email} is a {account.role.value}"
                    + (f" of {given}" if given else "")
                    + "."
                )
            )
            return 0
        if not store.remove_user(args.email):
            raise InputError(
                [Problem("users remove", None, None, f"no account has the address {args.email!r}")]
            )
        print(printable(f"{args.email} has no account now."))
        return 0
