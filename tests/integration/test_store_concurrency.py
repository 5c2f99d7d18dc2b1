"""Many writers at once: every answer is kept and nobody sees "database is locked".

Eight processes (spawned, so each has its own engine and connections, like the app and the
CLI side by side) start on an empty database at the same moment: they race through the
migrations, then each saves every answer of many drafts, one transaction per click.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import types
from typing import Any

import pytest
from conftest import FIXTURES

from store import Store
from store.imports import load_model_file

WORKERS = 8
DRAFTS_EACH = 6
ANSWERS = {"gov-policy": "draft", "gov-review": "sometimes", "data-quality": "good"}


def write_many(
    url: str, worker: int, start: Any, shared: Store | None = None
) -> list[tuple[str, str]]:
    """Open the store (migrating if first), then save answers and notes for several drafts."""
    model, text = load_model_file(FIXTURES / "tiny-model.yaml")
    start.wait()
    store = shared or Store(url)
    written = []
    try:
        for n in range(DRAFTS_EACH):
            organisation = f"Force {worker}"
            code = store.start_draft(model, text, organisation)
            for question, answer in ANSWERS.items():
                store.save_answer(code, question, answer)
                store.save_note(code, question, f"worker {worker} draft {n} {question}")
            if n % 2 == 0:
                store.complete(code)
            written.append((code, organisation))
    finally:
        if shared is None:
            store.close()
    return written


def _process(url: str, worker: int, start: Any, results: Any) -> None:
    try:
        results.put((worker, write_many(url, worker, start), None))
    except BaseException as exc:  # reported to the test, which fails with it
        results.put((worker, [], f"{type(exc).__name__}: {exc}"))


def check_everything_is_there(url: str, written: dict[int, list[tuple[str, str]]]) -> None:
    with Store(url) as store:
        for worker, drafts in written.items():
            assert len(drafts) == DRAFTS_EACH
            for n, (code, organisation) in enumerate(drafts):
                draft = store.load_draft(code)
                assert draft is not None, (worker, n)
                assert draft.organisation == organisation
                assert draft.answers == ANSWERS
                assert draft.notes == {q: f"worker {worker} draft {n} {q}" for q in ANSWERS}
                assert draft.status == ("complete" if n % 2 == 0 else "draft")
        assert store.count("complete") == WORKERS * ((DRAFTS_EACH + 1) // 2)
        assert len(store.organisations()) == WORKERS


def test_eight_processes_saving_answers_at_once_lose_nothing(
    url: str, monkeypatch: pytest.MonkeyPatch
):
    # A spawned child re-imports the parent's __main__; after Streamlit's AppTest that is
    # app.py, which would start the app in every child. The children need nothing from it.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    procs = [ctx.Process(target=_process, args=(url, w, start, results)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    errors = [(w, err) for w, _, err in outcomes if err]
    assert errors == []
    check_everything_is_there(url, {w: drafts for w, drafts, _ in outcomes})


def test_eight_threads_sharing_one_store_lose_nothing(url: str):
    start = threading.Barrier(WORKERS)
    written: dict[int, list[tuple[str, str]]] = {}
    errors: list[BaseException] = []

    shared = Store(url)

    def run(worker: int) -> None:
        try:
            written[worker] = write_many(url, worker, start, shared)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    shared.close()
    assert errors == []
    check_everything_is_there(url, written)
