"""Presentation helpers for the pages: marked-up text, the month grid, SVG charts."""

from __future__ import annotations

import html
from datetime import date

from broadcast.text.normalize import Normalized


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
    """A grouped bar chart as SVG, drawn for a phone: one block per month ("Tháng 7/2024"),
    one horizontal bar per category with its value written at its end, and an axis line with
    the scale. 360 units wide, so its text stays readable when the phone shows it 1:1."""
    months = sorted({m for values in series.values() for m in values})
    categories = list(series)
    palette = ["#1565c0", "#2e7d32", "#b85c00", "#6a1b9a", "#c62828", "#00696f", "#4e342e", "#5f5c00", "#37474f"]
    peak = max([v for values in series.values() for v in values.values()] + [1])
    width, left, right, bar_h, row_h = 360, 0, 48, 16, 38
    span = width - left - right
    rows = [(m, [(c, series[c].get(m, 0.0)) for c in categories]) for m in months]
    height = 20 + sum(22 + len(bars) * row_h + 6 for _, bars in rows) + 36
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {max(height, 80)}" '
        f'role="img" aria-label="{html.escape(title)}"><title>{html.escape(title)}</title>',
    ]
    y = 6
    if not rows:
        parts.append(f'<text x="{width / 2}" y="40" font-size="14" text-anchor="middle">Chưa có số liệu.</text></svg>')
        return "".join(parts)
    for month, bars in rows:
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="16" font-weight="700">Tháng {int(month[5:])}/{month[:4]}</text>'
        )
        y += 22
        for cat, value in bars:
            w = span * value / peak
            colour = palette[categories.index(cat) % len(palette)]
            parts.append(
                f'<text x="{left}" y="{y + 13}" font-size="14">{html.escape(cat)}</text>'
                f'<rect x="{left}" y="{y + 18}" width="{max(w, 1):.1f}" height="{bar_h}" fill="{colour}">'
                f"<title>{html.escape(cat)}: {value:g} {unit}</title></rect>"
                f'<text x="{left + w + 5:.1f}" y="{y + 31}" font-size="14" font-weight="700">{value:g}</text>'
            )
            y += row_h
        y += 6
    parts.append(
        f'<line x1="{left}" y1="{y}" x2="{left + span}" y2="{y}" stroke="#333"/>'
        f'<text x="{left}" y="{y + 15}" font-size="13">0</text>'
        f'<text x="{left + span}" y="{y + 15}" font-size="13" text-anchor="end">{peak:g} {html.escape(unit)}</text>'
        f'<text x="{left + span / 2}" y="{y + 32}" font-size="13" text-anchor="middle">'
        f"{html.escape(unit)} trong tháng</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
