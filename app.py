"""Streamlit entry point (placeholder until the app issue lands)."""

import streamlit as st

st.set_page_config(page_title="AI maturity self-assessment for policing")
st.title("AI maturity self-assessment for policing")
st.write("The questionnaire is being built. Use the `maturity` command meanwhile.")
