"""Streamlit entry point: `streamlit run app.py` (or `make run`).

Thin on purpose: the frame (resume code, navigation, sidebar) lives in ui/frame.py, each
page in its own module under ui/, and the list of pages, each declared once, in ui/pages.py.
"""

from ui.frame import run

# Streamlit (and AppTest) run this file as "__main__". The guard stops the app running when
# something imports the file under another name, such as a process that multiprocessing
# spawns while AppTest's run has left this file as sys.modules["__main__"].
if __name__ == "__main__":
    run()
