"""Stored scores, on SQLite and PostgreSQL: every way an assessment is finished writes the
engine's own figures, a draft has none, reopening a group assessment removes them, and the
migration backfills a database whose assessments were finished before the table existed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from sqlalchemy import delete, select

from questionnaire.loader import load_model
from questionnaire.schema import Respondent
from scoring import score
from scoring.aggregate import NO_GROUP
from store.db import downgrade, migrate
from store.repository import Store
from store.scores import OVERALL, WHOLE, group_key
from store.tables import Assessment, PillarScore

TINY = FIXTURES / "tiny-model.yaml"


@pytest.fixture
def store(url):
    with Store(url) as s:
        yield s


@pytest.fixture
def tiny():
    return load_model(TINY), TINY.read_text(encoding="utf-8")


def _stored(store: Store) -> dict[int, dict[tuple[str, str], tuple[float | None, int | None]]]:
    found: dict[int, dict[tuple[str, str], tuple[float | None, int | None]]] = {}
    with store.engine.connect() as conn:
        for r in conn.execute(select(PillarScore)):
            found.setdefault(r.assessment_id, {})[(r.part, r.pillar_id)] = (r.score, r.level)
    return found


def _expected(result, by_group=None):
    rows = {(WHOLE, OVERALL): (result.overall.score, result.overall.level)}
    rows |= {(WHOLE, p.id): (p.score, p.level) for p in result.pillars}
    for pillar, groups in (by_group or {}).items():
        rows |= {(g, pillar): (v, None) for g, v in groups.items() if g != NO_GROUP}
    return rows


def _finish_every_way(store: Store, tiny, tmp_path: Path) -> None:
    """One assessment finished in the app, one imported file, one imported export, and a
    closed group assessment of three participants in two groups (plus a draft)."""
    model, text = tiny
    code = store.start_draft(model, text, "Dyfed-Powys", Respondent(group="Leadership"))
    store.save_answer(code, "gov-policy", "draft")
    store.save_answer(code, "gov-review", "sometimes")
    store.save_answer(code, "data-quality", "unknown")
    store.complete(code)
    draft = store.start_draft(model, text, "Gwent")
    store.save_answer(draft, "gov-policy", "approved")

    file = tmp_path / "answers.yaml"
    file.write_text(
        "model: tiny\norganisation: North Wales\nanswers: {gov-policy: approved, "
        "data-quality: fair}\ntargets: {gov: 4}\n",
        encoding="utf-8",
    )
    store.import_file(file, [tiny])

    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    elsewhere = other.start_draft(model, text, "South Wales", Respondent(group="frontline"))
    other.save_answer(elsewhere, "gov-review", "always")
    other.complete(elsewhere)
    exported = tmp_path / "export.json"
    with exported.open("w", encoding="utf-8") as out:
        other.export(out)
    other.close()
    store.import_file(exported)

    codes = store.create_workshop(model, text, "Gwent", "COG workshop")
    workshop = store.workshop_by_facilitator(codes.facilitator)
    assert workshop is not None
    for name, group, answer in (
        ("A", "leadership", "approved"),
        ("B", "frontline", "none"),
        ("C", " Frontline ", "draft"),
    ):
        joined = store.join_workshop(codes.join, name, group)
        store.save_answer(joined, "gov-policy", answer)
        store.save_answer(joined, "data-quality", "good")
    store.close_workshop(workshop.id)


def _assert_stored_equal_fresh_scores(store: Store) -> None:
    stored = _stored(store)
    with store.session(write=False) as s:
        rows = list(s.scalars(select(Assessment).order_by(Assessment.id)))
        expected = {}
        for row in rows:
            if row.status != "complete" or row.source == "participant":
                continue
            if row.source == "group":
                group = store.group_of(s, row)
                expected[row.id] = _expected(group.result, group.by_group)
            else:
                model = store.model_of(s, row.model_version_id)[0]
                expected[row.id] = _expected(score(model, store.responses_of(s, row)[0]))
    assert stored == expected


def test_every_finished_assessment_stores_exactly_what_a_fresh_score_gives(store, tiny, tmp_path):
    _finish_every_way(store, tiny, tmp_path)
    _assert_stored_equal_fresh_scores(store)
    stored = _stored(store)
    # 3 single assessments and 1 group; the draft has none, nor a participant's own answers
    # (their group assessment stands for them, as in History)
    assert len(stored) == 4
    with store.engine.connect() as conn:
        participants = set(
            conn.execute(select(Assessment.id).where(Assessment.source == "participant")).scalars()
        )
        assert len(participants) == 3 and not participants & set(stored)
        drafts = set(
            conn.execute(select(Assessment.id).where(Assessment.status == "draft")).scalars()
        )
    assert drafts and not drafts & set(stored)
    group_rows = {k for rows in stored.values() for k in rows if k[0] != WHOLE}
    assert {part for part, _ in group_rows} == {"leadership", "frontline"}


def test_the_group_each_figure_is_of_is_kept_in_the_aggregations_normal_form(store, tiny, tmp_path):
    _finish_every_way(store, tiny, tmp_path)
    with store.engine.connect() as conn:
        found = conn.execute(
            select(PillarScore.source, PillarScore.part, PillarScore.group_key).distinct()
        ).all()
    assert ("app", WHOLE, "leadership") in found  # typed "Leadership"
    assert ("group", WHOLE, None) in found
    assert ("group", "frontline", "frontline") in found  # " Frontline " and "frontline" merged
    assert group_key(" Special   Ops ") == "special ops" and group_key("  ") is None


def test_reopening_a_group_assessment_removes_its_scores_and_closing_again_restores_them(
    store, tiny, tmp_path
):
    _finish_every_way(store, tiny, tmp_path)
    before = _stored(store)
    (workshop,) = store.workshops()
    store.reopen_workshop(workshop.id)
    assert len(_stored(store)) == 3
    store.close_workshop(workshop.id)
    after = _stored(store)
    assert sorted(after.values(), key=repr) == sorted(before.values(), key=repr)
    _assert_stored_equal_fresh_scores(store)


def test_erasing_an_organisation_takes_its_stored_scores_with_it(store, tiny, tmp_path):
    _finish_every_way(store, tiny, tmp_path)
    store.erase_organisation("Gwent")
    with store.engine.connect() as conn:
        left = set(conn.execute(select(PillarScore.organisation_id).distinct()).scalars())
    assert len(left) == 3
    _assert_stored_equal_fresh_scores(store)


def test_the_migration_backfills_assessments_finished_before_it(url, tiny, tmp_path):
    with Store(url) as store:
        _finish_every_way(store, tiny, tmp_path)
        written = _stored(store)
        with store.engine.begin() as conn:
            conn.execute(delete(PillarScore))
        downgrade(store.engine, "0006")
        migrate(store.engine)
        assert _stored(store) == written
        _assert_stored_equal_fresh_scores(store)
