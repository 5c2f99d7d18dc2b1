"""History after switching organisation: every choice on the page is the new organisation's.

The adversarial run (D8) switched to Alpha Force and found the "Past reports" selector still
showing the other organisation's label while the download was Alpha Force's report. The
selection had outlived the switch: the widget kept its key, so Streamlit kept its value.
"""

from __future__ import annotations

import datetime as dt

from test_app_history import finish_one
from test_app_support import app_env, new_app, no_problems

from ui.history import organisation_key

__all__ = ["app_env"]


def test_switching_organisation_offers_that_organisations_latest_report(app_env):
    finish_one(app_env, dt.date(2024, 3, 1), 0, organisation="Alpha Force")
    finish_one(app_env, dt.date(2025, 12, 2), 0, organisation="Beta Force")
    finish_one(app_env, dt.date(2026, 12, 2), 1, organisation="Beta Force")
    at = new_app(page="history")  # Alpha Force, first in order, with its one assessment
    no_problems(at)
    alpha = at.selectbox(key=organisation_key("history-report", "Alpha Force"))
    assert alpha.options == ["1 Mar 2024 · policing-ai 1.1.0"]

    at.selectbox(key="history-organisation").set_value("Beta Force").run()
    no_problems(at)
    beta = at.selectbox(key=organisation_key("history-report", "Beta Force"))
    assert beta.index == 1, "the latest of Beta Force's own assessments is offered"
    assert beta.options[beta.index] == "2 Dec 2026 · policing-ai 1.1.0"
    earlier = at.selectbox(key=organisation_key("compare-earlier", "Beta Force"))
    later = at.selectbox(key=organisation_key("compare-later", "Beta Force"))
    assert (earlier.index, later.index) == (0, 1)

    # Pick Beta Force's older report, switch back: Alpha Force's own report is offered.
    beta.set_value(0).run()
    at.selectbox(key="history-organisation").set_value("Alpha Force").run()
    no_problems(at)
    alpha = at.selectbox(key=organisation_key("history-report", "Alpha Force"))
    assert alpha.options[alpha.index] == "1 Mar 2024 · policing-ai 1.1.0"
    pdf = at.download_button[0]
    assert pdf.label == "Download the PDF report"
    assert pdf.proto.id.endswith(f"history-pdf-{1}"), "the download is Alpha Force's report"
