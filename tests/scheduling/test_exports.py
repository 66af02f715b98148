"""Exports read back with real parsers: M3U8 paths, ffprobe, JSON, csv, icalendar, the PDF as a picture."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlmodel import select

from broadcast import db
from broadcast.audio import ffmpeg
from broadcast.errors import InputError
from broadcast.exports import loa_keo, month, reports, station
from broadcast.models import AsRunEntry, AsRunKind, SessionTemplate
from broadcast.services import schedule as sched
from broadcast.services import scripts as svc
from tests.scheduling.conftest import CCHC, make_script

pytestmark = pytest.mark.slow


@pytest.fixture
def planned(september: dict) -> dict:
    settings = september["settings"]
    with db.session_scope() as session:
        result = sched.plan_month(session, commune_id=1, year=2025, month=9, tz=settings.tz)
        assert result.check.ok
    return september


def _busiest(settings) -> tuple[date, object]:
    with db.session_scope() as session:
        rows = sched.items(session, commune_id=1, year=2025, month=9)
        day, session_id = rows[0].day, rows[0].session_id
        return day, session.get(SessionTemplate, session_id)


def test_session_outbox(planned: dict) -> None:
    settings = planned["settings"]
    day, template = _busiest(settings)
    with db.session_scope() as session:
        delivery = station.deliver_session(session, settings, commune_id=1, day=day, template=template)
    folder = delivery.folder
    assert folder.parent == settings.outbox_dir / "xa-tan-lap"
    assert (
        folder.name
        == f"{day:%Y-%m-%d}_{template.start.replace(':', '')}_{'buoi-sang' if template.start == '05:30' else 'buoi-chieu'}"
    )
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    lines = (folder / "playlist.m3u8").read_text("utf-8").splitlines()
    assert lines[0] == "#EXTM3U"
    paths = [line for line in lines if line and not line.startswith("#")]
    assert paths == [i["file"] for i in manifest["items"]]
    for p in paths:
        assert not Path(p).is_absolute() and (folder / p).is_file()
        assert ffmpeg.probe(folder / p)["streams"][0]["codec_name"] == "mp3"
    programme = ffmpeg.probe(folder / "programme.mp3")
    assert abs(float(programme["format"]["duration"]) - manifest["programme"]["duration_s"]) < 1.5
    assert all(len(i["text_hash"]) == 64 for i in manifest["items"])
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]
    # idempotent: the same content again changes nothing
    stamp = (folder / "manifest.json").stat().st_mtime_ns
    with db.session_scope() as session:
        again = station.deliver_session(session, settings, commune_id=1, day=day, template=template)
        delivered = [e for e in session.exec(select(AsRunEntry)) if e.kind == AsRunKind.DELIVERED]
    assert not again.changed and (folder / "manifest.json").stat().st_mtime_ns == stamp
    assert len(delivered) == 1


def test_stale_render_cannot_be_exported(planned: dict) -> None:
    settings = planned["settings"]
    day, template = _busiest(settings)
    with db.session_scope() as session:
        script_id = sched.session_items(session, commune_id=1, day=day, session_id=template.id)[0].script_id
        script = svc.get_script(session, script_id=script_id)
        svc.edit_script_text(
            session,
            settings,
            script_id=script_id,
            text=f"{script.title.upper()}\n{script.body} Thêm một câu chưa duyệt.\n",
        )
    # the stale item is left out (with its reason) instead of failing the whole session;
    # left with nothing that may air, the session is logged as failed and nothing is exported
    with db.session_scope() as session:
        delivery = station.deliver_session(session, settings, commune_id=1, day=day, template=template)
        kinds = [(e.kind, e.scripts) for e in session.exec(select(AsRunEntry))]
    assert delivery.items == 0
    assert (AsRunKind.SKIPPED_ITEM, [script_id]) in kinds and (AsRunKind.FAILED, []) in kinds
    assert AsRunKind.DELIVERED not in [k for k, _ in kinds]
    assert not (settings.outbox_dir / "xa-tan-lap").exists() or not any((settings.outbox_dir / "xa-tan-lap").iterdir())


def test_emergency_is_delivered_at_once_and_logged(planned: dict) -> None:
    settings = planned["settings"]
    with db.session_scope() as session:
        delivery = station.deliver_emergency(session, settings, script_id=planned["health"])
        log = [e for e in session.exec(select(AsRunEntry)) if e.kind == AsRunKind.EMERGENCY]
    assert delivery.folder.name.endswith("_khan-cap") and (delivery.folder / "programme.mp3").is_file()
    assert len(log) == 1 and log[0].scripts == [planned["health"]]


def test_month_exports_parse(planned: dict, tmp_path: Path) -> None:
    settings = planned["settings"]
    with db.session_scope() as session:
        files = month.export_month(session, settings, commune_id=1, year=2025, month=9, to=tmp_path)
        items = sched.items(session, commune_id=1, year=2025, month=9)
    csv_file, ics_file, pdf_file = files
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text("utf-8-sig"))))
    assert len(rows) == len(items) == 4
    assert {r["Chuyên mục"] for r in rows} == {"Cải cách hành chính", "Y tế"}
    assert all(float(r["Thời lượng (giây)"]) > 5 for r in rows)
    cal = Calendar.from_ical(ics_file.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == len({(i.day, i.session_id) for i in items})
    assert all(str(e["DTSTART"].dt.tzinfo) == "Asia/Ho_Chi_Minh" for e in events)
    assert sum(str(e["DESCRIPTION"]).count("Bài tuyên truyền CCHC số") for e in events) == 3
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in (
        "LỊCH PHÁT SÓNG THÁNG 9/2025",
        "ỦY BAN NHÂN DÂN XÃ TÂN LẬP",
        "Cải cách hành chính: 3 bài",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ):
        assert words in text
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf_file), str(tmp_path / "page")], check=True
    )
    png = tmp_path / "page-1.png"
    assert png.is_file() and png.stat().st_size > 5000


def test_loa_keo_bundle(planned: dict, tmp_path: Path) -> None:
    settings = planned["settings"]
    usb = tmp_path / "usb"
    with db.session_scope() as session:
        bundle = loa_keo.build(session, settings, commune_id=1, to=usb, month="2025-09")
    names = [f.name for f in bundle.files]
    assert names == sorted(names) and all(n[:5] == f"{i:04d}_" for i, n in enumerate(names, 1))
    assert len(names) == 3  # only the pieces that air on loa kéo (the health notice is đài only)
    assert all(n.isascii() and len(n) <= 50 for n in names)
    mtimes = [f.stat().st_mtime_ns for f in bundle.files]
    assert mtimes == sorted(mtimes)  # written in play order
    for f in bundle.files:
        stream = ffmpeg.probe(f)["streams"][0]
        assert stream["codec_name"] == "mp3" and stream["channels"] == 1
    listing = (usb / "DANH_SACH.txt").read_text("utf-8-sig")
    assert all(n in listing for n in names) and "Tổng: 3 tệp" in listing
    with pytest.raises(InputError), db.session_scope() as session:
        loa_keo.build(session, settings, commune_id=1, to=usb, script_ids=[planned["cchc"][0]])
    with db.session_scope() as session:
        looped = loa_keo.build(
            session, settings, commune_id=1, to=usb, script_ids=[planned["cchc"][1]], repeats=3, gap_s=2, replace=True
        )
    assert [f.name for f in usb.iterdir() if f.suffix == ".mp3"] == [looped.files[0].name]
    single = bundle.seconds[1]
    assert abs(float(ffmpeg.probe(looped.files[0])["format"]["duration"]) - (3 * single + 4)) < 1.5


def test_report_numbers(planned: dict) -> None:
    with db.session_scope() as session:
        make_script(session, planned["settings"], CCHC.format(n=9), category="cchc", month="2025-10")
        sched.plan_month(session, commune_id=1, year=2025, month=10, tz=planned["settings"].tz)
        items9 = sched.items(session, commune_id=1, year=2025, month=9)
        report = reports.build(session, commune_id=1, first="2025-09", last="2025-10")
    by = {(r.month, r.category): r for r in report.rows}
    assert by[("2025-09", "cchc")].pieces == 3 and by[("2025-09", "cchc")].airings == 3
    assert by[("2025-09", "y-te")].airings == 1
    assert by[("2025-10", "cchc")].pieces == 1
    assert len(report.cchc) == 4 and all(days for _, days in report.cchc)
    assert sum(r.airings for r in report.rows if r.month == "2025-09") == len(items9)
    body = reports.to_csv(report).decode("utf-8-sig")
    assert "2025-09,Cải cách hành chính,3,3," in body
    from docx import Document

    doc = Document(io.BytesIO(reports.to_docx(report)))
    assert doc.tables[0].rows[1].cells[1].text == "Cải cách hành chính"
