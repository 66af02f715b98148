"""The loa kéo ZIP and the month PDF are built by background jobs: the form queues one, the
job page says "Đang chuẩn bị tệp…" (read from the database) and then offers the file."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from fastapi.testclient import TestClient

from broadcast import db
from broadcast.models_jobs import BackgroundJob
from tests.web.conftest import login

pytestmark = pytest.mark.slow


def _ready(client: TestClient, url: str) -> str:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        html = client.get(url).text
        if 'id="export-download"' in html or "không chuẩn bị được tệp" in html:
            return html
        assert "Đang chuẩn bị tệp…" in html and 'http-equiv="refresh"' in html
        time.sleep(0.3)
    raise AssertionError("the export job never finished")


def _queue(client: TestClient, csrf: str, action: str, commune: int) -> str:
    response = client.post(f"{action}?c={commune}", data={"month": "2025-09", "csrf": csrf}, follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    assert re.fullmatch(r"/exports/jobs/\d+", response.headers["location"])
    return response.headers["location"]


def test_the_loa_keo_zip_is_prepared_by_a_job_then_downloaded(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    url = _queue(client, csrf, "/exports/loa-keo", site["ids"]["commune"])
    html = _ready(client, url)
    link = re.search(r'id="export-download" href="([^"]+)"', html)
    assert link, html[:2000]
    response = client.get(link.group(1))
    assert response.status_code == 200 and "loa-keo-2025-09.zip" in response.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "DANH_SACH.txt" in names and len([n for n in names if n.endswith(".mp3")]) == 1


def test_the_month_pdf_is_prepared_by_a_job(site, client: TestClient) -> None:
    csrf = login(client, "xem")  # reading the month is enough
    html = _ready(client, _queue(client, csrf, "/exports/month-pdf", site["ids"]["commune"]))
    link = re.search(r'id="export-download" href="([^"]+)"', html)
    assert link, html[:2000]
    assert client.get(link.group(1)).content.startswith(b"%PDF")


def test_a_job_still_waiting_says_so_and_other_communes_cannot_see_it(site, client: TestClient) -> None:
    with db.session_scope() as session:  # queued, never handed to a worker
        job = BackgroundJob(kind="loa-keo-zip", args={"month": "2025-09"}, commune_id=site["ids"]["commune"])
        session.add(job)
        session.flush()
        job_id = job.id
    login(client, "xem")
    html = client.get(f"/exports/jobs/{job_id}").text
    assert "Đang chuẩn bị tệp…" in html and 'http-equiv="refresh"' in html
    assert client.get(f"/exports/jobs/{job_id}/file").status_code == 404  # not ready: no file
    from broadcast.api.app import create_app

    with TestClient(create_app()) as outsider:
        login(outsider, "ngoai")
        assert outsider.get(f"/exports/jobs/{job_id}").status_code == 403
        assert outsider.get(f"/exports/jobs/{job_id}/file").status_code == 403


def test_a_session_programme_is_prepared_by_a_job_and_an_empty_one_is_explained(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    commune = site["ids"]["commune"]

    def queue_session(day: str) -> str:
        form = {"day": day, "session_id": "1", "csrf": csrf}
        response = client.post(f"/exports/session?c={commune}", data=form, follow_redirects=False)
        assert response.status_code == 303, response.text[:300]
        return response.headers["location"]

    html = _ready(client, queue_session("2025-09-10"))  # the day with the approved piece
    assert "ngày 10/9/2025" in html
    link = re.search(r'id="export-download" href="([^"]+)"', html)
    assert link, html[:2000]
    names = zipfile.ZipFile(io.BytesIO(client.get(link.group(1)).content)).namelist()
    assert "programme.mp3" in names and "manifest.json" in names
    empty = _ready(client, queue_session("2025-09-11"))
    assert 'id="export-download"' not in empty and "chưa có bài nào trong lịch" in empty
