"""Importing many files many to a transaction (``Store.import_files``), on SQLite and
PostgreSQL, stores and reports exactly what importing them one by one does: duplicates of
stored assessments and of earlier files of the same batch, a bad file among good ones, an
export between responses files, and the stored scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES
from sqlalchemy import select

from questionnaire.loader import load_model
from questionnaire.yamlio import InputError
from store.import_batch import import_files
from store.repository import Store
from store.tables import Answer, Assessment, Organisation, PillarScore, Target

TINY = FIXTURES / "tiny-model.yaml"
OPTIONS = ("none", "draft", "approved")


@pytest.fixture
def tiny():
    return load_model(TINY), TINY.read_text(encoding="utf-8")


def _files(directory: Path, tiny) -> list[Path]:
    """Forty files: repeats (same content as an earlier file), a bad one, and an export."""
    directory.mkdir()
    files = []
    for i in range(36):
        n = i if i % 7 else i - 6  # every seventh repeats the file six before it
        path = directory / f"f{i:02}.yaml"
        path.write_text(
            f"model: tiny\norganisation: Force {n % 9}\nassessed_on: 2025-01-{1 + n % 28:02}\n"
            f"answers: {{gov-policy: {OPTIONS[n % 3]}, data-quality: good}}\n"
            f"targets: {{gov: {2 + n % 3}}}\nnotes: {{gov-policy: 'note {n}'}}\n"
            f"evidence: {{data-quality: 'register {n}'}}\n",
            encoding="utf-8",
        )
        files.append(path)
    bad = directory / "bad.yaml"
    bad.write_text("model: tiny\norganisation: X\nanswers: {gov-policy: maybe}\n", encoding="utf-8")
    files.insert(5, bad)
    model, text = tiny
    with Store(f"sqlite:///{directory / 'src.db'}") as other:
        code = other.start_draft(model, text, "Exported Force")
        other.save_answer(code, "gov-policy", "draft")
        other.complete(code)
        exported = directory / "export.json"
        with exported.open("w", encoding="utf-8") as out:
            other.export(out)
    files.insert(20, exported)
    files.insert(30, files[2])  # the very same file again
    return files


def _said(outcome) -> object:
    if isinstance(outcome, InputError):
        return [p.message for p in outcome.problems]
    return (outcome.imported, outcome.duplicates, outcome.warnings)


def _content(store: Store) -> list[object]:
    """Every stored row, with row ids replaced by uids and names (a PostgreSQL sequence
    skips numbers an ON CONFLICT used), and no timestamps (the time of the import)."""
    with store.engine.connect() as conn:
        uid = dict(conn.execute(select(Assessment.id, Assessment.uid)).all())
        found: list[object] = [
            sorted(
                conn.execute(
                    select(Assessment.uid, Organisation.name)
                    .join(Organisation, Organisation.id == Assessment.organisation_id)
                    .add_columns(Assessment.content_hash, Assessment.source, Assessment.assessed_on)
                ).all()
            )
        ]
        for table in (Answer, Target, PillarScore):
            columns = [
                c
                for c in table.__table__.columns
                if c.name not in ("updated_at", "organisation_id", "assessment_id")
            ]
            found.append(
                sorted(
                    (uid[r[0]], *r[1:])
                    for r in conn.execute(select(table.assessment_id, *columns)).all()
                )
            )
    return found


def test_batches_store_and_report_exactly_what_one_by_one_does(url, tiny, tmp_path):
    files = _files(tmp_path / "in", tiny)
    one_by_one_url = f"sqlite:///{tmp_path / 'one.db'}"
    with Store(one_by_one_url) as single:
        list(single.import_files(files[:3], [tiny]))  # already stored before the batch
        expected = []
        for f in files:
            try:
                expected.append((str(f), _said(single.import_file(f, [tiny]))))
            except InputError as exc:
                expected.append((str(f), _said(exc)))
        wanted = _content(single)
    with Store(url) as store:
        list(store.import_files(files[:3], [tiny]))
        found = [(p, _said(o)) for p, o in import_files(store, files, [tiny], batch=8)]
        assert found == expected
        assert _content(store) == wanted
        with store.engine.connect() as conn:
            kept = set(
                conn.execute(select(Answer.evidence).where(Answer.evidence.is_not(None))).scalars()
            )
        assert "register 1" in kept and len(kept) == 31  # every distinct file's evidence
    # duplicates of stored assessments and of earlier files of the same batch, and one bad
    repeats = [said for _, said in found if isinstance(said, tuple) and said[1]]
    assert len(repeats) >= 9
    assert sum(1 for _, said in found if isinstance(said, list)) == 1


def test_the_export_in_a_batch_is_stored_as_an_export(url, tiny, tmp_path):
    files = _files(tmp_path / "in", tiny)
    with Store(url) as store:
        outcomes = dict(store.import_files(files, [tiny]))
        exported = outcomes[str(tmp_path / "in" / "export.json")]
        assert not isinstance(exported, InputError) and len(exported.imported) == 1
        uid = json.loads((tmp_path / "in" / "export.json").read_text())["assessments"][0]["uid"]
        with store.engine.connect() as conn:
            assert conn.scalar(select(Assessment.source).where(Assessment.uid == uid)) == "app"
