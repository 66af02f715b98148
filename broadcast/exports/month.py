"""The month's schedule as CSV, as iCalendar (one event per session) and as a printable PDF
«Lịch phát sóng tháng 9/2025» with the commune's heading, the CCHC count against its
quota and a signature block for the leader."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event
from sqlmodel import Session, SQLModel

from broadcast.config import Settings
from broadcast.db import id_of
from broadcast.errors import AudioError, NotFoundError
from broadcast.exports.download import Download
from broadcast.fsutil import atomic_write_bytes
from broadcast.models import ScheduleItem, SessionTemplate
from broadcast.services import schedule as sched
from broadcast.services.communes import categories, get_commune
from broadcast.services.renders import newest_renders
from broadcast.services.script_batch import scripts_by_id

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


class ScheduleRowPublic(SQLModel):
    """One airing in a month's schedule, with what a reader needs to know about it."""

    day: date
    start: str
    session: str
    length_min: int
    position: int
    item_id: int
    script_id: int
    title: str
    category: str
    priority: str
    duration_s: float | None
    locked: bool


Row = ScheduleRowPublic  # one airing of the month, as pages, exports, the CLI and the API show it


def rows(
    session: Session,
    *,
    commune_id: int,
    year: int,
    month: int,
    month_items: list[ScheduleItem] | None = None,
    templates: list[SessionTemplate] | None = None,
) -> list[Row]:
    """The month's airings, read in a fixed number of queries however many there are (the
    month's items and the sessions may be passed in when the caller has read them)."""
    by_id = {t.id: t for t in (sched.sessions(session, commune_id=commune_id) if templates is None else templates)}
    labels = {c.code: c.label for c in categories(session, commune_id=commune_id)}
    out = []
    if month_items is None:
        month_items = sched.items(session, commune_id=commune_id, year=year, month=month)
    ids = {i.script_id for i in month_items}
    scripts, renders = scripts_by_id(session, script_ids=ids), newest_renders(session, script_ids=ids)
    for item in month_items:
        script, render = scripts[item.script_id], renders.get(item.script_id)
        t = by_id[item.session_id]
        out.append(
            Row(
                day=item.day,
                start=t.start,
                session=t.name,
                length_min=t.length_min,
                position=item.position + 1,
                item_id=id_of(item),
                script_id=item.script_id,
                title=script.title,
                category=labels.get(script.category, script.category),
                priority=script.priority.label,
                duration_s=render.duration_s if render else None,
                locked=item.locked,
            )
        )
    return sorted(out, key=lambda r: (r.day, r.start, r.position))


def _mmss(seconds: float | None) -> str:
    if seconds is None:
        return "chưa dựng"
    return f"{int(seconds // 60)}:{round(seconds % 60):02d}"


def to_csv(data: list[Row]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(
        [
            "Ngày",
            "Thứ",
            "Buổi",
            "Giờ",
            "STT",
            "Mã bài",
            "Tiêu đề",
            "Chuyên mục",
            "Mức ưu tiên",
            "Thời lượng (giây)",
            "Khóa",
        ]
    )
    for r in data:
        writer.writerow(
            [
                r.day.isoformat(),
                WEEKDAYS[r.day.weekday()],
                r.session,
                r.start,
                r.position,
                r.script_id,
                r.title,
                r.category,
                r.priority,
                "" if r.duration_s is None else round(r.duration_s, 1),
                "có" if r.locked else "",
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens Vietnamese correctly


def to_ics(data: list[Row], *, commune_name: str, slug: str, tz) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//broadcast//dai truyen thanh xa//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Lịch phát sóng {commune_name}")
    cal.add("x-wr-timezone", str(tz))
    sessions: dict[tuple[date, str, str], list[Row]] = {}
    for r in data:
        sessions.setdefault((r.day, r.start, r.session), []).append(r)
    for (day, start, name), items in sessions.items():
        begin = datetime.combine(day, datetime.strptime(start, "%H:%M").time(), tzinfo=tz)
        event = Event()
        event.add("uid", f"{slug}-{day.isoformat()}-{start.replace(':', '')}@broadcast")
        event.add("summary", f"{name} – {len(items)} bài")
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=items[0].length_min))
        event.add("dtstamp", datetime(2000, 1, 1, tzinfo=tz))
        event.add(
            "description", "\n".join(f"{r.position}. {r.title} ({r.category}, {_mmss(r.duration_s)})" for r in items)
        )
        cal.add_component(event)
    return cal.to_ical()


def to_pdf(data: list[Row], *, commune, year: int, month: int, counts, settings: Settings) -> bytes:
    from fpdf import FPDF

    if not settings.font_path.is_file():
        raise AudioError(
            f"Thiếu phông chữ tiếng Việt ({settings.font_path}). Chạy «make run» để cài fonts-dejavu-core."
        )
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(settings.font_path))
    pdf.add_font(
        "DejaVu", "B", str(settings.font_bold_path if settings.font_bold_path.is_file() else settings.font_path)
    )
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(95, 6, commune.don_vi.upper(), align="C")
    pdf.cell(95, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(95, 6, "ĐÀI TRUYỀN THANH", align="C")
    pdf.cell(95, 6, "Độc lập - Tự do - Hạnh phúc", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(0, 9, f"LỊCH PHÁT SÓNG THÁNG {month}/{year}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for c in counts:
        if c.minimum or c.target:
            pdf.cell(
                0,
                6,
                f"{c.label}: {c.pieces} bài (tối thiểu {c.minimum}, mục tiêu {c.target}) – {c.status}",
                align="C",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    pdf.ln(3)
    widths = (27, 30, 81, 32, 20)
    pdf.set_font("DejaVu", "B", 8.5)
    for w, head in zip(widths, ("Ngày", "Buổi", "Bài phát", "Chuyên mục", "Thời lượng"), strict=True):
        pdf.cell(w, 7, head, border=1, align="C")
    pdf.ln()
    pdf.set_font("DejaVu", "", 8.5)
    for r in data:
        cells = (
            f"{WEEKDAYS[r.day.weekday()]} {r.day:%d/%m}",
            f"{r.session} {r.start}",
            f"{r.position}. {r.title}",
            r.category,
            _mmss(r.duration_s),
        )
        for w, text in zip(widths, cells, strict=True):
            pdf.cell(w, 6, text if pdf.get_string_width(text) < w - 2 else _fit(pdf, text, w - 2), border=1)
        pdf.ln()
    if not data:
        pdf.cell(
            sum(widths), 7, "Chưa có bài nào trong lịch tháng này.", border=1, align="C", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(8)
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(95, 6, "NGƯỜI LẬP LỊCH", align="C")
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(95, 6, "TM. ỦY BAN NHÂN DÂN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(95, 6, "", align="C")
    pdf.cell(95, 6, "CHỦ TỊCH", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(95, 5, "(Trưởng đài)", align="C")
    pdf.cell(95, 5, "(Ký, ghi rõ họ tên, đóng dấu)", align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _fit(pdf, text: str, width: float) -> str:
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def export_month(
    session: Session, settings: Settings, *, commune_id: int, year: int, month: int, to: Path
) -> list[Path]:
    """Write <slug>-<yyyy-mm>.csv, .ics and -lich-phat-song.pdf into `to`."""
    to.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in MONTH_FORMATS:
        file = month_download(session, settings, commune_id=commune_id, year=year, month=month, fmt=fmt)
        written.append(atomic_write_bytes(to / file.filename, file.body))
    return written


MONTH_FORMATS = ("csv", "ics", "pdf")


def month_download(
    session: Session, settings: Settings, *, commune_id: int, year: int, month: int, fmt: str
) -> Download:
    """The month's schedule as one file: CSV, iCalendar or the printable PDF."""
    if fmt not in MONTH_FORMATS:
        raise NotFoundError("Chỉ có CSV, ICS hoặc PDF.", fmt=fmt[:20])
    commune = get_commune(session, commune_id=commune_id)
    data = rows(session, commune_id=commune_id, year=year, month=month)
    base = f"{commune.slug}-{year:04d}-{month:02d}"
    if fmt == "csv":
        return Download(to_csv(data), f"{base}.csv")
    if fmt == "ics":
        return Download(to_ics(data, commune_name=commune.name, slug=commune.slug, tz=settings.tz), f"{base}.ics")
    counts = sched.check_month(session, commune_id=commune_id, year=year, month=month, tz=settings.tz).counts
    body = to_pdf(data, commune=commune, year=year, month=month, counts=counts, settings=settings)
    return Download(body, f"{base}-lich-phat-song.pdf")
