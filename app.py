"""Streamlit entry point: `streamlit run app.py` (or `make run`).

Thin on purpose: the frame (resume code, navigation, sidebar) lives in ui/frame.py and each
page in its own module under ui/.
"""

from ui.frame import run

run()
