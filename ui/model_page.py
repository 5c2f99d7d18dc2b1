"""The Model page: which model and version new assessments use, the models kept on this
server, and uploading a model file.

Everyone who can open this page may change the model (``Ability.MODEL``, checked by the
page list). A choice is kept in the database for everyone (:mod:`ui.models`). After a model
is used, the uploader is cleared, so each thing is said once: the choice in the flash at
the top and in "For new assessments", not again under an upload still held.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from questionnaire.schema import Model
from store.access import Ability
from ui import access, models, state
from ui.resources import DatabaseUnavailable, ModelChoice, ModelProblem, get_store, store_action
from ui.text import escaped_rows, md_escape, plural

LOG = logging.getLogger("ui")


def render() -> None:
    """Draw the Model page."""
    st.title("Model", anchor=False)
    cur = state.current()
    if cur is not None:
        st.info(
            f"Your open assessment uses **{md_escape(cur.model.title)}**, version "
            f"{md_escape(cur.model.version)} (id `{cur.model.id}`). It keeps that model to the "
            "end, whatever you choose below."
        )
    choice = models.model_for_new_assessments()
    st.header("For new assessments", anchor=False)
    if isinstance(choice, ModelChoice):
        st.markdown(
            models.new_assessments_use(choice) + " This holds for everyone using this service."
        )
        describe(choice.model, choice.source)
    else:
        show_problems(choice, "The model for new assessments cannot be used")
    may_change = access.may(Ability.MODEL)
    standard = isinstance(choice, ModelChoice) and choice.upload is None
    if (
        may_change
        and not standard
        and st.button("Go back to the standard model", key="model-default")
        and _changed(lambda: models.use_stored(None, access.principal()))
    ):
        state.flash("New assessments will use the standard model.", "success")
        st.rerun()
    kept_models(choice, may_change)
    if may_change:
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


def kept_models(choice: ModelChoice | ModelProblem, may_change: bool) -> None:
    """The models uploaded to this server (newest first), and choosing one of them."""
    st.header("Models kept on this service", anchor=False)
    from store.faults import DatabaseFault

    try:
        uploads = get_store().uploaded_models()
    except (DatabaseUnavailable, DatabaseFault) as exc:
        LOG.warning("cannot list the uploaded models: %s", type(exc).__name__)
        st.error("The models kept on this service cannot be listed just now.")
        return
    if not uploads:
        st.caption("No model has been uploaded yet: new assessments use the standard model.")
        return
    in_use = (
        choice.upload.model_version_id
        if isinstance(choice, ModelChoice) and choice.upload
        else None
    )
    st.table(
        escaped_rows(
            [
                {
                    "Title": u.title,
                    "Version": u.version,
                    "Id": u.model_id,
                    "Uploaded by": u.uploaded_by,
                    "Uploaded on": models.day(u.uploaded_at),
                    "In use": "yes" if u.model_version_id == in_use else "",
                }
                for u in uploads
            ]
        )
    )
    others = [u for u in uploads if u.model_version_id != in_use]
    if not may_change or not others:
        return
    by_id = {u.model_version_id: u for u in others}
    picked = st.selectbox(
        "Another kept model for new assessments",
        list(by_id),
        index=None,
        format_func=lambda vid: (
            f"{by_id[vid].title}, version {by_id[vid].version} "
            f"(uploaded by {by_id[vid].uploaded_by} on {models.day(by_id[vid].uploaded_at)})"
        ),
        key="model-kept",
        placeholder="Choose a kept model",
    )
    if st.button("Use the chosen kept model", key="model-use-kept"):
        if picked is None:
            st.error("Choose a kept model above first.")
            return
        if _changed(lambda: models.use_stored(picked, access.principal())):
            up = by_id[picked]
            state.flash(
                f"New assessments will use {md_escape(up.title)}, version {md_escape(up.version)}.",
                "success",
            )
            st.rerun()


def show_problems(problem: ModelProblem, headline: str) -> None:
    """Every problem of a model file, located as the command line reports them."""
    st.error(
        f"{headline}: {plural(problem.count, 'problem')} in {md_escape(problem.source)}. "
        "Each line below gives the file, line and column, then what is wrong."
    )
    st.code("\n".join(str(p) for p in problem.problems), language=None, wrap_lines=True)


def upload() -> None:
    """Upload a model file; a valid one can be kept and used for everyone's new assessments."""
    st.header("Upload a model", anchor=False)
    st.caption(
        "Upload a model file (YAML) written to the model format. It is checked exactly as "
        "`maturity validate` checks it; a file with problems is refused and nothing changes. "
        "A model you use is kept on this service and used for everyone's new assessments "
        "until someone changes it."
    )
    uploaded = st.file_uploader(
        "Model file (YAML)",
        type=["yaml", "yml"],
        key=models.upload_key(),
        max_upload_size=models.megabytes(models.MAX_UPLOAD_BYTES),
    )
    if uploaded is None:
        return
    checked = models.check_upload(uploaded.name, uploaded.getvalue())
    if isinstance(checked, ModelProblem):
        show_problems(checked, "This model was refused")
        st.caption("Nothing has changed: new assessments use the model named above.")
        return
    st.success(
        f"{md_escape(uploaded.name)} is a valid model: {md_escape(checked.model.title)}, "
        f"version {md_escape(checked.model.version)}."
    )
    describe(checked.model, checked.source)
    if st.button(
        "Use this model for new assessments", key="model-use", type="primary"
    ) and _changed(lambda: models.use_upload(checked, access.principal())):
        models.clear_upload()
        state.flash(
            f"New assessments will use {md_escape(checked.model.title)}, version "
            f"{md_escape(checked.model.version)}, for everyone using this service.",
            "success",
        )
        st.rerun()


def _changed(change: Callable[[], object]) -> bool:
    """Make one change of the model choice; on failure say so plainly and return False."""

    def changed() -> bool:
        change()
        return True

    return store_action(changed, "The model could not be changed", "change the model") is True
