"""Regions of the page that a question's fragment redraws after its answer is saved.

Each question of a pillar page is an ``st.fragment`` (``ui/questionnaire.py``), so a click
reruns that question alone, not the page. Some things outside the question still depend on
its answer: the progress in the sidebar and at the top of the page, and the tick beside the
pillar in the menu. Each is drawn once per full run into a *region*: an ``st.empty`` placeholder
kept with the function that draws it. After a save, the fragment calls :func:`refresh` and
every region is drawn again in place. Streamlit (1.67) lets a fragment write into a container
made outside it; an ``st.empty`` holds one thing, so each redraw replaces the last, whichever
fragment made it.

Streamlit reserves a fragment's place in an outside container only if the fragment wrote to it
during the last full run, so every fragment redraws every region on every run, full or its
own (a handful of small elements: cheap beside the fragment's widgets).

A draw function reads everything afresh (``state.current()``), never from the run that first
drew it: the regions outlive that run's variables.

The registry lives in ``st.session_state`` (one per browser session) and is emptied by the
frame at the top of every full run (:func:`reset`), so a region is never one of an earlier
page's.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

REGIONS = "_live_regions"


def reset() -> None:
    """Forget the regions of the previous full run (the frame calls this first)."""
    st.session_state[REGIONS] = {}


def region(name: str, draw: Callable[[DeltaGenerator], None]) -> None:
    """Draw here, in a placeholder :func:`refresh` can redraw (one per name a run).

    ``draw`` is given the placeholder and draws ONE element on it (``slot.progress(...)``):
    a placeholder holds one element, and a container put in it from a fragment is not
    something Streamlit's page survives (seen in 1.67: a blank page)."""
    slot = st.empty()
    regions = st.session_state.setdefault(REGIONS, {})
    regions[name] = (slot, draw)
    draw(slot)


def refresh() -> None:
    """Redraw every region of this page (called by each fragment, on every run)."""
    for slot, draw in dict(st.session_state.get(REGIONS, {})).values():
        draw(slot)
