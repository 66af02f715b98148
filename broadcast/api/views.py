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
