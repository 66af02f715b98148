"""`broadcast lexicon …`: the commune's pronunciation lexicon."""

from __future__ import annotations

import typer

from broadcast.cli.common import CommuneOption, JsonOption, transaction
from broadcast.cli.output import console, print_json
from broadcast.models import LexiconEntryPublic
from broadcast.services import lexicon as svc

app = typer.Typer(no_args_is_help=True)


@app.command("set")
def set_(
    written: str = typer.Argument(..., help="Chữ viết, ví dụ HTX hoặc Nậm Pồ."),
    spoken: str = typer.Argument(..., help='Cách đọc, ví dụ "hợp tác xã".'),
    commune: int = CommuneOption,
    note: str = typer.Option(None, "--note", help="Ghi chú."),
) -> None:
    """Thêm hoặc sửa cách đọc một từ cho xã (ưu tiên hơn từ điển có sẵn)."""
    with transaction() as (session, _):
        svc.set_entry(session, commune_id=commune, written=written, spoken=spoken, note=note)
    console.print(f"Từ nay «{written}» được đọc là «{spoken}».", highlight=False)


@app.command("list")
def list_(commune: int = CommuneOption, as_json: bool = JsonOption) -> None:
    """Liệt kê từ điển cách đọc của xã."""
    with transaction() as (session, _):
        rows = [LexiconEntryPublic.model_validate(e) for e in svc.entries(session, commune_id=commune)]
    if as_json:
        print_json(rows)
        return
    for r in rows:
        console.print(f"{r.written} → {r.spoken}" + (f"  ({r.note})" if r.note else ""), highlight=False)


@app.command("remove")
def remove(written: str = typer.Argument(..., help="Chữ viết cần bỏ."), commune: int = CommuneOption) -> None:
    """Bỏ một từ khỏi từ điển của xã."""
    with transaction() as (session, _):
        svc.remove_entry(session, commune_id=commune, written=written)
    console.print(f"Đã bỏ «{written}».", highlight=False)
