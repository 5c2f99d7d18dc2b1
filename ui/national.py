"""The National summary page: where organisations stand, per pillar and by group.

It draws what ``maturity summary`` prints, from the same code (:mod:`store.national` builds
it, :mod:`store.national_text` words it): the median and interquartile range across
organisations, a figure from fewer than 5 organisations never shown, and no organisation
named, except the one the reader picks to see its own place.

Only a role with ``Ability.NATIONAL`` has the page (administrators in shared mode, the one
person in local mode: those who see every organisation's history), since a national figure
is drawn from every organisation. The organisation whose place is shown is picked from
those the reader may see.
"""

from __future__ import annotations

import streamlit as st

from store.access import Ability
from store.national_text import METHOD, summary_table
from ui import access
from ui.resources import get_store
from ui.text import md_escape

NONE = "(none)"


def render() -> None:
    """Draw the National summary page."""
    st.title("National summary", anchor=False)
    who = access.principal()
    if not who.may(Ability.NATIONAL):  # the menu leaves the page out; a typed address too
        return
    store = get_store()
    models = store.summary_models()
    if not models:
        st.info("No assessment has been finished yet. The summary is drawn from finished ones.")
        return
    model_id = st.selectbox("Model", models, key="national-model") if len(models) > 1 else models[0]
    if model_id is None:
        return
    organisations = who.visible(store.summary_organisations(model_id))
    picked = st.selectbox("Show the place of", [NONE, *organisations], key="national-organisation")
    mine = picked if picked and picked != NONE else None
    summary = store.national_summary(model_id, mine)
    st.caption(
        md_escape(f"{summary.model_title}: {summary.organisations} organisations; {METHOD}.")
    )
    header, rows = summary_table(summary)
    columns = _unique(header)
    st.dataframe(
        [dict(zip(columns, row, strict=True)) for row in rows],
        hide_index=True,
        width="stretch",
    )


def _unique(header: list[str]) -> list[str]:
    """Column names made distinct (a group could be called like a column or an organisation)."""
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out
