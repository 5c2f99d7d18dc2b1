"""People who sign in (shared mode): their role and the organisations each is given.

An account is keyed by the e-mail address the identity provider vouches for, in lower case
(:func:`store.access.normal_email`). Administrators see every organisation, so they are
given none; a consultant or viewer with no organisation sees nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from store.access import Principal, Role, normal_email, principal_for
from store.base import StoreBase, retried
from store.records import StoreError, check_text, clean_organisation
from store.tables import Membership, Organisation, User, utcnow


@dataclass(frozen=True)
class Account:
    """One stored account: address, role and organisations (sorted by name)."""

    email: str
    role: Role
    organisations: tuple[str, ...]


def check_email(email: str) -> str:
    """An address as stored, after checking it looks like one.

    Raises:
        StoreError: when it is blank, too long, has a control character or no ``@``.
    """
    from questionnaire import limits

    cleaned = normal_email(email)
    check_text("e-mail address", cleaned)
    if not cleaned or "@" not in cleaned.strip("@") or any(c.isspace() for c in cleaned):
        raise StoreError(f"{email!r} is not an e-mail address")
    if len(cleaned) > limits.RESPONDENT_CHARS:
        raise StoreError(
            limits.too_long("the e-mail address", len(cleaned), limits.RESPONDENT_CHARS)
        )
    return cleaned


class UserAccounts(StoreBase):
    """The accounts side of :class:`store.Store`."""

    @retried
    def set_user(self, email: str, role: Role, organisations: Iterable[str] = ()) -> Account:
        """Create or replace an account: its role, and exactly these organisations (created
        if new). An administrator is given no organisations: they see every one.

        Raises:
            StoreError: for a malformed address or organisation name.
        """
        email = check_email(email)
        names = sorted({clean_organisation(o) for o in organisations}, key=str.casefold)
        if role is Role.ADMINISTRATOR:
            names = []
        with self.engine.begin() as conn:
            user_id = conn.scalar(select(User.id).where(User.email == email))
            if user_id is None:
                user_id = conn.execute(
                    insert(User)
                    .values(email=email, role=role.value, created_at=utcnow())
                    .returning(User.id)
                ).scalar_one()
            else:
                conn.execute(update(User).where(User.id == user_id).values(role=role.value))
                conn.execute(delete(Membership).where(Membership.user_id == user_id))
            for name in names:
                conn.execute(
                    insert(Membership).values(
                        user_id=user_id, organisation_id=self.organisation_id(conn, name)
                    )
                )
        return Account(email, role, tuple(names))

    @retried
    def remove_user(self, email: str) -> bool:
        """Delete an account and its organisations list; False when there was none."""
        with self.engine.begin() as conn:
            gone = conn.execute(delete(User).where(User.email == normal_email(email)))
        return bool(gone.rowcount)

    @retried
    def users(self) -> list[Account]:
        """Every account, by address."""
        with self.session(write=False) as s:
            rows = s.execute(select(User.id, User.email, User.role).order_by(User.email)).all()
            given = s.execute(
                select(Membership.user_id, Organisation.name).join(
                    Organisation, Organisation.id == Membership.organisation_id
                )
            ).all()
        by_user: dict[int, list[str]] = {}
        for user_id, name in given:
            by_user.setdefault(user_id, []).append(name)
        return [
            Account(email, Role(role), tuple(sorted(by_user.get(uid, []), key=str.casefold)))
            for uid, email, role in rows
        ]

    @retried
    def account(self, email: str) -> Account | None:
        """The stored account of this address, or None."""
        email = normal_email(email)
        with self.session(write=False) as s:
            row = s.execute(select(User.id, User.role).where(User.email == email)).one_or_none()
            if row is None:
                return None
            names = s.scalars(
                select(Organisation.name)
                .join(Membership, Membership.organisation_id == Organisation.id)
                .where(Membership.user_id == row.id)
            ).all()
        return Account(email, Role(row.role), tuple(sorted(names, key=str.casefold)))

    @retried
    def organisation_names(self) -> list[str]:
        """Every organisation the database knows (with or without assessments), by name."""
        with self.session(write=False) as s:
            names = s.scalars(select(Organisation.name)).all()
        return sorted(names, key=lambda n: (n.casefold(), n))

    def principal(self, email: str | None, administrators: Iterable[str] = ()) -> Principal:
        """The principal of a person signed in with ``email`` (None: not signed in)."""
        if email is None:
            return Principal.anonymous()
        found = self.account(email)
        account = (found.role, found.organisations) if found else None
        return principal_for(email, administrators=administrators, account=account)
