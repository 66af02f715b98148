"""`broadcast communes …`"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from broadcast.cli.common import JsonOption, read_file, transaction
from broadcast.cli.output import console, print_json
from broadcast.errors import InputError
from broadcast.models import CommunePublic
from broadcast.services import communes as svc

app = typer.Typer(no_args_is_help=True)


@app.command("add")
def add(
    name: str = typer.Argument(..., help='Tên xã, ví dụ "xã Phúc Lộc".'),
    don_vi: str = typer.Option(
        None, "--don-vi", help='Tên đọc trong lời mở và lời kết (mặc định: "Ủy ban nhân dân <tên xã>").'
    ),
    as_json: bool = JsonOption,
) -> None:
    """Thêm một xã mới; in mã số của xã."""
    with transaction() as (session, _):
        commune = CommunePublic.model_validate(svc.create_commune(session, name=name, don_vi=don_vi))
    if as_json:
        print_json(commune)
    else:
        print(commune.id)


@app.command("list")
def list_(as_json: bool = JsonOption) -> None:
    """Liệt kê các xã."""
    with transaction() as (session, _):
        rows = [CommunePublic.model_validate(c) for c in svc.list_communes(session)]
    if as_json:
        print_json(rows)
        return
    table = Table("Mã", "Tên xã", "Tên đọc (đơn vị)", title="Các xã")
    for c in rows:
        table.add_row(str(c.id), c.name, c.don_vi)
    console.print(table)


@app.command("show")
def show(commune_id: int = typer.Argument(..., help="Mã số xã."), as_json: bool = JsonOption) -> None:
    """Xem thông tin một xã và các chuyên mục của xã."""
    with transaction() as (session, _):
        commune = CommunePublic.model_validate(svc.get_commune(session, commune_id=commune_id))
        cats = [{"code": c.code, "label": c.label} for c in svc.categories(session, commune_id=commune_id)]
    if as_json:
        print_json({**commune.model_dump(mode="json"), "categories": cats})
        return
    console.print(
        f"[bold]{commune.name}[/] (mã {commune.id})\nTên đọc: {commune.don_vi}\n"
        f"Lời mở: {commune.opening_template}\nLời kết: {commune.closing_template}"
    )
    console.print("Chuyên mục: " + ", ".join(f"{c['code']} ({c['label']})" for c in cats))


@app.command("configure")
def configure(
    commune_id: int = typer.Argument(..., help="Mã số xã."),
    engines: str = typer.Option(None, "--engines", help="Thứ tự giọng đọc, ví dụ gtts,espeak (espeak nên ở cuối)."),
    voice: str = typer.Option(None, "--voice", help="Giọng espeak-ng: vi, vi-vn-x-central hoặc vi-vn-x-south."),
    online_voice: str = typer.Option(None, "--online-voice", help="Giọng trực tuyến, ví dụ vi-VN-HoaiMyNeural."),
    main_voice: str = typer.Option(
        None, "--main-voice", help="Giọng chính, dạng HÃNG:GIỌNG, ví dụ viettel:hue-maingoc (xem «voices list»)."
    ),
    fallback: str = typer.Option(
        None, "--fallback", help="Giọng dự phòng theo thứ tự, ví dụ fpt:myan,espeak:vi-vn-x-central."
    ),
    rate: int = typer.Option(None, "--rate", help="Tốc độ đọc (từ/phút), mặc định 145."),
    target: float = typer.Option(None, "--target", help="Độ lớn mục tiêu (LUFS), mặc định -16."),
    horn: bool = typer.Option(None, "--horn/--no-horn", help="Bật/tắt bộ lọc cho loa ngoài trời."),
    opening: str = typer.Option(None, "--opening", help="Mẫu lời mở, dùng {don_vi} cho tên đơn vị."),
    closing: str = typer.Option(None, "--closing", help="Mẫu lời kết, dùng {don_vi} cho tên đơn vị."),
    don_vi: str = typer.Option(None, "--don-vi", help="Tên đơn vị đọc trong lời mở/kết."),
    as_json: bool = JsonOption,
) -> None:
    """Cài đặt giọng đọc, độ lớn, lời mở và lời kết của xã."""
    chain = engines.split(",") if engines else None
    if main_voice or fallback:
        with transaction() as (session, _):
            current = list(svc.get_commune(session, commune_id=commune_id).engine_chain)
        chain = svc.voice_chain(
            chain or current, main=main_voice, fallbacks=fallback.split(",") if fallback is not None else None
        )
    changes = svc.AudioSettings(
        engine_chain=chain,
        espeak_voice=voice,
        online_voice=online_voice,
        speech_rate=rate,
        loudness_target=target,
        horn_profile=horn,
        opening_template=opening,
        closing_template=closing,
        don_vi=don_vi,
    )
    with transaction() as (session, _):
        commune = CommunePublic.model_validate(svc.configure(session, commune_id=commune_id, changes=changes))
    if as_json:
        print_json(commune)
    else:
        console.print(f"Đã lưu cài đặt của {commune.name}.")


@app.command("jingle")
def jingle(
    commune_id: int = typer.Argument(..., help="Mã số xã."),
    slot: str = typer.Argument(..., help="intro (nhạc hiệu đầu), outro (nhạc hiệu cuối) hoặc bed (nhạc nền)."),
    file: Path = typer.Argument(None, help="Tệp WAV hoặc MP3; bỏ trống cùng --clear để dùng lại nhạc hiệu mặc định."),
    clear: bool = typer.Option(
        False, "--clear", help="Bỏ nhạc đã tải, dùng nhạc hiệu mặc định (hoặc không có nhạc nền)."
    ),
) -> None:
    """Tải nhạc hiệu hoặc nhạc nền của xã (được kiểm tra và chỉnh cùng độ lớn)."""
    if not clear and file is None:
        raise InputError("Cần chọn tệp nhạc (WAV/MP3), hoặc dùng --clear để bỏ nhạc đã tải.")
    with transaction() as (session, settings):
        svc.set_jingle(
            session,
            settings,
            commune_id=commune_id,
            slot=slot,
            data=None if clear else read_file(file),
            filename=None if clear else file.name,
        )
    console.print("Đã bỏ nhạc đã tải." if clear else f"Đã lưu nhạc «{file.name}» cho xã.")


@app.command("category")
def category(
    commune_id: int = typer.Argument(..., help="Mã số xã."),
    code: str = typer.Argument(..., help="Mã chuyên mục, ví dụ giao-thong."),
    label: str = typer.Argument(..., help='Tên chuyên mục, ví dụ "Giao thông nông thôn".'),
) -> None:
    """Thêm hoặc đổi tên một chuyên mục của xã."""
    with transaction() as (session, _):
        c = svc.set_category(session, commune_id=commune_id, code=code, label=label)
    console.print(f"Chuyên mục {c.code}: {c.label}.", highlight=False)
