"""A stored assessment that can no longer be scored affects only itself; text the database
cannot hold is refused plainly.

The broken records are written straight into the tables, as a database filled by an older,
laxer version of the program would hold them (the loader now refuses such models, so they
cannot be stored through the program any more).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from cli import main
from questionnaire.loader import load_model
from questionnaire.yamlio import InputError
from store import Store, resolve_previous
from store.records import UnsafeText, UnscorableAssessment
from store.tables import Answer, Assessment, ModelVersion, Organisation, utcnow

TINY = FIXTURES / "tiny-model.yaml"
WEIGHTS = FIXTURES / "responses" / "tiny-weights.yaml"
BROKEN_ORGANISATION = "!Inf First"  # sorts before every real name


def inf_model_text() -> str:
    """The tiny model with an infinite pillar weight (validated before non-finite numbers
    were refused)."""
    text = TINY.read_text(encoding="utf-8")
    assert "    weight: 2\n" in text
    return text.replace("    weight: 2\n", "    weight: .inf\n", 1).replace(
        'version: "1.0.0"', 'version: "1.0.0-inf"'
    )


UNLOADABLE_TEXT = "id: tiny\nversion: '9'\npillars: [oops\n"


def insert_broken(store: Store, model_text: str, organisation: str = BROKEN_ORGANISATION) -> int:
    """Insert a complete assessment on a model version with ``model_text``; returns its id."""
    from store.records import sha256

    now = utcnow()
    digest = sha256(model_text)
    with store.session() as s:
        s.add(
            ModelVersion(
                model_id="tiny",
                version=digest[:8],
                title="broken",
                content_hash=digest,
                text=model_text,
                created_at=now,
            )
        )
        s.add(Organisation(name=organisation, created_at=now))
        s.flush()
        mv = s.query(ModelVersion.id).filter_by(content_hash=digest).scalar()
        org = s.query(Organisation.id).filter_by(name=organisation).scalar()
        row = Assessment(
            uid=digest[:32],
            organisation_id=org,
            model_version_id=mv,
            status="complete",
            source="import",
            created_at=now,
            updated_at=now,
            completed_at=now,
        )
        row.answers = [
            Answer(question_id="gov-policy", answer="approved", note="kept", updated_at=now),
            Answer(question_id="data-quality", answer="good", updated_at=now),
        ]
        s.add(row)
        s.flush()
        return row.id


@pytest.fixture
def filled(url: str) -> tuple[str, int, int]:
    """A database with two good assessments and two that cannot be scored."""
    with Store(url) as store:
        store.import_file(WEIGHTS, [(load_model(TINY), TINY.read_text(encoding="utf-8"))])
        store.import_file(
            FIXTURES / "responses" / "tiny-capped.yaml",
            [(load_model(TINY), TINY.read_text(encoding="utf-8"))],
        )
        inf = insert_broken(store, inf_model_text())
        unloadable = insert_broken(store, UNLOADABLE_TEXT, "!Broken Too")
    return url, inf, unloadable


def test_a_record_that_cannot_be_scored_is_set_aside_and_the_others_are_read(filled):
    url, inf, unloadable = filled
    with Store(url) as store:
        good = store.assessments()
        catalogue = store.catalogue()
        assert len(good) == 2 and catalogue.scored == good
        assert sorted(u.id for u in catalogue.unscored) == sorted([inf, unloadable])
        broken = {u.id: u for u in catalogue.unscored}[inf]
        assert broken.organisation == BROKEN_ORGANISATION
        assert broken.answers == {"gov-policy": "approved", "data-quality": "good"}
        assert broken.notes == {"gov-policy": "kept"}
        assert broken.reason  # says why, in words
        assert store.assessments(BROKEN_ORGANISATION) == []
        assert [u.id for u in store.catalogue(BROKEN_ORGANISATION).unscored] == [inf]
        with pytest.raises(UnscorableAssessment):
            store.assessment(inf)
        with pytest.raises(InputError, match="could not be scored"):
            resolve_previous(f"db:{inf}", store)


def test_history_of_every_organisation_still_works(filled, monkeypatch, capsys):
    url, inf, _ = filled
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    assert main(["history", "Heddlu Dyfed-Powys"]) == 0
    assert "Heddlu Dyfed-Powys" in capsys.readouterr().out
    assert main(["history", BROKEN_ORGANISATION]) == 0
    out, err = capsys.readouterr()
    assert f"#{inf}" in err and "could not be scored" in err and "Traceback" not in err
    assert main(["history", BROKEN_ORGANISATION, "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == [] and f"#{inf}" in err


def test_export_of_the_whole_database_still_succeeds_with_the_raw_answers(
    filled, monkeypatch, capsys, tmp_path: Path
):
    url, inf, unloadable = filled
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    out = tmp_path / "all.json"
    assert main(["export", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"#{inf}" in err and f"#{unloadable}" in err and "could not be scored" in err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["assessments"]) == 4
    broken = [a for a in data["assessments"] if a["organisation"] == BROKEN_ORGANISATION]
    assert broken[0]["answers"] == {"data-quality": "good", "gov-policy": "approved"}
    assert broken[0]["notes"] == {"gov-policy": "kept"}
    assert inf_model_text() in [m["text"] for m in data["models"]]

    assert main(["export", "--format", "csv", "-o", str(tmp_path / "all.csv")]) == 0
    assert f"#{inf}" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO((tmp_path / "all.csv").read_text(encoding="utf-8"))))
    mine = [r for r in rows if r["assessment"] == str(inf)]
    assert {r["question"]: r["answer"] for r in mine if r["row"] == "question"} == {
        "gov-policy": "approved",
        "data-quality": "good",
    }
    assert [r["score"] for r in mine if r["row"] == "overall"] == [""]


def test_valid_data_exports_as_before_without_a_word_on_stderr(url, monkeypatch, capsys):
    with Store(url) as store:
        store.import_file(WEIGHTS, [(load_model(TINY), TINY.read_text(encoding="utf-8"))])
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    assert main(["export", "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and json.loads(out)["assessments"][0]["answers"]["gov-policy"] == "approved"


# --- text the database cannot hold -------------------------------------------------------
@pytest.mark.parametrize("bad", ["A\x00B", "A\x1b[2JB", "A\x07B"])
def test_control_characters_are_refused_before_anything_is_written(url, bad):
    model = load_model(TINY)
    text = TINY.read_text(encoding="utf-8")
    with Store(url) as store:
        with pytest.raises(UnsafeText, match="control character"):
            store.start_draft(model, text, bad)
        code = store.start_draft(model, text, "Good Force")
        with pytest.raises(UnsafeText, match="control character"):
            store.save_note(code, "gov-policy", f"note {bad}")
        store.save_note(code, "gov-policy", "tab\tnew line\ncarriage return\r ok")
        draft = store.load_draft(code)
        assert draft is not None
        assert draft.notes == {"gov-policy": "tab\tnew line\ncarriage return\r ok"}
        assert store.organisations() == []


def test_a_nul_in_an_imported_file_is_bad_input_on_every_backend(
    url, tmp_path, monkeypatch, capsys
):
    path = tmp_path / "nul.json"
    data = {
        "model": "tiny",
        "model_version": "1.0.0",
        "organisation": "A\u0000B",
        "answers": {"gov-policy": "approved"},
        "notes": {"gov-policy": "x\u0000y"},
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    assert main(["import", str(path), "--model", str(TINY)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "Traceback" not in err and "DataError" not in err
    with Store(url) as store:
        assert store.count("complete") == 0
