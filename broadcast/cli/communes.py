"""`broadcast communes …`"""

from __future__ import annotations

import typer
from rich.table import Table

from broadcast.cli.common import JsonOption, transaction
from broadcast.cli.output import console, print_json
from broadcast.models import CommunePublic
from broadcast.services import communes as svc

app = typer.Typer(no_args_is_help=True)


@app.command("add")
def add(
    name: str = typer.Argument(..., help="Tên xã, ví dụ \"xã Phúc Lộc\"."),
    don_vi: str = typer.Option(None, "--don-vi", help="Tên đọc trong lời mở và lời kết (mặc định: \"Ủy ban nhân dân <tên xã>\")."),
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
    console.print(f"[bold]{commune.name}[/] (mã {commune.id})\nTên đọc: {commune.don_vi}\n"
                  f"Lời mở: {commune.opening_template}\nLời kết: {commune.closing_template}")
    console.print("Chuyên mục: " + ", ".join(f"{c['code']} ({c['label']})" for c in cats))
