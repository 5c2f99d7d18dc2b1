"""The server refuses an upload over its limit, however the upload is sent (D9).

The adversarial run sent four 50 MB PUTs to ``/_stcore/upload_file/<session>/<id>`` with the
session's XSRF token, past the file picker's own limit, and each was taken (204) while
``server.maxUploadSize`` sat at Streamlit's default of 200 MB. The app's config now sets it to
the file limit of questionnaire.limits (in whole MiB). Streamlit's upload route compares the
request's Content-Length, then the bytes as they stream in, then the parsed file, with
``maxUploadSize * 2**20`` and answers 413 "File too large" above it.

The test starts the server as `make run` does (from the project folder, so it reads
.streamlit/config.toml), lets the browser make one real upload to learn the session's upload
URL and XSRF token, then forges two more with that session's cookies: a small one, which must
be taken (so the session and token are right), and one a byte over the limit, which must be
refused with 413.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

# pytest finds fixtures by name: these come from the main browser suite.
from test_browser import (  # noqa: F401
    ROOT,
    AppServer,
    browser_context_args,
    browser_type_launch_args,
    server,
    wait_for_app,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def server_limit_bytes() -> int:
    with (ROOT / ".streamlit" / "config.toml").open("rb") as f:
        return int(tomllib.load(f)["server"]["maxUploadSize"]) * 2**20


def test_a_forged_upload_over_the_server_limit_is_refused(
    server: AppServer,  # noqa: F811  (the fixture imported above)
    page: Any,
    tmp_path: Path,
) -> None:
    url = server.start()
    page.goto(f"{url}/model")
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("Model", timeout=30000)
    small = tmp_path / "small.yaml"
    small.write_text("id: x\n", encoding="utf-8")
    with page.expect_request(
        lambda r: r.method == "PUT" and "/_stcore/upload_file/" in r.url
    ) as upload:
        page.locator("input[type='file']").first.set_input_files(small)
    real = upload.value
    match = re.search(r"/_stcore/upload_file/([^/]+)/", real.url)
    assert match, real.url
    token = real.headers.get("x-xsrftoken")
    assert token, "the browser sends the session's XSRF token"
    base = f"{url}/_stcore/upload_file/{match.group(1)}"

    def forge(file_id: str, size: int) -> int:
        response = page.request.put(
            f"{base}/{file_id}",
            headers={"X-Xsrftoken": token},
            multipart={
                "file": {
                    "name": "forged.yaml",
                    "mimeType": "application/x-yaml",
                    "buffer": b"#" * size,
                }
            },
            timeout=60000,
        )
        return int(response.status)

    assert forge("forged-small", 100) == 204, "the forged request is otherwise a good one"
    assert forge("forged-big", server_limit_bytes() + 1) == 413
