"""Erasure and retention (issue 12): `maturity delete` and `maturity purge` leave no byte.

Two organisations are seeded with distinctive strings in every field a person fills in
(names, roles, groups, notes and evidence edited several times so older versions existed, a
group assessment's title, rationale and dissent, an uploaded model whose title names the
force).
One is erased; then, on SQLite, the bytes of the database file and of its -wal and -shm files
must hold none of its strings (UTF-8, and UTF-16-LE to be safe), and on PostgreSQL no text
column of any table may; the other organisation must be whole and still score.

A control test shows that a plain DELETE leaves the strings in the files, so the byte scan
can fail.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, skip_or_fail
from sqlalchemy import Engine, Text, cast, event, func, select, update
from sqlalchemy.exc import DBAPIError

from cli import main
from questionnaire import limits
from questionnaire.loader import model_from_text
from questionnaire.schema import Model, Respondent
from store import Store
from store import erase as erase_module
from store.access import Role
from store.db import make_engine
from store.erase import BadRetention, UnknownOrganisation
from store.tables import Assessment, Base, Organisation, Workshop, utcnow

ERASED = "QXERASEDQX"
KEPT = "QXKEPTQX"
TINY_TEXT = (FIXTURES / "tiny-model.yaml").read_text(encoding="utf-8")


def organisation(marker: str) -> str:
    return f"{marker} Constabulary"


def tiny() -> tuple[Model, str]:
    return model_from_text(TINY_TEXT), TINY_TEXT


def uploaded(marker: str) -> tuple[Model, str]:
    """The tiny model as a force might upload it: its title names the force."""
    text = TINY_TEXT.replace("title: Tiny fixture model", f"title: Model for {marker} force")
    assert text != TINY_TEXT
    return model_from_text(text), text


def seed(store: Store, marker: str) -> None:
    """One organisation's records, every free-text field carrying ``marker``:

    a finished assessment (three answers, a note edited five times, evidence edited four
    times, a target), a draft on an uploaded model (with a note and evidence), a discarded draft, and a closed group assessment with two agreed
    answers, one participant (with a note) and the group's own assessment that closing made.
    """
    name = organisation(marker)
    model, text = tiny()
    who = Respondent(name=f"{marker} Respondent", role=f"{marker} Role", group=f"{marker} Group")
    code = store.start_draft(model, text, name, who)
    for question, answer in (("gov-policy", "draft"), ("gov-review", "sometimes")):
        store.save_answer(code, question, answer)
    store.save_answer(code, "data-quality", "fair")
    for version in range(5):
        # Long enough to spill into overflow pages, then short: the last edit frees them.
        padding = "x" * (limits.NOTE_CHARS - 100 - 10 * version) if version < 4 else "short"
        note = f"{marker} note version {version} {padding} {marker} end of version {version}"
        store.save_note(code, "gov-policy", note)
    for version in range(4):
        padding = "y" * (limits.EVIDENCE_CHARS - 100 - 10 * version) if version < 3 else "short"
        evidence = f"{marker} evidence version {version} {padding} {marker} end {version}"
        store.save_evidence(code, "gov-review", evidence)
    store.save_target(code, "gov", 4)
    store.complete(code)

    up_model, up_text = uploaded(marker)
    draft = store.start_draft(up_model, up_text, name, Respondent(name=f"{marker} Drafter"))
    store.save_answer(draft, "gov-policy", "none")
    store.save_note(draft, "gov-policy", f"{marker} draft note")
    store.save_evidence(draft, "gov-policy", f"https://intranet.example/{marker}/dpia-register")

    dropped = store.start_draft(model, text, name)
    store.save_answer(dropped, "data-quality", "poor")
    store.save_note(dropped, "data-quality", f"{marker} discarded note")
    store.abandon(dropped)

    codes = store.create_workshop(
        model,
        text,
        name,
        f"{marker} workshop",
        groups=[f"{marker} Group"],
        facilitator=f"{marker} Facilitator",
    )
    workshop = store.workshop_by_facilitator(codes.facilitator)
    assert workshop is not None
    participant = store.join_workshop(codes.join, f"{marker} Participant", f"{marker} Group")
    store.save_answer(participant, "gov-policy", "approved")
    store.save_note(participant, "gov-policy", f"{marker} participant note")
    for question, answer in (("gov-policy", "draft"), ("data-quality", "fair")):
        store.save_agreed(
            workshop.id,
            question,
            answer,
            rationale=f"{marker} rationale for {question}",
            dissent=f"{marker} dissent on {question}",
        )
    participant_id = store.complete(participant)
    # Closed by hand: store.close_workshop needs scoring.aggregate, which main lacks so far.
    with store.engine.begin() as conn:
        conn.execute(
            update(Workshop)
            .where(Workshop.id == workshop.id)
            .values(status="closed", closed_at=utcnow())
        )
    assert participant_id


#: What erasing one seeded organisation takes (see :func:`seed`); the accounts are two: one
#: given only this organisation, one given both.
SEEDED = {
    "drafts": 1,
    "finished": 2,
    "discarded": 1,
    "answers": 6,
    "notes": 4,
    "evidence": 2,
    "targets": 1,
    "workshops": 1,
    "agreed_answers": 2,
    "memberships": 2,
    "model_versions": 1,  # the uploaded one; the tiny model is still used by the other
}


def seed_both(store: Store, database: Path | None) -> None:
    """Both organisations, the one to erase last (so the pages its last edits freed are not
    reused), with a checkpoint after it on SQLite: its pages reach the main file and older
    versions stay in the log. Then two accounts: one given only it, one given both."""
    seed(store, KEPT)
    seed(store, ERASED)
    if database is not None:
        raw = sqlite3.connect(database)
        try:
            raw.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            raw.close()
    store.set_user("only-erased@example.org", Role.CONSULTANT, [organisation(ERASED)])
    store.set_user("both@example.org", Role.VIEWER, [organisation(ERASED), organisation(KEPT)])


def sqlite_file(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def files_holding(database: Path, marker: str) -> list[str]:
    """Which of the database's files hold ``marker`` (as UTF-8 or UTF-16-LE bytes)."""
    found = []
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = database.with_name(database.name + suffix)
        if path.exists():
            data = path.read_bytes()
            for encoding in ("utf-8", "utf-16-le"):
                if marker.encode(encoding) in data:
                    found.append(f"{path.name} ({encoding})")
    return found


def columns_holding(engine: Engine, marker: str) -> list[str]:
    """Every ``table.column`` of the schema where some row, cast to text, holds ``marker``."""
    found = []
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                hits = conn.scalar(
                    select(func.count())
                    .select_from(table)
                    .where(cast(column, Text).contains(marker, autoescape=True))
                )
                if hits:
                    found.append(f"{table.name}.{column.name}")
    return found


def assert_kept_is_whole(store: Store) -> None:
    """The kept organisation has every record it was seeded with, and they still score."""
    name = organisation(KEPT)
    plan = store.erasure_plan(name)
    # One account is given it; the tiny model is now used by this organisation alone.
    assert plan.counts() == SEEDED | {"memberships": 1, "model_versions": 2}
    catalogue = store.catalogue(name)
    # History lists the finished assessment; a participant's answers are not listed alone.
    assert len(catalogue.scored) == 1 and not catalogue.unscored
    assert all(a.result.overall.score is not None for a in catalogue.scored)


def assert_accounts_stay_without_the_erased(store: Store) -> None:
    given = {a.email: a.organisations for a in store.users()}
    assert given == {"only-erased@example.org": (), "both@example.org": (organisation(KEPT),)}


def test_the_plan_counts_everything_under_the_organisation_and_changes_nothing(url: str):
    database = sqlite_file(url)
    with Store(url) as store:
        seed_both(store, database)
        before = database.read_bytes() if database else None
        wal_before = Path(f"{database}-wal").read_bytes() if database else None
        plan = store.erasure_plan(organisation(ERASED))
        assert plan.counts() == SEEDED
        assert plan.organisation == organisation(ERASED) and not plan.done
        assert plan.residue is None
        assert store.erasure_plan(organisation(ERASED)) == plan
        if database:
            assert database.read_bytes() == before
            assert Path(f"{database}-wal").read_bytes() == wal_before
        assert columns_holding(store.engine, ERASED)


def test_erasing_an_organisation_leaves_no_byte_of_it_and_keeps_the_other(url: str):
    database = sqlite_file(url)
    with Store(url) as store:
        seed_both(store, database)
        if database:
            assert files_holding(database, ERASED), "the seed did not reach the files"
        done = store.erase_organisation(organisation(ERASED))
        assert done.done and done.residue is None
        assert done.counts() == SEEDED
        assert organisation(ERASED) not in store.organisation_names()
        assert columns_holding(store.engine, ERASED) == []
        if database:
            assert files_holding(database, ERASED) == []
            assert files_holding(database, KEPT), "the other organisation's bytes went too"
        assert_kept_is_whole(store)
        assert_accounts_stay_without_the_erased(store)


def postgres_files(engine: Engine) -> list[Path]:
    """The files of every table, index and TOAST table of the test's schema (after a
    CHECKPOINT, so what the server holds in memory is on disk)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("CHECKPOINT")
        data = Path(conn.exec_driver_sql("SHOW data_directory").scalar_one())
        paths = conn.exec_driver_sql(
            """
            WITH own AS (
                SELECT oid, reltoastrelid FROM pg_class
                WHERE relnamespace = current_schema()::regnamespace
            ), toast AS (
                SELECT reltoastrelid AS oid FROM own WHERE reltoastrelid <> 0
            )
            SELECT pg_relation_filepath(oid) FROM own
            UNION SELECT pg_relation_filepath(oid) FROM toast
            UNION SELECT pg_relation_filepath(indexrelid) FROM pg_index
                WHERE indrelid IN (SELECT oid FROM toast)
            """
        ).scalars()
        files = [data / p for p in paths if p]
    return [f for base in files for f in [base, *sorted(base.parent.glob(base.name + ".*"))]]


@pytest.mark.postgres
def test_on_postgresql_no_table_or_index_file_keeps_the_organisation(tmp_path: Path):
    """Stronger than the column scan: the server's own files, read as bytes, once the rows
    are gone. (A value PostgreSQL compressed is not matched as bytes; the names, roles and
    short notes are stored plain.)"""
    from store.testing import postgres_configured, postgres_schema

    if not postgres_configured():
        skip_or_fail("MATURITY_REQUIRE_POSTGRES", "no PostgreSQL server configured")
    with postgres_schema() as url, Store(url) as store:
        seed_both(store, None)
        try:
            before = [f for f in postgres_files(store.engine) if ERASED.encode() in f.read_bytes()]
        except (PermissionError, DBAPIError) as exc:
            pytest.skip(f"the server's files cannot be read here: {exc}")
        assert before, "the seed did not reach the server's files"
        assert store.erase_organisation(organisation(ERASED)).residue is None
        left = [f for f in postgres_files(store.engine) if f.exists()]
        assert [f.name for f in left if ERASED.encode() in f.read_bytes()] == []
        assert any(KEPT.encode() in f.read_bytes() for f in left)
        assert_kept_is_whole(store)


def test_a_plain_delete_leaves_the_bytes_behind_so_the_scan_can_fail(tmp_path: Path):
    database = tmp_path / "maturity.db"
    with Store(f"sqlite:///{database}") as store:
        seed_both(store, database)
    raw = sqlite3.connect(database, isolation_level=None)
    try:
        raw.execute("PRAGMA secure_delete=OFF")
        raw.execute("PRAGMA foreign_keys=ON")
        raw.execute("BEGIN")
        for statement in (
            "DELETE FROM answers",
            "DELETE FROM targets",
            "DELETE FROM assessments",
            "DELETE FROM agreed_answers",
            "DELETE FROM workshops",
            "DELETE FROM memberships",
            "DELETE FROM organisations",
            "DELETE FROM model_versions",
        ):
            raw.execute(statement)
        raw.execute("COMMIT")
        assert raw.execute("SELECT count(*) FROM answers").fetchone() == (0,)
        assert files_holding(database, ERASED), "a plain DELETE already removed every byte"
    finally:
        raw.close()


def test_a_database_written_without_secure_delete_is_cleaned_too(tmp_path: Path):
    """Pages freed before secure_delete was on (another SQLite build, where it is off by
    default, or an older version of this program) still hold old notes: VACUUM removes them."""
    database = tmp_path / "maturity.db"
    engine = make_engine(f"sqlite:///{database}")
    event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA secure_delete=OFF"))
    with Store(engine=engine) as careless:
        seed_both(careless, database)
    engine.dispose()
    with Store(f"sqlite:///{database}") as store:
        assert store.erase_organisation(organisation(ERASED)).residue is None
        assert files_holding(database, ERASED) == []
        assert_kept_is_whole(store)


def test_an_unknown_organisation_is_refused_naming_only_what_was_given(url: str):
    with Store(url) as store:
        seed_both(store, sqlite_file(url))
        for call in (store.erasure_plan, store.erase_organisation):
            with pytest.raises(UnknownOrganisation) as caught:
                call("Nowhere Police")
            assert str(caught.value) == "no organisation is called 'Nowhere Police'"
        assert store.erasure_plan(organisation(ERASED)).counts() == SEEDED


def test_erasing_while_the_app_holds_an_idle_connection_leaves_no_byte(tmp_path: Path):
    database = tmp_path / "maturity.db"
    url = f"sqlite:///{database}"
    with Store(url) as app, Store(url) as admin:
        seed_both(app, database)
        assert app.organisations()  # the app's pooled connection has read the database
        done = admin.erase_organisation(organisation(ERASED))
        assert done.residue is None
        assert files_holding(database, ERASED) == []
        assert organisation(ERASED) not in app.organisation_names()
        assert_kept_is_whole(app)
        assert files_holding(database, ERASED) == []


def test_a_reader_holding_the_log_is_reported_and_compact_finishes_the_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(erase_module, "CHECKPOINT_SECONDS", 0.3)
    database = tmp_path / "maturity.db"
    url = f"sqlite:///{database}"
    with Store(url) as app, Store(url) as admin:
        seed_both(app, database)
        with app.engine.connect().execution_options(read_only=True) as reading:
            reading.begin()
            assert reading.scalar(select(func.count()).select_from(Assessment)) == 8
            done = admin.erase_organisation(organisation(ERASED))
            assert done.done and done.residue is not None and "-wal" in done.residue
            assert organisation(ERASED) not in admin.organisation_names()
            # The reader still sees its snapshot: the old pages had to stay for it.
            assert reading.scalar(select(func.count()).select_from(Assessment)) == 8
        assert admin.compact() is None
        assert files_holding(database, ERASED) == []
        assert_kept_is_whole(app)


# --- retention -------------------------------------------------------------------------
NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
#: What a purge of the erased organisation's old records must leave in no file (its name
#: stays: accounts were given it).
PURGED_STRINGS = tuple(
    f"{ERASED} {what}"
    for what in ("note version", "Respondent", "Role", "Group", "draft note", "discarded note")
) + (f"{ERASED} workshop", f"{ERASED} rationale", f"{ERASED} dissent", f"for {ERASED} force")
PURGED_STRINGS += (f"{ERASED} Old", f"{ERASED} old note", f"{ERASED} Participant")
LONG_AGO = NOW - dt.timedelta(days=100)


def age(store: Store, name: str, *, when: dt.datetime = LONG_AGO) -> None:
    """Make every assessment of ``name`` last changed, and its workshops closed, at ``when``."""
    with store.engine.begin() as conn:
        org = conn.scalar(select(Organisation.id).where(Organisation.name == name))
        conn.execute(
            update(Assessment).where(Assessment.organisation_id == org).values(updated_at=when)
        )
        conn.execute(update(Workshop).where(Workshop.organisation_id == org).values(closed_at=when))


def test_purge_erases_only_what_is_older_than_the_period(url: str):
    database = sqlite_file(url)
    model, text = tiny()
    with Store(url) as store:
        seed_both(store, database)
        old_force = f"{ERASED} Old Force"
        code = store.start_draft(model, text, old_force, Respondent(name=f"{ERASED} Old name"))
        store.save_note(code, "gov-policy", f"{ERASED} old note")
        age(store, old_force)
        age(store, organisation(ERASED))  # old, but two accounts were given it: it stays
        # The kept organisation: untouched recently (NOW is 100 days after LONG_AGO).
        age(store, organisation(KEPT), when=NOW - dt.timedelta(days=2))

        plan = store.purge_plan(30, now=NOW)
        assert plan.organisations == (old_force,)
        expected = SEEDED | {"drafts": 2, "answers": 7, "notes": 5, "memberships": 0}
        assert plan.counts() == expected
        assert plan.cutoff == NOW - dt.timedelta(days=30) and not plan.done
        assert store.purge_plan(30, now=NOW) == plan, "a plan changed something"

        done = store.purge(30, now=NOW)
        assert done.done and done.residue is None
        assert done.counts() == expected and done.organisations == (old_force,)
        names = store.organisation_names()
        assert old_force not in names and organisation(ERASED) in names
        # Only the name of the organisation the accounts were given is left.
        assert columns_holding(store.engine, ERASED) == ["organisations.name"]
        if database:
            for gone in PURGED_STRINGS:
                assert files_holding(database, gone) == [], gone
        assert_kept_is_whole(store)
        assert store.purge_plan(30, now=NOW).empty


def test_purge_keeps_young_assessments_of_an_old_workshop_and_open_workshops(url: str):
    with Store(url) as store:
        seed(store, KEPT)
        name = organisation(KEPT)
        age(store, name)
        with store.engine.begin() as conn:
            # The participant's assessment is young; the workshop closed long ago.
            conn.execute(
                update(Assessment).where(Assessment.workshop_id.is_not(None)).values(updated_at=NOW)
            )
        plan = store.purge(30, now=NOW)
        assert (plan.finished, plan.workshops, plan.agreed_answers) == (1, 1, 2)
        assert plan.organisations == ()
        with store.engine.connect() as conn:
            left = conn.execute(
                select(Assessment.status, Assessment.source, Assessment.workshop_id)
            ).all()
        assert left == [("complete", "participant", None)]
        assert columns_holding(store.engine, f"{KEPT} participant note") == ["answers.note"]


def test_a_retention_period_must_be_a_usable_number_of_days(url: str):
    with Store(url) as store:
        for days in (0, -3, 10**12):
            with pytest.raises(BadRetention):
                store.purge_plan(days)
        assert store.purge_plan(30, now=NOW + dt.timedelta(days=3650)).empty


# --- the commands ----------------------------------------------------------------------
@pytest.fixture
def configured(url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    monkeypatch.delenv("MATURITY_RETENTION_DAYS", raising=False)
    with Store(url) as store:
        seed_both(store, sqlite_file(url))
    return url


def test_delete_without_yes_says_what_would_go_and_erases_nothing(configured: str, capsys):
    database = sqlite_file(configured)
    before = database.read_bytes() if database else None
    assert main(["delete", "--organisation", organisation(ERASED)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"Would erase the organisation '{organisation(ERASED)}' and everything under it:"
    )
    assert "  assessments: 1 draft, 2 finished, 1 discarded" in out
    assert "  answers: 6 (4 with a note, 2 with evidence); target levels: 1" in out
    assert "  group assessments: 1 (2 agreed answers)" in out
    assert "  accounts' access to it: 2 (the accounts themselves stay)" in out
    assert "  model versions nothing else uses: 1" in out
    assert out.endswith("Nothing has been erased; run again with --yes to erase it.\n")
    if database:
        assert database.read_bytes() == before
    with Store(configured) as store:
        assert store.erasure_plan(organisation(ERASED)).counts() == SEEDED


def test_delete_with_yes_erases_and_says_so(configured: str, capsys):
    assert main(["delete", "--organisation", organisation(ERASED), "--yes"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"Erased the organisation '{organisation(ERASED)}'")
    assert "Nothing has been erased" not in captured.out and captured.err == ""
    with Store(configured) as store:
        assert columns_holding(store.engine, ERASED) == []
        assert_kept_is_whole(store)
    database = sqlite_file(configured)
    if database:
        assert files_holding(database, ERASED) == []


def test_delete_of_an_unknown_organisation_exits_2_with_close_names(configured: str, capsys):
    assert main(["delete", "--organisation", organisation(ERASED).lower(), "--yes"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"maturity: no organisation is called '{organisation(ERASED).lower()}'; "
        f"did you mean '{organisation(ERASED)}'?\n"
    )
    assert main(["delete", "--organisation", "Zzzz"]) == 2
    assert capsys.readouterr().err == "maturity: no organisation is called 'Zzzz'\n"
    with Store(configured) as store:
        assert store.erasure_plan(organisation(ERASED)).counts() == SEEDED


def test_purge_needs_a_period_and_refuses_a_bad_one(
    configured: str, monkeypatch: pytest.MonkeyPatch, capsys
):
    assert main(["purge"]) == 2
    assert capsys.readouterr().err == (
        "maturity: no retention period: give --days or set MATURITY_RETENTION_DAYS\n"
    )
    monkeypatch.setenv("MATURITY_RETENTION_DAYS", "a month")
    assert main(["purge", "--yes"]) == 2
    assert "MATURITY_RETENTION_DAYS is 'a month'" in capsys.readouterr().err
    assert main(["purge", "--days", "0", "--yes"]) == 2
    assert "from 1 to 36,500 days" in capsys.readouterr().err
    assert main(["purge", "--days", "36501", "--yes"]) == 2
    assert "from 1 to 36,500 days, not 36501" in capsys.readouterr().err
    monkeypatch.setenv("MATURITY_RETENTION_DAYS", "30")
    assert main(["purge", "--yes"]) == 0
    assert capsys.readouterr().out.startswith("Nothing is untouched for more than 30 days")
    with Store(configured) as store:
        assert store.erasure_plan(organisation(ERASED)).counts() == SEEDED


def test_purge_lists_then_erases(configured: str, capsys):
    with Store(configured) as store:
        age(store, organisation(ERASED), when=utcnow() - dt.timedelta(days=40))
    assert main(["purge", "--days", "30"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Would erase what is untouched for more than 30 days (since ")
    assert "  assessments: 1 draft, 2 finished, 1 discarded" in out
    assert "accounts' access" not in out
    assert "  organisations left with nothing: none" in out
    assert out.endswith("Nothing has been erased; run again with --yes to erase it.\n")
    assert main(["purge", "--days", "30", "--yes"]) == 0
    assert capsys.readouterr().out.startswith("Erased what is untouched for more than 30 days")
    with Store(configured) as store:
        assert store.purge_plan(30).empty
        assert_kept_is_whole(store)


def test_the_installed_command_erases_in_its_own_process(configured: str):
    command = Path(sys.executable).with_name("maturity")
    assert command.exists(), f"{command} is missing: run 'make .venv/.installed'"
    env = os.environ | {"MATURITY_DATABASE_URL": configured}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(command), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
        )

    unknown = run("delete", "--organisation", "Nowhere Police", "--yes")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
    assert unknown.stderr == "maturity: no organisation is called 'Nowhere Police'\n"
    done = run("delete", "--organisation", organisation(ERASED), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Erased the organisation '{organisation(ERASED)}'")
    database = sqlite_file(configured)
    if database:
        assert files_holding(database, ERASED) == []
    with Store(configured) as store:
        assert columns_holding(store.engine, ERASED) == []


def test_every_sqlite_connection_zeroes_what_it_deletes(tmp_path: Path):
    """``secure_delete`` on every connection (store.db), not only the erasing one. Debian's
    SQLite is built with it on, so here this fails only if a connection turns it off; on
    builds where it is off by default (python.org, Homebrew) it guards the setting itself."""
    with Store(f"sqlite:///{tmp_path / 'maturity.db'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_a_running_app_never_serves_an_erased_model_for_a_new_one(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'maturity.db'}"
    erased_model, erased_text = uploaded(ERASED)
    new_model, new_text = uploaded(KEPT)
    with Store(url) as app, Store(url) as admin:
        code = app.start_draft(erased_model, erased_text, organisation(ERASED))
        assert app.load_draft(code) is not None  # the app has read (and cached) that model
        admin.erase_organisation(organisation(ERASED))
        fresh = app.start_draft(new_model, new_text, organisation(KEPT))
        draft = app.load_draft(fresh)
        assert draft is not None and draft.model.title == f"Model for {KEPT} force"


def test_a_full_disk_while_compacting_is_reported_and_the_erasure_stands(tmp_path: Path):
    """The rows go in their transaction; VACUUM then needs room for a copy of the file. With
    the file size capped (``ulimit -f``) just above what the database holds, the deletion fits
    and the VACUUM does not: the command says so plainly, exits 0, and compacting later
    finishes the job."""
    import resource

    database = tmp_path / "maturity.db"
    url = f"sqlite:///{database}"
    with Store(url) as store:
        seed_both(store, None)
    # The last connection closed: the log is checkpointed into the file and removed.
    cap = database.stat().st_size + 64 * 1024

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))

    command = Path(sys.executable).with_name("maturity")
    done = subprocess.run(
        [str(command), "delete", "--organisation", organisation(ERASED), "--yes"],
        env=os.environ | {"MATURITY_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=capped,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Erased the organisation '{organisation(ERASED)}'")
    assert done.stderr.startswith("maturity: warning: the records are erased, but the database")
    assert "could not then be compacted" in done.stderr and "Traceback" not in done.stderr
    with Store(url) as store:
        assert organisation(ERASED) not in store.organisation_names()
        assert store.compact() is None
        assert files_holding(database, ERASED) == []
        assert_kept_is_whole(store)
