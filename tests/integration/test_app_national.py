"""The National summary page (local mode: the one person sees every organisation): the same
figures and words as ``maturity summary``, nothing from fewer than 5 organisations, no
organisation named until one is picked to show its place."""

from __future__ import annotations

import datetime as dt

from test_app_support import app_env, model_path, new_app, no_problems

from questionnaire.loader import load_model
from store.national_text import SUPPRESSED, summary_table
from store.repository import Store

__all__ = ["app_env"]

FORCES = [f"Heddlu *{n}*" for n in "ABCDEF"]


def finish(url: str, count: int) -> str:
    path = model_path()
    model = load_model(path)
    with Store(url) as store:
        for n, organisation in enumerate(FORCES[:count]):
            code = store.start_draft(
                model, path.read_text(encoding="utf-8"), organisation, None, dt.date(2026, 1, 1)
            )
            for i, (_, question) in enumerate(model.questions()):
                store.save_answer(
                    code, question.id, question.options[(n + i) % len(question.options)].id
                )
            store.complete(code)
    return model.id


def _cells(at) -> list[str]:
    frame = at.dataframe[0].value
    return [str(v) for row in frame.itertuples(index=False) for v in row] + list(frame.columns)


def test_four_organisations_show_no_figure_and_no_name(app_env):
    finish(app_env, 4)
    at = new_app(page="national")
    no_problems(at)
    frame = at.dataframe[0].value
    assert list(frame["All organisations"]) == [SUPPRESSED] * len(frame)
    assert not any(f in c for f in FORCES for c in _cells(at))


def test_five_show_the_summary_words_of_the_cli_and_a_picked_force_its_place(app_env):
    model_id = finish(app_env, 5)
    at = new_app(page="national")
    no_problems(at)
    with Store(app_env) as store:
        header, rows = summary_table(store.national_summary(model_id))
        _, mine = summary_table(store.national_summary(model_id, FORCES[1]))
    frame = at.dataframe[0].value
    assert list(frame.columns) == header
    assert [list(map(str, r)) for r in frame.itertuples(index=False)] == rows
    assert not any(f in c for f in FORCES for c in _cells(at))
    at.selectbox(key="national-organisation").set_value(FORCES[1]).run()
    no_problems(at)
    frame = at.dataframe[0].value
    assert list(frame.columns)[-1] == FORCES[1]
    assert [list(map(str, r)) for r in frame.itertuples(index=False)] == mine
    assert not any(f in c for f in FORCES if f != FORCES[1] for c in _cells(at))
