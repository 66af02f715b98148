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
    width, left, right, bar_h, gap = 360, 118, 44, 16, 4
    span = width - left - right
    rows = [(m, [(c, series[c].get(m, 0.0)) for c in categories]) for m in months]
    height = 20 + sum(18 + len(bars) * (bar_h + gap) + 8 for _, bars in rows) + 34
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {max(height, 80)}" '
        f'role="img" aria-label="{html.escape(title)}"><title>{html.escape(title)}</title>',
    ]
    y = 20
    if not rows:
        parts.append(f'<text x="{width / 2}" y="40" font-size="14" text-anchor="middle">Chưa có số liệu.</text></svg>')
        return "".join(parts)
    for month, bars in rows:
        parts.append(
            f'<text x="0" y="{y + 12}" font-size="14" font-weight="700">Tháng {int(month[5:])}/{month[:4]}</text>'
        )
        y += 18
        for cat, value in bars:
            w = span * value / peak
            colour = palette[categories.index(cat) % len(palette)]
            parts.append(
                f'<text x="{left - 6}" y="{y + bar_h - 3}" font-size="12" text-anchor="end">'
                f"{html.escape(_short(cat))}</text>"
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                f"<title>{html.escape(cat)}: {value:g} {unit}</title></rect>"
                f'<text x="{left + w + 4:.1f}" y="{y + bar_h - 3}" font-size="12" font-weight="700">{value:g}</text>'
            )
            y += bar_h + gap
        y += 8
    parts.append(
        f'<line x1="{left}" y1="{y}" x2="{left + span}" y2="{y}" stroke="#333"/>'
        f'<text x="{left}" y="{y + 14}" font-size="11">0</text>'
        f'<text x="{left + span}" y="{y + 14}" font-size="11" text-anchor="end">{peak:g} {html.escape(unit)}</text>'
        f'<text x="{left + span / 2}" y="{y + 28}" font-size="11" text-anchor="middle">{html.escape(unit)} trong tháng</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str) -> str:
    """A category label that fits beside a bar on a phone."""
    return label if len(label) <= 18 else label[:17].rstrip() + "…"
