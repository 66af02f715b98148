"""Figures for the commune's quarterly and annual reports on information work: pieces and
airings per month and category, airtime, and the list of CCHC pieces with their dates."""

from __future__ import annotations

import calendar
import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, distinct, extract, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from broadcast.errors import InputError, NotFoundError
from broadcast.exports.download import Download
from broadcast.models import Profile, Render, ScheduleItem, Script
from broadcast.services import schedule as sched
from broadcast.services.communes import categories, get_commune


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


MAX_MONTHS = 24  # a report covers at most two years at a time


def build(session: Session, *, commune_id: int, first: str, last: str, category: str | None = None) -> Report:
    """Figures from the schedule (what was planned to air) for each month in [first, last],
    aggregated by the database in two queries."""
    commune = get_commune(session, commune_id=commune_id)
    months = _months(first, last)
    if not months:
        raise InputError(f"Tháng bắt đầu ({first}) phải trước tháng kết thúc ({last}).")
    if len(months) > MAX_MONTHS:
        raise InputError(
            f"Báo cáo chỉ tính tối đa {MAX_MONTHS} tháng mỗi lần ({first} đến {last} là {len(months)} tháng). "
            "Hãy chọn khoảng ngắn hơn, ví dụ một năm."
        )
    labels = {c.code: c.label for c in categories(session, commune_id=commune_id)}
    (y1, m1), (y2, m2) = months[0], months[-1]
    start, end = date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])
    newest = (  # the newest station render of each of the commune's scripts
        sa_select(col(Render.script_id), func.max(col(Render.id)).label("render_id"))
        .where(col(Render.commune_id) == commune_id, col(Render.profile) == Profile.STATION)
        .group_by(col(Render.script_id))
        .subquery()
    )
    durations = (
        sa_select(newest.c.script_id, col(Render.duration_s))
        .join(Render, col(Render.id) == newest.c.render_id)
        .subquery()
    )
    where: list[ColumnElement[bool]] = [
        col(ScheduleItem.commune_id) == commune_id,
        col(ScheduleItem.day) >= start,
        col(ScheduleItem.day) <= end,
    ]
    if category:
        where.append(col(Script.category) == category)
    year, month = extract("year", col(ScheduleItem.day)), extract("month", col(ScheduleItem.day))
    figures = (
        sa_select(
            year,
            month,
            col(Script.category),
            func.count(distinct(col(ScheduleItem.script_id))),
            func.count(col(ScheduleItem.id)),
            func.coalesce(func.sum(durations.c.duration_s), 0.0),
        )
        .join(Script, col(Script.id) == ScheduleItem.script_id)
        .outerjoin(durations, durations.c.script_id == ScheduleItem.script_id)
        .where(*where)
        .group_by(year, month, col(Script.category))
        .order_by(year, month, col(Script.category))
    )
    report = Report(commune.name, first, last)
    for y, m, code, pieces, airings, seconds in session.execute(figures).all():
        report.rows.append(
            MonthFigures(
                f"{int(y):04d}-{int(m):02d}", code, labels.get(code, code), pieces, airings, round(float(seconds), 1)
            )
        )
    cchc = (
        sa_select(col(ScheduleItem.script_id), col(Script.title), col(ScheduleItem.day))
        .join(Script, col(Script.id) == ScheduleItem.script_id)
        .where(*where, col(Script.category) == "cchc")
        .order_by(col(ScheduleItem.day))
    )
    days: dict[int, list[date]] = defaultdict(list)
    titles: dict[int, str] = {}
    for script_id, title, day in session.execute(cchc).all():
        days[script_id].append(day)
        titles[script_id] = title
    report.cchc = [(titles[sid], sorted(d)) for sid, d in sorted(days.items(), key=lambda kv: min(kv[1]))]
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
