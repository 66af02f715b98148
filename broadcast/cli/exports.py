"""`broadcast export …`, `broadcast emergency`, `broadcast report`, `broadcast scheduler run`."""

from __future__ import annotations

from pathlib import Path

import typer

from broadcast.cli.common import CommuneOption, JsonOption, sweep_leftovers, transaction
from broadcast.cli.output import console, print_json
from broadcast.errors import InputError
from broadcast.services import schedule as sched

export_app = typer.Typer(no_args_is_help=True)
scheduler_app = typer.Typer(no_args_is_help=True)


@export_app.command("session")
def export_session(
    day: str = typer.Argument(..., help="Ngày, ví dụ 2025-09-15."),
    start: str = typer.Argument(..., help="Giờ buổi phát, ví dụ 05:30."),
    commune: int = CommuneOption,
    as_json: bool = JsonOption,
) -> None:
    """Chuẩn bị ngay chương trình của một buổi phát vào thư mục gửi đài."""
    sweep_leftovers()
    from broadcast.exports.station import deliver_session

    with transaction() as (session, settings):
        template = sched.get_session(session, commune_id=commune, start=start)
        delivery = deliver_session(session, settings, commune_id=commune, day=sched.parse_day(day), template=template)
    if as_json:
        print_json(
            {
                "folder": str(delivery.folder),
                "items": delivery.items,
                "seconds": delivery.seconds,
                "changed": delivery.changed,
            }
        )
        return
    print(delivery.folder)
    state = "đã cập nhật" if delivery.changed else "không đổi (đã có sẵn)"
    console.print(f"{delivery.items} bài, {delivery.seconds / 60:.1f} phút – {state}.")


@export_app.command("month")
def export_month(
    month: str = typer.Argument(..., help="Tháng, ví dụ 2025-09."),
    commune: int = CommuneOption,
    to: Path = typer.Option(..., "--to", help="Thư mục lưu tệp."),
    as_json: bool = JsonOption,
) -> None:
    """Xuất lịch tháng: CSV, lịch iCalendar (.ics) và bản in PDF có chỗ ký."""
    from broadcast.exports.month import export_month as run

    year, mon = sched.parse_month(month)
    with transaction() as (session, settings):
        files = run(session, settings, commune_id=commune, year=year, month=mon, to=to)
    print_json([str(f) for f in files]) if as_json else [print(f) for f in files]


@export_app.command("loa-keo")
def export_loa_keo(
    commune: int = CommuneOption,
    to: Path = typer.Option(..., "--to", help="Thư mục trên USB."),
    month: str = typer.Option(None, "--month", help="Các bài loa kéo trong lịch tháng này, ví dụ 2025-09."),
    scripts: str = typer.Option(None, "--scripts", help="Hoặc các bài này theo thứ tự, ví dụ 3,5,8."),
    repeats: int = typer.Option(1, "--repeat", help="Mỗi tệp lặp lại bài này số lần (cho xe chạy tuyến)."),
    gap: float = typer.Option(5.0, "--gap", help="Số giây nghỉ giữa hai lần lặp."),
    replace: bool = typer.Option(False, "--replace", help="Xóa các tệp của lần chép trước trong thư mục."),
    as_json: bool = JsonOption,
) -> None:
    """Chép bài cho loa kéo vào USB theo đúng thứ tự phát, kèm DANH_SACH.txt."""
    sweep_leftovers()
    from broadcast.exports.loa_keo import build

    if bool(month) == bool(scripts):
        raise InputError("Chọn một trong hai: --month 2025-09 hoặc --scripts 3,5,8.")
    ids = None
    if scripts:
        try:
            ids = [int(x) for x in scripts.split(",") if x.strip()]
        except ValueError as exc:
            raise InputError("Danh sách bài phải là các mã số cách nhau bởi dấu phẩy, ví dụ 3,5,8.") from exc
    with transaction() as (session, settings):
        bundle = build(
            session,
            settings,
            commune_id=commune,
            to=to,
            month=month,
            script_ids=ids,
            repeats=repeats,
            gap_s=gap,
            replace=replace,
        )
    if as_json:
        print_json(
            {
                "folder": str(bundle.folder),
                "files": [f.name for f in bundle.files],
                "total_bytes": bundle.total_bytes,
                "seconds": bundle.seconds,
            }
        )
        return
    for f in bundle.files:
        print(f.name)
    console.print(f"Đã chép {len(bundle.files)} tệp ({bundle.total_bytes / 1e6:.1f} MB) vào {bundle.folder}.")


def emergency(script_id: int = typer.Argument(..., help="Mã số bài khẩn cấp đã duyệt.")) -> None:
    """Phát khẩn cấp: dựng và chuyển ngay bài vào thư mục gửi đài, trước mọi lịch."""
    sweep_leftovers()
    from broadcast.exports.station import deliver_emergency

    with transaction() as (session, settings):
        delivery = deliver_emergency(session, settings, script_id=script_id)
    print(delivery.folder)
    console.print("[bold red]Đã chuyển bài khẩn cấp tới đài.[/] Hãy phát ngay.")


def report(
    commune: int = CommuneOption,
    first: str = typer.Option(..., "--from", help="Từ tháng, ví dụ 2025-01."),
    last: str = typer.Option(..., "--to", help="Đến tháng, ví dụ 2025-12."),
    category: str = typer.Option(None, "--category", help="Chỉ một chuyên mục, ví dụ cchc."),
    fmt: str = typer.Option("csv", "--format", help="csv hoặc docx."),
    out: Path = typer.Option(None, "--out", help="Tệp kết quả (mặc định in CSV ra màn hình)."),
) -> None:
    """Báo cáo số bài, số lượt phát, thời lượng theo tháng và chuyên mục; danh sách bài CCHC."""
    from broadcast.exports import reports
    from broadcast.fsutil import atomic_write_bytes

    if fmt not in ("csv", "docx"):
        raise InputError("Định dạng báo cáo phải là csv hoặc docx.")
    if fmt == "docx" and out is None:
        raise InputError("Báo cáo DOCX cần --out, ví dụ --out bao-cao-2025.docx.")
    with transaction() as (session, _):
        data = reports.build(session, commune_id=commune, first=first, last=last, category=category)
    body = reports.to_csv(data) if fmt == "csv" else reports.to_docx(data)
    if out:
        atomic_write_bytes(out, body)
        print(out)
    else:
        print(body.decode("utf-8-sig"), end="")


@scheduler_app.command("run")
def scheduler_run() -> None:
    """Chạy bộ hẹn giờ (không có web): tự chuyển chương trình tới đài trước mỗi buổi phát."""
    sweep_leftovers()
    import logging

    from broadcast.config import get_settings
    from broadcast.scheduling import jobs

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    console.print("Bộ hẹn giờ đang chạy; nhấn Ctrl+C để dừng.")
    jobs.start(get_settings(), blocking=True)


def playout(once: bool = typer.Option(False, "--once", help="Chỉ phát những buổi đến giờ lúc này rồi thoát.")) -> None:
    """Phát chương trình trên loa của máy tính đài đúng giờ từng buổi (sau phần tiếp sóng), ghi nhật ký."""
    import logging

    from broadcast.config import get_settings
    from broadcast.scheduling import playout as player

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    settings = get_settings()
    if once:
        played = player.run_once(settings)
        console.print(f"Đã phát {len(played)} buổi.")
        return
    console.print("Đang chờ giờ phát; nhấn Ctrl+C để dừng.")
    player.run_forever(settings)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export", help="Xuất chương trình buổi phát, lịch tháng, USB loa kéo.")
    app.add_typer(scheduler_app, name="scheduler", help="Bộ hẹn giờ chuyển chương trình tới đài.")
    app.command("emergency")(emergency)
    app.command("report")(report)
    app.command("playout")(playout)
