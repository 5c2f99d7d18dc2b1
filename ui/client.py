"""The app's own small layer in the browser: notes and evidence saved as typed, focus after a
page change, a visible focus ring, and no focus stops on hidden heading anchors.

:func:`install` is called by the frame once per script run. It sends one ``st.html`` element
holding ``ui/static/client.css`` and ``ui/static/client.js``, both read from this machine and
inlined (nothing is fetched from elsewhere). ``st.html`` is not iframed: with
``unsafe_allow_javascript=True`` Streamlit's frontend copies each ``<script>`` into a new
element, so it runs in the app's own document. Streamlit runs it again whenever the element
is drawn anew (a page change may do that), so the script installs itself once per document
and does nothing on later runs; everything it does hangs on listeners on the document, which
outlive any element.

Decisions (the script's opening comment gives the details):

- **Notes and evidence only** are committed as typed: the text areas inside a question's
  container (``st-key-question-<id>``), by one mechanism for both. The other text areas are the report commentary, which is not
  stored anywhere (committing it would only rerun the page and rebuild the reports while the
  person types), and the agreed-answer boxes of a group assessment, which sit in an
  ``st.form``, where Ctrl+Enter (our commit) would submit the form.
- A note or evidence is committed ~700 ms after the last keystroke, and at once when the page is hidden,
  left or reloaded, by the same event Streamlit's text area treats as "apply" (Ctrl+Enter):
  no blur, so focus and the caret stay where they are.
- After a move to another page focus goes to the new page's ``h1`` (given ``tabindex=-1``);
  not on the first load of a page (a reload or an opened link), so a screen reader starts at
  the top of the document as usual.
- "Press Ctrl+Enter to apply" and "Press Enter to ..." are hidden in every text box; the
  character count stays.
- Heading anchors ("Link to heading") are not displayed, so they take no focus.
"""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

STATIC = Path(__file__).resolve().parent / "static"
SCRIPT = STATIC / "client.js"
STYLE = STATIC / "client.css"
#: The key of the container holding the layer; its CSS class hides it, so it takes no room.
KEY = "client-layer"


@functools.cache
def body() -> str:
    """The HTML sent to the browser: the style sheet, then the script, inlined."""
    css = STYLE.read_text(encoding="utf-8")
    js = SCRIPT.read_text(encoding="utf-8")
    for text, closing in ((css, "</style"), (js, "</script")):
        if closing in text.lower():
            raise ValueError(f"{closing}> inside the inlined file would end its element early")
    return f"<style>{css}</style><script>{js}</script>"


def install() -> None:
    """Put the client layer in this run's page (call once per script run, before the page)."""
    with st.container(key=KEY):
        st.html(body(), unsafe_allow_javascript=True)
