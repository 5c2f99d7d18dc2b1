"""The server's upload limit (``server.maxUploadSize`` in .streamlit/config.toml) is the one
file-size limit of questionnaire.limits, in Streamlit's unit.

Streamlit reads the limit as whole megabytes of 2**20 bytes, so it cannot be FILE_BYTES
exactly: it is the smallest whole number that admits FILE_BYTES, and the app itself refuses
anything between FILE_BYTES and that (ui.models.check_upload).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from questionnaire.limits import FILE_BYTES
from ui.models import MAX_UPLOAD_BYTES, megabytes

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def server_limit() -> int:
    with CONFIG.open("rb") as f:
        return int(tomllib.load(f)["server"]["maxUploadSize"])


def test_the_server_limit_is_the_smallest_whole_megabytes_that_admit_the_file_limit():
    limit = server_limit()
    assert limit * 2**20 >= FILE_BYTES, "a file the tool accepts can be uploaded"
    assert (limit - 1) * 2**20 < FILE_BYTES, "no whole megabyte smaller would do"
    assert limit == megabytes(FILE_BYTES)


def test_the_app_checks_uploads_with_the_one_file_limit():
    assert MAX_UPLOAD_BYTES == FILE_BYTES


def test_megabytes_rounds_up_to_whole_megabytes():
    assert [megabytes(n) for n in (1, 2**20, 2**20 + 1, 5 * 2**20)] == [1, 1, 2, 5]
