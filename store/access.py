"""Who may do what: roles, what each role may do, and whose organisations a person sees.

This module is the one home of the access rules. The app asks it which pages to offer and
which organisations to list; the README's table of roles is rendered from :data:`GRANTS`;
the access matrix test walks the same table. It is pure (no Streamlit, no database), so the
rules can be read and tested on their own.

There are two modes (``MATURITY_MODE``):

- **local** (the default): one person on one computer. That person may do everything, and
  the Start page says so: anyone using this computer sees every assessment.
- **shared**: people sign in (Streamlit's OpenID Connect sign-in) and each is given one role
  and, except administrators, a list of organisations. A person who is not signed in, or
  whose account has no role here, is a *respondent*: they reach only the assessment whose
  resume link they hold, and nothing else.

A resume link is a capability: whoever holds it may answer that one assessment, and see its
own results, without signing in. That is what lets a workshop participant join from a phone.
It never opens another assessment, another organisation's data or any other page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Mode(StrEnum):
    """How the app is deployed."""

    LOCAL = "local"
    SHARED = "shared"


class Role(StrEnum):
    """A person's role in shared mode."""

    ADMINISTRATOR = "administrator"
    CONSULTANT = "consultant"
    VIEWER = "viewer"
    RESPONDENT = "respondent"


class Ability(StrEnum):
    """Something a role may be allowed to do."""

    ANSWER = "answer"  # answer the assessment whose resume link one holds, and see its results
    START = "start"  # start a new assessment of an organisation one is given
    HISTORY = "history"  # read the finished assessments and reports of one's organisations
    FACILITATE = "facilitate"  # run group assessments of one's organisations
    MODEL = "model"  # read the model and upload another for one's new assessments
    USERS = "users"  # give people roles and organisations
    NATIONAL = "national"  # read the national summary drawn from every organisation


#: What each role may do. Administrators see every organisation; the other roles only those
#: they are given.
GRANTS: dict[Role, frozenset[Ability]] = {
    Role.ADMINISTRATOR: frozenset(Ability),
    Role.CONSULTANT: frozenset(
        {Ability.ANSWER, Ability.START, Ability.HISTORY, Ability.FACILITATE, Ability.MODEL}
    ),
    Role.VIEWER: frozenset({Ability.ANSWER, Ability.HISTORY}),
    Role.RESPONDENT: frozenset({Ability.ANSWER}),
}

#: What each ability means, in the words of the README's table.
MEANINGS: dict[Ability, str] = {
    Ability.ANSWER: "answer the assessment whose resume link they hold, and see its results",
    Ability.START: "start a new assessment of their organisations",
    Ability.HISTORY: "read their organisations' finished assessments, reports and comparisons",
    Ability.FACILITATE: "run group assessments (workshops, surveys) of their organisations",
    Ability.MODEL: "open the Model page: read the model, upload another for new assessments",
    Ability.USERS: "give people roles and organisations (`maturity users`, the Users page)",
    Ability.NATIONAL: "read the national summary, drawn from every organisation (no "
    "organisation named in it)",
}


@dataclass(frozen=True)
class Principal:
    """The person a request comes from, as the access rules see them.

    Attributes:
        role: what they may do.
        mode: how the app is deployed (the Start page words things by it).
        email: who signed in (None: nobody, or local mode).
        organisations: the organisations they are given; None means every organisation
            (administrators, and the one user of local mode).
    """

    role: Role
    mode: Mode = Mode.SHARED
    email: str | None = None
    organisations: frozenset[str] | None = frozenset()

    @classmethod
    def local(cls) -> Principal:
        """The one person of local mode, who may do everything."""
        return cls(Role.ADMINISTRATOR, Mode.LOCAL, None, None)

    @classmethod
    def anonymous(cls) -> Principal:
        """Someone in shared mode who has not signed in: a respondent with a link at most."""
        return cls(Role.RESPONDENT, Mode.SHARED, None, frozenset())

    @property
    def signed_in(self) -> bool:
        return self.email is not None

    def may(self, ability: Ability) -> bool:
        """Whether the role allows ``ability`` (for some organisation). Local mode has no
        accounts, so nobody there manages them."""
        if self.mode is Mode.LOCAL and ability is Ability.USERS:
            return False
        return ability in GRANTS[self.role]

    def covers(self, organisation: str) -> bool:
        """Whether ``organisation`` is one of theirs (administrators: every one)."""
        return self.organisations is None or organisation in self.organisations

    def may_for(self, ability: Ability, organisation: str) -> bool:
        """Whether they may do ``ability`` for this organisation."""
        return self.may(ability) and self.covers(organisation)

    def visible(
        self, organisations: Iterable[str], ability: Ability = Ability.HISTORY
    ) -> list[str]:
        """The organisations (of those given, in their order) they may do ``ability`` for."""
        return [o for o in organisations if self.may_for(ability, o)]


def principal_for(
    email: str | None,
    *,
    administrators: Iterable[str] = (),
    account: tuple[Role, Iterable[str]] | None = None,
) -> Principal:
    """The principal of a signed-in person in shared mode.

    Args:
        email: the address the identity provider vouched for (None: not signed in).
        administrators: addresses made administrators by configuration (``MATURITY_ADMINS``).
        account: the role and organisations stored for this address, if any.
    """
    if email is None:
        return Principal.anonymous()
    email = normal_email(email)
    if email in {normal_email(a) for a in administrators if a.strip()}:
        return Principal(Role.ADMINISTRATOR, Mode.SHARED, email, None)
    if account is None:
        return Principal(Role.RESPONDENT, Mode.SHARED, email, frozenset())
    role, organisations = account
    if role is Role.ADMINISTRATOR:
        return Principal(role, Mode.SHARED, email, None)
    return Principal(role, Mode.SHARED, email, frozenset(organisations))


def normal_email(email: str) -> str:
    """An address as accounts are keyed: trimmed and in lower case."""
    return email.strip().lower()


def who_can_see(mode: Mode) -> str:
    """The Start page's sentence on who can see an assessment (one wording, for each mode)."""
    if mode is Mode.LOCAL:
        return (
            "This app is running in local mode, for one person on this computer: anyone "
            "who uses it here can open every assessment and report in History. For a "
            "workshop or a team, ask for the shared service, where people sign in."
        )
    return (
        "Whoever holds your resume link; the administrators of this service; and the consultants and viewers given your organisation, who can "
        "read its finished assessments and reports. Nobody else, and no other organisation."
    )


def kept_for(days: int | None) -> str:
    """The Start page's sentence on how long assessments are kept."""
    if days is None:
        return (
            "Assessments are kept until an administrator erases them (every assessment of "
            "an organisation can be erased at its request)."
        )
    return (
        f"An assessment nobody has touched for {days} days is erased for good, whether "
        "finished or not; an administrator can also erase an organisation's assessments "
        "at its request."
    )


def markdown_table() -> str:
    """The README's table of roles: each ability, and which roles have it."""
    roles = list(Role)
    lines = ["| may | " + " | ".join(r.value for r in roles) + " |"]
    lines.append("| --- |" + " --- |" * len(roles))
    for ability in Ability:
        marks = ["yes" if ability in GRANTS[r] else "no" for r in roles]
        lines.append(f"| {MEANINGS[ability]} | " + " | ".join(marks) + " |")
    return "\n".join(lines) + "\n"
