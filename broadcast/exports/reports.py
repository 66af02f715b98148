"""Figures for the commune's quarterly and annual reports on information work: pieces and
airings per month and category, airtime, and the list of CCHC pieces with their dates."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from broadcast.errors import NotFoundError
from broadcast.exports.download import Download
from broadcast.services import schedule as sched
from broadcast.services.communes import categories, get_commune
from broadcast.services.renders import newest_render
from broadcast.services.scripts import get_script


@dataclass
class MonthFigures:
    month: str  # YYYY-MM
    category: str
    label: str
    pieces: int
    airings: int
    airtime_s: float


@dataclass
class Report:
    commune: str
    first: str
    last: str
    rows: list[MonthFigures] = field(default_factory=list)
    cchc: list[tuple[str, list[date]]] = field(default_factory=list)


def _months(first: str, last: str) -> list[tuple[int, int]]:
    y, m = sched.parse_month(first)
    y2, m2 = sched.parse_month(last)
    out = []
    while (y, m) <= (y2, m2):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def build(session: Session, *, commune_id: int, first: str, last: str, category: str | None = None) -> Report:
    """Figures from the schedule (what was planned to air) for each month in [first, last]."""
    commune = get_commune(session, commune_id=commune_id)
    labels = {c.code: c.label for c in categories(session, commune_id=commune_id)}
    report = Report(commune.name, first, last)
    cchc_days: dict[int, list[date]] = defaultdict(list)
    titles: dict[int, str] = {}
    for year, month in _months(first, last):
        per: dict[str, list] = defaultdict(lambda: [set(), 0, 0.0])
        for item in sched.items(session, commune_id=commune_id, year=year, month=month):
            script = get_script(session, script_id=item.script_id)
            if category and script.category != category:
                continue
            render = newest_render(session, script_id=item.script_id)
            figures = per[script.category]
            figures[0].add(item.script_id)
            figures[1] += 1
            figures[2] += render.duration_s if render else 0.0
            if script.category == "cchc":
                cchc_days[item.script_id].append(item.day)
                titles[item.script_id] = script.title
        for code, (pieces, airings, seconds) in sorted(per.items()):
            report.rows.append(
                MonthFigures(
                    f"{year:04d}-{month:02d}", code, labels.get(code, code), len(pieces), airings, round(seconds, 1)
                )
            )
    report.cchc = [(titles[sid], sorted(days)) for sid, days in sorted(cchc_days.items(), key=lambda kv: min(kv[1]))]
    return report


def to_csv(report: Report) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Tháng", "Chuyên mục", "Số bài", "Số lượt phát", "Thời lượng (phút)"])
    for r in report.rows:
        w.writerow([r.month, r.label, r.pieces, r.airings, round(r.airtime_s / 60, 1)])
    w.writerow([])
    w.writerow(["Bài tuyên truyền cải cách hành chính", "Ngày phát"])
    for title, days in report.cchc:
        w.writerow([title, ", ".join(d.strftime("%d/%m/%Y") for d in days)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_docx(report: Report) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(f"Báo cáo công tác thông tin tuyên truyền trên đài truyền thanh {report.commune}", level=1)
    doc.add_paragraph(f"Từ tháng {report.first} đến tháng {report.last}.")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Tháng", "Chuyên mục", "Số bài", "Số lượt phát", "Thời lượng (phút)"), strict=True
    ):
        cell.text = text
    for r in report.rows:
        cells = table.add_row().cells
        for cell, text in zip(
            cells, (r.month, r.label, str(r.pieces), str(r.airings), f"{r.airtime_s / 60:.1f}"), strict=True
        ):
            cell.text = text
    doc.add_heading("Các bài tuyên truyền cải cách hành chính", level=2)
    for title, days in report.cchc:
        doc.add_paragraph(f"{title}: phát ngày {', '.join(d.strftime('%d/%m/%Y') for d in days)}", style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


REPORT_FORMATS = ("csv", "docx")


def report_download(report: Report, *, fmt: str) -> Download:
    """The report as CSV or Word, named for its period."""
    if fmt not in REPORT_FORMATS:
        raise NotFoundError("Chỉ có CSV hoặc DOCX.", fmt=fmt[:20])
    body = to_csv(report) if fmt == "csv" else to_docx(report)
    return Download(body, f"bao-cao-{report.first}-{report.last}.{fmt}")


def chart_series(report: Report) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """(airings, airtime in minutes) per category label and month, for the report charts."""
    airings: dict[str, dict[str, float]] = {}
    airtime: dict[str, dict[str, float]] = {}
    for r in report.rows:
        airings.setdefault(r.label, {})[r.month] = r.airings
        airtime.setdefault(r.label, {})[r.month] = round(r.airtime_s / 60, 1)
    return airings, airtime
