"""`broadcast sessions …`, `broadcast quotas …`, `broadcast schedule …`"""

from __future__ import annotations

import typer
from rich.table import Table

from broadcast.cli.common import CommuneOption, JsonOption, transaction
from broadcast.cli.output import console, error, print_json
from broadcast.db import id_of
from broadcast.scheduling.rules import CheckResult, month_label
from broadcast.services import schedule as svc
from broadcast.services.scripts import get_script

sessions_app = typer.Typer(no_args_is_help=True)
quotas_app = typer.Typer(no_args_is_help=True)
schedule_app = typer.Typer(no_args_is_help=True)
DAY_NUMBERS = {"2": 0, "3": 1, "4": 2, "5": 3, "6": 4, "7": 5, "cn": 6, "8": 6}


@sessions_app.command("list")
def sessions_list(commune: int = CommuneOption, as_json: bool = JsonOption) -> None:
    """Liệt kê các buổi phát của xã."""
    with transaction() as (session, _):
        rows = [s.model_dump(mode="json") for s in svc.sessions(session, commune_id=commune)]
    if as_json:
        print_json(rows)
        return
    for r in rows:
        relay = f", {r['relay_min']} phút tiếp sóng" if r["relay_min"] else ""
        console.print(
            f"{r['id']}: {r['name']} {r['start']} ({r['length_min']} phút{relay}) – {r['days']}", highlight=False
        )


@sessions_app.command("add")
def sessions_add(
    name: str = typer.Argument(..., help='Tên buổi, ví dụ "Buổi trưa".'),
    start: str = typer.Argument(..., help="Giờ bắt đầu, ví dụ 11:00."),
    commune: int = CommuneOption,
    length: int = typer.Option(30, "--length", help="Thời lượng (phút)."),
    days: str = typer.Option(
        "daily", "--days", help="daily (hằng ngày), weekdays (thứ Hai–Sáu), hoặc các thứ như 2,4,6,cn."
    ),
    dates: str = typer.Option(None, "--dates", help="Chỉ các ngày này, ví dụ 2025-09-02,2025-09-03."),
    relay: int = typer.Option(0, "--relay", help="Số phút đầu buổi dành cho tiếp sóng đài cấp trên."),
) -> None:
    """Thêm một buổi phát định kỳ."""
    kind, weekdays = days, []
    if days not in ("daily", "weekdays"):
        try:
            weekdays = [DAY_NUMBERS[d.strip().lower()] for d in days.split(",")]
        except KeyError:
            error("Thứ không hợp lệ: dùng 2,3,4,5,6,7 hoặc cn (Chủ nhật).")
            raise typer.Exit(2) from None
        kind = "weekly"
    if dates:
        kind = "dates"
    with transaction() as (session, _):
        t = svc.add_session(
            session,
            commune_id=commune,
            name=name,
            start=start,
            length_min=length,
            days=kind,
            weekdays=weekdays,
            dates=dates.split(",") if dates else None,
            relay_min=relay,
        )
        console.print(f"Đã thêm buổi phát «{t.name}» lúc {t.start} (mã {t.id}).", highlight=False)


@sessions_app.command("remove")
def sessions_remove(
    session_id: int = typer.Argument(..., help="Mã buổi phát (xem «sessions list»)."), commune: int = CommuneOption
) -> None:
    """Bỏ một buổi phát không còn bài nào trong lịch."""
    with transaction() as (session, _):
        svc.remove_session(session, commune_id=commune, session_id=session_id)
    console.print(f"Đã bỏ buổi phát {session_id}.")


@quotas_app.command("remove")
def quotas_remove(
    category: str = typer.Argument(..., help="Chuyên mục, ví dụ y-te."), commune: int = CommuneOption
) -> None:
    """Bỏ chỉ tiêu của một chuyên mục."""
    with transaction() as (session, _):
        svc.remove_quota(session, commune_id=commune, category=category)
    console.print(f"Đã bỏ chỉ tiêu {category}.")


@quotas_app.command("list")
def quotas_list(commune: int = CommuneOption, as_json: bool = JsonOption) -> None:
    """Liệt kê chỉ tiêu hằng tháng theo chuyên mục."""
    with transaction() as (session, _):
        rows = [q.model_dump(mode="json") for q in svc.quotas(session, commune_id=commune)]
    if as_json:
        print_json(rows)
        return
    for q in rows:
        console.print(
            f"{q['category']}: tối thiểu {q['minimum']}, mục tiêu {q['target']} bài/tháng, cách nhau "
            f"≥ {q['spacing_days']} ngày, mỗi bài ≤ {q['max_per_script']} lần",
            highlight=False,
        )


@quotas_app.command("set")
def quotas_set(
    category: str = typer.Argument(..., help="Chuyên mục, ví dụ cchc."),
    commune: int = CommuneOption,
    minimum: int = typer.Option(..., "--min", help="Số bài tối thiểu mỗi tháng."),
    target: int = typer.Option(..., "--target", help="Số bài mục tiêu mỗi tháng."),
    spacing: int = typer.Option(5, "--spacing", help="Số ngày tối thiểu giữa hai lần phát cùng chuyên mục."),
    repeats: int = typer.Option(3, "--max-repeats", help="Số lần phát tối đa mỗi bài trong tháng."),
) -> None:
    """Đặt chỉ tiêu hằng tháng cho một chuyên mục."""
    with transaction() as (session, _):
        svc.set_quota(
            session,
            commune_id=commune,
            category=category,
            minimum=minimum,
            target=target,
            spacing_days=spacing,
            max_per_script=repeats,
        )
    console.print(f"Đã đặt chỉ tiêu {category}: tối thiểu {minimum}, mục tiêu {target}.", highlight=False)


def _print_check(result: CheckResult) -> None:
    for c in result.counts:
        colour = "green" if c.pieces >= c.minimum else "red"
        quota = (
            f" (tối thiểu {c.minimum}, mục tiêu {c.target}) – {c.status}; đã phát {c.aired}, đã xếp {c.planned}, "
            f"còn thiếu {c.missing}"
            if c.minimum or c.target
            else ""
        )
        console.print(f"[{colour}]{c.label}: {c.pieces} bài, {c.airings} lượt{quota}[/]", highlight=False)
    for v in result.violations:
        console.print(("[red]✗[/] " if v.blocking else "[yellow]![/] ") + v.message, highlight=False)
    if result.ok:
        console.print("[green]Lịch đạt mọi quy định.[/]")


@schedule_app.command("plan")
def plan(
    month: str = typer.Argument(..., help="Tháng, ví dụ 2025-09."),
    commune: int = CommuneOption,
    as_json: bool = JsonOption,
) -> None:
    """Tự xếp lịch cả tháng (giữ nguyên các mục đã khóa)."""
    year, mon = svc.parse_month(month)
    with transaction() as (session, settings):
        result = svc.plan_month(session, commune_id=commune, year=year, month=mon, tz=settings.tz)
    if as_json:
        print_json({**svc.check_as_dict(result.check), "placed": len(result.placements), "notes": result.notes})
    else:
        console.print(f"{month_label(year, mon)}: đã xếp {len(result.placements)} lượt phát.")
        _print_check(result.check)
    if not result.check.ok:
        raise typer.Exit(1)


@schedule_app.command("check")
def check(
    month: str = typer.Argument(..., help="Tháng, ví dụ 2025-09."),
    commune: int = CommuneOption,
    as_json: bool = JsonOption,
) -> None:
    """Kiểm tra lịch tháng; mã thoát khác 0 khi chưa đạt tối thiểu hoặc vi phạm quy định."""
    year, mon = svc.parse_month(month)
    with transaction() as (session, settings):
        result = svc.check_month(session, commune_id=commune, year=year, month=mon, tz=settings.tz)
    print_json(svc.check_as_dict(result)) if as_json else _print_check(result)
    if not result.ok:
        raise typer.Exit(1)


@schedule_app.command("show")
def show(
    month: str = typer.Argument(..., help="Tháng, ví dụ 2025-09."),
    commune: int = CommuneOption,
    as_json: bool = JsonOption,
) -> None:
    """Xem lịch phát sóng của tháng."""
    from broadcast.exports.month import WEEKDAYS, rows

    year, mon = svc.parse_month(month)
    with transaction() as (session, _):
        data = rows(session, commune_id=commune, year=year, month=mon)
    if as_json:
        print_json([r.model_dump(mode="json") for r in data])
        return
    table = Table(
        "Mục", "Ngày", "Buổi", "Bài", "Chuyên mục", "Khóa", title=f"Lịch phát sóng {month_label(year, mon).lower()}"
    )
    for r in data:
        table.add_row(
            str(r.item_id),
            f"{WEEKDAYS[r.day.weekday()]} {r.day:%d/%m}",
            f"{r.session} {r.start}",
            f"{r.position}. {r.title}",
            r.category,
            "có" if r.locked else "",
        )
    console.print(table)


@schedule_app.command("add")
def add(
    day: str = typer.Argument(..., help="Ngày, ví dụ 2025-09-15."),
    start: str = typer.Argument(..., help="Giờ của buổi phát, ví dụ 05:30."),
    script_id: int = typer.Argument(..., help="Mã số bài."),
    commune: int = CommuneOption,
) -> None:
    """Thêm một bài vào một buổi phát (có kiểm tra quy định)."""
    with transaction() as (session, settings):
        template = svc.get_session(session, commune_id=commune, start=start)
        item = svc.add_item(
            session,
            commune_id=commune,
            day=svc.parse_day(day),
            session_id=id_of(template),
            script_id=script_id,
            tz=settings.tz,
        )
        title = get_script(session, script_id=script_id).title
    console.print(f"Đã thêm «{title}» vào {template.name} ngày {day} (mục {item.id}).", highlight=False)


@schedule_app.command("move")
def move(
    item_id: int = typer.Argument(..., help="Mã mục lịch."),
    day: str = typer.Argument(..., help="Ngày mới."),
    start: str = typer.Argument(..., help="Giờ buổi phát mới."),
    commune: int = CommuneOption,
) -> None:
    """Chuyển một mục sang buổi phát khác trong tháng."""
    with transaction() as (session, settings):
        template = svc.get_session(session, commune_id=commune, start=start)
        svc.move_item(session, item_id=item_id, day=svc.parse_day(day), session_id=id_of(template), tz=settings.tz)
    console.print(f"Đã chuyển mục {item_id} sang {template.name} ngày {day}.", highlight=False)


@schedule_app.command("remove")
def remove(item_id: int = typer.Argument(..., help="Mã mục lịch.")) -> None:
    """Bỏ một mục khỏi lịch."""
    with transaction() as (session, _):
        svc.remove_item(session, item_id=item_id)
    console.print(f"Đã bỏ mục {item_id}.")


@schedule_app.command("lock")
def lock(
    item_id: int = typer.Argument(..., help="Mã mục lịch."),
    unlock: bool = typer.Option(False, "--unlock", help="Mở khóa."),
) -> None:
    """Khóa một mục để tự xếp lịch không thay đổi nó."""
    with transaction() as (session, _):
        svc.lock_item(session, item_id=item_id, locked=not unlock)
    console.print(f"Đã {'mở khóa' if unlock else 'khóa'} mục {item_id}.")


@schedule_app.command("preflight")
def preflight(
    hours: int = typer.Option(None, "--hours", help="Số giờ tới cần kiểm tra (mặc định BROADCAST_PREFLIGHT_HOURS)."),
    as_json: bool = JsonOption,
) -> None:
    """Kiểm tra trước giờ phát: mọi bài của các buổi sắp tới đã duyệt, đã dựng, tệp âm thanh còn nguyên."""
    from datetime import datetime

    from broadcast.scheduling import preflight as pf

    with transaction() as (session, settings):
        span = hours or settings.preflight_hours
        problems = pf.check(session, settings, now=datetime.now(settings.tz), hours=span)
    if as_json:
        print_json({"hours": span, "ok": not problems, "problems": [p.as_dict() for p in problems]})
    elif problems:
        for p in problems:
            console.print(f"[red]✗[/] {p.message}", highlight=False)
    else:
        console.print(f"[green]{span} giờ tới: mọi bài đã sẵn sàng phát.[/]", highlight=False)
    if problems:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(sessions_app, name="sessions", help="Các buổi phát định kỳ của xã.")
    app.add_typer(quotas_app, name="quotas", help="Chỉ tiêu số bài mỗi tháng theo chuyên mục.")
    app.add_typer(schedule_app, name="schedule", help="Lịch phát sóng tháng: tự xếp, kiểm tra, sửa tay.")
