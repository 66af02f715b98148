"""A province's upload of a phone photo (BROADCAST_QUEUE=procrastinate on PostgreSQL): the web
process only keeps the file and queues an "ocr-intake" job, a separate `broadcast worker`
process reads it with Tesseract, and the waiting page, reading the job's row, sends the
station head on to the review of the new draft (issue 17)."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from broadcast import db
from broadcast.config import Settings, get_settings
from broadcast.models import Role, Script
from broadcast.models_jobs import BackgroundJob
from broadcast.services import communes, users
from tests.intake.scan_pages import phone_photo, render_text_page
from tests.tasks.test_queue import _worker
from tests.web.conftest import PASSWORD, login

LINES = [
    "BÀI TUYÊN TRUYỀN VỀ PHÒNG CHỐNG BÃO LŨ",
    "Người dân cần chằng chống nhà cửa, cắt tỉa cành cây",
    "và chuẩn bị lương thực, nước uống trước mùa mưa bão.",
]


@pytest.mark.slow
@pytest.mark.postgres
def test_a_worker_reads_the_province_upload(
    offline: Settings, postgres_server: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from broadcast.api.app import create_app
    from broadcast.tasks import worker
    from tests import pg_server

    sock, port = postgres_server
    monkeypatch.setenv("BROADCAST_DATABASE_URL", pg_server.create_database(sock, port, "t_ocr_job"))
    monkeypatch.setenv("BROADCAST_QUEUE", "procrastinate")
    db.get_engine().dispose()
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    worker.app.cache_clear()
    db.upgrade()
    worker.install_schema()
    settings = get_settings()
    with db.session_scope() as session:
        commune = communes.create_commune(session, name="xã Phúc Lộc")
        head = users.create_user(session, username="truongdai", password=PASSWORD, full_name="Lò Văn Bình")
        users.set_role(session, user_id=head.id, commune_id=commune.id, role=Role.TRUONG_DAI)
    photo = phone_photo(render_text_page(LINES), seed=7, angle=1.2)
    process = None
    try:
        with TestClient(create_app()) as client:
            csrf = login(client, "truongdai")
            queued = client.post(
                "/scripts",
                data={"csrf": csrf},
                files={"file": ("trang-1.jpg", photo, "image/jpeg")},
                headers={"referer": "http://testserver/scripts"},
                follow_redirects=False,
            )
            assert queued.status_code == 303, queued.text[:300]
            waiting_url = queued.headers["location"]
            job_id = int(re.fullmatch(r"/ocr-jobs/(\d+)", waiting_url).group(1))
            waiting = client.get(waiting_url, follow_redirects=False)  # no worker yet: still queued
            assert waiting.status_code == 200 and "Đang đọc bản chụp…" in waiting.text
            assert len(list((settings.scripts_dir / ".cho-doc").iterdir())) == 1
            process = _worker(dict(os.environ))
            deadline = time.monotonic() + 180
            while (response := client.get(waiting_url, follow_redirects=False)).status_code == 200:
                assert "Không đọc được" not in response.text, response.text[-800:]
                assert time.monotonic() < deadline, "the worker did not read the upload"
                time.sleep(0.5)
            script_id = int(re.fullmatch(r"/scripts/(\d+)#ocr", response.headers["location"]).group(1))
            review = client.get(response.headers["location"]).text
            assert "Kiểm tra chữ đọc từ ảnh" in review and 'class="ocr-low"' in review
        with db.session_scope() as session:
            job = session.get(BackgroundJob, job_id)
            script = session.get(Script, script_id)
            assert job is not None and job.worker and job.worker.endswith(f":{process.pid}")
            assert script is not None and script.read_from_image and script.ocr_confirmed_at is None
        assert not list((settings.scripts_dir / ".cho-doc").iterdir())
    finally:
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        worker.app.cache_clear()
        db.get_engine().dispose()
