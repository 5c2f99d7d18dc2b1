"""The Model page: which model and version is in use, and uploading a custom model file."""

from __future__ import annotations

import streamlit as st

from questionnaire.schema import Model
from ui import models, state
from ui.resources import ModelChoice, ModelProblem
from ui.text import escaped_rows, md_escape, plural


def render() -> None:
    """Draw the Model page."""
    st.title("Model")
    cur = state.current()
    if cur is not None:
        st.info(
            f"Your open assessment uses **{md_escape(cur.model.title)}**, version "
            f"{md_escape(cur.model.version)} (id `{cur.model.id}`). It keeps that model to the "
            "end, whatever you choose below."
        )
    choice = models.model_for_new_assessments()
    st.subheader("For new assessments")
    if isinstance(choice, ModelChoice):
        describe(choice.model, choice.source)
        if st.session_state.get(models.CUSTOM) is not None and st.button(
            "Go back to the standard model", key="model-default"
        ):
            models.use_default()
            st.rerun()
    else:
        show_problems(choice, "The configured model cannot be used")
    upload()


def describe(model: Model, source: str) -> None:
    """One model's identity, size and scale."""
    st.markdown(
        f"**{md_escape(model.title)}**, version {md_escape(model.version)} "
        f"(id `{model.id}`), from {md_escape(source)}: {plural(len(model.pillars), 'pillar')}, "
        f"{plural(len(model.questions()), 'question')}, {plural(len(model.scale.levels), 'level')}."
    )
    st.table(
        escaped_rows(
            [
                {
                    "Level": lv.level,
                    "Name": lv.name,
                    "From score": f"{lv.min_score:g}",
                    "What it looks like": lv.description,
                }
                for lv in model.scale.levels
            ]
        )
    )
    st.table(
        escaped_rows(
            [
                {"Pillar": p.name, "Questions": len(p.questions), "Weight": f"{p.weight:g}"}
                for p in model.pillars
            ]
        )
    )


def show_problems(problem: ModelProblem, headline: str) -> None:
    """Every problem of a model file, located as the command line reports them."""
    st.error(
        f"{headline}: {plural(problem.count, 'problem')} in {md_escape(problem.source)}. "
        "Each line below gives the file, line and column, then what is wrong."
    )
    st.code("\n".join(str(p) for p in problem.problems), language=None, wrap_lines=True)


def upload() -> None:
    """Upload a model file; a valid one can be used for this session's new assessments."""
    st.subheader("Use a custom model")
    st.caption(
        "Upload a model file (YAML) written to the model format. It is checked exactly as "
        "`maturity validate` checks it; a file with problems is refused and nothing changes."
    )
    uploaded = st.file_uploader(
        "Model file (YAML)",
        type=["yaml", "yml"],
        key="model-upload",
        max_upload_size=models.megabytes(models.MAX_UPLOAD_BYTES),
    )
    if uploaded is None:
        return
    checked = models.check_upload(uploaded.name, uploaded.getvalue())
    if isinstance(checked, ModelProblem):
        current = models.model_for_new_assessments()
        keeps = (
            f"New assessments keep using {md_escape(current.model.title)} {md_escape(current.model.version)}."
            if isinstance(current, ModelChoice)
            else ""
        )
        show_problems(checked, "This model was refused")
        if keeps:
            st.caption(keeps)
        return
    st.success(
        f"{md_escape(uploaded.name)} is a valid model: {md_escape(checked.model.title)}, "
        f"version {md_escape(checked.model.version)}."
    )
    describe(checked.model, checked.source)
    if st.button("Use this model for new assessments", key="model-use", type="primary"):
        models.use_custom(checked)
        state.flash(
            f"New assessments you start will use {md_escape(checked.model.title)} "
            f"{md_escape(checked.model.version)}.",
            "success",
        )
        st.rerun()
