"""View models for the pages: small read-only summaries built from the services."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from broadcast.config import Settings
from broadcast.models import AsRunEntry, AsRunKind, Render, Script, ScriptStatus
from broadcast.production import is_stale
from broadcast.services import schedule as sched
from broadcast.text.normalize import Normalized


@dataclass
class Dashboard:
    counts: list
    sessions: list[tuple[date, str, str, list[str]]]
    waiting: list[Script]
    warnings: list[str]


def dashboard(session: Session, settings: Settings, *, commune_id: int) -> Dashboard:
    today = datetime.now(settings.tz).date()
    result = sched.check_month(session, commune_id=commune_id, year=today.year, month=today.month, tz=settings.tz)
    upcoming = []
    rules = {r.id: r for r in sched.session_rules(session, commune_id=commune_id)}
    templates = sched.sessions(session, commune_id=commune_id)
    for day in (today, today + timedelta(days=1)):
        for template in templates:
            if rules[template.id].happens_on(day):
                items = sched.session_items(session, commune_id=commune_id, day=day, session_id=template.id)
                upcoming.append(
                    (day, template.name, template.start, [session.get(Script, i.script_id).title for i in items])
                )
    waiting = list(
        session.exec(select(Script).where(Script.commune_id == commune_id, Script.status == ScriptStatus.CHO_DUYET))
    )
    warnings = []
    newest: dict[int, Render] = {}
    for r in session.exec(select(Render).where(Render.commune_id == commune_id).order_by(Render.id)):
        newest[r.script_id] = r
    for r in newest.values():
        script = session.get(Script, r.script_id)
        if is_stale(session, r):
            warnings.append(f"Âm thanh của bài «{script.title}» đã cũ: bài đã sửa sau khi dựng.")
        elif r.offline_voice:
            warnings.append(
                f"Bài «{script.title}» dùng giọng đọc ngoại tuyến (espeak-ng); có thể dựng lại khi có mạng."
            )
    for v in result.violations:
        if v.code == "duoi-toi-thieu":
            warnings.append(v.message)
    for e in session.exec(
        select(AsRunEntry).where(AsRunEntry.commune_id == commune_id, AsRunEntry.kind == AsRunKind.MISSED)
    ):
        if e.day and e.day >= today - timedelta(days=7):
            warnings.append(f"Lỡ buổi phát ngày {e.day:%d/%m}: {e.detail}")
    return Dashboard(result.counts, upcoming, waiting, warnings)


def highlighted(text: str, result: Normalized) -> str:
    """HTML of the written text with every normaliser change marked (title = what is read)."""
    out, pos = [], 0
    for r in result.replacements:
        out.append(html.escape(text[pos : r.start]))
        unknown = " unknown" if r.source in result.unknown else ""
        out.append(
            f'<mark class="change{unknown}" title="{html.escape(r.rule)}: {html.escape(r.spoken)}">'
            f"{html.escape(r.source)}</mark>"
        )
        pos = r.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def month_grid(year: int, month: int) -> list[list[date | None]]:
    """Weeks (Monday first) of the month for a calendar table."""
    import calendar

    return [
        [d if d.month == month else None for d in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]


def bar_chart_svg(series: dict[str, dict[str, float]], *, title: str, unit: str) -> str:
    """A small grouped bar chart (months × categories) as SVG, no library needed."""
    months = sorted({m for values in series.values() for m in values})
    categories = list(series)
    palette = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#c62828", "#00838f", "#4e342e", "#9e9d24", "#37474f"]
    peak = max([v for values in series.values() for v in values.values()] + [1])
    width, height, left, bottom = 640, 260, 40, 40
    band = (width - left - 10) / max(len(months), 1)
    bar = band * 0.8 / max(len(categories), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 30 + 16 * len(categories)}" '
        f'role="img" aria-label="{html.escape(title)}"><title>{html.escape(title)}</title>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#333"/>',
    ]
    for i, month in enumerate(months):
        x0 = left + i * band + band * 0.1
        parts.append(
            f'<text x="{x0 + band * 0.4:.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle">{month[5:]}/{month[:4]}</text>'
        )
        for j, cat in enumerate(categories):
            value = series[cat].get(month, 0)
            h = (height - bottom - 20) * value / peak
            parts.append(
                f'<rect x="{x0 + j * bar:.1f}" y="{height - bottom - h:.1f}" width="{bar * 0.9:.1f}" '
                f'height="{h:.1f}" fill="{palette[j % len(palette)]}"><title>{html.escape(cat)}: '
                f"{value:g} {unit}</title></rect>"
            )
    for j, cat in enumerate(categories):
        y = height + 10 + 16 * j
        parts.append(
            f'<rect x="{left}" y="{y - 9}" width="10" height="10" fill="{palette[j % len(palette)]}"/>'
            f'<text x="{left + 16}" y="{y}" font-size="12">{html.escape(cat)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
